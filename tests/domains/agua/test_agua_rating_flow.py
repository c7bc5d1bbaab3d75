"""Rating the provider from the tracking page of a resolved water report, in few taps."""
from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import ckan.plugins.toolkit as tk
import pytest
from agua_testing import agua_catalog  # noqa: F401 - module fixture
from bs4 import BeautifulSoup
from ckan.tests import factories, helpers

from ckanext.grll.domains.agua import scorecard
from ckanext.grll.domains.agua.model import ASPECTOS
from ckanext.grll.reference import distritos
from portal_testing import log_in, phone_context

pytestmark = pytest.mark.usefixtures("agua_catalog")

PASSWORD = "Clave-de-prueba-2026"
SCALE = ["1 Muy malo", "2 Malo", "3 Regular", "4 Bueno", "5 Muy bueno"]


def resolved_report(ubigeo: str, locality: str, text: str) -> str:
    district = distritos()[ubigeo]
    report = helpers.call_action("grll_feedback_create", {"user": ""}, **{
        "domain": "agua", "category": "fuga", "ubigeo": ubigeo, "lat": district.lat,
        "lon": district.lon, "description": text, "answers": {"localidad": locality}})
    sysadmin = factories.Sysadmin()
    for status in ("en_proceso", "resuelto"):
        helpers.call_action("grll_feedback_status_update", {"user": sysadmin["name"]},
                            code=report["codigo"], status=status, public_note="Reparada.")
    return report["codigo"]


def token_of(user: dict) -> str:
    return helpers.call_action("api_token_create", {"user": user["name"]},
                               user=user["name"], name="web")["token"]


def test_agua_links_to_tracking(app):
    page = BeautifulSoup(app.get("/agua").get_data(as_text=True), "html.parser")
    assert page.find("a", href="/seguimiento")


def test_the_scale_has_words_on_the_scorecard(app):
    user = factories.User()
    page = BeautifulSoup(app.get("/agua/prestadores/sedalib-s-a", headers={
        "Authorization": token_of(user)}).get_data(as_text=True), "html.parser")
    fieldset = page.select_one("form.grll-agua-rate fieldset")
    assert [" ".join(label.get_text().split()) for label in fieldset.find_all("label")] == SCALE


def test_rating_from_the_tracking_page_returns_to_it(app):
    code = resolved_report("130106", "Laredo", "Fuga en la calle principal de Laredo, ya arreglada.")
    user = factories.User()
    auth = {"Authorization": token_of(user)}
    track = f"/seguimiento/{code}"
    page = BeautifulSoup(app.get(track, headers=auth).get_data(as_text=True), "html.parser")
    section = page.select_one(".grll-agua-invitacion")
    # Routed to the municipal operator: only that provider's form, ready to fill.
    forms = section.select("form.grll-agua-rate")
    assert len(forms) == 1
    assert urlsplit(forms[0]["action"]).path == \
        "/agua/prestadores/municipalidad-distrital-de-laredo"
    assert forms[0].find("input", attrs={"name": "volver"})["value"] == track
    assert "Municipalidad Distrital de Laredo" in section.get_text()
    data = {aspect: "4" for aspect in ASPECTOS} | {"volver": track}
    response = app.post(forms[0]["action"], data=data, headers=auth, follow_redirects=False)
    assert response.status_code == 302
    location = urlsplit(response.headers["Location"])
    assert location.path == track and "calificado=" in location.query
    assert scorecard.ratings("municipalidad-distrital-de-laredo")["n"] >= 1
    thanks = app.get(f"{track}?{location.query}", headers=auth).get_data(as_text=True)
    assert "Gracias: registramos su calificación." in thanks


def test_a_foreign_return_address_is_ignored(app):
    user = factories.User()
    data = {aspect: "3" for aspect in ASPECTOS} | {"volver": "//malo.example.com/x"}
    response = app.post("/agua/prestadores/municipalidad-distrital-de-poroto", data=data,
                        headers={"Authorization": token_of(user)}, follow_redirects=False)
    assert response.status_code == 200
    assert "Gracias: registramos su calificación." in response.get_data(as_text=True)


def test_anonymous_visitor_is_sent_to_log_in_and_back(app):
    code = resolved_report("130101", "Trujillo", "Fuga de agua en la avenida, reparada ayer.")
    page = BeautifulSoup(app.get(f"/seguimiento/{code}").get_data(as_text=True), "html.parser")
    link = page.select_one(".grll-agua-invitacion a.btn")
    assert urlsplit(link["href"]).path == "/user/login"
    assert parse_qs(urlsplit(link["href"]).query)["came_from"] == [
        f"/seguimiento/{code}#calificar"]


@pytest.mark.browser
def test_rating_from_the_tracking_page_takes_at_most_8_taps(live_server, browser):
    code = resolved_report("130101", "Trujillo",
                           "Fuga en la avenida España frente al mercado, ya reparada.")
    citizen = factories.User(password=PASSWORD)
    context = phone_context(browser)
    phone = context.new_page()
    log_in(phone, live_server, citizen["name"], PASSWORD)

    phone.goto(f"{live_server}/seguimiento/{code}")
    taps = 0

    def tap(selector: str) -> None:
        nonlocal taps
        phone.locator(selector).first.click()
        taps += 1

    form = ".grll-agua-invitacion form.grll-agua-rate"
    for index, aspect in enumerate(ASPECTOS):
        word = SCALE[(index % 5)]
        tap(f"{form} fieldset:has(input[name='{aspect}']) label:has-text('{word}')")
    with phone.expect_navigation():
        tap(f"{form} button[type=submit]")
    assert "Gracias: registramos su calificación." in phone.inner_text(".grll-agua-invitacion")
    assert urlsplit(phone.url).path == f"/seguimiento/{code}"
    assert taps <= 8
    context.close()
    rated = tk.get_action("grll_agua_scorecard")({}, {"id": "sedalib-s-a"})
    assert rated["calificaciones"]["n"] >= 1
