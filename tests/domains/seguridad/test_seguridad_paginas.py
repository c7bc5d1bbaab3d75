"""The pages under /seguridad: what a citizen sees and downloads."""
from __future__ import annotations

import csv
import io

import pytest
from seguridad_testing import EL_PORVENIR, SIDPOL_2024, TRUJILLO, load_official_statistics


@pytest.fixture(scope="module", autouse=True)
def official_statistics(reset_db, reset_index) -> None:
    load_official_statistics(reset_db, reset_index)


def test_start_page_links_map_comparison_report_tracking_and_authorities(app):
    page = app.get("/seguridad").body
    for link in ('href="/seguridad/mapa"', 'href="/seguridad/comparar"',
                 'href="/reportes/seguridad/nuevo"', 'href="/seguimiento"',
                 'href="/seguridad/autoridades"'):
        assert link in page
    assert "15 %" in page


def test_dataset_search_and_dataset_pages_keep_their_urls(app):
    assert app.get("/seguridad/", status=200)
    assert SIDPOL_2024 in app.get(f"/dataset/{SIDPOL_2024}").body


def test_map_page_has_pickers_legend_note_and_the_vendored_leaflet(app):
    page = app.get("/seguridad/mapa").body
    assert 'name="fuente" value="ambas"' in page
    assert 'id="categoria"' in page and 'id="desde"' in page
    assert "/grll/feedback/vendor/leaflet-1.9.4/leaflet.js" in page
    assert "miden lo que la ciudadanía reporta" in page
    assert "https://" not in page.split("<body", 1)[1].split("</footer>", 1)[0] \
        .replace("https://www.datosabiertos.gob.pe", "")


def test_comparison_page_shows_rate_rank_chart_and_table(app):
    page = app.get("/seguridad/comparar", query_string={"distrito": EL_PORVENIR}).body
    assert "El Porvenir" in page
    assert "3067,2" in page and "3067.2" not in page
    assert "<svg" in page and "polyline" in page
    assert 'id="tabla-categorias"' in page
    assert f"/seguridad/comparar.csv?distrito={EL_PORVENIR}" in page


def test_comparison_csv_download(app):
    response = app.get("/seguridad/comparar.csv", query_string={"distrito": TRUJILLO})
    assert response.headers["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.body)))
    total = rows[0]
    assert total["categoria"] == "total"
    assert total["cantidad_distrito"] == "15651"
    assert total["tasa_distrito_100k"] == "4347.7"
    assert {row["categoria"] for row in rows} >= {"robo", "extorsion", "venta-drogas"}


def test_unknown_district_is_a_400_with_the_field(app):
    page = app.get("/seguridad/comparar", query_string={"distrito": "139999"}, status=400)
    assert "Distrito desconocido" in page.body
    response = app.get("/seguridad/comparar.csv", query_string={"distrito": "x"}, status=400)
    assert "distrito" in response.json["error"]


def test_authorities_page(app):
    page = app.get("/seguridad/autoridades").body
    assert "Cómo responden las autoridades" in page


def test_pages_in_english(app):
    page = app.get("/en/seguridad/mapa").body
    assert "Risk-zone map" in page
    assert "only about 15 % of victims report" in page
    assert "Compare your district" in app.get("/en/seguridad").body
