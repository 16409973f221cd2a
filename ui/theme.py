"""Colours, labels and map settings, defined once so every chart agrees."""

from __future__ import annotations

from typing import Final

import altair as alt

# One colour per alliance kind and per sanction action, on every page. The
# palettes are colour-blind friendly (Okabe-Ito) and the two sets never share
# a hue meaning, so a reader never confuses a "treaty" with an "imposed".
ALLIANCE_KINDS: dict[str, str] = {
    "treaty": "#0072B2",
    "membership": "#009E73",
    "military": "#D55E00",
    "economic": "#E69F00",
    "partnership": "#CC79A7",
}
SANCTION_ACTIONS: dict[str, str] = {
    "imposed": "#B2182B",
    "threatened": "#EF8A62",
    "lifted": "#67A9CF",
    "evaded": "#762A83",
    "existing": "#878787",
}

# Choropleth measures: key -> (legend/axis title, one-line description).
MEASURES: dict[str, tuple[str, str]] = {
    "articles": ("Articles", "articles that mention the country"),
    "mentions": ("Mentions", "times the country is named"),
    "sanctioned": ("Sanctioned (articles)", "articles that report the country as a sanction target"),
    "alliances": ("Allied (articles)", "articles that report an alliance of the country"),
}

PROJECTION = "equalEarth"
NO_DATA = "#e6e6e6"
LAND_STROKE = "#ffffff"
MAP_SCHEME: Final = "blues"
LINE_COLOUR = "#0b3d91"
ACCENT = "#0b3d91"
UNNAMED_SENDER = "(sender not named)"
SEVERAL_KINDS = "#999999"  # a pair reported with more than one kind


def kind_scale() -> alt.Scale:
    return alt.Scale(domain=list(ALLIANCE_KINDS), range=list(ALLIANCE_KINDS.values()))


def action_scale() -> alt.Scale:
    return alt.Scale(domain=list(SANCTION_ACTIONS), range=list(SANCTION_ACTIONS.values()))


def measure_title(measure: str) -> str:
    return MEASURES[measure][0]
