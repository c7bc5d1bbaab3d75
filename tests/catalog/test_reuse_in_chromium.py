"""A hackathon developer submits a reuse and the data's organization approves it, in Chromium."""
from __future__ import annotations

import pytest
from catalog_testing import call
from ckan.tests import factories

pytestmark = pytest.mark.browser

PASSWORD = "Clave-Segura-2026"
WATER = "vigilancia-calidad-agua-consumo-2024"


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="es-PE", viewport={"width": 390, "height": 844})
    page = context.new_page()
    yield page
    context.close()


def log_in(page, site: str, user: dict) -> None:
    page.goto(site + "/user/login")
    page.fill("#field-login", user["name"])
    page.fill("#field-password", PASSWORD)
    page.click("form:has(#field-login) button[type=submit]")
    page.wait_for_url("**/dashboard/**")


def test_developer_submits_and_steward_approves_a_reuse(catalog, live_server, page):
    developer = factories.User(password=PASSWORD)
    steward = factories.User(password=PASSWORD)
    organization = call("package_show", id=WATER)["organization"]["name"]
    call("organization_member_create", id=organization, username=steward["name"],
         role="editor")

    log_in(page, live_server, developer)
    page.goto(f"{live_server}/dataset/{WATER}")
    page.click("#usado-por a:has-text('Registre su reutilización')")
    page.fill("#reuse-title", "Agua Segura Trujillo")
    page.fill("#reuse-description", "App móvil que muestra si el agua de su distrito es segura.")
    page.select_option("#reuse-type", "app")
    page.fill("#reuse-url", "https://example.org/agua-segura")
    page.fill("#reuse-authors", "Equipo Chimú, Hackatón 2026")
    assert page.input_value("#reuse-datasets") == WATER
    page.click("form.grll-reuse-form button[type=submit]")
    page.wait_for_url("**/aplicaciones/*")
    assert "Pendiente de aprobación" in page.inner_text(".grll-reuse-state")
    reuse_url = page.url
    page.context.clear_cookies()

    page.goto(f"{live_server}/aplicaciones")
    assert "Agua Segura Trujillo" not in page.inner_text("body")

    log_in(page, live_server, steward)
    page.goto(reuse_url)
    page.click(".grll-reuse-review button:has-text('Aprobar')")
    page.wait_for_url(reuse_url)
    assert page.locator(".grll-reuse-state").count() == 0
    page.context.clear_cookies()

    page.goto(f"{live_server}/aplicaciones")
    page.click("text=Agua Segura Trujillo")
    assert "Equipo Chimú" in page.inner_text("body")
    page.goto(f"{live_server}/dataset/{WATER}")
    assert "Agua Segura Trujillo" in page.inner_text("#usado-por")
