"""Article text with its mentions highlighted, and the evidence rows behind numbers.

Article text is untrusted input: every piece of it goes through html.escape
before it reaches the page, and only the <mark> tags built here are markup."""

from __future__ import annotations

import html
from collections.abc import Iterable

import pandas as pd

from ui import reference

MARK_STYLE = "background:#fde68a;padding:0 2px;border-radius:3px"
DOUBT_STYLE = "background:#e5e7eb;padding:0 2px;border-radius:3px;border-bottom:2px dashed #9ca3af"


def highlight(text: str, spans: Iterable[tuple[int, int, str, bool]]) -> str:
    """HTML of `text` with each (start, end, tooltip, doubtful) span in a <mark>.

    Overlapping spans keep the earliest (then longest); offsets outside the text are ignored."""
    out: list[str] = []
    cursor = 0
    for start, end, tip, doubtful in sorted(spans, key=lambda s: (s[0], -s[1])):
        if start < cursor or end > len(text) or start >= end:
            continue
        style = DOUBT_STYLE if doubtful else MARK_STYLE
        out.append(html.escape(text[cursor:start]))
        out.append(f'<mark style="{style}" title="{html.escape(tip, quote=True)}">'
                   f"{html.escape(text[start:end])}</mark>")
        cursor = end
    out.append(html.escape(text[cursor:]))
    return "".join(out)


def spans(mentions: pd.DataFrame, field: str) -> list[tuple[int, int, str, bool]]:
    rows = mentions[mentions["field"] == field]
    return [(int(r.start), int(r.end), f"{r.code} · {reference.name_of(r.code)} · via {r.via} · "
             f"confidence {r.confidence:.2f}" + (" · set aside as ambiguous" if r.ambiguous else ""),
             bool(r.ambiguous)) for r in rows.itertuples()]


def article_html(article: pd.Series, text: str | None, mentions: pd.DataFrame) -> str:
    """The whole article (title and paragraphs, its text read apart: ui.texts) as
    safe HTML with highlighted mentions."""
    title = highlight(str(article["title"] or ""), spans(mentions, "title"))
    body = highlight(text if isinstance(text, str) else "", spans(mentions, "text"))
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n") if p.strip())
    when = article["published"].strftime("%d %B %Y") if pd.notna(article["published"]) else None
    meta = " · ".join(html.escape(str(v)) for v in (article["source"], when) if isinstance(v, str))
    return f"<h3>{title}</h3><p style='color:#6b7280'>{meta}</p><div style='line-height:1.7'>{paragraphs}</div>"


def mention_evidence(mentions: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Each mention with its sentence and article title: the evidence behind mention counts."""
    cols = ["article_id", "title", "published", "code", "name", "surface", "via", "confidence", "sentence_text"]
    merged = mentions.merge(articles[["article_id", "title", "published"]], on="article_id", how="left")
    return merged[cols].sort_values(["published", "article_id"], ascending=[False, True], ignore_index=True)


def with_names(df: pd.DataFrame, columns: Iterable[str]) -> pd.DataFrame:
    """Add a readable `<col>_name` beside each code column."""
    out = df.copy()
    for col in columns:
        position = out.columns.get_loc(col) + 1
        # A missing code (a sanction with no named sender) has a missing name, not "".
        names = out[col].map(reference.name_of).astype("string")
        out.insert(position, f"{col}_name", names.where(out[col].notna().to_numpy()))
    return out


# What a reader looks for first in a row of each relation table; the codes,
# rule and cue follow, for checking.
SANCTION_LEAD = ["target_name", "sender_name", "action"]
ALLIANCE_LEAD = ["pair", "kind"]
ARTICLE_COLUMNS = ["published", "title"]


def with_article(rows: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Each row with its article's publication date and title (the evidence of a
    number is read, and downloaded, with where it was said)."""
    return rows.merge(articles[["article_id", *ARTICLE_COLUMNS]], on="article_id", how="left", sort=False)


def lead(df: pd.DataFrame, first: list[str]) -> pd.DataFrame:
    """`first`, then the article's date and title, then every other column as it was."""
    head = [*first, *ARTICLE_COLUMNS, "evidence"]
    return df[head + [c for c in df.columns if c not in head]]


def sanction_rows(sanctions: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Sanction rows as a person reads them: target, sender and action first, by name."""
    return lead(with_article(with_names(sanctions, ["target", "sender"]), articles), SANCTION_LEAD)


def alliance_rows(alliances: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Alliance rows as a person reads them: the pair (by name) and the kind first."""
    named = with_names(alliances, ["party_a", "party_b"])
    pair = (alliances["party_a"].map(reference.short).astype("string") + " – "
            + alliances["party_b"].map(reference.short).astype("string"))
    return lead(with_article(named.assign(pair=pair.to_numpy()), articles), ALLIANCE_LEAD)


# The tables of one country or bloc, as functions of the filtered view, so that
# a download can make them again on click (ui.downloads.Again).
def mentions_of(view: dict[str, pd.DataFrame], code: str) -> pd.DataFrame:
    return view["mentions"][view["mentions"]["code"] == code]


def alliances_of(view: dict[str, pd.DataFrame], code: str) -> pd.DataFrame:
    allies = view["alliances"]
    return allies[(allies["party_a"] == code) | (allies["party_b"] == code)]


def sanctions_of(view: dict[str, pd.DataFrame], code: str) -> pd.DataFrame:
    sanctions = view["sanctions"]
    return sanctions[(sanctions["target"] == code) | (sanctions["sender"] == code)]


def mention_evidence_of(view: dict[str, pd.DataFrame], code: str) -> pd.DataFrame:
    return mention_evidence(mentions_of(view, code), view["articles"])


def alliance_evidence_of(view: dict[str, pd.DataFrame], code: str | None = None) -> pd.DataFrame:
    """Every alliance row of the view (of one party, given `code`), with names."""
    return alliance_rows(view["alliances"] if code is None else alliances_of(view, code), view["articles"])


def sanction_evidence_of(view: dict[str, pd.DataFrame], code: str | None = None) -> pd.DataFrame:
    """Every sanction row of the view (naming `code` as target or sender, given it), with names."""
    return sanction_rows(view["sanctions"] if code is None else sanctions_of(view, code), view["articles"])
