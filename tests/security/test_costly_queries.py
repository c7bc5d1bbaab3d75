"""Every search is bounded before it runs: a request beyond a bound, or a
malformed one, is refused through the real ``package_search`` API with 409
and the reason in Spanish, never a 500 and never the internal query (CKAN
adds the user's permission filters to every search)."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
import pytest

from portal_testing import ensure_portal_plugins

SEARCH = "/api/3/action/package_search"

#: The issue's costly query: thousands of infix wildcards, one GET.
WILDCARD_FLOOD = "title:(" + " OR ".join(f"*{i:x}a*" for i in range(5000)) + ")"


@pytest.fixture(scope="module")
def catalog(reset_db, reset_index) -> dict[str, Any]:
    """One public dataset, so that the searches within the bounds find it."""
    ensure_portal_plugins()
    reset_db()
    reset_index()
    user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    context = {"user": user["name"], "ignore_auth": True}
    organization = tk.get_action("organization_create")(
        dict(context), {"name": "costly-queries-org", "title": "Gerencia de prueba"})
    return tk.get_action("package_create")(dict(context), {
        "name": "calidad-agua-potable", "title": "Calidad del agua potable",
        "owner_org": organization["id"], "notes": "Muestras de cloro residual.",
        "license_id": "odc-by", "entidad": "Gobierno Regional", "fuente": "Pruebas",
        "maintainer": "Equipo de datos", "maintainer_email": "datos@example.org",
        "frecuencia": "ANNUAL", "cobertura_espacial": "130101", "tags": [{"name": "agua"}]})


def refusal(app: Any, params: dict[str, Any]) -> str:
    """The message of a search refused with 409, checked to be the reason
    alone: no internal query, no Solr wording."""
    response = app.get(SEARCH, query_string=params, status=409)
    body = response.get_data(as_text=True)
    assert response.json["success"] is False
    message = response.json["error"]["message"]
    for internal in ("permission_labels", "site_id", "capacity:public", "SOLR"):
        assert internal not in body, internal
    return message


def found(app: Any, params: dict[str, Any]) -> list[str]:
    response = app.get(SEARCH, query_string=params)
    assert response.status_code == 200, response.json["error"]
    return [d["name"] for d in response.json["result"]["results"]]


@pytest.mark.parametrize(("params", "reason"), [
    ({"q": "agua " * 900}, "El parámetro q es demasiado largo (4.500 caracteres; máximo 4.000)"),
    ({"fq": "tags:(" + " ".join(["agua"] * 300) + ")"},
     "La consulta tiene demasiados términos (30"),
    ({"q": " ".join(["agua"] * 40)}, "La búsqueda tiene demasiadas palabras (40; máximo 32)"),
    ({"q": " OR ".join(f"(notes:agua AND title:x{i})" for i in range(6))},
     "demasiados términos sobre campos de texto (6; máximo 3)"),
    ({"q": "title:(" + " OR ".join(f"*a{w}*" for w in "abcdefghijk") + ")"},
     "demasiados términos con comodines (11; máximo 10)"),
    ({"q": "name:*a*"}, "El término con comodines «*a*» necesita al menos 2 letras o cifras"),
    ({"q": "title:c*n"}, "«c*n» necesita al menos 2 letras o cifras seguidas"),
    ({"fq": "(" * 500 + "agua" + ")" * 500},
     "La consulta anida demasiados paréntesis (máximo 20 niveles)"),
    ({"fq": "metadata_modified:[NOW-99999999YEARS TO *]"}, "queda fuera de los años 1 a 9999"),
    ({"q": "agua potable", "mm": "abc"}, "El parámetro mm «abc» no es válido"),
    ({"start": str(10**20)}, "El parámetro start es demasiado grande (máximo 1.000.000)"),
    ({"sort": "metadata_modified; DROP TABLE package"}, "El orden «metadata_modified; DROP"),
    ({"sort": ", ".join(["name asc"] * 9)}, "Demasiados valores en sort (9; máximo 8)"),
    ({"facet.field": '["tags"]', "facet.limit": str(10**9)},
     "El parámetro facet.limit es demasiado grande (máximo 1.000)"),
    ({"facet.field": str([f"campo_{i}" for i in range(11)]).replace("'", '"')},
     "Demasiados valores en facet.field (11; máximo 10)"),
    ({"facet.field": '["tags", "notes"]'}, "No se pueden contar los valores del campo «notes»"),
    ({"facet.field": '["res_url"]'}, "No se pueden contar los valores del campo «res_url»"),
    ({"fq_list": [f"tags:t{i}" for i in range(25)]}, "Demasiados valores en fq (2"),
    ({"q": "agua\x00potable"}, "El parámetro q contiene caracteres no admitidos"),
], ids=["length", "clauses", "free-text-words", "field-terms", "wildcards",
        "wildcard-literal", "wildcard-run", "depth", "date-math", "mm", "start", "sort-junk",
        "sort-keys", "facet-limit", "facet-fields", "facet-text-field", "facet-url-field",
        "filters", "nul"])
def test_each_bound_is_refused_with_its_reason_in_spanish(app, catalog, params, reason):
    assert reason in refusal(app, params)


def test_the_issues_five_thousand_wildcards_are_refused(app, catalog):
    assert "demasiado largo" in refusal(app, {"q": WILDCARD_FLOOD})
    # The same query split into filters short enough each: the count refuses it.
    fq = "title:(" + " ".join(f"*{i:x}a*" for i in range(200)) + ")"
    assert "comodines (200; máximo 10)" in refusal(app, {"fq": fq})


def test_searches_at_each_bound_still_answer(app, catalog):
    # CKAN adds a few clauses of its own (site, state, visibility).
    assert found(app, {"fq": "tags:(" + " OR ".join(["agua"] * 250) + ")"}) == [
        "calidad-agua-potable"]
    assert found(app, {"q": " ".join(["agua"] * 31 + ["calidad"])}) == ["calidad-agua-potable"]
    assert found(app, {"q": "notes:(" + " OR ".join(["cloro"] * 200) + ")"}) == [
        "calidad-agua-potable"]
    assert found(app, {"q": "name:(" + " OR ".join(["*agua*"] * 9) + " OR *potab?e)"}) == [
        "calidad-agua-potable"]
    assert found(app, {"fq": "(" * 20 + "tags:agua" + ")" * 20}) == ["calidad-agua-potable"]
    assert found(app, {"fq": "metadata_modified:[NOW-100YEARS TO NOW+1DAY]"}) == [
        "calidad-agua-potable"]
    assert found(app, {"q": "calidad agua", "mm": "2<-1 5<80%"}) == ["calidad-agua-potable"]
    assert found(app, {"start": "1000000"}) == []
    assert found(app, {"facet.field": '["tags"]', "facet.limit": "-1"}) == [
        "calidad-agua-potable"]


def test_facets_read_from_the_datasets_are_few(app, catalog):
    # Each one reads the fields of every matching dataset: at most two.
    message = refusal(app, {"facet.field": '["tags", "extras_a", "extras_b", "views_recent"]'})
    assert ("Demasiados campos en facet.field sin recuentos precalculados"
            " (extras_a, extras_b, views_recent; máximo 2)") in message
    response = app.get(SEARCH, query_string={
        "facet.field": '["tags", "organization", "extras_a", "views_recent"]'})
    assert response.json["result"]["facets"]["tags"] == {"agua": 1}


@pytest.fixture()
def scan_of_one(ckan_config, monkeypatch):
    """Facets and field tests that may read one dataset at most."""
    monkeypatch.setitem(ckan_config, "ckanext.grll.search.max_document_scan", "1")


@pytest.fixture(scope="module")
def second_dataset(catalog):
    """Another dataset of the same maintainer (the tests above expect one
    dataset: these come after them)."""
    user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    return tk.get_action("package_create")({"user": user["name"], "ignore_auth": True}, {
        "name": "niveles-de-pozos", "title": "Niveles de pozos",
        "owner_org": catalog["owner_org"], "notes": "Mediciones de pozos.",
        "license_id": "odc-by", "entidad": "Gobierno Regional", "fuente": "Pruebas",
        "maintainer": "Equipo de pozos", "maintainer_email": "pozos@example.org",
        "frecuencia": "ANNUAL", "cobertura_espacial": "130101", "tags": [{"name": "pozos"}]})


@pytest.mark.usefixtures("scan_of_one")
def test_a_field_test_on_words_of_too_many_datasets_is_refused(app, second_dataset):
    message = refusal(app, {"q": "maintainer:equipo"})
    assert ("La búsqueda en el campo «maintainer» abarca más de 1 conjuntos de"
            " datos; añada palabras más precisas o busque sin nombrar el campo") in message
    # Words one dataset has are still searched in the field.
    assert found(app, {"q": "maintainer:pozos"}) == ["niveles-de-pozos"]
    assert found(app, {"q": "maintainer:(equipo AND pozos)"}) == ["niveles-de-pozos"]


@pytest.mark.usefixtures("scan_of_one")
def test_facets_read_from_too_many_datasets_are_refused(app, second_dataset):
    message = refusal(app, {"facet.field": '["views_recent"]'})
    assert "solo se cuentan sobre 1 conjuntos de datos como máximo" in message
    response = app.get(SEARCH, query_string={"q": "name:niveles-de-pozos",
                                             "facet.field": '["views_recent", "tags"]'})
    assert response.status_code == 200, response.json["error"]
    assert response.json["result"]["facets"]["tags"] == {"pozos": 1}


@pytest.mark.usefixtures("scan_of_one")
def test_a_sort_on_a_field_without_an_index_orders_few_datasets_only(app, second_dataset):
    # Ordering by an extra reads every match: past the limit, refused before the work.
    message = refusal(app, {"sort": "extras_frecuencia asc"})
    assert ("Los campos sin índice propio (extras_*, views_*) solo ordenan hasta 1"
            " conjuntos de datos") in message
    assert "metadata_modified" in message
    # One match orders as before, and indexed sorts are never refused.
    assert found(app, {"q": "pozos", "sort": "extras_frecuencia asc, name desc"}) == [
        "niveles-de-pozos"]
    assert found(app, {"sort": "title_string desc"}) == [
        "niveles-de-pozos", "calidad-agua-potable"]
    # No page asked for (rows=0): nothing is ordered, the count answers.
    response = app.get(SEARCH, query_string={"sort": "views_recent desc", "rows": 0})
    assert response.json["result"]["count"] == 2


def test_wildcards_on_exact_fields_match_their_values(app, second_dataset):
    """Infix and prefix wildcards on tags, formats and organizations are matched
    against each field's distinct values first, as Solr's term dictionary."""
    assert set(found(app, {"q": "tags:*ozo*"})) == {"niveles-de-pozos"}
    assert set(found(app, {"q": "tags:agu*"})) == {"calidad-agua-potable"}
    assert set(found(app, {"q": "tags:(*gu* OR po?os)"})) == {
        "calidad-agua-potable", "niveles-de-pozos"}
    assert found(app, {"q": "tags:*zzz*"}) == []
    assert set(found(app, {"q": "organization:costly-*"})) == {
        "calidad-agua-potable", "niveles-de-pozos"}
    assert found(app, {"q": "license_id:odc-b? -tags:pozos"}) == ["calidad-agua-potable"]


@pytest.mark.parametrize("params", [
    {"q": "title:(((("}, {"fq": "(((("}, {"fq": "agua)"}, {"fq": '"agua'},
    {"q": 'title:"agua'}, {"fq": "title:"}, {"q": "tags:agua AND"}, {"q": "AND tags:agua"},
    {"fq": "name:[a TO"}, {"fq": "name:[a b]"}, {"fq": "metadata_modified:[ayer TO NOW]"},
    {"fq": "views_recent:[uno TO 2]"}, {"fq": "title:[a TO b]"}, {"fq": "*:agua"},
    {"fq": "\x00"}, {"fq": "\x01\x7f\u202e:\ufeff("},
    {"sort": "tags asc"}, {"sort": "asc"}, {"mm": "50%%"},
])
def test_malformed_searches_are_409_with_a_message(app, catalog, params):
    message = refusal(app, params)
    assert "La consulta no es válida" in message or "no es válido" in message \
        or "no admitidos" in message, message


def test_the_dataset_list_shows_a_refused_search_without_failing(app, catalog):
    for q in ("title:((((", "name:(" + " OR ".join(f"*a{w}*" for w in "abcdefghijk") + ")"):
        response = app.get("/dataset/", query_string={"q": q})
        assert response.status_code == 200
        body = response.get_data(as_text=True)
        assert "<h1>" in body and "Error" in body.split("<h1>", 1)[1].split("</h1>", 1)[0]
        assert "permission_labels" not in body
