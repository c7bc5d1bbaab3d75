"""Job offers: the portal's search index (own table) and its open dataset.

Every offer, published here by an employer or harvested from a feed, has a row
in ``grll_laboral_oferta`` (indexed for the three-filter search) and the same
row, with its ``estado``, in the DataStore resource of the open dataset
``laboral-ofertas-empleo``. Harvested offers join both when the harvester
imports them (:func:`merge_offers`). Search hides offers whose closing
date passed by its own filter, so expiry is never late; :func:`expire` then
marks them ``vencida`` in the open dataset (run by the periodic task, ``ckan grll
laboral actualizar`` and the ``grll_laboral_offer_expire`` action), where they stay.
"""
from __future__ import annotations

import datetime
import logging
import secrets
from typing import Any

import ckan.model as model
import sqlalchemy as sa

from ckanext.grll.domains.laboral import config, datastore
from ckanext.grll.domains.laboral.diccionario import OFERTA_PORTAL_FIELDS
from ckanext.grll.domains.laboral.mapping import OFERTAS
from ckanext.grll.domains.laboral.model import Oferta

log = logging.getLogger(__name__)

DATASET = "laboral-ofertas-empleo"
RESOURCE = "Ofertas de empleo (portal y cosecha)"
FIELDS = [*OFERTAS.fields, *OFERTA_PORTAL_FIELDS]
PUBLIC_COLUMNS = [field["id"] for field in FIELDS]
DATASET_METADATA = {
    "name": DATASET,
    "title": "Ofertas de empleo en La Libertad (bolsa de trabajo del portal)",
    "notes": ("Todas las ofertas de empleo del portal: las que publican los empleadores "
              "y las cosechadas de bolsas de trabajo. Una fila por oferta con puesto, "
              "ocupación, empresa (RUC validado), distrito, vacantes, remuneración mensual "
              "en soles, contrato, jornada, nivel educativo, experiencia, fechas y estado. "
              "Las ofertas cuya fecha de cierre pasó se conservan con estado «vencida». "
              "No contiene datos personales."),
    "fuente": "Empleadores registrados en el portal y bolsas de trabajo cosechadas",
    "tipo_registro": "ofertas-empleo",
    "origen_registro": "usuarios",
    "maintainer": "Observatorio Socio Económico Laboral (OSEL) La Libertad",
    "maintainer_email": "osel@regionlalibertad.gob.pe",
    "tags": [{"name": "empleo"}, {"name": "ofertas de trabajo"}],
}


def today() -> datetime.date:
    return datetime.date.today()


def new_code() -> str:
    return f"OE-P-{secrets.token_hex(4).upper()}"


def public_row(oferta: Oferta) -> dict[str, Any]:
    row = {name: getattr(oferta, name) for name in PUBLIC_COLUMNS}
    row["remuneracion"] = float(oferta.remuneracion) if oferta.remuneracion is not None \
        else None
    for name in ("fecha_publicacion", "fecha_cierre"):
        row[name] = row[name].isoformat()
    return row


def offer_dict(oferta: Oferta) -> dict[str, Any]:
    """The public view of an offer, with its state as of today."""
    row = public_row(oferta)
    row["estado"] = "vencida" if oferta.fecha_cierre < today() else "vigente"
    return row


def create(record: dict[str, Any], creador_id: str) -> Oferta:
    """Store an employer's offer (checked by ``schema.offer_create``), published today:
    the open dataset first, so a DataStore failure leaves nothing behind."""
    oferta = Oferta(codigo_oferta=new_code(), origen="portal", creador_id=creador_id,
                    estado="vigente", fecha_publicacion=today(), **record)
    datastore.upsert(DATASET, DATASET_METADATA, RESOURCE, FIELDS, ["codigo_oferta"],
                     [public_row(oferta)])
    model.Session.add(oferta)
    model.Session.commit()
    return oferta


def get(codigo: str) -> Oferta | None:
    return model.Session.get(Oferta, codigo.strip())


def search(filters: dict[str, Any], page_size: int | None = None) -> dict[str, Any]:
    """Open offers matching the filters, newest first: {count, page, results}."""
    size = page_size or config.page_size()
    query = Oferta.query().filter(Oferta.fecha_cierre >= today())
    if filters.get("ocupacion"):
        query = query.filter(Oferta.ocupacion == filters["ocupacion"])
    if filters.get("ubigeo"):
        query = query.filter(Oferta.ubigeo == filters["ubigeo"])
    if filters.get("remuneracion_min"):
        query = query.filter(Oferta.remuneracion >= filters["remuneracion_min"])
    if filters.get("q"):
        pattern = "%" + filters["q"].replace("\\", "").replace("%", "").replace("_", "") + "%"
        query = query.filter(sa.or_(Oferta.puesto.ilike(pattern),
                                    Oferta.empresa.ilike(pattern),
                                    Oferta.ocupacion.ilike(pattern)))
    page = filters.get("page") or 1
    count = query.count()
    rows = (query.order_by(Oferta.fecha_publicacion.desc(), Oferta.codigo_oferta)
            .offset((page - 1) * size).limit(size).all())
    return {"count": count, "page": page, "page_size": size,
            "results": [offer_dict(row) for row in rows]}


def expire(day: datetime.date | None = None) -> int:
    """Mark ``vencida`` every offer closed before ``day`` (today), here and in the open
    dataset. Returns how many changed."""
    day = day or today()
    closed = Oferta.query().filter(Oferta.fecha_cierre < day,
                                   Oferta.estado == "vigente").all()
    if not closed:
        return 0
    datastore.upsert(DATASET, DATASET_METADATA, RESOURCE, FIELDS, ["codigo_oferta"],
                     [{"codigo_oferta": o.codigo_oferta, "estado": "vencida"} for o in closed])
    for oferta in closed:
        oferta.estado = "vencida"
    model.Session.commit()
    return len(closed)


def add(records: list[dict[str, Any]], origen: str) -> int:
    """Add offers read by a harvest layout (``cosecha``, when the harvester imports
    them) or the demonstration sample (``muestra``) to the search index and the open
    dataset, skipping the codes already there; an offer already closed arrives
    ``vencida``. Returns how many were new."""
    day = today()
    known = {code for (code,) in model.Session.query(Oferta.codigo_oferta)}
    fresh: list[Oferta] = []
    for record in records:
        if record["codigo_oferta"] in known:
            continue
        known.add(record["codigo_oferta"])
        fields = {name: record.get(name) for name in (
            "puesto", "ocupacion", "ruc", "empresa", "ubigeo", "provincia", "distrito",
            "vacantes", "remuneracion", "tipo_contrato", "jornada", "nivel_educativo")}
        cierre = datetime.date.fromisoformat(record["fecha_cierre"][:10])
        fresh.append(Oferta(
            codigo_oferta=record["codigo_oferta"], origen=origen, **fields,
            experiencia_meses=record.get("experiencia_meses") or 0,
            fecha_publicacion=datetime.date.fromisoformat(record["fecha_publicacion"][:10]),
            fecha_cierre=cierre, estado="vencida" if cierre < day else "vigente"))
    if fresh:
        datastore.upsert(DATASET, DATASET_METADATA, RESOURCE, FIELDS, ["codigo_oferta"],
                         [public_row(o) for o in fresh])
        model.Session.add_all(fresh)
        model.Session.commit()
    return len(fresh)


def merge_offers(records: list[dict[str, Any]]) -> int:
    """The harvester's import hook: offers read by a harvest layout join search and the
    open dataset."""
    return add(records, origen="cosecha")


def periodic() -> str:
    """:func:`expire`, told in one line (``ckan grll periodicas``, ``ckan grll laboral
    actualizar``)."""
    return f"Ofertas marcadas como vencidas: {expire()}"
