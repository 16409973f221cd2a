"""python -m bench [--articles N] [--json FILE] [--workers W]: time each build
stage and the dashboard's data layer on a synthetic corpus drawn from the sample.

python -m bench warm-append [--articles N] [--workers W] [--json FILE]: a full
build, then one follower pass appending 1% more articles in the same warm
process, as a share of the full build (docs/following.md).

python -m bench dashboard FOLDER: the dashboard layer alone, in a fresh process
so its memory is its own; prints JSON for bench.run."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path

from etl.cli import positive


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--articles", type=positive, default=20_000, help="size of the synthetic corpus (default 20000)")
    p.add_argument("--json", type=Path, help="also write the results to this JSON file")
    p.add_argument("--workers", type=positive, default=os.cpu_count() or 1, metavar="W",
                   help="processes for the parallel build, compared with 1 (default: all cores, here %(default)s)")
    return p


def main(argv: list[str]) -> int:
    if argv[:1] == ["dashboard"]:
        if len(argv) != 2:
            print("usage: python -m bench dashboard TABLES_FOLDER", file=sys.stderr)
            return 2
        from bench.dashboard import dashboard_layer  # imports the ui modules, hence Streamlit

        logging.getLogger("streamlit").setLevel(logging.ERROR)
        measured, described = dashboard_layer(Path(argv[1]))
        print(json.dumps({"seconds": measured, "about": described}))
        return 0
    if argv[:1] == ["warm-append"]:
        from bench.warm_append import format_measure, measure

        options = parser().parse_args(argv[1:])
        result = measure(options.articles, options.workers)
        print(format_measure(result))
        if options.json is not None:
            options.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        return 0
    from bench import main as run_bench

    args = parser().parse_args(argv)
    return run_bench(args.articles, args.json, workers=args.workers)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
