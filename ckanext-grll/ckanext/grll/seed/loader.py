"""Load the seed catalog in datasets/ into CKAN, idempotently.

datasets/organizations.yaml and groups.yaml list the publishers and the
commitments; datasets/catalog/<name>.yaml describes one dataset and its
resources (files under datasets/ with their data dictionary). Every file is
checked before anything is written, so a malformed one is rejected with its
file name and field and nothing of that dataset is stored. Re-running compares
what is stored with what is wanted and only writes the difference.

Datasets marked ``muestra_demostrativa: true`` hold illustrative samples made once
(scripts/seed_data/generate.py). So that a new portal does not show a frozen past
as if current, their dates are moved at load time by a whole number of months so
the newest row falls in the month before the seeding day; the files in the
repository stay as they are. The columns moved are those the data dictionary types
``date`` or ``timestamp`` and the integer columns it marks ``periodo: anio`` or
``periodo: mes``. A sample with years and no months (annual figures, campaigns)
moves by whole years instead, to the last year that has ended by last month.

Each dataset has the type of its commitment (``type: agua``, ``agro-precios``...; the
reference data keeps ``dataset``), so stewards edit it with that commitment's form,
and its file may give the fields that type's schema adds. A portal seeded before
the datasets had their types is upgraded by the next seed: see :func:`change_type`.
"""
from __future__ import annotations

import contextlib
import csv
import dataclasses
import datetime
import decimal
import functools
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

from ckanext.grll import datastore_tables
from ckanext.grll.catalog import data_freshness, harvest_samples
from ckanext.grll.harvesting import dictionary
from ckanext.grll.reference import DATASETS_DIR

PACKAGE_DIR = Path(__file__).resolve().parents[1]
#: The dataset schemas of the portal (scheming.dataset_schemas): the portal's own and
#: one or more per commitment.
SCHEMA_FILES = (PACKAGE_DIR / "schemas" / "dataset.yaml",
                *sorted(PACKAGE_DIR.glob("domains/*/dataset_schema*.yaml")))

DATASET_KEYS = ("name", "title", "notes", "owner_org", "entidad", "fuente", "url",
                "license_id", "frecuencia", "cobertura_espacial",
                "cobertura_temporal_inicio", "cobertura_temporal_fin", "idioma",
                "version", "maintainer", "maintainer_email", "muestra_demostrativa")
REQUIRED_KEYS = ("name", "title", "notes", "owner_org", "resources")
FIELD_TYPES = {"text", "int", "numeric", "date", "timestamp"}
#: Integer columns the date shift also moves (data dictionary key ``periodo``).
PERIOD_KINDS = {"anio": "int", "mes": "int", "campana": "text"}
RESOURCE_KEYS = ("name", "description", "format")
BATCH_ROWS = 2000
DEFAULT_TYPE = "dataset"


@functools.cache
def schema_fields() -> dict[str, frozenset[str]]:
    """Dataset type -> the field names its scheming schema declares."""
    fields = {}
    for path in SCHEMA_FILES:
        schema = yaml.safe_load(path.read_text(encoding="utf-8"))
        fields[schema["dataset_type"]] = frozenset(
            f["field_name"] for f in schema["dataset_fields"])
    return fields


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
    #: Months the dates of a demonstration sample are moved forward (see the docstring).
    shift_months: int = 0

    @property
    def content(self) -> bytes:
        """The file as published: the repository's file, its dates moved if a sample."""
        raw = self.path.read_bytes()
        if not self.shift_months or not self.in_datastore:
            return raw
        return shift_csv(raw.decode("utf-8"), self.fields, self.shift_months).encode("utf-8")

    @property
    def md5(self) -> str:
        # xloader compares this hash with the file's and skips what is already loaded.
        return hashlib.md5(self.content, usedforsecurity=False).hexdigest()

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

def parse_dataset_file(path: Path, datasets_dir: Path = DATASETS_DIR,
                       today: datetime.date | None = None) -> SeedDataset:
    """Read and check one catalog file completely, without touching CKAN; a
    demonstration sample's dates are moved relative to ``today``."""
    data = _read_yaml(path)
    if not isinstance(data, dict):
        raise SeedError(path, "(file)", "must be a mapping of dataset fields")
    types = schema_fields()
    dataset_type = data.get("type", DEFAULT_TYPE)
    if dataset_type not in types:
        raise SeedError(path, "type", f"'{dataset_type}' is not one of {sorted(types)}")
    # The type's own fields (prestador, ubigeos...) beside the portal's common ones.
    own_keys = sorted(types[dataset_type] - set(DATASET_KEYS) - {"tag_string"})
    unknown = set(data) - set(DATASET_KEYS) - set(own_keys) - {"type", "tags", "groups",
                                                               "resources"}
    if unknown:
        raise SeedError(path, sorted(unknown)[0],
                        f"is not a field of the {dataset_type} schema")
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
    metadata = {key: data[key] for key in (*DATASET_KEYS, *own_keys)
                if data.get(key) not in (None, "")}
    metadata["type"] = dataset_type
    for key in ("cobertura_temporal_inicio", "cobertura_temporal_fin", "version",
                "cobertura_espacial"):
        if key in metadata:
            metadata[key] = str(metadata[key])
    if "muestra_demostrativa" in data:
        if not isinstance(data["muestra_demostrativa"], bool):
            raise SeedError(path, "muestra_demostrativa", "must be true or false")
        metadata["muestra_demostrativa"] = "true" if data["muestra_demostrativa"] else "false"
    metadata["tags"] = [{"name": str(tag)} for tag in data.get("tags", [])]
    metadata["groups"] = [{"name": str(group)} for group in data.get("groups", [])]
    resources = tuple(_parse_resource(path, index, resource, datasets_dir)
                      for index, resource in enumerate(data["resources"]))
    if metadata.get("muestra_demostrativa") == "true":
        months = sample_shift(path, metadata, resources, today or datetime.date.today())
        if months:
            resources = tuple(dataclasses.replace(r, shift_months=months) for r in resources)
            for key in ("cobertura_temporal_inicio", "cobertura_temporal_fin"):
                if key in metadata:
                    metadata[key] = shift_date(
                        datetime.date.fromisoformat(metadata[key]), months).isoformat()
            if "campanias" in metadata:
                metadata["campanias"] = [shift_campaign(c, months)
                                         for c in metadata["campanias"]]
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
        kind = column.get("periodo")
        if kind is not None and PERIOD_KINDS.get(kind) != column.get("type", "text"):
            raise SeedError(path, f"{where}.fields[{position}].periodo",
                            "must be anio or mes on an int column, or campana on a text one")
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
    with io.StringIO(resource.content.decode("utf-8"), newline="") as source:
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


# --- dating demonstration samples ----------------------------------------------

def shift_date(date: datetime.date, months: int) -> datetime.date:
    """``date`` moved by whole months, its day kept or cut to the month's last day."""
    year, month0 = divmod(date.year * 12 + date.month - 1 + months, 12)
    return date.replace(year=year, month=month0 + 1,
                        day=min(date.day, data_freshness.month_end(year, month0 + 1).day))


def _period_columns(resource: SeedResource, kind: str) -> list[str]:
    return [c["id"] for c in resource.fields if c.get("periodo") == kind]


def _newest(resource: SeedResource, path: Path, where: str) -> tuple[datetime.date | None, bool]:
    """The last day covered by the resource's rows, and whether it has months."""
    dated = [c["id"] for c in resource.fields if c.get("type") in ("date", "timestamp")]
    years, months = _period_columns(resource, "anio"), _period_columns(resource, "mes")
    newest: datetime.date | None = None
    for record in read_records(resource, path, where):
        ends = [datetime.date.fromisoformat(str(record[c])[:10]) for c in dated if record[c]]
        if years and record[years[0]]:
            year = int(record[years[0]])
            month = int(record[months[0]]) if months and record[months[0]] else 12
            ends.append(data_freshness.month_end(year, month))
        if ends:
            newest = max([*ends, newest] if newest else ends)
    # A campaign ("2023-2024") is named by its years: such a sample moves by whole years.
    return newest, bool(dated or months) and not _period_columns(resource, "campana")


def sample_shift(path: Path, metadata: dict[str, Any], resources: tuple[SeedResource, ...],
                 today: datetime.date) -> int:
    """Months to move a sample so its newest row falls in last month (whole years
    when the sample counts years only); 0 if it has no dates."""
    last_month_end = today.replace(day=1) - datetime.timedelta(days=1)
    newest, monthly = None, False
    for index, resource in enumerate(resources):
        if not resource.in_datastore:
            continue
        end, has_months = _newest(resource, path, f"resources[{index}]")
        if end and (newest is None or end > newest):
            newest = end
        # A resource with years only (e.g. "anio") forces whole years for the dataset.
        if end and not has_months:
            monthly = False
            break
        monthly = monthly or has_months
    # The declared coverage counts too: it moves with the rows and must not end in the future.
    if metadata.get("cobertura_temporal_fin"):
        declared = datetime.date.fromisoformat(metadata["cobertura_temporal_fin"])
        newest = max(newest, declared) if newest else declared
    if newest is None:
        return 0
    months = (last_month_end.year - newest.year) * 12 + last_month_end.month - newest.month
    if monthly:
        return months
    years = months // 12
    if shift_date(newest, years * 12) > last_month_end:
        years -= 1
    return years * 12


def shift_campaign(campaign: str, months: int) -> str:
    """An agricultural campaign ("2023-2024") moved by the whole years in ``months``."""
    return "-".join(str(int(year) + months // 12) for year in campaign.split("-"))


def shift_csv(text: str, fields: tuple[dict[str, str], ...], months: int) -> str:
    """The CSV with its date, timestamp and ``periodo`` columns moved by ``months``."""
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows:
        return text
    header = rows[0]
    kinds = {c["id"]: c.get("periodo") or c.get("type", "text") for c in fields}
    year_col = next((i for i, name in enumerate(header) if kinds.get(name) == "anio"), None)
    month_col = next((i for i, name in enumerate(header) if kinds.get(name) == "mes"), None)
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows[1:]:
        row = list(row)
        for i, name in enumerate(header):
            if i >= len(row) or not row[i]:
                continue
            if kinds.get(name) == "date":
                row[i] = shift_date(datetime.date.fromisoformat(row[i]), months).isoformat()
            elif kinds.get(name) == "timestamp":
                moment = datetime.datetime.fromisoformat(row[i])
                day = shift_date(moment.date(), months)
                row[i] = moment.replace(year=day.year, month=day.month, day=day.day).isoformat()
        for i, name in enumerate(header):
            if kinds.get(name) == "campana" and i < len(row) and row[i]:
                row[i] = shift_campaign(row[i], months)
        if year_col is not None and year_col < len(row) and row[year_col]:
            year = int(row[year_col])
            if month_col is not None and month_col < len(row) and row[month_col]:
                moved = shift_date(datetime.date(year, int(row[month_col]), 1), months)
                row[year_col], row[month_col] = str(moved.year), str(moved.month)
            else:
                row[year_col] = str(year + months // 12)
        writer.writerow(row)
    return out.getvalue()


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
        elif isinstance(value, list):
            # Multiple choices are stored in the order of the schema's choices.
            if sorted(current.get(key) or []) != sorted(value):
                return True
        elif current.get(key) != value:
            return True
    return False


def _upload(resource: SeedResource) -> FileStorage:
    mimetype = mimetypes.guess_type(resource.path.name)[0] or "application/octet-stream"
    return FileStorage(stream=io.BytesIO(resource.content), filename=resource.path.name,
                       content_type=mimetype)


def _datastore_fields(resource: SeedResource) -> list[dict[str, Any]]:
    """The table's columns with their data dictionary: the label, its English version
    for the English pages and the notes (the same keys the harvested tables carry)."""
    return [{"id": column["id"], "type": column.get("type", "text"),
             "info": {key: column.get(key, "") for key in dictionary.REQUIRED}}
            for column in resource.fields]


def _dictionary_is_current(resource_id: str, resource: SeedResource) -> bool:
    """Whether the table's data dictionary says what the seed file says (a portal seeded
    before a label was added or changed gets it without reloading the rows)."""
    stored = {field["id"]: field.get("info") or {}
              for field in _action("datastore_info", {"id": resource_id})["fields"]}
    return all(stored.get(field["id"], {}).get(key) == value
               for field in _datastore_fields(resource)
               for key, value in field["info"].items())


def _load_datastore(resource_id: str, resource: SeedResource, dataset: SeedDataset,
                    index: int) -> None:
    with contextlib.suppress(tk.ObjectNotFound):
        _action("datastore_delete", {"resource_id": resource_id, "force": True})
    datastore_tables.declare(resource_id, _datastore_fields(resource))
    datastore_tables.write(resource_id, read_records(resource, dataset.path,
                                                     f"resources[{index}]"),
                           method="insert", batch=BATCH_ROWS)


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
            if resource.in_datastore and not _dictionary_is_current(current["id"], resource):
                datastore_tables.declare(current["id"], _datastore_fields(resource))
                changed = True
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


def change_type(current: dict[str, Any], dataset: SeedDataset) -> dict[str, Any]:
    """Give a dataset an earlier seed stored as ``dataset`` its commitment's type, in
    place: same id, name, resources (and so DataStore tables), followers and activity.

    package_update keeps the stored type whatever it is sent, so the type is set on
    the package row first, in the same transaction as the update that follows: the
    update then validates the seed's metadata against the new type's schema and
    reindexes the dataset, and if the validation fails its rollback undoes the type
    change as well, so nothing is left half-converted.
    """
    from ckan import model

    context = _context()
    package = model.Package.get(current["id"])
    package.type = dataset.metadata["type"]
    model.Session.flush()
    try:
        return tk.get_action("package_patch")(context, {"id": current["id"],
                                                        **dataset.metadata})
    except Exception:
        model.Session.rollback()
        raise


def load_dataset(dataset: SeedDataset) -> str:
    """Create or update one dataset; returns 'created', 'updated' or 'unchanged'."""
    current = _show_or_none("package_show", dataset.name)
    wanted_type = dataset.metadata["type"]
    if current is not None and current["type"] not in (wanted_type, DEFAULT_TYPE):
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
    if current["type"] != wanted_type:
        current = change_type(current, dataset)
        changed = True
    elif _metadata_differs(current, dataset.metadata):
        current = _action("package_patch", {"id": current["id"], **dataset.metadata})
        changed = True
    changed = _sync_resources(dataset, current) or changed
    return "updated" if changed else "unchanged"


def load_catalog(only: set[str] | None = None, progress: bool = False,
                 datasets_dir: Path = DATASETS_DIR,
                 today: datetime.date | None = None) -> SeedReport:
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
                outcome = load_dataset(parse_dataset_file(path, datasets_dir, today))
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


def seeded_date(dataset: str, value: str, today: datetime.date | None = None,
                datasets_dir: Path = DATASETS_DIR) -> str:
    """Where a date of a seed file ('YYYY', 'YYYY-MM' or 'YYYY-MM-DD') falls once the
    catalog is loaded ``today``: what a test or a document quotes from a sample."""
    spec = parse_dataset_file(datasets_dir / "catalog" / f"{dataset}.yaml", datasets_dir, today)
    months = max((resource.shift_months for resource in spec.resources), default=0)
    parts = [int(part) for part in value.split("-")]
    moved = shift_date(datetime.date(parts[0], parts[1] if len(parts) > 1 else 1,
                                     parts[2] if len(parts) > 2 else 1), months)
    return moved.isoformat()[:len(value)]
