"""The seed catalog loads into real CKAN and DataStore, and loads only once."""
from __future__ import annotations

import csv
import shutil
from pathlib import Path

import ckan.plugins.toolkit as tk
import pytest
import yaml
from ckan.tests import helpers

from ckanext.grll.reference import DATASETS_DIR
from ckanext.grll.seed.loader import SeedError, load_catalog, parse_dataset_file

CATALOG_FILES = sorted((DATASETS_DIR / "catalog").glob("*.yaml"))


def _csv_rows(path: Path) -> int:
    with path.open(encoding="utf-8", newline="") as source:
        return sum(1 for _ in csv.reader(source)) - 1


@pytest.fixture(scope="module")
def seeded(seeded_catalog) -> dict[str, object]:
    return {"first": seeded_catalog, "second": load_catalog()}


def test_first_load_creates_every_dataset_and_second_changes_nothing(seeded):
    first, second = seeded["first"], seeded["second"]
    assert first.failures == []
    assert sorted(first.created) == [path.stem for path in CATALOG_FILES]
    assert second.created == [] and second.updated == [] and second.failures == []
    assert sorted(second.unchanged) == [path.stem for path in CATALOG_FILES]


def test_catalog_covers_the_four_commitments_and_the_publishers(seeded):
    groups = helpers.call_action("group_list", all_fields=True)
    counts = {group["name"]: group["package_count"] for group in groups}
    for commitment in ("seguridad-ciudadana", "agua-segura", "mercado-agrario",
                       "informacion-laboral"):
        assert counts.get(commitment, 0) >= 3, commitment
    organizations = set(helpers.call_action("organization_list"))
    assert {"gerencia-regional-agricultura", "gerencia-regional-salud",
            "gerencia-regional-trabajo", "gerencia-regional-vivienda",
            "seguridad-ciudadana-regional",
            "sub-gerencia-tecnologias-informacion"} <= organizations


@pytest.mark.parametrize("path", CATALOG_FILES, ids=lambda p: p.stem)
def test_every_seed_dataset_is_reachable_by_api_page_and_datastore(seeded, app, path):
    spec = parse_dataset_file(path)
    dataset = helpers.call_action("package_show", id=spec.name)
    assert dataset["title"] == spec.metadata["title"]
    assert dataset["type"] == spec.metadata["type"]
    assert dataset["entidad"] and dataset["fuente"] and dataset["maintainer_email"]
    assert dataset["license_id"] in ("odc-by", "cc-by", "other-open")
    page = app.get(tk.url_for(f"{dataset['type']}.read", id=spec.name))
    assert spec.metadata["title"] in page.body

    stored = {resource["name"]: resource for resource in dataset["resources"]}
    assert set(stored) == {resource.name for resource in spec.resources}
    for resource in spec.resources:
        if not resource.in_datastore:
            continue
        result = helpers.call_action("datastore_search", resource_id=stored[resource.name]["id"],
                                     limit=1)
        assert result["total"] == _csv_rows(resource.path), resource.name
        assert [f["id"] for f in result["fields"] if f["id"] != "_id"] == \
            [column["id"] for column in resource.fields]


def test_seed_dataset_files_are_downloadable(seeded, app):
    dataset = helpers.call_action("package_show", id=CATALOG_FILES[0].stem)
    resource = dataset["resources"][0]
    response = app.get(resource["url"].replace(tk.config["ckan.site_url"], ""))
    assert response.status_code == 200
    assert len(response.data) == resource["size"]


def test_malformed_dataset_file_is_rejected_with_file_and_field(seeded, tmp_path):
    shutil.copytree(DATASETS_DIR, tmp_path / "datasets",
                    ignore=shutil.ignore_patterns("*.geojson", "harvest_sources.yaml"))
    catalog = tmp_path / "datasets" / "catalog"
    for path in catalog.glob("*.yaml"):
        path.unlink()
    good = yaml.safe_load(CATALOG_FILES[0].read_text(encoding="utf-8"))
    broken = dict(good, name="conjunto-roto", frecuencia="cada-tanto")
    (catalog / "conjunto-roto.yaml").write_text(yaml.safe_dump(broken, allow_unicode=True))
    wrong_column = dict(good, name="columnas-malas")
    wrong_column["resources"] = [dict(good["resources"][0], fields=[{"id": "no_existe"}])]
    (catalog / "columnas-malas.yaml").write_text(yaml.safe_dump(wrong_column,
                                                                allow_unicode=True))

    taken = dict(good, name="denuncias-policiales-sidpol-pnp")  # a harvest source's name
    (catalog / "denuncias-policiales-sidpol-pnp.yaml").write_text(
        yaml.safe_dump(taken, allow_unicode=True))

    report = load_catalog(datasets_dir=tmp_path / "datasets")

    assert len(report.failures) == 3
    messages = " ".join(report.failures)
    assert "conjunto-roto.yaml" in messages and "frecuencia" in messages
    assert "columnas-malas.yaml" in messages and "fields" in messages
    assert "denuncias-policiales-sidpol-pnp.yaml" in messages and "already taken" in messages
    source = helpers.call_action("harvest_source_show", id="denuncias-policiales-sidpol-pnp")
    assert source["title"] != good["title"]
    for name in ("conjunto-roto", "columnas-malas"):
        with pytest.raises(tk.ObjectNotFound):
            helpers.call_action("package_show", id=name)


def test_unknown_field_names_the_field(tmp_path):
    path = tmp_path / "raro.yaml"
    path.write_text("name: raro\ntitle: Raro\nnotes: x\nowner_org: o\nresources: []\n"
                    "color_favorito: azul\n")
    with pytest.raises(SeedError) as error:
        parse_dataset_file(path)
    assert "color_favorito" in str(error.value) and "raro.yaml" in str(error.value)


def test_seed_registers_the_harvest_source_once_with_a_first_job(seeded):
    source = helpers.call_action("harvest_source_show", id="denuncias-policiales-sidpol-pnp")
    assert source["source_type"] == "seguridad_denuncias"
    assert source["url"] == f"{tk.config['ckan.site_url']}/muestras-cosecha/sidpol_2023.csv"
    assert source["organization"]["name"] == "seguridad-ciudadana-regional"
    jobs = helpers.call_action("harvest_job_list", source_id=source["id"])
    assert len(jobs) == 1


def test_the_portal_serves_the_harvest_samples_and_nothing_else(seeded, app):
    sample = DATASETS_DIR / "harvest" / "sidpol_2023.csv"
    response = app.get("/muestras-cosecha/sidpol_2023.csv")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/csv")
    assert response.data == sample.read_bytes()
    for name in ("no-existe.csv", "..%2Fharvest_sources.yaml", "%2e%2e", "harvest_sources.yaml"):
        assert app.get(f"/muestras-cosecha/{name}").status_code == 404, name
    assert app.get("/muestras-cosecha/../organizations.yaml").status_code == 404


def test_a_second_seed_moves_an_old_file_url_to_the_portal_in_place(seeded):
    before = helpers.call_action("harvest_source_show", id="calidad-agua-muestras")
    old_url = (DATASETS_DIR / "harvest" / "calidad_agua_muestras_2024.csv").resolve().as_uri()
    site_user = helpers.call_action("get_site_user")["name"]
    helpers.call_action("harvest_source_patch", context={"user": site_user},
                        id=before["id"], url=old_url)
    assert helpers.call_action("harvest_source_show", id=before["id"])["url"] == old_url

    load_catalog(only={"ninguno"})

    after = helpers.call_action("harvest_source_show", id="calidad-agua-muestras")
    assert after["id"] == before["id"]
    assert after["url"] == before["url"]
    assert after["url"].startswith(tk.config["ckan.site_url"] + "/muestras-cosecha/")
    assert len(helpers.call_action("harvest_job_list", source_id=after["id"])) == 1
