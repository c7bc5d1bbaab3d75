"""The farmers' app without signal (issue 16): a farm-gate price typed offline is kept
on the phone and arrives once when the signal returns; a page the phone does not keep
shows the app's own Spanish page, never the browser's "This site can't be reached"."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
import sqlalchemy as sa
from ckan import model

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "domains" / "agro"))
from agro_testing import OTUZCO, SALE_DAY, agro_catalog  # noqa: E402, F401

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("agro_catalog", "clean_redis")]


def installed_app(context, live_server: str, first_page: str = "/agro"):
    """The app opened once with signal (any of its pages): its service worker keeps
    what it needs."""
    page = context.new_page()
    page.goto(live_server + first_page)
    page.wait_for_function("""async () => {
        const reg = await navigator.serviceWorker.ready;
        return !!reg.active && !!(await caches.match('/agro/reportar'))
            && !!(await caches.match('/agro/sin-conexion'));
    }""")
    return page


def reports_of(crop: str) -> int:
    model.Session.remove()  # the live server wrote them: read afresh
    return model.Session.execute(sa.text(
        "SELECT count(*) FROM grll_feedback_report WHERE answers->>'cultivo' = :c"),
        {"c": crop}).scalar()


def test_a_report_typed_offline_is_kept_and_arrives_once(live_server, touch_phone):
    page = installed_app(touch_phone, live_server)
    assert reports_of("cana-azucar") == 0
    touch_phone.set_offline(True)
    # The farmer follows the app's link to the form, with her district.
    page.goto(live_server + f"/agro/reportar?ubigeo={OTUZCO}")
    assert page.locator("h1").inner_text() == "¿Cuánto le pagaron en chacra?"
    assert page.input_value("#ubigeo") == OTUZCO
    page.select_option("#q-cultivo", "cana-azucar")
    page.fill("#q-precio-kg", "0,15")
    page.fill("#q-cantidad-kg", "20000")
    page.check("input[name=q-comprador][value=acopiador]")
    page.fill("#q-fecha-venta", SALE_DAY)
    page.click("form[data-cola] button[type=submit]")

    told = page.locator("#agro-cola")
    told.get_by_text("guardado en su teléfono").wait_for()
    assert "Caña de azúcar, S/ 0,15 por kg" in told.inner_text()
    kept = page.evaluate("JSON.parse(localStorage.getItem('agro.cola'))")
    assert len(kept) == 1
    assert reports_of("cana-azucar") == 0

    # The signal returns: the report is sent, and the farmer told so with its code.
    touch_phone.set_offline(False)
    told.get_by_text("fue enviado").wait_for(timeout=20000)
    assert "Código de seguimiento" in told.inner_text()
    assert told.locator("a", has_text="Ver el seguimiento").get_attribute("href") \
        .startswith("/seguimiento/")
    assert page.evaluate("JSON.parse(localStorage.getItem('agro.cola'))") == []
    # Opening the app again sends nothing more.
    page.goto(live_server + "/agro")
    page.wait_for_load_state("networkidle")
    assert reports_of("cana-azucar") == 1


def test_a_page_the_phone_does_not_keep_shows_the_spanish_offline_page(live_server, touch_phone):
    page = installed_app(touch_phone, live_server)
    touch_phone.set_offline(True)
    page.goto(live_server + "/agro/alertas")
    assert page.locator("h1").inner_text() == "Sin conexión"
    assert "esta página no está guardada" in page.inner_text("#agro-sin-conexion")
    assert page.evaluate("document.documentElement.lang") == "es"
    # What does work without signal is offered.
    page.click("text=Reportar un precio en chacra")
    page.wait_for_url("**/agro/reportar")
    assert page.locator("#q-precio-kg").is_visible()
    page.go_back()
    # With the signal back, the page asked for opens by itself.
    touch_phone.set_offline(False)
    page.wait_for_function("document.querySelector('h1').textContent.trim() === "
                           "'Alertas de precios'")


def test_a_kept_report_the_portal_refuses_is_explained(live_server, touch_phone):
    page = installed_app(touch_phone, live_server, first_page="/agro/reportar")
    touch_phone.set_offline(True)
    page.goto(live_server + f"/agro/reportar?ubigeo={OTUZCO}")
    page.select_option("#q-cultivo", "paprika")
    page.fill("#q-precio-kg", "350")  # read well, but beyond what a kilo fetches
    page.check("input[name=q-comprador][value=acopiador]")
    page.fill("#q-fecha-venta", SALE_DAY)
    page.click("form[data-cola] button[type=submit]")
    told = page.locator("#agro-cola")
    told.get_by_text("guardado en su teléfono").wait_for()

    touch_phone.set_offline(False)
    told.get_by_text("no fue aceptado").wait_for(timeout=20000)
    assert "Páprika, S/ 350,00 por kg" in told.inner_text()
    assert "Precio recibido (S/ por kg): Debe ser como máximo 100" in told.inner_text()
    assert page.evaluate("JSON.parse(localStorage.getItem('agro.cola'))") == []
    assert reports_of("paprika") == 0
