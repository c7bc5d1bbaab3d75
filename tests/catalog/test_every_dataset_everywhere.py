"""Every public dataset of every type in every export, the dump and the sitemap, checked
against package_search over all types; harvest sources in none of them; robots.txt
names the sitemap."""
from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import ckan.plugins.toolkit as tk
import pytest
from catalog_testing import call, site_context

from ckanext.grll.catalog import dump

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(scope="module")
def harvest_source(catalog) -> dict:
    """A harvest source, which CKAN stores as a dataset of type `harvest`."""
    sources = call("harvest_source_list")
    if sources:
        return call("package_show", id=sources[0]["id"])
    organization = call("organization_list")[0]
    return call("harvest_source_create", name="fuente-de-prueba", title="Fuente de prueba",
                url="https://example.org/fuente.csv", source_type="ckan",
                owner_org=organization)


@pytest.fixture(scope="module")
def every_public_dataset(catalog, harvest_source) -> list[dict]:
    """What an anonymous reuser finds searching all types, as ckanapi would ask (the
    dump's own dataset made first: it is public too)."""
    tk.get_action("grll_catalog_dump_refresh")(site_context(), {"background": False})
    found = tk.get_action("package_search")(
        {"user": ""}, {"q": "*:*", "fq": "+dataset_type:*", "rows": 1000,
                       "sort": "name asc", "include_private": False})
    assert found["count"] == len(found["results"])
    return found["results"]


def read_csv(app, url: str) -> list[dict[str, str]]:
    response = app.get(url)
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.body.lstrip("\ufeff"))))


def test_the_catalog_holds_commitment_types_and_search_leaves_sources_out(
        every_public_dataset, harvest_source):
    types = {dataset["type"] for dataset in every_public_dataset}
    # The seed gives each dataset its commitment's type (the reference data keeps `dataset`).
    assert {"dataset", "seguridad", "agua", "agro-precios", "agro-clima", "agro-siembras",
            "laboral-indicadores", "laboral-registros"} <= types, types
    assert "harvest" not in types
    assert harvest_source["name"] not in {d["name"] for d in every_public_dataset}


def test_datasets_csv_lists_every_public_dataset_of_every_type(app, every_public_dataset):
    rows = read_csv(app, "/catalogo/datasets.csv")
    assert [row["name"] for row in rows] == [d["name"] for d in every_public_dataset]
    site = tk.config.get("ckan.site_url").rstrip("/")
    for row, dataset in zip(rows, every_public_dataset, strict=True):
        assert row["url"] == f"{site}/{dataset['type']}/{dataset['name']}"


def test_recursos_csv_lists_every_resource_of_every_type(app, every_public_dataset):
    rows = read_csv(app, "/catalogo/recursos.csv")
    assert [(row["dataset_name"], row["id"]) for row in rows] == [
        (d["name"], r["id"]) for d in every_public_dataset for r in d["resources"]]


def test_the_dump_holds_every_public_dataset_of_every_type(app, every_public_dataset):
    written = tk.get_action("grll_catalog_dump_refresh")(site_context(),
                                                         {"background": False})
    response = app.get(dump.DUMP_ROUTE)
    names = [json.loads(line)["name"] for line in response.body.splitlines()]
    expected = {d["name"] for d in every_public_dataset} | {dump.DUMP_DATASET}
    assert sorted(names) == sorted(expected)
    assert written["datasets"] == len(names)


def test_sitemap_lists_every_public_dataset_at_its_own_page(app, every_public_dataset):
    response = app.get("/sitemap.xml")
    locations = {loc.text for loc in ET.fromstring(response.body).iter(f"{SITEMAP}loc")}
    site = tk.config.get("ckan.site_url").rstrip("/")
    dataset_pages = {f"{site}/{d['type']}/{d['name']}" for d in every_public_dataset}
    assert dataset_pages <= locations
    commitment = next(d for d in every_public_dataset if d["type"] != "dataset")
    page = app.get(f"/{commitment['type']}/{commitment['name']}")
    assert page.status_code == 200
    assert commitment["title"] in page.body


def test_harvest_sources_stay_out_of_the_reusers_listings(app, harvest_source,
                                                          every_public_dataset):
    source = harvest_source["name"]
    listed = tk.get_action("package_list")({"user": ""}, {})
    assert source not in listed
    assert sorted(listed) == sorted(d["name"] for d in every_public_dataset)
    page = tk.get_action("package_list")({"user": ""}, {"limit": 5, "offset": 5})
    assert page == sorted(listed)[5:10]
    with_resources = tk.get_action("current_package_list_with_resources")(
        {"user": ""}, {"limit": 1000})
    assert source not in {d["name"] for d in with_resources}
    for export in ("datasets", "recursos"):
        body = app.get(f"/catalogo/{export}.csv").body
        assert source not in body
    assert source not in app.get("/sitemap.xml").body
    # The source itself is still there for those who manage harvesting.
    assert call("package_show", id=source)["type"] == "harvest"


def test_package_list_rejects_bad_paging(every_public_dataset):
    with pytest.raises(tk.ValidationError) as error:
        tk.get_action("package_list")({"user": ""}, {"limit": "-3"})
    assert "limit" in error.value.error_dict


def test_robots_txt_names_the_sitemap(app, catalog):
    response = app.get("/robots.txt")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/plain")
    site = tk.config.get("ckan.site_url").rstrip("/")
    assert f"Sitemap: {site}/sitemap.xml" in response.body.splitlines()
    assert "User-agent: *" in response.body
