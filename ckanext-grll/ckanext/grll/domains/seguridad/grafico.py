"""The comparison's trend chart as inline SVG: no chart library to download."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from markupsafe import Markup, escape

WIDTH, HEIGHT, LEFT, BOTTOM, TOP = 640, 260, 48, 36, 12
SERIES = (("tasa_distrito_100k", "grll-seg-serie-distrito"),
          ("tasa_provincia_100k", "grll-seg-serie-provincia"),
          ("tasa_region_100k", "grll-seg-serie-region"))


def trend_svg(points: list[dict[str, Any]], title: str = "") -> Markup:
    """Lines of the district, province and region rates over the periods."""
    if not points:
        return Markup("")
    top = max((p[key] or 0) for p in points for key, _css in SERIES) or 1
    step = (WIDTH - LEFT - 8) / max(len(points) - 1, 1)

    def x(index: int) -> float:
        return round(LEFT + index * step, 1)

    def y(value: float | None) -> float:
        return round(TOP + (HEIGHT - TOP - BOTTOM) * (1 - (value or 0) / top), 1)

    # A screen reader announces the chart by this name (the figures are in the table below it).
    label = title or tk._("Tendencia de la tasa por 100 000 habitantes del distrito, "
                          "la provincia y la región")
    parts = [f'<svg class="grll-seg-grafico" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
             f'aria-label="{escape(label)}" preserveAspectRatio="xMidYMid meet">']
    for fraction in (0, 0.5, 1):
        value = top * fraction
        parts.append(f'<line x1="{LEFT}" x2="{WIDTH}" y1="{y(value)}" y2="{y(value)}" '
                     f'class="grll-seg-eje"/><text x="{LEFT - 4}" y="{y(value) + 4}" '
                     f'text-anchor="end">{value:.0f}</text>')
    for key, css in SERIES:
        line = " ".join(f"{x(i)},{y(p[key])}" for i, p in enumerate(points))
        parts.append(f'<polyline class="{css}" fill="none" points="{line}"/>')
    every = max(1, len(points) // 6)
    for index, point in enumerate(points):
        if index % every == 0:
            parts.append(f'<text x="{x(index)}" y="{HEIGHT - 12}" text-anchor="middle">'
                         f'{escape(point["periodo"])}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
