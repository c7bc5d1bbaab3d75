"""Malformed input on the listing pages, the DCAT and bulk endpoints and the
grll_catalog actions is answered with 400/404/409 and a message, never a 500."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
import pytest

from portal_testing import ensure_portal_plugins, site_context

HUGE = 10**20
PAGE_MESSAGE = "debe ser un número entero entre 1 y 10000"
LISTING_PAGES = (
    "/dataset", "/organization", "/organization/bad-input-org", "/group",
    "/group/bad-input-group", "/user", "/harvest", "/aplicaciones", "/aplicaciones/moderacion",
    "/solicitudes", "/datos-desactualizados", "/agua/prestadores", "/empleo/ofertas",
    "/empleo/perfiles", "/empleo/sindicatos", "/empleo/negociaciones", "/empleo/conflictos",
    "/empleo/capacitacion", "/empleo/tramites", "/catalog.ttl", "/catalog.rdf",
    "/dcat.json", "/catalogo/datasets.csv")


@pytest.fixture(scope="module")
def portal(reset_db, reset_index) -> dict[str, Any]:
    """An organization with a dataset, a group, and a sysadmin's API token."""
    ensure_portal_plugins()
    reset_db()
    reset_index()
    context = site_context()
    organization = tk.get_action("organization_create")(
        dict(context), {"name": "bad-input-org", "title": "Organización de prueba"})
    tk.get_action("group_create")(
        dict(context), {"name": "bad-input-group", "title": "Grupo de prueba"})
    tk.get_action("package_create")(dict(context), {
        "name": "bad-input-dataset", "title": "Conjunto de prueba",
        "owner_org": organization["id"], "notes": "Datos de prueba.",
        "license_id": "odc-by", "entidad": "Gobierno Regional", "fuente": "Pruebas",
        "maintainer": "Equipo de datos", "maintainer_email": "datos@example.org",
        "frecuencia": "ANNUAL", "cobertura_espacial": "130101",
        "groups": [{"name": "bad-input-group"}]})
    token = tk.get_action("api_token_create")(
        dict(context), {"user": context["user"], "name": "bad-input"})["token"]
    return {"token": token}


def _text(response: Any) -> str:
    return response.get_data(as_text=True)


@pytest.mark.parametrize("path", LISTING_PAGES)
def test_an_absurd_page_number_is_refused_on_every_listing(app, portal, path):
    response = app.get(path, query_string={"page": str(HUGE)})
    assert response.status_code == 400, path
    assert PAGE_MESSAGE in _text(response)


@pytest.mark.parametrize("page", ("abc", "0", "-3", "1.5", "1e20", " 2 2", "²", "1"),
                         ids=repr)
@pytest.mark.parametrize("path", ("/aplicaciones", "/dataset", "/organization/bad-input-org",
                                  "/catalog.ttl"))
def test_only_whole_page_numbers_from_one_are_accepted(app, portal, path, page):
    response = app.get(path, query_string={"page": page})
    if page == "1":
        assert response.status_code == 200
    else:
        assert response.status_code == 400, (path, page)
        assert PAGE_MESSAGE in _text(response)


@pytest.mark.parametrize("path", ("/dataset", "/organization/bad-input-org",
                                  "/group/bad-input-group", "/aplicaciones", "/solicitudes",
                                  "/datos-desactualizados", "/catalog.ttl"))
def test_a_page_past_the_last_one_is_empty(app, portal, path):
    response = app.get(path, query_string={"page": "9999"})
    assert response.status_code == 200
    assert "bad-input-dataset" not in _text(response)


def test_an_unknown_filter_value_on_a_laboral_listing_is_a_400(app, portal):
    response = app.get("/empleo/ofertas", query_string={"ubigeo": "999999"})
    assert response.status_code == 400


@pytest.mark.parametrize("query", ({"lat": "1e400", "lon": "-78.9"}, {"lat": "-8.1"},
                                   {"lon": "nan", "lat": "-8.1"}), ids=str)
def test_water_lookup_refuses_a_point_it_cannot_place(app, portal, query):
    response = app.get("/agua", query_string=query)
    assert response.status_code == 400
    assert "Debe ser un número" in _text(response)


JUNK_FILTERS = {name: "a\x00'\"(" for name in (
    "q", "ubigeo", "estado", "tipo", "etapa_actual", "ocupacion", "organization", "type",
    "status", "dataset", "state", "sort", "remuneracion_min", "expediente", "localidad",
    "lat", "lon", "id")}


@pytest.mark.parametrize("path", LISTING_PAGES)
def test_junk_filters_on_a_listing_are_ignored_or_refused(app, portal, path):
    response = app.get(path, query_string=JUNK_FILTERS)
    assert response.status_code in (200, 400, 403, 404, 409), path


@pytest.mark.parametrize("query, message", (
    ({"fq": "(((("}, "La búsqueda («q» o «fq») no es válida"),
    ({"fq": 'title:"abierta'}, "La búsqueda («q» o «fq») no es válida"),
    ({"modified_since": "99999999999999999"}, "«modified_since» debe ser una fecha"),
    ({"modified_since": "ayer"}, "«modified_since» debe ser una fecha"),
), ids=lambda value: str(value)[:30])
@pytest.mark.parametrize("path", ("/catalog.rdf", "/catalog.ttl"))
def test_dcat_catalog_refuses_malformed_queries_with_a_message(app, portal, path, query,
                                                                 message):
    response = app.get(path, query_string=query)
    assert response.status_code == 400
    assert message in _text(response)


def test_dcat_json_refuses_an_unreadable_date(app, portal):
    response = app.get("/dcat.json", query_string={"modified_since": "1" * 30})
    assert response.status_code == 400
    assert "modified_since" in _text(response)


@pytest.mark.parametrize("action", ("dcat_catalog_search", "dcat_catalog_show",
                                    "dcat_datasets_list"))
@pytest.mark.parametrize("query, field", (
    ({"modified_since": "99999999999999999"}, "modified_since"),
    ({"page": str(HUGE)}, "page"),
    ({"page": "abc"}, "page"),
), ids=str)
def test_dcat_actions_refuse_unreadable_parameters_naming_the_field(app, portal, action,
                                                                     query, field):
    response = app.get(f"/api/3/action/{action}", query_string=query)
    assert response.status_code == 409
    assert field in response.get_json()["error"]


def test_catalog_negotiated_on_the_home_page_refuses_a_malformed_filter(app, portal):
    response = app.get("/", query_string={"fq": "(((("}, headers={"Accept": "text/turtle"})
    assert response.status_code == 400


@pytest.mark.parametrize("path, query, statuses", (
    ("/catalogo/datasets.csv", {"rows": "-1", "sort": "((("}, (200,)),
    ("/catalogo/recursos.csv", {"start": str(HUGE)}, (200,)),
    ("/catalogo/desconocido.csv", {}, (404,)),
    ("/catalogo/..%2Fsecrets.csv", {}, (404,)),
    # 404 until the first dump is written.
    ("/catalogo/catalogo.jsonl", {"offset": "abc"}, (200, 404)),
    ("/aplicaciones.csv", {"offset": str(HUGE)}, (200,)),
    ("/datos-desactualizados", {"organization": '" OR private:true'}, (400,)),
), ids=lambda value: str(value)[:30])
def test_bulk_downloads_ignore_or_refuse_junk_parameters(app, portal, path, query, statuses):
    response = app.get(path, query_string=query)
    assert response.status_code in statuses


@pytest.mark.parametrize("path, query", (
    ("/dataset/%00", {}), ("/dataset/a%00.ttl", {}), ("/organization/%00", {}),
    ("/group/%00", {}), ("/aplicaciones/%00", {}), ("/solicitudes/%00", {}),
    ("/muestras-cosecha/%00.csv", {}), ("/catalogo/%00.csv", {}),
    ("/dataset", {"q": "\x00"}), ("/catalogo/datasets.csv", {"x": "\x00"}),
    ("/aplicaciones", {"page": "2\x00"}),
), ids=lambda value: str(value)[:30])
def test_a_nul_character_in_the_address_is_refused_with_a_message(app, portal, path, query):
    response = app.get(path, query_string=query, headers={"Authorization": portal["token"]})
    assert response.status_code == 400, path
    assert "carácter nulo" in _text(response)


NUL = "a\x00b"
READ_CASES = (
    ("grll_catalog_dataset_quality_show", {"id": ["a", "b"]}, "id"),
    ("grll_catalog_dataset_quality_show", {"id": {"name": "x"}}, "id"),
    ("grll_catalog_dataset_quality_show", {"id": NUL}, "id"),
    ("grll_catalog_dataset_quality_show", {"id": 12345}, "id"),
    ("grll_catalog_reuse_list", {"offset": HUGE}, "offset"),
    ("grll_catalog_reuse_list", {"offset": "9223372036854775808"}, "offset"),
    ("grll_catalog_reuse_list", {"limit": "1e3"}, "limit"),
    ("grll_catalog_reuse_list", {"limit": -1}, "limit"),
    ("grll_catalog_reuse_list", {"limit": True}, "limit"),
    ("grll_catalog_reuse_list", {"dataset": NUL}, "dataset"),
    ("grll_catalog_reuse_list", {"organization": ["x"]}, "organization"),
    ("grll_catalog_reuse_list", {"type": ["app", "api"]}, "type"),
    ("grll_catalog_reuse_list", {"state": {"x": 1}}, "state"),
    ("grll_catalog_reuse_show", {"id": NUL}, "id"),
    ("grll_catalog_reuse_show", {"id": ["a"]}, "id"),
    ("grll_catalog_data_request_list", {"offset": 2**63}, "offset"),
    ("grll_catalog_data_request_list", {"organization": NUL}, "organization"),
    ("grll_catalog_data_request_list", {"status": ["abierta"]}, "status"),
    ("grll_catalog_data_request_show", {"id": "\x00"}, "id"),
)
REUSE = {"title": "Mapa", "description": "Un mapa.", "type": "app",
         "url": "https://example.org/mapa", "datasets": ["bad-input-dataset"]}
WRITE_CASES = (
    ("grll_catalog_reuse_create", {**REUSE, "title": ["Mapa"]}, "title"),
    ("grll_catalog_reuse_create", {**REUSE, "description": {"a": 1}}, "description"),
    ("grll_catalog_reuse_create", {**REUSE, "datasets": NUL}, "datasets"),
    ("grll_catalog_reuse_create", {**REUSE, "datasets": [1, 2]}, "datasets"),
    ("grll_catalog_reuse_create", {**REUSE, "datasets": ["x"] * 51}, "datasets"),
    ("grll_catalog_reuse_create", {**REUSE, "url": "https://example.org/\x00"}, "url"),
    ("grll_catalog_reuse_create", {**REUSE, "authors": "x" * 100_000}, "authors"),
    ("grll_catalog_reuse_update", {**REUSE, "id": ["a"]}, "id"),
    ("grll_catalog_reuse_delete", {"id": {"a": 1}}, "id"),
    ("grll_catalog_reuse_review", {"id": NUL, "decision": "aprobada"}, "id"),
    ("grll_catalog_reuse_review", {"id": "x", "decision": ["aprobada"]}, "decision"),
    ("grll_catalog_data_request_create", {"title": "x" * 300, "description": "d"}, "title"),
    ("grll_catalog_data_request_create", {"title": "t", "description": ["d"]}, "description"),
    ("grll_catalog_data_request_create", {"title": "t", "description": "d",
                                          "organization": NUL}, "organization"),
    ("grll_catalog_data_request_close", {"id": ["x"], "status": "rechazada"}, "id"),
    ("grll_catalog_data_request_follow", {"id": "\x00"}, "id"),
    ("grll_catalog_data_request_unfollow", {"id": 7}, "id"),
    ("grll_catalog_dump_refresh", {"background": ["x"]}, "background"),
    ("grll_catalog_dump_refresh", {"background": "quizás"}, "background"),
)


def _refused_naming(response: Any, field: str) -> None:
    assert response.status_code == 409, _text(response)
    body = response.get_json()
    assert body["success"] is False
    assert field in body["error"], body["error"]


@pytest.mark.parametrize("action, data, field", READ_CASES,
                         ids=lambda value: str(value)[:40])
def test_read_actions_refuse_wrong_types_naming_the_field(app, portal, action, data, field):
    _refused_naming(app.post(f"/api/3/action/{action}", json=data), field)


def test_a_repeated_query_parameter_is_refused_not_a_server_error(app, portal):
    response = app.get("/api/3/action/grll_catalog_dataset_quality_show",
                       query_string={"id": ["a", "b"]})
    _refused_naming(response, "id")


@pytest.mark.parametrize("action, data, field", WRITE_CASES,
                         ids=lambda value: str(value)[:40])
def test_write_actions_refuse_wrong_types_naming_the_field(app, portal, action, data, field):
    response = app.post(f"/api/3/action/{action}", json=data,
                        headers={"Authorization": portal["token"]})
    _refused_naming(response, field)
