"""The plan as dicts: what the API returns, the pages show and the DataStore publishes.

States that depend on the day (*con retraso*, the commitment's completion) are
computed here from the stored dates and levels, each time.
"""
from __future__ import annotations

import datetime
from typing import Any

import ckan.model as model
import sqlalchemy as sa

from ckanext.grll.ogp import documentos, estado
from ckanext.grll.ogp.model import (
    Acuerdo,
    Compromiso,
    Evaluacion,
    Evidencia,
    Hito,
    Miembro,
    Sesion,
)

TEMPLATE_FIELDS = ("titulo", "dominio", "problema", "linea_base", "descripcion",
                   "resultados_esperados", "como_contribuye", "transparencia",
                   "participacion", "rendicion_cuentas", "otros_actores",
                   "fuente_presupuesto", "vinculos")


def _iso(value: datetime.date | datetime.datetime | None) -> str | None:
    return value.isoformat() if value else None


def organization(org_id: str) -> dict[str, str]:
    group = model.Group.get(org_id)
    return {"id": org_id, "name": group.name if group else "",
            "title": group.title if group else ""}


def hitos(compromiso_id: str) -> list[Hito]:
    return (model.Session.query(Hito).filter(Hito.compromiso_id == compromiso_id)
            .order_by(Hito.orden).all())


def evidence_dict(row: Evidencia) -> dict[str, Any]:
    """Evidence; a document's also with its name, format, size and download address."""
    return {"id": row.id, "hito_id": row.hito_id, "tipo": row.tipo, "titulo": row.titulo,
            "enlace": row.enlace, "fecha": _iso(row.created),
            "documento": documentos.describe(row.enlace) if row.tipo == "documento"
            else None}


def session_dict(row: Sesion) -> dict[str, Any]:
    """A session of the committee; its minutes' document described as evidence's are."""
    return {"id": row.id, "fecha": _iso(row.fecha), "agenda": row.agenda, "acta": row.acta,
            "acta_documento": documentos.describe(row.acta)}


def milestone_dict(row: Hito, today: datetime.date | None = None,
                   evidence: bool = True) -> dict[str, Any]:
    result = {
        "id": row.id, "orden": row.orden, "descripcion": row.descripcion,
        "fecha_inicio": _iso(row.fecha_inicio), "fecha_fin": _iso(row.fecha_fin),
        "responsable": row.responsable, "avance": row.avance,
        "avance_nombre": estado.avance_label(row.avance),
        "completado_en": _iso(row.completado_en),
        "con_retraso": estado.con_retraso(row.fecha_fin, row.avance, today),
        "en_curso": estado.en_curso(row.fecha_inicio, row.fecha_fin, row.avance, today),
        "actualizado": _iso(row.updated)}
    if evidence:
        result["evidencias"] = [evidence_dict(e) for e in model.Session.query(Evidencia)
                                .filter(Evidencia.hito_id == row.id)
                                .order_by(Evidencia.created)]
    return result


def assessment_dict(row: Evaluacion) -> dict[str, Any]:
    return {"id": row.id, "tipo": row.tipo, "trimestre": row.trimestre,
            "avance": row.avance, "avance_nombre": estado.avance_label(row.avance),
            "texto": row.texto, "organismo": row.organismo, "enlace": row.enlace,
            "fecha": _iso(row.created), "comentario_comite": row.comentario_comite,
            "comentario_fecha": _iso(row.comentario_en)}


def summary_dict(row: Compromiso, today: datetime.date | None = None) -> dict[str, Any]:
    """A commitment with its completion and delays (the plan page's card)."""
    milestones = hitos(row.id)
    levels = [h.avance for h in milestones]
    return {
        "id": row.id, "numero": row.numero, "titulo": row.titulo, "dominio": row.dominio,
        "fecha_inicio": _iso(row.fecha_inicio), "fecha_fin": _iso(row.fecha_fin),
        "organizacion": organization(row.organizacion_id),
        "avance": estado.avance_compromiso(levels),
        "avance_nombre": estado.avance_label(estado.avance_compromiso(levels)),
        "porcentaje_completado": estado.porcentaje_completado(levels),
        "hitos_total": len(levels),
        "hitos_completados": sum(a == estado.COMPLETADO for a in levels),
        "hitos_con_retraso": sum(estado.con_retraso(h.fecha_fin, h.avance, today)
                                 for h in milestones),
        "muestra_demostrativa": row.muestra_demostrativa,
        "actualizado": _iso(max([row.updated, *[h.updated for h in milestones]])),
    }


def commitment_dict(row: Compromiso, today: datetime.date | None = None) -> dict[str, Any]:
    """Every field of OGP's template, the milestones with their state and evidence,
    the assessments (newest first)."""
    result = summary_dict(row, today)
    result.update({field: getattr(row, field) for field in TEMPLATE_FIELDS})
    result["presupuesto"] = float(row.presupuesto) if row.presupuesto is not None else None
    result["hitos"] = [milestone_dict(h, today) for h in hitos(row.id)]
    result["evaluaciones"] = [assessment_dict(e) for e in model.Session.query(Evaluacion)
                              .filter(Evaluacion.compromiso_id == row.id)
                              .order_by(Evaluacion.trimestre.desc(), Evaluacion.tipo)]
    return result


def timeline(commitment: dict[str, Any]) -> list[dict[str, Any]]:
    """Milestones (their end, or completion), assessments and evidence by date, newest
    first: what the commitment's page shows as its history."""
    events = []
    for hito in commitment["hitos"]:
        events.append({"fecha": hito["completado_en"] or hito["fecha_fin"], "tipo": "hito",
                       "hito": hito})
        events.extend({"fecha": e["fecha"][:10], "tipo": "evidencia", "evidencia": e,
                       "hito": hito} for e in hito["evidencias"])
    events.extend({"fecha": e["fecha"][:10], "tipo": "evaluacion", "evaluacion": e}
                  for e in commitment["evaluaciones"])
    return sorted(events, key=lambda e: e["fecha"] or "", reverse=True)


def committee_dict() -> dict[str, Any]:
    members = (model.Session.query(Miembro).filter(Miembro.activo.is_(True))
               .order_by(Miembro.sector, Miembro.organizacion, Miembro.nombre).all())
    sessions = model.Session.query(Sesion).order_by(Sesion.fecha.desc()).all()
    agreements: dict[str, list[Acuerdo]] = {}
    for row in model.Session.query(Acuerdo).order_by(Acuerdo.created):
        agreements.setdefault(row.sesion_id, []).append(row)
    milestones = {h.id: h for h in model.Session.query(Hito)}
    numbers = {c.id: c.numero for c in model.Session.query(Compromiso)}

    def agreement(row: Acuerdo) -> dict[str, Any]:
        hito = milestones.get(row.hito_id)
        return {"id": row.id, "texto": row.texto, "hito_id": row.hito_id,
                "hito": hito.descripcion if hito else None,
                "compromiso": numbers.get(hito.compromiso_id) if hito else None}

    return {
        "miembros": [{"id": m.id, "nombre": m.nombre, "sector": m.sector,
                      "organizacion": m.organizacion, "rol": m.rol} for m in members],
        "sesiones": [{**session_dict(s),
                      "acuerdos": [agreement(a) for a in agreements.get(s.id, [])]}
                     for s in sessions],
    }


def last_change() -> datetime.datetime | None:
    """When the plan last changed (any of its tables), for the pages' "updated on"."""
    dates = [model.Session.query(sa.func.max(column)).scalar() for column in (
        Compromiso.updated, Hito.updated, Evidencia.created, Evaluacion.created,
        Evaluacion.comentario_en, Sesion.created, Acuerdo.created)]
    return max((d for d in dates if d), default=None)
