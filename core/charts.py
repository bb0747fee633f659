"""Charts: one Vega-Lite definition (built with Altair) rendered to SVG on the server, so
it shows without JavaScript, prints in PDFs, and always sits beside a table of the same
figures."""

from __future__ import annotations

import hashlib
import json
import re
from functools import lru_cache
from typing import Any

import altair as alt
import vl_convert as vlc
from django.utils.safestring import SafeString, mark_safe

NHS_BLUE = "#005eb8"
NHS_PALETTE = ["#005eb8", "#41b6e6", "#009639", "#ffb81c", "#d5281b", "#330072", "#768692"]
FONT = "Arial, Helvetica, sans-serif"


def _config(chart: alt.Chart) -> alt.Chart:
    return (
        chart.configure(font=FONT)
        .configure_axis(labelFontSize=12, titleFontSize=12, labelLimit=260)
        .configure_view(stroke=None)
    )


@lru_cache(maxsize=512)
def _svg(spec_json: str) -> str:
    return vlc.vegalite_to_svg(spec_json)


def to_svg(chart: alt.Chart, *, label: str) -> SafeString:
    """The chart as inline, accessible SVG (role="img" with a text label)."""
    spec = _config(chart).to_dict()
    svg = _svg(json.dumps(spec, sort_keys=True))
    svg = re.sub(r"<\?xml[^>]*>", "", svg)
    svg_id = "chart-" + hashlib.sha1(svg.encode()).hexdigest()[:10]
    escaped = label.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    svg = svg.replace(
        "<svg ", f'<svg role="img" aria-labelledby="{svg_id}-title" focusable="false" ', 1
    )
    svg = re.sub(r"(<svg[^>]*>)", rf'\1<title id="{svg_id}-title">{escaped}</title>', svg, count=1)
    return mark_safe(svg)  # noqa: S308 - produced by vl-convert from our own spec


def horizontal_bars(
    rows: list[dict[str, Any]],
    *,
    category: str,
    value: str,
    title: str,
    percent: bool = False,
    width: int = 420,
    colour: str = NHS_BLUE,
) -> alt.Chart:
    height = max(60, 26 * len(rows))
    axis = alt.Axis(format="%" if percent else "d", title=title, tickMinStep=1)
    scale = alt.Scale(domain=[0, 1]) if percent else alt.Scale(zero=True)
    return (
        alt.Chart(alt.Data(values=rows))
        .mark_bar(color=colour)
        .encode(
            y=alt.Y(f"{category}:N", sort=None, title=None),
            x=alt.X(f"{value}:Q", axis=axis, scale=scale),
            tooltip=[
                alt.Tooltip(f"{category}:N"),
                alt.Tooltip(f"{value}:Q", format=".0%" if percent else "d"),
            ],
        )
        .properties(width=width, height=height)
    )


def grouped_share_bars(
    rows: list[dict[str, Any]], *, row: str, colour: str, value: str, title: str, width: int = 420
) -> alt.Chart:
    """Stacked 100% bars: one bar per row (e.g. board), coloured by group (e.g. sector)."""
    height = max(60, 28 * len({r[row] for r in rows}))
    return (
        alt.Chart(alt.Data(values=rows))
        .mark_bar()
        .encode(
            y=alt.Y(f"{row}:N", sort=None, title=None),
            x=alt.X(f"{value}:Q", stack="normalize", axis=alt.Axis(format="%", title=title)),
            color=alt.Color(
                f"{colour}:N",
                scale=alt.Scale(range=NHS_PALETTE),
                legend=alt.Legend(title=None, orient="bottom", columns=2),
            ),
            order=alt.Order("order:Q"),
        )
        .properties(width=width, height=height)
    )


def paired_bars(
    rows: list[dict[str, Any]],
    *,
    category: str,
    series: str,
    value: str,
    title: str,
    domain: tuple[float, float] = (0, 5),
    width: int = 360,
) -> alt.Chart:
    """Side-by-side bars per category (e.g. "You" and "Others" for each capability)."""
    height_per = 14 * max(1, len({r[series] for r in rows}))
    return (
        alt.Chart(alt.Data(values=rows))
        .mark_bar()
        .encode(
            y=alt.Y(f"{category}:N", sort=None, title=None),
            yOffset=alt.YOffset(f"{series}:N"),
            x=alt.X(f"{value}:Q", scale=alt.Scale(domain=list(domain)), axis=alt.Axis(title=title)),
            color=alt.Color(
                f"{series}:N",
                scale=alt.Scale(range=NHS_PALETTE),
                legend=alt.Legend(title=None, orient="bottom"),
            ),
        )
        .properties(width=width, height=alt.Step(height_per))
    )
