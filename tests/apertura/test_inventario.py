"""The data-opening inventory: roles, the legal-basis rule, the computed states, data
requests as candidates, the DataStore projection, the activity stream and the API."""
from __future__ import annotations

import datetime as dt

import ckan.plugins.toolkit as tk
import pytest
from apertura_testing import GERENCIA, act, new_candidate, prioritised
from ckan.tests import factories

from ckanext.grll.apertura import config, publicacion
from ckanext.grll.harvesting.dictionary import undescribed
from portal_testing import form_token, page, signed_in, site_context

YESTERDAY = (dt.date.today() - dt.timedelta(days=1)).isoformat()
NEXT_MONTH = (dt.date.today() + dt.timedelta(days=30)).isoformat()


# --- roles -------------------------------------------------------------------------------

def test_the_gerencia_lists_its_candidates_and_nobody_else_does(people):
    candidate = new_candidate(people)
    assert candidate["phase"] == "identificado"
    assert candidate["organization"]["name"] == GERENCIA
    assert candidate["process"]["name"] == "Emisión de licencias de conducir"
    for outsider in ("member", "otro", "ciudadano"):
        with pytest.raises(tk.NotAuthorized):
            act(people[outsider], "grll_apertura_candidate_create", organization=GERENCIA,
                process="Emisión de licencias", title="Otra")
        with pytest.raises(tk.NotAuthorized):
            act(people[outsider], "grll_apertura_candidate_update", id=candidate["id"],
                title="Cambiado")
    with pytest.raises(tk.NotAuthorized):
        tk.get_action("grll_apertura_candidate_create")(
            {"user": ""}, {"organization": GERENCIA, "process": "x", "title": "x"})


def test_only_the_secretariat_records_the_analysis_and_the_workshop(people):
    candidate = new_candidate(people, title="Papeletas impuestas")
    for steward in ("editor", "otro", "ciudadano"):
        with pytest.raises(tk.NotAuthorized):
            act(people[steward], "grll_apertura_candidate_analyse", id=candidate["id"],
                outcome="publicable")
        with pytest.raises(tk.NotAuthorized):
            act(people[steward], "grll_apertura_candidate_prioritise", id=candidate["id"],
                target_date=NEXT_MONTH)
        with pytest.raises(tk.NotAuthorized):
            act(people[steward], "grll_apertura_vote_create", id=candidate["id"],
                workshop="T", held_on="2026-10-15", voter_kind="funcionario", voter="X",
                score=3)
    analysed = act(people["secretaria"], "grll_apertura_candidate_analyse",
                   id=candidate["id"], outcome="publicable")
    assert analysed["phase"] == "analizado"
    # A sysadmin may do everything.
    assert act(people["sysadmin"], "grll_apertura_candidate_update", id=candidate["id"],
               title="Papeletas impuestas por mes")["title"] == "Papeletas impuestas por mes"


# --- phase 2: the legal basis -------------------------------------------------------------

@pytest.mark.parametrize("outcome", ["reservada", "publicable_anonimizacion"])
def test_withholding_without_a_legal_basis_is_refused_naming_the_field(people, outcome):
    candidate = new_candidate(people, title="Expedientes de sanciones a transportistas")
    with pytest.raises(tk.ValidationError) as error:
        act(people["secretaria"], "grll_apertura_candidate_analyse", id=candidate["id"],
            outcome=outcome, legal_basis=[])
    assert list(error.value.error_dict) == ["legal_basis"]
    assert "base legal" in error.value.error_dict["legal_basis"][0]
    with pytest.raises(tk.ValidationError) as error:
        act(people["secretaria"], "grll_apertura_candidate_analyse", id=candidate["id"],
            outcome=outcome, legal_basis=["ley_inventada"])
    assert "ley_inventada" in error.value.error_dict["legal_basis"][0]
    analysed = act(people["secretaria"], "grll_apertura_candidate_analyse",
                   id=candidate["id"], outcome=outcome,
                   legal_basis="ley27806_art17_3, ley29733_datos_personales",
                   legal_notes="Procedimientos sancionadores en trámite.")
    assert analysed["outcome"] == outcome
    assert analysed["legal_basis"] == ["ley27806_art17_3", "ley29733_datos_personales"]


def test_a_reserved_candidate_is_neither_voted_nor_prioritised(people):
    candidate = new_candidate(people, title="Denuncias contra inspectores")
    act(people["secretaria"], "grll_apertura_candidate_analyse", id=candidate["id"],
        outcome="reservada", legal_basis=["ley27806_art17_3"])
    with pytest.raises(tk.ValidationError) as error:
        act(people["secretaria"], "grll_apertura_vote_create", id=candidate["id"],
            workshop="T", held_on="2026-10-15", voter_kind="funcionario", voter="X", score=3)
    assert "id" in error.value.error_dict
    with pytest.raises(tk.ValidationError):
        act(people["secretaria"], "grll_apertura_candidate_prioritise", id=candidate["id"],
            target_date=NEXT_MONTH)


def test_the_analysis_form_lists_the_error_linked_to_the_field_and_keeps_the_input(app,
                                                                                   people):
    candidate = new_candidate(people, title="Registro de empresas de transporte")
    browser = signed_in(app, people["secretaria"]["name"])
    url = f"/apertura/candidato/{candidate['id']}"
    token = form_token(browser, url)
    response = browser.post(f"{url}/analisis", data={
        "outcome": "reservada", "legal_notes": "Contiene datos de conductores",
        "_csrf_token": token})
    assert response.status_code == 400
    html = page(response)
    link = html.select_one(".alert-danger a[href='#analisis-legal_basis']")
    assert link is not None and "Base legal" in link.get_text()
    assert html.select_one("#analisis-legal_basis")
    assert html.select_one("#analisis-outcome-reservada").has_attr("checked")
    assert html.select_one("#analisis-legal_notes").get_text() == "Contiene datos de conductores"
    # Without the form's token the post is refused.
    assert browser.post(f"{url}/analisis", data={"outcome": "publicable"}).status_code in (
        400, 403)
    ok = browser.post(f"{url}/analisis", data={
        "outcome": "reservada", "legal_basis": ["ley27806_art17_5"], "_csrf_token": token},
        follow_redirects=False)
    assert ok.status_code == 302
    shown = act(people["ciudadano"], "grll_apertura_candidate_show", id=candidate["id"])
    assert shown["outcome"] == "reservada"


def test_a_citizen_sees_no_steward_form(app, people):
    candidate = new_candidate(people, title="Paraderos autorizados")
    html = page(signed_in(app, people["ciudadano"]["name"]).get(
        f"/apertura/candidato/{candidate['id']}"))
    assert html.select("form[method=post]") == []
    html = page(signed_in(app, people["editor"]["name"]).get(
        f"/apertura/candidato/{candidate['id']}"))
    assert html.select_one("#formulario-editar") and not html.select_one("#formulario-analisis")


# --- phase 3 and the computed states ---------------------------------------------------

def test_the_workshop_score_is_kept_per_voter_kind_and_in_total(people):
    candidate = prioritised(people, NEXT_MONTH, title="Vías departamentales por estado")
    assert (candidate["votos"], candidate["puntaje_funcionarios"],
            candidate["puntaje_sociedad_civil"], candidate["puntaje_total"]) == (2, 4, 5, 9)
    assert candidate["phase"] == "priorizado" and candidate["late"] is False
    assert {v["voter"] for v in candidate["votes"]} == {"Ana Ruiz, GRT", "Luis Paz, CODESCILL"}
    with pytest.raises(tk.ValidationError) as error:
        act(people["secretaria"], "grll_apertura_vote_create", id=candidate["id"],
            workshop="Taller de priorización 2026-II", held_on="2026-10-15",
            voter_kind="funcionario", voter="Ana Ruiz, GRT", score=6)
    assert set(error.value.error_dict) == {"score"}


def test_prioritising_needs_the_votes_first(people):
    candidate = new_candidate(people, title="Terminales terrestres")
    act(people["secretaria"], "grll_apertura_candidate_analyse", id=candidate["id"],
        outcome="publicable")
    with pytest.raises(tk.ValidationError) as error:
        act(people["secretaria"], "grll_apertura_candidate_prioritise", id=candidate["id"],
            target_date=NEXT_MONTH)
    assert "votos" in error.value.error_dict["id"][0]


def _inventory_rows() -> dict:
    dataset = tk.get_action("package_show")(site_context(), {"id": config.dataset()})
    resource = next(r for r in dataset["resources"] if r["name"] == publicacion.RESOURCE_NAME)
    found = tk.get_action("datastore_search")(site_context(), {
        "resource_id": resource["id"], "limit": 1000})
    return {"fields": found["fields"], "rows": {r["id"]: r for r in found["records"]}}


def test_late_until_its_dataset_is_public_then_published_everywhere(people):
    candidate = prioritised(people, YESTERDAY, title="Siniestros viales por provincia")
    assert candidate["late"] is True and candidate["published"] is False
    dataset = tk.get_action("package_create")(site_context(), {
        "name": "siniestros-viales-provincia", "title": "Siniestros viales por provincia",
        "owner_org": GERENCIA, "private": True, "notes": "Siniestros viales por provincia.",
        "entidad": "Gerencia Regional de Transportes", "fuente": "Registro de la GRT",
        "license_id": "odc-by", "frecuencia": "MONTHLY", "cobertura_espacial": "13",
        "idioma": "es", "maintainer": "GRT", "maintainer_email": "grt@example.org"})
    linked = act(people["editor"], "grll_apertura_candidate_update", id=candidate["id"],
                 dataset=dataset["name"])
    # Linked but private: not published (its name is not shown), still late.
    assert (linked["published"], linked["late"], linked["dataset"]) == (False, True, None)
    assert _inventory_rows()["rows"][candidate["id"]]["con_retraso"] is True
    tk.get_action("package_patch")(site_context(), {"id": dataset["id"], "private": False})
    shown = act(people["ciudadano"], "grll_apertura_candidate_show", id=candidate["id"])
    assert (shown["phase"], shown["published"], shown["late"]) == ("publicado", True, False)
    assert shown["dataset"]["name"] == dataset["name"]
    # The open data followed the dataset's change, with no change to the inventory.
    row = _inventory_rows()["rows"][candidate["id"]]
    assert (row["fase"], row["publicado"], row["con_retraso"], row["conjunto_datos"]) == (
        "publicado", True, False, dataset["name"])


def test_the_open_data_says_late_the_day_after_the_target_date_with_no_change(people):
    """The periodic task rewrites the table once a day: "con_retraso" changes with the date
    alone, and a reuser of the DataStore must see it the day it becomes true."""
    candidate = prioritised(people, YESTERDAY, title="Licencias de pesca artesanal")
    two_days_ago = dt.date.today() - dt.timedelta(days=2)
    publicacion.refresh(today=two_days_ago)  # as the rows were written before yesterday
    row = _inventory_rows()["rows"][candidate["id"]]
    assert (row["con_retraso"], row["calculado"][:10]) == (False, two_days_ago.isoformat())

    assert publicacion.periodic()
    row = _inventory_rows()["rows"][candidate["id"]]
    assert (row["con_retraso"], row["calculado"][:10]) == (True, dt.date.today().isoformat())
    assert publicacion.periodic() == ""  # once a day


def test_only_a_prioritised_candidate_is_linked_to_a_dataset(people):
    candidate = new_candidate(people, title="Flota vehicular")
    with pytest.raises(tk.ValidationError) as error:
        act(people["editor"], "grll_apertura_candidate_update", id=candidate["id"],
            dataset="cualquiera")
    assert "dataset" in error.value.error_dict


# --- citizens' data requests ---------------------------------------------------------------

def test_a_data_request_enters_the_inventory_and_its_page_says_so(app, people):
    request = act(people["ciudadano"], "grll_catalog_data_request_create",
                  title="Horarios de buses interprovinciales",
                  description="Salidas por terminal y empresa.", organization=GERENCIA)
    listing = tk.get_action("grll_apertura_candidate_list")(
        {"user": ""}, {"origin": "solicitud_ciudadana"})
    candidate = next(c for c in listing["results"]
                     if c["data_request"] and c["data_request"]["id"] == request["id"])
    assert (candidate["phase"], candidate["organization"]["name"], candidate["title"]) == (
        "identificado", GERENCIA, "Horarios de buses interprovinciales")
    html = page(app.get(f"/solicitudes/{request['id']}"))
    link = html.select_one(f".grll-request-apertura a[href='/apertura/candidato/{candidate['id']}']")
    assert link is not None
    html = page(app.get(f"/apertura/candidato/{candidate['id']}"))
    assert html.find("a", href=f"/solicitudes/{request['id']}")


def test_a_request_without_a_gerencia_is_placed_by_the_secretariat(people):
    request = act(people["ciudadano"], "grll_catalog_data_request_create",
                  title="Mapa de peajes", description="Ubicación y tarifas.")
    candidate = tk.get_action("grll_apertura_candidate_list")(
        {"user": ""}, {"origin": "solicitud_ciudadana"})["results"]
    candidate = next(c for c in candidate if c["data_request"]["id"] == request["id"])
    assert candidate["organization"] is None
    with pytest.raises(tk.NotAuthorized):
        act(people["editor"], "grll_apertura_candidate_update", id=candidate["id"],
            organization=GERENCIA)
    placed = act(people["secretaria"], "grll_apertura_candidate_update", id=candidate["id"],
                 organization=GERENCIA, process="Gestión de peajes")
    assert placed["organization"]["name"] == GERENCIA
    # From now on the Gerencia edits it.
    act(people["editor"], "grll_apertura_candidate_update", id=candidate["id"],
        description="Ubicación, tarifas y concesionario.")


# --- open data, activity and API -----------------------------------------------------------

def test_the_datastore_projection_has_every_candidate_and_described_columns(people):
    candidate = new_candidate(people, title="Revisiones técnicas vehiculares")
    inventory = _inventory_rows()
    assert undescribed([f for f in inventory["fields"] if f["id"] != "_id"]) == []
    assert [f["id"] for f in inventory["fields"] if f["id"] != "_id"] == [
        f["id"] for f in publicacion.FIELDS]
    row = inventory["rows"][candidate["id"]]
    assert (row["gerencia"], row["titulo"], row["fase"], row["proceso"]) == (
        GERENCIA, "Revisiones técnicas vehiculares", "identificado",
        "Emisión de licencias de conducir")
    listed = tk.get_action("grll_apertura_candidate_list")({"user": ""}, {"limit": 1000})
    assert set(inventory["rows"]) == {c["id"] for c in listed["results"]}


def test_each_change_is_in_the_gerencia_activity_stream(app, people):
    candidate = new_candidate(people, title="Inspecciones a vehículos de carga")
    act(people["secretaria"], "grll_apertura_candidate_analyse", id=candidate["id"],
        outcome="publicable")
    activities = tk.get_action("organization_activity_list")(
        {"user": people["ciudadano"]["name"]}, {"id": GERENCIA, "limit": 100})
    mine = [a for a in activities if a["activity_type"] == "changed apertura"
            and a["data"]["apertura"]["id"] == candidate["id"]]
    assert [a["data"]["apertura"]["change"] for a in mine] == ["analizado", "identificado"]
    html = page(app.get(f"/organization/activity/{GERENCIA}"))
    assert html.find("a", href=f"/apertura/candidato/{candidate['id']}")


def test_the_progress_per_gerencia_counts_each_phase_reached(app, people):
    salud = factories.User()
    tk.get_action("organization_member_create")(site_context(), {
        "id": "gerencia-regional-salud", "username": salud["name"], "role": "editor"})
    ids = [act(salud, "grll_apertura_candidate_create", organization="gerencia-regional-salud",
               process="Vigilancia epidemiológica", title=f"Casos de dengue {n}")["id"]
           for n in range(4)]
    for candidate_id in ids[1:]:
        act(people["secretaria"], "grll_apertura_candidate_analyse", id=candidate_id,
            outcome="publicable")
    for candidate_id, target in ((ids[2], YESTERDAY), (ids[3], NEXT_MONTH)):
        act(people["secretaria"], "grll_apertura_vote_create", id=candidate_id,
            workshop="Taller", held_on="2026-10-15", voter_kind="sociedad_civil",
            voter="Colegio Médico", score=5)
        act(people["secretaria"], "grll_apertura_candidate_prioritise", id=candidate_id,
            target_date=target)
    progress = app.get("/api/3/action/grll_apertura_progress_show").json["result"]
    salud_row = next(r for r in progress["gerencias"]
                     if r["organization"]["name"] == "gerencia-regional-salud")
    assert {k: salud_row[k] for k in ("identificados", "analizados", "priorizados",
                                      "publicados", "con_retraso")} == {
        "identificados": 4, "analizados": 3, "priorizados": 2, "publicados": 0,
        "con_retraso": 1}
    late = app.get("/api/3/action/grll_apertura_candidate_list?late=true"
                   "&organization=gerencia-regional-salud").json["result"]
    assert [c["id"] for c in late["results"]] == [ids[2]]
    refused = app.get("/api/3/action/grll_apertura_candidate_list?phase=cerrado",
                      status=409).json["error"]
    assert "phase" in refused
    html = page(app.get("/apertura?organization=gerencia-regional-salud&phase=priorizado"))
    assert {a.get_text() for a in html.select(".grll-apertura-item h3 a")} == {
        "Casos de dengue 2", "Casos de dengue 3"}
    age = html.select_one(".grll-apertura-age")
    assert "Última modificación del inventario" in age.get_text()
    assert age.select_one("time")["datetime"] == dt.date.today().isoformat()


def test_a_gerencia_adds_a_candidate_through_its_form(app, people):
    browser = signed_in(app, people["editor"]["name"])
    token = form_token(browser, "/apertura/nuevo")
    response = browser.post("/apertura/nuevo", data={
        "organization": GERENCIA, "process": "Emisión de licencias de conducir",
        "title": "", "description": "Por mes", "_csrf_token": token})
    assert response.status_code == 400
    html = page(response)
    assert html.select_one(".alert-danger a[href='#nuevo-title']")
    assert html.select_one("#nuevo-description").get_text() == "Por mes"
    response = browser.post("/apertura/nuevo", data={
        "organization": GERENCIA, "process": "Emisión de licencias de conducir",
        "title": "Exámenes de manejo rendidos", "description": "Por mes",
        "_csrf_token": token}, follow_redirects=False)
    assert response.status_code == 302
    assert signed_in(app, people["ciudadano"]["name"]).get("/apertura/nuevo").status_code == 403


# --- the demonstration seed ----------------------------------------------------------------

def test_the_seed_covers_every_phase_and_outcome_and_loads_once(people):
    from ckanext.grll.apertura import seed

    added = seed.load()
    assert added["candidatos"] == 18
    assert seed.load()["candidatos"] == 0
    shown = [c for c in tk.get_action("grll_apertura_candidate_list")(
        {"user": ""}, {"limit": 1000})["results"] if c["sample"]]
    assert len(shown) == 18
    gerencias = {c["organization"]["name"] for c in shown}
    assert gerencias == {"gerencia-regional-transportes", "gerencia-regional-agricultura",
                         "gerencia-regional-salud", "gerencia-regional-educacion"}
    assert {c["outcome"] for c in shown} == {None, "publicable", "publicable_anonimizacion",
                                             "reservada"}
    # Without the seed catalog its linked datasets are missing: nothing is published, and
    # the candidates whose target date passed are late.
    assert {c["phase"] for c in shown} >= {"identificado", "analizado", "priorizado"}
    assert sum(c["late"] for c in shown) >= 3
    assert all(c["outcome"] == "publicable" or c["legal_basis"]
               for c in shown if c["outcome"])
