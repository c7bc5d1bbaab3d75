"""Each seed dataset has its commitment's dataset type, and the fields that type's schema
adds are filled from the data itself (pure file checks, no CKAN)."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest
from test_seed_files import CATALOG_FILES, COMMITMENT_TYPES, DATASETS, DISTRICTS, SCHEMAS, _load

from ckanext.grll.domains.tables import slug
from ckanext.grll.reference import REGION_UBIGEO, ubigeo_choices

#: The data column each list field of a commitment schema is read from, per dataset
#: (ubigeos: every district in the data, or the whole region when all 84 are there).
DATA_COLUMNS = {
    "ubigeos": ("ubigeo", "UBIGEO_HECHO"),
    "estaciones": ("estacion",),
    "campanias": ("campana",),
    "productos": ("cultivo", "producto"),
}


def _column(path: Path, names: tuple[str, ...]) -> list[str] | None:
    with path.open(encoding="utf-8", newline="") as source:
        rows = list(csv.DictReader(source))
    name = next((n for n in names if rows and n in rows[0]), None)
    return None if name is None else [row[name] for row in rows]


@pytest.mark.parametrize("path", CATALOG_FILES, ids=lambda p: p.stem)
def test_every_seed_dataset_has_its_commitments_type(path: Path):
    data = _load(path)
    dataset_type = data.get("type", "dataset")
    for group in data["groups"]:
        assert dataset_type in COMMITMENT_TYPES[group], (group, dataset_type)


@pytest.mark.parametrize("path", CATALOG_FILES, ids=lambda p: p.stem)
def test_the_types_own_fields_are_given_with_allowed_values(path: Path):
    data = _load(path)
    schema = SCHEMAS[data.get("type", "dataset")]
    common = {f["field_name"] for f in SCHEMAS["dataset"]["dataset_fields"]}
    ubigeos = {choice["value"] for choice in ubigeo_choices()}
    for field in schema["dataset_fields"]:
        name = field["field_name"]
        if name in common or name not in data and not field.get("required"):
            continue
        assert data.get(name), f"{name} is required by the {schema['dataset_type']} schema"
        values = data[name] if isinstance(data[name], list) else [data[name]]
        allowed = ({c["value"] for c in field["choices"]} if "choices" in field
                   else ubigeos if field.get("choices_helper") == "grll_ubigeo_choices"
                   else None)
        if allowed is not None:
            assert set(values) <= allowed, (name, set(values) - allowed)


@pytest.mark.parametrize("path", CATALOG_FILES, ids=lambda p: p.stem)
def test_list_fields_are_read_from_the_data(path: Path):
    data = _load(path)
    for field, columns in DATA_COLUMNS.items():
        if field not in data:
            continue
        found: set[str] = set()
        for resource in data["resources"]:
            values = _column(DATASETS / resource["file"], columns)
            if values is None and field == "ubigeos":
                # A registry lists the districts each row serves, `;`-separated.
                values = [code for cell in _column(DATASETS / resource["file"], ("ubigeos",))
                          or [] for code in cell.split(";")]
            found |= set(values or [])
        if field == "productos":
            found = {slug(value) for value in found}
        if field == "ubigeos" and found == set(DISTRICTS):
            found = {REGION_UBIGEO}
        assert set(data[field]) == found, (field, found ^ set(data[field]))
