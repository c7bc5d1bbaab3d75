"""The compact JSON API of the farmers' app: ``grll_agro_*`` actions.

Read actions are public and side-effect free for the caller (they may rebuild the
summary tables when the agricultural resources changed, see ``resumen``). Bad input
raises ``ValidationError`` with the field and the reason in Spanish.
"""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.plugins.toolkit import _
from ckan.types import Context, DataDict

from ckanext.grll import reference
from ckanext.grll.domains import summaries
from ckanext.grll.domains.agro import alertas, chacra, consultas, resumen
from ckanext.grll.domains.agro.logic import schema

__all__ = ["grll_agro_latest_prices", "grll_agro_price_history", "grll_agro_weather",
           "grll_agro_planting", "grll_agro_farmgate_medians", "grll_agro_alert_create",
           "grll_agro_alert_list", "grll_agro_alert_confirm", "grll_agro_alert_delete"]


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
    summaries.ensure_fresh(*resumen.SUMMARIES)
    data = schema.validated(schema.latest_prices, data_dict, context)
    return consultas.ultimos_precios(data["productos"], data.get("mercado"),
                                     data.get("ubigeo"))


@tk.side_effect_free
def grll_agro_price_history(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Price history of one product: daily up to 92 days, weekly up to 2 years, else monthly.

    :param producto: a product slug (required)
    :param mercado: a market slug (optional: all markets)
    :param desde, hasta: dates ``AAAA-MM-DD`` (default: the last 365 days with prices)
    :returns: ``series`` {mercado: {f: [period start], a: [average], n: [min], x: [max]}}
    """
    tk.check_access("grll_agro_price_history", context, data_dict)
    summaries.ensure_fresh(*resumen.SUMMARIES)
    data = schema.validated(schema.price_history, data_dict, context)
    return consultas.historial(data["producto"], data.get("mercado"), data.get("desde"),
                               data.get("hasta"))


@tk.side_effect_free
def grll_agro_weather(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Latest observations of the station nearest to a district's capital.

    :param ubigeo: INEI district code (required)
    :returns: ``estacion``, its ``distrito``, distance ``km``, ``f`` date (``h`` hour),
        ``u`` latest values (tx/tn max/min °C, t °C, h humidity %, p rain mm, dv/vv wind)
        and ``dias`` [{f, tx, tn, h, p}] of the station's last days; {} if no station
    """
    tk.check_access("grll_agro_weather", context, data_dict)
    summaries.ensure_fresh(*resumen.SUMMARIES)
    data = schema.validated(schema.district_place, data_dict, context)
    return consultas.clima(reference.distritos()[data["ubigeo"]])


@tk.side_effect_free
def grll_agro_planting(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Hectares planted this campaign vs the mean of the previous (up to) 5 campaigns.

    :param ubigeo: INEI district code (required)
    :param cultivo: a crop slug (optional)
    :returns: ``campana``, ``distrito`` and ``provincia`` {cultivo: {ha, prom5}}, ``nombres``
    """
    tk.check_access("grll_agro_planting", context, data_dict)
    summaries.ensure_fresh(*resumen.SUMMARIES)
    data = schema.validated(schema.planting, data_dict, context)
    return consultas.siembras(reference.distritos()[data["ubigeo"]], data.get("cultivo"))


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
    data = schema.validated(schema.farmgate_medians, data_dict, context)
    return chacra.medianas(data.get("cultivo"), data.get("ubigeo"), data.get("desde"),
                           data.get("hasta"))


def grll_agro_alert_create(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Ask to be told when a product's average price in a market crosses a threshold.

    Logged in: the notices appear in the app (``/agro/alertas``), and by e-mail to the
    account's address with ``por_correo``. Without an account: ``email`` is required
    and the alert works once the link mailed there is opened.

    :param producto: product slug; :param mercado: market slug
    :param sentido: ``sube`` (tell me when it reaches the threshold or more) or ``baja``
    :param umbral: S/ per kg (more than 0, up to 200), a number or its text with a
        decimal comma or point (``"0,80"``); ``"1,250"`` is refused as ambiguous
    :param email: address (without an account); :param por_correo: true/false (account)
    :returns: the alert, with ``ya_cumple`` when the price is already beyond the threshold
    """
    tk.check_access("grll_agro_alert_create", context, data_dict)
    summaries.ensure_fresh(*resumen.SUMMARIES)
    data = schema.validated(schema.alert_create, data_dict, context)
    account = alertas.titular(context)
    email = data["email"]
    if account is not None:
        email = account.email if tk.asbool(data.get("por_correo")) and account.email else None
    alerta = alertas.crear(user_id=account.id if account else None, email=email,
                           producto=data["producto"], mercado=data["mercado"],
                           sentido=data["sentido"], umbral=data["umbral"])
    model.Session.commit()
    if account is None:
        alertas.enviar_confirmacion(alerta)
    return alertas.as_dict(alerta)


@tk.side_effect_free
def grll_agro_alert_list(context: Context, data_dict: DataDict) -> list[dict[str, Any]]:
    """The alerts of the logged-in farmer (or the one of ``token``), with their notices."""
    tk.check_access("grll_agro_alert_list", context, data_dict)
    data = schema.validated(schema.alert_key, data_dict, context)
    if data.get("token"):
        alerta = alertas.por_token(data["token"])
        if alerta is None:
            raise tk.ObjectNotFound(_("Alerta no encontrada"))
        return [alertas.as_dict(alerta)]
    account = alertas.titular(context)
    if account is None:
        raise tk.NotAuthorized(_("Inicie sesión para ver sus alertas"))
    return [alertas.as_dict(a) for a in alertas.de_usuario(account.id)]


def grll_agro_alert_confirm(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Activate an e-mail alert with the secret ``token`` of the link mailed to it."""
    tk.check_access("grll_agro_alert_confirm", context, data_dict)
    data = schema.validated(schema.alert_key, data_dict, context)
    alerta = alertas.por_token(data.get("token", ""))
    if alerta is None:
        raise tk.ObjectNotFound(_("Alerta no encontrada"))
    alerta.confirmada = True
    model.Session.commit()
    return alertas.as_dict(alerta)


def grll_agro_alert_delete(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Delete an alert: ``id`` of one's own (logged in) or its ``token``."""
    tk.check_access("grll_agro_alert_delete", context, data_dict)
    data = schema.validated(schema.alert_key, data_dict, context)
    alerta = alertas.por_token(data.get("token", ""))
    account = alertas.titular(context)
    if alerta is None and account is not None and data.get("id"):
        alerta = next((a for a in alertas.de_usuario(account.id) if a.id == data["id"]), None)
    if alerta is None:
        raise tk.ObjectNotFound(_("Alerta no encontrada"))
    model.Session.delete(alerta)
    model.Session.commit()
    return {"borrada": alerta.id}


def get_actions() -> dict[str, Any]:
    return {name: globals()[name] for name in __all__}
