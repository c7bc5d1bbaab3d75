"""Reuses: submission, approval by the datasets' organization, pages, "Usado por", CSV."""
from __future__ import annotations

import csv
import io

import ckan.plugins.toolkit as tk
import pytest
from bs4 import BeautifulSoup
from catalog_testing import call
from ckan.tests import factories
from werkzeug.datastructures import FileStorage

from portal_testing import form_token, signed_in

WATER = "vigilancia-calidad-agua-consumo-2024"
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
       b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
       b"\x00\x00\x00\x00IEND\xaeB`\x82")


def as_user(user: dict, action: str, **data_dict):
    return tk.get_action(action)({"user": user["name"]}, data_dict)


def submit(user: dict, **changes):
    data = {"title": "Mapa del agua segura", "description": "Un mapa de la calidad del agua.",
            "type": "visualizacion", "url": "https://example.org/mapa",
            "datasets": [WATER], "authors": "Equipo Hackatón 2025", **changes}
    return as_user(user, "grll_catalog_reuse_create", **data)


@pytest.fixture(scope="module")
def people(catalog):
    organization = call("package_show", id=WATER)["organization"]["name"]
    editor, outsider, author = factories.User(), factories.User(), factories.User()
    call("organization_member_create", id=organization, username=editor["name"], role="editor")
    return {"editor": editor, "outsider": outsider, "author": author}


def test_submitted_reuse_is_pending_and_hidden_until_approved(app, people):
    reuse = submit(people["author"])
    assert reuse["state"] == "pendiente"
    assert [d["name"] for d in reuse["datasets"]] == [WATER]
    with pytest.raises(tk.ObjectNotFound):
        tk.get_action("grll_catalog_reuse_show")({"user": ""}, {"id": reuse["id"]})
    assert as_user(people["author"], "grll_catalog_reuse_show", id=reuse["id"])["title"]
    assert reuse["id"] not in app.get("/aplicaciones").body
    with pytest.raises(tk.NotAuthorized):
        as_user(people["outsider"], "grll_catalog_reuse_review", id=reuse["id"],
                decision="aprobada")

    pending = as_user(people["editor"], "grll_catalog_reuse_list", state="pendiente")
    assert reuse["id"] in [r["id"] for r in pending["results"]]
    as_user(people["editor"], "grll_catalog_reuse_review", id=reuse["id"], decision="aprobada")
    page = BeautifulSoup(app.get(f"/aplicaciones/{reuse['id']}").body, "html.parser")
    assert page.find("h1").get_text() == "Mapa del agua segura"
    assert page.select_one(".grll-reuse-datasets a")["href"] == f"/dataset/{WATER}"

    used_by = BeautifulSoup(app.get(f"/dataset/{WATER}").body, "html.parser").find(id="usado-por")
    assert "Mapa del agua segura" in used_by.get_text()


def test_rejection_needs_a_reason(people):
    reuse = submit(people["author"], title="Borrador")
    with pytest.raises(tk.ValidationError) as error:
        as_user(people["editor"], "grll_catalog_reuse_review", id=reuse["id"],
                decision="rechazada")
    assert "reason" in error.value.error_dict
    rejected = as_user(people["editor"], "grll_catalog_reuse_review", id=reuse["id"],
                       decision="rechazada", reason="Enlace roto")
    assert rejected["state"] == "rechazada"


@pytest.mark.parametrize("changes,field", [
    ({"url": "javascript:alert(1)"}, "url"),
    ({"url": "ftp://example.org/x"}, "url"),
    ({"type": "juego"}, "type"),
    ({"datasets": ["no-existe"]}, "datasets"),
    ({"datasets": []}, "datasets"),
    ({"title": ""}, "title"),
])
def test_bad_reuses_are_refused_with_the_field(people, changes, field):
    with pytest.raises(tk.ValidationError) as error:
        submit(people["author"], **changes)
    assert field in error.value.error_dict


def test_images_are_type_and_size_checked(people, ckan_config, monkeypatch):
    reuse = submit(people["author"], title="Con imagen",
                   image_upload=FileStorage(io.BytesIO(PNG), "logo.png"))
    assert reuse["image_url"].endswith(f"/aplicaciones/{reuse['id']}/imagen")
    with pytest.raises(tk.ValidationError) as error:
        submit(people["author"], image_upload=FileStorage(io.BytesIO(b"<svg>"), "x.png"))
    assert "image_upload" in error.value.error_dict
    monkeypatch.setitem(ckan_config, "ckanext.grll.catalog.reuse_image_max_kb", 1)
    with pytest.raises(tk.ValidationError) as error:
        submit(people["author"],
               image_upload=FileStorage(io.BytesIO(PNG + b"\0" * 2048), "big.png"))
    assert "image_upload" in error.value.error_dict


def test_anonymous_users_cannot_submit(app, people):
    with pytest.raises(tk.NotAuthorized):
        tk.get_action("grll_catalog_reuse_create")({"user": ""}, {"title": "x"})
    response = app.get("/aplicaciones/nueva", follow_redirects=False)
    assert response.status_code == 302
    assert "/user/login" in response.headers["Location"]


def test_form_errors_are_400_with_the_field_in_spanish(app, people):
    browser = signed_in(app, people["author"]["name"])
    token = form_token(browser, "/aplicaciones/nueva")
    response = browser.post("/aplicaciones/nueva", data={
        "title": "App", "description": "d", "type": "app", "url": "notaurl",
        "datasets": WATER, "_csrf_token": token})
    assert response.status_code == 400
    assert "Debe ser una dirección http:// o https://" in response.body


def test_list_has_type_facets_and_csv_export(app, people):
    approved = submit(people["author"], title="API de agua", type="api")
    as_user(people["editor"], "grll_catalog_reuse_review", id=approved["id"],
            decision="aprobada")
    listing = tk.get_action("grll_catalog_reuse_list")({"user": ""}, {"type": "api"})
    assert [r["title"] for r in listing["results"]] == ["API de agua"]
    assert listing["facets"]["type"]["visualizacion"] >= 1
    page = BeautifulSoup(app.get("/aplicaciones?type=api").body, "html.parser")
    assert [a.get_text() for a in page.select(".grll-reuse-list h2 a")] == ["API de agua"]
    response = app.get("/aplicaciones.csv")
    rows = list(csv.DictReader(io.StringIO(response.body)))
    every = tk.get_action("grll_catalog_reuse_list")({"user": ""}, {"limit": 1000})
    assert {row["id"] for row in rows} == {r["id"] for r in every["results"]}
    assert all(row["datasets"] == WATER for row in rows)
    assert app.get("/aplicaciones?type=juego").status_code == 400


def test_organization_facet_filters_reuses_by_the_organization_of_their_data(app, people):
    organization = call("package_show", id=WATER)["organization"]
    reuse = submit(people["author"], title="Tablero de cloro residual")
    as_user(people["editor"], "grll_catalog_reuse_review", id=reuse["id"], decision="aprobada")
    listing = tk.get_action("grll_catalog_reuse_list")(
        {"user": ""}, {"organization": organization["name"]})
    assert "Tablero de cloro residual" in [r["title"] for r in listing["results"]]
    assert listing["facets"]["organization"][organization["name"]] == listing["count"]
    other = tk.get_action("grll_catalog_reuse_list")(
        {"user": ""}, {"organization": "gerencia-regional-agricultura"})
    assert other["count"] == 0
    page = BeautifulSoup(app.get("/aplicaciones").body, "html.parser")
    assert organization["title"] in page.select_one(".grll-reuse-organizations").get_text()


def test_the_author_edits_and_deletes_their_reuse(app, people):
    reuse = submit(people["author"], title="Visor de agua")
    as_user(people["editor"], "grll_catalog_reuse_review", id=reuse["id"], decision="aprobada")
    with pytest.raises(tk.NotAuthorized):
        as_user(people["outsider"], "grll_catalog_reuse_update", id=reuse["id"],
                title="Secuestrado", description="x", type="app", url="https://example.org",
                datasets=[WATER])

    # The author's change goes back to review: the public saw what was approved.
    edited = as_user(people["author"], "grll_catalog_reuse_update", id=reuse["id"],
                     title="Visor de agua 2.0", description="Nueva versión.", type="app",
                     url="https://example.org/visor", datasets=[WATER])
    assert edited["state"] == "pendiente"
    assert edited["title"] == "Visor de agua 2.0"
    with pytest.raises(tk.ObjectNotFound):
        tk.get_action("grll_catalog_reuse_show")({"user": ""}, {"id": reuse["id"]})
    with pytest.raises(tk.ValidationError) as error:
        as_user(people["author"], "grll_catalog_reuse_update", id=reuse["id"],
                title="Visor", description="x", type="app", url="ftp://example.org",
                datasets=[WATER])
    assert "url" in error.value.error_dict

    # The edit form shows the current values to the author only.
    form = BeautifulSoup(signed_in(app, people["author"]["name"]).get(
        f"/aplicaciones/{reuse['id']}/editar").body, "html.parser")
    assert form.find("input", id="reuse-title")["value"] == "Visor de agua 2.0"
    assert form.find("input", id="reuse-datasets")["value"] == WATER
    # Back in review, the reuse is hidden from others: its edit page does not exist for them.
    assert signed_in(app, people["outsider"]["name"]).get(
        f"/aplicaciones/{reuse['id']}/editar").status_code == 404

    as_user(people["author"], "grll_catalog_reuse_delete", id=reuse["id"])
    with pytest.raises(tk.ObjectNotFound):
        as_user(people["author"], "grll_catalog_reuse_show", id=reuse["id"])
    assert app.get(f"/aplicaciones/{reuse['id']}").status_code == 404
