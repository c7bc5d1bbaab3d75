"""Numbers a farmer types in the app: a decimal comma or point, never a price read as
S/ 080; an ambiguous one ("1,250") refused with the reason beside the field."""
from __future__ import annotations

import json

import pytest
from agro_testing import OTUZCO, SALE_DAY, act, agro_catalog, error_fields  # noqa: F401
from bs4 import BeautifulSoup

from ckanext.grll import numbers
from ckanext.grll.feedback.model import Report
from portal_testing import form_token

# Clean rate-limit counters: a run of these tests sends the same reports as the last.
pytestmark = pytest.mark.usefixtures("agro_catalog", "clean_redis")

AMBIGUOUS = "«1,250» puede leerse como 1,25 o como 1250"


def report_form(price: str, quantity: str = "800", crop: str = "papa") -> dict[str, str]:
    return {"q-cultivo": crop, "q-precio-kg": price, "q-cantidad-kg": quantity,
            "q-comprador": "mercado", "q-fecha-venta": SALE_DAY, "ubigeo": OTUZCO}


def post_report(browser, form: dict[str, str], **kwargs):
    token = form_token(browser, "/agro/reportar")
    return browser.post("/agro/reportar", data={**form, "_csrf_token": token}, **kwargs)


def answers_of(code: str) -> dict:
    return Report.by_code(code).answers


@pytest.mark.parametrize("price, quantity, crop, stored", [
    ("0,80", "800", "papa", (0.80, 800)),
    ("0.80", "1200", "maiz-amarillo-duro", (0.80, 1200)),
    ("1,5", "1.234,5", "papa", (1.5, 1234.5)),
    ("2,50", "1.234,500", "trigo", (2.5, 1234.5)),
])
def test_the_form_reads_a_decimal_comma_or_point(app, price, quantity, crop, stored):
    sent = post_report(app.test_client(), report_form(price, quantity, crop),
                       follow_redirects=False)
    page = BeautifulSoup(sent.get_data(as_text=True), "html.parser")
    assert sent.status_code == 302, [p.get_text() for p in page.select(".agro-error")]
    code = sent.headers["Location"].split("/seguimiento/")[1].split("?")[0]
    answers = answers_of(code)
    assert (answers["precio-kg"], answers["cantidad-kg"]) == stored
    assert f"S/ {numbers.numero(stored[0], 2)} por kg" in Report.by_code(code).description


def test_an_ambiguous_price_is_refused_beside_its_field_and_nothing_is_kept(app):
    before = Report.query().count()
    refused = post_report(app.test_client(), report_form("1,250"))
    assert refused.status_code == 400
    page = BeautifulSoup(refused.get_data(as_text=True), "html.parser")
    reason = page.find(id="error-answers.precio-kg")
    assert reason is not None and AMBIGUOUS in reason.get_text()
    # The field still holds what was typed, and points to its reason.
    field = page.find(id="q-precio-kg")
    assert field["value"] == "1,250" and field["inputmode"] == "decimal"
    assert field["type"] == "text" and "error-answers.precio-kg" in field["aria-describedby"]
    assert Report.query().count() == before


def test_the_app_sends_a_report_once_however_often_it_is_sent(app):
    phone = app.test_client()
    form = {**report_form("0,80", crop="palta"), "envio": "a1b2c3d4e5f60718293a4b5c6d7e8f90"}
    json_please = {"Accept": "application/json"}
    first = post_report(phone, form, headers=json_please)
    assert first.status_code == 201, first.get_data(as_text=True)
    again = post_report(phone, form, headers=json_please)
    assert again.status_code == 201 and again.json["codigo"] == first.json["codigo"]
    assert again.json["seguimiento"].startswith("/seguimiento/" + first.json["codigo"])
    assert Report.query().filter(Report.answers["cultivo"].astext == "palta").count() == 1
    assert answers_of(first.json["codigo"])["precio-kg"] == 0.80


def test_the_app_is_told_why_a_kept_report_was_refused(app):
    phone = app.test_client()
    form = {**report_form("1,250", crop="trigo"), "envio": "0f1e2d3c4b5a69788796a5b4c3d2e1f0"}
    refused = post_report(phone, form, headers={"Accept": "application/json"})
    assert refused.status_code == 400
    answer = json.loads(refused.get_data(as_text=True))
    assert AMBIGUOUS in answer["error"]["answers.precio-kg"]
    # In words the farmer can read later, naming the field.
    assert answer["motivos"][0].startswith("Precio recibido (S/ por kg): «1,250»")
    # Corrected, the same kept report may still be sent.
    corrected = post_report(phone, {**form, "q-precio-kg": "1,25"},
                            headers={"Accept": "application/json"})
    assert corrected.status_code == 201
    assert answers_of(corrected.json["codigo"])["precio-kg"] == 1.25


@pytest.mark.parametrize("typed, understood", [("0,80", 0.80), ("0.80", 0.80), ("4", 4.0)])
def test_a_price_alert_reads_a_decimal_comma_or_point(app, typed, understood):
    answered = app.post("/api/3/action/grll_agro_alert_create", json={
        "producto": "papa", "mercado": "la-hermelinda", "sentido": "baja", "umbral": typed,
        "email": f"alerta-{typed.replace(',', 'c')}@example.com"})
    assert answered.status_code == 200, answered.get_data(as_text=True)
    assert answered.json["result"]["umbral"] == understood


@pytest.mark.parametrize("typed, reason", [
    ("1,250", AMBIGUOUS),
    ("1.234,5", "mayor que 0 y hasta 200"),
    ("cuatro", "«cuatro» no es un número"),
])
def test_a_price_alert_refuses_what_it_cannot_read(app, typed, reason):
    answered = app.post("/api/3/action/grll_agro_alert_create", json={
        "producto": "papa", "mercado": "la-hermelinda", "sentido": "baja", "umbral": typed,
        "email": "alerta@example.com"})
    assert answered.status_code == 409
    assert reason in " ".join(answered.json["error"]["umbral"])


def test_the_alert_form_keeps_an_ambiguous_price_and_says_why(app):
    browser = app.test_client()
    page = browser.post("/agro/alertas", data={
        "producto": "papa", "mercado": "la-hermelinda", "sentido": "sube", "umbral": "1,250",
        "email": "alerta@example.com", "_csrf_token": form_token(browser, "/agro/alertas")})
    assert page.status_code == 400
    html = BeautifulSoup(page.get_data(as_text=True), "html.parser")
    assert AMBIGUOUS in html.find(id="error-umbral").get_text()
    assert html.find(id="umbral")["value"] == "1,250"
