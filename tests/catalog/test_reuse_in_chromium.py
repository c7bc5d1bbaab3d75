"""A hackathon developer submits a reuse and the data's organization approves it, in Chromium."""
from __future__ import annotations

import pytest
from catalog_testing import call
from ckan.tests import factories

from portal_testing import log_in

pytestmark = pytest.mark.browser

PASSWORD = "Clave-Segura-2026"
WATER = "vigilancia-calidad-agua-consumo-2024"


def test_developer_submits_and_steward_approves_a_reuse(catalog, live_server, phone):
    developer = factories.User(password=PASSWORD)
    steward = factories.User(password=PASSWORD)
    organization = call("package_show", id=WATER)["organization"]["name"]
    call("organization_member_create", id=organization, username=steward["name"],
         role="editor")

    log_in(phone, live_server, developer["name"], PASSWORD)
    phone.goto(f"{live_server}/dataset/{WATER}")
    phone.click("#usado-por a:has-text('Registre su reutilización')")
    phone.fill("#reuse-title", "Agua Segura Trujillo")
    phone.fill("#reuse-description", "App móvil que muestra si el agua de su distrito es segura.")
    phone.select_option("#reuse-type", "app")
    phone.fill("#reuse-url", "https://example.org/agua-segura")
    phone.fill("#reuse-authors", "Equipo Chimú, Hackatón 2026")
    assert phone.input_value("#reuse-datasets") == WATER
    phone.click("form.grll-reuse-form button[type=submit]")
    phone.wait_for_url("**/aplicaciones/*")
    assert "Pendiente de aprobación" in phone.inner_text(".grll-reuse-state")
    reuse_url = phone.url
    phone.context.clear_cookies()

    phone.goto(f"{live_server}/aplicaciones")
    assert "Agua Segura Trujillo" not in phone.inner_text("body")

    log_in(phone, live_server, steward["name"], PASSWORD)
    phone.goto(reuse_url)
    phone.click(".grll-reuse-review button:has-text('Aprobar')")
    phone.wait_for_url(reuse_url)
    assert phone.locator(".grll-reuse-state").count() == 0
    phone.context.clear_cookies()

    phone.goto(f"{live_server}/aplicaciones")
    phone.click("text=Agua Segura Trujillo")
    assert "Equipo Chimú" in phone.inner_text("body")
    phone.goto(f"{live_server}/dataset/{WATER}")
    assert "Agua Segura Trujillo" in phone.inner_text("#usado-por")
