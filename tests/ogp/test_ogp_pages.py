"""The plan's pages: Spanish by default and in English, the plan with its delays, a
commitment with every template field, the committee; the stewards' forms carry the
CSRF token, keep what was typed after a mistake and list each error linked to its field."""
from __future__ import annotations

from urllib.parse import urlsplit

import ckan.plugins.toolkit as tk
from bs4 import BeautifulSoup
from ogp_testing import act, day


def html(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def token(user: dict) -> dict[str, str]:
    key = tk.get_action("api_token_create")(
        {"user": user["name"], "ignore_auth": True}, {"user": user["name"], "name": "t"})
    return {"Authorization": key["token"]}


def test_the_plan_in_spanish_and_english(app, plan):
    page = html(app.get("/gobierno-abierto"))
    assert page.find("html")["lang"] == "es"
    card = page.select_one(".grll-ogp-card")
    assert "Compromiso 2: Gestión participativa del agua segura" in card.get_text(" ")
    assert "1 hito con retraso" in card.get_text(" ")
    assert card.find("progress")["value"] == "33"
    assert page.select_one(".grll-data-date time")  # how old the plan's data is
    english = html(app.get("/en/gobierno-abierto"))
    assert english.find("html")["lang"] == "en"
    assert "1 milestone delayed" in english.select_one(".grll-ogp-card").get_text(" ")
    assert "Open Government action plan" in english.find("h1").get_text()


def test_a_commitment_shows_its_template_milestones_and_timeline(app, plan):
    page = html(app.get("/gobierno-abierto/compromiso/2"))
    text = page.get_text(" ")
    for expected in ("Problema público", "Línea de base", "Relevancia para la transparencia",
                     "Relevancia para la rendición de cuentas", "ODS 6", "Indicadores en vivo",
                     "Línea de tiempo"):
        assert expected in text
    milestones = page.select(".grll-ogp-hitos > li")
    assert ["Con retraso" in m.get_text() for m in milestones] == [False, True, False]
    # Visitors see no steward form; they are invited to log in to comment.
    assert not page.select("form.grll-ogp-form")
    assert "Inicie sesión para comentar" in text
    assert app.get("/gobierno-abierto/compromiso/9").status_code == 404


def test_the_lead_updates_a_milestone_from_the_page(app, plan):
    auth = token(plan["lider"])
    page = html(app.get("/gobierno-abierto/compromiso/2", headers=auth))
    form = page.select_one("#form-hito")
    assert form.find("input", attrs={"name": "_csrf_token"}) is not None
    assert page.select_one("#form-nuevo-hito") is None  # the secretariat's, not the lead's
    late = plan["hitos"][1]["id"]
    response = app.post(form["action"], data={"id": late, "avance": "completado"},
                        headers=auth, follow_redirects=False)
    assert response.status_code == 302
    assert urlsplit(response.headers["Location"]).path == "/gobierno-abierto/compromiso/2"
    again = html(app.get("/gobierno-abierto/compromiso/2"))
    assert not any("Con retraso" in m.get_text() for m in again.select(".grll-ogp-hitos > li"))


def test_a_form_with_mistakes_keeps_the_input_and_links_each_error(app, plan):
    auth = token(plan["secretaria"])
    response = app.post("/gobierno-abierto/compromiso/2/nuevo-hito", headers=auth, data={
        "descripcion": "Talleres con JASS", "fecha_inicio": day(10), "fecha_fin": day(1),
        "responsable": ""})
    assert response.status_code == 400
    page = html(response)
    form = page.select_one("#form-nuevo-hito")
    assert form.find("textarea", attrs={"name": "descripcion"}).get_text() == "Talleres con JASS"
    links = {a["href"]: a.get_text() for a in form.select(".alert-danger a")}
    assert "#f-nuevo-hito-responsable" in links
    assert "anterior a la fecha inicial" in links["#f-nuevo-hito-fecha_fin"]
    assert page.select_one("#f-nuevo-hito-fecha_fin")["aria-invalid"] == "true"


def test_an_outsider_cannot_post_a_stewards_form(app, plan):
    response = app.post("/gobierno-abierto/compromiso/2/hito", headers=token(plan["otro"]),
                        data={"id": plan["hitos"][1]["id"], "avance": "completado"})
    assert response.status_code == 403


def test_the_secretariat_edits_the_commitment_keeping_its_fields(app, plan):
    auth = token(plan["secretaria"])
    page = html(app.get("/gobierno-abierto/compromiso/2/editar", headers=auth))
    assert page.select_one("#f-compromiso-titulo")["value"] == \
        "Gestión participativa del agua segura"
    assert app.get("/gobierno-abierto/compromiso/2/editar",
                   headers=token(plan["lider"])).status_code == 403
    data = {field["name"]: field.get("value", "") for field in page.select(
        "#form-compromiso input[name]") if field["name"] != "_csrf_token"}
    data.update({t["name"]: t.get_text() for t in page.select("#form-compromiso textarea")})
    data["titulo"] = "Agua segura con participación"
    response = app.post("/gobierno-abierto/compromiso/2/editar", data=data, headers=auth,
                        follow_redirects=False)
    assert response.status_code == 302
    assert act("grll_ogp_commitment_show", None, numero=2)["titulo"] == \
        "Agua segura con participación"


def test_a_citizen_comments_and_the_secretariat_approves(app, plan):
    citizen = token(plan["ciudadana"])
    response = app.post("/gobierno-abierto/compromiso/2/comentario", headers=citizen,
                        data={"texto": "Falta el agua en mi barrio"}, follow_redirects=False)
    assert response.status_code == 302
    assert "Falta el agua en mi barrio" not in app.get(
        "/gobierno-abierto/compromiso/2").get_data(as_text=True)
    queue = html(app.get("/gobierno-abierto/moderacion", headers=token(plan["secretaria"])))
    comment_id = queue.find("input", attrs={"name": "id"})["value"]
    app.post("/gobierno-abierto/moderacion", headers=token(plan["secretaria"]),
             data={"id": comment_id, "estado": "aprobado"})
    assert "Falta el agua en mi barrio" in app.get(
        "/gobierno-abierto/compromiso/2").get_data(as_text=True)
    assert app.get("/gobierno-abierto/moderacion", headers=citizen).status_code == 403


def test_the_committee_page(app, plan):
    act("grll_ogp_member_create", plan["secretaria"], nombre="Ana Ruiz",
        sector="sociedad_civil", organizacion="CODESCILL", rol="Vocera")
    session = act("grll_ogp_session_create", plan["secretaria"], fecha=day(-3),
                  agenda="Revisión de hitos")
    act("grll_ogp_agreement_create", plan["secretaria"], sesion_id=session["id"],
        texto="Recuperar la calificación", hito_id=plan["hitos"][1]["id"])
    page = html(app.get("/gobierno-abierto/comite"))
    text = page.get_text(" ")
    assert "Ana Ruiz" in text and "Recuperar la calificación" in text
    assert page.select_one("a[href='/gobierno-abierto/compromiso/2']")
    assert not page.select("form.grll-ogp-form")  # the secretariat's forms only
    secretariat = html(app.get("/gobierno-abierto/comite", headers=token(plan["secretaria"])))
    assert [f["id"] for f in secretariat.select("form.grll-ogp-form")] == [
        "form-miembro", "form-sesion", "form-acuerdo"]
    english = html(app.get("/en/gobierno-abierto/comite"))
    assert "Open Government Committee" in english.find("h1").get_text()


def test_a_portal_without_a_plan_says_so(app, people):
    response = app.get("/gobierno-abierto")
    assert response.status_code == 200
    assert "Todavía no hay compromisos publicados." in response.get_data(as_text=True)
    assert app.get("/gobierno-abierto/comite").status_code == 200
