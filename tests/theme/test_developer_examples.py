"""The Desarrolladores page over the whole seed catalog, as `make run` serves it: every
plain curl example of the portal, of the four commitments and of the action plan
answers, and the documented report can be filed and followed."""
from __future__ import annotations

import json
import re

import ckan.plugins.toolkit as tk
import pytest
from bs4 import BeautifulSoup

from ckanext.grll.catalog import dump
from portal_testing import load_open_government


def call(action: str, **data_dict):
    return tk.get_action(action)({"ignore_auth": True}, data_dict)


@pytest.fixture(scope="module")
def catalog(seeded_catalog, reset_redis):
    assert seeded_catalog.failures == []
    # The documented report is filed again on every run: no hourly limit left from the last.
    reset_redis()
    # What `ckan grll seed` adds after the catalog: the action plan documents its API too.
    load_open_government()
    # What the background job does after a catalog change: the bulk dump the page links.
    dump.build_dump()
    return seeded_catalog


def visit(app, url: str) -> BeautifulSoup:
    response = app.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.body, "html.parser")


def examples(page: BeautifulSoup) -> list[str]:
    return [block.get_text() for block in page.find_all("pre")]


def test_desarrolladores_examples_point_at_this_portal(app, catalog):
    site_url = tk.config["ckan.site_url"].rstrip("/")
    page = visit(app, "/desarrolladores")
    code = "\n".join(examples(page))
    dataset = re.search(r"package_show\?id=([a-z0-9_-]+)", code).group(1)
    resource_id = next(r["id"] for r in call("package_show", id=dataset)["resources"]
                       if r.get("datastore_active"))
    assert f"{site_url}/api/3/action/package_search" in code
    assert "facet.field=" in code
    assert f"{site_url}/api/3/action/organization_list" in code
    assert f"{site_url}/api/3/action/datastore_search?resource_id={resource_id}" in code
    assert f"{site_url}/api/3/action/datastore_search_sql" in code
    assert f"{site_url}/catalog.ttl" in code
    for url in re.findall(r'"(https?://[^"]+)"', code):
        assert url.startswith(site_url), url
    for heading in ("API de acciones de CKAN", "API del DataStore", "Catálogo DCAT",
                    "Tokens de API"):
        assert page.find("h2", string=heading)


def test_desarrolladores_curl_examples_answer(app, catalog):
    """Every plain `curl "URL"` example works when sent to this portal."""
    site_url = tk.config["ckan.site_url"].rstrip("/")
    code = "\n".join(examples(visit(app, "/desarrolladores")))
    urls = re.findall(r'curl (?:-o \S+ )?"([^"]+)"', code)
    assert len(urls) >= 6
    for url in urls:
        response = app.get(url[len(site_url):])
        assert response.status_code == 200, (url, response.get_data(as_text=True)[:500])
        if "/api/3/action/" in url:
            assert json.loads(response.body)["success"] is True, url


def test_desarrolladores_filter_example_finds_rows(app, catalog):
    code = "\n".join(examples(visit(app, "/desarrolladores")))
    resource_id = re.search(r'resource_id=([0-9a-f-]{36})', code).group(1)
    filters = re.search(r"'filters=(\{.*\})'", code).group(1)
    result = app.get("/api/3/action/datastore_search",
                     query_string={"resource_id": resource_id, "filters": filters}).json
    assert result["result"]["records"]


def test_desarrolladores_report_example_files_a_report_that_can_be_followed(app, catalog):
    """The documented POST creates a report; its code then works in the documented show."""
    code = "\n".join(examples(visit(app, "/desarrolladores")))
    body = re.search(r"grll_feedback_create\".*?-d '(\{.*?\})'", code, re.S).group(1)
    created = app.post("/api/3/action/grll_feedback_create", json=json.loads(body),
                       extra_environ={"REMOTE_ADDR": "198.51.100.7"})
    assert created.status_code == 200, created.body
    tracking_code = created.json["result"]["codigo"]
    assert 'grll_feedback_show" --data-urlencode "code=CODIGO"' in code
    shown = app.get("/api/3/action/grll_feedback_show", query_string={"code": tracking_code})
    assert shown.json["result"]["estado"] == "recibido"
    assert app.get(f"/seguimiento/{tracking_code}").status_code == 200
