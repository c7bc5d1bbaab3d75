"""Reports as dictionaries: the public view and the staff view.

The public view is built field by field from what may be public; nothing is
removed from a full dict (so a new column never leaks by default).
"""
from __future__ import annotations

import datetime
from typing import Any

import ckan.model as model
from ckan.plugins.toolkit import _

from ckanext.grll import reference
from ckanext.grll.feedback import privacy, publication, workflow
from ckanext.grll.feedback.domains import Category, enabled_domains
from ckanext.grll.feedback.model import Event, Report, utcnow

# Timeline entries the public sees; moderation and flags stay internal.
PUBLIC_EVENTS = ("creado", "estado")


def category_of(report: Report) -> Category | None:
    domain = enabled_domains().get(report.domain)
    return domain.categories.get(report.category) if domain else None


def org_title(name: str) -> str:
    org = model.Group.get(name)
    return org.title if org else name


def report_dict(report: Report, staff: bool = False) -> dict[str, Any]:
    category = category_of(report)
    public = privacy.is_public(report, category)
    sensitive = category is None or category.sensitive
    district = reference.distritos().get(report.ubigeo)
    point = privacy.public_point(report, category) if public else None
    status = workflow.HIDDEN if report.hidden else report.status
    duplicate = model.Session.get(Report, report.duplicate_of) if report.duplicate_of else None
    result: dict[str, Any] = {
        "codigo": report.tracking_code,
        "dominio": report.domain,
        "categoria": report.category,
        "categoria_nombre": category.name if category else report.category,
        "servicio": category.service_code if category else None,
        "sensible": sensitive,
        "estado": status,
        "estado_nombre": workflow.label(status),
        "etapa": report.stage,
        "etapa_nombre": dict(category.stages).get(report.stage) if category and report.stage
        else None,
        "cerrado": report.status in workflow.CLOSED,
        "publico": public,
        "ubigeo": report.ubigeo,
        "distrito": district.nombre if district else None,
        "provincia": district.provincia if district else None,
        "punto": {"lat": point[0], "lon": point[1]} if point else None,
        "mes": privacy.public_month(report.created),
        "organizacion": report.owner_org,
        "organizacion_nombre": org_title(report.owner_org),
        "dias_resolucion": category.resolution_days if category else None,
        "vencido": publication.is_overdue(report),
        "alertas": alerts(report, category, staff=False) if public and not sensitive else [],
        "identidad": report.identity,
        "nombre": privacy.public_name(report),
        "descripcion": report.description if public and not sensitive else None,
        "respuestas": ({q.code: report.answers[q.code] for q in category.questions
                        if q.public and q.code in report.answers}
                       if public and not sensitive else {}),
        "duplicado_de": duplicate.tracking_code if duplicate else None,
        "fotos": ([p.id for p in report.photos if not p.hidden]
                  if public and not sensitive else []),
        "cronologia": [event_dict(e, report, category) for e in report.events
                       if e.kind in PUBLIC_EVENTS],
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
            "alertas": alerts(report, category, staff=True),
            "fotos": [{"id": p.id, "oculta": p.hidden, "tipo": p.mimetype,
                       "ancho": p.width, "alto": p.height} for p in report.photos],
            "cronologia": [event_dict(e, report, category, staff=True)
                           for e in report.events],
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


def event_dict(event: Event, report: Report, category: Category | None,
               staff: bool = False) -> dict[str, Any]:
    citizen = event.kind == "creado"
    result = {
        "tipo": event.kind,
        # The submission's day would date the citizen's report: month only.
        "fecha": (privacy.public_month(event.created) if citizen
                  else event.created.date().isoformat()),
        "estado": event.status,
        "estado_nombre": workflow.label(event.status) if event.status else None,
        "etapa_nombre": dict(category.stages).get(event.stage) if category and event.stage
        else None,
        "nota": event.public_note,
        "quien": _("Ciudadanía") if citizen else org_title(report.owner_org),
    }
    if staff:
        actor = model.User.get(event.actor_id) if event.actor_id else None
        result.update({"fecha": event.created.isoformat(),
                       "actor": actor.name if actor else None,
                       "nota_interna": event.private_note})
    return result
