"""No public output of a seeded portal shows a server path: the seed's harvest
sources point at the samples the portal serves over HTTP, never at file:// URLs."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
import pytest

from ckanext.grll.reference import DATASETS_DIR
from portal_testing import site_context

REPOSITORY = str(DATASETS_DIR.resolve().parent)
FORBIDDEN = ("file://", REPOSITORY)
HARVEST_SOURCES = ("denuncias-policiales-sidpol-pnp", "calidad-agua-muestras",
                   "fuente-precios-mayoristas-sisap", "precios-chacra-siea",
                   "clima-estaciones-senamhi", "siembras-campana-enis", "ofertas-empleo-bolsa")


@pytest.fixture(scope="module")
def portal(seeded_catalog) -> None:
    """The seed catalog with its complete dump written."""
    assert seeded_catalog.failures == []
    tk.get_action("grll_catalog_dump_refresh")(site_context(), {"background": False})


def _assert_no_server_path(where: str, text: str) -> None:
    for forbidden in FORBIDDEN:
        assert forbidden not in text, f"{where} shows {forbidden!r}"


def _public_text(app: Any, path: str, **query: Any) -> str:
    response = app.get(path, query_string=query)
    assert response.status_code == 200, path
    return response.get_data(as_text=True)


def test_the_seed_registered_every_harvest_source_over_http(portal):
    for name in HARVEST_SOURCES:
        source = tk.get_action("harvest_source_show")(site_context(), {"id": name})
        assert source["url"].startswith(f"{tk.config['ckan.site_url']}/muestras-cosecha/")


@pytest.mark.parametrize("fq", ("", "+dataset_type:harvest", "+dataset_type:dataset"))
def test_search_over_every_dataset_type_shows_no_server_path(app, portal, fq):
    text = _public_text(app, "/api/3/action/package_search", fq=fq, rows=1000)
    if "harvest" in fq:
        assert all(name in text for name in HARVEST_SOURCES)
    _assert_no_server_path(f"package_search fq={fq}", text)


@pytest.mark.parametrize("name", HARVEST_SOURCES)
def test_each_harvest_source_shows_no_server_path(app, portal, name):
    for path, query in (("/api/3/action/package_show", {"id": name}),
                        ("/api/3/action/harvest_source_show", {"id": name}),
                        (f"/harvest/{name}", {}), (f"/dataset/{name}", {})):
        response = app.get(path, query_string=query)
        assert response.status_code in (200, 403), path
        _assert_no_server_path(path, response.get_data(as_text=True))


@pytest.mark.parametrize("path", (
    "/api/3/action/harvest_source_list", "/harvest", "/catalog.ttl", "/catalog.jsonld",
    "/dcat.json", "/catalogo/datasets.csv", "/catalogo/recursos.csv",
    "/catalogo/organizaciones.csv", "/catalogo/catalogo.jsonl", "/sitemap.xml",
    "/dataset"))
def test_catalog_feeds_and_downloads_show_no_server_path(app, portal, path):
    response = app.get(path)
    assert response.status_code in (200, 403), path
    _assert_no_server_path(path, response.get_data(as_text=True))
