"""Pure file checks of the seed catalog in datasets/ (no CKAN, no database).

Every YAML parses, every resource file exists, every CSV header equals its data
dictionary, every cell has its declared type, every ubigeo and district name
matches the reference table, and the generator reproduces the committed CSVs.
"""
from __future__ import annotations

import csv
import datetime
import decimal
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DATASETS = ROOT / "datasets"
CATALOG_FILES = sorted((DATASETS / "catalog").glob("*.yaml"))

DATASET_KEYS = {"name", "title", "notes", "owner_org", "groups", "tags", "entidad", "fuente",
                "url", "license_id", "frecuencia", "cobertura_espacial",
                "cobertura_temporal_inicio", "cobertura_temporal_fin", "idioma", "version",
                "maintainer", "maintainer_email", "muestra_demostrativa", "resources"}
REQUIRED_KEYS = DATASET_KEYS - {"url", "muestra_demostrativa"}
#: Each commitment's group and the dataset types of its schemas (domains/*/dataset_schema*.yaml);
#: the reference data belongs to no commitment and keeps CKAN's `dataset`.
COMMITMENT_TYPES = {"seguridad-ciudadana": {"seguridad"}, "agua-segura": {"agua"},
                    "mercado-agrario": {"agro-precios", "agro-clima", "agro-siembras"},
                    "informacion-laboral": {"laboral-indicadores", "laboral-registros"},
                    "datos-de-referencia": {"dataset"}}
PACKAGE = ROOT / "ckanext-grll" / "ckanext" / "grll"
#: Data dictionary key telling the seed loader which integer or text columns hold
#: years, months or campaigns (moved with the dates of a demonstration sample).
PERIOD_KINDS = {"anio": "int", "mes": "int", "campana": "text"}
FREQUENCIES = {"CONT", "DAILY", "WEEKLY", "MONTHLY", "QUARTERLY", "BIANNUAL", "ANNUAL",
               "IRREG", "NEVER"}
FIELD_TYPES = {"text", "int", "numeric", "date", "timestamp"}
REQUIRED_ORGS = {"gerencia-regional-agricultura", "gerencia-regional-salud",
                 "gerencia-regional-trabajo", "gerencia-regional-vivienda",
                 "seguridad-ciudadana-regional", "sub-gerencia-tecnologias-informacion"}
GROUPS = {"seguridad-ciudadana", "agua-segura", "mercado-agrario", "informacion-laboral",
          "datos-de-referencia"}
DEMO_NOTICE = "Muestra demostrativa"
MAX_ROWS = 5000
NAME_RE = re.compile(r"^[a-z0-9_-]{2,100}$")
TAG_RE = re.compile(r"^[\w .-]{2,100}$")  # CKAN's tag_name_validator


def _load(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _schemas() -> dict[str, dict]:
    """Dataset type -> its scheming schema, as CKAN is configured with them."""
    paths = [PACKAGE / "schemas" / "dataset.yaml",
             *sorted(PACKAGE.glob("domains/*/dataset_schema*.yaml"))]
    return {schema["dataset_type"]: schema for schema in map(_load, paths)}


SCHEMAS = _schemas()


def _reference() -> list[dict[str, str]]:
    with (DATASETS / "reference" / "la_libertad_districts.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


REFERENCE = _reference()
DISTRICTS = {row["ubigeo"]: row for row in REFERENCE}
PROVINCES = {row["ubigeo_provincia"]: row["provincia"] for row in REFERENCE}


def _check_value(value: str, column_type: str) -> None:
    if value == "":
        return
    if column_type == "int":
        int(value)
    elif column_type == "numeric":
        assert "," not in value
        decimal.Decimal(value)
    elif column_type == "date":
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)
        datetime.date.fromisoformat(value)
    elif column_type == "timestamp":
        datetime.datetime.fromisoformat(value)


def test_reference_table_is_complete():
    assert len(DISTRICTS) == 84
    assert len(PROVINCES) == 12
    assert sum(int(row["poblacion_proyectada_2025"]) for row in REFERENCE) == 2_155_943


def test_organizations_and_groups():
    organizations = _load(DATASETS / "organizations.yaml")
    groups = _load(DATASETS / "groups.yaml")
    for entries in (organizations, groups):
        assert isinstance(entries, list)
        for entry in entries:
            assert set(entry) == {"name", "title", "description"}
            assert NAME_RE.match(entry["name"])
            assert entry["title"].strip() and entry["description"].strip()
    assert {entry["name"] for entry in organizations} >= REQUIRED_ORGS
    assert {entry["name"] for entry in groups} == GROUPS


def test_catalog_size_and_coverage():
    datasets = [_load(path) for path in CATALOG_FILES]
    assert len(datasets) >= 14
    per_group: dict[str, int] = {}
    for data in datasets:
        for group in data["groups"]:
            per_group[group] = per_group.get(group, 0) + 1
    assert per_group["datos-de-referencia"] >= 2
    for group in GROUPS - {"datos-de-referencia"}:
        assert per_group.get(group, 0) >= 3, group


@pytest.mark.parametrize("path", CATALOG_FILES, ids=lambda p: p.stem)
def test_dataset_metadata(path: Path):
    data = _load(path)
    organizations = {entry["name"] for entry in _load(DATASETS / "organizations.yaml")}
    own_fields = {f["field_name"] for f in SCHEMAS[data.get("type", "dataset")]["dataset_fields"]}
    assert set(data) <= DATASET_KEYS | own_fields | {"type"}
    assert set(data) >= REQUIRED_KEYS, REQUIRED_KEYS - set(data)
    assert data["name"] == path.stem and NAME_RE.match(data["name"])
    assert data["owner_org"] in organizations
    assert data["groups"] and set(data["groups"]) <= GROUPS
    assert data["tags"] and all(TAG_RE.match(tag) for tag in data["tags"]), data["tags"]
    assert data["license_id"] in {"odc-by", "cc-by", "other-open"}
    assert data["frecuencia"] in FREQUENCIES
    assert data["idioma"] == "es"
    assert isinstance(data["version"], str)
    assert data["maintainer_email"].endswith("@regionlalibertad.gob.pe")
    coverage = data["cobertura_espacial"]
    assert isinstance(coverage, str)
    assert coverage == "13" or coverage in PROVINCES or coverage in DISTRICTS
    start = datetime.date.fromisoformat(data["cobertura_temporal_inicio"])
    end = datetime.date.fromisoformat(data["cobertura_temporal_fin"])
    assert start <= end
    if "url" in data:
        assert data["url"].startswith("https://")
    assert data["resources"]
    if any(r["file"].startswith("data/") for r in data["resources"]):
        assert DEMO_NOTICE in data["notes"], "illustrative data must say so in the notes"
        # ...and in the field pages read, so that they can announce it.
        assert data.get("muestra_demostrativa") is True, "illustrative data must be marked"
    else:
        assert "muestra_demostrativa" not in data
    assert "2024" not in data["title"], "sample dates move with the seeding day"
    if data["license_id"] == "other-open":
        assert "MPL-2.0" in data["notes"] or "Mozilla Public License" in data["notes"]


@pytest.mark.parametrize("path", CATALOG_FILES, ids=lambda p: p.stem)
def test_resources_match_their_files(path: Path):
    for resource in _load(path)["resources"]:
        assert resource["name"] and resource["description"] and resource["format"]
        file_path = DATASETS / resource["file"]
        assert file_path.is_file(), resource["file"]
        if resource["format"] == "GeoJSON":
            assert not resource.get("fields")
            assert json.loads(file_path.read_text(encoding="utf-8"))["type"] == "FeatureCollection"
            continue
        assert resource["format"] == "CSV"
        fields = resource["fields"]
        for column in fields:
            assert set(column) - {"periodo"} == {"id", "type", "label", "label_en",
                                                 "notes"}, column
            if "periodo" in column:
                assert PERIOD_KINDS[column["periodo"]] == column["type"], column
            assert column["type"] in FIELD_TYPES
            assert column["label"] and column["label_en"] and column["notes"]
        _check_csv(file_path, fields)


def _check_csv(file_path: Path, fields: list[dict[str, str]]) -> None:
    ids = [column["id"] for column in fields]
    types = [column["type"] for column in fields]
    with file_path.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        assert next(reader) == ids, file_path.name
        rows = list(reader)
    assert 0 < len(rows) <= MAX_ROWS, (file_path.name, len(rows))
    district_col = next((c for c in ids if c.lower() in ("ubigeo", "ubigeo_hecho")), None)
    for line, row in enumerate(rows, start=2):
        assert len(row) == len(ids), (file_path.name, line)
        record = dict(zip(ids, row, strict=True))
        for value, column_type in zip(row, types, strict=True):
            try:
                _check_value(value, column_type)
            except (ValueError, AssertionError, decimal.InvalidOperation) as error:
                pytest.fail(f"{file_path.name} line {line}: {value!r} is not {column_type} ({error})")
        if district_col:
            district = DISTRICTS.get(record[district_col])
            assert district, f"{file_path.name} line {line}: unknown ubigeo {record[district_col]}"
            for name_col, ref_col in (("distrito", "distrito"), ("provincia", "provincia"),
                                      ("DIST_HECHO", "distrito"), ("PROV_HECHO", "provincia"),
                                      ("dist", "distrito"), ("prov", "provincia")):
                if name_col in record:
                    assert record[name_col].casefold() == district[ref_col].casefold(), (
                        file_path.name, line, name_col)
        if "ubigeo_provincia" in record:
            assert PROVINCES.get(record["ubigeo_provincia"]) == record["provincia"]


def test_every_data_file_is_described():
    described = {resource["file"] for path in CATALOG_FILES
                 for resource in _load(path)["resources"]}
    on_disk = {f"data/{p.name}" for p in (DATASETS / "data").glob("*.csv")}
    assert on_disk <= described, on_disk - described


#: Registries kept by hand by the stewards (not illustrative figures): no generator.
CURATED = {"agua_prestadores.csv"}


def test_generator_reproduces_the_committed_files(tmp_path: Path):
    subprocess.run([sys.executable, str(ROOT / "scripts" / "seed_data" / "generate.py"),
                    "--out", str(tmp_path / "data"), "--harvest-out", str(tmp_path / "harvest")],
                   check=True, capture_output=True)
    for folder in ("data", "harvest"):
        generated = sorted(p.name for p in (tmp_path / folder).glob("*.csv"))
        committed = {p.name for p in (DATASETS / folder).glob("*.csv")}
        assert generated == sorted(committed - CURATED), folder
        for name in generated:
            assert (tmp_path / folder / name).read_bytes() == \
                (DATASETS / folder / name).read_bytes(), name
