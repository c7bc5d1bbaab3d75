"""On a phone: "¿Cómo está mi agua?" for Trujillo, then a "sin servicio" report."""
from __future__ import annotations

import pytest
from agua_testing import agua_catalog  # noqa: F401 - module fixture

from ckanext.grll.feedback.model import Report
from ckanext.grll.reference import distritos
from ckanext.grll.seed.loader import seeded_date
from portal_testing import phone_context

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("agua_catalog")]


@pytest.fixture
def phone(browser):
    trujillo = distritos()["130101"]
    context = phone_context(browser, location=(trujillo.lat, trujillo.lon))
    page = context.new_page()
    yield page
    context.close()


# The live server counts reports per IP in Redis: start from zero, as a new citizen would.
@pytest.mark.usefixtures("clean_redis")
def test_water_in_trujillo_then_report_no_service(live_server, phone):
    phone.goto(live_server + "/agua")
    assert phone.inner_text("h1") == "¿Cómo está mi agua?"
    phone.select_option("#agua-ubigeo", "130101")
    with phone.expect_navigation():
        phone.click("button:has-text('Ver mi agua')")
    result = phone.inner_text(".grll-agua-result")
    month = seeded_date("vigilancia-calidad-agua-consumo-2024", "2024-12")
    assert "SEDALIB S.A." in result and f"Última muestra: {month}" in result
    verdict = phone.inner_text(".grll-agua-verdict >> nth=0")
    assert verdict.split("\n")[0].split(" · ")[0] in ("Apta", "Con observaciones", "No apta")
    assert "muestras" in verdict

    # The phone's location gives the same district.
    phone.goto(live_server + "/agua")
    with phone.expect_navigation():
        phone.click("button:has-text('Usar mi ubicación')")
    assert "Trujillo" in phone.inner_text("#agua-result-title")

    phone.click("text=Reportar que no tengo agua")
    assert phone.inner_text("h1") == "Sin servicio o corte de agua"
    phone.fill("#description", "No llega agua a nuestra cuadra desde el domingo en la noche.")
    phone.fill("#q-desde", "2026-11-22")
    phone.fill("#q-hogares", "12")
    map_box = phone.locator("#grll-report-map")
    map_box.wait_for(state="visible")
    phone.select_option("#ubigeo", "130101")
    map_box.scroll_into_view_if_needed()
    map_box.click()
    with phone.expect_navigation():
        phone.click("button[type=submit]:has-text('Enviar reporte')")
    assert "/seguimiento/" in phone.url, phone.inner_text("body")
    report = Report.by_code(phone.inner_text("#tracking-code").strip())
    assert (report.domain, report.category, report.ubigeo) == ("agua", "sin-servicio", "130101")
