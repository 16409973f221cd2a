"""Alliance and sanction rows for one article, from its sentences and mentions."""

from __future__ import annotations

from typing import Any


def article_relations(
    article_id: str, title: str, text: str, mentions: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(alliance rows, sanction rows) with the columns of etl.tables."""
    return [], []
