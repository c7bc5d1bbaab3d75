"""Metadata quality score: 0 to 100 points from criteria anyone can check.

Each criterion is worth fixed points and says, in Spanish, what to do when it
is not met; the dataset page lists them, stewards see them on their dashboard,
and the score is indexed (see indexing.py) for the search facet and sort.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ckan.plugins.toolkit import _

from ckanext.grll.catalog import freshness

MIN_DESCRIPTION = 200
#: Open formats a program can read without proprietary software.
OPEN_MACHINE_FORMATS = frozenset({
    "csv", "tsv", "json", "jsonl", "geojson", "xml", "rdf", "ttl", "jsonld", "ods",
    "parquet", "gpkg", "kml", "shp", "zip-csv"})
LEVELS = (("alta", 80), ("media", 50), ("baja", 0))


@dataclass(frozen=True)
class Criterion:
    key: str
    points: int
    label: str
    advice: str
    met: bool


@dataclass(frozen=True)
class Quality:
    score: int
    criteria: tuple[Criterion, ...]

    @property
    def level(self) -> str:
        return next(name for name, floor in LEVELS if self.score >= floor)

    @property
    def to_improve(self) -> list[Criterion]:
        return [criterion for criterion in self.criteria if not criterion.met]


def _open_licence(pkg_dict: dict[str, Any]) -> bool:
    if "isopen" in pkg_dict:
        return bool(pkg_dict["isopen"])
    from ckan import model

    licence = model.Package.get_license_register().get(pkg_dict.get("license_id"))
    return bool(licence and licence.isopen())


def _open_formats(resources: list[dict[str, Any]]) -> bool:
    return bool(resources) and all(
        (resource.get("format") or "").strip().lower() in OPEN_MACHINE_FORMATS
        for resource in resources)


def evaluate(pkg_dict: dict[str, Any],
             has_data_dictionary: Callable[[str], bool],
             now: dt.datetime | None = None) -> Quality:
    """Score a dataset as package_show returns it.

    `has_data_dictionary(resource_id)` says whether a DataStore resource labels
    and describes every column.
    """
    resources = pkg_dict.get("resources", [])
    in_datastore = [r for r in resources if r.get("datastore_active")]
    checks = [
        ("descripcion", 15, _("Descripción completa"),
         _("Amplíe la descripción a {n} caracteres o más: qué contiene, cómo se recogió y "
           "sus limitaciones.").format(n=MIN_DESCRIPTION),
         len((pkg_dict.get("notes") or "").strip()) >= MIN_DESCRIPTION),
        ("licencia", 15, _("Licencia abierta"),
         _("Elija una licencia abierta, por ejemplo ODC-By o CC-BY-4.0."),
         _open_licence(pkg_dict)),
        ("formatos", 15, _("Formatos abiertos y legibles por máquina"),
         _("Publique cada recurso en un formato abierto como CSV, JSON o GeoJSON."),
         _open_formats(resources)),
        ("datastore", 10, _("Datos consultables en el DataStore"),
         _("Cargue al menos un recurso tabular en el DataStore para que se pueda consultar "
           "por la API."),
         bool(in_datastore)),
        ("frecuencia", 5, _("Frecuencia de actualización declarada"),
         _("Indique la frecuencia de actualización."),
         bool(pkg_dict.get("frecuencia"))),
        ("actualizado", 10, _("Actualizado según su frecuencia"),
         _("Actualice los datos: ya pasó el plazo de su frecuencia de actualización."),
         bool(pkg_dict.get("frecuencia")) and not freshness.is_outdated(pkg_dict, now)),
        ("cobertura_espacial", 5, _("Cobertura espacial"),
         _("Indique la región, provincia o distrito que cubren los datos."),
         bool(pkg_dict.get("cobertura_espacial"))),
        ("cobertura_temporal", 10, _("Cobertura temporal"),
         _("Indique las fechas de inicio y fin del periodo que cubren los datos."),
         bool(pkg_dict.get("cobertura_temporal_inicio")
              and pkg_dict.get("cobertura_temporal_fin"))),
        ("contacto", 5, _("Contacto"),
         _("Indique una oficina de contacto y su correo."),
         bool(pkg_dict.get("maintainer") and pkg_dict.get("maintainer_email"))),
        ("diccionario", 10, _("Diccionario de datos"),
         _("Documente cada columna (etiqueta y descripción) en el diccionario de datos del "
           "recurso en el DataStore."),
         bool(in_datastore) and all(has_data_dictionary(r["id"]) for r in in_datastore)),
    ]
    criteria = tuple(Criterion(key, points, label, advice, met)
                     for key, points, label, advice, met in checks)
    return Quality(score=sum(c.points for c in criteria if c.met), criteria=criteria)


def datastore_dictionary_complete(resource_id: str) -> bool:
    """Every column of the DataStore table has a label and a description.

    The columns come from datastore_search without rows: datastore_info would also
    count the rows and measure the table, its indexes and the whole database, on
    every dataset page and every index write."""
    import ckan.plugins.toolkit as tk

    try:
        columns = tk.get_action("datastore_search")(
            {"ignore_auth": True},
            {"resource_id": resource_id, "limit": 0, "include_total": False})["fields"]
    except (tk.ObjectNotFound, KeyError):
        return False
    fields = [f for f in columns if not f["id"].startswith("_")]
    return bool(fields) and all(
        (f.get("info") or {}).get("label") and (f.get("info") or {}).get("notes")
        for f in fields)


def dataset_quality(pkg_dict: dict[str, Any]) -> Quality:
    return evaluate(pkg_dict, datastore_dictionary_complete)
