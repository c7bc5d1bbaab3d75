"""Report forms that forgive, in Debian's Chromium: the location fills the district, the
error box links to each field, numbers are read as typed, and logging in returns to
the form."""
from __future__ import annotations

import pytest
import yaml
from ckan.tests import factories

from ckanext.grll.feedback.model import Report
from ckanext.grll.reference import DATASETS_DIR, distritos
from portal_testing import phone_context

pytestmark = pytest.mark.browser

PASSWORD = "Clave-de-prueba-2026"


@pytest.fixture
def organizations(clean_db, clean_redis) -> None:
    """The portal's organizations, which answer the reports."""
    for org in yaml.safe_load((DATASETS_DIR / "organizations.yaml").read_text(encoding="utf-8")):
        factories.Organization(name=org["name"], title=org["title"])


def test_my_location_fills_the_district_and_a_boundary_slip_is_accepted(
        live_server, organizations, browser):
    # Florencia de Mora's capital: the 2007 polygons put it in El Porvenir.
    capital = distritos()["130103"]
    context = phone_context(browser, location=(capital.lat, capital.lon))
    page = context.new_page()
    page.goto(live_server + "/reportes/agua/nuevo/fuga")
    page.click("#grll-locate")
    page.wait_for_function("document.getElementById('ubigeo').value !== ''")
    assert page.input_value("#ubigeo") == "130102"
    assert "El Porvenir" in page.inner_text("#grll-point-status")
    assert page.input_value("#lat") and page.input_value("#lon")

    # She knows better: her district is Florencia de Mora. The report is not refused.
    page.select_option("#ubigeo", "130103")
    page.fill("#description", "Hay una fuga de agua en la esquina del mercado desde ayer.")
    page.check("input[name=identity][value=anonimo]")
    with page.expect_navigation():
        page.click("button[type=submit]:has-text('Enviar reporte')")
    assert "/seguimiento/" in page.url, page.inner_text("body")
    report = Report.by_code(page.inner_text("#tracking-code").strip())
    assert report.ubigeo == "130103"
    context.close()


def test_a_location_outside_la_libertad_is_explained(live_server, organizations, browser):
    context = phone_context(browser, location=(-12.0464, -77.0428))  # Lima
    page = context.new_page()
    page.goto(live_server + "/reportes/agua/nuevo/fuga")
    page.click("#grll-locate")
    page.wait_for_function(
        "document.getElementById('grll-point-status').textContent.includes('fuera')")
    assert "fuera de La Libertad" in page.inner_text("#grll-point-status")
    assert page.input_value("#ubigeo") == ""
    context.close()


def test_the_error_box_links_to_each_field_and_numbers_are_read_as_typed(
        live_server, organizations, browser):
    context = phone_context(browser)
    page = context.new_page()
    page.goto(live_server + "/reportes/agua/nuevo/sin-servicio")
    page.fill("#q-hogares", "12,5")
    assert page.inner_text("#entendido-hogares") == "Se entiende: 12,5"
    page.fill("#q-hogares", "0.80")
    assert page.inner_text("#entendido-hogares") == "Se entiende: 0,8"
    page.fill("#q-hogares", "12.345,5")
    assert page.inner_text("#entendido-hogares") == "Se entiende: 12\u00a0345,5"
    page.fill("#q-hogares", "1,250")
    assert "puede leerse como 1,25 o como 1250" in page.inner_text("#entendido-hogares")
    page.fill("#description", "corto")
    page.select_option("#ubigeo", "130101")
    with page.expect_navigation():
        page.click("button[type=submit]:has-text('Enviar reporte')")

    box = page.locator("#errores")
    assert "Describa el problema" in box.inner_text()
    # Kept as typed, and refused beside its field with the same message.
    assert page.input_value("#q-hogares") == "1,250"
    assert "1250" in page.inner_text("#error-answers-hogares")
    assert page.input_value("#description") == "corto"
    assert page.input_value("#ubigeo") == "130101"
    box.locator("a[href='#description']").click()
    assert page.evaluate("location.hash") == "#description"
    assert page.locator("#description").is_visible()
    box.locator("a[href='#q-desde']").click()
    assert page.evaluate("location.hash") == "#q-desde"
    assert Report.query().count() == 0
    context.close()


def test_logging_in_from_a_form_returns_to_it(live_server, organizations, browser):
    factories.User(name="vecina", password=PASSWORD)
    context = phone_context(browser)
    page = context.new_page()
    form = live_server + "/reportes/laboral/nuevo/consulta"
    page.goto(form)
    assert "necesita una cuenta" in page.inner_text("body")
    page.click(".alert-info a:has-text('Iniciar sesión')")
    page.fill("#field-login", "vecina")
    page.fill("#field-password", PASSWORD)
    page.click("form:has(#field-login) button[type=submit]")
    page.wait_for_url(form)
    assert "necesita una cuenta" not in page.inner_text("body")
    context.close()
