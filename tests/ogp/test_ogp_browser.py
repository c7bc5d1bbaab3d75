"""The plan's pages on a 360 px touch phone, in Spanish and in English: readable
without sideways scrolling, the delays said in words, and axe-core without serious or
critical violations."""
from __future__ import annotations

from pathlib import Path

import ckan.plugins.toolkit as tk
import pytest

from ckanext.grll.ogp import seed
from portal_testing import phone_context

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
PAGES = ("/gobierno-abierto", "/gobierno-abierto/compromiso/1", "/gobierno-abierto/comite")


@pytest.fixture(scope="module")
def site(seeded_catalog, live_server: str) -> str:
    assert seeded_catalog.failures == []
    seed.load()
    return live_server


@pytest.fixture(scope="module")
def small_phone(browser):
    context = phone_context(browser, touch=True)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize(("prefix", "delayed"), [("", "con retraso"), ("/en", "delayed")])
def test_the_plan_on_a_small_phone(site, small_phone, prefix, delayed):
    found = []
    for path in PAGES:
        response = small_phone.goto(site + prefix + path)
        assert response.status == 200, path
        assert small_phone.evaluate("document.documentElement.lang") == (
            "en" if prefix else "es")
        width = small_phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"{path} scrolls sideways ({width} px)"
        small_phone.add_script_tag(path=str(AXE))
        result = small_phone.evaluate("axe.run(document, {resultTypes: ['violations']})")
        found += [f"{prefix}{path}: {v['id']} ({v['impact']})" for v in result["violations"]
                  if v["impact"] in ("serious", "critical")]
    small_phone.goto(site + prefix + PAGES[0])
    assert delayed in small_phone.inner_text("#grll-main").lower()
    assert found == []


def test_the_secretariat_uploads_minutes_from_a_phone(site, browser):
    """The session form sends its file from a real browser (multipart, CSRF token) and
    the committee's page, forms open, stays accessible."""
    from ckan.tests import factories
    from ogp_testing import PDF

    from ckanext.grll.ogp import config
    from portal_testing import log_in

    password = "Clave-Segura-2026"
    secretary = factories.User(password=password)
    tk.get_action("organization_member_create")({"ignore_auth": True}, {
        "id": config.secretariat_organizations()[0], "username": secretary["name"],
        "role": "editor"})
    context = phone_context(browser, touch=True)
    phone = context.new_page()
    try:
        log_in(phone, site, secretary["name"], password)
        phone.goto(site + "/gobierno-abierto/comite")
        phone.click("summary:has-text('Registrar una sesión')")
        phone.fill("#f-sesion-fecha", "2026-12-01")
        phone.fill("#f-sesion-agenda", "Revisión del avance del plan")
        phone.set_input_files("#f-sesion-upload", files=[{
            "name": "acta-diciembre.pdf", "mimeType": "application/pdf", "buffer": PDF}])
        phone.click("#form-sesion button[type=submit]")
        phone.wait_for_url("**/gobierno-abierto/comite?guardado=sesion")
        minutes = phone.locator("article", has_text="Revisión del avance del plan")
        assert "(PDF, " in minutes.inner_text()
        download = minutes.locator("a[download]").get_attribute("href")
        assert phone.request.get(site + download).body() == PDF
        for details in phone.locator(".grll-ogp-forms details").all():
            details.evaluate("d => d.open = true")
        phone.add_script_tag(path=str(AXE))
        result = phone.evaluate("axe.run(document, {resultTypes: ['violations']})")
        assert [f"{v['id']} ({v['impact']})" for v in result["violations"]
                if v["impact"] in ("serious", "critical")] == []
    finally:
        context.close()
