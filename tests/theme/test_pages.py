"""What a visitor sees on the portal's own pages, with part of the seed catalog loaded."""
from __future__ import annotations

import ckan.plugins.toolkit as tk
import pytest
from bs4 import BeautifulSoup

from ckanext.grll.seed.loader import load_catalog

COMMITMENTS = {
    "Seguridad ciudadana": "seguridad-ciudadana",
    "Agua segura": "agua-segura",
    "Mercado agrario": "mercado-agrario",
    "Información laboral": "informacion-laboral",
}
# One water dataset whose CSV goes to the DataStore: enough for counts and API examples.
WATER_DATASET = "prestadores-agua-potable-distrito"


@pytest.fixture(scope="module")
def catalog(reset_db, reset_index) -> dict:
    reset_db()
    reset_index()
    report = load_catalog(only={WATER_DATASET})
    assert report.failures == []
    return tk.get_action("package_show")({"ignore_auth": True}, {"id": WATER_DATASET})


def visit(app, url: str) -> BeautifulSoup:
    response = app.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.body, "html.parser")


def card_link(page: BeautifulSoup, title: str):
    return page.find("h3", string=title).find_parent("li").find("a")


def text_of(element) -> str:
    return " ".join(element.get_text().split())


def test_home_is_in_spanish_and_presents_the_four_commitments(app, catalog):
    page = visit(app, "/")
    assert page.html["lang"] == "es"
    assert "Datos Abiertos La Libertad" in page.title.string
    assert page.find("h2", string="Nuestros cuatro compromisos de gobierno abierto")
    for title, group in COMMITMENTS.items():
        assert card_link(page, title)["href"] == f"/group/{group}"


def test_commitment_cards_count_the_datasets_of_each_group(app, catalog):
    page = visit(app, "/")
    assert text_of(card_link(page, "Agua segura")) == "Ver 1 conjunto de datos"
    assert text_of(card_link(page, "Mercado agrario")) == "Aún sin conjuntos de datos publicados"


def test_home_shows_recent_datasets_and_who_publishes(app, catalog):
    page = visit(app, "/")
    recent = page.find("h2", string="Datos actualizados recientemente").find_parent("section")
    assert recent.find("a", string=catalog["title"])["href"] == f"/{catalog['type']}/{WATER_DATASET}"
    publishers = page.find("h2", string="Quién publica").find_parent("section")
    assert catalog["organization"]["title"] in text_of(publishers)


def test_header_links_the_portal_pages_instead_of_ckan_about(app, catalog):
    header = visit(app, "/").find("header", class_="masthead")
    links = {text_of(a): a["href"] for a in header.find_all("a")}
    assert links["Acerca de"] == "/acerca"
    assert links["Desarrolladores"] == "/desarrolladores"
    assert "/about" not in links.values()


def test_language_switcher_offers_english(app, catalog):
    switcher = visit(app, "/").find("nav", attrs={"aria-label": "Idioma"})
    assert switcher.find("a", string="English")["href"] == "/en/"


def test_english_home_under_the_en_prefix(app, catalog):
    page = visit(app, "/en/")
    assert page.html["lang"] == "en"
    assert page.find("h2", string="Our four open government commitments")
    assert card_link(page, "Safe water")["href"] == "/en/group/agua-segura"
    assert text_of(card_link(page, "Safe water")) == "See 1 dataset"
    assert page.find("a", string="About")["href"] == "/en/acerca"
    assert "Nuestros cuatro compromisos" not in page.get_text()


def test_acerca_tells_the_open_government_story(app, catalog):
    page = visit(app, "/acerca")
    text = text_of(page.find("article"))
    assert page.find("h1", string="Acerca de Datos Abiertos La Libertad")
    assert "Alianza para el Gobierno Abierto" in text and "piloto subnacional" in text
    for commitment in ("Seguridad ciudadana participativa",
                       "Gestión participativa del agua segura",
                       "Mercado agrario a su alcance",
                       "Sistema de Información Laboral abierto y participativo"):
        assert page.find("h3", string=commitment)
    assert page.find("h2", string="Privacidad de los reportes ciudadanos")
    assert page.find("h2", string="Licencias")


def test_acerca_in_english(app, catalog):
    page = visit(app, "/en/acerca")
    assert page.find("h2", string="A pioneer region in open government")
    assert page.find("h2", string="Privacy of citizen reports")
