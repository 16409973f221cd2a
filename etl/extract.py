"""The per-article work and the tables of a batch of articles.

No I/O: a batch of articles in, its tables out, in the order the articles
were read. Pool workers (etl.batches) and Dask workers (etl.distributed) run
extract_batch; import-mentions runs extract with another extractor's mentions."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from typing import Any, TextIO

import pandas as pd

from etl.batches import mapped_in_order
from etl.inputs import Article
from etl.inputs.dedupe import text_key
from etl.mentions import article_mentions
from etl.relations import article_relations
from etl.memberships import bloc_members, expand_bloc_senders, with_co_members
from etl.tables import alliances_table, articles_table, countries_table, mentions_table, sanctions_table


def article_row(art: Article) -> dict[str, Any]:
    return {"article_id": art.article_id, "title": art.title, "source": art.source, "url": art.url,
            "published": art.published, "text": art.text, "input_file": art.input_file}


def article_extraction(
    art: Article, mentions_of: Callable[[Article], list[dict[str, Any]]] | None = None
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """The per-article work: (mention rows, alliance rows, sanction rows)."""
    found = mentions_of(art) if mentions_of else article_mentions(art.article_id, art.title, art.text)
    accepted = [m for m in found if not m["ambiguous"]]
    alliances, sanctions = article_relations(art.article_id, art.title, art.text, accepted)
    return found, alliances, sanctions


def extract(
    articles: list[Article],
    progress: TextIO | None = None,
    mentions_of: Callable[[Article], list[dict[str, Any]]] | None = None,
) -> dict[str, pd.DataFrame]:
    """The tables of a list of articles (no I/O besides progress).

    mentions_of replaces our mention finder (import-mentions passes another
    extractor's mentions); everything downstream of the mentions is shared."""
    mention_rows: list[dict[str, Any]] = []
    alliance_rows: list[dict[str, Any]] = []
    sanction_rows: list[dict[str, Any]] = []
    for done, art in enumerate(articles, start=1):
        found, alliances, sanctions = article_extraction(art, mentions_of)
        mention_rows.extend(found)
        alliance_rows.extend(alliances)
        sanction_rows.extend(sanctions)
        if progress and (done % 50 == 0 or done == len(articles)):
            progress.write(f"\r  extracting {done}/{len(articles)} articles ({100 * done // len(articles)}%)"
                           + ("\n" if done == len(articles) else ""))
    # Rows stay grouped by article in the order the articles were read, so that
    # neither the batch size nor the number of workers nor appending changes a table.
    articles_df = articles_table(article_row(a) for a in articles)
    accepted = [r for r in mention_rows if not r["ambiguous"]]
    # Ambiguous matches (Georgia beside Atlanta, "western Ukraine") are kept in
    # a table of their own so that they never count as mentions by default.
    return {
        "articles": articles_df,
        "mentions": mentions_table(accepted),
        "countries": countries_table(accepted),
        "alliances": with_co_members(alliances_table(alliance_rows), articles_df, bloc_members()),
        "sanctions": sanctions_table(sanction_rows),
        "ambiguous": mentions_table(r for r in mention_rows if r["ambiguous"]),
    }


def seen_table(articles: list[Article]) -> pd.DataFrame:
    """What --append needs to skip articles already built (id, URL, text digest),
    so that it need not read and digest every text built before."""
    return pd.DataFrame({
        "article_id": pd.array([a.article_id for a in articles], dtype="string"),
        "url": pd.array([a.url for a in articles], dtype="string"),
        "text_key": pd.Series([a.text_key or text_key(a.text) for a in articles], dtype=object),
    })


def extract_batch(articles: list[Article], expand_blocs: bool = False) -> dict[str, pd.DataFrame]:
    """One pool task (module level, so that it pickles): a batch's tables and
    its dedupe keys, and with expand_blocs its sanctions with bloc senders
    replaced by their members."""
    tables = {**extract(articles), "seen": seen_table(articles)}
    if expand_blocs:
        tables["sanctions_expanded"] = expand_bloc_senders(tables["sanctions"], tables["articles"], bloc_members())
    return tables


def warm_up() -> None:
    """Load the gazetteer, automaton and cues once, before workers fork."""
    text = "France and Germany signed a treaty. The EU imposed sanctions on Iran."
    article_relations("warm-up", "", text, article_mentions("warm-up", "", text))


def extract_batches(batches: Iterable[list[Article]], workers: int,
                    expand_blocs: bool = False) -> Iterable[dict[str, pd.DataFrame]]:
    """Each batch's tables in batch order, from `workers` processes."""
    return mapped_in_order(partial(extract_batch, expand_blocs=expand_blocs), batches, workers, warm_up)


def joined(parts: list[dict[str, pd.DataFrame]]) -> dict[str, pd.DataFrame]:
    """Batch tables one after the other (the first part may be empty: it carries the types)."""
    out = {}
    for name in parts[0]:
        frames = [p[name] for p in parts if len(p[name])] or [parts[0][name]]
        out[name] = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    return out
