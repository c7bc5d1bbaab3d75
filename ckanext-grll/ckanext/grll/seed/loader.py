"""Load the seed catalog in datasets/ into CKAN, idempotently.

datasets/organizations.yaml and groups.yaml list the publishers and the
commitments; datasets/catalog/<name>.yaml describes one dataset and its
resources (files under datasets/ with their data dictionary). Every file is
checked before anything is written, so a malformed one is rejected with its
file name and field and nothing of that dataset is stored. Re-running compares
what is stored with what is wanted and only writes the difference.
"""
from __future__ import annotations

import contextlib
import csv
import datetime
import decimal
import hashlib
import io
import json
import mimetypes
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ckan.plugins.toolkit as tk
import click
import yaml
from ckan.types import Context
from werkzeug.datastructures import FileStorage

from ckanext.grll.catalog import harvest_samples
from ckanext.grll.reference import DATASETS_DIR

DATASET_KEYS = ("name", "title", "notes", "owner_org", "entidad", "fuente", "url",
                "license_id", "frecuencia", "cobertura_espacial",
                "cobertura_temporal_inicio", "cobertura_temporal_fin", "idioma",
                "version", "maintainer", "maintainer_email")
REQUIRED_KEYS = ("name", "title", "notes", "owner_org", "resources")
FIELD_TYPES = {"text", "int", "numeric", "date", "timestamp"}
RESOURCE_KEYS = ("name", "description", "format")
BATCH_ROWS = 2000


class SeedError(Exception):
    """A seed file that cannot be loaded: says which file and which field."""

    def __init__(self, path: Path, field_name: str, reason: str):
        self.path, self.field_name, self.reason = path, field_name, reason
        super().__init__(f"{_relative(path)}: field '{field_name}': {reason}")


@dataclass
class SeedReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (f"Seed catalog: {len(self.created)} created, {len(self.updated)} updated, "
                f"{len(self.unchanged)} unchanged, {len(self.failures)} failed")


@dataclass(frozen=True)
class SeedResource:
    name: str
    description: str
    format: str
    path: Path
    fields: tuple[dict[str, str], ...]

    @property
    def md5(self) -> str:
        # xloader compares this hash with the file's and skips what is already loaded.
        return hashlib.md5(self.path.read_bytes(), usedforsecurity=False).hexdigest()

    @property
    def in_datastore(self) -> bool:
        return bool(self.fields)


@dataclass(frozen=True)
class SeedDataset:
    path: Path
    metadata: dict[str, Any]
    resources: tuple[SeedResource, ...]

    @property
    def name(self) -> str:
        return self.metadata["name"]


def _relative(path: Path) -> str:
    try:
        return str(path.relative_to(DATASETS_DIR.parent))
    except ValueError:
        return str(path)


def _read_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise SeedError(path, "(file)", f"cannot be read as YAML: {error}") from error


# --- parsing and checking ------------------------------------------------------

def parse_dataset_file(path: Path, datasets_dir: Path = DATASETS_DIR) -> SeedDataset:
    """Read and check one catalog file completely, without touching CKAN."""
    data = _read_yaml(path)
    if not isinstance(data, dict):
        raise SeedError(path, "(file)", "must be a mapping of dataset fields")
    unknown = set(data) - set(DATASET_KEYS) - {"tags", "groups", "resources"}
    if unknown:
        raise SeedError(path, sorted(unknown)[0], "is not a field of the dataset schema")
    for key in REQUIRED_KEYS:
        if not data.get(key):
            raise SeedError(path, key, "is required")
    if data["name"] != path.stem:
        raise SeedError(path, "name", f"must equal the file name '{path.stem}'")
    for key in ("tags", "groups"):
        if not isinstance(data.get(key, []), list):
            raise SeedError(path, key, "must be a list")
    if not isinstance(data["resources"], list):
        raise SeedError(path, "resources", "must be a list")
    metadata = {key: data[key] for key in DATASET_KEYS if data.get(key) not in (None, "")}
    for key in ("cobertura_temporal_inicio", "cobertura_temporal_fin", "version",
                "cobertura_espacial"):
        if key in metadata:
            metadata[key] = str(metadata[key])
    metadata["tags"] = [{"name": str(tag)} for tag in data.get("tags", [])]
    metadata["groups"] = [{"name": str(group)} for group in data.get("groups", [])]
    resources = tuple(_parse_resource(path, index, resource, datasets_dir)
                      for index, resource in enumerate(data["resources"]))
    return SeedDataset(path=path, metadata=metadata, resources=resources)


def _parse_resource(path: Path, index: int, spec: Any, datasets_dir: Path) -> SeedResource:
    where = f"resources[{index}]"
    if not isinstance(spec, dict):
        raise SeedError(path, where, "must be a mapping")
    for key in (*RESOURCE_KEYS, "file"):
        if not spec.get(key):
            raise SeedError(path, f"{where}.{key}", "is required")
    file_path = (datasets_dir / spec["file"]).resolve()
    if datasets_dir.resolve() not in file_path.parents or not file_path.is_file():
        raise SeedError(path, f"{where}.file", f"file '{spec['file']}' does not exist in datasets/")
    fields = tuple(spec.get("fields") or ())
    for position, column in enumerate(fields):
        if not isinstance(column, dict) or not column.get("id"):
            raise SeedError(path, f"{where}.fields[{position}].id", "is required")
        if column.get("type", "text") not in FIELD_TYPES:
            raise SeedError(path, f"{where}.fields[{position}].type",
                            f"'{column.get('type')}' is not one of {sorted(FIELD_TYPES)}")
    resource = SeedResource(name=str(spec["name"]), description=str(spec["description"]),
                            format=str(spec["format"]), path=file_path, fields=fields)
    if resource.in_datastore:
        for _ in read_records(resource, path, where):
            pass
    return resource


def _convert(value: str, column_type: str) -> Any:
    if value == "":
        return None
    if column_type == "int":
        return int(value)
    if column_type == "numeric":
        return str(decimal.Decimal(value))
    if column_type == "date":
        return datetime.date.fromisoformat(value).isoformat()
    if column_type == "timestamp":
        return datetime.datetime.fromisoformat(value).isoformat()
    return value


def read_records(resource: SeedResource, path: Path, where: str) -> Iterator[dict[str, Any]]:
    """The CSV rows typed by the data dictionary; a bad cell is a SeedError."""
    columns = [column["id"] for column in resource.fields]
    with resource.path.open(encoding="utf-8", newline="") as source:
        reader = csv.reader(source)
        header = next(reader, [])
        if header != columns:
            raise SeedError(path, f"{where}.fields",
                            f"columns {columns} do not match the CSV header {header}")
        types = [column.get("type", "text") for column in resource.fields]
        for line, row in enumerate(reader, start=2):
            if len(row) != len(columns):
                raise SeedError(path, f"{where}.file",
                                f"line {line} has {len(row)} values, expected {len(columns)}")
            try:
                yield {c: _convert(v, t) for c, v, t in zip(columns, row, types, strict=False)}
            except (ValueError, decimal.InvalidOperation) as error:
                raise SeedError(path, f"{where}.file",
                                f"line {line}: value not of the declared type ({error})") from error


# --- writing to CKAN -------------------------------------------------------------

def _context() -> Context:
    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    return {"user": site_user["name"], "ignore_auth": True}


def _action(name: str, data_dict: dict[str, Any]) -> Any:
    return tk.get_action(name)(_context(), data_dict)


def _show_or_none(action: str, name: str) -> dict[str, Any] | None:
    try:
        return _action(action, {"id": name})
    except tk.ObjectNotFound:
        return None


def upsert_groups(kind: str, path: Path) -> None:
    """Create or update the organizations or groups listed in a YAML file."""
    entries = _read_yaml(path)
    if not isinstance(entries, list):
        raise SeedError(path, "(file)", "must be a list")
    for index, entry in enumerate(entries):
        for key in ("name", "title"):
            if not isinstance(entry, dict) or not entry.get(key):
                raise SeedError(path, f"[{index}].{key}", "is required")
        wanted = {key: entry[key] for key in ("name", "title", "description") if key in entry}
        current = _show_or_none(f"{kind}_show", entry["name"])
        if current is None:
            _action(f"{kind}_create", wanted)
        elif any(current.get(key) != value for key, value in wanted.items()):
            _action(f"{kind}_patch", {"id": current["id"], **wanted})


def upsert_harvest_sources(path: Path, datasets_dir: Path) -> None:
    """Register the seed harvest sources and queue a first job for a source never run."""
    if not path.exists():
        return
    entries = _read_yaml(path)
    if not isinstance(entries, list):
        raise SeedError(path, "(file)", "must be a list")
    for index, entry in enumerate(entries):
        for key in ("name", "title", "source_type", "sample", "owner_org"):
            if not isinstance(entry, dict) or not entry.get(key):
                raise SeedError(path, f"[{index}].{key}", "is required")
        if harvest_samples.sample_path(entry["sample"], datasets_dir / "harvest") is None:
            raise SeedError(path, f"[{index}].sample",
                            f"'{entry['sample']}' is not a CSV or JSON file of datasets/harvest/")
        # Served by the portal itself: a file:// URL would publish the server's paths.
        wanted = {"name": entry["name"], "title": entry["title"],
                  "notes": entry.get("notes", ""),
                  "url": harvest_samples.sample_url(entry["sample"]),
                  "source_type": entry["source_type"], "owner_org": entry["owner_org"],
                  "config": json.dumps(entry.get("config", {}), ensure_ascii=False),
                  "frequency": entry.get("frequency", "MANUAL")}
        current = _show_or_none("harvest_source_show", entry["name"])
        if current is None:
            current = _action("harvest_source_create", wanted)
        elif any(str(current.get(key) or "") != value for key, value in wanted.items()
                 if key != "owner_org"):
            current = _action("harvest_source_update", {"id": current["id"], **wanted})
        if not current.get("status", {}).get("job_count"):
            _action("harvest_job_create", {"source_id": current["id"], "run": True})


def _metadata_differs(current: dict[str, Any], wanted: dict[str, Any]) -> bool:
    for key, value in wanted.items():
        if key in ("tags", "groups"):
            if {item["name"] for item in current.get(key, [])} != {i["name"] for i in value}:
                return True
        elif key == "owner_org":
            organization = current.get("organization") or {}
            if value not in (organization.get("name"), current.get("owner_org")):
                return True
        elif current.get(key) != value:
            return True
    return False


def _upload(resource: SeedResource) -> FileStorage:
    mimetype = mimetypes.guess_type(resource.path.name)[0] or "application/octet-stream"
    return FileStorage(stream=resource.path.open("rb"), filename=resource.path.name,
                       content_type=mimetype)


def _load_datastore(resource_id: str, resource: SeedResource, dataset: SeedDataset,
                    index: int) -> None:
    fields = [{"id": column["id"], "type": column.get("type", "text"),
               "info": {"label": column.get("label", ""), "notes": column.get("notes", "")}}
              for column in resource.fields]
    with contextlib.suppress(tk.ObjectNotFound):
        _action("datastore_delete", {"resource_id": resource_id, "force": True})
    _action("datastore_create", {"resource_id": resource_id, "force": True, "fields": fields,
                                 "records": []})
    batch: list[dict[str, Any]] = []
    for record in read_records(resource, dataset.path, f"resources[{index}]"):
        batch.append(record)
        if len(batch) >= BATCH_ROWS:
            _action("datastore_upsert", {"resource_id": resource_id, "force": True,
                                         "method": "insert", "records": batch})
            batch = []
    if batch:
        _action("datastore_upsert", {"resource_id": resource_id, "force": True,
                                     "method": "insert", "records": batch})


def _resource_is_current(current: dict[str, Any], resource: SeedResource) -> bool:
    return (current.get("hash") == resource.md5
            and current.get("description") == resource.description
            and current.get("format") == resource.format
            and (current.get("datastore_active") or not resource.in_datastore))


def _sync_resources(dataset: SeedDataset, package: dict[str, Any]) -> bool:
    """Make the dataset's resources match the seed file; True if anything changed."""
    by_name = {resource["name"]: resource for resource in package.get("resources", [])}
    changed = False
    for index, resource in enumerate(dataset.resources):
        current = by_name.pop(resource.name, None)
        if current is not None and _resource_is_current(current, resource):
            continue
        fields = {"package_id": package["id"], "name": resource.name,
                  "description": resource.description, "format": resource.format,
                  "hash": resource.md5, "upload": _upload(resource), "url": resource.path.name}
        if current is None:
            stored = _action("resource_create", fields)
        else:
            stored = _action("resource_update", {"id": current["id"], **fields})
        if resource.in_datastore:
            _load_datastore(stored["id"], resource, dataset, index)
        changed = True
    for leftover in by_name.values():
        _action("resource_delete", {"id": leftover["id"]})
        changed = True
    return changed


def load_dataset(dataset: SeedDataset) -> str:
    """Create or update one dataset; returns 'created', 'updated' or 'unchanged'."""
    current = _show_or_none("package_show", dataset.name)
    if current is not None and current["type"] != "dataset":
        raise SeedError(dataset.path, "name",
                        f"'{dataset.name}' is already taken by a {current['type']} "
                        "(e.g. a harvest source)")
    if current is None:
        package = _action("package_create", dataset.metadata)
        try:
            _sync_resources(dataset, package)
        except Exception:
            # Nothing partial: a dataset whose resources failed is removed again.
            _action("dataset_purge", {"id": package["id"]})
            raise
        return "created"
    changed = False
    if _metadata_differs(current, dataset.metadata):
        current = _action("package_patch", {"id": current["id"], **dataset.metadata})
        changed = True
    changed = _sync_resources(dataset, current) or changed
    return "updated" if changed else "unchanged"


def load_catalog(only: set[str] | None = None, progress: bool = False,
                 datasets_dir: Path = DATASETS_DIR) -> SeedReport:
    """Load organizations, groups and every catalog file; see the module docstring."""
    upsert_groups("organization", datasets_dir / "organizations.yaml")
    upsert_groups("group", datasets_dir / "groups.yaml")
    upsert_harvest_sources(datasets_dir / "harvest_sources.yaml", datasets_dir)
    paths = sorted((datasets_dir / "catalog").glob("*.yaml"))
    if only:
        paths = [path for path in paths if path.stem in only]
    report = SeedReport()
    with click.progressbar(paths, label="Cargando catálogo semilla",
                           item_show_func=lambda p: p.stem if p else "",
                           file=None if progress else io.StringIO()) as bar:
        for path in bar:
            try:
                outcome = load_dataset(parse_dataset_file(path, datasets_dir))
            except SeedError as error:
                report.failures.append(str(error))
                continue
            except tk.ValidationError as error:
                report.failures.append(f"{_relative(path)}: {_describe(error)}")
                continue
            getattr(report, outcome).append(path.stem)
    return report


def _describe(error: tk.ValidationError) -> str:
    details = error.error_dict if isinstance(error.error_dict, dict) else {}
    parts = [f"field '{key}': {value}" for key, value in details.items() if key != "__type"]
    return "; ".join(parts) or str(error)
