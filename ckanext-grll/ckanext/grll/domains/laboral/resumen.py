"""The labour-market dashboard at /empleo: indicator series from the open datasets,
drawn as inline SVG (no scripts, no external libraries) with their numbers beside.

Each :class:`Grafico` names the dataset it comes from, so the page links to it and
its CSV download (/empleo/indicadores/<code>.csv) holds exactly the numbers drawn.
Underemployment is not in the seed datasets yet: no chart pretends to show it.
"""
from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from ckan.plugins.toolkit import _
from markupsafe import Markup, escape

from ckanext.grll import numbers
from ckanext.grll.domains import charts
from ckanext.grll.domains.laboral import datastore

INDICADORES = "indicadores-mercado-laboral-2015-2024"
EMPLEO_FORMAL = "empleo-formal-privado-provincia"
MESES = ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "set", "oct", "nov", "dic"]
COLORES = ["#1f5f99", "#c0392b", "#2e8b57", "#8e44ad", "#d35400"]


@dataclass
class Grafico:
    code: str
    title: str
    unit: str
    dataset: str
    kind: str                    # "line" (series over time) or "bar" (categories)
    labels: list[str] = field(default_factory=list)
    series: dict[str, list[float | None]] = field(default_factory=dict)
    note: str = ""
    #: The newest period drawn ('YYYY' or 'YYYY-MM'): the page dates the chart with it.
    hasta: str = ""

    def rows(self) -> list[list[Any]]:
        """The numbers drawn, one row per label, one column per series."""
        return [[label, *(values[i] for values in self.series.values())]
                for i, label in enumerate(self.labels)]

    def csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["periodo" if self.kind == "line" else "categoria",
                         *self.series.keys()])
        writer.writerows(self.rows())
        return out.getvalue()

    def svg(self) -> Markup:
        return line_svg(self) if self.kind == "line" else bar_svg(self)


def _all(dataset: str) -> list[dict[str, Any]]:
    rid = datastore.find_resource(dataset)
    return list(datastore.all_rows(rid)) if rid else []


def graficos() -> list[Grafico]:
    """Every chart the data allows, in page order (none for a dataset not loaded)."""
    charts: list[Grafico] = []
    indicadores = _all(INDICADORES)
    if indicadores:
        charts += [
            _annual(indicadores, "desempleo", _("Tasa de desempleo"), "%", "tasa_desempleo_pct",
                    ["Total", "Hombres", "Mujeres"]),
            _annual(indicadores, "informalidad", _("Tasa de informalidad"), "%",
                    "tasa_informalidad_pct", ["Total", "Urbano", "Rural"]),
            _annual(indicadores, "subempleo", _("Tasa de subempleo"), "%",
                    "tasa_subempleo_pct", ["Total", "Urbano", "Rural"]),
            _annual(indicadores, "ingreso", _("Ingreso promedio mensual del trabajo"), "S/",
                    "ingreso_promedio_mensual_soles", ["Total", "Hombres", "Mujeres"]),
        ]
    empleo = _all(EMPLEO_FORMAL)
    if empleo:
        charts += _formal_employment(empleo)
    return charts


def _annual(rows: list[dict[str, Any]], code: str, title: str, unit: str, column: str,
            groups: list[str]) -> Grafico:
    years = sorted({int(r["anio"]) for r in rows})
    values = {(int(r["anio"]), r["desagregacion"]): r[column] for r in rows}
    return Grafico(code, title, unit, INDICADORES, "line", [str(y) for y in years],
                   {g: [_number(values.get((y, g))) for y in years] for g in groups},
                   note=_("ENAHO (muestra demostrativa)"), hasta=str(years[-1]))


def _number(value: Any) -> float | None:
    return None if value in (None, "") else float(value)


def _formal_employment(rows: list[dict[str, Any]]) -> list[Grafico]:
    by_month: dict[tuple[int, int], int] = defaultdict(int)
    by_province: dict[str, int] = defaultdict(int)
    by_activity: dict[str, int] = defaultdict(int)
    last = max((int(r["anio"]), int(r["mes"])) for r in rows)
    for r in rows:
        period = (int(r["anio"]), int(r["mes"]))
        by_month[period] += r["trabajadores"]
        if period == last:
            by_province[r["provincia"]] += r["trabajadores"]
            by_activity[r["actividad_economica"]] += r["trabajadores"]
    months = sorted(by_month)
    last_label = f"{MESES[last[1] - 1]} {last[0]}"
    hasta = f"{last[0]:04d}-{last[1]:02d}"
    charts = [
        Grafico("empleo-formal", _("Empleo formal privado (trabajadores en planilla)"),
                "trabajadores", EMPLEO_FORMAL, "line",
                [f"{MESES[m - 1]} {y}" for y, m in months],
                {"La Libertad": [by_month[p] for p in months]},
                note=_("Planilla Electrónica (muestra demostrativa)")),
        _ranking("empleo-formal-provincia",
                 _("Empleo formal privado por provincia, {periodo}").format(
                     periodo=last_label), by_province),
        _ranking("empleo-formal-actividad",
                 _("Empleo formal privado por actividad económica, {periodo}").format(
                     periodo=last_label), by_activity),
    ]
    for chart in charts:
        chart.hasta = hasta
    return charts


def _ranking(code: str, title: str, totals: dict[str, int]) -> Grafico:
    ordered = sorted(totals.items(), key=lambda item: -item[1])
    return Grafico(code, title, "trabajadores", EMPLEO_FORMAL, "bar",
                   [name for name, _v in ordered], {"trabajadores": [v for _n, v in ordered]})


def by_code(code: str) -> Grafico | None:
    return next((g for g in graficos() if g.code == code), None)


# --- drawing ---------------------------------------------------------------------------

# Sized for a phone (see `domains/charts.py`): labels render at 12 px or more on a 360 px screen.
WIDTH, FONT = charts.WIDTH, charts.FONT_SIZE
HEIGHT, PAD_RIGHT, PAD_BOTTOM, PAD_TOP = 230, 14, 24, 28


def fmt(value: float | None, unit: str = "") -> str:
    """A figure of the dashboard as a person reads it (the CSV keeps the raw number)."""
    if unit == "%":
        return numbers.porcentaje(value, 1)
    if unit == "S/":
        return numbers.soles(value, 0)
    return numbers.numero(value, 0 if value is None or float(value).is_integer() else 1)


def axis_label(value: float, ticks: list[float], unit: str) -> str:
    """Tick labels short enough for the left margin: thousands as "mil"."""
    if ticks[-1] >= 10000:
        thousands = [t / 1000 for t in ticks]
        return f"{numbers.numero(value / 1000, charts.decimals(thousands))} mil"
    places = charts.decimals(ticks)
    if unit == "%":
        return numbers.porcentaje(value, places)
    return numbers.soles(value, places) if unit == "S/" else numbers.numero(value, places)


def line_svg(chart: Grafico) -> Markup:
    values = [v for series in chart.series.values() for v in series if v is not None]
    ticks = charts.ticks(max(values, default=0.0), percent=chart.unit == "%", most=4)
    low, high = ticks[0], ticks[-1]
    labels = [axis_label(t, ticks, chart.unit) for t in ticks]
    left = max(charts.text_width(label) for label in labels) + 8
    plot_w, plot_h = WIDTH - left - PAD_RIGHT, HEIGHT - PAD_BOTTOM - PAD_TOP
    n = max(1, len(chart.labels) - 1)

    def x(i: int) -> float:
        return left + plot_w * i / n

    def y(v: float) -> float:
        return PAD_TOP + plot_h * (1 - (v - low) / (high - low))

    parts = [f'<line x1="{left}" x2="{WIDTH - PAD_RIGHT}" y1="{y(t):.1f}" y2="{y(t):.1f}" '
             f'stroke="#ddd"></line><text x="{left - 4}" y="{y(t) + 4:.1f}" '
             f'text-anchor="end" font-size="{FONT}">{escape(label)}</text>'
             for t, label in zip(ticks, labels, strict=True)]
    # As many period labels as fit side by side at the label size.
    longest = max((len(label) for label in chart.labels), default=1)
    fitting = max(2, int(plot_w // (longest * FONT * 0.6 + FONT)))
    step = max(1, -(-len(chart.labels) // fitting))
    parts += [f'<text x="{x(i):.1f}" y="{HEIGHT - 6}" '
              f'text-anchor="{charts.anchor(i, len(chart.labels) - 1)}" '
              f'font-size="{FONT}">{escape(label)}</text>'
              for i, label in enumerate(chart.labels) if i % step == 0]
    for color, (name, series) in zip(COLORES, chart.series.items(), strict=False):
        points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(series)
                          if v is not None)
        parts.append(f'<polyline fill="none" stroke="{color}" stroke-width="2.5" '
                     f'points="{points}"><title>{escape(name)}</title></polyline>')
    legend = " ".join(f'<tspan fill="{c}">■ {escape(name)}</tspan>'
                      for c, name in zip(COLORES, chart.series, strict=False))
    parts.append(f'<text x="4" y="{FONT + 2}" font-size="{FONT}">{legend}</text>')
    return _frame(chart, parts)


def bar_svg(chart: Grafico) -> Markup:
    """One bar per category, its name above it (long names fit on a phone)."""
    values = next(iter(chart.series.values()))
    high = max(v for v in values if v is not None) or 1.0
    row_h = FONT * 2 + 12
    parts = []
    for i, (label, value) in enumerate(zip(chart.labels, values, strict=True)):
        width = (WIDTH - 70) * (value or 0) / high
        top = 4 + i * row_h
        parts.append(
            f'<text x="0" y="{top + FONT}" font-size="{FONT}">{escape(label)}</text>'
            f'<rect x="0" y="{top + FONT + 4}" width="{width:.1f}" height="{FONT + 1}" '
            f'fill="{COLORES[0]}"></rect><text x="{width + 4:.1f}" y="{top + 2 * FONT + 3}" '
            f'font-size="{FONT}">{escape(fmt(value))}</text>')
    return _frame(chart, parts, row_h * len(values) + 8)


def _frame(chart: Grafico, parts: list[str], height: int = HEIGHT) -> Markup:
    return Markup(
        f'<svg viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="g-{chart.code}" '
        f'xmlns="http://www.w3.org/2000/svg"><title id="g-{chart.code}">'
        f'{escape(chart.title)}</title>{"".join(parts)}</svg>')
