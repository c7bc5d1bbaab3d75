"""On phones: an employer publishes an offer, a seeker finds it by district, and a
citizen follows a collective bargaining process."""
from __future__ import annotations

import pytest
from laboral_testing import VIRU, make_employer, valid_offer

from ckanext.grll.domains.laboral.model import Oferta, Seguimiento
from ckanext.grll.seed.loader import load_catalog
from portal_testing import empty_datastore, log_in, phone_context

pytestmark = pytest.mark.browser
PASSWORD = "Contrasena-segura-2026"
PROCESS = "NC-2024-0033-GRTPE-LL"


@pytest.fixture(scope="module")
def site(reset_db, reset_index, live_server):
    reset_db()
    reset_index()
    empty_datastore()
    assert not load_catalog(only={"negociaciones-colectivas-2024"}).failures
    return live_server


def test_employer_publishes_seeker_finds_citizen_follows(site, browser, phone):
    employer = make_employer("agroexportadora", password=PASSWORD)
    employer_page = phone_context(browser).new_page()

    # The employer publishes from the form.
    log_in(employer_page, site, employer["name"], PASSWORD)
    employer_page.goto(site + "/empleo/ofertas/publicar")
    offer = valid_offer(puesto="Seleccionador de arándanos")
    for field in ("puesto", "empresa", "ruc", "vacantes", "remuneracion", "fecha_cierre",
                  "como_postular"):
        employer_page.fill(f"#{field}", offer[field])
    for field in ("ocupacion", "ubigeo", "tipo_contrato", "jornada", "nivel_educativo"):
        employer_page.select_option(f"#{field}", offer[field])
    with employer_page.expect_navigation():
        employer_page.click("button:has-text('Publicar oferta')")
    assert employer_page.inner_text("h1") == "Seleccionador de arándanos"
    assert Oferta.query().one().ubigeo == VIRU

    # A seeker on a phone, without an account, finds it by district.
    phone.goto(site + "/empleo")
    with phone.expect_navigation():
        phone.click(".grll-laboral-tarjetas a[href='/empleo/ofertas']")
    phone.select_option("#ubigeo", VIRU)
    with phone.expect_navigation():
        phone.click("button:has-text('Buscar')")
    assert "1 oferta vigente" in phone.inner_text("#grll-laboral-total")
    with phone.expect_navigation():
        phone.click("text=Seleccionador de arándanos")
    assert "seleccion@agro-ilustrativa.example" in phone.inner_text(".grll-laboral")

    # A citizen follows a bargaining process with an e-mail address.
    phone.goto(site + f"/empleo/negociaciones/{PROCESS}")
    assert "Trato directo" in phone.inner_text("#grll-laboral-etapa")
    phone.fill("#seguir-email", "vecino@example.org")
    with phone.expect_navigation():
        phone.click("button:has-text('Seguir')")
    assert "confirme" in phone.inner_text("body").lower()
    follow = Seguimiento.query().filter(Seguimiento.clave == PROCESS).one()
    assert (follow.email, follow.confirmado) == ("vecino@example.org", False)
