"""Command line: python -m etl build | evaluate."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from etl.build import build
from etl.evaluate import format_table, load_golds, predicted_sets, score
from etl.inputs import InputError
from etl.knowledge import KnowledgeError

EXAMPLES = """examples:
  python -m etl build --input data/sample/articles.jsonl --out data/sample/tables
  python -m etl build --input my_articles/ --out my_tables
  python -m etl evaluate --gold ../shared/eval/dev --json
"""


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m etl",
        description="Find countries, blocs, alliances and sanctions in news articles and write tidy tables.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = p.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build the tables from articles")
    b.add_argument("--input", required=True, type=Path,
                   help="a folder of .json/.jsonl/.txt/.md files, or one .jsonl/.json file")
    b.add_argument("--out", required=True, type=Path, help="folder for the Parquet tables (created if missing)")
    b.add_argument("--quiet", action="store_true", help="no progress or problem lines on stderr")
    e = sub.add_parser("evaluate", help="build annotated articles and score them against their gold key")
    e.add_argument("--gold", required=True, type=Path, help="folder of annotated article .json files")
    e.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    return p


def run_build(args: argparse.Namespace) -> int:
    result = build(args.input, args.out, progress=None if args.quiet else sys.stderr)
    if not args.quiet:
        for problem in result.problems:
            print(f"warning: {problem}", file=sys.stderr)
    print(result.summary())
    if result.problems:
        print(f"rejected records are listed in {args.out / 'rejected.parquet'}")
    return 0


def run_evaluate(args: argparse.Namespace) -> int:
    if not args.gold.is_dir():
        raise InputError(f"{args.gold}: not a folder of annotated articles")
    result = build(args.gold, None, progress=None)
    scores = score(load_golds(args.gold), predicted_sets(result.tables))
    print(json.dumps(scores) if args.json else format_table(scores))
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return run_build(args) if args.command == "build" else run_evaluate(args)
    except (InputError, KnowledgeError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
