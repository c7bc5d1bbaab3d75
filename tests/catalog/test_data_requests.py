"""Data requests: asking, answering, closing, the public list and followers' emails."""
from __future__ import annotations

import ckan.plugins.toolkit as tk
import pytest
from bs4 import BeautifulSoup
from catalog_testing import call
from ckan.tests import factories

from portal_testing import form_token, signed_in

WATER = "vigilancia-calidad-agua-consumo-2024"


def as_user(user: dict, action: str, **data_dict):
    return tk.get_action(action)({"user": user["name"]}, data_dict)


@pytest.fixture(scope="module")
def people(catalog):
    organization = call("package_show", id=WATER)["organization"]["name"]
    steward, citizen, follower = factories.User(), factories.User(), factories.User()
    call("organization_member_create", id=organization, username=steward["name"],
         role="editor")
    return {"steward": steward, "citizen": citizen, "follower": follower,
            "organization": organization}


def ask(people, **changes):
    return as_user(people["citizen"], "grll_catalog_data_request_create", **{
        "title": "Cloro residual por centro poblado",
        "description": "Mediciones mensuales de cloro residual por centro poblado.",
        "organization": people["organization"], **changes})


def test_request_is_public_open_and_followed_by_its_author(app, people):
    request = ask(people)
    assert request["status"] == "abierta"
    assert request["following"] is True
    page = BeautifulSoup(app.get("/solicitudes").body, "html.parser")
    assert "Cloro residual por centro poblado" in page.select_one("table.grll-requests").get_text()
    shown = tk.get_action("grll_catalog_data_request_show")({"user": ""}, {"id": request["id"]})
    assert shown["organization"]["name"] == people["organization"]


def test_only_the_suggested_organization_closes_and_followers_are_emailed(app, people,
                                                                         mail_server):
    request = ask(people)
    as_user(people["follower"], "grll_catalog_data_request_follow", id=request["id"])
    with pytest.raises(tk.NotAuthorized):
        as_user(people["citizen"], "grll_catalog_data_request_close", id=request["id"],
                status="rechazada", reason="No")
    closed = as_user(people["steward"], "grll_catalog_data_request_close", id=request["id"],
                     status="atendida", dataset=WATER)
    assert closed["status"] == "atendida"
    assert closed["dataset"]["name"] == WATER
    assert closed["notified"] == 2
    recipients = {message[2][0] for message in mail_server.get_smtp_messages()}
    assert {people["citizen"]["email"], people["follower"]["email"]} <= recipients
    page = BeautifulSoup(app.get(f"/solicitudes/{request['id']}").body, "html.parser")
    assert page.select_one(".grll-request-status").get_text() == "Atendida"
    assert page.find("a", href=f"/dataset/{WATER}")
    with pytest.raises(tk.ValidationError) as error:
        as_user(people["steward"], "grll_catalog_data_request_close", id=request["id"],
                status="rechazada", reason="Ya no")
    assert "status" in error.value.error_dict


@pytest.mark.parametrize("data,field", [
    ({"status": "atendida"}, "dataset"),
    ({"status": "atendida", "dataset": "no-existe"}, "dataset"),
    ({"status": "rechazada"}, "reason"),
    ({"status": "cerrada"}, "status"),
])
def test_closing_needs_a_dataset_or_a_reason(people, data, field):
    request = ask(people)
    with pytest.raises(tk.ValidationError) as error:
        as_user(people["steward"], "grll_catalog_data_request_close", id=request["id"], **data)
    assert field in error.value.error_dict


def test_status_filter_and_counts(app, people):
    request = ask(people, title="Padrón de JASS")
    as_user(people["steward"], "grll_catalog_data_request_close", id=request["id"],
            status="rechazada", reason="Lo publica la SUNASS")
    rejected = tk.get_action("grll_catalog_data_request_list")({}, {"status": "rechazada"})
    assert [r["title"] for r in rejected["results"]] == ["Padrón de JASS"]
    assert rejected["facets"]["status"]["abierta"] >= 1
    assert app.get("/solicitudes?status=cerrada").status_code == 400


@pytest.mark.parametrize("data,field", [
    ({"title": ""}, "title"), ({"organization": "no-existe"}, "organization"),
])
def test_bad_requests_are_refused_with_the_field(people, data, field):
    with pytest.raises(tk.ValidationError) as error:
        ask(people, **data)
    assert field in error.value.error_dict


def test_anonymous_visitors_read_but_cannot_ask(app, people):
    with pytest.raises(tk.NotAuthorized):
        tk.get_action("grll_catalog_data_request_create")({"user": ""}, {"title": "x"})
    assert app.get("/solicitudes/nueva", follow_redirects=False).status_code == 302
    browser = signed_in(app, people["citizen"]["name"])
    token = form_token(browser, "/solicitudes/nueva")
    response = browser.post("/solicitudes/nueva", data={
        "title": "", "description": "", "_csrf_token": token})
    assert response.status_code == 400
    # The form comes back with its errors (not a refusal of the post itself).
    assert BeautifulSoup(response.body, "html.parser").select_one("form.grll-request-form")
