"""The seguridad_denuncias harvester: SIDPOL and MPFN tables into DataStore datasets."""
from __future__ import annotations

import csv
import json

import ckan.plugins.toolkit as tk
import pytest
from ckan.tests import factories, helpers

from ckanext.grll.reference import DATASETS_DIR

SIDPOL_SAMPLE = DATASETS_DIR / "data" / "denuncias_sidpol_2024.csv"
SIDPOL_HEADER = "ANIO,MES,DPTO_HECHO_NEW,PROV_HECHO,DIST_HECHO,UBIGEO_HECHO,P_MODALIDADES,cantidad"


def _object_errors(report: dict) -> list[str]:
    return [error["message"] for entry in report["object_errors"].values()
            for error in entry["errors"]]


@pytest.fixture
def organization(clean_db, clean_index):
    return factories.Organization(name="seguridad-ciudadana-regional")


def test_sample_file_becomes_a_dataset_with_every_row_and_reharvest_changes_nothing(
        organization, sample_url, harvest_source, run_harvest):
    source = harvest_source(sample_url(SIDPOL_SAMPLE), "seguridad_denuncias",
                           json.dumps({"formato": "sidpol"}), organization["id"])
    report = run_harvest(source["id"])
    assert report["gather_errors"] == [] and report["object_errors"] == {}

    dataset = helpers.call_action("package_show", id="denuncias-policiales-sidpol-2024-cosecha")
    assert dataset["organization"]["name"] == "seguridad-ciudadana-regional"
    assert dataset["frecuencia"] == "MONTHLY"
    with SIDPOL_SAMPLE.open(encoding="utf-8") as sample:
        expected = sum(1 for row in csv.DictReader(sample)
                       if row["UBIGEO_HECHO"].startswith("13"))
    table = helpers.call_action("datastore_search", resource_id=dataset["resources"][0]["id"],
                                limit=1)
    assert table["total"] == expected

    second = run_harvest(source["id"])
    assert second["job"]["stats"].get("added", 0) == 0
    assert second["job"]["stats"].get("updated", 0) == 0
    again = helpers.call_action("package_show", id=dataset["name"])
    assert again["metadata_modified"] == dataset["metadata_modified"]


def test_bad_rows_are_reported_with_line_and_reason_and_good_rows_load(
        organization, http_source, harvest_source, run_harvest):
    folder, base_url = http_source
    (folder / "sidpol.csv").write_text("\n".join([
        SIDPOL_HEADER,
        "2023,1,LA LIBERTAD,TRUJILLO,TRUJILLO,130101,Hurto,437",
        "2023,1,LA LIBERTAD,TRUJILLO,NO EXISTE,139999,Robo,3",
        "2023,2,LA LIBERTAD,TRUJILLO,TRUJILLO,130101,Robo,-4",
        "2023,2,LIMA,LIMA,LIMA,150101,Robo,900",
        "2023,13,LA LIBERTAD,CHEPEN,CHEPEN,130401,Robo,5",
    ]) + "\n", encoding="utf-8")
    source = harvest_source(f"{base_url}/sidpol.csv", "seguridad_denuncias",
                           json.dumps({"formato": "sidpol"}), organization["id"])

    report = run_harvest(source["id"])

    errors = _object_errors(report)
    assert len(errors) == 3
    assert any("Fila 3" in e and "139999" in e for e in errors)
    assert any("Fila 4" in e and "cantidad" in e for e in errors)
    assert any("Fila 6" in e and "MES" in e for e in errors)
    dataset = helpers.call_action("package_show", id="denuncias-policiales-sidpol-2023-cosecha")
    rows = helpers.call_action("datastore_search", resource_id=dataset["resources"][0]["id"])
    assert [(r["ubigeo"], r["cantidad"]) for r in rows["records"]] == [("130101", 437)]


def test_prosecutors_layout_is_harvested(organization, http_source, harvest_source,
                                         run_harvest):
    folder, base_url = http_source
    (folder / "mpfn.csv").write_text(
        "periodo_denuncia;anio_denuncia;fecha_descarga;distrito_fiscal;especialidad;tipo_caso;"
        "generico;subgenerico;articulo;des_articulo;cantidad;ubigeo;dpto;prov;dist;fecha_corte\n"
        "ENERO-DICIEMBRE;2024;2025-01-15;LA LIBERTAD;PENAL;DENUNCIA;CONTRA EL PATRIMONIO;"
        "EXTORSION;200;EXTORSION;41;130101;LA LIBERTAD;TRUJILLO;TRUJILLO;2024-12-31\n",
        encoding="latin-1")
    source = harvest_source(f"{base_url}/mpfn.csv", "seguridad_denuncias",
                           json.dumps({"formato": "mpfn"}), organization["id"])
    report = run_harvest(source["id"])
    assert report["gather_errors"] == [] and report["object_errors"] == {}
    dataset = helpers.call_action("package_show", id="delitos-ministerio-publico-2024-cosecha")
    rows = helpers.call_action("datastore_search", resource_id=dataset["resources"][0]["id"])
    assert rows["records"][0]["subgenerico"] == "EXTORSION"
    assert rows["records"][0]["cantidad"] == 41


def test_broken_source_is_a_gather_error_and_stores_nothing(organization, http_source,
                                                            harvest_source, run_harvest):
    _, base_url = http_source
    source = harvest_source(f"{base_url}/no-existe.csv", "seguridad_denuncias",
                           json.dumps({"formato": "sidpol"}), organization["id"])
    report = run_harvest(source["id"])
    assert len(report["gather_errors"]) == 1
    assert "404" in report["gather_errors"][0]["message"]
    found = helpers.call_action("package_search", q="name:denuncias*", fq="-dataset_type:harvest")
    assert found["count"] == 0


def test_a_file_url_is_refused_without_reading_the_disk(organization, harvest_source,
                                                        run_harvest):
    source = harvest_source(SIDPOL_SAMPLE.as_uri(), "seguridad_denuncias",
                           json.dumps({"formato": "sidpol"}), organization["id"])
    report = run_harvest(source["id"])
    assert len(report["gather_errors"]) == 1
    assert "URL no admitida (use http o https)" in report["gather_errors"][0]["message"]
    found = helpers.call_action("package_search", q="name:denuncias*", fq="-dataset_type:harvest")
    assert found["count"] == 0


def test_unknown_layout_in_config_is_refused_with_the_field(organization, harvest_source):
    with pytest.raises(tk.ValidationError) as error:
        harvest_source("http://127.0.0.1:9/sidpol.csv", "seguridad_denuncias",
                      json.dumps({"formato": "excel"}), organization["id"])
    assert "config" in error.value.error_dict
    assert "formato" in str(error.value.error_dict["config"])
