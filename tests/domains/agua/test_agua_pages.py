"""The water pages served by CKAN: answers in plain Spanish, errors with a reason."""
from __future__ import annotations

import html
import json
import re

import ckan.plugins.toolkit as tk
import pytest
from agua_testing import agua_catalog  # noqa: F401 - module fixture
from bs4 import BeautifulSoup
from ckan.tests import factories, helpers

from ckanext.grll.seed.loader import seeded_date

pytestmark = pytest.mark.usefixtures("agua_catalog")


def test_how_is_my_water_in_trujillo(app):
    body = app.get("/agua", query_string={"ubigeo": "130101"}).get_data(as_text=True)
    assert "SEDALIB S.A." in body and "/agua/prestadores/sedalib-s-a" in body
    # The seed samples have no hour: the date alone, in a <time>; figures the Spanish way.
    month = seeded_date("vigilancia-calidad-agua-consumo-2024", "2024-12")
    assert re.search(rf'Última muestra: <time datetime="{month}-\d\d">{month}-\d\d</time>', body)
    assert "Punto de muestreo: Red de distribución." in body
    assert "0 UFC/100 mL" in body and "0.0 UFC" not in body
    assert any(word in body for word in ("Apta", "Con observaciones", "No apta"))
    assert "/reportes/agua/nuevo/sin-servicio" in body


def test_bad_district_is_a_400_with_the_reason(app):
    response = app.get("/agua", query_string={"ubigeo": "999999"})
    assert response.status_code == 400
    assert "No es un distrito de La Libertad" in response.get_data(as_text=True)


def test_dataset_search_of_type_agua_still_works(app):
    assert app.get("/agua/").status_code == 200


def test_directory_groups_providers_by_peer_group(app):
    body = app.get("/agua/prestadores").get_data(as_text=True)
    for title in ("Empresas prestadoras (EPS)", "Operadores municipales",
                  "Organizaciones comunales (JASS)"):
        assert title in body
    assert body.index("SEDALIB S.A.") < body.index("Municipalidad Distrital de Laredo")


def test_scorecard_page_and_unknown_provider(app):
    body = app.get("/agua/prestadores/sedalib-s-a").get_data(as_text=True)
    for section in ("Indicadores oficiales", "Análisis del agua", "Reportes ciudadanos",
                    "Evaluación de los usuarios", "Comparación con su grupo"):
        assert section in body
    assert "0 calificaciones: mostramos los puntajes desde 30." in body
    continuity = tk.get_action("grll_agua_scorecard")({}, {"id": "sedalib-s-a"})[
        "indicadores_oficiales"]["continuidad_horas_dia"]
    assert f"{continuity:g} h/día".replace(".", ",") in body
    assert "Inicie sesión para calificar" in body
    assert app.get("/agua/prestadores/no-existe").status_code == 404


def test_rating_from_the_scorecard_form_and_refusal_of_a_second(app):
    user = factories.User()
    token = helpers.call_action("api_token_create", {"user": user["name"]},
                                user=user["name"], name="web")["token"]
    form = {"continuidad": "4", "presion": "3", "calidad": "5", "atencion_reclamo": "2",
            "facturacion": "4"}
    url = "/agua/prestadores/municipalidad-distrital-de-simbal"
    first = app.post(url, data=form, headers={"Authorization": token})
    assert first.status_code == 200
    assert "Gracias: registramos su calificación." in first.get_data(as_text=True)
    second = app.post(url, data=form, headers={"Authorization": token})
    assert second.status_code == 400
    assert "Ya calificó a este prestador en este trimestre" in second.get_data(as_text=True)


def test_api_examples_on_desarrolladores_answer(app):
    site_url = tk.config["ckan.site_url"].rstrip("/")
    page = BeautifulSoup(app.get("/desarrolladores").get_data(as_text=True), "html.parser")
    section = page.find("section", id="api-agua")
    assert section.find("h3")
    code = html.unescape("\n".join(c.get_text() for c in section.find_all("code")))
    urls = re.findall(r'curl "([^"]+)"', code)
    assert len(urls) >= 5
    for url in urls:
        response = app.get(url[len(site_url):])
        assert response.status_code == 200, url
        assert json.loads(response.get_data(as_text=True))["success"] is True, url
    located = app.get("/api/3/action/grll_agua_locality_lookup",
                      query_string={"localidad": "Huamachuco"}).json["result"]
    assert located["localidades"], "the -G example must find samples"


def test_page_in_english(app):
    body = app.get("/en/agua", query_string={"ubigeo": "130101"}).get_data(as_text=True)
    assert "How is my water?" in body and "Who provides your service" in body
    assert "Free residual chlorine" in body  # parameter names come from limites.yaml
