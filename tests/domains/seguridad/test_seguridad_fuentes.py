"""Which DataStore tables feed the statistics: seeded or harvested, one table per year.

A harvested dataset (type ``seguridad``, the portal's column names) for a year the
seed sample also covers replaces the sample instead of adding to it; a table of
another layout is ignored. The API docs' examples answer against these data.
"""
from __future__ import annotations

import re

import ckan.plugins.toolkit as tk
import pytest
from seguridad_testing import SIDPOL_2024, TRUJILLO, act, load_official_statistics

from ckanext.grll import reference
from ckanext.grll.domains.seguridad import mapping, resumen
from ckanext.grll.seed.loader import seeded_date


@pytest.fixture(scope="module", autouse=True)
def official_statistics(reset_db, reset_index) -> None:
    load_official_statistics(reset_db, reset_index)


def site() -> dict:
    return {"user": tk.get_action("get_site_user")({"ignore_auth": True}, {})["name"],
            "ignore_auth": True}


def harvested_sidpol(records: list[dict]) -> None:
    """What the seguridad_denuncias harvester leaves: a dataset and its DataStore table."""
    key = mapping.sidpol_key(records[0])
    package = tk.get_action("package_create")(site(), {
        **mapping.sidpol_dataset(key, records), "owner_org": "seguridad-ciudadana-regional"})
    tk.get_action("datastore_create")(site(), {
        "resource": {"package_id": package["id"], "name": "Denuncias", "format": "CSV"},
        "fields": list(mapping.SIDPOL.fields),
        "records": records})


def test_a_harvested_year_replaces_the_seed_sample_of_that_year():
    trujillo = reference.distritos()[TRUJILLO]
    # A month the seed sample covers once loaded (its months end last month).
    year, month = (int(part) for part in seeded_date(SIDPOL_2024, "2024-12").split("-"))
    harvested_sidpol([
        {"anio": year, "mes": month, "ubigeo": TRUJILLO, "provincia": trujillo.provincia,
         "distrito": trujillo.nombre, "modalidad": "Robo de vehículo", "cantidad": 40},
        {"anio": year, "mes": month, "ubigeo": TRUJILLO, "provincia": trujillo.provincia,
         "distrito": trujillo.nombre, "modalidad": "Estafa", "cantidad": 2}])
    whole_year = {"desde": f"{year}-01", "hasta": f"{year}-12"}
    # Even when the seed sample is edited afterwards, the harvested year wins.
    tk.get_action("package_patch")(site(), {
        "id": SIDPOL_2024, "notes": "Muestra demostrativa revisada."})
    resumen.refresh((resumen.OFFICIAL,))
    counts = {d["ubigeo"]: d for d in act("grll_seguridad_district_stats",
                                          **whole_year)["distritos"]}
    assert counts[TRUJILLO]["cantidad"] == 42
    vehicles = {d["ubigeo"]: d for d in act(
        "grll_seguridad_district_stats", categoria="robo-vehiculo", **whole_year)["distritos"]}
    assert vehicles[TRUJILLO]["cantidad"] == 40


def test_a_table_outside_the_crime_datasets_is_not_counted():
    """Only datasets of type seguridad or in the group seguridad-ciudadana feed the
    figures: another public table with the same columns (another department's, say)
    is neither counted nor named as a source."""
    trujillo = reference.distritos()[TRUJILLO]
    package = tk.get_action("package_create")(site(), {
        "name": "denuncias-otra-region-2019", "title": "Denuncias de otra región 2019",
        "owner_org": "seguridad-ciudadana-regional", "notes": "Otra región.",
        "entidad": "Otra entidad", "fuente": "Otra fuente", "license_id": "odc-by",
        "frecuencia": "ANNUAL", "cobertura_espacial": "13", "idioma": "es",
        "maintainer": "Otra entidad", "maintainer_email": "otra@example.org"})
    tk.get_action("datastore_create")(site(), {
        "resource": {"package_id": package["id"], "name": "Denuncias", "format": "CSV"},
        "fields": list(mapping.SIDPOL.fields),
        "records": [{"anio": 2019, "mes": 3, "ubigeo": TRUJILLO,
                     "provincia": trujillo.provincia, "distrito": trujillo.nombre,
                     "modalidad": "Estafa", "cantidad": 999}]})
    resumen.refresh((resumen.OFFICIAL,))
    named = {name for names in resumen.source_datasets().values() for name in names}
    assert "denuncias-otra-region-2019" not in named
    assert SIDPOL_2024 in named
    counts = act("grll_seguridad_district_stats", desde="2019-01", hasta="2019-12")
    assert all(d["cantidad"] != 999 for d in counts["distritos"])


def test_api_docs_examples_answer(app):
    page = app.get("/desarrolladores").body
    section = page[page.index('id="api-seguridad"'):]
    section = section[:section.index("</section>")]
    site_url = tk.config["ckan.site_url"].rstrip("/")
    urls = re.findall(r'curl (?:-o \S+ )?"([^"]+)"', section.replace("&amp;", "&"))
    assert len(urls) >= 6
    for url in urls:
        response = app.get(url[len(site_url):])
        assert response.status_code == 200, url
        if "/api/3/action/" in url:
            assert response.json["success"] is True, url
