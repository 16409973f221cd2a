"""build(workers=2) spreads the batches over processes and gives the same tables;
neither the batch size nor the output folder changes a table."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pandas as pd
import pandas.testing as pdt
import pytest

from etl import store
from etl.build import TABLE_NAMES, build
from etl.cli import main, parser
from etl.text import sentence_spans


def add_generated(corpus: Path, n: int = 25, seed: int = 3) -> None:
    """n more articles, shuffled sentences of the team's corpus, some with no date
    or no mention, so several chunks go to the pool and their order matters."""
    rng = random.Random(seed)
    records = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(corpus.glob("*.json"))]
    sentences = [r["text"][s:e] for r in records for s, e in sentence_spans(r["text"])]
    sentences.append("Nothing of note happened in the markets today.")
    lines = [
        json.dumps({"id": f"gen-{i:03d}", "title": rng.choice(records)["title"], "source": "Generated",
                    "published": None if i % 7 == 0 else f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}",
                    "text": " ".join(rng.choice(sentences) for _ in range(rng.randint(1, 6))) + f" Item {i}."})
        for i in range(n)
    ]
    # Ids out of order in the file: the tables must still come out sorted the same way.
    rng.shuffle(lines)
    (corpus / "generated.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_two_workers_build_the_same_tables(corpus_dir: Path, tmp_path: Path) -> None:
    add_generated(corpus_dir)
    one = build(corpus_dir, tmp_path / "one", progress=None, workers=1)
    two = build(corpus_dir, tmp_path / "two", progress=None, workers=2)
    assert len(one.tables["articles"]) == 28
    assert len(one.tables["mentions"]) > 0 and len(one.tables["alliances"]) > 0 and len(one.tables["sanctions"]) > 0
    for name in TABLE_NAMES:
        pdt.assert_frame_equal(one.tables[name], two.tables[name], obj=name)
    assert one.summary().split("; ")[:-1] == two.summary().split("; ")[:-1]  # all but the seconds


@pytest.mark.parametrize(("batch", "workers"), [(1, 2), (4, 2), (4, 1), (500, 2)])
def test_batch_size_and_workers_do_not_change_the_tables(corpus_dir: Path, batch: int, workers: int) -> None:
    add_generated(corpus_dir, n=12)
    expected = build(corpus_dir, progress=None).tables
    got = build(corpus_dir, progress=None, batch=batch, workers=workers).tables
    for name in TABLE_NAMES:
        pdt.assert_frame_equal(expected[name], got[name], obj=name)


def test_tables_keep_the_order_articles_were_read_in(corpus_dir: Path) -> None:
    add_generated(corpus_dir, n=12)
    tables = build(corpus_dir, progress=None, batch=3).tables
    order = list(tables["articles"]["article_id"])
    for name in ("mentions", "alliances", "sanctions"):
        seen = list(dict.fromkeys(tables[name]["article_id"]))
        assert seen == [a for a in order if a in set(seen)], name


def test_written_tables_equal_the_tables_kept_in_memory(corpus_dir: Path, tmp_path: Path) -> None:
    add_generated(corpus_dir, n=12)
    kept = build(corpus_dir, progress=None).tables
    build(corpus_dir, tmp_path / "out", progress=None, batch=5, workers=2)
    assert len(store.parts(tmp_path / "out", "mentions")) == 1  # batches are row groups of one part
    for name in TABLE_NAMES:
        pdt.assert_frame_equal(kept[name], store.read_table(tmp_path / "out", name), obj=name)


def test_cli_workers_flag(corpus_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert parser().parse_args(["build", "--input", "x", "--out", "y"]).workers >= 1
    assert main(["build", "--input", str(corpus_dir), "--out", str(tmp_path / "out"), "--workers", "2", "--quiet"]) == 0
    assert "built 3 articles" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        parser().parse_args(["build", "--input", "x", "--out", "y", "--workers", "0"])


def test_each_table_reads_whole_as_name_parquet(corpus_dir: Path, tmp_path: Path) -> None:
    """The output contract (../shared/eval/README.md): OUT_DIR/<name>.parquet is the
    table, as pandas.read_parquet reads it, even when an append has added a part."""
    build(corpus_dir, tmp_path / "out", progress=None)
    add_generated(corpus_dir, n=5)
    build(corpus_dir, tmp_path / "out", progress=None, append=True)
    for name in TABLE_NAMES:
        assert len(store.parts(tmp_path / "out", name)) == 2, name
        pdt.assert_frame_equal(pd.read_parquet(tmp_path / "out" / f"{name}.parquet"),
                               store.read_table(tmp_path / "out", name), obj=name)
