"""On a phone: open the risk-zone map, pick a district, read its comparison."""
from __future__ import annotations

import pytest
from seguridad_testing import EL_PORVENIR, load_official_statistics

pytestmark = pytest.mark.browser

HUAMACHUCO = "130901"
PAGE_WEIGHT_LIMIT = 500 * 1024
# What the map adds to the portal's common page (CKAN's own scripts, styles and fonts,
# cached after the first visit to any page): the page, Leaflet, our files, the layers.
MAP_OWN = ("/seguridad/mapa", "/grll/seguridad/", "/grll/feedback/vendor/leaflet-1.9.4/",
           "/api/3/action/grll_seguridad_")


@pytest.fixture(scope="module", autouse=True)
def official_statistics(reset_db, reset_index) -> None:
    load_official_statistics(reset_db, reset_index)


def test_map_then_district_then_its_comparison(live_server, phone):
    received: dict[str, int] = {}
    transferred: dict[str, int] = {}
    phone.on("response", lambda response: received.update(
        {response.url: len(response.body())}))
    phone.on("requestfinished", lambda request: transferred.update(
        {request.url: request.sizes()["responseBodySize"]}))
    phone.goto(live_server + "/seguridad/mapa")
    phone.wait_for_selector("#grll-seg-mapas[data-listo=true]")
    phone.wait_for_load_state("networkidle")
    own = sum(size for url, size in received.items()
              if url.removeprefix(live_server).startswith(MAP_OWN))
    assert 100_000 < own < PAGE_WEIGHT_LIMIT, f"the map adds {own} bytes"
    # A first visit with an empty cache: everything the phone downloads, and no icon
    # font (the light layout of citizen pages has none).
    first_visit = sum(transferred.values())
    assert first_visit < PAGE_WEIGHT_LIMIT, f"the first visit transfers {first_visit} bytes"
    assert not any(url.endswith((".woff2", ".woff", ".ttf")) for url in transferred)
    assert "15 %" in phone.inner_text(".grll-seg-nota")
    assert phone.locator(".grll-seg-leyenda-mapa li").count() >= 2

    # A tap on a district shows its figures ...
    phone.locator(f"path.grll-seg-d-{HUAMACHUCO}").click()
    detail = phone.locator("#grll-seg-detalle")
    detail.wait_for(state="visible")
    assert "Huamachuco" in phone.inner_text("#grll-seg-detalle-titulo")
    # ... and so does the picker, for districts too small to tap at region scale.
    phone.select_option("#grll-seg-distrito", EL_PORVENIR)
    phone.wait_for_function(
        "document.getElementById('grll-seg-detalle-titulo').textContent.includes('Porvenir')")
    assert "3067,2" in phone.inner_text("#grll-seg-detalle-cifras")

    with phone.expect_navigation():
        phone.click("#grll-seg-detalle-comparar")
    assert "/seguridad/comparar" in phone.url
    assert "El Porvenir" in phone.inner_text("#titulo-comparacion")
    assert phone.inner_text(".grll-seg-tasa") == "3067,2"
    assert phone.locator("#tabla-categorias tbody tr").count() >= 10


def test_both_sources_side_by_side(live_server, phone):
    phone.goto(live_server + "/seguridad/mapa?fuente=ambas")
    phone.wait_for_selector("#grll-seg-mapas[data-listo=true]")
    assert phone.locator(".grll-seg-panel:visible").count() == 2
