"""Command line: python -m etl build | follow | import-mentions | evaluate | explain | train."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from etl.build import build
from etl.evaluate import format_table, load_golds, predicted_sets, score
from etl.explain import explain, find_article
from etl.follow.command import run_follow
from etl.follow.feedlist import parse_interval
from etl.imports import import_mentions
from etl.inputs import Columns, InputError
from etl.inputs.columns import USUAL_NAMES
from etl.inputs.web import TIMEOUT_SECONDS
from etl.knowledge import KnowledgeError
from etl.paths import DATA_DIR

# --text-col and friends: flag name -> Columns field.
COLUMN_FIELDS = {"text": "text", "title": "title", "date": "published", "id": "article_id", "source": "source", "url": "url"}

EXAMPLES = """examples:
  python -m etl build --input data/sample/articles.jsonl --out data/sample/tables
  python -m etl build --input my_articles/ --out my_tables
  python -m etl build --input export.csv --text-col body --date-col pubDate --out my_tables --append
  python -m etl build --input https://example.org/world/rss.xml --out my_tables
  python -m etl build --input big_corpus/ --out my_tables --engine dask --scheduler tcp://10.0.0.5:8786
  python -m etl follow --feeds feeds.txt --out my_tables --every 15m
  python -m etl import-mentions their_mentions.jsonl --articles my_articles/ --out their_tables
  python -m etl evaluate --gold ../shared/eval/dev --json
  python -m etl explain --text "Russia and Iran signed a treaty."
  python -m etl explain --article ru-kp-treaty-2024 --input my_articles/
"""


def positive(value: str) -> int:
    """An integer of at least 1 (for --workers)."""
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value} is not a positive whole number")
    return number


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m etl",
        description="Find countries, blocs, alliances and sanctions in news articles and write tidy tables.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = p.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build the tables from articles")
    b.add_argument("--input", required=True,
                   help="a folder of .json/.jsonl/.csv/.txt/.md/.html/.xml/.rss/.atom files, one such file, "
                        "or an http(s) URL of a feed or page")
    b.add_argument("--out", required=True, type=Path, help="folder for the Parquet tables (created if missing)")
    b.add_argument("--quiet", action="store_true", help="no progress or problem lines on stderr")
    b.add_argument("--append", action="store_true",
                   help="add the new articles to the tables already in --out (ids already there are skipped)")
    for name, field in COLUMN_FIELDS.items():
        usual = "/".join(USUAL_NAMES[field])
        b.add_argument(f"--{name}-col", metavar="NAME", help=f"CSV column / JSON key of the {name} (default: {usual})")
    b.add_argument("--allow-private-urls", action="store_true",
                   help="let --input URLs reach private, loopback and link-local addresses (local servers)")
    b.add_argument("--expand-blocs", action="store_true",
                   help="also write the sanctions_expanded table, bloc senders replaced by their member states")
    b.add_argument("--workers", type=positive, default=os.cpu_count() or 1, metavar="N",
                   help="processes for the extraction (default: all cores, here %(default)s); 1 runs in-process")
    b.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="where the extraction runs: this machine (default) or a Dask cluster, "
                        "tables split by month (docs/cluster.md)")
    b.add_argument("--scheduler", metavar="ADDRESS",
                   help="with --engine dask: the scheduler, e.g. tcp://10.0.0.5:8786, or 'local' for a cluster here")
    add_follow(sub.add_parser("follow", help="poll news feeds and append their new articles to the tables, "
                                             "every --every or --once (docs/following.md)"))
    m = sub.add_parser("import-mentions", help="build the tables from another extractor's mentions (JSONL)")
    m.add_argument("mentions", type=Path, help="JSONL file of mentions; schema in docs/import-mentions.md")
    m.add_argument("--articles", required=True, help="the articles the mentions point into (same forms as build --input)")
    m.add_argument("--out", required=True, type=Path, help="folder for the Parquet tables (created if missing)")
    m.add_argument("--quiet", action="store_true", help="no problem lines on stderr")
    e = sub.add_parser("evaluate", help="build annotated articles and score them against their gold key")
    e.add_argument("--gold", required=True, type=Path, help="folder of annotated article .json files")
    e.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    t = sub.add_parser("train", help="fit the weights of the scored relation layer on annotated articles "
                                     "(needs scikit-learn, in requirements-dev.txt)")
    t.add_argument("--gold", required=True, type=Path, help="folder of annotated article .json files")
    t.add_argument("--out", type=Path, default=DATA_DIR / "relation_weights.csv",
                   help="where to write the weights (default: %(default)s)")
    x = sub.add_parser("explain", help="show, sentence by sentence, the mentions and the rule behind each row")
    source = x.add_mutually_exclusive_group(required=True)
    source.add_argument("--text", help="a text to explain (its first sentence is not taken as a title)")
    source.add_argument("--article", help="the id of an article in --input")
    x.add_argument("--input", help="where to find --article (same forms as build --input)")
    return p


def add_follow(f: argparse.ArgumentParser) -> None:
    f.add_argument("--feeds", required=True, type=Path,
                   help="file of feed or page URLs, one a line, each optionally followed by a label "
                        "(the articles' source); '#' starts a comment")
    f.add_argument("--out", required=True, type=Path, help="folder for the Parquet tables (created if missing)")
    f.add_argument("--every", type=interval, default="15m", metavar="INTERVAL",
                   help="time between passes: 90s, 15m, 1h (default: %(default)s)")
    f.add_argument("--once", action="store_true", help="one pass, then exit (for cron or CI)")
    f.add_argument("--allow-private-urls", action="store_true",
                   help="let feed URLs reach private, loopback and link-local addresses (local servers)")
    f.add_argument("--quiet", action="store_true", help="no line per feed on stderr")
    f.add_argument("--timeout", type=float, default=TIMEOUT_SECONDS, metavar="SECONDS",
                   help="give up on a feed that has not answered in full within this time (default: %(default)g)")
    f.add_argument("--host-delay", type=float, default=2.0, metavar="SECONDS",
                   help="pause between two requests to the same host (default: %(default)g)")


def interval(value: str) -> float:
    try:
        return parse_interval(value)
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def run_build(args: argparse.Namespace) -> int:
    columns = Columns(**{field: getattr(args, f"{name}_col") for name, field in COLUMN_FIELDS.items()})
    if (args.engine == "dask") != (args.scheduler is not None):
        raise InputError("--engine dask needs --scheduler ADDRESS (tcp://host:8786, or local), and only it takes one")
    if args.engine == "dask":
        from etl.distributed import build_on_cluster  # imports dask: only when asked for

        result = build_on_cluster(args.input, args.out, args.scheduler, progress=None if args.quiet else sys.stderr,
                                  columns=columns, allow_private=args.allow_private_urls, append=args.append,
                                  expand_blocs=args.expand_blocs)
    else:
        result = build(args.input, args.out, progress=None if args.quiet else sys.stderr, columns=columns,
                       allow_private=args.allow_private_urls, append=args.append, expand_blocs=args.expand_blocs,
                       workers=args.workers)
    if not args.quiet:
        for problem in result.problems:
            print(f"warning: {problem}", file=sys.stderr)
    print(result.summary())
    if result.problems:
        print(f"rejected records are listed in {args.out / 'rejected.jsonl'} (and the table {args.out / 'rejected'})")
    return 0


def run_import_mentions(args: argparse.Namespace) -> int:
    result = import_mentions(args.mentions, args.articles, args.out)
    if not args.quiet:
        for problem in result.problems:
            print(f"warning: {problem}", file=sys.stderr)
    print(result.summary())
    return 0


def run_evaluate(args: argparse.Namespace) -> int:
    if not args.gold.is_dir():
        raise InputError(f"{args.gold}: not a folder of annotated articles")
    result = build(args.gold, None, progress=None)
    scores = score(load_golds(args.gold), predicted_sets(result.tables))
    print(json.dumps(scores) if args.json else format_table(scores))
    return 0


def run_train(args: argparse.Namespace) -> int:
    if not args.gold.is_dir():
        raise InputError(f"{args.gold}: not a folder of annotated articles")
    from etl.train import train  # imports scikit-learn: only when asked for

    train(args.gold, args.out, sys.stdout)
    print(f"wrote {args.out}")
    return 0


def run_explain(args: argparse.Namespace) -> int:
    if args.article is not None:
        if args.input is None:
            raise InputError("explain --article needs --input")
        article = find_article(args.article, args.input)
        print(explain(article.article_id, article.title, article.text))
    else:
        print(explain("text", "", args.text))
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    commands = {"build": run_build, "evaluate": run_evaluate, "explain": run_explain, "follow": run_follow,
                "import-mentions": run_import_mentions, "train": run_train}
    try:
        return commands[args.command](args)
    except (InputError, KnowledgeError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
