"""Every column of every DataStore table the portal writes has its English label beside
the Spanish one, and the resource page shows the label of the page's language."""
from __future__ import annotations

import functools
import http.server
import json
import threading
from collections.abc import Iterator

import pytest
import yaml
from bs4 import BeautifulSoup
from catalog_testing import call
from ckan.tests import factories

from ckanext.grll.domains.laboral import demostracion, diccionario
from ckanext.grll.feedback import demo, publication
from ckanext.grll.harvesting.base import Layout
from ckanext.grll.harvesting.dictionary import column
from ckanext.grll.reference import DATASETS_DIR
from portal_testing import run_queued_harvest, signed_in

HARVEST_SOURCES = yaml.safe_load((DATASETS_DIR / "harvest_sources.yaml").read_text("utf-8"))


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def samples_url() -> Iterator[str]:
    """The seed's harvest samples served over HTTP (the engine reads http(s) only)."""
    handler = functools.partial(_Quiet, directory=str(DATASETS_DIR / "harvest"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="module")
def tables(catalog, samples_url, reset_redis) -> dict[str, str]:
    """A portal as `make run` leaves it and its first harvests: the seed catalog, the
    demonstration reports and labour sample, and every seed harvest source's sample
    harvested. {"dataset / resource": resource id} of every DataStore table."""
    reset_redis()  # the reports' rate limits count the demonstration reports of earlier runs
    demo.load()
    demostracion.cargar()
    for entry in HARVEST_SOURCES:
        source = call("harvest_source_create", name=f"{entry['name']}-local",
                      title=entry["title"], url=f"{samples_url}/{entry['sample']}",
                      source_type=entry["source_type"], config=json.dumps(entry["config"]),
                      owner_org=entry["owner_org"], frequency="MANUAL")
        report = run_queued_harvest(source["id"])
        assert report["gather_errors"] == [], entry["name"]
    found = call("package_search", q="*:*", fq="+dataset_type:*", rows=1000,
                 include_private=True)
    return {f"{dataset['name']} / {resource['name']}": resource["id"]
            for dataset in found["results"] for resource in dataset["resources"]
            if resource.get("datastore_active")}


def _undescribed(fields: list[dict]) -> list[str]:
    return [f"{field['id']}: {field.get('info')}" for field in fields
            if not field["id"].startswith("_")
            and not all((field.get("info") or {}).get(key, "").strip()
                        for key in ("label", "label_en", "notes"))]


def test_every_column_of_every_table_has_its_spanish_and_english_label_and_notes(tables):
    names = " ".join(tables)
    # Curated (seed), harvested, the reports' open data and laboral's registries.
    for kind in ("sindicatos-registrados", "-cosecha", "reportes-ciudadanos",
                 "laboral-capacitacion", "laboral-tramites"):
        assert kind in names, kind
    problems = {table: missing for table, resource_id in tables.items()
                if (missing := _undescribed(call("datastore_info", id=resource_id)["fields"]))}
    assert problems == {}


@pytest.mark.parametrize("fields", [
    diccionario.TIMELINE_FIELDS, diccionario.PERFIL_FIELDS, diccionario.OFERTA_PORTAL_FIELDS,
    diccionario.CURSO_FIELDS, diccionario.TRAMITE_FIELDS, diccionario.CONFLICT_FIELDS,
    publication.FIELDS,
], ids=["etapas de negociación", "perfiles", "ofertas del portal", "cursos", "trámites",
        "conflictos", "reportes ciudadanos"])
def test_tables_a_person_creates_later_declare_the_english_label_too(fields):
    # Some tables appear only when a steward or a citizen acts (a bargaining's stage
    # timeline, the seekers' profiles): their declarations are checked here. (The
    # harvest layouts cannot be built without it: see the last test.)
    assert _undescribed(list(fields)) == []


def _dictionary_labels(app, url: str) -> list[str]:
    response = app.get(url)
    assert response.status_code == 200, url
    page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    return [header.select(".col-7")[0].get_text(strip=True)
            for header in page.select(".accordion-header")]


@pytest.mark.parametrize(("dataset", "spanish", "english"), [
    ("sindicatos-registrados", "Organización sindical", "Trade union"),
    ("denuncias-policiales-sidpol-2023-cosecha", "Modalidad", "Offence type"),
])
def test_the_resource_page_shows_the_label_of_its_language(app, tables, dataset, spanish,
                                                           english):
    package = call("package_show", id=dataset)
    resource = next(r for r in package["resources"] if r.get("datastore_active"))
    path = f"/{package['type']}/{dataset}/resource/{resource['id']}"

    in_spanish = _dictionary_labels(app, path)
    in_english = _dictionary_labels(app, f"/en{path}")

    assert spanish in in_spanish and english not in in_spanish
    assert english in in_english and spanish not in in_english
    assert len(in_english) == len(in_spanish)


def test_the_resource_page_shows_the_unit_of_a_measured_column(app, tables):
    package = call("package_show", id="denuncias-policiales-sidpol-2023-cosecha")
    path = f"/seguridad/{package['name']}/resource/{package['resources'][0]['id']}"
    page = BeautifulSoup(app.get(path).get_data(as_text=True), "html.parser")
    units = [term.find_next_sibling("dd").get_text(strip=True)
             for term in page.select("dl.accordion-body dt")
             if term.get_text(strip=True) == "Unidad de medida"]
    # Only the count of complaints is a measurement.
    assert units == ["denuncias"]


def test_a_steward_who_saves_the_data_dictionary_keeps_and_can_correct_the_english_labels(
        app, tables):
    steward = factories.Sysadmin(name="editora-diccionario")
    client = signed_in(app, steward["name"])
    package = call("package_show", id="denuncias-policiales-sidpol-2023-cosecha")
    resource_id = package["resources"][0]["id"]
    url = f"/dataset/{package['name']}/dictionary/{resource_id}"
    page = BeautifulSoup(client.get(url).get_data(as_text=True), "html.parser")
    form = page.select_one("form:has(input[name$=__label_en])")
    # What the browser sends back: every field as the page shows it, one corrected.
    data = {field["name"]: field.get("value", "") for field in form.select("input[name]")}
    data.update({area["name"]: area.get_text() for area in form.select("textarea[name]")})
    data.update({select["name"]: (select.select_one("option[selected]") or {}).get("value", "")
                 for select in form.select("select[name]")})
    modalidad = next(name for name, value in data.items()
                     if name.endswith("__label_en") and value == "Offence type")
    data[modalidad] = "Type of offence"

    response = client.post(url, data=data)

    assert response.status_code == 200  # CKAN's test client follows the redirect
    fields = {f["id"]: f["info"] for f in call("datastore_info", id=resource_id)["fields"]}
    assert fields["modalidad"]["label_en"] == "Type of offence"
    assert (fields["cantidad"]["label_en"], fields["cantidad"]["unit"]) == ("Complaints",
                                                                           "denuncias")
    assert _undescribed(call("datastore_info", id=resource_id)["fields"]) == []


def test_a_layout_with_a_column_without_its_english_label_is_refused():
    with pytest.raises(ValueError, match="cantidad"):
        Layout(name="prueba",
               fields=(column("anio", "int", "Año", "Año del registro.", label_en="Year"),
                       {"id": "cantidad", "type": "int",
                        "info": {"label": "Cantidad", "notes": "Número de casos del mes."}}),
               primary_key=(), parse_row=dict, dataset_key=str,
               dataset_metadata=lambda key, records: {"name": key})
