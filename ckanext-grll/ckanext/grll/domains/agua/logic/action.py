"""JSON API of the water commitment: the ``grll_agua_*`` actions (their input schemas are
in ``schema``, their auth functions in ``auth``)."""
from __future__ import annotations

from typing import Any

import ckan.model as model
import ckan.plugins.toolkit as tk
import sqlalchemy as sa
from ckan.plugins.toolkit import _
from ckan.types import Context, DataDict

from ckanext.grll import reference
from ckanext.grll.domains import summaries
from ckanext.grll.domains.agua import compliance, registry, resumen, scorecard
from ckanext.grll.domains.agua.logic import schema
from ckanext.grll.domains.agua.model import ASPECTOS, Calificacion, Mes, Ultima
from ckanext.grll.validators import validated

#: Months of compliance shown per locality by the lookup.
LOOKUP_MONTHS = 12


def _month_dict(row: Any) -> dict[str, Any]:
    evaluation = compliance.evaluate(row.conteos)
    return {"mes": row.mes.strftime("%Y-%m"),
            "veredicto_nombre": compliance.verdict_label(evaluation["veredicto"]), **evaluation}


def _latest_dict(row: Ultima) -> dict[str, Any]:
    return {"fecha_hora": row.fecha_hora.isoformat(timespec="minutes"),
            "punto_muestreo": row.punto_muestreo, "laboratorio": row.laboratorio,
            "fuente": row.fuente, "dataset": row.dataset,
            "resultados": compliance.sample_results(row.valores)}


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
    data = validated(schema.locality_lookup, data_dict, context)
    district, localidad = reference.distritos()[data["ubigeo"]], data.get("localidad")
    summaries.ensure_fresh(*resumen.SUMMARIES)
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
    data = validated(schema.compliance, data_dict, context)
    summaries.ensure_fresh(*resumen.SUMMARIES)
    query = model.Session.query(Mes)
    if "ubigeo" in data:
        query = query.filter(Mes.ubigeo == data["ubigeo"])
    if "localidad" in data:
        query = query.filter(sa.func.lower(Mes.localidad) == data["localidad"].lower())
    if "prestador_id" in data:
        query = query.filter(Mes.prestador == registry.by_id(data["prestador_id"]).nombre)
    if "desde" in data:
        query = query.filter(Mes.mes >= data["desde"])
    if "hasta" in data:
        query = query.filter(Mes.mes <= data["hasta"])
    rows = query.order_by(Mes.mes.desc(), Mes.ubigeo, Mes.localidad).limit(data["limit"]).all()
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
    data = validated(schema.scorecard, data_dict, context)
    summaries.ensure_fresh(*resumen.SUMMARIES)
    return scorecard.scorecard(registry.by_id(data["id"]))


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
    data = validated(schema.rate, data_dict, context)
    prestador_id = data["prestador_id"]
    user = model.User.get(context["user"])
    quarter = scorecard.quarter()
    rating = Calificacion(prestador_id=prestador_id, user_id=user.id, trimestre=quarter,
                          **{aspect: data[aspect] for aspect in ASPECTOS})
    model.Session.add(rating)
    try:
        model.Session.commit()
    except sa.exc.IntegrityError:
        model.Session.rollback()
        raise tk.ValidationError({"prestador_id": [_(
            "Ya calificó a este prestador en este trimestre ({quarter}); podrá calificarlo "
            "de nuevo el próximo trimestre.").format(quarter=quarter)]}) from None
    return scorecard.ratings(prestador_id)


_TIPOS = {"eps": "Empresa prestadora (EPS)", "municipal": "Unidad de gestión municipal",
          "jass": "Organización comunal (JASS)"}


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
    data = validated(schema.provider_save, data_dict, context)
    row = {**{key: data.get(key) for key in registry.COLUMNS},
           "tipo_prestador": _TIPOS[data["grupo"]]}
    registry.save(row)
    return registry.by_id(row["id"]).as_dict()


def grll_agua_summary_refresh(context: Context, data_dict: DataDict) -> dict[str, int]:
    """Rebuild the compliance summary from the sample resources (sysadmins)."""
    tk.check_access("grll_agua_summary_refresh", context, data_dict)
    return resumen.refresh()


def get_actions() -> dict[str, Any]:
    return {f.__name__: f for f in (
        grll_agua_locality_lookup, grll_agua_compliance, grll_agua_scorecard,
        grll_agua_provider_list, grll_agua_rate, grll_agua_provider_save,
        grll_agua_summary_refresh)}
