"""Report forms that forgive: the district found from the location, boundary slips
accepted (moderators see them, the public never), errors listed with links to their
fields, nothing typed lost after an error, decimal commas, and login or registration
that return to the form."""
from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import ckan.plugins.toolkit as tk
import pytest
from ckan.tests import factories
from feedback_helpers import act, point_in, submission, token_for

from ckanext.grll.feedback import privacy
from ckanext.grll.feedback.domains import enabled_domains
from ckanext.grll.feedback.logic.validators import POINT_DISTRICT_KEY
from ckanext.grll.feedback.model import Report
from ckanext.grll.reference import distritos
from portal_testing import backdate, form_token, page

PASSWORD = "Clave-de-prueba-2026"
# Capitals the 2007 polygons place in a neighbour (or, Pacasmayo, 74 m off the coast),
# and the district the polygons give them (None: the capital's own).
BOUNDARY_CAPITALS = {"130103": "130102", "130105": "130104", "130112": None,
                     "130704": None, "131004": "131005"}
LIMA = (-12.0464, -77.0428)
FOREIGN = ["https://sitio-ajeno.example/robar", "//sitio-ajeno.example/robar",
           "/\\sitio-ajeno.example/robar", "javascript:alert(1)"]


def where(response) -> str:
    location = response.headers["Location"]
    parts = urlsplit(location)
    return parts.path + (f"?{parts.query}" if parts.query else "")


# 1. "Usar mi ubicación" finds the district.

def test_the_district_of_a_point_is_answered_and_nothing_stored(app, organizations):
    lat, lon = point_in("130101")
    body = app.get("/reportes/distrito-del-punto", query_string={"lat": lat, "lon": lon}).json
    assert body == {"ubigeo": "130101", "distrito": "Trujillo", "provincia": "Trujillo"}
    pacasmayo = distritos()["130704"]
    assert app.get("/reportes/distrito-del-punto", query_string={
        "lat": pacasmayo.lat, "lon": pacasmayo.lon}).json["ubigeo"] == "130704"
    outside = app.get("/reportes/distrito-del-punto",
                      query_string={"lat": LIMA[0], "lon": LIMA[1]}).json
    assert outside["ubigeo"] is None and "fuera de La Libertad" in outside["mensaje"]
    assert Report.query().count() == 0


@pytest.mark.parametrize("query, field", [
    ({"lat": "abc", "lon": "-79"}, "lat"), ({"lat": "-8.1"}, "lon"),
    ({"lat": "-8.1", "lon": "-200"}, "lon"), ({"lat": "nan", "lon": "-79"}, "lat"),
    ({"lat": "-8." + "1" * 40, "lon": "-79"}, "lat"), ({"lat": "inf", "lon": "-79"}, "lat")])
def test_the_district_of_a_point_refuses_what_is_not_a_point(app, query, field):
    response = app.get("/reportes/distrito-del-punto", query_string=query)
    assert response.status_code == 400
    assert field in response.json["error"]


# 2. A boundary slip never refuses a citizen.

@pytest.mark.parametrize("ubigeo", sorted(BOUNDARY_CAPITALS))
def test_a_report_at_a_district_capital_is_accepted_with_the_chosen_district(
        app, people, ubigeo):
    category = enabled_domains()["agua"].categories["fuga"]
    capital = distritos()[ubigeo]
    code = act("grll_feedback_create", people["ciudadana"], **submission(
        category, lat=capital.lat, lon=capital.lon, ubigeo=ubigeo))["codigo"]
    report = Report.by_code(code)
    assert report.ubigeo == ubigeo
    assert report.answers.get(POINT_DISTRICT_KEY) == BOUNDARY_CAPITALS[ubigeo]
    manage = page(app.get(f"/reportes/gestion/{code}",
                          headers={"Authorization": token_for(people["sysadmin"])}))
    mismatch = manage.find(id="point-district-mismatch")
    if BOUNDARY_CAPITALS[ubigeo] is None:
        assert mismatch is None
    else:
        neighbour = distritos()[BOUNDARY_CAPITALS[ubigeo]]
        assert neighbour.nombre in mismatch.get_text()
        assert POINT_DISTRICT_KEY not in manage.get_text()


def test_the_mismatch_never_reaches_a_public_output(app, people, staff_of):
    category = enabled_domains()["agua"].categories["fuga"]
    capital = distritos()["130103"]
    code = act("grll_feedback_create", people["ciudadana"], **submission(
        category, lat=capital.lat, lon=capital.lon, ubigeo="130103"))["codigo"]
    backdate(code, 8)
    act("grll_feedback_status_update", staff_of(category), code=code, status="en_revision")
    report = Report.by_code(code)
    assert privacy.is_public(report, category)
    public = {
        "show": json.dumps(act("grll_feedback_show", None, code=code)),
        "list": json.dumps(act("grll_feedback_list", None, domain="agua")),
        "track": app.get(f"/seguimiento/{code}").get_data(as_text=True),
        "open311": app.get(f"/open311/v2/requests/{code}.json").get_data(as_text=True),
    }
    assert code in public["list"] and code in public["open311"]
    for name, text in public.items():
        assert POINT_DISTRICT_KEY not in text, name
        assert "límites de 2007" not in text, name
    assert '"130102"' not in public["show"] and '"130102"' not in public["list"]
    projection = privacy.public_view(report, category)
    assert POINT_DISTRICT_KEY not in projection.answers


def test_a_point_outside_la_libertad_is_still_refused(people):
    category = enabled_domains()["agua"].categories["fuga"]
    with pytest.raises(tk.ValidationError) as refused:
        act("grll_feedback_create", people["ciudadana"], **submission(
            category, lat=LIMA[0], lon=LIMA[1], ubigeo="130101"))
    assert "fuera de La Libertad" in refused.value.error_dict["lat"][0]
    assert Report.query().count() == 0


# 3. Errors are listed with links, and nothing typed is lost.

@pytest.mark.parametrize("domain, category", [
    ("agua", "calidad"), ("agro", "precio-chacra"), ("seguridad", "robo")])
def test_every_error_is_listed_with_a_link_to_its_field(app, organizations, domain, category):
    url = f"/reportes/{domain}/nuevo/{category}"
    client = app.test_client()
    token = form_token(client, url)
    response = client.post(url, data={"description": "corto", "lat": str(LIMA[0]),
                                      "lon": str(LIMA[1]), "_csrf_token": token})
    assert response.status_code == 400
    html = page(response)
    box = html.find(id="errores")
    links = {a["href"]: a.get_text() for a in box.find_all("a")}
    assert "#description" in links and "#donde" in links
    assert "al menos 10 caracteres" in links["#description"]
    assert "fuera de La Libertad" in links["#donde"]
    required = [q for q in enabled_domains()[domain].categories[category].questions
                if q.required]
    for question in required:
        assert f"#q-{question.code}" in links, question.code
        assert "Responda esta pregunta" in links[f"#q-{question.code}"]
    for href in links:
        assert html.find(id=href[1:]) is not None, href


def test_nothing_ticked_chosen_or_typed_is_lost_after_an_error(app, organizations):
    question = enabled_domains()["agua"].categories["calidad"].questions[0]
    ticked = list(question.value_keys[:2])
    lat, lon = point_in("130101")
    url = "/reportes/agua/nuevo/calidad"
    client = app.test_client()
    token = form_token(client, url)
    response = client.post(url, data={
        "description": "corto", "q-problema": ticked, "q-desde": "2026-11-20",
        "q-localidad": "Sector Los Pinos", "lat": str(lat), "lon": str(lon),
        "ubigeo": "130101", "address": "Jr. Pizarro 123", "identity": "publico",
        "name": "Rosa Quispe", "email": "vecina@example.com", "_csrf_token": token})
    assert response.status_code == 400
    html = page(response)
    checked = [i["value"] for i in html.find_all("input", attrs={"name": "q-problema"})
               if i.has_attr("checked")]
    assert checked == ticked
    assert html.find("textarea", id="description").get_text() == "corto"
    assert html.find("input", id="q-desde")["value"] == "2026-11-20"
    assert html.find("input", id="q-localidad")["value"] == "Sector Los Pinos"
    assert html.find("input", id="lat")["value"] == str(lat)
    assert html.find("input", id="lon")["value"] == str(lon)
    assert html.find("select", id="ubigeo").find("option", selected=True)["value"] == "130101"
    assert html.find("input", id="address")["value"] == "Jr. Pizarro 123"
    identity = [i["value"] for i in html.find_all("input", attrs={"name": "identity"})
                if i.has_attr("checked")]
    assert identity == ["publico"]
    assert html.find("input", id="name")["value"] == "Rosa Quispe"
    assert html.find("input", id="email")["value"] == "vecina@example.com"
    assert Report.query().count() == 0


# 4. Numbers typed with a decimal comma or point.

@pytest.mark.parametrize("typed, stored", [
    ("0,80", 0.8), ("0.80", 0.8), ("12", 12.0), (" 1,5 ", 1.5), (0.8, 0.8)])
def test_a_price_is_read_with_a_decimal_comma_or_point(people, typed, stored):
    category = enabled_domains()["agro"].categories["precio-chacra"]
    data = submission(category)
    data["answers"] = {**data["answers"], "precio-kg": typed, "cantidad-kg": "1.234,5"}
    code = act("grll_feedback_create", people["ciudadana"], **data)["codigo"]
    answers = Report.by_code(code).answers
    assert answers["precio-kg"] == stored
    assert answers["cantidad-kg"] == 1234.5


def test_an_ambiguous_number_is_refused_beside_its_field(app, organizations):
    category = enabled_domains()["agro"].categories["precio-chacra"]
    url = "/reportes/agro/nuevo/precio-chacra"
    client = app.test_client()
    html = page(client.get(url))
    field = html.find("input", id="q-precio-kg")
    assert field["type"] == "text" and field["inputmode"] == "decimal"
    assert "numero.js" in str(html)
    token = form_token(client, url)
    lat, lon = point_in("130101")
    crop = category.questions[0].value_keys[0]
    buyer = next(q for q in category.questions if q.code == "comprador").value_keys[0]
    response = client.post(url, data={
        "description": "Vendí mi cosecha en la chacra esta semana.", "q-cultivo": crop,
        "q-precio-kg": "1,250", "q-comprador": buyer, "q-fecha-venta": "2026-11-20",
        "lat": str(lat), "lon": str(lon), "identity": "anonimo", "_csrf_token": token})
    assert response.status_code == 400
    html = page(response)
    message = html.find(id="error-answers-precio-kg").get_text()
    assert "1,25" in message and "1250" in message
    assert html.find("input", id="q-precio-kg")["value"] == "1,250"
    assert html.find(id="errores").find("a", href="#q-precio-kg")
    assert Report.query().count() == 0


@pytest.mark.parametrize("sent", ["mucho", "1e3", 10 ** 400, "1.2.3,4", [1]])
def test_what_is_not_a_number_is_refused_by_its_field(people, sent):
    category = enabled_domains()["agro"].categories["precio-chacra"]
    data = submission(category)
    data["answers"] = {**data["answers"], "precio-kg": sent}
    with pytest.raises(tk.ValidationError) as refused:
        act("grll_feedback_create", people["ciudadana"], **data)
    assert refused.value.error_dict["answers.precio-kg"]
    assert Report.query().count() == 0


def test_a_number_out_of_bounds_is_refused_as_people_write_numbers(people):
    category = enabled_domains()["agro"].categories["precio-chacra"]
    data = submission(category)
    data["answers"] = {**data["answers"], "precio-kg": "0,001"}
    with pytest.raises(tk.ValidationError) as refused:
        act("grll_feedback_create", people["ciudadana"], **data)
    assert refused.value.error_dict["answers.precio-kg"] == ["Debe ser al menos 0,01"]


# 5. Login and registration return to where the person was.

@pytest.fixture
def vecina(clean_db):
    return factories.User(name="vecina", password=PASSWORD)


def log_in(client, query: dict[str, str]):
    token = form_token(client, "/user/login", query_string=query)
    return client.post("/user/login", query_string=query, follow_redirects=False, data={
        "login": "vecina", "password": PASSWORD, "_csrf_token": token})


def test_login_from_a_form_returns_to_the_form(app, organizations, vecina):
    form = "/reportes/laboral/nuevo/consulta"
    client = app.test_client()
    link = page(client.get(form)).find("a", string="Iniciar sesión")["href"]
    assert urlsplit(link).path == "/user/login"
    response = log_in(client, {"came_from": form})
    assert response.status_code == 302 and where(response) == form
    assert "necesita una cuenta" not in page(client.get(form)).get_text()


def test_a_login_link_without_came_from_returns_to_the_referring_page(app, vecina):
    site = tk.config["ckan.site_url"].rstrip("/")
    client = app.test_client()
    response = client.get("/user/login", follow_redirects=False,
                          headers={"Referer": f"{site}/agua/prestadores?p=2"})
    assert response.status_code == 302
    location = urlsplit(response.headers["Location"])
    assert location.path == "/user/login"
    assert parse_qs(location.query) == {"came_from": ["/agua/prestadores?p=2"]}
    for referer in ("https://sitio-ajeno.example/agua", f"{site}/user/register"):
        assert client.get("/user/login", follow_redirects=False,
                          headers={"Referer": referer}).status_code == 200


@pytest.mark.parametrize("foreign", FOREIGN)
@pytest.mark.parametrize("argument", ["came_from", "next"])
def test_login_never_sends_anyone_to_another_site(app, vecina, foreign, argument):
    client = app.test_client()
    html = page(client.get("/user/login", query_string={argument: foreign}))
    register = [a["href"] for a in html.find_all("a", href=True) if "/user/register" in a["href"]]
    assert register and not any("sitio-ajeno" in href for href in register)
    response = log_in(client, {argument: foreign})
    assert response.status_code == 302
    location = response.headers["Location"]
    assert "sitio-ajeno" not in location and not location.startswith("javascript")
    assert urlsplit(location).netloc in ("", urlsplit(tk.config["ckan.site_url"]).netloc)


def test_registration_returns_to_the_form(app, organizations):
    form = "/reportes/laboral/nuevo/consulta"
    client = app.test_client()
    login = page(client.get("/user/login", query_string={"came_from": form}))
    # The login page's own "Crear una cuenta" button (the header's link has the Referer).
    register = login.find("a", class_="btn", href=lambda h: h and "/user/register" in h)["href"]
    assert parse_qs(urlsplit(register).query) == {"came_from": [form]}
    token = form_token(client, register)
    response = client.post(register, follow_redirects=False, data={
        "name": "nueva-vecina", "fullname": "Nueva Vecina", "email": "nueva@example.com",
        "password1": PASSWORD, "password2": PASSWORD, "_csrf_token": token})
    assert response.status_code == 302 and where(response) == form
    assert "necesita una cuenta" not in page(client.get(form)).get_text()


def test_registration_never_sends_anyone_to_another_site(app, organizations):
    client = app.test_client()
    query = {"came_from": FOREIGN[0]}
    token = form_token(client, "/user/register", query_string=query)
    response = client.post("/user/register", query_string=query, follow_redirects=False,
                           data={"name": "otra-vecina", "fullname": "Otra Vecina",
                                 "email": "otra@example.com", "password1": PASSWORD,
                                 "password2": PASSWORD, "_csrf_token": token})
    assert response.status_code == 302
    assert "sitio-ajeno" not in response.headers["Location"]
