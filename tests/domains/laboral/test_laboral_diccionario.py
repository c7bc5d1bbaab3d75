"""Every column of every table grll_laboral writes has a Spanish label and a description,
in the layouts' declarations and in the DataStore tables reusers read."""
from __future__ import annotations

import re

import ckan.plugins.toolkit as tk
import pytest
from laboral_testing import TRUJILLO, act, labour_org

from ckanext.grll.domains.laboral import (
    catalogos,
    demostracion,
    diccionario,
    mapping,
    ofertas,
    perfiles,
    registros,
)

#: English words a column label must not be made of (the labels people see are Spanish).
ENGLISH = {"code", "date", "name", "number", "description", "status", "state", "type",
           "year", "month", "district", "province", "updated", "created", "start", "end",
           "hours", "workers", "course", "offer", "salary", "title", "id", "notes", "label"}

DECLARED = {
    "ofertas (portal y cosecha)": ofertas.FIELDS, "perfiles": perfiles.FIELDS,
    "cursos": catalogos.CURSO_FIELDS, "trámites": catalogos.TRAMITE_FIELDS,
    "conflictos": registros.CONFLICT_FIELDS, "etapas de negociación": registros.TIMELINE_FIELDS,
    **{f"capa {name}": layout.fields for name, layout in mapping.LAYOUTS.items()},
}


def _problems(fields) -> list[str]:
    found = []
    for field in fields:
        if field["id"].startswith("_"):
            continue
        info = field.get("info") or {}
        label, notes = (info.get("label") or "").strip(), (info.get("notes") or "").strip()
        words = set(re.findall(r"[a-záéíóúñü]+", label.lower()))
        if not label or not notes or label == field["id"] or words & ENGLISH:
            found.append(f"{field['id']}: {label!r} / {notes!r}")
    return found


def test_the_dictionary_modules_describe_every_column():
    assert diccionario.CURSO_FIELDS is catalogos.CURSO_FIELDS
    for table, fields in DECLARED.items():
        assert _problems(fields) == [], table


@pytest.fixture
def tables(clean_db, clean_index):
    labour_org()
    demostracion.cargar()
    act("grll_laboral_profile_create", None, ocupacion="Cocinero", ubigeo=TRUJILLO,
        experiencia_meses="12", nivel_educativo="Técnica completa", nombre="Ana Ejemplo",
        email="ana@example.org")
    found = tk.get_action("package_search")({"ignore_auth": True}, {
        "fq": "dataset_type:laboral-registros", "rows": 100, "include_private": True})
    return {f"{p['name']} / {r['name']}": r["id"] for p in found["results"]
            for r in p["resources"] if r.get("datastore_active")}


def test_every_table_the_laboral_pages_write_is_described_in_spanish(tables):
    assert len(tables) >= 5, tables
    for table, resource_id in tables.items():
        fields = tk.get_action("datastore_info")({"ignore_auth": True},
                                                 {"id": resource_id})["fields"]
        assert _problems(fields) == [], table


def test_a_table_made_before_the_english_labels_gets_them_and_keeps_the_stewards_text(
        tables):
    """An upgraded portal: the profiles' table has no English labels and a description a
    steward rewrote in the dictionary form. The first write after the restart adds the
    labels and leaves the steward's text."""
    from ckanext.grll.domains.laboral import datastore

    resource_id = next(rid for name, rid in tables.items() if "perfiles" in name.lower()
                       or "perfil" in name.lower())
    info = tk.get_action("datastore_info")({"ignore_auth": True}, {"id": resource_id})
    old = [{"id": f["id"], "type": f["type"],
            "info": {key: value for key, value in (f.get("info") or {}).items()
                     if key != "label_en"}}
           for f in info["fields"] if not f["id"].startswith("_")]
    old[0]["info"]["notes"] = "Texto de la Gerencia."
    tk.get_action("datastore_create")({"ignore_auth": True}, {
        "resource_id": resource_id, "fields": old, "force": True})
    datastore._COMPLETED.clear()  # a new process, as after the upgrade's restart

    act("grll_laboral_profile_create", None, ocupacion="Electricista", ubigeo=TRUJILLO,
        experiencia_meses="24", nivel_educativo="Técnica completa", nombre="Luis Ejemplo",
        email="luis@example.org")
    after = {f["id"]: f.get("info") or {} for f in tk.get_action("datastore_info")(
        {"ignore_auth": True}, {"id": resource_id})["fields"]}
    declared = {f["id"]: f["info"] for f in perfiles.FIELDS}
    assert {column: after[column].get("label_en") for column in declared} == {
        column: info["label_en"] for column, info in declared.items()}
    assert after[old[0]["id"]]["notes"] == "Texto de la Gerencia."
