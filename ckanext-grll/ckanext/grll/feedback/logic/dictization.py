"""Reports as dictionaries: the public view and the staff view.

The public part formats ``privacy.public_view``, field by field; nothing is
removed from a full dict (so a new column never leaks by default).
"""
from __future__ import annotations

import datetime
from typing import Any

import ckan.model as model
from ckan.plugins.toolkit import _

from ckanext.grll import reference
from ckanext.grll.feedback import personal_data, privacy, publication, workflow
from ckanext.grll.feedback.domains import Category, enabled_domains
from ckanext.grll.feedback.model import Event, Report, utcnow


def category_of(report: Report) -> Category | None:
    domain = enabled_domains().get(report.domain)
    return domain.categories.get(report.category) if domain else None


def org_title(name: str) -> str:
    org = model.Group.get(name)
    return org.title if org else name


def report_dict(report: Report, staff: bool = False) -> dict[str, Any]:
    """The public view of a report (``privacy.public_view``), plus everything for staff."""
    category = category_of(report)
    view = privacy.public_view(report, category)
    district = reference.distritos().get(report.ubigeo)
    duplicate = model.Session.get(Report, report.duplicate_of) if report.duplicate_of else None
    stages = dict(category.stages) if category else {}
    result: dict[str, Any] = {
        "codigo": report.tracking_code,
        "dominio": report.domain,
        "categoria": report.category,
        "categoria_nombre": category.name if category else report.category,
        "servicio": category.service_code if category else None,
        "sensible": view.sensitive,
        "estado": view.status,
        "estado_nombre": workflow.label(view.status),
        "etapa": report.stage,
        "etapa_nombre": stages.get(report.stage) if report.stage else None,
        "cerrado": view.closed,
        "publico": view.visible,
        "ubigeo": report.ubigeo,
        "distrito": district.nombre if district else None,
        "provincia": district.provincia if district else None,
        "punto": {"lat": view.point[0], "lon": view.point[1]} if view.point else None,
        "mes": view.month,
        "organizacion": report.owner_org,
        "organizacion_nombre": org_title(report.owner_org),
        "dias_resolucion": category.resolution_days if category else None,
        "vencido": publication.is_overdue(report),
        "alertas": (alerts(report, category, staff=False)
                    if view.visible and not view.sensitive else []),
        "identidad": report.identity,
        "nombre": view.name,
        "descripcion": view.description,
        "respuestas": view.answers,
        "duplicado_de": duplicate.tracking_code if duplicate else None,
        "fotos": list(view.photos),
        "cronologia": [{
            "tipo": event.kind, "fecha": event.month, "estado": event.status,
            "estado_nombre": workflow.label(event.status) if event.status else None,
            "etapa_nombre": stages.get(event.stage) if event.stage else None,
            "nota": event.note,
            "quien": _("Ciudadanía") if event.kind == "creado" else org_title(report.owner_org),
        } for event in view.timeline],
    }
    if staff:
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
            "alertas": alerts(report, category, staff=True),
            "fotos": [{"id": p.id, "oculta": p.hidden, "tipo": p.mimetype,
                       "ancho": p.width, "alto": p.height} for p in report.photos],
            "cronologia": [staff_event_dict(e, report, stages) for e in report.events],
            "publicacion": {"pendiente": report.publication_pending,
                            "publicado": report.published_at.isoformat()
                            if report.published_at else None,
                            "error": report.publication_error},
        })
    return result


# Answers without a time zone are local times in Peru (UTC-5, no daylight saving).
PERU_OFFSET = datetime.timedelta(hours=5)


def alerts(report: Report, category: Category | None, staff: bool) -> list[str]:
    """Warnings the category's questions raise, e.g. a water cut longer than 18 hours."""
    if category is None:
        return []
    found = []
    end = report.closed_at or utcnow()
    for question in category.questions:
        answer = (report.answers or {}).get(question.code)
        if question.alert_after_hours is None or not answer or not (question.public or staff):
            continue
        since = datetime.datetime.fromisoformat(answer)
        since = (since.astimezone(datetime.timezone.utc).replace(tzinfo=None) if since.tzinfo
                 else since + PERU_OFFSET)
        if end - since > datetime.timedelta(hours=question.alert_after_hours):
            found.append(question.alert)
    return found


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
