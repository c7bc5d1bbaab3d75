"""Demonstration citizen reports: every domain, every lifecycle state, recent dates.

A fresh portal has no citizen reports, so the authorities' figures, the maps'
citizen layers and the providers' resolution blocks would be empty. ``load()``
files a fixed set of illustrative reports through the engine's own actions
(``grll_feedback_create``, ``grll_feedback_status_update``,
``grll_feedback_moderate``), so routing, privacy coarsening and publication apply
exactly as to a citizen's report. Each text starts with "Reporte de
demostración" and each domain's open-data dataset is marked
``muestra_demostrativa``, so pages label them.

The reports are then dated back (weeks to months before today, each step of its
timeline after the previous one): a report filed today would stay unpublished for
the category's publication delay. Loading again adds nothing: a report whose
content hash exists is skipped.
"""
from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass, field
from typing import Any

import ckan.model as model
import ckan.plugins as p
import ckan.plugins.toolkit as tk

from ckanext.grll import reference
from ckanext.grll.feedback import publication, workflow
from ckanext.grll.feedback.domains import Category, enabled_domains
from ckanext.grll.feedback.interfaces import IGrllDomain
from ckanext.grll.feedback.logic.action import content_hash
from ckanext.grll.feedback.logic.dictization import report_dict
from ckanext.grll.feedback.model import Report, utcnow

log = logging.getLogger(__name__)

LABEL = "Reporte de demostración"
#: Not a lifecycle status: a report a moderator hid (kept for audit).
HIDDEN = workflow.HIDDEN

#: The statuses a report passes through to reach each final one.
PATHS: dict[str, tuple[str, ...]] = {
    workflow.RECEIVED: (),
    workflow.UNDER_REVIEW: (workflow.UNDER_REVIEW,),
    workflow.ROUTED: (workflow.UNDER_REVIEW, workflow.ROUTED),
    workflow.IN_PROGRESS: (workflow.UNDER_REVIEW, workflow.IN_PROGRESS),
    workflow.RESOLVED: (workflow.UNDER_REVIEW, workflow.IN_PROGRESS, workflow.RESOLVED),
    workflow.REJECTED: (workflow.UNDER_REVIEW, workflow.REJECTED),
    workflow.DUPLICATE: (workflow.DUPLICATE,),
    HIDDEN: (workflow.UNDER_REVIEW,),
}

NOTES = {
    workflow.UNDER_REVIEW: "Recibimos su reporte y lo estamos revisando.",
    workflow.ROUTED: "Derivamos su reporte a la entidad que debe atenderlo.",
    workflow.IN_PROGRESS: "La entidad responsable está atendiendo el problema.",
    workflow.RESOLVED: "El problema fue atendido. Gracias por reportarlo.",
    workflow.REJECTED: "No corresponde a esta entidad ni a este servicio; oriente su "
                       "consulta a la oficina indicada.",
    workflow.DUPLICATE: "Ya teníamos un reporte del mismo problema; lo seguimos allí.",
}


@dataclass(frozen=True)
class Demo:
    """One illustrative report: what, where, how far along, how long ago."""

    domain: str
    category: str
    ubigeo: str
    status: str
    text: str
    days_ago: int
    #: Days from filing to closing (resolved, rejected or duplicate ones).
    days_to_close: int = 3
    answers: dict[str, Any] = field(default_factory=dict)


# Ages are counted back from today, always past the publication delay (7 days).
_STATES = (workflow.RESOLVED, workflow.IN_PROGRESS, workflow.RESOLVED, workflow.ROUTED,
           workflow.RESOLVED, workflow.UNDER_REVIEW, workflow.REJECTED, workflow.RECEIVED,
           workflow.RESOLVED, workflow.DUPLICATE, HIDDEN)

_AGUA = (
    ("sin-servicio", "130101", "Trujillo", "Desde ayer no llega agua a la cuadra; los vecinos compran bidones."),
    ("baja-presion", "130101", "Trujillo", "El agua llega con muy poca presión y solo en la madrugada."),
    ("fuga", "130102", "El Porvenir", "Tubería rota en la esquina: el agua corre por la pista hace días."),
    ("desague", "130105", "La Esperanza", "El buzón de la calle rebalsa y el desagüe llega a la vereda."),
    ("calidad", "130106", "Laredo", "El agua sale turbia y con olor a tierra desde el lunes."),
    ("sin-servicio", "130106", "Santo Domingo", "En el caserío no hay agua desde la semana pasada."),
    ("facturacion", "130106", "Laredo", "El recibo llegó por el triple del consumo habitual."),
    ("sin-servicio", "130901", "Huamachuco", "Cortes de agua todas las tardes sin aviso previo."),
    ("conexion", "130601", "Otuzco", "Pedimos la conexión domiciliaria hace dos meses y no la instalan."),
    ("baja-presion", "131201", "Virú", "En la parte alta del barrio el agua casi no sube."),
    ("fuga", "130108", "Poroto", "Fuga en la tubería principal junto a la plaza."),
    ("calidad", "130102", "El Porvenir", "El agua tiene color amarillento y no huele a cloro."),
)

_SEGURIDAD = (
    ("robo", "130101", "Robo de celular al paso en la avenida, cerca del paradero."),
    ("robo", "130102", "Asaltaron a una vecina a la salida del mercado al anochecer."),
    ("hurto", "130105", "Se llevaron las herramientas de un taller mientras estaba abierto."),
    ("robo-vehiculo", "130101", "Robaron una mototaxi estacionada frente a la vivienda."),
    ("venta-drogas", "130103", "Venta de drogas en la esquina del parque por las noches."),
    ("pandillaje", "130101", "Grupo de jóvenes con piedras se enfrenta cada fin de semana."),
    ("otro", "130106", "Alumbrado público apagado en toda la cuadra; la calle queda a oscuras."),
    ("extorsion", "130102", "Cobran cupos a los negocios de la zona con amenazas."),
    ("soborno", "130901", "Un funcionario pidió dinero para agilizar un trámite municipal."),
    ("violencia", "130104", "Se escuchan golpes y gritos en una vivienda del pasaje."),
    ("trata", "131201", "Ofrecen trabajo en otra ciudad a adolescentes sin contrato."),
    ("robo", "130105", "Dos personas en moto arrebataron una cartera en el paradero."),
    ("hurto", "130101", "Sustrajeron una bicicleta amarrada frente a la bodega."),
    ("pandillaje", "130601", "Pintas y amenazas de un grupo en el parque principal."),
    ("robo", "130701", "Robo en una tienda de abarrotes a mediodía."),
    ("venta-drogas", "130208", "Venden droga a escolares cerca del colegio."),
)

_AGRO = (
    ("abuso-compra", "130901", "El acopiador pagó menos de lo acordado por la papa entregada."),
    ("plaga-helada", "130601", "La helada de la semana quemó las hojas del maíz en la quebrada."),
    ("riego", "131201", "No llega el turno de riego del canal desde hace dos semanas."),
    ("dato-incorrecto", "130201", "El precio publicado del azúcar no coincide con el del mercado."),
    ("plaga-helada", "130901", "Aparición de rancha en los cultivos de papa del caserío."),
    ("riego", "130106", "La compuerta del canal está rota y se pierde el agua."),
    ("abuso-compra", "130208", "La balanza del comprador marca menos peso que la nuestra."),
    ("dato-incorrecto", "130601", "La superficie sembrada de papa publicada para Otuzco es muy baja."),
    ("plaga-helada", "131001", "Gusano de tierra en las chacras de trigo de la comunidad."),
    ("riego", "130701", "El reparto del agua del canal no respeta el padrón de usuarios."),
    ("abuso-compra", "131201", "Nos pagan el espárrago a 30 días y sin comprobante."),
)

_LABORAL = (
    ("consulta", "130101", "¿Cuántos días de vacaciones me corresponden si trabajo medio tiempo?",
     {"tema": "derechos"}),
    ("tramite-demorado", "130101", "Mi expediente de liquidación sigue sin respuesta.",
     {"expediente": "EXP-DEMO-0012"}),
    ("oferta-enganosa", "130102", "La oferta prometía planilla y luego pidieron pagar la capacitación.",
     {}),
    ("denuncia-laboral", "130201", "No nos pagan las horas extra de la campaña de cosecha.",
     {"empleador": "Empresa agroindustrial de demostración",
      "direccion-centro-trabajo": "Fundo de la campaña, Casa Grande",
      "materia": ["remuneraciones"]}),
    ("consulta", "131201", "¿Cómo me inscribo en la bolsa de trabajo del servicio de empleo?",
     {"tema": "tramite"}),
    ("tramite-demorado", "130901", "Pedí un certificado de trabajo y no me lo entregan.",
     {"expediente": "EXP-DEMO-0031"}),
    ("oferta-enganosa", "130101", "El aviso ofrecía sueldo fijo y solo pagan por comisión.", {}),
    ("consulta", "130601", "¿Me corresponde gratificación si entré a trabajar en octubre?",
     {"tema": "derechos"}),
    ("denuncia-laboral", "131201", "Trabajamos en la cosecha sin estar en planilla.",
     {"empleador": "Fundo agrícola de demostración",
      "direccion-centro-trabajo": "Fundo de la campaña, Virú", "materia": ["planilla"]}),
    ("tramite-demorado", "130208", "La constancia de cese de mi contrato no sale hace un mes.",
     {"expediente": "EXP-DEMO-0047"}),
    ("consulta", "130102", "¿Dónde presento mi reclamo por despido sin aviso?",
     {"tema": "tramite"}),
)


def demos() -> list[Demo]:
    """The demonstration reports (fixed texts; the ages spread the states over months)."""
    found: list[Demo] = []

    def add(domain: str, index: int, category: str, ubigeo: str, text: str,
            answers: dict[str, Any] | None = None) -> None:
        status = _STATES[index % len(_STATES)]
        found.append(Demo(domain=domain, category=category, ubigeo=ubigeo, status=status,
                          text=f"{LABEL}. {text}", days_ago=12 + (index * 11) % 140,
                          days_to_close=1 + (index * 5) % 20, answers=answers or {}))

    for index, (category, ubigeo, locality, text) in enumerate(_AGUA):
        add("agua", index, category, ubigeo, text, {"localidad": locality})
    for index, (category, ubigeo, text) in enumerate(_SEGURIDAD):
        add("seguridad", index, category, ubigeo, text)
    for index, (category, ubigeo, text) in enumerate(_AGRO):
        add("agro", index, category, ubigeo, text)
    for index, (category, ubigeo, text, answers) in enumerate(_LABORAL):
        add("laboral", index, category, ubigeo, text, answers)
    return found


def _context() -> dict[str, Any]:
    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    return {"user": site_user["name"], "ignore_auth": True}


def _moment(days_ago: float) -> datetime.datetime:
    return utcnow() - datetime.timedelta(days=days_ago)


def _answers(category: Category, demo: Demo) -> dict[str, Any]:
    """The demo's answers, completed with a valid one for each required question."""
    answers = dict(demo.answers)
    for question in category.questions:
        if question.code in answers or not question.required:
            continue
        if question.datatype == "singlevaluelist":
            answers[question.code] = question.value_keys[0]
        elif question.datatype == "multivaluelist":
            answers[question.code] = [question.value_keys[0]]
        elif question.datatype == "datetime":
            answers[question.code] = _moment(demo.days_ago + 0.5).strftime("%Y-%m-%dT%H:%M")
        elif question.datatype == "number":
            answers[question.code] = question.min if question.min is not None else 1
        else:
            answers[question.code] = LABEL
    return answers


def _point(ubigeo: str, index: int) -> tuple[float, float]:
    """Near the district's capital, a few hundred metres apart for each report."""
    district = reference.distritos()[ubigeo]
    return (round(district.lat + 0.002 * (index % 3 - 1), 5),
            round(district.lon + 0.002 * (index % 4 - 1.5), 5))


def _file(demo: Demo, category: Category, index: int) -> Report:
    lat, lon = _point(demo.ubigeo, index)
    data = {"domain": demo.domain, "category": demo.category, "description": demo.text,
            "ubigeo": demo.ubigeo, "answers": _answers(category, demo),
            "identity": "anonimo" if category.anonymous_allowed else "oculto",
            "name": "Ciudadana de demostración", "channel": "api"}
    if not category.sensitive:
        data.update(lat=lat, lon=lon)
    result = tk.get_action("grll_feedback_create")({"user": "", "ignore_auth": True}, data)
    report = Report.by_code(result["codigo"])
    assert report is not None
    return report


def _advance(report: Report, demo: Demo, original: Report | None) -> None:
    context = _context()
    for status in PATHS[demo.status]:
        data: dict[str, Any] = {"code": report.tracking_code, "status": status,
                                "public_note": NOTES[status]}
        if status == workflow.DUPLICATE:
            if original is None:
                continue
            data["duplicate_of"] = original.tracking_code
        tk.get_action("grll_feedback_status_update")(dict(context), data)
    if demo.status == HIDDEN:
        tk.get_action("grll_feedback_moderate")(dict(context), {
            "code": report.tracking_code, "hidden": True,
            "private_note": "Demostración: texto fuera de tema."})


def _backdate(report: Report, demo: Demo, category: Category) -> None:
    """Move the report and its timeline back to when the demo says it happened."""
    created = _moment(demo.days_ago)
    closing = created + datetime.timedelta(days=min(demo.days_to_close, demo.days_ago - 1))
    report.created = created
    report.due_at = created + datetime.timedelta(days=category.resolution_days)
    steps = len(report.events)
    for position, event in enumerate(report.events):
        event.created = created + (closing - created) * (position / max(steps - 1, 1))
    report.updated = report.events[-1].created
    report.closed_at = report.updated if report.status in workflow.CLOSED else None
    report.publication_pending = True


def _mark_datasets(domains: set[str]) -> None:
    """Mark each domain's open-data dataset of reports as holding demonstration data."""
    for name in sorted(domains):
        domain = enabled_domains()[name]
        publication.ensure_resource(domain)
        dataset = tk.get_action("package_show")(_context(), {"id": domain.dataset_name})
        if dataset.get("muestra_demostrativa") != "true":
            tk.get_action("package_patch")(_context(), {
                "id": dataset["id"], "muestra_demostrativa": "true"})


def load() -> dict[str, int]:
    """File the demonstration reports that are not there yet; how many per domain."""
    enabled = enabled_domains()
    added: dict[str, int] = {}
    originals: dict[str, Report] = {}
    for index, demo in enumerate(demos()):
        domain = enabled.get(demo.domain)
        category = domain.categories.get(demo.category) if domain else None
        if category is None:
            continue
        digest = content_hash(demo.domain, demo.category, demo.text, demo.ubigeo)
        existing = Report.query().filter(Report.content_hash == digest).first()
        if existing is not None:
            originals.setdefault(demo.domain, existing)
            continue
        report = _file(demo, category, index)
        _advance(report, demo, originals.get(demo.domain))
        originals.setdefault(demo.domain, report)
        report = Report.by_code(report.tracking_code)
        _backdate(report, demo, category)
        model.Session.commit()
        publication.publish_report(report.id)
        _tell_domain(report)
        added[demo.domain] = added.get(demo.domain, 0) + 1
    _mark_datasets({demo.domain for demo in demos()} & set(enabled))
    return added


def _tell_domain(report: Report) -> None:
    """The commitment's hook, again: its figures must count the report's real dates."""
    staff_view = report_dict(report, staff=True)
    for plugin in p.PluginImplementations(IGrllDomain):
        if plugin.grll_domain_name() == report.domain:
            plugin.grll_feedback_after_status_change(staff_view, report.status)
