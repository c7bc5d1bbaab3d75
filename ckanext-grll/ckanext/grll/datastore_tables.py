"""The one way the portal writes derived data into the DataStore.

Harvested tables, the seed, the citizen reports' open data and the commitments'
registries all do the same: find the dataset's table by its resource name (or create
it with its data dictionary), then write the rows in batches, as the site user.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import islice
from typing import Any

import ckan.plugins.toolkit as tk

#: Rows per datastore_upsert call: large enough to be quick, small enough for one request.
BATCH_ROWS = 5000


def site_context() -> dict[str, Any]:
    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    return {"user": site_user["name"], "ignore_auth": True}


def site_action(name: str, data_dict: dict[str, Any]) -> Any:
    """Call the action ``name`` as the site user."""
    return tk.get_action(name)(site_context(), data_dict)


#: What a dataset the portal creates for its own data says, unless its description differs.
OWN_DATASET_DEFAULTS = {
    "entidad": "Gobierno Regional La Libertad", "license_id": "odc-by", "frecuencia": "CONT",
    "cobertura_espacial": "13", "idioma": "es",
    "maintainer": "Portal de Datos Abiertos La Libertad",
}


def own_dataset(name: str, describe: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """The portal's own dataset ``name`` (reports, registries, plans), created the first
    time from the defaults above and ``describe()``, which is only called then."""
    try:
        return site_action("package_show", {"id": name})
    except tk.ObjectNotFound:
        return site_action("package_create", {
            **OWN_DATASET_DEFAULTS,
            "maintainer_email": tk.config.get("smtp.mail_from")
            or "datos-abiertos@regionlalibertad.gob.pe",
            "name": name, **describe()})


def find_table(package: dict[str, Any], name: str | None = None) -> str | None:
    """Id of the package's resource called ``name`` that has a DataStore table (its first
    table when no name is given)."""
    return next((r["id"] for r in package.get("resources", [])
                 if r.get("datastore_active") and (name is None or r.get("name") == name)),
                None)


def existing_table(dataset: str, name: str | None = None) -> str | None:
    """:func:`find_table` of the dataset ``dataset`` (name or id), read as the site user;
    None when the dataset is not there either."""
    try:
        return find_table(site_action("package_show", {"id": dataset}), name)
    except tk.ObjectNotFound:
        return None


def create_table(package_id: str, name: str, fields: list[dict[str, Any]],
                 primary_key: list[str] | None = None, description: str | None = None
                 ) -> str:
    """A new CSV resource ``name`` of the package with an empty table; its id."""
    resource = {"package_id": package_id, "name": name, "format": "CSV"}
    if description:
        resource["description"] = description
    created = site_action("datastore_create", {
        "resource": resource, "fields": fields, "primary_key": primary_key or [],
        "force": True})
    return created["resource_id"]


def declare(resource_id: str, fields: list[dict[str, Any]],
            primary_key: list[str] | None = None, delete_fields: bool = False) -> None:
    """Create the resource's table, or bring its columns and data dictionary to ``fields``."""
    data_dict: dict[str, Any] = {"resource_id": resource_id, "fields": fields, "force": True}
    if primary_key is not None:
        data_dict["primary_key"] = primary_key
    if delete_fields:
        data_dict["delete_fields"] = True
    site_action("datastore_create", data_dict)


def complete_dictionary(resource_id: str, fields: list[dict[str, Any]]) -> list[str]:
    """Give the table's columns the data-dictionary keys of ``fields`` they lack (the
    English label, for a table made by an older version), keeping every value already
    there (what a steward wrote in the dictionary form). The columns completed."""
    current = {f["id"]: f.get("info") or {}
               for f in site_action("datastore_info", {"id": resource_id})["fields"]}
    completed = []
    for field in fields:
        have = current.get(field["id"])
        missing = {key: value for key, value in (field.get("info") or {}).items()
                   if have is not None and key not in have}
        if missing:
            completed.append({"id": field["id"], "type": field["type"],
                              "info": {**have, **missing}})
    if completed:
        site_action("datastore_create", {"resource_id": resource_id, "fields": completed,
                                         "force": True})
    return [field["id"] for field in completed]


def write(resource_id: str, records: Iterable[dict[str, Any]], method: str = "upsert",
          batch: int = BATCH_ROWS) -> None:
    """Write ``records`` (any iterable, read lazily) in batches of ``batch`` rows."""
    rows = iter(records)
    while chunk := list(islice(rows, batch)):
        site_action("datastore_upsert", {"resource_id": resource_id, "records": chunk,
                                     "method": method, "force": True})


def delete_rows(resource_id: str, filters: dict[str, Any]) -> None:
    """Delete the rows matching ``filters`` (every row with ``{}``)."""
    site_action("datastore_delete", {"resource_id": resource_id, "filters": filters,
                                 "force": True})
