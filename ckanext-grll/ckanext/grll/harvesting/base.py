"""The portal's one harvester engine: a table behind a URL becomes datasets with DataStore data.

A domain harvester is a thin subclass naming its layouts (see `Layout`); the engine
reads the source, validates every row (bad rows become harvest errors with their line
and reason, never silently dropped), groups rows into one dataset per key (e.g. source
and year), and skips groups whose content did not change since the last harvest, so
re-harvesting unchanged data changes nothing.
"""
from __future__ import annotations

import json
import logging
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import ckan.model as model
import ckan.plugins.toolkit as tk

from ckanext.grll import datastore_tables
from ckanext.grll.harvesting.dictionary import undescribed
from ckanext.grll.harvesting.sources import SourceError, fetch_bytes, read_rows
from ckanext.harvest.harvesters.base import HarvesterBase
from ckanext.harvest.model import HarvestJob, HarvestObject

log = logging.getLogger(__name__)


class RowError(ValueError):
    """A source row that cannot be used; `key` names its dataset when that is known."""

    def __init__(self, message: str, key: str | None = None):
        super().__init__(message)
        self.key = key


@dataclass(frozen=True)
class Layout:
    """One source format: how its rows become DataStore records and datasets."""

    name: str
    #: DataStore fields: {"id", "type", "info": {"label", "label_en", "notes"}}.
    fields: tuple[dict[str, Any], ...]
    primary_key: tuple[str, ...]
    #: Raw row -> typed record, None for rows outside La Libertad; raises RowError.
    parse_row: Callable[[dict[str, Any]], dict[str, Any] | None]
    #: Record -> the key of the dataset it belongs to (also the harvest object guid).
    dataset_key: Callable[[dict[str, Any]], str]
    #: (key, records) -> dataset metadata for our schema, including `name`.
    dataset_metadata: Callable[[str, list[dict[str, Any]]], dict[str, Any]]
    resource_name: str = "Datos"

    def __post_init__(self) -> None:
        # Every column a harvest writes reaches reusers: none without its description.
        missing = undescribed(self.fields)
        if missing:
            raise ValueError(f"Layout {self.name!r}: columns without a label, an English "
                             f"label (label_en) or a description "
                             f"(harvesting/dictionary.py): {', '.join(missing)}")


class TableHarvester(HarvesterBase):
    """Base of the domain harvesters; subclasses set the class constants only."""

    NAME = ""
    TITLE = ""
    DESCRIPTION = ""
    LAYOUTS: Mapping[str, Layout] = {}

    def info(self) -> dict[str, str]:
        return {"name": self.NAME, "title": self.TITLE, "description": self.DESCRIPTION,
                "form_config_interface": "Text"}

    # --- configuration ------------------------------------------------------------

    def validate_config(self, config: str | None) -> str:
        """The source config is JSON; `formato` picks the layout when there are several."""
        try:
            data = json.loads(config) if config else {}
        except json.JSONDecodeError as error:
            raise ValueError(f"La configuración no es JSON válido: {error}") from error
        if not isinstance(data, dict):
            raise ValueError("La configuración debe ser un objeto JSON")
        self._layout(data)
        return json.dumps(data, ensure_ascii=False)

    def _layout(self, data: Mapping[str, Any]) -> Layout:
        choice = data.get("formato", next(iter(self.LAYOUTS)) if len(self.LAYOUTS) == 1 else None)
        if choice not in self.LAYOUTS:
            raise ValueError(f"'formato' debe ser uno de: {', '.join(sorted(self.LAYOUTS))}")
        return self.LAYOUTS[choice]

    # --- gather: read, validate and group -------------------------------------------

    def gather_stage(self, harvest_job: HarvestJob) -> list[str]:
        source = harvest_job.source
        try:
            layout = self._layout(json.loads(source.config or "{}"))
            rows = list(read_rows(fetch_bytes(source.url)))
        except (SourceError, ValueError) as error:
            self._save_gather_error(str(error), harvest_job)
            return []
        records: dict[str, list[dict[str, Any]]] = defaultdict(list)
        errors: dict[str | None, list[str]] = defaultdict(list)
        for line, row in enumerate(rows, start=2):
            try:
                record = layout.parse_row(row)
            except RowError as error:
                errors[error.key].append(f"Fila {line}: {error}")
                continue
            if record is not None:
                records[layout.dataset_key(record)].append(record)
        for message in errors.pop(None, []):
            self._save_gather_error(message, harvest_job)
        object_ids = []
        for key in sorted(set(records) | set(errors)):
            content = json.dumps({"formato": layout.name, "key": key,
                                  "records": records.get(key, []),
                                  "errors": errors.get(key, [])},
                                 ensure_ascii=False, sort_keys=True, default=str)
            previous = self._current(source.id, key)
            if previous is not None and previous.content == content:
                self._complete_dictionary(previous.package_id, layout)
                continue
            harvest_object = HarvestObject(guid=key, job=harvest_job, content=content)
            harvest_object.save()
            object_ids.append(harvest_object.id)
        return object_ids

    @staticmethod
    def _current(source_id: str, key: str) -> HarvestObject | None:
        """What the source last brought for this dataset, if anything."""
        return (model.Session.query(HarvestObject)
                .filter(HarvestObject.harvest_source_id == source_id,
                        HarvestObject.guid == key, HarvestObject.current.is_(True))
                .first())

    @staticmethod
    def _complete_dictionary(package_id: str | None, layout: Layout) -> None:
        """An unchanged table keeps its rows; its data dictionary still gets what the
        layout declares since (the English labels, after an upgrade)."""
        if not package_id:
            return
        resource_id = datastore_tables.existing_table(package_id, layout.resource_name)
        if resource_id is not None:
            datastore_tables.complete_dictionary(resource_id, list(layout.fields))

    # --- fetch: the content was read whole in gather ------------------------------------

    def fetch_stage(self, harvest_object: HarvestObject) -> bool:
        return True

    # --- import: dataset + DataStore table -------------------------------------------------

    def import_stage(self, harvest_object: HarvestObject) -> bool | str:
        data = json.loads(harvest_object.content)
        layout = self.LAYOUTS[data["formato"]]
        for message in data["errors"]:
            self._save_object_error(message, harvest_object, "Import")
        if not data["records"]:
            return False
        context = {"user": self._get_user_name(), "ignore_auth": True}
        metadata = layout.dataset_metadata(data["key"], data["records"])
        # A harvest source is also a dataset; its organization publishes what it brings.
        source_dataset = model.Package.get(harvest_object.source.id)
        metadata["owner_org"] = source_dataset.owner_org if source_dataset else None
        try:
            package = self._save_dataset(context, metadata)
            self._save_table(package, layout, data["records"])
        except tk.ValidationError as error:
            self._save_object_error(f"Datos rechazados por CKAN: {error.error_summary}",
                                    harvest_object, "Import")
            return False
        previous = (model.Session.query(HarvestObject)
                    .filter(HarvestObject.guid == harvest_object.guid,
                            HarvestObject.harvest_source_id == harvest_object.source.id,
                            HarvestObject.current.is_(True))
                    .all())
        for old in previous:
            old.current = False
            old.add()
        harvest_object.package_id = package["id"]
        harvest_object.current = True
        harvest_object.add()
        model.Session.commit()
        return True

    @staticmethod
    def _save_dataset(context: dict[str, Any], metadata: dict[str, Any]) -> dict[str, Any]:
        try:
            existing = tk.get_action("package_show")(dict(context), {"id": metadata["name"]})
        except tk.ObjectNotFound:
            return tk.get_action("package_create")(dict(context), metadata)
        return tk.get_action("package_patch")(dict(context), {"id": existing["id"], **metadata})

    @staticmethod
    def _save_table(package: dict[str, Any], layout: Layout,
                    records: list[dict[str, Any]]) -> None:
        resource = next((r for r in package.get("resources", [])
                         if r["name"] == layout.resource_name), None)
        if resource is None:
            resource_id = datastore_tables.create_table(
                package["id"], layout.resource_name, list(layout.fields),
                list(layout.primary_key))
        else:
            resource_id = resource["id"]
            # The layout's data dictionary may have grown since the table was made.
            datastore_tables.declare(resource_id, list(layout.fields), list(layout.primary_key))
            datastore_tables.delete_rows(resource_id, {})
        datastore_tables.write(resource_id, records, method="insert")
