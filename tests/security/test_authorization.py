"""Authorization gaps: nothing of a private dataset reaches anyone who may not read it.

A data request is public, so it may only be answered with a public dataset; CKAN's tag
and member actions (chained by grll_catalog) only speak of datasets the caller may read.
Every check is a real HTTP request, as an anonymous visitor, as a member of another
organization and as a member of the organization that owns the private dataset.
"""
from __future__ import annotations

import json
from typing import Any

import ckan.plugins.toolkit as tk
import pytest
from ckan.tests import factories

from portal_testing import ensure_portal_plugins, form_token, site_context

PASSWORD = "Clave-de-prueba-2026"
DATASET_METADATA = {"notes": "Datos de prueba.", "entidad": "Gobierno Regional La Libertad",
                    "fuente": "Registro de prueba", "frecuencia": "MONTHLY",
                    "cobertura_espacial": "13", "license_id": "cc-by",
                    "maintainer": "Oficina de datos", "maintainer_email": "datos@example.org"}
SECRET_TAG, SHARED_TAG, PUBLIC_TAG = "expedientes-reservados", "salud", "vacunacion"


def _token(user: dict[str, Any]) -> str:
    return tk.get_action("api_token_create")(
        site_context(), {"user": user["name"], "name": "autorizacion"})["token"]


@pytest.fixture(scope="module")
def world(reset_db, reset_index) -> dict[str, Any]:
    """An organization with a private and a public dataset in a group, another
    organization, and one person of each kind."""
    ensure_portal_plugins()
    reset_db()
    reset_index()
    owner_org = factories.Organization(name="gerencia-salud")
    other_org = factories.Organization(name="gerencia-trabajo")
    group = factories.Group(name="salud-publica")
    member = factories.User(name="miembro-salud", password=PASSWORD)
    outsider = factories.User(name="editor-trabajo", password=PASSWORD)
    for organization, user, role in ((owner_org, member, "member"),
                                     (other_org, outsider, "editor")):
        tk.get_action("organization_member_create")(site_context(), {
            "id": organization["id"], "username": user["name"], "role": role})
    private = factories.Dataset(
        name="sumarios-internos", title="Sumarios internos de la gerencia", private=True,
        owner_org=owner_org["id"], tags=[{"name": SECRET_TAG}, {"name": SHARED_TAG}],
        **DATASET_METADATA)
    public = factories.Dataset(
        name="campanas-vacunacion", title="Campañas de vacunación", owner_org=owner_org["id"],
        tags=[{"name": PUBLIC_TAG}, {"name": SHARED_TAG}], **DATASET_METADATA)
    for dataset in (private, public):
        tk.get_action("member_create")(site_context(), {
            "id": group["id"], "object": dataset["id"], "object_type": "package",
            "capacity": "public"})
    return {"owner_org": owner_org, "group": group, "private": private, "public": public,
            "member": member, "outsider": outsider,
            "headers": {"anonymous": {}, "outsider": {"Authorization": _token(outsider)},
                        "member": {"Authorization": _token(member)}}}


def api(app, world: dict[str, Any], who: str, action: str, **params: Any) -> Any:
    response = app.get(f"/api/3/action/{action}", query_string=params,
                       headers=world["headers"][who])
    return response.status_code, response.json


def private_traces(world: dict[str, Any]) -> tuple[str, ...]:
    private = world["private"]
    return private["id"], private["name"], private["title"]


# --- data requests ------------------------------------------------------------------

def ask(world: dict[str, Any], title: str) -> dict[str, Any]:
    return tk.get_action("grll_catalog_data_request_create")(
        {"user": world["member"]["name"]},
        {"title": title, "description": "Para un estudio de la región."})


def test_a_data_request_cannot_be_closed_with_a_private_dataset(app, world):
    request = ask(world, "Sumarios de la gerencia")
    for dataset in (world["private"]["name"], world["private"]["id"]):
        response = app.post("/api/3/action/grll_catalog_data_request_close",
                            headers=world["headers"]["outsider"],
                            json={"id": request["id"], "status": "atendida",
                                  "dataset": dataset})
        assert response.status_code == 409
        error = response.json["error"]
        assert "dataset" in error and "público" in error["dataset"][0]
    # The web form of an editor of another organization is refused the same way.
    browser = app.test_client()
    login = form_token(browser, "/user/login")
    browser.post("/user/login", data={"login": world["outsider"]["name"],
                                      "password": PASSWORD, "_csrf_token": login})
    token = form_token(browser, f"/solicitudes/{request['id']}")
    page = browser.post(f"/solicitudes/{request['id']}/cerrar", data={
        "status": "atendida", "dataset": world["private"]["name"], "_csrf_token": token})
    assert "no privado" in page.get_data(as_text=True)
    _status, shown = api(app, world, "anonymous", "grll_catalog_data_request_show",
                         id=request["id"])
    assert shown["result"]["status"] == "abierta" and shown["result"]["dataset"] is None


def test_a_request_answered_by_a_dataset_made_private_later_shows_nothing_of_it(app, world):
    """Closing checks the dataset once; every public output checks it again."""
    request = ask(world, "Campañas por distrito")
    closed = tk.get_action("grll_catalog_data_request_close")(
        {"user": world["outsider"]["name"]},
        {"id": request["id"], "status": "atendida", "dataset": world["public"]["name"]})
    assert closed["dataset"]["name"] == world["public"]["name"]
    tk.get_action("package_patch")(site_context(), {"id": world["public"]["id"],
                                                      "private": True})
    try:
        outputs = [
            app.get(f"/solicitudes/{request['id']}").get_data(as_text=True),
            app.get("/solicitudes").get_data(as_text=True),
            json.dumps(api(app, world, "anonymous", "grll_catalog_data_request_show",
                           id=request["id"])[1]),
            json.dumps(api(app, world, "anonymous", "grll_catalog_data_request_list")[1]),
        ]
        for output in outputs:
            for trace in (world["public"]["id"], world["public"]["name"],
                          world["public"]["title"]):
                assert trace not in output
    finally:
        tk.get_action("package_patch")(site_context(), {"id": world["public"]["id"],
                                                          "private": False})


# --- tags ----------------------------------------------------------------------------

@pytest.mark.parametrize("who,sees_secret", [
    ("anonymous", False), ("outsider", False), ("member", True)])
def test_tags_come_only_from_datasets_the_caller_may_read(app, world, who, sees_secret):
    _status, names = api(app, world, who, "tag_list")
    assert {PUBLIC_TAG, SHARED_TAG} <= set(names["result"])
    assert (SECRET_TAG in names["result"]) is sees_secret
    _status, full = api(app, world, who, "tag_list", all_fields="true")
    assert (SECRET_TAG in {tag["name"] for tag in full["result"]}) is sees_secret
    _status, found = api(app, world, who, "tag_search", q="reservados")
    assert found["result"]["count"] == int(sees_secret)
    _status, suggested = api(app, world, who, "tag_autocomplete", q="expedientes")
    assert suggested["result"] == ([SECRET_TAG] if sees_secret else [])
    status, shown = api(app, world, who, "tag_show", id=SECRET_TAG)
    assert status == (200 if sees_secret else 404)
    status, shared = api(app, world, who, "tag_show", id=SHARED_TAG, include_datasets="true")
    assert status == 200
    assert world["private"]["name"] not in json.dumps(shared)


def test_tag_paging_counts_only_what_the_caller_may_see(app, world):
    _status, page = api(app, world, "anonymous", "tag_search", q="a", limit=1, offset=0)
    everything = api(app, world, "anonymous", "tag_search", q="a")[1]["result"]
    # Stock CKAN counts the private dataset's tag too ("expedientes-reservados" has an a).
    assert sorted(tag["name"] for tag in everything["results"]) == [SHARED_TAG, PUBLIC_TAG]
    assert page["result"]["count"] == 2
    assert [tag["name"] for tag in page["result"]["results"]] == \
        [everything["results"][0]["name"]]
    status, refused = api(app, world, "anonymous", "tag_autocomplete", q="a", limit="mucho")
    assert status == 409 and "limit" in refused["error"]


# --- members of groups and organizations --------------------------------------------

@pytest.mark.parametrize("who,sees_private", [
    ("anonymous", False), ("outsider", False), ("member", True)])
@pytest.mark.parametrize("owner", ["owner_org", "group"])
def test_members_list_only_datasets_the_caller_may_read(app, world, who, sees_private, owner):
    status, members = api(app, world, who, "member_list", id=world[owner]["name"],
                          object_type="package")
    assert status == 200
    ids = {member[0] for member in members["result"]}
    assert world["public"]["id"] in ids
    assert (world["private"]["id"] in ids) is sees_private


def test_the_users_of_an_organization_are_not_listed_to_the_public(app, world):
    _status, members = api(app, world, "anonymous", "member_list",
                           id=world["owner_org"]["name"])
    assert {member[1] for member in members["result"]} == {"package"}
    assert world["member"]["id"] not in json.dumps(members)
    _status, members = api(app, world, "member", "member_list",
                           id=world["owner_org"]["name"])
    assert world["member"]["id"] in {member[0] for member in members["result"]}
