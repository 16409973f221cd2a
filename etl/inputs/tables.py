"""CSV files: one article per row, columns found by name (see columns.py)."""

from __future__ import annotations

import csv
import itertools
from collections.abc import Iterable, Iterator

from etl.inputs.columns import Columns
from etl.inputs.model import Parsed, Problem, Record

DELIMITERS = ",;\t"
# The csv module refuses fields over 128 KiB by default; an article can be far
# longer, and the Reader truncates it to a documented limit later.
FIELD_LIMIT = 2**31 - 1


def delimiter_of(header: str) -> str:
    """Comma, or the semicolon/tab that European spreadsheet exports use."""
    return max(DELIMITERS, key=header.count)


def csv_records(lines: Iterable[str], file: str, stem: str, columns: Columns) -> Iterator[Parsed]:
    csv.field_size_limit(max(csv.field_size_limit(), FIELD_LIMIT))
    stream = iter(lines)
    first = next(stream, "")
    reader = csv.reader(itertools.chain([first], stream), delimiter=delimiter_of(first))
    header = next(reader, None)
    if not header:
        yield Problem(file, None, "empty CSV file (no header row)")
        return
    where = columns.resolve(header)
    if "text" not in where:
        found = ", ".join(repr(h) for h in header)
        yield Problem(file, 1, f"no text column ({columns.describe('text')}); columns found: {found}. Use --text-col")
        return
    index = {name: header.index(column) for name, column in where.items()}
    row_start = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            yield Problem(file, row_start, f"unreadable CSV row: {err}")
            row_start = reader.line_num + 1
            continue
        line, row_start = row_start, reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue
        picked = {name: row[i] if i < len(row) else None for name, i in index.items()}
        yield Record.of(file, line, f"{stem}-{line}", picked)
