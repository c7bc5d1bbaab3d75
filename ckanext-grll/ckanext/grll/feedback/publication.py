"""The open-data side: each domain's "Reportes ciudadanos" DataStore resource.

Every change to a report enqueues :func:`publish_report`, which writes the
record's anonymised projection (or removes it when it stops being public). If
Redis is down the change is kept and the record stays ``publication_pending``;
:func:`publish_pending` (``ckan grll feedback publicar``, run by cron) catches
up, as it does for records whose publication delay has just passed and for
DataStore failures, which leave the record itself untouched.
"""
from __future__ import annotations

import logging
from typing import Any

import ckan.model as model
import ckan.plugins.toolkit as tk
from redis.exceptions import RedisError

from ckanext.grll import datastore_tables
from ckanext.grll.datastore_tables import site_context
from ckanext.grll.feedback import privacy, workflow
from ckanext.grll.feedback.domains import Domain, enabled_domains
from ckanext.grll.feedback.model import Report, utcnow
from ckanext.grll.harvesting import dictionary

log = logging.getLogger(__name__)

RESOURCE_NAME = "Reportes ciudadanos (proyección anonimizada)"
FIELDS = [
    dictionary.column("id", "text", "Identificador público del reporte",
           "Identificador estable y anónimo de la fila; no es el código de seguimiento que "
           "recibe quien reporta.", label_en="Public report identifier"),
    dictionary.column("categoria", "text", "Código de la categoría",
           "Código de la categoría del reporte según el compromiso (por ejemplo, "
           "baja-presion); es también el código de servicio Open311.", label_en="Category code"),
    dictionary.column("categoria_nombre", "text", "Categoría",
           "Nombre de la categoría del reporte, tal como lo elige la ciudadanía.",
           label_en="Category"),
    dictionary.ubigeo(),
    dictionary.DISTRITO,
    dictionary.PROVINCIA,
    dictionary.column("latitud", "numeric", "Latitud aproximada",
           "Latitud WGS 84 del centro de la celda de la cuadrícula que contiene el punto "
           "reportado, no el punto exacto; vacía en las categorías sensibles.",
           "grados decimales", label_en="Approximate latitude"),
    dictionary.column("longitud", "numeric", "Longitud aproximada",
           "Longitud WGS 84 del centro de la celda de la cuadrícula que contiene el punto "
           "reportado, no el punto exacto; vacía en las categorías sensibles.",
           "grados decimales", label_en="Approximate longitude"),
    dictionary.column("mes", "text", "Mes del reporte",
           "Mes en que se recibió el reporte, en formato AAAA-MM; el día no se publica.",
           label_en="Report month"),
    dictionary.column("estado", "text", "Estado",
           "Estado de atención del reporte: " + ", ".join(workflow.STATUSES) + ".",
           label_en="Status"),
    dictionary.column("cerrado", "bool", "Cerrado",
           "Verdadero si el reporte está resuelto, rechazado o marcado como duplicado.",
           label_en="Closed"),
    dictionary.column("semanas_para_resolver", "int", "Semanas para resolver",
           "Semanas completas desde la recepción del reporte hasta su resolución (0: menos "
           "de 7 días); vacía si no está resuelto.", "semanas", label_en="Weeks to resolve"),
    dictionary.column("vencido", "bool", "Vencido",
           "Verdadero si superó el plazo de atención esperado para su categoría: sigue "
           "abierto después del plazo o se cerró después de él.", label_en="Overdue"),
    dictionary.column("organizacion_responsable", "text", "Entidad responsable",
           "Nombre corto (slug) en el portal de la organización que atiende el reporte en "
           "ese distrito.", label_en="Responsible body"),
]


def privacy_notes(domain: Domain, grid_m: int) -> str:
    """The dataset description: what is published and how it was anonymised."""
    sensitive = [c.name for c in domain.categories.values() if not privacy.shows_details(c)]
    return "\n\n".join([
        f"Reportes ciudadanos de **{domain.title}** recibidos por el Portal de Datos y "
        "Gobierno Abierto de La Libertad, moderados y anonimizados. Se actualiza "
        "automáticamente con cada cambio de estado.",
        "**Método de privacidad.** No se publican nombres, correos, direcciones, notas "
        "internas ni fotos. Las ubicaciones se desplazan al centro de una cuadrícula de "
        f"{grid_m} m; las fechas se publican por mes y solo después del plazo de "
        "publicación de cada categoría, y el tiempo de resolución en semanas completas. "
        "Las respuestas a las preguntas adicionales no se publican. Los correos, "
        "teléfonos, DNI, RUC y placas escritos en los textos públicos se ocultan. " + (
            "Las categorías sensibles (" + ", ".join(sensitive) + ") no tienen ubicación: "
            "solo cuentan por distrito." if sensitive else ""),
        "**Advertencia.** Los reportes ciudadanos miden lo que la ciudadanía reporta, no la "
        "ocurrencia real de los hechos.",
    ])


def projection(view: privacy.PublicView) -> dict[str, Any]:
    """The public row of a report, formatted from its ``privacy.public_view``:
    nothing in it identifies a person, a place or a day."""
    return {
        "id": view.row_id,
        "categoria": view.category,
        "categoria_nombre": view.category_name,
        "ubigeo": view.ubigeo,
        "distrito": view.district,
        "provincia": view.province,
        "latitud": view.point[0] if view.point else None,
        "longitud": view.point[1] if view.point else None,
        "mes": view.month,
        "estado": view.status,
        "cerrado": view.closed,
        "semanas_para_resolver": view.weeks_to_resolve,
        "vencido": view.overdue,
        "organizacion_responsable": view.organization,
    }


def ensure_resource(domain: Domain) -> str:
    """Id of the domain's projection resource, creating dataset and table if missing."""
    from ckanext.grll.feedback import config

    context = site_context()
    dataset = datastore_tables.own_dataset(domain.dataset_name, lambda: {
        "title": domain.dataset_title,
        "notes": privacy_notes(domain, config.grid_size_m()),
        "owner_org": domain.dataset_org,
        "fuente": "Reportes ciudadanos del Portal de Datos Abiertos La Libertad",
        "tags": [{"name": "reportes ciudadanos"}, {"name": domain.name}],
    })
    existing = datastore_tables.find_table(dataset, RESOURCE_NAME)
    if existing:
        _redeclare_if_changed(domain, existing, context)
        return existing
    return datastore_tables.create_table(
        dataset["id"], RESOURCE_NAME, FIELDS, ["id"],
        description="Una fila por reporte público. Vea el método de privacidad en la "
                    "descripción del conjunto.")


def _redeclare_if_changed(domain: Domain, resource_id: str, context: dict[str, Any]) -> None:
    """Bring a table written by an older version to today's columns and data dictionary.

    Dropped columns go with their values (the exact days to resolve of older
    versions), and every record of the domain is queued to be written again.
    """
    info = tk.get_action("datastore_search")(dict(context), {
        "resource_id": resource_id, "limit": 0, "include_total": False})
    current = {f["id"]: f.get("info") or {} for f in info["fields"] if f["id"] != "_id"}
    if current.keys() == {f["id"] for f in FIELDS}:
        if any(current[f["id"]].get(key) != value
               for f in FIELDS for key, value in f["info"].items()):
            # Same columns, newer descriptions: only the data dictionary is rewritten.
            datastore_tables.declare(resource_id, FIELDS, ["id"])
        return
    datastore_tables.declare(resource_id, FIELDS, ["id"], delete_fields=True)
    Report.query().filter(Report.domain == domain.name).update(
        {Report.publication_pending: True}, synchronize_session=False)
    log.info("Reportes ciudadanos of %s: columns re-declared, records queued", domain.name)


def publish_report(report_id: str) -> bool:
    """Background job: bring one record's public row up to date. True on success."""
    report = model.Session.get(Report, report_id)
    if report is None:
        return True
    domain = enabled_domains().get(report.domain)
    if domain is None:
        return False
    category = domain.categories.get(report.category)
    try:
        resource_id = ensure_resource(domain)
        view = privacy.public_view(report, category)
        if view.visible:
            datastore_tables.write(resource_id, [projection(view)])
            report.published_at = utcnow()
        else:
            datastore_tables.delete_rows(resource_id, {"id": report.public_id})
        report = model.Session.get(Report, report_id)
        report.publication_pending = privacy.waits_for_delay(report, category)
        report.publication_error = None
        model.Session.commit()
        return True
    except Exception as error:  # the DataStore may fail in many ways; retried later
        model.Session.rollback()
        report = model.Session.get(Report, report_id)
        report.publication_pending = True
        report.publication_error = type(error).__name__ + ": " + str(error)[:300]
        model.Session.commit()
        log.warning("Report %s not published: %s", report.public_id, type(error).__name__)
        return False


def schedule(report: Report) -> bool:
    """Enqueue the publication job; with Redis down the record just stays pending."""
    try:
        tk.enqueue_job(publish_report, [report.id], title="grll feedback: publicar reporte")
    except RedisError:
        log.warning("Redis unavailable: report %s left pending publication", report.public_id)
        return False
    return True


def publish_pending(limit: int | None = None) -> tuple[int, int]:
    """Publish every pending record now (the retry path). Returns (done, failed)."""
    query = Report.query().filter(Report.publication_pending.is_(True)).order_by(Report.created)
    ids = [row.id for row in query.limit(limit).all()] if limit else [r.id for r in query]
    done = failed = 0
    for report_id in ids:
        if publish_report(report_id):
            done += 1
        else:
            failed += 1
    return done, failed
