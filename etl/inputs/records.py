"""JSON files (one object, or a list of objects) and JSON Lines files."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from etl.inputs.columns import Columns
from etl.inputs.model import Parsed, Problem, Record


def from_object(
    obj: dict[str, Any], columns: Columns, file: str, line: int | None, default_id: str, item: int | None = None
) -> Record:
    picked = {name: obj[key] for name, key in columns.resolve(obj).items()}
    return Record.of(file, line, default_id, picked, item)


def json_records(content: str, file: str, stem: str, columns: Columns) -> Iterator[Parsed]:
    """A .json file: one article, or a list of them (as many exports write)."""
    try:
        data = json.loads(content)
    except json.JSONDecodeError as err:
        yield Problem(file, err.lineno, f"malformed JSON: {err.msg}")
        return
    if isinstance(data, dict):
        yield from_object(data, columns, file, None, stem)
    elif isinstance(data, list):
        for number, item in enumerate(data, start=1):
            if isinstance(item, dict):
                yield from_object(item, columns, file, None, f"{stem}-{number}", number)
            else:
                yield Problem(file, None, f"item {number}: expected a JSON object, found {type(item).__name__}")
    else:
        yield Problem(file, None, "expected a JSON object with a 'text' field, or a list of them")


def jsonl_records(lines: Iterable[str], file: str, stem: str, columns: Columns) -> Iterator[Parsed]:
    """One object per line; a bad line is reported and the next one read."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line.rstrip("\r\n"))  # so the column of an error is on this line
        except json.JSONDecodeError as err:
            yield Problem(file, number, f"malformed JSON: {err.msg} (column {err.colno})")
            continue
        if isinstance(obj, dict):
            yield from_object(obj, columns, file, number, f"{stem}-{number}")
        else:
            yield Problem(file, number, "expected a JSON object with a 'text' field")
