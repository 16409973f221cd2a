"""The documentation covers the command line: every `python -m etl` subcommand
and every option of each (and of `python -m bench`) is named in the README or
a page of docs/, so a user who reads them finds every switch there is."""

from __future__ import annotations

import argparse
import re

import pytest

from bench.__main__ import parser as bench_parser
from etl.cli import parser as etl_parser
from tests.helpers import ROOT


def docs_text() -> str:
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    return "\n".join(page.read_text(encoding="utf-8") for page in pages)


def subcommands(p: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in p._actions:  # argparse keeps subparsers only here
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def long_options(p: argparse.ArgumentParser) -> list[str]:
    return [o for action in p._actions for o in action.option_strings if o.startswith("--") and o != "--help"]


COMMANDS = subcommands(etl_parser())


def test_the_cli_has_the_subcommands_the_docs_walk_through() -> None:
    assert set(COMMANDS) == {"build", "follow", "import-mentions", "evaluate", "train", "explain"}


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_subcommand_and_its_options_are_documented(name: str) -> None:
    text = docs_text()
    assert re.search(rf"python -m etl {re.escape(name)}\b", text), f"'python -m etl {name}' is in no doc"
    missing = [o for o in long_options(COMMANDS[name]) if not re.search(rf"{re.escape(o)}(?![\w-])", text)]
    assert missing == [], f"options of {name} in no doc: {missing}"


def test_the_benchmark_and_its_options_are_documented() -> None:
    text = docs_text()
    assert "python -m bench" in text
    assert [o for o in long_options(bench_parser()) if o not in text] == []
