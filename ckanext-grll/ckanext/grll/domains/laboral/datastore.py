"""The open side of grll_laboral's registries: DataStore resources of CKAN datasets.

Datasets are created the first time something is written to them, owned by the
labour authority's organization (``OWNER_ORG``).
"""
from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

import ckan.plugins.toolkit as tk

from ckanext.grll import datastore_tables
from ckanext.grll.datastore_tables import site_context

OWNER_ORG = "gerencia-regional-trabajo"
BATCH = 5000
#: Tables whose data dictionary this process has completed (see ``resource_id``).
_COMPLETED: set[str] = set()
#: What every registry dataset of grll_laboral says, unless its own metadata differs.
REGISTRY_DEFAULTS = {
    "type": "laboral-registros", "owner_org": OWNER_ORG, "datos_personales": "excluidos",
    "resolucion_temporal": "evento", "license_id": "odc-by", "frecuencia": "CONT",
    "cobertura_espacial": "13", "cobertura_temporal_inicio": "2024-01-01", "idioma": "es",
    "entidad": "Gobierno Regional La Libertad - Gerencia Regional de Trabajo y "
               "Promoción del Empleo",
    "maintainer": "Gerencia Regional de Trabajo y Promoción del Empleo",
    "maintainer_email": "trabajo@regionlalibertad.gob.pe",
}


def registry_metadata(metadata: dict[str, Any]) -> dict[str, Any]:
    """A registry dataset's metadata: the defaults, its own fields, and a coverage that
    ends a year ahead (its records keep coming)."""
    fin = datetime.date.today() + datetime.timedelta(days=365)
    return {**REGISTRY_DEFAULTS, "cobertura_temporal_fin": fin.isoformat(), **metadata}




def resource_id(dataset: str, metadata: dict[str, Any], resource: str,
                fields: list[dict[str, Any]], primary_key: list[str]) -> str:
    """Id of the dataset's DataStore resource, creating dataset and table if missing.

    A table found is checked once per process: one made by an older version gets the
    dictionary keys it lacks (its English labels) with the first write after an upgrade.
    """
    package = datastore_tables.own_dataset(dataset, lambda: registry_metadata(metadata))
    found = datastore_tables.find_table(package, resource)
    if found is None:
        return datastore_tables.create_table(package["id"], resource, fields, primary_key)
    if found not in _COMPLETED:
        datastore_tables.complete_dictionary(found, fields)
        _COMPLETED.add(found)
    return found


def upsert(dataset: str, metadata: dict[str, Any], resource: str,
           fields: list[dict[str, Any]], primary_key: list[str],
           records: list[dict[str, Any]]) -> None:
    datastore_tables.write(resource_id(dataset, metadata, resource, fields, primary_key),
                           records, batch=BATCH)


def find_resource(dataset: str, name: str | None = None) -> str | None:
    """Id of the dataset's DataStore resource of that name (the first one if no name)."""
    return datastore_tables.existing_table(dataset, name)


def search(rid: str, **params: Any) -> dict[str, Any]:
    return tk.get_action("datastore_search")(site_context(), {"resource_id": rid, **params})


def update_row(rid: str, row: dict[str, Any]) -> None:
    """Change some columns of one row, found by its ``_id``."""
    datastore_tables.write(rid, [row], method="update")


def insert(rid: str, rows: list[dict[str, Any]]) -> None:
    datastore_tables.write(rid, rows, method="insert")


def records(dataset: str, resource: str) -> list[dict[str, Any]]:
    """Every row of a dataset's DataStore resource (empty if there is none yet)."""
    rid = datastore_tables.existing_table(dataset, resource)
    return list(all_rows(rid)) if rid else []


def all_rows(rid: str) -> Iterator[dict[str, Any]]:
    offset = 0
    while True:
        page = tk.get_action("datastore_search")(site_context(), {
            "resource_id": rid, "limit": BATCH, "offset": offset, "sort": "_id"})
        yield from page["records"]
        if len(page["records"]) < BATCH:
            return
        offset += BATCH
