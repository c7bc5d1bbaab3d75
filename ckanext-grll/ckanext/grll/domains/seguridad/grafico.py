"""The comparison's trend chart as inline SVG: no chart library to download."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from markupsafe import Markup, escape

from ckanext.grll import numbers
from ckanext.grll.domains import charts

# Sized for a phone (see `domains/charts.py`): labels render at 12 px or more on a 360 px screen.
WIDTH, FONT = charts.WIDTH, charts.FONT_SIZE
HEIGHT, RIGHT, BOTTOM, TOP = 210, 16, 26, 10
SERIES = (("tasa_distrito_100k", "grll-seg-serie-distrito"),
          ("tasa_provincia_100k", "grll-seg-serie-provincia"),
          ("tasa_region_100k", "grll-seg-serie-region"))


def trend_svg(points: list[dict[str, Any]], title: str = "") -> Markup:
    """Lines of the district, province and region rates over the periods."""
    if not points:
        return Markup("")
    ticks = charts.ticks(max((p[key] or 0) for p in points for key, _css in SERIES), most=4)
    top = ticks[-1]
    places = charts.decimals(ticks)
    labels = [numbers.numero(value, places) for value in ticks]
    left = max(charts.text_width(label) for label in labels) + 8
    step = (WIDTH - left - RIGHT) / max(len(points) - 1, 1)

    def x(index: int) -> float:
        return round(left + index * step, 1)

    def y(value: float | None) -> float:
        return round(TOP + (HEIGHT - TOP - BOTTOM) * (1 - (value or 0) / top), 1)

    # A screen reader announces the chart by this name (the figures are in the table below it).
    label = title or tk._("Tendencia de la tasa por 100 000 habitantes del distrito, "
                          "la provincia y la región")
    parts = [f'<svg class="grll-seg-grafico" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
             f'aria-label="{escape(label)}" preserveAspectRatio="xMidYMid meet" '
             f'font-size="{FONT}">']
    for value, text in zip(ticks, labels, strict=True):
        parts.append(f'<line x1="{left}" x2="{WIDTH - RIGHT}" y1="{y(value)}" '
                     f'y2="{y(value)}" class="grll-seg-eje"/><text x="{left - 4}" '
                     f'y="{y(value) + 4}" text-anchor="end">{text}</text>')
    for key, css in SERIES:
        line = " ".join(f"{x(i)},{y(p[key])}" for i, p in enumerate(points))
        parts.append(f'<polyline class="{css}" fill="none" points="{line}"/>')
    # As many period labels as fit side by side at the label size.
    longest = max(len(str(p["periodo"])) for p in points)
    fitting = max(2, int((WIDTH - left - RIGHT) // (longest * FONT * 0.6 + FONT)))
    every = max(1, -(-len(points) // fitting))
    for index, point in enumerate(points):
        if index % every == 0:
            parts.append(f'<text x="{x(index)}" y="{HEIGHT - 6}" '
                         f'text-anchor="{charts.anchor(index, len(points) - 1)}">'
                         f'{escape(point["periodo"])}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
