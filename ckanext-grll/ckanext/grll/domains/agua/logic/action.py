"""JSON API of the water commitment: the ``grll_agua_*`` actions (their auth functions are in ``auth``)."""
from __future__ import annotations

import datetime
import math
import re
from typing import Any

import ckan.model as model
import ckan.plugins.toolkit as tk
import sqlalchemy as sa
from ckan.plugins.toolkit import _
from ckan.types import Context, DataDict

from ckanext.grll import numbers, reference
from ckanext.grll.domains.agua import compliance, registry, scorecard, summary
from ckanext.grll.domains.agua.model import ASPECTOS, Calificacion, Mes, Ultima
from ckanext.grll.feedback import geo

#: Months of compliance shown per locality by the lookup.
LOOKUP_MONTHS = 12
MAX_RESULTS = 500
_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def _text(data_dict: DataDict, key: str) -> str:
    return str(data_dict.get(key) or "").strip()


def _ubigeo(value: str, field: str = "ubigeo") -> reference.Distrito:
    district = reference.distritos().get(value)
    if district is None:
        raise tk.ValidationError({field: [_("No es un distrito de La Libertad (ubigeo INEI de "
                                            "6 dígitos)")]})
    return district


def _month(data_dict: DataDict, key: str) -> datetime.date | None:
    value = _text(data_dict, key)
    if not value:
        return None
    if not _MONTH.match(value):
        raise tk.ValidationError({key: [_("Mes no válido: use AAAA-MM")]})
    return datetime.date(int(value[:4]), int(value[5:]), 1)


def _prestador(data_dict: DataDict, field: str = "prestador_id") -> registry.Prestador:
    value = _text(data_dict, field)
    if not value:
        raise tk.ValidationError({field: [_("Falta el prestador")]})
    prestador = registry.by_id(value)
    if prestador is None:
        raise tk.ValidationError({field: [_("Prestador desconocido: no está en el registro "
                                            "de prestadores")]})
    return prestador


def _coordinate(data_dict: DataDict, key: str) -> float:
    try:
        value = float(data_dict[key])
    except (KeyError, TypeError, ValueError):
        raise tk.ValidationError({key: [_("Debe ser un número")]}) from None
    if not math.isfinite(value):
        raise tk.ValidationError({key: [_("Debe ser un número")]})
    return value


def _month_dict(row: Any) -> dict[str, Any]:
    evaluation = compliance.evaluate(row.conteos)
    return {"mes": row.mes.strftime("%Y-%m"),
            "veredicto_nombre": compliance.verdict_label(evaluation["veredicto"]), **evaluation}


def _latest_dict(row: Ultima) -> dict[str, Any]:
    return {"fecha_hora": row.fecha_hora.isoformat(timespec="minutes"),
            "punto_muestreo": row.punto_muestreo, "laboratorio": row.laboratorio,
            "fuente": row.fuente, "dataset": row.dataset,
            "resultados": compliance.sample_results(row.valores)}


def _where(data_dict: DataDict) -> tuple[reference.Distrito, str | None]:
    """The district asked for (ubigeo, locality name or point) and the locality, if any."""
    if _text(data_dict, "ubigeo"):
        return _ubigeo(_text(data_dict, "ubigeo")), _text(data_dict, "localidad") or None
    if _text(data_dict, "localidad"):
        name = _text(data_dict, "localidad")
        row = model.Session.query(Ultima.ubigeo).filter(
            sa.func.lower(Ultima.localidad) == name.lower()).first()
        if row is None:
            raise tk.ValidationError({"localidad": [_("No hay muestras de esa localidad; elija "
                                                      "su distrito")]})
        return _ubigeo(row.ubigeo), name
    if data_dict.get("lat") not in (None, "") or data_dict.get("lon") not in (None, ""):
        lat, lon = _coordinate(data_dict, "lat"), _coordinate(data_dict, "lon")
        ubigeo = geo.district_at(lat, lon)
        if ubigeo is None:
            raise tk.ValidationError({"lat": [_("La ubicación está fuera de La Libertad")]})
        return _ubigeo(ubigeo), None
    raise tk.ValidationError({"ubigeo": [_("Indique un distrito, una localidad o una "
                                           "ubicación (lat y lon)")]})


def _ensure_summary() -> None:
    """A fresh portal builds its summary at the first question (later: after harvests).
    First questions arriving together (several web workers): one rebuilds, the
    others wait for its lock and find the summary built."""
    if not summary.is_empty():
        return
    # Let go of the read lock the check took, which would hold up a rebuild.
    model.Session.commit()
    model.Session.execute(sa.text(summary.REBUILD_LOCK))
    if summary.is_empty():
        summary.refresh()
    else:
        model.Session.commit()


def _open_reports(ubigeo: str) -> list[dict[str, Any]]:
    """Public (moderated, coarsened) water reports of the district that are still open."""
    found = tk.get_action("grll_feedback_list")({"ignore_auth": True}, {
        "domain": "agua", "ubigeo": ubigeo, "limit": 50})
    return [r for r in found["results"] if not r["cerrado"]]


@tk.side_effect_free
def grll_agua_locality_lookup(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """How is the water where I live: providers, latest results, monthly compliance.

    :param ubigeo: INEI district code (or)
    :param localidad: locality name, as in the samples or the registry (or)
    :param lat, lon: a point in La Libertad (the phone's location)
    :returns: the district, ``prestadores`` serving it, ``localidades`` (each with its
        provider, ``ultima_muestra`` and ``cumplimiento_mensual`` for the last 12 months
        with data, newest first) and ``reportes_abiertos`` (public view)
    """
    tk.check_access("grll_agua_locality_lookup", context, data_dict)
    district, localidad = _where(data_dict)
    _ensure_summary()
    latest = model.Session.query(Ultima).filter(Ultima.ubigeo == district.ubigeo)
    months = model.Session.query(Mes).filter(Mes.ubigeo == district.ubigeo)
    if localidad:
        latest = latest.filter(sa.func.lower(Ultima.localidad) == localidad.lower())
        months = months.filter(sa.func.lower(Mes.localidad) == localidad.lower())
    by_place: dict[tuple[str, str], list[Any]] = {}
    for row in months.order_by(Mes.mes.desc()):
        by_place.setdefault((row.localidad, row.prestador), []).append(row)
    known = registry.prestadores()
    localities = []
    for row in latest.order_by(Ultima.fecha_hora.desc()):
        monthly = [_month_dict(m) for m in by_place.get((row.localidad, row.prestador), [])
                   [:LOOKUP_MONTHS]]
        prestador = known.get(row.prestador)
        localities.append({
            "localidad": row.localidad, "prestador": row.prestador,
            "prestador_id": prestador.id if prestador else None,
            "ultima_muestra": _latest_dict(row), "cumplimiento_mensual": monthly,
            "veredicto_actual": monthly[0]["veredicto"] if monthly else compliance.SIN_DATOS})
    return {"ubigeo": district.ubigeo, "distrito": district.nombre,
            "provincia": district.provincia, "localidad": localidad,
            "prestadores": [p.as_dict() for p in registry.serving(district.ubigeo)],
            "localidades": localities, "reportes_abiertos": _open_reports(district.ubigeo)}


@tk.side_effect_free
def grll_agua_compliance(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Monthly compliance per locality, provider and month (DS N.° 031-2010-SA).

    :param ubigeo, localidad, prestador_id: filters (optional)
    :param desde, hasta: ``AAAA-MM`` bounds (optional)
    :param limit: at most 500 (default 100), newest months first
    :returns: ``{"count": n, "results": [{ubigeo, localidad, prestador, mes, veredicto,
        muestras, motivos, parametros: [{parametro, n, conformes, bajo_piso, cumple}]}]}``
    """
    tk.check_access("grll_agua_compliance", context, data_dict)
    _ensure_summary()
    query = model.Session.query(Mes)
    if _text(data_dict, "ubigeo"):
        query = query.filter(Mes.ubigeo == _ubigeo(_text(data_dict, "ubigeo")).ubigeo)
    if _text(data_dict, "localidad"):
        query = query.filter(sa.func.lower(Mes.localidad) == _text(data_dict, "localidad").lower())
    if _text(data_dict, "prestador_id"):
        query = query.filter(Mes.prestador == _prestador(data_dict).nombre)
    since, until = _month(data_dict, "desde"), _month(data_dict, "hasta")
    if since:
        query = query.filter(Mes.mes >= since)
    if until:
        query = query.filter(Mes.mes <= until)
    try:
        limit = int(data_dict.get("limit") or 100)
    except (TypeError, ValueError):
        raise tk.ValidationError({"limit": [_("Debe ser un número")]}) from None
    if not 1 <= limit <= MAX_RESULTS:
        raise tk.ValidationError({"limit": [_("Entre 1 y 500")]})
    rows = query.order_by(Mes.mes.desc(), Mes.ubigeo, Mes.localidad).limit(limit).all()
    return {"count": query.count(), "results": [
        {"ubigeo": row.ubigeo, "localidad": row.localidad, "prestador": row.prestador,
         **_month_dict(row)} for row in rows]}


@tk.side_effect_free
def grll_agua_scorecard(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """A provider's scorecard: official KPIs, monitoring compliance, report resolution and
    citizen ratings side by side (never merged), with its peer group.

    :param id: the provider's id in the registry (e.g. ``sedalib-s-a``)
    """
    tk.check_access("grll_agua_scorecard", context, data_dict)
    _ensure_summary()
    return scorecard.scorecard(_prestador(data_dict, "id"))


@tk.side_effect_free
def grll_agua_provider_list(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """The provider registry grouped by peer group (eps, municipal, jass)."""
    tk.check_access("grll_agua_provider_list", context, data_dict)
    groups: dict[str, list[dict[str, Any]]] = {g: [] for g in registry.GRUPOS}
    for prestador in sorted(registry.prestadores().values(), key=lambda p: p.nombre):
        groups.setdefault(prestador.grupo, []).append(prestador.as_dict())
    return {"grupos": [{"grupo": g, "nombre": registry.grupo_label(g), "prestadores": items}
                       for g, items in groups.items()]}


def grll_agua_rate(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Rate a provider 1-5 on each aspect; one rating per account, provider and quarter.

    :param prestador_id: the provider's registry id
    :param continuidad, presion, calidad, atencion_reclamo, facturacion: integers 1-5
    :returns: the provider's ratings summary (scores only from the configured minimum)
    """
    tk.check_access("grll_agua_rate", context, data_dict)
    prestador = _prestador(data_dict)
    errors, scores = {}, {}
    for aspect in ASPECTOS:
        value = data_dict.get(aspect)
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
            errors[aspect] = [_("Califique de 1 a 5")]
        scores[aspect] = value
    if errors:
        raise tk.ValidationError(errors)
    user = model.User.get(context["user"])
    quarter = scorecard.quarter()
    rating = Calificacion(prestador_id=prestador.id, user_id=user.id, trimestre=quarter,
                          **scores)
    model.Session.add(rating)
    try:
        model.Session.commit()
    except sa.exc.IntegrityError:
        model.Session.rollback()
        raise tk.ValidationError({"prestador_id": [_(
            "Ya calificó a este prestador en este trimestre ({quarter}); podrá calificarlo "
            "de nuevo el próximo trimestre.").format(quarter=quarter)]}) from None
    return scorecard.ratings(prestador.id)


_PROVIDER_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_TIPOS = {"eps": "Empresa prestadora (EPS)", "municipal": "Unidad de gestión municipal",
          "jass": "Organización comunal (JASS)"}


def _list(value: Any) -> list[str]:
    items = value if isinstance(value, list) else str(value or "").replace("\n", ";").split(";")
    return [str(item).strip() for item in items if str(item).strip()]


def grll_agua_provider_save(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Add a provider to the registry or correct one (stewards who may edit the registry
    dataset). The row is replaced in one transaction; nothing is written on an error.

    :param id: lower-case letters, digits and hyphens (kept when correcting)
    :param nombre: the name samples and indicators carry (unique in the registry)
    :param grupo: eps, municipal or jass
    :param ubigeos: INEI district codes (list or ``;``-separated)
    :param localidades: localities served (list or ``;``-separated)
    :param supervision: who supervises it; :param poblacion_servida_estimada: optional
    """
    tk.check_access("grll_agua_provider_save", context, data_dict)
    errors: dict[str, list[str]] = {}
    row = {key: _text(data_dict, key) for key in ("id", "nombre", "grupo", "supervision")}
    if not _PROVIDER_ID.match(row["id"]):
        errors["id"] = [_("Use minúsculas, números y guiones (por ejemplo jass-de-salpo)")]
    if not row["nombre"]:
        errors["nombre"] = [_("Falta el nombre")]
    elif any(p.nombre == row["nombre"] and p.id != row["id"]
             for p in registry.prestadores().values()):
        errors["nombre"] = [_("Ya hay otro prestador con ese nombre")]
    if row["grupo"] not in registry.GRUPOS:
        errors["grupo"] = [_("Elija eps, municipal o jass")]
    ubigeos = _list(data_dict.get("ubigeos"))
    if not ubigeos or any(u not in reference.distritos() for u in ubigeos):
        errors["ubigeos"] = [_("Indique uno o más ubigeos de La Libertad (6 dígitos)")]
    if not row["supervision"]:
        errors["supervision"] = [_("Indique quién supervisa al prestador")]
    try:
        population = numbers.leer_entero(_text(data_dict, "poblacion_servida_estimada"))
    except numbers.NumeroNoEntendido as error:
        errors["poblacion_servida_estimada"] = [str(error)]
        population = None
    if population is not None and population < 0:
        errors["poblacion_servida_estimada"] = [_("Debe ser un número entero")]
    if errors:
        raise tk.ValidationError(errors)
    row.update(tipo_prestador=_TIPOS[row["grupo"]], ubigeos=";".join(ubigeos),
               localidades=";".join(_list(data_dict.get("localidades"))),
               poblacion_servida_estimada=population)
    registry.save(row)
    return registry.by_id(row["id"]).as_dict()


def grll_agua_summary_refresh(context: Context, data_dict: DataDict) -> dict[str, int]:
    """Rebuild the compliance summary from the sample resources (sysadmins)."""
    tk.check_access("grll_agua_summary_refresh", context, data_dict)
    return summary.refresh()


def get_actions() -> dict[str, Any]:
    return {f.__name__: f for f in (
        grll_agua_locality_lookup, grll_agua_compliance, grll_agua_scorecard,
        grll_agua_provider_list, grll_agua_rate, grll_agua_provider_save,
        grll_agua_summary_refresh)}
