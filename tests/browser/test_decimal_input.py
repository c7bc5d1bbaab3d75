"""A farmer types a farm-gate price as she writes it, "0,80" or "0.80", sees what the
portal understood before sending, and that is what is stored (issue 16: "0,80" was
once stored as S/ 080 per kg). A number that reads two ways is refused beside it."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from ckan import model

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "domains" / "agro"))
from agro_testing import OTUZCO, SALE_DAY, agro_catalog  # noqa: E402, F401

from ckanext.grll.feedback.model import Report  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("agro_catalog", "clean_redis")]


@pytest.fixture
def phone(touch_phone):
    """A page on the small touch phone the farmers' app is made for."""
    return touch_phone.new_page()


def fill_report(page, crop: str, price: str, quantity: str) -> None:
    page.select_option("#q-cultivo", crop)
    page.fill("#q-precio-kg", price)
    page.fill("#q-cantidad-kg", quantity)
    page.check("input[name=q-comprador][value=acopiador]")
    page.fill("#q-fecha-venta", SALE_DAY)
    page.select_option("#ubigeo", OTUZCO)


def stored_answers(page) -> dict:
    code = page.url.split("/seguimiento/")[1].split("?")[0]
    model.Session.remove()  # the live server wrote it: read afresh
    return Report.by_code(code).answers


@pytest.mark.parametrize("price, quantity, crop, understood, stored", [
    ("0,80", "1.234,5", "papa", ("S/ 0,80 por kg", "1234,5 kg"), (0.80, 1234.5)),
    ("0.80", "12500", "alcachofa", ("S/ 0,80 por kg", "12\u00a0500 kg"), (0.80, 12500)),
])
def test_the_number_understood_is_shown_then_stored(live_server, phone, price, quantity,
                                                    crop, understood, stored):
    phone.goto(live_server + "/agro/reportar")
    price_field = phone.locator("#q-precio-kg")
    assert price_field.get_attribute("inputmode") == "decimal"
    assert price_field.get_attribute("type") == "text"
    fill_report(phone, crop, price, quantity)
    assert phone.inner_text("#entendido-q-precio-kg") == f"Entendemos: {understood[0]}"
    assert phone.inner_text("#entendido-q-cantidad-kg") == f"Entendemos: {understood[1]}"
    phone.click("form[data-cola] button[type=submit]")
    phone.wait_for_url("**/seguimiento/**")
    answers = stored_answers(phone)
    assert (answers["precio-kg"], answers["cantidad-kg"]) == stored


def test_an_ambiguous_price_is_refused_beside_the_field_and_not_sent(live_server, phone):
    model.Session.remove()
    before = Report.query().count()
    phone.goto(live_server + "/agro/reportar")
    fill_report(phone, "trigo", "1,250", "300")
    note = phone.locator("#entendido-q-precio-kg")
    assert "«1,250» puede leerse como 1,25 o como 1250" in note.inner_text()
    assert phone.get_attribute("#q-precio-kg", "aria-invalid") == "true"
    phone.click("form[data-cola] button[type=submit]")
    # Not sent: the farmer is taken back to the field, with what she typed.
    phone.wait_for_function("document.activeElement.id === 'q-precio-kg'")
    assert phone.url.endswith("/agro/reportar")
    assert phone.input_value("#q-precio-kg") == "1,250"
    phone.fill("#q-precio-kg", "1,25")
    assert note.inner_text() == "Entendemos: S/ 1,25 por kg"
    assert phone.get_attribute("#q-precio-kg", "aria-invalid") is None
    model.Session.remove()
    assert Report.query().count() == before


def test_a_price_alert_shows_the_threshold_understood(live_server, phone):
    phone.goto(live_server + "/agro/alertas")
    phone.fill("#umbral", "4,5")
    assert phone.inner_text("#entendido-umbral") == "Entendemos: S/ 4,50 por kg"
    phone.fill("#umbral", "2.500")
    assert "puede leerse como 2,5 o como 2500" in phone.inner_text("#entendido-umbral")


def test_a_price_the_portal_refuses_is_explained_beside_the_field(live_server, phone):
    phone.goto(live_server + "/agro/reportar")
    fill_report(phone, "trigo", "350", "300")
    assert phone.inner_text("#entendido-q-precio-kg") == "Entendemos: S/ 350,00 por kg"
    phone.click("form[data-cola] button[type=submit]")
    reason = phone.locator("[id='error-answers.precio-kg']")
    reason.wait_for()
    assert "Debe ser como máximo 100" in reason.inner_text()
    assert "error-answers.precio-kg" in phone.get_attribute("#q-precio-kg", "aria-describedby")
    # Nothing typed is lost.
    assert phone.input_value("#q-precio-kg") == "350"
    assert phone.input_value("#q-cantidad-kg") == "300"
    assert phone.url.endswith("/agro/reportar")
