"""The Spanish pages: report form, tracking page, public list, staff queue."""
from __future__ import annotations

import re

import pytest
from feedback_helpers import act, answer_for, ordinary_category, point_in, submission
from feedback_helpers import token_for as api_token

from ckanext.grll.feedback.domains import enabled_domains
from ckanext.grll.feedback.model import Report
from portal_testing import backdate, commitments, form_token, page


def token_for(user) -> dict[str, str]:
    return {"Authorization": api_token(user)}


def test_index_offers_every_domain_and_tracking(app):
    html = page(app.get("/reportes"))
    assert html.find("h1").get_text() == "Reportes ciudadanos"
    links = {a["href"] for a in html.find_all("a")}
    for domain in commitments():
        assert f"/reportes/{domain}/nuevo" in links
        assert f"/reportes/{domain}" in links
    assert html.find("form", action="/seguimiento")


def test_form_renders_the_category_questions_from_yaml(app):
    category = enabled_domains()["agro"].categories["precio-chacra"]
    html = page(app.get("/reportes/agro/nuevo/precio-chacra"))
    assert html.find("h1").get_text() == category.name
    for question in category.questions:
        assert html.find(attrs={"name": f"q-{question.code}"}), question.code
    crops = [i["value"] for i in html.find_all("input", attrs={"name": "q-cultivo"})]
    assert "arandano" in crops and "papa" in crops
    assert html.find("select", id="ubigeo").find("option", value="130101")
    assert html.find("input", attrs={"name": "photos", "type": "file"})["accept"] == \
        "image/jpeg,image/png"
    assert html.find("input", id="sitio_web")  # the honeypot
    assert "leaflet.js" in str(html)


def test_form_errors_are_shown_beside_the_fields_and_nothing_is_stored(app, organizations):
    browser = app.test_client()
    token = form_token(browser, "/reportes/agua/nuevo/fuga")
    response = browser.post("/reportes/agua/nuevo/fuga",
                            data={"description": "corto", "_csrf_token": token})
    assert response.status_code == 400
    html = page(response)
    assert html.find(id="error-description")
    assert "Indique el distrito" in html.find(id="error-ubigeo").get_text()
    assert html.find("textarea", id="description").get_text() == "corto"
    assert Report.query().count() == 0


def test_form_submission_leads_to_the_tracking_page(app, organizations):
    lat, lon = point_in("130101")
    browser = app.test_client()
    token = form_token(browser, "/reportes/agua/nuevo/baja-presion")
    response = browser.post("/reportes/agua/nuevo/baja-presion", data={
        "description": "Muy poca presión en toda la calle desde el lunes.",
        "lat": str(lat), "lon": str(lon), "q-horario": "manana", "identity": "anonimo",
        "email": "vecina@example.com", "_csrf_token": token}, follow_redirects=False)
    assert response.status_code == 302
    code = Report.query().one().tracking_code
    assert f"/seguimiento/{code}" in response.headers["Location"]
    html = page(app.get(f"/seguimiento/{code}?nuevo=1"))
    assert html.find(id="tracking-code").get_text() == code
    assert html.find(id="report-status").get_text() == "Recibido"
    assert "vecina@example.com" not in str(html)


def test_login_needed_for_labour_complaints(app, organizations):
    browser = app.test_client()
    html = page(browser.get("/reportes/laboral/nuevo/denuncia-laboral"))
    assert "necesita una cuenta" in html.get_text()
    token = form_token(browser, "/reportes/laboral/nuevo/denuncia-laboral")
    response = browser.post("/reportes/laboral/nuevo/denuncia-laboral", data={
        "description": "No me pagan las horas extra desde hace meses.", "ubigeo": "130101",
        "_csrf_token": token})
    assert response.status_code == 403
    assert Report.query().count() == 0


def test_tracking_lookup_and_unknown_code(app, organizations):
    assert app.get("/seguimiento/ZZZZZ-ZZZZZ").status_code == 404
    response = app.get("/seguimiento?codigo=abcde-fghjk", follow_redirects=False)
    assert response.headers["Location"].endswith("/seguimiento/ABCDE-FGHJK")


def test_public_list_shows_published_reports_only(app, people, staff_of):
    category = ordinary_category("agua")
    public = act("grll_feedback_create", people["ciudadana"], **submission(category))["codigo"]
    backdate(public, 8)
    act("grll_feedback_status_update", staff_of(category), code=public, status="en_revision")
    waiting = act("grll_feedback_create", people["ciudadana"], **submission(
        category, description="Todavía sin revisar por la entidad responsable."))["codigo"]
    html = page(app.get("/reportes/agua"))
    text = html.get_text()
    assert public in str(html) and waiting not in str(html)
    assert "1 reporte publicado" in text
    points = html.find("script", id="grll-list-points").get_text()
    assert str(point_in("130101")[0]) not in points


def test_staff_queue_and_answering_from_the_page(app, people, staff_of):
    category = ordinary_category("agua")
    code = act("grll_feedback_create", people["ciudadana"], **submission(category))["codigo"]
    response = app.get("/reportes/gestion", follow_redirects=False)
    assert response.status_code == 302 and "/user/login" in response.headers["Location"]
    assert app.get("/reportes/gestion", headers=token_for(people["ciudadana"])).status_code == 403
    staff = token_for(staff_of(category))
    html = page(app.get("/reportes/gestion", headers=staff))
    assert html.find("a", string=code)
    assert app.get(f"/reportes/gestion/{code}",
                   headers=token_for(people["gerencia-regional-salud"])).status_code == 403
    manage = page(app.get(f"/reportes/gestion/{code}", headers=staff))
    assert "vecina@example.com" in manage.get_text()
    response = app.post(f"/reportes/gestion/{code}", headers=staff, data={
        "accion": "estado", "status": "en_proceso", "public_note": "Cuadrilla en camino."})
    assert response.status_code == 200
    assert act("grll_feedback_show", None, code=code)["estado"] == "en_proceso"
    bad = app.post(f"/reportes/gestion/{code}", headers=staff, data={
        "accion": "estado", "status": "rechazado"})
    assert bad.status_code == 400
    tracking = page(app.get(f"/seguimiento/{code}")).find(id="timeline").get_text()
    assert "Cuadrilla en camino." in tracking


@pytest.mark.ckan_config("ckanext.grll.feedback.flag_hide_accounts", "1")
def test_report_abuse_from_the_tracking_page(app, people):
    category = ordinary_category("agua")
    code = act("grll_feedback_create", people["ciudadana"], **submission(category))["codigo"]
    browser = app.test_client()
    token = form_token(browser, f"/seguimiento/{code}")
    response = browser.post(f"/seguimiento/{code}/abuso",
                            data={"reason": "spam", "_csrf_token": token},
                            follow_redirects=False)
    assert response.status_code == 302
    html = page(app.get(f"/seguimiento/{code}?marcado=1"))
    assert re.search("moderador revisará", html.get_text())
    # An anonymous flag asks for a review; only accounts' flags hide.
    assert html.find(id="report-status").get_text() == "Recibido"
    app.post(f"/seguimiento/{code}/abuso", data={"reason": "spam"},
             headers=token_for(people["sysadmin"]))
    html = page(app.get(f"/seguimiento/{code}"))
    assert html.find(id="report-status").get_text() == "Oculto por moderación"


def test_pages_are_offered_in_english(app):
    html = page(app.get("/en/reportes"))
    assert html.find("h1").get_text() == "Citizen reports"
    assert "Make a report" in html.get_text()


def test_the_moderation_page_shows_every_kind_of_answer(app, people, staff_of):
    category = enabled_domains()["agro"].categories["precio-chacra"]
    numbers = [q for q in category.questions if q.datatype == "number"]
    assert numbers
    answers = {q.code: answer_for(q) for q in category.questions}
    code = act("grll_feedback_create", people["ciudadana"],
               **submission(category, answers=answers))["codigo"]
    response = app.get(f"/reportes/gestion/{code}", headers=token_for(staff_of(category)))
    assert response.status_code == 200
    facts = page(response).get_text()
    for question in numbers:
        assert question.label in facts
        # Written as the portal writes numbers: 0.01 reads "0,01".
        value = Report.by_code(code).answers[question.code]
        assert str(value).replace(".", ",") in facts


@pytest.mark.parametrize("number", [str(10**20), "abc", "0", "-1", "1.5", ""], ids=repr)
def test_a_page_number_that_is_no_page_is_refused(app, people, staff_of, number):
    staff = token_for(staff_of(ordinary_category("agua")))
    for url, headers in (("/reportes/agua", {}), ("/reportes/gestion", staff)):
        response = app.get(url, query_string={"page": number}, headers=headers)
        assert response.status_code == 400, (url, number)
        assert "page" in response.get_data(as_text=True)
    assert app.get("/reportes/gestion", query_string={"status": "inventado"},
                   headers=staff).status_code == 400
