"""A visitor and a data steward use the portal in Debian's Chromium (Playwright)."""
from __future__ import annotations

import pytest
from ckan.tests import factories, helpers

pytestmark = pytest.mark.browser

STEWARD_PASSWORD = "Clave-Segura-2026"


@pytest.fixture(scope="module")
def seeded_site(seeded_catalog, live_server: str) -> str:
    assert seeded_catalog.failures == []
    return live_server


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="es-PE", viewport={"width": 390, "height": 844})
    page = context.new_page()
    yield page
    context.close()


def test_visitor_sees_commitments_on_home_and_a_dataset_page(seeded_site, page):
    page.goto(seeded_site + "/")
    assert "Datos Abiertos La Libertad" in page.title()
    body = page.inner_text("body")
    for commitment in ("Seguridad ciudadana", "Agua segura", "Mercado agrario",
                       "Información laboral"):
        assert commitment in body

    dataset = helpers.call_action("package_search", q="", rows=1, sort="name asc")["results"][0]
    page.goto(f"{seeded_site}/dataset/{dataset['name']}")
    assert dataset["title"] in page.inner_text("h1")
    body = page.inner_text("body")
    for resource in dataset["resources"]:
        assert resource["name"] in body


def test_steward_logs_in_and_publishes_a_dataset_through_the_form(seeded_site, page):
    steward = factories.User(password=STEWARD_PASSWORD)
    helpers.call_action("organization_member_create", id="gerencia-regional-salud",
                        username=steward["name"], role="editor")

    page.goto(seeded_site + "/user/login")
    page.fill("#field-login", steward["name"])
    page.fill("#field-password", STEWARD_PASSWORD)
    page.click("form:has(#field-login) button[type=submit]")
    page.wait_for_url("**/dashboard/**")

    page.goto(seeded_site + "/dataset/new")
    # CKAN starts its form modules only after fetching its translations, which can come
    # after the page's load event on a busy machine: wait for the URL preview they draw,
    # or the title typed too early derives no URL name.
    page.wait_for_selector(".slug-preview")
    page.fill("#field-title", "Vigilancia del cloro residual en Chepén 2026")
    page.fill("#field-notes", "Muestras de cloro residual libre tomadas por la DIRESA.")
    # The organization select is enhanced by a widget that hides the native element.
    page.locator("#field-organizations").select_option(label="Gerencia Regional de Salud",
                                                       force=True)
    page.fill("#field-entidad", "Gobierno Regional La Libertad - Gerencia Regional de Salud")
    page.fill("#field-fuente", "Programa de vigilancia de la calidad del agua (DIRESA)")
    page.select_option("#field-frecuencia", "MONTHLY")
    page.select_option("#field-cobertura_espacial", "130401")
    page.fill("#field-maintainer", "Dirección de Salud Ambiental")
    page.fill("#field-maintainer_email", "salud-ambiental@regionlalibertad.gob.pe")
    page.click("button[name=save]")

    # The URL name is derived from the title by the form's slug preview.
    page.wait_for_url("**/dataset/*/resource/new")
    name = page.url.split("/dataset/")[1].split("/")[0]
    assert name == "vigilancia-del-cloro-residual-en-chepen-2026"
    page.click("#resource-link-button")
    page.fill("#field-resource-url", "https://www.example.org/cloro-chepen-2026.csv")
    page.fill("#field-name", "Muestras de cloro 2026")
    page.click("button[name=save][value=go-metadata]")
    page.wait_for_url(f"**/dataset/{name}")

    dataset = helpers.call_action("package_show", id=name)
    assert dataset["state"] == "active"
    assert dataset["organization"]["name"] == "gerencia-regional-salud"
    assert dataset["cobertura_espacial"] == "130401"
    assert dataset["frecuencia"] == "MONTHLY"
    assert [r["name"] for r in dataset["resources"]] == ["Muestras de cloro 2026"]
