"""The ``grll_seguridad_*`` actions: crime figures per district, comparisons, map layers.

All are public reads over the summary tables (see :mod:`..resumen`), which
hold official complaint statistics and public citizen reports only.
"""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan.plugins.toolkit import _
from ckan.types import Context, DataDict

from ckanext.grll.domains import summaries
from ckanext.grll.domains.seguridad import estadisticas, mapa, resumen
from ckanext.grll.domains.seguridad.categorias import CITIZEN, categorias, fuentes
from ckanext.grll.domains.seguridad.logic import schema


def _period(query: DataDict) -> estadisticas.Periodo:
    # After ensure_fresh: the default period is that of the figures now in the tables.
    return estadisticas.period(query["fuente"], query.get("desde"), query.get("hasta"))


@tk.side_effect_free
def grll_seguridad_district_stats(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Events, rate per 100,000 and rank of the 84 districts, with province and region totals.

    :param fuente: ``policial`` (SIDPOL, default), ``fiscalia`` (MPFN) or ``ciudadana``
        (public citizen reports)
    :param categoria: a category code (see ``grll_seguridad_categories``); all if omitted
    :param desde, hasta: ``AAAA-MM`` bounds of the period (default: the latest year
        with figures of the source)
    :param distrito: only this district's figures (optional)
    :returns: ``distritos`` (``tasa_100k`` and ``puesto`` empty for districts under
        ``umbral_conteo_pequeno``, which carry ``cantidad_por_anio`` instead),
        ``provincias`` and ``region``
    """
    tk.check_access("grll_seguridad_district_stats", context, data_dict)
    query = schema.validated(schema.statistics, data_dict, context)
    summaries.ensure_fresh(*resumen.SUMMARIES)
    stats = estadisticas.district_stats(query["fuente"], query.get("categoria"),
                                        _period(query))
    if query.get("distrito"):
        stats["distritos"] = [d for d in stats["distritos"] if d["ubigeo"] == query["distrito"]]
    return stats


@tk.side_effect_free
def grll_seguridad_comparison(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """A district against the others, its province and the region.

    :param distrito: the district's INEI ubigeo (required)
    :param fuente, desde, hasta: as in ``grll_seguridad_district_stats``
    :returns: ``distrito`` (its figures and rank among ``ranqueados``), ``categorias``
        (count, rate and rank per category for the district, province and region),
        ``tendencia`` (rates per month) and ``distritos_de_la_provincia``
    """
    tk.check_access("grll_seguridad_comparison", context, data_dict)
    query = schema.validated(schema.comparison, data_dict, context)
    summaries.ensure_fresh(*resumen.SUMMARIES)
    return estadisticas.comparison(query["distrito"], query["fuente"], _period(query))


@tk.side_effect_free
def grll_seguridad_map_layer(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """A GeoJSON FeatureCollection for the risk-zone map.

    :param capa: ``distritos`` (district polygons with the figures of
        ``grll_seguridad_district_stats`` as properties, default) or ``puntos``
        (public citizen reports counted per cell of the privacy grid, at least
        200 m, per year; never for sensitive categories)
    :param fuente, categoria, desde, hasta: as in ``grll_seguridad_district_stats``
    :returns: a FeatureCollection with the query in ``propiedades``
    """
    tk.check_access("grll_seguridad_map_layer", context, data_dict)
    query = schema.validated(schema.map_layer, data_dict, context)
    summaries.ensure_fresh(*resumen.SUMMARIES)
    if query["capa"] == "puntos":
        return mapa.points_layer(query.get("categoria"), _period(query))
    return mapa.districts_layer(
        estadisticas.district_stats(query["fuente"], query.get("categoria"), _period(query)))


@tk.side_effect_free
def grll_seguridad_authority_stats(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """How each responsible organization handles citizens' security reports.

    The figures of ``grll_feedback_stats`` (public reports only) per organization,
    from the summary tables: reports, resolved, share resolved, median days to
    resolve and overdue reports (as of the last rebuild).

    :returns: ``organizaciones`` and ``total``
    """
    tk.check_access("grll_seguridad_authority_stats", context, data_dict)
    summaries.ensure_fresh(*resumen.SUMMARIES)
    return estadisticas.authorities()


@tk.side_effect_free
def grll_seguridad_categories(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """The categories and sources of the statistics.

    :returns: ``categorias`` (code, name, sensitive, reportable by citizens) and
        ``fuentes`` (code, name, years with figures)
    """
    tk.check_access("grll_seguridad_categories", context, data_dict)
    summaries.ensure_fresh(*resumen.SUMMARIES)
    sources = [(code, fuente.name) for code, fuente in fuentes().items()]
    sources.append((CITIZEN, _("Reportes ciudadanos del portal")))
    return {
        "categorias": [{"codigo": c.code, "nombre": c.name, "sensible": c.sensitive,
                        "reportable": c.citizen} for c in categorias().values()],
        "fuentes": [{"codigo": code, "nombre": name,
                     "anios": estadisticas.years_with_data(code)} for code, name in sources],
    }


def get_actions() -> dict[str, Any]:
    return {action.__name__: action for action in (
        grll_seguridad_district_stats, grll_seguridad_comparison, grll_seguridad_map_layer,
        grll_seguridad_authority_stats, grll_seguridad_categories)}
