"""The plan as open data, and every change in CKAN's activity stream.

One dataset (``ckanext.grll.ogp.dataset``) holds five DataStore resources: the
commitments, the milestones, the assessments, the indicators over time and the
committee's agreements. After every change the action calls :func:`publish`, which
rewrites them (the plan is small: a few commitments, tens of milestones) through the
portal's one DataStore writer and records an activity on the dataset naming who
changed what. A DataStore failure is logged, never loses the change: ``grll_ogp_plan_publish``
(or the next change) writes everything again.
"""
from __future__ import annotations

import datetime
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import ckan.model as model
import ckan.plugins.toolkit as tk

from ckanext.grll import datastore_tables
from ckanext.grll.datastore_tables import site_context
from ckanext.grll.harvesting.dictionary import column
from ckanext.grll.ogp import config, estado, indicadores, plan
from ckanext.grll.ogp.model import Compromiso, Evaluacion, Hito, IndicadorValor

log = logging.getLogger(__name__)
AVANCE_NOTA = ("Nivel de avance en la escala de OGP: " + ", ".join(estado.AVANCES) + ".")


@dataclass(frozen=True)
class Tabla:
    name: str
    description: str
    fields: list[dict[str, Any]]
    primary_key: list[str]
    rows: Callable[[], Iterable[dict[str, Any]]]


def _compromisos() -> Iterable[dict[str, Any]]:
    for row in model.Session.query(Compromiso).order_by(Compromiso.numero):
        c = plan.commitment_dict(row)
        yield {"numero": c["numero"], "titulo": c["titulo"], "dominio": c["dominio"],
               "fecha_inicio": c["fecha_inicio"], "fecha_fin": c["fecha_fin"],
               "problema": c["problema"], "linea_base": c["linea_base"],
               "descripcion": c["descripcion"],
               "resultados_esperados": c["resultados_esperados"],
               "como_contribuye": c["como_contribuye"], "transparencia": c["transparencia"],
               "participacion": c["participacion"],
               "rendicion_cuentas": c["rendicion_cuentas"],
               "entidad_responsable": c["organizacion"]["title"],
               "otros_actores": c["otros_actores"], "presupuesto": c["presupuesto"],
               "fuente_presupuesto": c["fuente_presupuesto"], "vinculos": c["vinculos"],
               "avance": c["avance"], "hitos_con_retraso": c["hitos_con_retraso"],
               "muestra_demostrativa": c["muestra_demostrativa"]}


def _hitos() -> Iterable[dict[str, Any]]:
    numbers = {c.id: c.numero for c in model.Session.query(Compromiso)}
    for row in model.Session.query(Hito).order_by(Hito.compromiso_id, Hito.orden):
        h = plan.milestone_dict(row)
        yield {"id": h["id"], "compromiso": numbers[row.compromiso_id], "orden": h["orden"],
               "descripcion": h["descripcion"], "fecha_inicio": h["fecha_inicio"],
               "fecha_fin": h["fecha_fin"], "responsable": h["responsable"],
               "avance": h["avance"], "completado_en": h["completado_en"],
               "con_retraso": h["con_retraso"],
               "evidencias": " | ".join(e["enlace"] for e in h["evidencias"])}


def _evaluaciones() -> Iterable[dict[str, Any]]:
    numbers = {c.id: c.numero for c in model.Session.query(Compromiso)}
    for row in model.Session.query(Evaluacion).order_by(Evaluacion.created):
        e = plan.assessment_dict(row)
        yield {"id": e["id"], "compromiso": numbers[row.compromiso_id], "tipo": e["tipo"],
               "trimestre": e["trimestre"], "avance": e["avance"], "texto": e["texto"],
               "organismo": e["organismo"], "fecha": e["fecha"],
               "comentario_comite": e["comentario_comite"]}


def _indicadores() -> Iterable[dict[str, Any]]:
    names = {(d, i.codigo): i.nombre for d in indicadores.dominios()
             for i in indicadores.definiciones(d)}
    for row in model.Session.query(IndicadorValor).order_by(IndicadorValor.fecha):
        yield {"dominio": row.dominio, "codigo": row.codigo,
               "nombre": names.get((row.dominio, row.codigo), row.codigo),
               "fecha": row.fecha.isoformat(),
               "valor": float(row.valor) if row.valor is not None else None}


def _acuerdos() -> Iterable[dict[str, Any]]:
    for session in plan.committee_dict()["sesiones"]:
        for a in session["acuerdos"]:
            yield {"id": a["id"], "fecha_sesion": session["fecha"], "texto": a["texto"],
                   "compromiso": a["compromiso"], "hito_id": a["hito_id"]}


_NUMERO = column("compromiso", "int", "Número del compromiso",
                 "Número del compromiso en el plan de acción.", label_en="Commitment number")
TABLAS = (
    Tabla("Compromisos", "Un registro por compromiso, con los campos de la plantilla de "
          "compromisos de la Alianza para el Gobierno Abierto (OGP).", [
        column("numero", "int", "Número", "Número del compromiso en el plan de acción.", label_en="Number"),
        column("titulo", "text", "Título", "Título del compromiso.", label_en="Title"),
        column("dominio", "text", "Tema", "Tema del portal al que corresponde: seguridad, "
               "agua, agro o laboral.", label_en="Topic"),
        column("fecha_inicio", "date", "Fecha de inicio", "Inicio del compromiso.", label_en="Start date"),
        column("fecha_fin", "date", "Fecha de término", "Término previsto del compromiso.", label_en="End date"),
        column("problema", "text", "Problema público", "El problema público que atiende.", label_en="Public problem"),
        column("linea_base", "text", "Línea de base", "Datos del problema al inicio.", label_en="Baseline"),
        column("descripcion", "text", "Descripción", "En qué consiste el compromiso.", label_en="Description"),
        column("resultados_esperados", "text", "Resultados esperados",
               "Lo que se espera lograr.", label_en="Expected results"),
        column("como_contribuye", "text", "Cómo contribuye",
               "Cómo ayudará a resolver el problema público.", label_en="How it helps"),
        column("transparencia", "text", "Relevancia para la transparencia",
               "Justificación de su relevancia para el valor de transparencia de OGP.", label_en="Relevance to transparency"),
        column("participacion", "text", "Relevancia para la participación ciudadana",
               "Justificación de su relevancia para el valor de participación cívica.", label_en="Relevance to civic participation"),
        column("rendicion_cuentas", "text", "Relevancia para la rendición de cuentas",
               "Justificación de su relevancia para el valor de rendición de cuentas.", label_en="Relevance to public accountability"),
        column("entidad_responsable", "text", "Entidad responsable",
               "Gerencia u oficina del Gobierno Regional que lidera la implementación.", label_en="Lead agency"),
        column("otros_actores", "text", "Otros actores",
               "Organizaciones de sociedad civil y otras entidades que participan.", label_en="Other actors"),
        column("presupuesto", "numeric", "Presupuesto", "Presupuesto asignado.", "soles", label_en="Budget"),
        column("fuente_presupuesto", "text", "Fuente del presupuesto",
               "De dónde proviene el presupuesto (por ejemplo, un proyecto de inversión).", label_en="Budget source"),
        column("vinculos", "text", "Vínculos con otros planes",
               "Plan de desarrollo regional concertado, Objetivos de Desarrollo Sostenible.", label_en="Links to other plans"),
        column("avance", "text", "Avance", AVANCE_NOTA + " Se calcula a partir de sus "
               "hitos: completado solo cuando todos lo están.", label_en="Completion"),
        column("hitos_con_retraso", "int", "Hitos con retraso",
               "Hitos cuya fecha de término pasó sin completarse, al día de la publicación.", label_en="Delayed milestones"),
        column("muestra_demostrativa", "bool", "Muestra demostrativa",
               "Verdadero si hitos, presupuesto y fechas son datos de demostración.", label_en="Demonstration sample"),
    ], ["numero"], _compromisos),
    Tabla("Hitos", "Un registro por hito de cada compromiso, con su avance y su estado.", [
        column("id", "text", "Identificador", "Identificador estable del hito.", label_en="Identifier"),
        _NUMERO,
        column("orden", "int", "Orden", "Orden del hito dentro del compromiso.", label_en="Order"),
        column("descripcion", "text", "Hito", "Descripción del hito.", label_en="Milestone"),
        column("fecha_inicio", "date", "Fecha de inicio", "Inicio previsto del hito.", label_en="Start date"),
        column("fecha_fin", "date", "Fecha de término", "Término previsto del hito.", label_en="End date"),
        column("responsable", "text", "Responsable", "Quién responde por el hito.", label_en="Responsible"),
        column("avance", "text", "Avance", AVANCE_NOTA, label_en="Completion"),
        column("completado_en", "date", "Completado el", "Fecha en que se completó.", label_en="Completed on"),
        column("con_retraso", "bool", "Con retraso", "Verdadero si la fecha de término "
               "pasó y no está completado; calculado de las fechas al publicar.", label_en="Delayed"),
        column("evidencias", "text", "Evidencias", "Enlaces a lo que prueba el hito "
               "(conjuntos de datos, páginas o documentos del portal), separados por |.", label_en="Evidence"),
    ], ["id"], _hitos),
    Tabla("Evaluaciones", "Autoevaluaciones trimestrales de la entidad responsable, con "
          "el comentario del comité, y evaluaciones independientes; se conserva la "
          "historia.", [
        column("id", "text", "Identificador", "Identificador estable de la evaluación.", label_en="Identifier"),
        _NUMERO,
        column("tipo", "text", "Tipo", "autoevaluacion (de la entidad responsable) o "
               "independiente (del mecanismo de revisión independiente).", label_en="Kind"),
        column("trimestre", "text", "Trimestre", "Trimestre evaluado, AAAA-Tn.", label_en="Quarter"),
        column("avance", "text", "Avance", AVANCE_NOTA, label_en="Completion"),
        column("texto", "text", "Evaluación", "Texto de la evaluación.", label_en="Assessment"),
        column("organismo", "text", "Organismo evaluador",
               "Quién hizo la evaluación independiente.", label_en="Assessing body"),
        column("fecha", "timestamp", "Fecha", "Fecha y hora de registro (UTC).", label_en="Date"),
        column("comentario_comite", "text", "Comentario del comité",
               "Comentario de sociedad civil del Comité de Gobierno Abierto.", label_en="Committee's comment"),
    ], ["id"], _evaluaciones),
    Tabla("Indicadores en el tiempo", "Valor de cada indicador de cada compromiso, por "
          "día en que se registró (con cada cambio del plan y cada día).", [
        column("dominio", "text", "Tema", "Tema del compromiso: seguridad, agua, agro o "
               "laboral.", label_en="Topic"),
        column("codigo", "text", "Código", "Código del indicador.", label_en="Code"),
        column("nombre", "text", "Indicador", "Nombre del indicador.", label_en="Indicator"),
        column("fecha", "date", "Fecha", "Día del registro.", label_en="Date"),
        column("valor", "numeric", "Valor", "Valor calculado de los datos del portal.", label_en="Value"),
    ], ["dominio", "codigo", "fecha"], _indicadores),
    Tabla("Acuerdos del comité", "Acuerdos de las sesiones del Comité de Gobierno "
          "Abierto, con el hito al que se refieren.", [
        column("id", "text", "Identificador", "Identificador estable del acuerdo.", label_en="Identifier"),
        column("fecha_sesion", "date", "Fecha de la sesión", "Día de la sesión.", label_en="Session date"),
        column("texto", "text", "Acuerdo", "Texto del acuerdo.", label_en="Agreement"),
        column("compromiso", "int", "Número del compromiso",
               "Compromiso del hito al que se refiere el acuerdo (vacío si ninguno).", label_en="Commitment number"),
        column("hito_id", "text", "Hito", "Identificador del hito al que se refiere.", label_en="Milestone"),
    ], ["id"], _acuerdos),
)


def ensure_dataset() -> dict[str, Any]:
    return datastore_tables.own_dataset(config.dataset(), lambda: {
        "title": "Plan de acción de Gobierno Abierto",
        "notes": "Compromisos del plan de acción de Gobierno Abierto de La Libertad "
                 "(piloto subnacional de la Alianza para el Gobierno Abierto), sus "
                 "hitos, evaluaciones, indicadores en el tiempo y los acuerdos del "
                 "Comité de Gobierno Abierto. Se actualiza con cada cambio.",
        "owner_org": config.dataset_org(),
        "fuente": "Portal de Datos y Gobierno Abierto La Libertad",
        "maintainer": "Secretaría de Gobierno Abierto",
        "tags": [{"name": "gobierno abierto"}, {"name": "OGP"}],
        # Milestones, budgets and dates of the seed are a labelled demonstration.
        "muestra_demostrativa": str(model.Session.query(Compromiso).filter(
            Compromiso.muestra_demostrativa.is_(True)).count() > 0).lower()})


def write_tables() -> dict[str, Any]:
    """Rewrite the five tables; the dataset."""
    dataset = ensure_dataset()
    for tabla in TABLAS:
        resource_id = datastore_tables.find_table(dataset, tabla.name)
        if resource_id is None:
            resource_id = datastore_tables.create_table(
                dataset["id"], tabla.name, tabla.fields, tabla.primary_key, tabla.description)
        else:
            datastore_tables.declare(resource_id, tabla.fields, tabla.primary_key)
            datastore_tables.delete_rows(resource_id, {})
        datastore_tables.write(resource_id, list(tabla.rows()), method="insert")
    return tk.get_action("package_show")(site_context(), {"id": dataset["id"]})


def record_activity(dataset: dict[str, Any], user_id: str | None, cambio: str) -> None:
    """An activity on the plan's dataset naming the change (the portal's activity stream)."""
    user = user_id or tk.get_action("get_site_user")({"ignore_auth": True}, {})["id"]
    tk.get_action("activity_create")({"ignore_auth": True}, {
        "user_id": user, "object_id": dataset["id"], "activity_type": "changed package",
        "data": {"package": dataset, "grll_ogp": {"cambio": cambio}}})


def publish(user_id: str | None, cambio: str) -> bool:
    """After a change is committed: snapshot the indicators, rewrite the open data and
    record the activity. False (logged) when the DataStore refused."""
    indicadores.registrar()
    model.Session.commit()
    try:
        dataset = write_tables()
        record_activity(dataset, user_id, cambio)
    except Exception:  # noqa: BLE001 - the change is committed; the next one republishes
        log.exception("grll_ogp: publishing the plan failed (%s)", cambio)
        model.Session.rollback()
        return False
    return True


def periodic() -> str:
    """The daily work (``ckan grll periodicas`` runs every few minutes): once a day,
    snapshot the indicators and rewrite the open data, whose ``con_retraso`` columns
    change with the date. Returns what was done, for the command's output."""

    if not model.Session.query(Compromiso).count():
        return ""
    if model.Session.query(IndicadorValor).filter(
            IndicadorValor.fecha == datetime.date.today()).count():
        return ""
    if not publish(None, "registro diario de indicadores y retrasos"):
        raise RuntimeError("the action plan could not be published (see the log)")
    return "plan publicado, indicadores registrados"
