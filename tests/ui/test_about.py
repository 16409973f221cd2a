"""How far to trust it: the About page quotes the README's accuracy table as
it is, and every relations chart carries a note that links to the page."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from ui import about
from ui import page as page_module

ROOT = Path(__file__).resolve().parents[2]
README = """# X

## Accuracy

Some words.

| field | dev P | dev R | dev F1 | check P | check R | check F1 |
|---|---|---|---|---|---|---|
| alliance pairs | 0.799 | 0.633 | 0.706 | 0.739 | 0.505 | 0.600 |
| sanction links (sender → target) | 0.883 | 0.616 | 0.726 | 0.857 | 0.419 | 0.563 |

| other | table |
|---|---|

## Next

| field | dev P | dev R | dev F1 | check P | check R | check F1 |
| not accuracy | 1 | 1 | 1 | 1 | 1 | 1 |
"""


def test_the_accuracy_table_is_read_from_its_section_only() -> None:
    table = about.accuracy_table(README)
    assert table.values.tolist() == [["alliance pairs", 0.799, 0.633, 0.706, 0.739, 0.505, 0.6],
                                     ["sanction links (sender → target)", 0.883, 0.616, 0.726, 0.857, 0.419, 0.563]]
    assert about.accuracy_table("# no such section").empty


def test_a_note_quotes_the_check_scores_of_its_field() -> None:
    table = about.accuracy_table(README)
    assert about.note("alliances", table) == (
        "Measured on annotated articles nobody tuned on: about 74% of the allied pairs found are right, and 50% "
        "of the real ones are found. Check any number in the evidence below.")
    assert "86% of the sender → target links" in about.note("senders", table)
    assert "not checked by hand" in about.note("actions", table)  # no such row: no number made up


def test_the_readme_has_a_score_for_every_note() -> None:
    fields = set(about.accuracy()["field"])
    assert {field for field, _ in about.NOTES.values()} <= fields


def test_the_about_page_shows_the_readmes_table(mini_env: Path) -> None:
    at = AppTest.from_file(str(ROOT / about.PAGE), default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    readme = about.accuracy_table((ROOT / "README.md").read_text(encoding="utf-8"))
    pd.testing.assert_frame_equal(at.dataframe[0].value, readme)
    assert [h.value for h in at.header] == ["Where the articles come from", "How the rows are made",
                                            "How often it is right", "What it misses", "How to check any number"]
    assert any("python -m etl explain" in m.value for m in at.markdown)


@pytest.mark.parametrize(("page", "query", "notes"), [
    ("pages/2_Alliances.py", {}, 2), ("pages/3_Sanctions.py", {}, 3),
    ("pages/1_Countries.py", {"country": "Russia"}, 2), ("dashboard.py", {"measure": "Sanctioned (articles)"}, 1),
    ("dashboard.py", {}, 0),
])
def test_each_relations_chart_links_to_the_about_page(mini_env: Path, page: str, query: dict[str, str],
                                                      notes: int) -> None:
    at = AppTest.from_file(str(ROOT / page), default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    # A page under pages/ run alone knows no other page: its note names the
    # About page instead of linking to it (the browser test clicks the link).
    links = [e for e in at.get("page_link") if e.proto.label == page_module.ABOUT_LINK]
    named = [c for c in at.caption if c.value == f"{page_module.ABOUT_LINK}: the About this data page."]
    assert len(links) + len(named) == notes
    assert all(e.proto.page == "About_this_data" for e in links)
    assert sum("Measured on annotated articles" in c.value for c in at.caption) == notes
