"""Anonymous availability profiles: no personal data leaks before the seeker accepts."""
from __future__ import annotations

import json
import re

import ckan.plugins.toolkit as tk
import pytest
from ckan.tests import factories
from laboral_testing import TRUJILLO, act, labour_org, make_employer, open_dataset_rows, page
from laboral_testing import token_for as auth

from ckanext.grll.domains.laboral import perfiles
from portal_testing import form_token

pytestmark = pytest.mark.usefixtures("clean_db", "clean_index", "clean_redis")

SEEKER = {"ocupacion": "Cocinero", "ubigeo": TRUJILLO, "experiencia_meses": "36",
          "nivel_educativo": "Técnica completa", "nombre": "Julia Rodríguez Paredes",
          "email": "julia.rodriguez@example.org", "telefono": "949123456"}
PRIVATE = ("Julia", "Rodríguez", "julia.rodriguez@example.org", "949123456")


def assert_no_personal_data(text: str) -> None:
    for value in PRIVATE:
        assert value not in text


def link_in(message, path: str) -> str:
    body = message.get_body(preferencelist=("plain",)).get_content()
    return re.search(rf"https?://\S+({path}\S+)", body).group(1)


@pytest.fixture
def people():
    labour_org()
    return {"empleador": make_employer("restaurante"),
            "otro": make_employer("hotel"), "ciudadano": factories.User(name="vecino")}


def test_contact_data_reaches_the_employer_only_after_acceptance(app, people, smtp_sink):
    profile = act("grll_laboral_profile_create", None, **SEEKER)
    manage = link_in(smtp_sink.pop(), "/empleo/perfiles/gestion/")
    code = profile["codigo"]
    assert_no_personal_data(json.dumps(profile))

    # Everything public before any request: API, pages, open dataset.
    assert_no_personal_data(json.dumps(act("grll_laboral_profile_search", None,
                                           ocupacion="Cocinero")))
    assert_no_personal_data(json.dumps(act("grll_laboral_profile_show", None, codigo=code)))
    listing = app.get("/empleo/perfiles", query_string={"ubigeo": TRUJILLO},
                      headers=auth(people["empleador"]))
    assert code in listing.body
    assert_no_personal_data(listing.body)
    assert_no_personal_data(json.dumps(open_dataset_rows(perfiles.DATASET)))
    assert {r["codigo"] for r in open_dataset_rows(perfiles.DATASET)} == {code}

    # The employer asks: still nothing, and citizens cannot ask at all.
    with pytest.raises(tk.NotAuthorized):
        act("grll_laboral_contact_request", people["ciudadano"], codigo=code, mensaje="Hola")
    request = act("grll_laboral_contact_request", people["empleador"], codigo=code,
                  mensaje="Buscamos cocinero para turno de noche")
    assert "datos_contacto" not in request
    assert_no_personal_data(json.dumps(act("grll_laboral_contact_list", people["empleador"])))
    assert_no_personal_data(app.get("/empleo/contactos", headers=auth(people["empleador"])).body)

    # The seeker gets a link, reads the request and accepts it.
    mail = smtp_sink.pop()
    assert mail["To"] == SEEKER["email"]
    answer = link_in(mail, "/empleo/contacto/")
    seeker = app.test_client()
    html = page(seeker.get(answer))
    assert "Buscamos cocinero para turno de noche" in html.get_text()
    accepted = seeker.post(answer, data={"respuesta": "aceptar",
                                         "_csrf_token": form_token(seeker, answer)})
    assert accepted.status_code in (200, 302)

    shared = act("grll_laboral_contact_list", people["empleador"])[0]
    assert shared["estado"] == "aceptada"
    assert shared["datos_contacto"] == {"nombre": SEEKER["nombre"], "email": SEEKER["email"],
                                        "telefono": SEEKER["telefono"]}
    assert SEEKER["email"] in app.get("/empleo/contactos", headers=auth(people["empleador"])).body
    assert "aceptó" in smtp_sink.pop().get_body().get_content()
    # Another employer, and the public, still see nothing.
    assert act("grll_laboral_contact_list", people["otro"]) == []
    assert_no_personal_data(json.dumps(open_dataset_rows(perfiles.DATASET)))
    assert "Mi perfil" in app.get(manage).body


def test_declined_requests_never_share_and_cannot_be_reanswered(people, smtp_sink):
    code = act("grll_laboral_profile_create", None, **SEEKER)["codigo"]
    act("grll_laboral_contact_request", people["empleador"], codigo=code, mensaje="Hola")
    token = perfiles.contact_by_token(
        link_in(smtp_sink[-1], "/empleo/contacto/").rsplit("/", 1)[1]).token
    assert act("grll_laboral_contact_respond", None, token=token,
               respuesta="rechazar") == {"estado": "rechazada"}
    with pytest.raises(tk.ValidationError):
        act("grll_laboral_contact_respond", None, token=token, respuesta="aceptar")
    assert "datos_contacto" not in act("grll_laboral_contact_list", people["empleador"])[0]
    with pytest.raises(tk.ObjectNotFound):
        act("grll_laboral_contact_respond", None, token="adivinado", respuesta="aceptar")
    with pytest.raises(tk.ValidationError) as again:
        act("grll_laboral_contact_request", people["empleador"], codigo=code, mensaje="Otra vez")
    assert "codigo" in again.value.error_dict


def test_bad_profiles_are_refused_with_the_field(app):
    with pytest.raises(tk.ValidationError) as error:
        act("grll_laboral_profile_create", None,
            **{**SEEKER, "ocupacion": "Mago", "ubigeo": "010101", "email": "sin-arroba"})
    assert set(error.value.error_dict) == {"ocupacion", "ubigeo", "email"}
    browser = app.test_client()
    response = browser.post("/empleo/perfiles/nuevo", data={
        **SEEKER, "email": "", "_csrf_token": form_token(browser, "/empleo/perfiles/nuevo")})
    assert response.status_code == 400
    assert page(response).select_one("#error-email") is not None
    assert perfiles.Perfil.query().count() == 0


def test_a_withdrawn_profile_leaves_search_and_stays_unavailable_in_open_data(app, people,
                                                                           smtp_sink):
    browser = app.test_client()
    response = browser.post("/empleo/perfiles/nuevo", data={
        **SEEKER, "_csrf_token": form_token(browser, "/empleo/perfiles/nuevo")})
    assert "está publicado" in response.get_data(as_text=True)
    manage = link_in(smtp_sink.pop(), "/empleo/perfiles/gestion/")
    browser.post(manage, data={"accion": "retirar", "_csrf_token": form_token(browser, manage)})
    assert act("grll_laboral_profile_search", None)["count"] == 0
    assert [r["disponible"] for r in open_dataset_rows(perfiles.DATASET)] == [False]
    with pytest.raises(tk.ValidationError):
        act("grll_laboral_contact_request", people["empleador"],
            codigo=perfiles.Perfil.query().one().codigo, mensaje="Hola")


def test_a_logged_in_seeker_answers_from_their_own_page(app, people, smtp_sink):
    seeker = factories.User(name="julia-busca")
    code = act("grll_laboral_profile_create", seeker, **SEEKER)["codigo"]
    act("grll_laboral_contact_request", people["empleador"], codigo=code, mensaje="Hola")
    [mine] = act("grll_laboral_profile_requests", seeker)
    request_id = mine["pedidos"][0]["id"]
    assert "token" not in mine["pedidos"][0]
    # Nobody else can answer it by id, not even another seeker.
    with pytest.raises(tk.ObjectNotFound):
        act("grll_laboral_contact_respond", people["ciudadano"], id=request_id,
            respuesta="aceptar")
    html = page(app.get("/empleo/perfiles/mios", headers=auth(seeker)))
    assert "Hola" in html.select_one(f"#perfil-{code}").get_text()
    app.post("/empleo/perfiles/mios", headers=auth(seeker),
             data={"id": request_id, "respuesta": "aceptar"})
    shared = act("grll_laboral_contact_list", people["empleador"])[0]
    assert shared["datos_contacto"]["email"] == SEEKER["email"]


@pytest.mark.ckan_config("ckanext.grll.laboral.rate_limit_per_hour", "2")
def test_profiles_from_one_connection_are_limited_per_hour(app, people, smtp_sink):
    browser = app.test_client()
    token = form_token(browser, "/empleo/perfiles/nuevo")
    for n in range(2):
        response = browser.post("/empleo/perfiles/nuevo",
                                data={**SEEKER, "email": f"p{n}@example.org", "_csrf_token": token})
        assert response.status_code == 200, page(response).select(".grll-laboral-error")
    refused = browser.post("/empleo/perfiles/nuevo",
                           data={**SEEKER, "email": "p3@example.org", "_csrf_token": token})
    assert refused.status_code == 400
    assert "Demasiados envíos" in page(refused).select_one(".alert-danger").get_text()
    assert perfiles.Perfil.query().count() == 2
