"""Load and validate the cue lexicons and the leaders list in data/*.csv.

Cues are data so that an analyst can read and fix the vocabulary without
touching the rules; a bad row stops the load with its file and line, like
etl/knowledge.py does for the gazetteer."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from etl.knowledge import KnowledgeError, read_rows
from etl.paths import DATA_DIR

KINDS = ("treaty", "membership", "military", "economic", "partnership")
ACTIONS = ("imposed", "threatened", "lifted", "evaded", "existing")
ALLIANCE_ROLES = ("trigger", "support", "qualifier", "materiel", "war", "supply", "negation", "halt", "hedge", "exit",
                  "ignore", "member_hint", "conflict")
SANCTION_ROLES = ("measure", "participle", "action", "call", "prevent", "negation", "veto", "entity")
# Roles whose rows must name a kind (alliances) or an action (sanctions).
NEEDS_KIND = ("trigger", "support", "qualifier", "materiel", "war")
NEEDS_ACTION = ("measure", "participle", "action", "call")
NOUN_ROLES = ("trigger", "measure")
# A sentence yields rows only through one of these (the other roles qualify them):
# without one, the rules need none of its hits.
ALLIANCE_PRIMARY = ("trigger", "support", "supply", "member_hint")
SANCTION_PRIMARY = ("measure", "participle")


@dataclass(frozen=True)
class CueRow:
    cue: str
    role: str
    label: str  # a kind for alliance cues, an action for sanction cues ("" when the role needs none)
    pattern: re.Pattern[str]
    anchor: str  # the cue's longest literal word, lower-cased: a cheap test before the regex
    anchor_opens_word: bool = False  # the regex puts a word edge before the anchor...
    anchor_closes_word: bool = False  # ...or after it, so a hit inside a word ("ties" in "parties") is none
    # The cue's other literal words, lower-cased: all must occur in the lower-cased
    # sentence for the regex to match ("under * sanctions" needs "under").
    others: tuple[str, ...] = ()


class Hit(NamedTuple):
    """One cue occurrence in a sentence (offsets into the sentence)."""

    start: int
    end: int
    cue: str
    role: str
    label: str


@dataclass(frozen=True)
class Leader:
    alias: str
    code: str
    start: date
    end: date | None


def cue_pattern(cue: str, capital_anywhere: bool = False) -> re.Pattern[str]:
    """A lone "*" is any one word, a trailing "*" any ending; word edges are
    enforced only where the cue itself starts or ends with a word character.
    With capital_anywhere, the capitalised cue also matches mid-sentence, as
    in names ("signed a Treaty on Comprehensive Strategic Partnership")."""
    parts = []
    for token in cue.split(" "):
        if token == "*":
            parts.append(r"[\w'-]+")
        elif token.endswith("*"):
            parts.append(re.escape(token[:-1]) + r"\w*")
        else:
            parts.append(re.escape(token))
    body = r"\s+".join(parts)
    tail = r"(?![\w-])" if cue[-1].isalnum() else ""
    if not cue[0].isalnum():
        return re.compile(body + tail)
    # The edge tests sit after the cue's first letter, so that the regex engine
    # can skip ahead to that letter instead of trying every position (2x faster).
    rest, edge = body[1:], r"(?<![\w-].)"
    if not cue[0].islower():
        return re.compile(cue[0] + edge + rest + tail)
    # Case matters ("Earlier in May" is no "may"), except that a sentence
    # or a quotation may open with the capitalised cue.
    opening = "" if capital_anywhere else r"(?:(?<=^.)|(?<=^[\"“'‘].)|(?<=[\"“‘].))"
    return re.compile(rf"(?:{cue[0]}{edge}{rest}|{cue[0].upper()}{edge}{opening}{rest}){tail}")


def load_cues(path: Path, roles: tuple[str, ...], labels: tuple[str, ...], label_col: str,
              needs: tuple[str, ...]) -> tuple[CueRow, ...]:
    rows = []
    for line, row in read_rows(path, ("cue", "role", label_col)):
        where = f"{path.name}:{line}"
        cue, role, label = row["cue"], row["role"], row[label_col]
        if not cue:
            raise KnowledgeError(f"{where}: empty cue")
        if role not in roles:
            raise KnowledgeError(f"{where}: role must be one of {roles}, not {role!r}")
        if role in needs and label not in labels:
            raise KnowledgeError(f"{where}: {label_col} must be one of {labels}, not {label!r}")
        if role not in needs and label and label not in labels:
            raise KnowledgeError(f"{where}: unknown {label_col} {label!r}")
        literals = [token.rstrip("*") for token in cue.split(" ") if token != "*"]
        # Nouns of four letters or more (Treaty, Agreement, Sanctions) are often
        # capitalised inside names; short words and verbs ("may") are not.
        noun = role in NOUN_ROLES and len(literals[0]) >= 4
        anchor, opens, closes = anchor_of(cue)
        others = tuple(dict.fromkeys(word.lower() for word in literals if word.lower() != anchor))
        rows.append(CueRow(cue, role, label, cue_pattern(cue, noun), anchor, opens, closes, others))
    return tuple(rows)


def anchor_of(cue: str) -> tuple[str, bool, bool]:
    """The cue's longest literal word (lower-cased), and whether its regex
    (cue_pattern) requires a word edge before and after that word: tokens are
    joined by white space, the first and last bounded when they are letters."""
    tokens = cue.split(" ")
    literals = [(token.rstrip("*"), i) for i, token in enumerate(tokens) if token != "*"]
    anchor, at = max(literals, key=lambda pair: len(pair[0]))
    opens = at > 0 or cue[0].isalnum()
    closes = not tokens[at].endswith("*") and (at < len(tokens) - 1 or cue[-1].isalnum())
    return anchor.lower(), opens, closes


@lru_cache(maxsize=4)
def alliance_cues(data_dir: Path = DATA_DIR) -> tuple[CueRow, ...]:
    return load_cues(data_dir / "alliance_cues.csv", ALLIANCE_ROLES, KINDS, "kind", NEEDS_KIND)


@lru_cache(maxsize=4)
def sanction_cues(data_dir: Path = DATA_DIR) -> tuple[CueRow, ...]:
    return load_cues(data_dir / "sanction_cues.csv", SANCTION_ROLES, ACTIONS, "action", NEEDS_ACTION)


def parse_date(value: str, where: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as err:
        raise KnowledgeError(f"{where}: bad date {value!r} (want YYYY-MM-DD)") from err


@lru_cache(maxsize=4)
def leaders(data_dir: Path = DATA_DIR) -> tuple[Leader, ...]:
    """Every surface form of a leader's name, with the office dates it stands for."""
    path = data_dir / "leaders.csv"
    out: list[Leader] = []
    for line, row in read_rows(path, ("name", "iso3", "start", "end", "aliases")):
        where = f"{path.name}:{line}"
        if not row["name"] or len(row["iso3"]) != 3 or not row["iso3"].isupper():
            raise KnowledgeError(f"{where}: a leader needs a name and an ISO3 code")
        start = parse_date(row["start"], where)
        end = parse_date(row["end"], where) if row["end"] else None
        if end is not None and end < start:
            raise KnowledgeError(f"{where}: office ends before it starts")
        for alias in [row["name"], *filter(None, row["aliases"].split("|"))]:
            out.append(Leader(alias.strip(), row["iso3"], start, end))
    return tuple(out)


@lru_cache(maxsize=4)
def bloc_references(data_dir: Path = DATA_DIR) -> dict[str, frozenset[str] | None]:
    """Nouns that refer back to a bloc ("the bloc", "the alliance") -> the blocs
    each may stand for (None: any bloc), from data/bloc_references.csv."""
    path = data_dir / "bloc_references.csv"
    known = {row["code"] for _, row in read_rows(data_dir / "blocs.csv", ("code",))}
    out: dict[str, frozenset[str] | None] = {}
    for line, row in read_rows(path, ("noun", "blocs")):
        noun, blocs = row["noun"].lower(), row["blocs"].split()
        if not noun.isalpha() or not blocs:
            raise KnowledgeError(f"{path.name}:{line}: a reference needs one noun and its blocs (or *)")
        unknown = [b for b in blocs if b != "*" and b not in known]
        if unknown:
            raise KnowledgeError(f"{path.name}:{line}: unknown bloc code(s) {', '.join(unknown)}")
        out[noun] = None if "*" in blocs else frozenset(blocs)
    return out
