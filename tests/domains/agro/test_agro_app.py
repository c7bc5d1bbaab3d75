"""The farmers' app shell: installable (manifest, service worker) and light (< 300 KB)."""
from __future__ import annotations

import json
import re

import pytest
from agro_testing import agro_catalog  # noqa: F401

pytestmark = pytest.mark.usefixtures("agro_catalog")

FIRST_LOAD_BUDGET = 300 * 1024


def page_weight(app, path: str) -> tuple[int, list[str]]:
    """Bytes of the page plus every stylesheet, script and image it links to."""
    html = app.get(path).get_data(as_text=True)
    assets = re.findall(r'(?:href|src)="(/[^"]+\.(?:css|js|png|svg)(?:\?[^"]*)?)"', html)
    total = len(html.encode())
    for url in set(assets):
        response = app.get(url)
        assert response.status_code == 200, url
        total += len(response.data)
    return total, assets


def test_first_load_of_the_app_is_under_300_kb(app):
    total, assets = page_weight(app, "/agro")
    assert total < FIRST_LOAD_BUDGET, (total, assets)
    assert any("/grll/agro/app.js" in a for a in assets)
    assert not any("/webassets/vendor/" in a for a in assets)


def test_the_app_lists_crops_with_prices_and_every_district(app):
    html = app.get("/agro").get_data(as_text=True)
    assert 'value="papa"' in html and 'value="palta"' in html
    assert html.count('<option value="13') == 84
    assert 'rel="manifest"' in html


def test_manifest_makes_the_app_installable(app):
    response = app.get("/agro/manifest.webmanifest")
    assert response.headers["Content-Type"].startswith("application/manifest+json")
    manifest = response.json
    assert manifest["start_url"] == "/agro" and manifest["scope"] == "/agro"
    assert manifest["display"] == "standalone" and manifest["lang"] == "es-PE"
    assert manifest["name"] and manifest["short_name"]
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for icon in manifest["icons"]:
        png = app.get(icon["src"])
        assert png.status_code == 200 and png.data[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = int.from_bytes(png.data[16:20], "big"), int.from_bytes(png.data[20:24], "big")
        assert f"{width}x{height}" == icon["sizes"]


def test_service_worker_may_control_the_app_and_caches_its_shell(app):
    response = app.get("/agro/sw.js")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/javascript")
    assert response.headers["Service-Worker-Allowed"] == "/agro"
    script = response.get_data(as_text=True)
    assert "__VERSION__" not in script
    for event in ("install", "activate", "fetch", "message"):
        assert f"addEventListener('{event}'" in script
    # Every file of the shell it precaches exists (a missing one would stop the install),
    # with the pages that must open without signal.
    shell = json.loads(re.search(r"var SHELL = (\[.*?\]);", script).group(1))
    assert {"/agro", "/agro/reportar", "/agro/sin-conexion"} <= set(shell)
    assert any(url.startswith("/grll/agro/cola.js?v=") for url in shell)
    for url in shell:
        assert app.get(url).status_code == 200, url
    # The cache is named after the app's version and its files: a new one replaces it.
    assert re.search(r"var CACHE = 'agro-\d+-[0-9a-f]{8}';", script)


def test_the_offline_page_and_the_token_the_app_asks_before_sending(app):
    page = app.get("/agro/sin-conexion").get_data(as_text=True)
    assert "Sin conexión" in page and 'href="/agro/reportar"' in page
    token = app.get("/agro/token")
    assert "no-store" in token.headers["Cache-Control"]
    assert token.json["campo"] == "_csrf_token" and len(token.json["token"]) > 20


def test_the_app_speaks_english_too(app):
    html = app.get("/en/agro").get_data(as_text=True)
    assert "Farm market within your reach" in html
    assert "Fair price: between S/ {n} and S/ {x} per kg" in html
    assert "Offline. Showing the data saved on {f}." in html
