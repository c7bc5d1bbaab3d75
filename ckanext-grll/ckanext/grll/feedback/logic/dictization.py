"""Reports as dictionaries: the public view and the staff view.

The public dict formats ``privacy.public_view`` field by field and reads nothing
else of the report, so a new column never leaks by default; the staff view adds
the private fields on top of it.
"""
from __future__ import annotations

from typing import Any

import ckan.model as model
from ckan.plugins.toolkit import _

from ckanext.grll.feedback import personal_data, privacy, workflow
from ckanext.grll.feedback.model import Event, Report
from ckanext.grll.feedback.privacy import PublicView


def org_title(name: str) -> str:
    org = model.Group.get(name)
    return org.title if org else name


def public_dict(view: PublicView) -> dict[str, Any]:
    """A report as the public sees it in the pages and the API."""
    return {
        "codigo": view.code,
        "dominio": view.domain,
        "categoria": view.category,
        "categoria_nombre": view.category_name,
        "servicio": view.service_code,
        "sensible": view.sensitive,
        "estado": view.status,
        "estado_nombre": workflow.label(view.status),
        "etapa": view.stage,
        "etapa_nombre": view.stage_name,
        "cerrado": view.closed,
        "publico": view.visible,
        "ubigeo": view.ubigeo,
        "distrito": view.district,
        "provincia": view.province,
        "punto": {"lat": view.point[0], "lon": view.point[1]} if view.point else None,
        "mes": view.month,
        "organizacion": view.organization,
        "organizacion_nombre": org_title(view.organization),
        "dias_resolucion": view.resolution_days,
        "vencido": view.overdue,
        "alertas": list(view.alerts),
        "identidad": view.identity,
        "nombre": view.name,
        "descripcion": view.description,
        "respuestas": view.answers,
        "duplicado_de": view.duplicate_of,
        "fotos": list(view.photos),
        "cronologia": [{
            "tipo": event.kind, "fecha": event.month, "estado": event.status,
            "estado_nombre": workflow.label(event.status) if event.status else None,
            "etapa_nombre": event.stage_name,
            "nota": event.note,
            "quien": _("Ciudadanía") if event.kind == "creado" else org_title(view.organization),
        } for event in view.timeline],
    }


def report_dict(report: Report, staff: bool = False) -> dict[str, Any]:
    """The public view of a report (``privacy.public_view``), plus everything for staff."""
    category = privacy.category_of(report)
    result = public_dict(privacy.public_view(report, category))
    if staff:
        stages = dict(category.stages) if category else {}
        result.update({
            "id": report.id,
            "id_publico": report.public_id,
            "descripcion": report.description,
            "descripcion_original": report.description_original,
            "respuestas": dict(report.answers or {}),
            "latitud": report.latitude,
            "longitud": report.longitude,
            "direccion": report.address,
            "nombre_reportante": report.reporter_name,
            "usuario": report.user_id,
            "correo": report.contact_email,
            "canal": report.channel,
            "creado": report.created.isoformat(),
            "actualizado": report.updated.isoformat(),
            "fecha_esperada": report.due_at.date().isoformat(),
            "marcas": report.flags,
            "oculto": report.hidden,
            # "Posibles datos personales": what the public outputs mask, and whether the
            # report waits for a moderator because of it (policy retener).
            "datos_personales": [personal_data.LABELS[k]
                                 for k in privacy.personal_data_in(report, category)],
            "retenido": privacy.held_for_review(report, category),
            "alertas": privacy.alerts(report, list(category.questions) if category else []),
            "fotos": [{"id": p.id, "oculta": p.hidden, "tipo": p.mimetype,
                       "ancho": p.width, "alto": p.height} for p in report.photos],
            "cronologia": [staff_event_dict(e, report, stages) for e in report.events],
            "publicacion": {"pendiente": report.publication_pending,
                            "publicado": report.published_at.isoformat()
                            if report.published_at else None,
                            "error": report.publication_error},
        })
    return result


def staff_event_dict(event: Event, report: Report, stages: dict[str, str]) -> dict[str, Any]:
    actor = model.User.get(event.actor_id) if event.actor_id else None
    return {
        "tipo": event.kind, "fecha": event.created.isoformat(), "estado": event.status,
        "estado_nombre": workflow.label(event.status) if event.status else None,
        "etapa_nombre": stages.get(event.stage) if event.stage else None,
        "nota": event.public_note,
        "quien": _("Ciudadanía") if event.kind == "creado" else org_title(report.owner_org),
        "actor": actor.name if actor else None,
        "nota_interna": event.private_note,
    }
