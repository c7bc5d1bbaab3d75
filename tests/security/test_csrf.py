"""CSRF: a page on another site cannot post the portal's forms with a visitor's session.

CKAN checks a per-session token (Flask-WTF) on every POST, but by default exempts every
plugin's blueprint (``ckan.csrf_protection.ignore_extensions = true``); the portal turns
that exemption off and every form carries the token. These tests post to every POST
route of the running app, taken from Flask's url_map rather than from a list kept by
hand, as a logged-in sysadmin (the identity with the most to lose) without the token and
with a foreign ``Origin``: each is refused and nothing stored changes. Anonymous posts
are checked too (CKAN 2.11 let them all through; see ckanext/grll/csrf.py).
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import ckan.model as model
import ckan.plugins.toolkit as tk
import pytest
import sqlalchemy as sa
from bs4 import BeautifulSoup
from ckan.tests import factories

from ckanext.grll.feedback.model import Report
from portal_testing import ensure_portal_plugins, form_token, site_context

PASSWORD = "Clave-de-prueba-2026"
FOREIGN_ORIGIN = "https://sitio-ajeno.example"
# What the portal's dataset schema requires.
DATASET_METADATA = {"notes": "Datos de prueba.", "entidad": "Gobierno Regional La Libertad",
                    "fuente": "Registro de prueba",
                    "frecuencia": "MONTHLY", "cobertura_espacial": "13", "license_id": "cc-by",
                    "maintainer": "Oficina de datos", "maintainer_email": "datos@example.org"}
TEMPLATES = Path(__file__).resolve().parents[2] / "ckanext-grll" / "ckanext" / "grll"

# POST routes a session cookie cannot drive, so they need no token. Each says why.
NOT_SESSION_ROUTES = {
    # GeoReport v2 clients authenticate with an api_key (or post anonymously); the
    # endpoint ignores the session cookie, so a forged post acts as nobody in particular
    # (test_open311_ignores_the_session_of_a_logged_in_browser).
    "grll_open311.request_list":
        "Open311 acts only for api_key or Authorization-header identities",
}
# Anonymous calls to the action API (e.g. grll_feedback_create, documented for
# third-party clients) carry no identity a forged request could borrow.
ANONYMOUS_API = {"api.action": "anonymous API clients send no CSRF token"}
# The start of the Spanish refusal page (ckanext/grll/csrf.py).
REFUSAL = "El formulario venció o no fue enviado desde este portal"


@pytest.fixture(scope="module")
def site(reset_db, reset_index, reset_redis) -> dict[str, Any]:
    """A sysadmin with a password, and one object of each kind the routes name."""
    ensure_portal_plugins()
    reset_db()
    reset_index()
    reset_redis()
    sysadmin = factories.Sysadmin(name="csrf-admin", password=PASSWORD)
    organization = factories.Organization(name="csrf-org")
    group = factories.Group(name="csrf-group")
    dataset = factories.Dataset(name="csrf-dataset", owner_org=organization["id"],
                                groups=[{"id": group["id"]}], **DATASET_METADATA)
    resource = factories.Resource(package_id=dataset["id"], url="https://example.org/a.csv")
    as_admin = {"user": sysadmin["name"]}
    request = tk.get_action("grll_catalog_data_request_create")(
        dict(as_admin), {"title": "Datos de prueba", "description": "Para la prueba."})
    reuse = tk.get_action("grll_catalog_reuse_create")(dict(as_admin), {
        "title": "Aplicación de prueba", "description": "Usa los datos.", "type": "app",
        "url": "https://example.org/app", "datasets": dataset["name"]})
    token = tk.get_action("api_token_create")(
        dict(site_context()), {"user": sysadmin["name"], "name": "csrf"})["token"]
    # Commitment 1 of the action plan, whose steward forms the routes name.
    tk.get_action("grll_ogp_commitment_create")(dict(as_admin), {
        "numero": 1, "titulo": "Compromiso de prueba", "fecha_inicio": "2026-01-01",
        "fecha_fin": "2027-12-31", "problema": "Un problema público.",
        "descripcion": "En qué consiste.", "organizacion": organization["name"]})
    return {"sysadmin": sysadmin, "organization": organization, "group": group,
            "dataset": dataset, "resource": resource, "request": request, "reuse": reuse,
            "token": token}


def logged_in_browser(app, user: dict[str, Any]):
    """A test client holding a real login: the /user/login form posted with its token."""
    browser = app.test_client()
    token = form_token(browser, "/user/login")
    response = browser.post("/user/login", data={
        "login": user["name"], "password": PASSWORD, "_csrf_token": token})
    assert response.status_code == 200
    assert is_logged_in(browser)
    return browser


def is_logged_in(browser) -> bool:
    return browser.get("/user/edit", follow_redirects=False).status_code == 200


def path_value(path: str, name: str, site: dict[str, Any]) -> str:
    """A plausible value for a path parameter: an existing object where there is one."""
    top = path.strip("/").split("/")[0]
    if name == "id":
        return {"organization": site["organization"]["name"],
                "group": site["group"]["name"],
                "user": site["sysadmin"]["name"]}.get(top, site["dataset"]["name"])
    return {"resource_id": site["resource"]["id"], "request_id": site["request"]["id"],
            "reuse_id": site["reuse"]["id"], "domain": "agua", "category": "fuga",
            "logic_function": "package_delete"}.get(name, "x")


def concrete_path(rule: Any, site: dict[str, Any]) -> str:
    def fill(match: re.Match) -> str:
        converter, arguments, name = match.groups()
        if converter == "any":
            return arguments.split(",")[0].strip()
        if converter == "int":
            least = re.search(r"min=(\d+)", arguments or "")
            return least.group(1) if least else "1"
        return path_value(rule.rule, name, site)
    return re.sub(r"<(?:(\w+)(?:\(([^)]*)\))?:)?(\w+)>", fill, rule.rule)


def stored_state() -> dict[str, str]:
    """A fingerprint of every table of the catalog database (users' last_active aside:
    CKAN refreshes it on any request)."""
    tables = sa.inspect(model.meta.engine).get_table_names()
    fingerprints = {}
    for table in tables:
        fingerprints[table] = model.Session.execute(sa.text(
            f'SELECT md5(coalesce(string_agg(r, \',\' ORDER BY r), \'\')) FROM '
            f'(SELECT md5((to_jsonb(t) - \'last_active\')::text) AS r FROM "{table}" t) s'
        )).scalar()
    model.Session.rollback()
    return fingerprints


def post_routes(app) -> list[Any]:
    rules = [rule for rule in app.flask_app.url_map.iter_rules() if "POST" in rule.methods]
    return sorted(rules, key=lambda rule: rule.rule)


def forged_posts(browser, rules: list[Any], site: dict[str, Any]) -> list[str]:
    """Post to each rule without the token, from a foreign origin; the ones not refused."""
    accepted = []
    for rule in rules:
        path = concrete_path(rule, site)
        response = browser.post(path, data={"id": site["dataset"]["id"]},
                                headers={"Origin": FOREIGN_ORIGIN}, follow_redirects=False)
        if response.status_code != 400 or REFUSAL not in response.get_data(as_text=True):
            accepted.append(f"{rule.endpoint} {path}: {response.status_code}")
    return accepted


def test_every_post_route_refuses_a_logged_in_post_without_the_token(app, site):
    browser = logged_in_browser(app, site["sysadmin"])
    before = stored_state()
    rules = post_routes(app)
    assert len(rules) > 150, "the url_map should hold CKAN's, the extensions' and ours"
    checked = [rule for rule in rules if rule.endpoint not in NOT_SESSION_ROUTES]
    assert len(checked) == len(rules) - len(NOT_SESSION_ROUTES)
    assert forged_posts(browser, checked, site) == []
    assert is_logged_in(browser), "a post without the token must not even log out"
    assert stored_state() == before
    assert model.Package.get(site["dataset"]["name"]).state == "active"


def test_every_form_refuses_an_anonymous_post_without_the_token(app, site):
    """CKAN 2.11 let every anonymous post through (see ckanext/grll/csrf.py): a forged
    login, or citizen reports sent by every visitor of a hostile page."""
    before = stored_state()
    rules = [rule for rule in post_routes(app)
             if rule.endpoint not in NOT_SESSION_ROUTES and rule.endpoint not in ANONYMOUS_API]
    assert len(rules) > 150
    assert forged_posts(app.test_client(), rules, site) == []
    assert stored_state() == before
    assert Report.query().count() == 0


def test_the_plugin_blueprints_are_not_exempt(app):
    """The exemption would also silence the test above for new plugin routes."""
    assert tk.asbool(tk.config.get("ckan.csrf_protection.ignore_extensions")) is False
    exempt = app.flask_app.extensions["csrf"]._exempt_blueprints
    assert {blueprint.name for blueprint in exempt} == {"grll_open311"}


def test_every_post_form_of_the_portal_templates_carries_the_token():
    post_form = re.compile(r"<form\b[^>]*method=[\"']?post[^>]*>(.*?)</form>", re.I | re.S)
    checked, missing = 0, []
    for template in sorted(TEMPLATES.rglob("templates/**/*.html")):
        for form in post_form.finditer(template.read_text(encoding="utf-8")):
            checked += 1
            if "h.csrf_input()" not in form.group(1):
                missing.append(f"{template.relative_to(TEMPLATES)}: {form.group(0)[:80]}")
    assert checked >= 30
    assert missing == []


def rendered_post_forms(html: str) -> list[Any]:
    page = BeautifulSoup(html, "html.parser")
    return [form for form in page.find_all("form")
            if (form.get("method") or "get").lower() == "post"]


# Portal pages that need records this module does not make (a laboral registry, e-mailed
# links); their templates are covered by the template test above.
NEEDS_RECORDS = {"grll_laboral.conflicto", "grll_laboral.negociacion",
                 "grll_laboral.contacto", "grll_laboral.perfil_gestion",
                 "grll_laboral.seguimiento_baja", "grll_laboral.sindicato_editar",
                 "grll_agro.alerta", "grll_feedback.manage",
                 "grll_agua.provider", "grll_community.reuse_edit"}


def test_the_portal_form_pages_render_the_token(app, site):
    browser = logged_in_browser(app, site["sysadmin"])
    pages = {rule.endpoint: concrete_path(rule, site)
             for rule in app.flask_app.url_map.iter_rules()
             if rule.endpoint.startswith("grll_") and {"GET", "POST"} <= rule.methods
             and rule.endpoint not in NEEDS_RECORDS and rule.endpoint not in NOT_SESSION_ROUTES}
    pages["grll_community.request_read"] = f"/solicitudes/{site['request']['id']}"
    pages["grll_community.reuse_read"] = f"/aplicaciones/{site['reuse']['id']}"
    assert len(pages) >= 14
    without_token = []
    for endpoint, path in sorted(pages.items()):
        response = browser.get(path)
        assert response.status_code == 200, (endpoint, path, response.status_code)
        forms = rendered_post_forms(response.get_data(as_text=True))
        assert forms, (endpoint, path, "no form to post")
        without_token += [f"{endpoint} {path} → {form.get('action')}" for form in forms
                          if not form.find("input", attrs={"name": "_csrf_token"})]
    assert without_token == []


def citizen_report(**extra: str) -> dict[str, str]:
    return {"description": "Fuga de agua en la esquina desde hace tres días.",
            "ubigeo": "130101", **extra}


def test_an_anonymous_report_needs_the_token_of_its_session(app, site):
    neighbour = app.test_client()
    token = form_token(neighbour, "/reportes/agua/nuevo/fuga")
    refused = app.test_client().post("/reportes/agua/nuevo/fuga",
                                     data=citizen_report(_csrf_token=token))
    assert refused.status_code == 400 and REFUSAL in refused.get_data(as_text=True)
    assert Report.query().count() == 0
    sent = neighbour.post("/reportes/agua/nuevo/fuga", data=citizen_report(_csrf_token=token),
                          follow_redirects=False)
    assert sent.status_code == 302 and "/seguimiento/" in sent.headers["Location"]
    assert Report.query().count() == 1


def test_the_api_with_an_api_token_needs_no_csrf_token(app, site):
    headers = {"Authorization": site["token"], "Origin": FOREIGN_ORIGIN}
    created = app.post("/api/3/action/package_create", headers=headers, json={
        "name": "csrf-api-dataset", "owner_org": site["organization"]["id"], **DATASET_METADATA})
    assert created.status_code == 200, created.get_data(as_text=True)
    assert model.Package.get("csrf-api-dataset") is not None
    browser = logged_in_browser(app, site["sysadmin"])
    forged = browser.post("/api/3/action/package_delete", json={"id": "csrf-api-dataset"},
                          headers={"Origin": FOREIGN_ORIGIN})
    assert forged.status_code == 400
    assert model.Package.get("csrf-api-dataset").state == "active"
    deleted = app.post("/api/3/action/package_delete", headers=headers,
                       json={"id": "csrf-api-dataset"})
    assert deleted.status_code == 200
    assert model.Package.get("csrf-api-dataset").state == "deleted"


def test_open311_ignores_the_session_of_a_logged_in_browser(app, site):
    browser = logged_in_browser(app, site["sysadmin"])
    # Labour complaints need an account: a session alone is not one for Open311.
    needs_account = browser.post("/open311/v2/requests.json", headers={
        "Origin": FOREIGN_ORIGIN}, data={"service_code": "laboral-denuncia-laboral",
                                         "address_id": "130101",
                                         "description": "No me pagan las horas extra."})
    assert needs_account.status_code == 403
    anonymous = browser.post("/open311/v2/requests.json", headers={
        "Origin": FOREIGN_ORIGIN}, data={"service_code": "agua-fuga", "address_id": "130101",
                                         "description": "Fuga de agua en la avenida."})
    assert anonymous.status_code == 201, anonymous.get_data(as_text=True)
    report = Report.by_code(anonymous.json[0]["service_request_id"])
    assert report.user_id is None


def test_the_farmers_form_kept_offline_takes_a_fresh_token_before_posting(live_server,
                                                                          browser, site):
    """The app's pages come from the offline cache when there is no signal, with the
    token of a session that may have ended: the form must still be accepted."""
    phone = browser.new_context(locale="es-PE", viewport={"width": 360, "height": 740})
    page = phone.new_page()
    try:
        page.goto(live_server + "/agro/reportar")
        # What a copy cached for another session carries: a token this one never had.
        phone.clear_cookies()
        page.eval_on_selector("input[name=_csrf_token]",
                              "input => { input.value = 'token-de-otra-sesion'; }")
        page.select_option("#q-cultivo", "papa")
        page.fill("#q-precio-kg", "0.97")
        page.fill("#q-cantidad-kg", "800")
        page.check("input[name=q-comprador][value=mercado]")
        page.fill("#q-fecha-venta", "2024-11-20")
        page.select_option("#ubigeo", "130601")
        page.click("form.agro-formulario button[type=submit]")
        page.wait_for_url("**/seguimiento/**")
    finally:
        phone.close()


def test_an_anonymous_visitor_still_pages_through_a_table_preview(app, site):
    """DataTables posts for its rows with the page's token (X-CSRF-Token): the check of
    anonymous posts must leave the previews of the catalog working."""
    context = site_context()
    resource = tk.get_action("resource_create")(dict(context), {
        "package_id": site["dataset"]["id"], "name": "Tabla", "url_type": "datastore",
        "url": "_datastore_only_resource"})
    tk.get_action("datastore_create")(dict(context), {
        "resource_id": resource["id"], "force": True,
        "fields": [{"id": "distrito", "type": "text"}, {"id": "casos", "type": "int"}],
        "records": [{"distrito": "Trujillo", "casos": 12}, {"distrito": "Otuzco", "casos": 3}]})
    view = tk.get_action("resource_view_create")(dict(context), {
        "resource_id": resource["id"], "view_type": "datatables_view", "title": "Tabla"})
    visitor = app.test_client()
    token = form_token(visitor, f"/dataset/{site['dataset']['name']}/resource/"
                                f"{resource['id']}/view/{view['id']}")
    rows = {"draw": "1", "search[value]": "", "start": "0", "length": "10"}
    answered = visitor.post(f"/datatables/ajax/{view['id']}", data=rows,
                            headers={"X-CSRF-Token": token})
    assert answered.status_code == 200
    assert json.loads(answered.get_data(as_text=True))["recordsTotal"] == 2
    forged = app.test_client().post(f"/datatables/ajax/{view['id']}", data=rows,
                                    headers={"Origin": FOREIGN_ORIGIN})
    assert forged.status_code == 400
