"""The inventory as open data: one DataStore row per candidate, every column described.

Written through ``datastore_tables`` (the portal's one DataStore writer) after every
change of the inventory and whenever a linked dataset changes (it may just have been
made public). "publicado" and "con_retraso" are computed when the row is written; the
column ``calculado`` says when.
"""
from __future__ import annotations

import datetime as dt
import logging
from typing import Any

import ckan.plugins as p

from ckanext.grll import datastore_tables
from ckanext.grll.apertura import config, inventario
from ckanext.grll.harvesting.dictionary import column

log = logging.getLogger(__name__)

RESOURCE_NAME = "Inventario de apertura de datos"

FIELDS = [
    column("id", "text", "Identificador", "Identificador único del candidato en el inventario.", label_en="Identifier"),
    column("gerencia", "text", "Gerencia", "Nombre (slug) de la organización del portal que "
           "produce la información; vacío si una solicitud ciudadana aún no tiene Gerencia.", label_en="Regional office"),
    column("gerencia_nombre", "text", "Nombre de la Gerencia",
           "Nombre completo de la Gerencia u oficina responsable.", label_en="Regional office name"),
    column("proceso", "text", "Proceso", "Proceso de la Gerencia que produce la información "
           "(fase 1 del inventario).", label_en="Process"),
    column("titulo", "text", "Información", "La información candidata a abrirse como datos.", label_en="Information"),
    column("descripcion", "text", "Descripción", "Qué contiene la información y cómo se produce.", label_en="Description"),
    column("origen", "text", "Origen", "gerencia (inventario de la Gerencia) o "
           "solicitud_ciudadana (una solicitud de datos del portal).", label_en="Origin"),
    column("solicitud", "text", "Solicitud ciudadana",
           "Identificador de la solicitud de datos que originó el candidato, si la hay.", label_en="Citizen request"),
    column("fase", "text", "Fase", "Fase alcanzada: identificado, analizado, priorizado o "
           "publicado (calculada: publicado cuando el conjunto vinculado existe y es público).", label_en="Phase"),
    column("resultado_legal", "text", "Resultado del análisis legal",
           "publicable, publicable_anonimizacion o reservada; vacío si aún no se analiza.", label_en="Legal analysis outcome"),
    column("base_legal", "text", "Base legal", "Excepciones citadas, separadas por punto y "
           "coma (Ley 27806 arts. 15, 16 y 17; Ley 29733).", label_en="Legal basis"),
    column("fundamento", "text", "Fundamento", "Explicación del análisis legal.", label_en="Reasoning"),
    column("analizado_el", "timestamp", "Analizado el", "Fecha y hora (UTC) del análisis legal.", label_en="Analysed on"),
    column("votos", "int", "Votos", "Votos registrados en los talleres de priorización.", label_en="Votes"),
    column("puntaje_funcionarios", "int", "Puntaje de funcionarios",
           "Suma de los puntajes (1 a 5) que dieron los funcionarios.", label_en="Officials' score"),
    column("puntaje_sociedad_civil", "int", "Puntaje de sociedad civil",
           "Suma de los puntajes (1 a 5) que dio la sociedad civil.", label_en="Civil society score"),
    column("puntaje_total", "int", "Puntaje total", "Suma de todos los puntajes.", label_en="Total score"),
    column("priorizado_el", "timestamp", "Priorizado el",
           "Fecha y hora (UTC) en que la secretaría lo priorizó.", label_en="Prioritised on"),
    column("fecha_meta", "date", "Fecha meta", "Fecha comprometida para publicarlo.", label_en="Target date"),
    column("conjunto_datos", "text", "Conjunto de datos",
           "Nombre del conjunto de datos publicado en el portal, si ya es público.", label_en="Dataset"),
    column("publicado", "bool", "Publicado", "Verdadero si el conjunto vinculado existe y es "
           "público (calculado).", label_en="Published"),
    column("con_retraso", "bool", "Con retraso", "Verdadero si pasó la fecha meta y aún no "
           "está publicado (calculado el día indicado en «calculado»).", label_en="Late"),
    column("muestra_demostrativa", "bool", "Muestra demostrativa",
           "Verdadero para los datos de demostración del portal, que no son oficiales.", label_en="Demonstration sample"),
    column("calculado", "date", "Calculado el", "Día en que se calcularon fase y retraso.", label_en="Computed on"),
]


def record(candidate: dict[str, Any], today: dt.date) -> dict[str, Any]:
    organization = candidate["organization"] or {}
    return {
        "id": candidate["id"], "gerencia": organization.get("name", ""),
        "gerencia_nombre": organization.get("title", ""),
        "proceso": (candidate["process"] or {}).get("name", ""),
        "titulo": candidate["title"], "descripcion": candidate["description"],
        "origen": candidate["origin"],
        "solicitud": (candidate["data_request"] or {}).get("id", ""),
        "fase": candidate["phase"], "resultado_legal": candidate["outcome"] or "",
        "base_legal": "; ".join(candidate["legal_basis"]),
        "fundamento": candidate["legal_notes"], "analizado_el": candidate["analysed_at"],
        "votos": candidate["votos"], "puntaje_funcionarios": candidate["puntaje_funcionarios"],
        "puntaje_sociedad_civil": candidate["puntaje_sociedad_civil"],
        "puntaje_total": candidate["puntaje_total"],
        "priorizado_el": candidate["prioritised_at"], "fecha_meta": candidate["target_date"],
        "conjunto_datos": (candidate["dataset"] or {}).get("name", ""),
        "publicado": candidate["published"], "con_retraso": candidate["late"],
        "muestra_demostrativa": candidate["sample"], "calculado": today.isoformat(),
    }


def _owner() -> str | None:
    from ckan import model as ckan_model

    for name in config.secretariat_organizations():
        group = ckan_model.Group.get(name)
        if group is not None and group.state == "active" and group.is_organization:
            return group.id
    return None


def _dataset(owner: str) -> dict[str, Any]:
    return datastore_tables.own_dataset(config.dataset(), lambda: {
        "owner_org": owner,
        "title": "Inventario de apertura de datos del Gobierno Regional La Libertad",
        "notes": (
            "El inventario de la apertura de datos en sus tres fases: cada Gerencia "
            "identifica sus procesos y la información que producen; la secretaría de "
            "Gobierno Abierto analiza si cada candidato es publicable, publicable tras "
            "anonimización o reservado, citando la excepción de la Ley 27806 o de la "
            "Ley 29733; un taller de funcionarios y sociedad civil prioriza con su "
            "voto y la Gerencia publica los priorizados antes de su fecha meta. Las "
            "solicitudes de datos de la ciudadanía entran como candidatos. Se "
            "actualiza en cada cambio; también en /apertura y en la API "
            "(grll_apertura_candidate_list)."),
        "fuente": "Inventario de apertura de datos del Portal de Datos Abiertos La Libertad",
        "maintainer": "Secretaría de Gobierno Abierto",
        "tags": [{"name": "gobierno abierto"}, {"name": "apertura de datos"}],
    })


def refresh(today: dt.date | None = None) -> str | None:
    """Write the whole inventory into its DataStore table; the resource id, or None when
    there is no DataStore or no secretariat organization to own the dataset yet.

    The inventory is a few hundred rows: rewriting it keeps the table exactly the
    inventory. A failure is logged, never raised: the change itself is already saved.
    """
    if not p.plugin_loaded("datastore"):
        return None
    today = today or dt.date.today()
    try:
        owner = _owner()
        if owner is None:
            log.warning("No secretariat organization exists: the inventory is not published")
            return None
        dataset = _dataset(owner)
        resource_id = datastore_tables.find_table(dataset, RESOURCE_NAME)
        if resource_id is None:
            resource_id = datastore_tables.create_table(
                dataset["id"], RESOURCE_NAME, FIELDS, ["id"],
                description="Una fila por candidato del inventario, con su fase, su "
                            "análisis legal, su puntaje y su publicación.")
        else:
            datastore_tables.declare(resource_id, FIELDS, ["id"])
            datastore_tables.delete_rows(resource_id, {})
        datastore_tables.write(resource_id, (record(c, today)
                                             for c in inventario.candidates(today=today)),
                               method="insert")
        return resource_id
    except Exception:
        log.exception("Could not publish the data-opening inventory")
        return None


def periodic(today: dt.date | None = None) -> str:
    """The daily work (``ckan grll periodicas`` runs every few minutes): rewrite the table
    once its rows were computed before today, since "con_retraso" changes with the date
    alone. One indexed read of the table otherwise. Returns what was done."""
    today = today or dt.date.today()
    if not p.plugin_loaded("datastore"):
        return ""
    # None until the inventory's first change publishes it.
    resource_id = datastore_tables.existing_table(config.dataset(), RESOURCE_NAME)
    if resource_id is None:
        return ""
    oldest = datastore_tables.site_action("datastore_search", {
        "resource_id": resource_id, "limit": 1, "fields": "calculado",
        "sort": "calculado asc"})["records"]
    if not oldest or str(oldest[0]["calculado"])[:10] >= today.isoformat():
        return ""
    if refresh(today) is None:
        raise RuntimeError("the data-opening inventory could not be published (see the log)")
    return "inventario publicado con los retrasos de hoy"


def linked_to(package_id: str) -> bool:
    """Whether a candidate is linked to this dataset (its change may publish it)."""
    import sqlalchemy as sa

    from ckanext.grll.apertura import model

    return bool(model.select(sa.select(model.candidate_table.c.id).where(
        model.candidate_table.c.package_id == package_id).limit(1)))


