"""A visitor and a data steward use the portal in Debian's Chromium (Playwright)."""
from __future__ import annotations

import pytest
from ckan.tests import factories, helpers

from portal_testing import log_in

pytestmark = pytest.mark.browser

STEWARD_PASSWORD = "Clave-Segura-2026"


@pytest.fixture(scope="module")
def seeded_site(seeded_catalog, live_server: str) -> str:
    assert seeded_catalog.failures == []
    return live_server


def test_visitor_sees_commitments_on_home_and_a_dataset_page(seeded_site, phone):
    phone.goto(seeded_site + "/")
    assert "Datos Abiertos La Libertad" in phone.title()
    body = phone.inner_text("body")
    for commitment in ("Seguridad ciudadana", "Agua segura", "Mercado agrario",
                       "Información laboral"):
        assert commitment in body

    dataset = helpers.call_action("package_search", q="", rows=1, sort="name asc")["results"][0]
    phone.goto(f"{seeded_site}/dataset/{dataset['name']}")
    assert dataset["title"] in phone.inner_text("h1")
    body = phone.inner_text("body")
    for resource in dataset["resources"]:
        assert resource["name"] in body


def test_steward_logs_in_and_publishes_a_dataset_through_the_form(seeded_site, phone):
    steward = factories.User(password=STEWARD_PASSWORD)
    helpers.call_action("organization_member_create", id="gerencia-regional-salud",
                        username=steward["name"], role="editor")

    log_in(phone, seeded_site, steward["name"], STEWARD_PASSWORD)

    phone.goto(seeded_site + "/dataset/new")
    # CKAN starts its form modules only after fetching its translations, which can come
    # after the page's load event on a busy machine: wait for the URL preview they draw,
    # or the title typed too early derives no URL name.
    phone.wait_for_selector(".slug-preview")
    phone.fill("#field-title", "Vigilancia del cloro residual en Chepén 2026")
    phone.fill("#field-notes", "Muestras de cloro residual libre tomadas por la DIRESA.")
    # The organization select is enhanced by a widget that hides the native element.
    phone.locator("#field-organizations").select_option(label="Gerencia Regional de Salud",
                                                        force=True)
    phone.fill("#field-entidad", "Gobierno Regional La Libertad - Gerencia Regional de Salud")
    phone.fill("#field-fuente", "Programa de vigilancia de la calidad del agua (DIRESA)")
    phone.select_option("#field-frecuencia", "MONTHLY")
    phone.select_option("#field-cobertura_espacial", "130401")
    phone.fill("#field-maintainer", "Dirección de Salud Ambiental")
    phone.fill("#field-maintainer_email", "salud-ambiental@regionlalibertad.gob.pe")
    phone.click("button[name=save]")

    # The URL name is derived from the title by the form's slug preview.
    phone.wait_for_url("**/dataset/*/resource/new")
    name = phone.url.split("/dataset/")[1].split("/")[0]
    assert name == "vigilancia-del-cloro-residual-en-chepen-2026"
    phone.click("#resource-link-button")
    phone.fill("#field-resource-url", "https://www.example.org/cloro-chepen-2026.csv")
    phone.fill("#field-name", "Muestras de cloro 2026")
    phone.click("button[name=save][value=go-metadata]")
    phone.wait_for_url(f"**/dataset/{name}")

    dataset = helpers.call_action("package_show", id=name)
    assert dataset["state"] == "active"
    assert dataset["organization"]["name"] == "gerencia-regional-salud"
    assert dataset["cobertura_espacial"] == "130401"
    assert dataset["frecuencia"] == "MONTHLY"
    assert [r["name"] for r in dataset["resources"]] == ["Muestras de cloro 2026"]
