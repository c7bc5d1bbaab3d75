"""A provider's scorecard: four kinds of evidence side by side, never one score.

1. Official KPIs (the provider-indicators dataset, latest year, weighted by water
   connections when the provider serves several districts).
2. Monitoring compliance from the samples (summary table, last 12 months with data).
3. Citizen-report resolution (feedback engine, public records routed to the provider).
4. Citizen ratings (own table; scores only from the configured minimum, always with n).
Each figure of the provider is compared with its peer group (EPS, municipal, JASS).
"""
from __future__ import annotations

import datetime
import statistics
from typing import Any

import ckan.model as model
import sqlalchemy as sa

from ckanext.grll.domains.agua import compliance, config, registry, routing
from ckanext.grll.domains.agua.model import ASPECTOS, Calificacion, PrestadorResumen, Ultima
from ckanext.grll.domains.agua.registry import Prestador
from ckanext.grll.feedback.shared import Report, public_filter, utcnow, workflow

KPIS = ("continuidad_horas_dia", "cobertura_agua_pct", "cobertura_alcantarillado_pct",
        "agua_no_facturada_pct", "micromedicion_pct", "reclamos_por_1000_conexiones",
        "cumplimiento_cloro_residual_pct")
CHLORINE = "cloro_residual_libre_mg_l"


def _number(value: Any) -> float | None:
    return None if value in (None, "") else float(value)


def official_kpis() -> dict[str, dict[str, Any]]:
    """Latest year's KPIs of every provider, weighted by connections across its rows."""
    rows = registry.table_rows(config.indicators())
    latest: dict[str, int] = {}
    for row in rows:
        latest[row["prestador"]] = max(latest.get(row["prestador"], 0), int(row["anio"]))
    grouped: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        if int(row["anio"]) == latest[row["prestador"]]:
            grouped.setdefault(row["prestador"], []).append(row)
    result = {}
    for name, items in grouped.items():
        figures: dict[str, Any] = {"anio": latest[name], "filas": len(items),
                                   "conexiones_agua": sum(int(r["conexiones_agua"] or 0)
                                                          for r in items)}
        for kpi in KPIS:
            pairs = [(_number(r[kpi]), int(r["conexiones_agua"] or 0)) for r in items
                     if _number(r[kpi]) is not None]
            weight = sum(w for _v, w in pairs)
            figures[kpi] = (round(sum(v * w for v, w in pairs) / weight, 1) if weight
                            else (round(pairs[0][0], 1) if pairs else None))
        result[name] = figures
    return result


def monitoring(prestador: Prestador) -> dict[str, Any]:
    """Compliance of all the provider's localities over its last 12 months with data."""
    row = model.Session.get(PrestadorResumen, prestador.nombre)
    if row is None:
        return {"desde": None, "hasta": None, **compliance.evaluate({}),
                "meses_por_veredicto": {}, "conjuntos": []}
    # The datasets of its samples: the page dates the verdict by their update frequency.
    datasets = sorted({name for (name,) in model.Session.query(Ultima.dataset).filter(
        Ultima.prestador == prestador.nombre).distinct()})
    return {"desde": row.desde.strftime("%Y-%m"), "hasta": row.hasta.strftime("%Y-%m"),
            **compliance.evaluate(row.conteos), "meses_por_veredicto": row.meses_por_veredicto,
            "conjuntos": datasets}


def chlorine_shares(names: list[str]) -> dict[str, tuple[int, int]]:
    """Per provider: (samples with chlorine within limits, samples) over its last year."""
    rows = model.Session.query(PrestadorResumen.prestador, PrestadorResumen.conteos).filter(
        PrestadorResumen.prestador.in_(names))
    return {name: (counts[CHLORINE]["conformes"], counts[CHLORINE]["n"])
            for name, counts in rows if CHLORINE in counts}


def _report_rows(ubigeos: set[str]) -> list[Any]:
    days = sa.extract("epoch", Report.closed_at - Report.created) / 86400.0
    overdue = sa.and_(Report.status.notin_(workflow.CLOSED), Report.due_at < utcnow())
    locality = Report.answers[routing.LOCALITY_QUESTION].astext
    return model.Session.query(Report.ubigeo, Report.status, days, overdue, locality).filter(
        public_filter(), Report.domain == "agua", Report.ubigeo.in_(ubigeos)).all()


def _by_provider(rows: list[Any]) -> dict[str, list[Any]]:
    """Reports per provider that must fix them (district and locality, as routed)."""
    serving = {ubigeo: registry.serving(ubigeo) for ubigeo in {r[0] for r in rows}}
    grouped: dict[str, list[Any]] = {}
    for row in rows:
        provider = routing.provider_for(row[0], row[4], serving[row[0]])
        if provider is not None:
            grouped.setdefault(provider.id, []).append(row)
    return grouped


def _resolution(rows: list[Any]) -> dict[str, Any]:
    resolved = [r[2] for r in rows if r[1] == workflow.RESOLVED and r[2] is not None]
    return {"total": len(rows), "resueltos": len(resolved),
            "proporcion_resueltos": round(len(resolved) / len(rows), 3) if rows else None,
            "mediana_dias_resolucion": round(statistics.median(resolved), 1)
            if resolved else None,
            "vencidos": sum(1 for r in rows if r[3])}


def reports(prestador: Prestador) -> dict[str, Any]:
    """Public reports of the localities the provider serves: those routed to it by
    district and locality, whether it answers them in the portal itself (its own
    organization) or the Gerencia does for it."""
    own = _by_provider(_report_rows(set(prestador.ubigeos))).get(prestador.id, [])
    organization = routing.organization_for(prestador)
    group = model.Group.get(organization)
    answers_here = bool(group and group.is_organization and group.state == "active")
    return {"distritos": list(prestador.ubigeos), "organizacion": organization,
            "organizacion_nombre": group.title if answers_here else None,
            "responde_en_portal": answers_here, **_resolution(own)}


def quarter(moment: datetime.datetime | None = None) -> str:
    moment = moment or utcnow()
    return f"{moment.year}-T{(moment.month - 1) // 3 + 1}"


def ratings(prestador_id: str) -> dict[str, Any]:
    minimum = config.min_ratings()
    row = model.Session.query(sa.func.count(Calificacion.id), *(
        sa.func.avg(getattr(Calificacion, aspect)) for aspect in ASPECTOS)).filter(
        Calificacion.prestador_id == prestador_id).one()
    n = int(row[0])
    shown = n >= minimum
    return {"n": n, "minimo": minimum, "visible": shown,
            "promedios": {aspect: round(float(value), 2) if shown and value is not None
                          else None for aspect, value in zip(ASPECTOS, row[1:], strict=True)}}


def peers(prestador: Prestador, kpis: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """The peer group side by side: continuity, chlorine compliance, resolution share."""
    group = [p for p in registry.prestadores().values() if p.grupo == prestador.grupo]
    chlorine = chlorine_shares([p.nombre for p in group])
    by_provider = _by_provider(_report_rows({u for p in group for u in p.ubigeos}))
    result = []
    for peer in group:
        good, total = chlorine.get(peer.nombre, (0, 0))
        resolution = _resolution(by_provider.get(peer.id, []))
        result.append({
            "id": peer.id, "nombre": peer.nombre, "es_este": peer.id == prestador.id,
            "continuidad_horas_dia": kpis.get(peer.nombre, {}).get("continuidad_horas_dia"),
            "cloro_conforme_pct": round(100 * good / total, 1) if total else None,
            "cloro_muestras": total,
            "reportes": resolution["total"],
            "proporcion_resueltos": resolution["proporcion_resueltos"]})
    return result


def _median(values: list[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return round(statistics.median(present), 1) if present else None


def scorecard(prestador: Prestador) -> dict[str, Any]:
    kpis = official_kpis()
    group = peers(prestador, kpis)
    return {
        "prestador": prestador.as_dict(),
        "registro": config.provider_registry(),
        "indicadores_oficiales": kpis.get(prestador.nombre),
        "indicadores_conjunto": config.indicators(),
        "monitoreo": monitoring(prestador),
        "reportes_ciudadanos": reports(prestador),
        "calificaciones": ratings(prestador.id),
        "grupo": {
            "grupo": prestador.grupo, "nombre": registry.grupo_label(prestador.grupo),
            "prestadores": group,
            "medianas": {
                "continuidad_horas_dia": _median([p["continuidad_horas_dia"] for p in group]),
                "cloro_conforme_pct": _median([p["cloro_conforme_pct"] for p in group]),
                "proporcion_resueltos": _median([p["proporcion_resueltos"] for p in group])},
        },
    }
