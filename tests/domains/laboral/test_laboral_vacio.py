"""Before any data arrives, each /empleo listing says what will appear there and where it
comes from; the periodic task then brings the labelled sample unless it is switched off."""
from __future__ import annotations

import pytest
from laboral_testing import labour_org, page

from ckanext.grll.domains.laboral.plugin import LaboralPlugin

#: Page, and words of its empty state naming what will appear and its source.
EMPTY = [
    ("/empleo/ofertas", ("Aún no hay ofertas vigentes", "servicio público de empleo",
                         "empleadores")),
    ("/empleo/conflictos", ("Aún no hay conflictos", "reportes mensuales del Ministerio de "
                            "Trabajo", "activo, latente o resuelto")),
    ("/empleo/capacitacion", ("Aún no hay cursos abiertos", "programas de capacitación")),
    ("/empleo/tramites", ("Aún no hay expedientes publicados", "registro de trámites")),
]


@pytest.fixture
def fresh(clean_db, clean_index):
    return labour_org()


@pytest.mark.ckan_config("ckanext.grll.laboral.demo_sample", "false")
@pytest.mark.parametrize(("url", "words"), EMPTY, ids=[url for url, _ in EMPTY])
def test_empty_listings_explain_what_will_appear_and_where_from(app, fresh, url, words):
    assert "Muestra demostrativa" not in LaboralPlugin().grll_domain_periodic()
    html = page(app.get(url))
    empty = html.select_one(".grll-laboral-vacio")
    assert empty is not None, url
    for word in words:
        assert word in empty.get_text(" ", strip=True), (url, word)
    assert html.select_one(".grll-demo-banner") is None


def test_filters_that_match_nothing_say_so_differently(app, fresh):
    html = page(app.get("/empleo/ofertas", query_string={"q": "astronauta"}))
    assert "pruebe quitando alguno" in html.select_one(".grll-laboral-vacio").get_text()


def test_the_periodic_task_brings_the_labelled_sample_to_a_fresh_portal(app, fresh):
    assert "Muestra demostrativa cargada" in LaboralPlugin().grll_domain_periodic()
    for url, _words in EMPTY:
        html = page(app.get(url))
        assert html.select_one(".grll-laboral-vacio") is None, url
        assert html.select_one(".grll-demo-banner") is not None, url
    assert "Muestra demostrativa" not in LaboralPlugin().grll_domain_periodic()
