"""The OpenAPI document: valid, linked from Desarrolladores, every example run against
the live portal; plus sitemap.xml. (Schemathesis runs over it in
tests/security/test_openapi_properties.py.)"""
from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

import ckan.plugins.toolkit as tk
import pytest
from bs4 import BeautifulSoup
from catalog_testing import call, site_context
from openapi_spec_validator import validate

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def document(app, catalog) -> dict:
    response = app.get("/api/grll/openapi.json")
    assert response.status_code == 200
    return json.loads(response.body)


@pytest.fixture(scope="module")
def token(catalog) -> str:
    return tk.get_action("api_token_create")(
        site_context(), {"user": site_context()["user"], "name": "openapi-tests"})["token"]


def test_document_is_valid_openapi_3(document):
    validate(document)
    assert "/api/3/action/grll_catalog_reuse_create" in document["paths"]
    assert "/open311/v2/requests.{format}" in document["paths"]
    assert "/api/3/action/grll_feedback_create" in document["paths"]


def test_developers_page_links_the_document(app, catalog):
    page = BeautifulSoup(app.get("/desarrolladores").body, "html.parser")
    link = page.find("a", class_="grll-openapi-link")
    assert link["href"].endswith("/api/grll/openapi.json")


def test_developers_page_lists_every_operation_of_the_document(app, document):
    page = BeautifulSoup(app.get("/desarrolladores").body, "html.parser")
    listed = {code.get_text() for code in page.select(".grll-openapi-operations dt code")}
    documented = {f"{method.upper()} {path}" for path, item in document["paths"].items()
                  for method in item}
    assert listed == documented
    create = page.find("code", string="POST /api/3/action/grll_catalog_reuse_create")
    assert "requiere token" in create.parent.get_text()


def example_request(base: str, path: str, method: str, operation: dict,
                    token: str) -> urllib.request.Request:
    query = {}
    for parameter in operation.get("parameters", []):
        if "example" not in parameter:
            continue
        if parameter["in"] == "path":
            path = path.replace("{" + parameter["name"] + "}", str(parameter["example"]))
        else:
            query[parameter["name"]] = parameter["example"]
    url = base + path + ("?" + urllib.parse.urlencode(query) if query else "")
    headers = {"Authorization": token} if operation.get("security") else {}
    body = None
    content = operation.get("requestBody", {}).get("content", {})
    if "application/json" in content:
        body = json.dumps(content["application/json"]["example"]).encode()
        headers["Content-Type"] = "application/json"
    elif content:
        body = urllib.parse.urlencode({"service_code": "no-existe"}).encode()
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    return urllib.request.Request(url, data=body, headers=headers, method=method.upper())


def test_every_documented_example_answers_as_documented(document, live_server, token):
    for path, item in document["paths"].items():
        for method, operation in item.items():
            request = example_request(live_server, path, method, operation, token)
            try:
                with urllib.request.urlopen(request, timeout=60) as response:
                    status = response.status
            except urllib.error.HTTPError as error:
                status = error.code
            assert str(status) in operation["responses"], (method, request.full_url, status)
            assert status < 500, (method, request.full_url)


def test_sitemap_lists_datasets_organizations_groups_and_reuses(app, catalog):
    reuse = call("grll_catalog_reuse_create", title="Tablero de precios",
                 description="Precios en chacra por provincia.", type="app",
                 url="https://example.org/precios", datasets=["precios-en-chacra-2024"])
    call("grll_catalog_reuse_review", id=reuse["id"], decision="aprobada")
    response = app.get("/sitemap.xml")
    assert response.headers["Content-Type"].startswith("application/xml")
    locations = {loc.text for loc in ET.fromstring(response.body).iter(f"{SITEMAP}loc")}
    site = tk.config.get("ckan.site_url").rstrip("/")
    for dataset in call("package_search", rows=1000)["results"]:
        # Each at the page of its own type (/agua/..., /dataset/... for the reference data).
        assert f"{site}/{dataset['type']}/{dataset['name']}" in locations
    for organization in call("organization_list"):
        assert f"{site}/organization/{organization}" in locations
    for group in call("group_list"):
        assert f"{site}/group/{group}" in locations
    assert f"{site}/aplicaciones/{reuse['id']}" in locations
