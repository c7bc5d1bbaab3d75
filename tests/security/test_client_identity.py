"""Who a client is for the report limits: the socket's address, never a header the client
writes; accepted reports only; accounts and contents counted apart from the address so
that neighbours behind one carrier address can still report."""
from __future__ import annotations

import io

import ckan.plugins.toolkit as tk
import feedback_security_helpers
import pytest
from client_identity_helpers import (
    CREATE,
    account,
    api_fields,
    browser_post,
    from_address,
    picture,
    water_leak,
)
from feedback_security_helpers import act, point_in, submission

from ckanext.grll.feedback.domains import enabled_domains
from ckanext.grll.feedback.model import Report

staff = feedback_security_helpers.staff
# An empty database, DataStore and counters for every test.
pytestmark = pytest.mark.usefixtures("staff")

NEIGHBOURHOOD = "181.65.20.7"  # one carrier-NAT address shared by many phones
FORM = "/reportes/agua/nuevo/fuga"


def send(app, description: str, address: str = NEIGHBOURHOOD, forged: str | None = None,
         headers: dict[str, str] | None = None, **overrides):
    options = from_address(address, forged)
    if headers:
        options["headers"] = {**options.get("headers", {}), **headers}
    return app.post(CREATE, json=api_fields(water_leak(), description, **overrides),
                    **options)


def assert_limited(response, words: str) -> None:
    assert response.status_code == 429
    assert words in response.json["error"]["message"]
    assert 0 < int(response.headers["Retry-After"]) <= 3600


@pytest.mark.ckan_config("ckanext.grll.feedback.rate_limit.ip_per_hour", "2")
def test_a_forged_x_forwarded_for_does_not_reset_the_count_of_an_address(app):
    for n, forged in enumerate(["1.1.1.1", "2.2.2.2"]):
        assert send(app, f"Fuga de agua número {n} en el jirón.",
                    forged=forged).status_code == 200
    response = send(app, "Fuga de agua número 9 en el jirón.", forged="3.3.3.3, 4.4.4.4")
    assert_limited(response, "Demasiados reportes enviados desde su conexión")
    assert Report.query().count() == 2
    # Another socket address has its own count, whatever the header says.
    assert send(app, "Fuga de agua en otra casa del barrio.", address="190.42.1.1",
                forged=NEIGHBOURHOOD).status_code == 200


@pytest.mark.ckan_config("ckanext.grll.feedback.rate_limit.ip_per_hour", "2")
def test_refused_forms_never_use_up_the_limit_of_an_address(app):
    mistakes = [{"lat": 40.4, "lon": -3.7}, {"sitio_web": "http://spam.example"},
                {"identity": "famoso"}]
    for n in range(12):
        response = send(app, f"Fuga de agua intento {n} en el jirón.", **mistakes[n % 3])
        assert response.status_code == 409, response.json
    short = send(app, "corto")
    assert short.status_code == 409 and "description" in short.json["error"]
    assert send(app, "Fuga de agua en la esquina del mercado.").status_code == 200
    assert send(app, "Fuga de agua frente al colegio del barrio.").status_code == 200
    assert_limited(send(app, "Fuga de agua junto a la posta médica."),
                   "Demasiados reportes enviados desde su conexión")


@pytest.mark.ckan_config("ckanext.grll.feedback.rate_limit.ip_per_hour", "1")
@pytest.mark.ckan_config("ckanext.grll.feedback.rate_limit.user_per_hour", "2")
def test_neighbours_behind_one_address_report_with_their_own_accounts(app):
    assert send(app, "Fuga de agua anónima en el jirón.").status_code == 200
    limited = send(app, "Otra fuga anónima en el mismo jirón.")
    assert_limited(limited, "inicie sesión")
    _rosa, rosa = account("rosa-vecina")
    _juan, juan = account("juan-vecino")
    for n in range(2):
        assert send(app, f"Fuga de agua {n} que vio Rosa.", headers=rosa).status_code == 200
    assert_limited(send(app, "Tercera fuga que vio Rosa.", headers=rosa),
                   "Demasiados reportes enviados desde su cuenta")
    # Her account's limit follows her to any address, and stops nobody else.
    assert_limited(send(app, "Cuarta fuga que vio Rosa.", address="200.1.1.1",
                        headers=rosa), "desde su cuenta")
    assert send(app, "Fuga de agua que vio Juan.", headers=juan).status_code == 200
    assert Report.query().count() == 4


@pytest.mark.ckan_config("ckanext.grll.feedback.rate_limit.content_per_hour", "2")
def test_the_same_text_is_limited_from_any_address(app):
    text = "Fuga   de agua\u200b en la plaza de armas, URGENTE."
    variants = [text, text.upper().replace("   ", " "), text.replace("\u200b", "")]
    districts = ["130101", "130102", "130105"]
    answers = []
    for n, (variant, ubigeo) in enumerate(zip(variants, districts, strict=True)):
        lat, lon = point_in(ubigeo)
        answers.append(send(app, variant, address=f"10.0.0.{n + 1}", lat=lat, lon=lon))
    assert [r.status_code for r in answers] == [200, 200, 409]
    assert "Este mismo texto alcanzó el límite de envíos por hora (2)" in str(
        answers[2].json["error"]["description"])


@pytest.mark.ckan_config("ckanext.grll.feedback.rate_limit.content_per_hour", "1")
def test_the_same_photo_is_limited_from_any_address(app):
    photo = picture((200, 10, 10))
    answers = []
    for n in range(2):
        fields = api_fields(water_leak(), f"Fuga de agua distinta número {n} del barrio.")
        answers.append(app.post(CREATE, data={**fields, "photos": (io.BytesIO(photo), "f.jpg",
                                                                   "image/jpeg")},
                                content_type="multipart/form-data",
                                **from_address(f"10.9.0.{n + 1}")))
    assert answers[0].status_code == 200
    assert answers[1].status_code == 409
    assert "Esta misma foto alcanzó el límite" in str(answers[1].json["error"]["photos"])


@pytest.mark.ckan_config("ckanext.grll.feedback.rate_limit.ip_per_hour", "1")
def test_the_web_form_says_when_to_come_back(app):
    assert send(app, "Fuga de agua anónima en el jirón.").status_code == 200
    response = browser_post(app, FORM, FORM, {
        "description": "Otra fuga más en la avenida principal.", "ubigeo": "130101"},
        NEIGHBOURHOOD, forged="8.8.8.8")
    assert response.status_code == 429
    assert "inicie sesión" in response.get_data(as_text=True)
    assert 0 < int(response.headers["Retry-After"]) <= 3600


@pytest.mark.ckan_config("ckanext.grll.feedback.rate_limit.content_per_hour", "1")
def test_farm_gate_reports_that_read_alike_differ_by_their_answers():
    category = enabled_domains()["agro"].categories["precio-chacra"]
    text = "Precio en chacra de papa: S/ 1.00 por kg (1000 kg)."
    answers = {"cultivo": "papa", "precio-kg": 1.0, "cantidad-kg": 1000,
               "comprador": "acopiador"}
    sales = ["2026-12-01", "2026-12-02", "2026-12-01"]
    outcomes = []
    for sale, ubigeo in zip(sales, ["130101", "130102", "130105"], strict=True):
        lat, lon = point_in(ubigeo)
        try:
            act("grll_feedback_create", None, **submission(
                category, description=text, lat=lat, lon=lon,
                answers={**answers, "fecha-venta": sale}))
            outcomes.append("aceptado")
        except tk.ValidationError as error:
            outcomes.append(" ".join(error.error_dict["description"]))
    assert outcomes[:2] == ["aceptado", "aceptado"]
    assert "Este mismo texto alcanzó el límite de envíos por hora (1)" in outcomes[2]


@pytest.mark.ckan_config("ckanext.grll.trusted_proxies", "1")
@pytest.mark.ckan_config("ckanext.grll.feedback.rate_limit.ip_per_hour", "1")
def test_behind_the_trusted_proxy_the_address_it_saw_is_counted(app):
    proxy = "172.18.0.5"
    # The proxy appends the address it saw; what the client wrote before it is ignored.
    assert send(app, "Fuga de agua vista desde el celular.", address=proxy,
                forged=f"6.6.6.1, {NEIGHBOURHOOD}").status_code == 200
    assert_limited(send(app, "Otra fuga vista desde el celular.", address=proxy,
                        forged=f"6.6.6.2, {NEIGHBOURHOOD}"), "desde su conexión")
    assert send(app, "Fuga de agua vista desde otra casa.", address=proxy,
                forged="6.6.6.2, 190.42.1.1").status_code == 200


@pytest.mark.ckan_config("ckanext.grll.laboral.rate_limit_per_hour", "1")
def test_job_seekers_behind_one_address_publish_profiles_with_their_accounts(
        app, staff, smtp_sink):
    staff(enabled_domains()["laboral"].dataset_org)  # the profiles' open dataset publisher
    profile = {"ocupacion": "Cocinero", "ubigeo": "130101", "experiencia_meses": "36",
               "nivel_educativo": "Técnica completa", "nombre": "Julia Rodríguez",
               "telefono": "949123456"}
    url = "/api/3/action/grll_laboral_profile_create"
    sent = [app.post(url, json={**profile, "email": f"p{n}@example.org"},
                     **from_address(NEIGHBOURHOOD, forged=f"9.9.9.{n}")) for n in range(2)]
    assert [r.status_code for r in sent] == [200, 409], sent[0].json
    assert "Demasiados envíos" in str(sent[1].json["error"])
    _julia, julia = account("julia-cocinera")
    own = app.post(url, json={**profile, "email": "julia@example.org"}, headers=julia,
                   **from_address(NEIGHBOURHOOD))
    assert own.status_code == 200
