"""Read articles from files, folders and URLs; see reader.py for the entry point."""

from etl.inputs.columns import Columns
from etl.inputs.model import Article, InputError, Problem
from etl.inputs.reader import MAX_TEXT_CHARS, SUPPORTED, Reader

__all__ = ["MAX_TEXT_CHARS", "SUPPORTED", "Article", "Columns", "InputError", "Problem", "Reader"]
