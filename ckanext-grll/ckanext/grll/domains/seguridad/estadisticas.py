"""Figures of the district maps and comparisons, read from the summary tables.

Rates are events per 100,000 inhabitants (INEI 2025 projection) in the chosen
period. A district with fewer events than the small-count threshold gets no
rate and no rank: its count and its figures per year (all years, and their
yearly average rate when that pooled count reaches the threshold) instead.
Province and region figures add up their districts.
"""
from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import ckan.model as model
import sqlalchemy as sa

from ckanext.grll import reference
from ckanext.grll.domains.seguridad import config
from ckanext.grll.domains.seguridad.categorias import categorias
from ckanext.grll.domains.seguridad.model import autoridad, conteo
from ckanext.grll.feedback.shared import org_title

PER = 100_000
TOTAL = "total"


@dataclass(frozen=True)
class Periodo:
    """Months ``desde``..``hasta`` as YYYYMM numbers; yearly rows count by their year."""

    desde: int
    hasta: int

    @property
    def label(self) -> dict[str, str]:
        return {"desde": _month(self.desde), "hasta": _month(self.hasta)}

    def condition(self) -> Any:
        month = conteo.c.anio * 100 + conteo.c.mes
        return sa.or_(
            sa.and_(conteo.c.mes == 0,
                    conteo.c.anio.between(self.desde // 100, self.hasta // 100)),
            sa.and_(conteo.c.mes > 0, month.between(self.desde, self.hasta)))


def _month(value: int) -> str:
    return f"{value // 100:04d}-{value % 100:02d}"


def rate(count: int, population: int) -> float | None:
    return round(count * PER / population, 1) if population else None


def default_period(fuente: str) -> Periodo:
    """The last 12 months with figures of a monthly source, the latest year of a yearly
    one (the current year if none): never months the data does not cover yet."""
    row = model.Session.execute(
        sa.select(conteo.c.anio, conteo.c.mes).where(conteo.c.fuente == fuente)
        .order_by(conteo.c.anio.desc(), conteo.c.mes.desc()).limit(1)).first()
    if row is None or not 1 <= row.mes <= 12:
        year = row.anio if row is not None else datetime.date.today().year
        return Periodo(year * 100 + 1, year * 100 + 12)
    first_year, first_month = divmod(row.anio * 12 + row.mes - 1 - 11, 12)
    return Periodo(first_year * 100 + first_month + 1, row.anio * 100 + row.mes)


def period(fuente: str, desde: str | None, hasta: str | None) -> Periodo:
    """The months asked (``AAAA-MM``): a start alone runs to the end of its year, an end
    alone from the start of its year, neither is the source's :func:`default_period`."""
    start = int(desde[:4]) * 100 + int(desde[5:]) if desde else None
    end = int(hasta[:4]) * 100 + int(hasta[5:]) if hasta else None
    if start is None and end is None:
        return default_period(fuente)
    if start is None:
        start = end // 100 * 100 + 1
    if end is None:
        end = start // 100 * 100 + 12
    return Periodo(start, end)


def years_with_data(fuente: str) -> list[int]:
    return list(model.Session.execute(
        sa.select(conteo.c.anio).where(conteo.c.fuente == fuente).distinct()
        .order_by(conteo.c.anio)).scalars())


def latest_period(fuente: str) -> str | None:
    """The newest month ('YYYY-MM') with figures of a source, or its newest year
    ('YYYY') for a source counted by year."""
    row = model.Session.execute(
        sa.select(conteo.c.anio, conteo.c.mes).where(conteo.c.fuente == fuente)
        .order_by(conteo.c.anio.desc(), conteo.c.mes.desc()).limit(1)).first()
    if row is None:
        return None
    return f"{row.anio:04d}-{row.mes:02d}" if 1 <= row.mes <= 12 else f"{row.anio:04d}"


def _counts(fuente: str, periodo: Periodo, categoria: str | None,
            *group: Any) -> list[Any]:
    query = (sa.select(*group, sa.func.sum(conteo.c.cantidad))
             .where(conteo.c.fuente == fuente, periodo.condition()).group_by(*group))
    if categoria:
        query = query.where(conteo.c.categoria == categoria)
    return model.Session.execute(query).all()


def _per_year(fuente: str, categoria: str | None, ubigeos: list[str]) -> dict[str, dict[int, int]]:
    if not ubigeos:
        return {}
    query = (sa.select(conteo.c.ubigeo, conteo.c.anio, sa.func.sum(conteo.c.cantidad))
             .where(conteo.c.fuente == fuente, conteo.c.ubigeo.in_(ubigeos))
             .group_by(conteo.c.ubigeo, conteo.c.anio))
    if categoria:
        query = query.where(conteo.c.categoria == categoria)
    found: dict[str, dict[int, int]] = defaultdict(dict)
    for ubigeo, anio, cantidad in model.Session.execute(query):
        found[ubigeo][int(anio)] = int(cantidad)
    return found


def district_figures(counts: dict[str, int]) -> dict[str, dict[str, Any]]:
    """Count, rate and rank of every district (84, zero when absent)."""
    threshold = config.small_count_threshold()
    figures = {}
    for ubigeo, district in reference.distritos().items():
        count = counts.get(ubigeo, 0)
        small = count < threshold
        figures[ubigeo] = {
            "ubigeo": ubigeo, "distrito": district.nombre, "provincia": district.provincia,
            "poblacion": district.poblacion, "cantidad": count, "conteo_pequeno": small,
            "tasa_100k": None if small else rate(count, district.poblacion), "puesto": None}
    ranked = sorted((f for f in figures.values() if f["tasa_100k"] is not None),
                    key=lambda f: -f["tasa_100k"])
    for position, item in enumerate(ranked, start=1):
        item["puesto"] = position
    return figures


def area_figures(counts: dict[str, int]) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Province totals and the region's total."""
    provinces: dict[str, dict[str, Any]] = {}
    for ubigeo, district in reference.distritos().items():
        item = provinces.setdefault(district.ubigeo_provincia, {
            "ubigeo": district.ubigeo_provincia, "provincia": district.provincia,
            "poblacion": 0, "cantidad": 0})
        item["poblacion"] += district.poblacion
        item["cantidad"] += counts.get(ubigeo, 0)
    for item in provinces.values():
        item["tasa_100k"] = rate(item["cantidad"], item["poblacion"])
    population = sum(d.poblacion for d in reference.distritos().values())
    total = sum(counts.get(u, 0) for u in reference.distritos())
    region = {"ubigeo": reference.REGION_UBIGEO, "nombre": reference.REGION_NAME,
              "poblacion": population, "cantidad": total, "tasa_100k": rate(total, population)}
    return sorted(provinces.values(), key=lambda p: p["ubigeo"]), region


def multi_year(fuente: str, categoria: str | None, figures: dict[str, dict[str, Any]]) -> None:
    """Small-count districts: their counts per year and the pooled yearly rate."""
    small = [u for u, f in figures.items() if f["conteo_pequeno"]]
    per_year = _per_year(fuente, categoria, small)
    threshold = config.small_count_threshold()
    for ubigeo in small:
        years = per_year.get(ubigeo, {})
        pooled = sum(years.values())
        item = figures[ubigeo]
        item["cantidad_por_anio"] = {str(y): n for y, n in sorted(years.items())}
        item["tasa_anual_promedio_100k"] = (
            round(rate(pooled, item["poblacion"]) / len(years), 1)
            if years and pooled >= threshold and item["poblacion"] else None)


def district_stats(fuente: str, categoria: str | None, periodo: Periodo) -> dict[str, Any]:
    counts = {u: int(n) for u, n in _counts(fuente, periodo, categoria, conteo.c.ubigeo)}
    figures = district_figures(counts)
    multi_year(fuente, categoria, figures)
    provinces, region = area_figures(counts)
    return {"fuente": fuente, "categoria": categoria or TOTAL, **periodo.label,
            "umbral_conteo_pequeno": config.small_count_threshold(),
            "distritos": list(figures.values()), "provincias": provinces, "region": region}


def comparison(ubigeo: str, fuente: str, periodo: Periodo) -> dict[str, Any]:
    """One district against the others, its province and the region."""
    district = reference.distritos()[ubigeo]
    by_category: dict[str, dict[str, int]] = defaultdict(dict)
    totals: dict[str, int] = defaultdict(int)
    for code, place, cantidad in _counts(fuente, periodo, None, conteo.c.categoria,
                                         conteo.c.ubigeo):
        by_category[code][place] = int(cantidad)
        totals[place] += int(cantidad)
    rows = []
    for code, name in [(TOTAL, "Todas las categorías")] + [
            (c.code, c.name) for c in categorias().values()]:
        counts = totals if code == TOTAL else by_category.get(code, {})
        figures = district_figures(counts)
        provinces, region = area_figures(counts)
        province = next(p for p in provinces if p["ubigeo"] == district.ubigeo_provincia)
        mine = figures[ubigeo]
        rows.append({"categoria": code, "categoria_nombre": name,
                     "sensible": code != TOTAL and categorias()[code].sensitive,
                     "distrito": {k: mine[k] for k in (
                         "cantidad", "tasa_100k", "conteo_pequeno", "puesto")},
                     "provincia": {k: province[k] for k in ("cantidad", "tasa_100k")},
                     "region": {k: region[k] for k in ("cantidad", "tasa_100k")}})
    figures = district_figures(totals)
    multi_year(fuente, None, figures)
    neighbours = sorted((f for f in figures.values() if f["provincia"] == district.provincia),
                        key=lambda f: (f["tasa_100k"] is None, -(f["tasa_100k"] or 0)))
    return {
        "fuente": fuente, **periodo.label,
        "umbral_conteo_pequeno": config.small_count_threshold(),
        "distrito": figures[ubigeo],
        "ranqueados": sum(1 for f in figures.values() if f["puesto"] is not None),
        "categorias": rows,
        "tendencia": trend(fuente, periodo, district),
        "distritos_de_la_provincia": neighbours,
    }


def trend(fuente: str, periodo: Periodo, district: reference.Distrito) -> list[dict[str, Any]]:
    """Rate per month (per year for yearly sources) of the district, province and region."""
    population = {"distrito": district.poblacion, "provincia": 0, "region": 0}
    for item in reference.distritos().values():
        population["region"] += item.poblacion
        if item.ubigeo_provincia == district.ubigeo_provincia:
            population["provincia"] += item.poblacion
    amount = sa.func.sum(conteo.c.cantidad)
    rows = model.Session.execute(
        sa.select(conteo.c.anio, conteo.c.mes,
                  amount.filter(conteo.c.ubigeo == district.ubigeo),
                  amount.filter(conteo.c.ubigeo.startswith(district.ubigeo_provincia)),
                  amount)
        .where(conteo.c.fuente == fuente, periodo.condition())
        .group_by(conteo.c.anio, conteo.c.mes).order_by(conteo.c.anio, conteo.c.mes)).all()
    series = {(int(anio), int(mes)): {"distrito": int(mine or 0), "provincia": int(province or 0),
                                      "region": int(region or 0)}
              for anio, mes, mine, province, region in rows}
    return [{"periodo": f"{anio}" if mes == 0 else f"{anio:04d}-{mes:02d}",
             "cantidad_distrito": point["distrito"],
             **{f"tasa_{area}_100k": rate(point[area], population[area])
                for area in population}}
            for (anio, mes), point in series.items()]


def authorities() -> dict[str, Any]:
    """Per responsible organization, and for all: the engine's summary figures."""
    def summary(row: Any) -> dict[str, Any]:
        return {"total": row.total, "resueltos": row.resueltos,
                "proporcion_resueltos": round(row.resueltos / row.total, 3)
                if row.total else None,
                "mediana_dias_resolucion": None if row.mediana_dias is None
                else round(row.mediana_dias, 1),
                "vencidos": row.vencidos}

    rows = {row.organizacion: row for row in model.Session.execute(
        sa.select(autoridad).order_by(autoridad.c.organizacion))}
    everyone = rows.pop("", None)
    return {"organizaciones": [{"organizacion": name, "organizacion_nombre": org_title(name),
                                **summary(row)} for name, row in rows.items()],
            "total": summary(everyone) if everyone else {
                "total": 0, "resueltos": 0, "proporcion_resueltos": None,
                "mediana_dias_resolucion": None, "vencidos": 0}}
