"""The compact JSON API of the farmers' app: ``grll_agro_*`` actions.

Read actions are public and side-effect free for the caller (they may rebuild the
summary tables when the agricultural resources changed, see ``resumen``). Bad input
raises ``ValidationError`` with the field and the reason in Spanish.
"""
from __future__ import annotations

import re
from typing import Any

import ckan.plugins.toolkit as tk
from ckan.plugins.toolkit import _
from ckan.types import Context, DataDict

from ckanext.grll.domains.agro import chacra, consultas, resumen
from ckanext.grll.feedback.domains import get_domain

__all__ = ["grll_agro_latest_prices", "grll_agro_price_history", "grll_agro_weather",
           "grll_agro_planting", "grll_agro_farmgate_medians"]

_MES = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


@tk.side_effect_free
def grll_agro_latest_prices(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Latest wholesale prices per product and market.

    :param productos: product slugs, list or comma-separated (up to 20), e.g. ``papa,palta``
    :param mercado: a market slug, e.g. ``la-hermelinda`` (give productos, mercado or both)
    :param ubigeo: optional district: adds the latest official farm-gate price there
    :returns: ``precios`` {producto: {mercado: {f: date, n: min, x: max, a: average,
        t4/t12: % change against the week 4/12 weeks earlier}}}, ``chacra`` {producto:
        {m: month, v: S/ per kg, r: 1 if the regional median}}, ``nombres``
    """
    tk.check_access("grll_agro_latest_prices", context, data_dict)
    resumen.ensure_fresh()
    productos = consultas.lista(data_dict.get("productos"))
    mercado = str(data_dict.get("mercado") or "").strip() or None
    if not productos and not mercado:
        raise tk.ValidationError({"productos": [_(
            "Indique los productos (hasta {n}) o un mercado").format(n=consultas.MAX_PRODUCTOS)]})
    if len(productos) > consultas.MAX_PRODUCTOS:
        raise tk.ValidationError({"productos": [_("Pida como máximo {n} productos").format(
            n=consultas.MAX_PRODUCTOS)]})
    consultas.productos_conocidos("productos", productos)
    if mercado:
        consultas.mercado_conocido(mercado)
    ubigeo = data_dict.get("ubigeo")
    lugar = consultas.distrito(ubigeo).ubigeo if ubigeo else None
    return consultas.ultimos_precios(productos, mercado, lugar)


@tk.side_effect_free
def grll_agro_price_history(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Price history of one product: daily up to 92 days, weekly up to 2 years, else monthly.

    :param producto: a product slug (required)
    :param mercado: a market slug (optional: all markets)
    :param desde, hasta: dates ``AAAA-MM-DD`` (default: the last 365 days with prices)
    :returns: ``series`` {mercado: {f: [period start], a: [average], n: [min], x: [max]}}
    """
    tk.check_access("grll_agro_price_history", context, data_dict)
    resumen.ensure_fresh()
    producto = str(data_dict.get("producto") or "").strip()
    if not producto:
        raise tk.ValidationError({"producto": [_("Falta el producto")]})
    consultas.productos_conocidos("producto", [producto])
    mercado = str(data_dict.get("mercado") or "").strip() or None
    if mercado:
        consultas.mercado_conocido(mercado)
    return consultas.historial(producto, mercado, consultas.fecha(data_dict, "desde"),
                               consultas.fecha(data_dict, "hasta"))


@tk.side_effect_free
def grll_agro_weather(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Latest observations of the station nearest to a district's capital.

    :param ubigeo: INEI district code (required)
    :returns: ``estacion``, its ``distrito``, distance ``km``, ``f`` date (``h`` hour),
        ``u`` latest values (tx/tn max/min °C, t °C, h humidity %, p rain mm, dv/vv wind)
        and ``dias`` [{f, tx, tn, h, p}] of the station's last days; {} if no station
    """
    tk.check_access("grll_agro_weather", context, data_dict)
    resumen.ensure_fresh()
    return consultas.clima(consultas.distrito(data_dict.get("ubigeo")))


@tk.side_effect_free
def grll_agro_planting(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Hectares planted this campaign vs the mean of the previous (up to) 5 campaigns.

    :param ubigeo: INEI district code (required)
    :param cultivo: a crop slug (optional)
    :returns: ``campana``, ``distrito`` and ``provincia`` {cultivo: {ha, prom5}}, ``nombres``
    """
    tk.check_access("grll_agro_planting", context, data_dict)
    resumen.ensure_fresh()
    lugar = consultas.distrito(data_dict.get("ubigeo"))
    cultivo = str(data_dict.get("cultivo") or "").strip() or None
    return consultas.siembras(lugar, cultivo)


@tk.side_effect_free
def grll_agro_farmgate_medians(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Median farm-gate prices reported by farmers, per crop, district and month.

    Outliers (outside the official SIEA range of the crop and month, widened by the
    tolerance) are left out; a group with fewer than ``n_minimo`` reports shows its
    count ``n`` but no median ``med``.

    :param cultivo: crop key of the report form (optional), e.g. ``papa``
    :param ubigeo: INEI district code (optional)
    :param desde, hasta: months ``AAAA-MM`` (optional)
    :returns: ``n_minimo`` and ``grupos`` [{c, u, m, n, med, atipicos}]
    """
    tk.check_access("grll_agro_farmgate_medians", context, data_dict)
    cultivo = str(data_dict.get("cultivo") or "").strip() or None
    if cultivo:
        keys = _crop_keys()
        if cultivo not in keys and cultivo not in keys.values():
            raise tk.ValidationError({"cultivo": [_("Cultivo desconocido: {c}").format(
                c=cultivo)]})
        cultivo = chacra.cultivo_siea(cultivo)
    ubigeo = data_dict.get("ubigeo")
    lugar = consultas.distrito(ubigeo).ubigeo if ubigeo else None
    months = {}
    for field in ("desde", "hasta"):
        value = str(data_dict.get(field) or "").strip()
        if value and not _MES.match(value):
            raise tk.ValidationError({field: [_("Mes no válido: use el formato AAAA-MM")]})
        months[field] = value or None
    return chacra.medianas(cultivo, lugar, months["desde"], months["hasta"])


def _crop_keys() -> dict[str, str]:
    """The report form's crop keys and their SIEA slugs."""
    domain = get_domain("agro")
    category = domain.categories[chacra.CATEGORIA] if domain else None
    question = next((q for q in category.questions if q.code == "cultivo"), None) \
        if category else None
    return {key: chacra.cultivo_siea(key) for key in (question.value_keys if question else ())}
