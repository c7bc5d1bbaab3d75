"""The union registry names the employer with its RUC, the federation and the board's
term; stewards of the labour authority correct an entry through a web form."""
from __future__ import annotations

import datetime

import ckan.plugins.toolkit as tk
import pytest
from ckan.tests import factories
from laboral_testing import act, open_dataset_rows, page, token_for

from ckanext.grll.domains.laboral import mapping
from ckanext.grll.seed.loader import load_catalog
from portal_testing import empty_datastore

UNION = "RS-LL-1987-0039"
FORM = f"/empleo/sindicatos/{UNION}/editar"
REGISTRY = "sindicatos-registrados"


@pytest.fixture(scope="module")
def people(reset_db, reset_index):
    reset_db()
    reset_index()
    empty_datastore()
    assert not load_catalog(only={REGISTRY, "negociaciones-colectivas-2024"}).failures
    steward = factories.User(name="registradora-grtpe")
    tk.get_action("organization_member_create")({"ignore_auth": True}, {
        "id": "gerencia-regional-trabajo", "username": steward["name"], "role": "editor"})
    outsider = factories.User(name="editora-de-agua")
    factories.Organization(name="otra-gerencia", users=[
        {"name": outsider["name"], "capacity": "editor"}])
    return {"steward": steward, "outsider": outsider}


def _valid(**changes: str) -> dict[str, str]:
    start = (datetime.date.today() - datetime.timedelta(days=400)).isoformat()
    form = {"empleador": "Metalmecánica Demostrativa Los Ángeles S.A.C.",
            "ruc_empleador": "20131312955",
            "federacion": "Federación Demostrativa de Trabajadores Industriales de Trujillo",
            "afiliados": "335", "estado": "Vigente", "junta_directiva_inicio": start,
            "junta_directiva_mandato_anios": "2"}
    form.update(changes)
    return form


def test_every_union_entry_names_a_fictional_employer_with_a_valid_ruc(people):
    rows = open_dataset_rows(REGISTRY)
    assert not [r for r in rows if "ilustrativo" in (r["empleador"] or "")]
    with_employer = [r for r in rows if r["empleador"]]
    assert with_employer and all("Demostrativ" in r["empleador"] for r in with_employer)
    assert all(mapping.ruc_valido(r["ruc_empleador"]) for r in with_employer)
    assert any(r["federacion"] for r in rows)
    current = [r for r in rows if r["estado"] == "Vigente"]
    assert all(r["junta_directiva_inicio"] and r["junta_directiva_mandato_anios"]
               for r in current)


def test_the_union_page_shows_employer_ruc_federation_and_the_boards_term(app, people):
    union = act("grll_laboral_union_show", None, numero_registro=UNION)
    html = page(app.get(f"/empleo/sindicatos/{UNION}"))
    details = html.select_one("#grll-laboral-sindicato").get_text(" ", strip=True)
    assert union["ruc_empleador"] in details and union["empleador"] in details
    assert f"al {union['junta_directiva_fin']}" in details
    assert ("vigente" if union["junta_directiva_vigente"] else "vencido") in details
    assert html.select_one(f'a[href="{FORM}"]') is None  # visitors get no edit link
    assert html.select_one(".grll-demo-banner") is not None


def test_a_steward_edits_an_entry_through_the_form(app, people):
    headers = token_for(people["steward"])
    form = page(app.get(FORM, headers=headers))
    assert form.select_one(f'#grll-laboral-sindicato input[name="{tk.config["WTF_CSRF_FIELD_NAME"]}"]')
    assert form.select_one("#ruc_empleador")["value"]
    assert page(app.get(f"/empleo/sindicatos/{UNION}", headers=headers)).select_one(
        f'a[href="{FORM}"]') is not None

    response = app.post(FORM, data=_valid(), headers=headers, follow_redirects=False)
    assert response.status_code == 302
    union = act("grll_laboral_union_show", None, numero_registro=UNION)
    assert union["ruc_empleador"] == "20131312955" and union["afiliados"] == 335
    assert union["junta_directiva_vigente"] is True
    row = next(r for r in open_dataset_rows(REGISTRY) if r["numero_registro"] == UNION)
    assert row["federacion"].startswith("Federación Demostrativa de Trabajadores Industriales")


@pytest.mark.parametrize(("change", "field", "words"), [
    ({"ruc_empleador": "20131312954"}, "ruc_empleador", "RUC del empleador"),
    ({"ruc_empleador": "2013131295"}, "ruc_empleador", "11 dígitos"),
    ({"ruc_empleador": ""}, "ruc_empleador", "RUC del empleador"),
    ({"afiliados": "muchos"}, "afiliados", "número entero"),
    ({"estado": "Suspendido"}, "estado", "Vigente o Cancelado"),
    ({"junta_directiva_inicio": "2999-01-01"}, "junta_directiva_inicio", "futura"),
    ({"junta_directiva_mandato_anios": "9"}, "junta_directiva_mandato_anios", "entre 1 y 5"),
])
def test_bad_input_is_refused_naming_the_field_and_nothing_changes(app, people, change,
                                                                   field, words):
    before = act("grll_laboral_union_show", None, numero_registro=UNION)
    response = app.post(FORM, data=_valid(**change), headers=token_for(people["steward"]))
    assert response.status_code == 400
    html = page(response)
    assert words in html.select_one(f"#error-{field}").get_text()
    summary = html.select_one("#grll-laboral-errores")
    assert summary.select_one(f'a[href="#{field}"]') is not None
    assert html.select_one("#federacion")["value"] == _valid()["federacion"]
    after = act("grll_laboral_union_show", None, numero_registro=UNION)
    assert after == before


def test_visitors_and_other_organizations_cannot_edit(app, people):
    response = app.get(FORM, follow_redirects=False)
    assert response.status_code == 302 and "/user/login" in response.headers["Location"]
    outsider = token_for(people["outsider"])
    assert app.get(FORM, headers=outsider).status_code == 403
    before = act("grll_laboral_union_show", None, numero_registro=UNION)
    assert app.post(FORM, data=_valid(afiliados="1"), headers=outsider).status_code == 403
    for user in (None, people["outsider"]):
        with pytest.raises(tk.NotAuthorized):
            act("grll_laboral_union_update", user, numero_registro=UNION, **_valid())
    assert act("grll_laboral_union_show", None, numero_registro=UNION) == before


def test_the_form_is_offered_in_english(app, people):
    response = app.post(f"/en{FORM}", data=_valid(ruc_empleador="1"),
                        headers=token_for(people["steward"]))
    html = page(response)
    assert html.h1.get_text(strip=True) == "Edit the union registry entry"
    assert "Employer's RUC" in html.select_one("#error-ruc_empleador").get_text()
