"""Every chart, as a pure function: a pre-aggregated DataFrame in, an Altair chart out.

Clickable charts carry a point selection named PICK on the field `iso3`, which
the pages turn into the country filter (see ui.page.chart_picks_country)."""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from ui import network, reference, theme

PICK = "pick"


def count_axis(title: str) -> alt.Axis:
    """Counts are whole numbers: no 0.5 ticks."""
    return alt.Axis(title=title, format="d", tickMinStep=1)


def label_axis(angle: int = 0) -> alt.Axis:
    """Category labels long enough for "United Arab Emirates", never silently thinned."""
    return alt.Axis(title=None, labelLimit=220, labelOverlap=False, labelAngle=angle)


def fit_width(height: int) -> dict[str, Any]:
    """Fill the column's width but keep `height` for the plot itself, so that each
    bar keeps a readable thickness (Streamlit's default "fit" squeezes long lists)."""
    return {"height": height, "autosize": alt.AutoSizeParams(type="fit-x", contains="padding")}


def pick() -> alt.Parameter:
    return alt.selection_point(name=PICK, fields=["iso3"], on="click")


def world_data(world: dict[str, Any] | None = None) -> alt.Data:
    """The vendored TopoJSON, inlined (a hosted app must not fetch it from a CDN)."""
    return alt.Data(values=world or reference.world(), format=alt.DataFormat(type="topojson", feature="countries"))


def choropleth(measures: pd.DataFrame, measure: str, title: str, world: dict[str, Any] | None = None) -> alt.Chart:
    """Countries shaded by `measure`, joined on the zero-padded ISO numeric id ("004")."""
    values = measures.dropna(subset=["numeric"])[["numeric", "iso3", "name", measure]]
    legend = theme.measure_title(measure)
    log = skewed(values[measure])
    scale = alt.Scale(type="log", scheme=theme.MAP_SCHEME, domainMin=1) if log else \
        alt.Scale(scheme=theme.MAP_SCHEME, domainMin=1)
    return (
        alt.Chart(world_data(world), title=title)
        .mark_geoshape(stroke=theme.LAND_STROKE, strokeWidth=0.4)
        .transform_lookup(lookup="id", from_=alt.LookupData(values, key="numeric", fields=["iso3", "name", measure]))
        .transform_calculate(value=f"datum['{measure}'] || 0", country="datum.name || datum.properties.name")
        .encode(
            color=alt.when(alt.datum.value > 0)
            .then(alt.Color("value:Q", title=f"{legend} (log scale)" if log else legend, scale=scale,
                            legend=alt.Legend(format="d", tickMinStep=1)))
            .otherwise(alt.value(theme.NO_DATA)),
            tooltip=[alt.Tooltip("country:N", title="Country"), alt.Tooltip("value:Q", title=legend)],
        )
        .add_params(pick())
        .project(type=theme.PROJECTION)
        .properties(height=420)
    )


SKEW = 10  # the largest value this many times the median one: a linear scale shows one country, the rest pale


def skewed(values: pd.Series) -> bool:
    """Whether a few countries dwarf the others, so the map needs a log scale to show the spread."""
    shown = values[values > 0]
    return bool(len(shown) >= 3 and shown.max() >= SKEW * shown.median())


def top_bar(measures: pd.DataFrame, measure: str, title: str, n: int = 15) -> alt.Chart:
    """The n countries with the highest `measure`, longest bar first; click one to filter."""
    top = measures[measures[measure] > 0].nlargest(n, measure)
    legend = theme.measure_title(measure)
    return (
        alt.Chart(top, title=title).mark_bar(color=theme.ACCENT)
        .encode(y=alt.Y("name:N", sort="-x", axis=label_axis()), x=alt.X(f"{measure}:Q", axis=count_axis(legend)),
                tooltip=[alt.Tooltip("name:N", title="Country"), alt.Tooltip(f"{measure}:Q", title=legend)])
        .add_params(pick())
        .properties(**fit_width(max(60, 20 * len(top))))
    )


def colour_for(field: str | None) -> alt.Color | alt.ColorValue:
    if field == "kind":
        return alt.Color("kind:N", title="Alliance kind", scale=theme.kind_scale())
    if field == "action":
        return alt.Color("action:N", title="Sanction action", scale=theme.action_scale())
    return alt.ColorValue(theme.ACCENT)


FEW_PERIODS = 8  # up to this many bars keep a fixed width instead of stretching across the page
PARTIAL_OPACITY = 0.4


def time_bars(counts: pd.DataFrame, period_label: str, title: str, y_title: str,
              split: str | None = None) -> alt.Chart:
    """Counts per period (ui.periods.calendar: every period labelled, partial ones
    marked), stacked by kind/action when split. Each bar is centred on its
    label; a partial first or last period is lighter and its label says what
    it covers."""
    order = counts.drop_duplicates("period").sort_values("period")["label"].tolist()
    x = alt.X("label:O", sort=order, title=period_label,
              axis=alt.Axis(labelAngle=-45 if period_label == "Month" and len(order) > 12 else 0, labelLimit=160))
    tooltip = [alt.Tooltip("label:N", title=period_label), alt.Tooltip("count:Q", title=y_title),
               alt.Tooltip("note:N", title="Covers only")]
    if split:
        tooltip.insert(1, alt.Tooltip(f"{split}:N", title=split.capitalize()))
    size: dict[str, Any] = {"height": 220, "width": alt.Step(90)} if len(order) <= FEW_PERIODS else fit_width(220)
    return alt.Chart(counts, title=title).mark_bar().encode(
        x=x, y=alt.Y("count:Q", axis=count_axis(y_title)), color=colour_for(split), tooltip=tooltip,
        opacity=alt.when(alt.datum.partial).then(alt.value(PARTIAL_OPACITY)).otherwise(alt.value(1.0)),
    ).properties(**size)


def stacked_bar(df: pd.DataFrame, category: str, value: str, split: str, title: str, x_title: str,
                category_title: str) -> alt.Chart:
    """Horizontal bars per category split by kind or action, sorted by their total."""
    data = df.assign(_total=df.groupby(category)[value].transform("sum"))
    return (
        alt.Chart(data, title=title).mark_bar()
        .encode(y=alt.Y(f"{category}:N", axis=label_axis(),
                        sort=alt.EncodingSortField(field="_total", op="max", order="descending")),
                x=alt.X(f"{value}:Q", axis=count_axis(x_title), stack="zero"), color=colour_for(split),
                tooltip=[alt.Tooltip(f"{category}:N", title=category_title), alt.Tooltip(f"{split}:N"),
                         alt.Tooltip(f"{value}:Q", title=x_title)])
        .properties(**fit_width(max(60, 22 * data[category].nunique())))
    )


def heatmap(matrix: pd.DataFrame, title: str) -> alt.Chart:
    """Sender (rows) × target (columns): the articles reporting each pair (a
    sentence repeating it in the same article does not count again)."""
    sender_order = matrix.groupby("sender_name")["articles"].sum().sort_values(ascending=False).index.tolist()
    target_order = matrix.groupby("target_name")["articles"].sum().sort_values(ascending=False).index.tolist()
    base = alt.Chart(matrix, title=title).encode(
        x=alt.X("target_name:N", sort=target_order, axis=alt.Axis(title="Target", labelAngle=-45,
                                                                   labelOverlap=False, labelLimit=160)),
        y=alt.Y("sender_name:N", sort=sender_order, axis=alt.Axis(title="Sender", labelLimit=220)),
    )
    cells = base.mark_rect().encode(
        color=alt.Color("articles:Q", title="Articles", scale=alt.Scale(scheme="reds"),
                        legend=alt.Legend(format="d", tickMinStep=1)),
        tooltip=[alt.Tooltip("sender_name:N", title="Sender"), alt.Tooltip("target_name:N", title="Target"),
                 alt.Tooltip("articles:Q", title="Articles"), alt.Tooltip("rows:Q", title="Sentences")],
    )
    labels = base.mark_text(fontSize=11).encode(text="articles:Q")
    return (cells + labels).properties(**fit_width(max(60, 28 * len(sender_order))))


def pair_map(lines: pd.DataFrame, title: str, world: dict[str, Any] | None = None) -> alt.LayerChart:
    """Grey land, and a line between the capitals of each allied pair: wider and
    darker the more articles report it."""
    land = (alt.Chart(world_data(world)).mark_geoshape(fill=theme.NO_DATA, stroke=theme.LAND_STROKE, strokeWidth=0.4)
            .project(type=theme.PROJECTION))
    links = alt.Chart(lines).mark_rule(color=theme.LINE_COLOUR, opacity=0.7).encode(
        longitude="lon_a:Q", latitude="lat_a:Q", longitude2="lon_b:Q", latitude2="lat_b:Q",
        strokeWidth=alt.StrokeWidth("articles:Q", title="Articles", scale=alt.Scale(range=[1, 6]),
                                    legend=alt.Legend(format="d", tickMinStep=1)),
        tooltip=[alt.Tooltip("pair:N", title="Pair"), alt.Tooltip("kinds:N", title="Kinds"),
                 alt.Tooltip("articles:Q", title="Articles")])
    ends = pd.concat([lines[["lon_a", "lat_a"]].set_axis(["lon", "lat"], axis=1),
                      lines[["lon_b", "lat_b"]].set_axis(["lon", "lat"], axis=1)]).drop_duplicates()
    dots = alt.Chart(ends).mark_circle(color=theme.LINE_COLOUR, size=18).encode(longitude="lon:Q", latitude="lat:Q")
    return alt.LayerChart(layer=[land, links, dots], title=title, height=420)


def pair_network(nodes: pd.DataFrame, edges: pd.DataFrame, title: str) -> alt.LayerChart:
    """The network of ui.network: lines coloured by kind and wider with more
    articles, parties as dots sized by articles and labelled by name."""
    kinds = alt.Scale(domain=[*theme.ALLIANCE_KINDS, network.SEVERAL],
                      range=[*theme.ALLIANCE_KINDS.values(), theme.SEVERAL_KINDS])
    hidden = alt.Axis(title=None, labels=False, ticks=False, domain=False, grid=False)
    frame = alt.Scale(domain=[-1.35, 1.35])
    lines = alt.Chart(edges).mark_rule(opacity=0.75).encode(
        x=alt.X("x:Q", axis=hidden, scale=frame), y=alt.Y("y:Q", axis=hidden, scale=frame), x2="x2:Q", y2="y2:Q",
        color=alt.Color("kind:N", title="Alliance kind", scale=kinds),
        strokeWidth=alt.StrokeWidth("articles:Q", title="Articles", scale=alt.Scale(range=[1, 7], zero=False),
                                    legend=alt.Legend(format="d", tickMinStep=1)),
        tooltip=[alt.Tooltip("pair:N", title="Pair"), alt.Tooltip("kinds:N", title="Kinds"),
                 alt.Tooltip("articles:Q", title="Articles")])
    dots = alt.Chart(nodes).mark_circle(color=theme.LINE_COLOUR, opacity=1).encode(
        x="x:Q", y="y:Q", size=alt.Size("articles:Q", legend=None, scale=alt.Scale(range=[40, 400])),
        tooltip=[alt.Tooltip("name:N", title="Party"), alt.Tooltip("articles:Q", title="Articles in these pairs")])
    labels = alt.Chart(nodes).transform_calculate(lx="datum.x * 1.14", ly="datum.y * 1.1").mark_text(
        fontSize=12).encode(x="lx:Q", y="ly:Q", text="name:N")
    return (lines + dots + labels).properties(title=title, height=600, width=680)  # about round: a circle reads as one
