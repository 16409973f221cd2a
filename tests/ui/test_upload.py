"""Bring your own news: safe names, processing an upload, the sample/mine/both
choice, and the Upload page through AppTest (file_uploader included)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from etl import store
from etl.inputs import Columns
from ui import loaders, upload

ROOT = Path(__file__).resolve().parents[2]
GOOD = {"id": "u1", "title": "Andes trade", "text": "Chile and Peru signed a trade agreement.",
        "published": "2025-01-02"}
JSONL = (json.dumps(GOOD) + "\n{broken\n").encode()


@dataclass
class FakeUpload:
    name: str
    data: bytes

    def getvalue(self) -> bytes:
        return self.data


@pytest.mark.parametrize(("index", "original", "expected"), [
    (0, "news.jsonl", "000/news.jsonl"), (3, "Export.CSV", "003/Export.csv"),
    (12, "../../etc/feed.rss", "012/feed.rss"), (1, "..\\..\\win\\page.HTM", "001/page.htm"),
    (2, "..hidden.txt", "002/hidden.txt"), (4, "my\x00 news\n.md", "004/my news.md"), (5, "README.md", "005/upload-005.md"),
    (6, ".txt", None),  # a dot-file: no suffix at all
    (0, "../../etc/passwd", None), (0, "run.exe", None), (0, "noext", None), (0, "archive.json.gz", None),
])
def test_safe_names_never_carry_the_users_path(index: int, original: str, expected: str | None) -> None:
    assert upload.safe_name(index, original) == expected


def test_process_builds_the_good_record_and_names_the_bad_line() -> None:
    outcome = upload.process([FakeUpload("my news.jsonl", JSONL)])
    try:
        assert outcome.folder is not None and outcome.folder.parent == Path(tempfile.gettempdir())
        assert not outcome.folder.is_relative_to(ROOT)
        assert (outcome.articles, outcome.duplicates) == (1, 0) and outcome.countries == 2
        assert outcome.problems[["file", "line"]].values.tolist() == [["my news.jsonl", 2]]
        assert "JSON" in outcome.problems["reason"].iloc[0]
        arts = store.read_table(outcome.folder, "articles")
        assert arts["article_id"].tolist() == ["u1"] and arts["input_file"].tolist() == ["my news.jsonl"]
        assert not list(Path(tempfile.gettempdir()).glob("dashboard-upload-*"))  # the saved copies are gone
    finally:
        shutil.rmtree(outcome.folder or "", ignore_errors=True)


def test_duplicates_and_csv_columns() -> None:
    csv = b"body;headline\nIran and Iraq signed a treaty.;One\nIran and Iraq signed a treaty.;Again\n"
    outcome = upload.process([FakeUpload("a.csv", csv)], columns=Columns(text="body", title="headline"))
    shutil.rmtree(outcome.folder or "", ignore_errors=True)
    assert (outcome.articles, outcome.duplicates) == (1, 1)


@pytest.mark.parametrize("url", ["/etc/passwd", "file:///etc/passwd", "http://127.0.0.1:9/feed"])
def test_paths_and_private_addresses_are_refused(url: str) -> None:
    outcome = upload.process([], url)
    assert outcome.folder is None and outcome.articles == 0
    assert len(outcome.problems) == 1 and outcome.problems["file"].iloc[0] == url


def test_url_settings_come_from_the_environment() -> None:
    assert upload.url_settings({}) == (False, False)
    assert upload.url_settings({"DASHBOARD_ALLOW_URLS": "1", "DASHBOARD_ALLOW_PRIVATE_URLS": "1"}) == (True, True)
    assert upload.url_settings({"DASHBOARD_ALLOW_URLS": "0"}) == (False, False)


def test_keep_replaces_the_previous_upload_but_not_with_nothing(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir(), second.mkdir()
    state: dict[str, object] = {}
    upload.keep(state, upload.Outcome(first))
    upload.keep(state, upload.Outcome(None))
    assert state[loaders.UPLOADED] == str(first) and first.exists()
    upload.keep(state, upload.Outcome(second))
    assert state[loaders.UPLOADED] == str(second) and not first.exists()


def test_combine_prefixes_colliding_ids_everywhere(mini: dict[str, pd.DataFrame]) -> None:
    mine = {name: df[df["article_id"] == "a1"] for name, df in mini.items()}
    both = loaders.combine(mini, mine)
    ids = both["articles"]["article_id"].tolist()
    assert ids == ["a1", "a2", "a3", "upload:a1"] and len(set(ids)) == 4
    for name in ("mentions", "ambiguous", "alliances", "sanctions"):
        assert len(both[name]) == len(mini[name]) + len(mine[name])
        assert (both[name]["article_id"] == "upload:a1").sum() == len(mine[name])
    assert list(both["articles"].columns) == list(mini["articles"].columns)
    assert loaders.combine(mini, {n: df.iloc[:0] for n, df in mini.items()})["articles"].equals(mini["articles"])


# --- The page and the choice, through AppTest ------------------------------------------------------------------


def run(page: str, state: dict[str, object] | None = None, **query: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / page), default_timeout=60)
    for key, value in (state or {}).items():
        at.session_state[key] = value
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def test_the_upload_page_renders_with_urls_off(mini_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DASHBOARD_ALLOW_URLS", raising=False)
    at = run("pages/5_Upload.py")
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == "Your articles"
    uploader = at.get("file_uploader")[0]
    assert uploader.accept_multiple_files and set(uploader.allowed_type) == {f".{t}" for t in upload.TYPES}
    assert at.text_input(key="upload_url").disabled
    text = " ".join(c.value for c in at.caption)
    assert "50 MB" in text and "DASHBOARD_ALLOW_URLS=1" in text
    assert not at.radio  # nothing uploaded yet: no choice to make


def test_urls_can_be_turned_on(mini_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DASHBOARD_ALLOW_URLS", "1")
    at = run("pages/5_Upload.py")
    assert not at.text_input(key="upload_url").disabled
    assert "DASHBOARD_ALLOW_PRIVATE_URLS=1" in at.text_input(key="upload_url").help


def test_upload_then_choose_mine_on_every_page(mini_env: Path) -> None:
    at = run("pages/5_Upload.py")
    at.get("file_uploader")[0].set_value([("my news.jsonl", JSONL, "application/json")]).run()
    at.button[0].click().run()
    assert not at.exception, [e.value for e in at.exception]
    got = {m.label: m.value for m in at.metric}
    assert (got["Articles"], got["Problems"]) == ("1", "1")
    assert at.code[0].value.startswith("my news.jsonl:2: malformed JSON")
    # A successful upload switches every page to the user's articles; one click goes back.
    assert at.radio(key="dataset").value == "mine"
    folder = at.session_state[loaders.UPLOADED]
    overview = run("dashboard.py", {loaders.UPLOADED: folder, "dataset": "mine"})
    assert {m.label: m.value for m in overview.metric}["Articles"] == "1"
    at.radio(key="dataset").set_value("sample").run()
    assert at.radio(key="dataset").value == "sample" and not at.exception
    try:
        state = {loaders.UPLOADED: folder}
        for choice, articles in (("mine", "1"), ("both", "4"), ("sample", "3")):
            overview = run("dashboard.py", state, dataset=choice)
            assert not overview.exception, [e.value for e in overview.exception]
            assert overview.sidebar.radio(key="dataset").value == choice
            assert {m.label: m.value for m in overview.metric}["Articles"] == articles
        countries = run("pages/1_Countries.py", state, dataset="mine")
        assert {str(o) for o in countries.sidebar.multiselect(key="country").options} >= {"Chile", "Peru"}
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_a_link_asking_for_uploads_without_any_shows_the_sample(mini_env: Path) -> None:
    at = run("dashboard.py", dataset="mine")
    assert {m.label: m.value for m in at.metric}["Articles"] == "3"
    assert not at.sidebar.radio and any("uploaded articles" in c.value for c in at.sidebar.caption)


def test_switching_the_choice_resets_the_date_filter(mini_env: Path) -> None:
    outcome = upload.process([FakeUpload("mine.jsonl", JSONL)])
    try:
        at = run("dashboard.py", {loaders.UPLOADED: str(outcome.folder)})
        at.sidebar.date_input(key="dates").set_value((dt.date(2024, 1, 10), dt.date(2024, 6, 30))).run()
        assert {m.label: m.value for m in at.metric}["Articles"] == "2"
        for choice, articles in (("mine", "1"), ("both", "4")):
            at.sidebar.radio(key="dataset").set_value(choice).run()
            assert not at.exception, [e.value for e in at.exception]
            assert {m.label: m.value for m in at.metric}["Articles"] == articles  # the whole new span
    finally:
        shutil.rmtree(outcome.folder or "", ignore_errors=True)


def test_sweep_removes_only_the_tables_of_sessions_long_gone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A closed browser session never says so: its uploaded tables would stay on the
    server's disk for good. Those untouched for a day go; a live session's stay."""
    import os
    import time

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    gone, live = tmp_path / f"{upload.MINE_PREFIX}gone", tmp_path / f"{upload.MINE_PREFIX}live"
    other = tmp_path / "someone-elses-folder"
    for folder in (gone, live, other):
        (folder / "articles.parquet").mkdir(parents=True)
    day_ago = time.time() - upload.STALE_SECONDS - 60
    os.utime(gone, (day_ago, day_ago))
    os.utime(other, (day_ago, day_ago))
    assert upload.sweep() == 1
    assert not gone.exists() and live.exists() and other.exists()


def test_text_files_keep_their_file_name_as_id_as_the_cli_does(tmp_path: Path) -> None:
    """`python -m etl build` names a .txt, .md or .html article after its file;
    an upload of the same files gives the same ids and titles."""
    from etl.build import build

    files = {"Moscow talks.txt": b"Talks in Moscow\nRussia and China met in Moscow.",
             "brief.md": b"# EU brief\nThe EU met Turkey.",
             "page.html": b"<html><head><title>Iran page</title></head><body><article><h1>Iran page</h1>"
                          b"<p>Iran and Iraq signed a border agreement after long talks in Baghdad this week, "
                          b"officials said.</p></article></body></html>"}
    folder = tmp_path / "in"
    folder.mkdir()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    cli = build(folder, out_dir=None, progress=None).tables["articles"]
    outcome = upload.process([FakeUpload(name, data) for name, data in files.items()])
    try:
        assert outcome.folder is not None, outcome.problems
        mine = store.read_table(outcome.folder, "articles")
        expected = sorted(zip(cli["article_id"], cli["title"], strict=True))
        assert sorted(zip(mine["article_id"], mine["title"], strict=True)) == expected
        assert {a for a, _ in expected} == {"Moscow talks", "brief", "page"}
        assert sorted(mine["input_file"]) == sorted(files)
    finally:
        shutil.rmtree(outcome.folder or "", ignore_errors=True)


def test_two_uploads_of_one_name_are_saved_apart_and_reported_as_the_cli_does() -> None:
    """Both files are written (each in its folder); their articles share the id
    'a', which the build reports as a duplicate id, keeping the first."""
    outcome = upload.process([FakeUpload("a.txt", b"One\nRussia met Iran."), FakeUpload("a.txt", b"Two\nChina met Peru.")])
    try:
        assert (outcome.articles, outcome.duplicates) == (1, 1)
        assert outcome.problems.values.tolist() == [["a.txt", pd.NA, "duplicate id 'a', kept the first"]]
        assert store.read_table(outcome.folder, "articles")["title"].tolist() == ["One"]
    finally:
        shutil.rmtree(outcome.folder or "", ignore_errors=True)


STORY_CSV = b"story,headline\nChile and Peru signed a trade agreement.,Andes deal\n"
STORY_JSON = json.dumps({"id": "j1", "text": "Iran and Iraq met.", "title": "Gulf talks"}).encode()


def test_column_names_apply_to_csv_only_and_json_keeps_its_keys() -> None:
    outcome = upload.process([FakeUpload("export.csv", STORY_CSV), FakeUpload("one.json", STORY_JSON)],
                             columns=Columns(text="story"))
    try:
        assert outcome.problems.empty, outcome.problems
        arts = store.read_table(outcome.folder, "articles").set_index("article_id")
        assert sorted(arts.index) == ["export-2", "j1"]
        assert arts.loc["j1", "title"] == "Gulf talks" and arts.loc["export-2", "title"] == "Andes deal"
    finally:
        shutil.rmtree(outcome.folder or "", ignore_errors=True)


def test_messages_name_the_column_the_user_set_and_the_apps_remedy() -> None:
    outcome = upload.process([FakeUpload("export.csv", b"body,headline\nIran met Iraq.,Talks\n")],
                             columns=Columns(text="story", title="heading", published="when"))
    assert outcome.folder is None
    assert upload.problem_lines(outcome.problems).splitlines() == [
        "export.csv:1: no 'heading' column (the Title column you set), so the articles have no title; "
        "columns found: 'body', 'headline'",
        "export.csv:1: no 'when' column (the Date column you set), so the articles have no date; "
        "columns found: 'body', 'headline'",
        "export.csv:1: no 'story' column (the Text column you set); columns found: 'body', 'headline'. Correct the "
        "Text column under \"CSV columns\", or leave it empty to use text, body or content",
    ]
    assert "--" not in upload.problem_lines(outcome.problems)


def test_without_a_text_column_the_message_points_to_the_field() -> None:
    outcome = upload.process([FakeUpload("export.csv", b"story,headline\nIran met Iraq.,Talks\n")])
    assert outcome.problems["reason"].tolist() == [
        "no text column (one of 'text', 'body', 'content'); columns found: 'story', 'headline'. Name the column "
        "that holds the text in the Text column field under \"CSV columns\""]


def test_a_private_address_names_the_apps_setting_not_the_cli_flag() -> None:
    reason = "http://127.0.0.1/: refused, 127.0.0.1 resolves to 127.0.0.1, a loopback address; " + \
        "use --allow-private-urls to fetch from your own machine or network"
    assert upload.in_app(reason, Columns()) == (
        "http://127.0.0.1/: refused, 127.0.0.1 resolves to 127.0.0.1, a loopback address; this app refuses "
        "private and loopback addresses unless it runs with DASHBOARD_ALLOW_PRIVATE_URLS=1 (local use only)")
    outcome = upload.process([], "http://127.0.0.1:9/feed")
    assert "DASHBOARD_ALLOW_PRIVATE_URLS=1" in outcome.problems["reason"].iloc[0]
    assert "--allow-private-urls" not in outcome.problems["reason"].iloc[0]


def test_the_upload_page_shows_each_problem_in_full(mini_env: Path) -> None:
    at = run("pages/5_Upload.py")
    at.get("file_uploader")[0].set_value([("export.csv", b"body\nx\n", "text/csv")]).run()
    at.text_input(key="upload_text_col").set_value("story").run()
    at.button[0].click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.code[0].value == ("export.csv:1: no 'story' column (the Text column you set); columns found: 'body'. "
                                "Correct the Text column under \"CSV columns\", or leave it empty to use text, "
                                "body or content")
