"""The compact JSON API of the farmers' app: ``grll_agro_*`` actions.

Read actions are public and side-effect free for the caller (they may rebuild the
summary tables when the agricultural resources changed, see ``resumen``). Bad input
raises ``ValidationError`` with the field and the reason in Spanish.
"""
from __future__ import annotations

import re
from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.plugins.toolkit import _
from ckan.types import Context, DataDict

from ckanext.grll import numbers
from ckanext.grll.domains.agro import alertas, chacra, consultas, resumen
from ckanext.grll.domains.agro.mapping import MAX_PRECIO_KG
from ckanext.grll.feedback.domains import get_domain

__all__ = ["grll_agro_latest_prices", "grll_agro_price_history", "grll_agro_weather",
           "grll_agro_planting", "grll_agro_farmgate_medians", "grll_agro_alert_create",
           "grll_agro_alert_list", "grll_agro_alert_confirm", "grll_agro_alert_delete"]

_MES = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


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


def _user(context: Context) -> model.User | None:
    return model.User.get(context["user"]) if context.get("user") else None


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
    resumen.ensure_fresh()
    errors: dict[str, list[str]] = {}
    producto = str(data_dict.get("producto") or "").strip()
    mercado = str(data_dict.get("mercado") or "").strip()
    sentido = str(data_dict.get("sentido") or "").strip()
    if sentido not in alertas.SENTIDOS:
        errors["sentido"] = [_("Elija si quiere saber cuándo el precio sube o baja")]
    try:
        typed = numbers.leer_decimal(data_dict.get("umbral"))
    except numbers.NumeroNoEntendido as error:
        errors["umbral"] = [str(error)]
    else:
        if typed is None or not 0 < typed <= MAX_PRECIO_KG:
            errors["umbral"] = [_("Escriba un precio en S/ por kg, mayor que 0 y hasta {n}")
                                .format(n=int(MAX_PRECIO_KG))]
        else:
            umbral = float(typed)
    for check in (lambda: consultas.productos_conocidos("producto", [producto]),
                  lambda: consultas.mercado_conocido(mercado)):
        try:
            check()
        except tk.ValidationError as error:
            errors.update(error.error_dict)
    if not errors and alertas.precio_actual(producto, mercado) is None:
        errors["mercado"] = [_("Ese mercado no tiene precios de ese producto")]
    user = _user(context)
    email = str(data_dict.get("email") or "").strip().lower() or None
    if user is None and (email is None or not _EMAIL.match(email)):
        errors["email"] = [_("Escriba su correo electrónico para recibir los avisos")]
    if errors:
        raise tk.ValidationError(errors)
    if user is not None:
        email = user.email if tk.asbool(data_dict.get("por_correo")) and user.email else None
    if alertas.cuantas(user.id if user else None, email) >= alertas.MAX_ALERTAS:
        raise tk.ValidationError({"producto": [_("Ya tiene {n} alertas: borre alguna antes")
                                               .format(n=alertas.MAX_ALERTAS)]})
    alerta = alertas.crear(user_id=user.id if user else None, email=email, producto=producto,
                           mercado=mercado, sentido=sentido, umbral=umbral)
    model.Session.commit()
    if user is None:
        alertas.enviar_confirmacion(alerta)
    return alertas.as_dict(alerta)


@tk.side_effect_free
def grll_agro_alert_list(context: Context, data_dict: DataDict) -> list[dict[str, Any]]:
    """The alerts of the logged-in farmer (or the one of ``token``), with their notices."""
    tk.check_access("grll_agro_alert_list", context, data_dict)
    token = str(data_dict.get("token") or "")
    if token:
        alerta = alertas.por_token(token)
        if alerta is None:
            raise tk.ObjectNotFound(_("Alerta no encontrada"))
        return [alertas.as_dict(alerta)]
    user = _user(context)
    if user is None:
        raise tk.NotAuthorized(_("Inicie sesión para ver sus alertas"))
    return [alertas.as_dict(a) for a in alertas.de_usuario(user.id)]


def grll_agro_alert_confirm(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Activate an e-mail alert with the secret ``token`` of the link mailed to it."""
    tk.check_access("grll_agro_alert_confirm", context, data_dict)
    alerta = alertas.por_token(str(data_dict.get("token") or ""))
    if alerta is None:
        raise tk.ObjectNotFound(_("Alerta no encontrada"))
    alerta.confirmada = True
    model.Session.commit()
    return alertas.as_dict(alerta)


def grll_agro_alert_delete(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Delete an alert: ``id`` of one's own (logged in) or its ``token``."""
    tk.check_access("grll_agro_alert_delete", context, data_dict)
    alerta = alertas.por_token(str(data_dict.get("token") or ""))
    user = _user(context)
    if alerta is None and user is not None and data_dict.get("id"):
        alerta = next((a for a in alertas.de_usuario(user.id) if a.id == data_dict["id"]), None)
    if alerta is None:
        raise tk.ObjectNotFound(_("Alerta no encontrada"))
    model.Session.delete(alerta)
    model.Session.commit()
    return {"borrada": alerta.id}


def get_actions() -> dict[str, Any]:
    return {name: globals()[name] for name in __all__}
