"""The plan as open data: five DataStore resources of one dataset, rewritten on every
change, each column described; every change in the dataset's activity stream."""
from __future__ import annotations

import ckan.plugins.toolkit as tk
import pytest
from ogp_testing import act

from ckanext.grll.ogp import config, publicacion


def table(name: str) -> dict:
    dataset = act("package_show", None, id=config.dataset())
    resource = next(r for r in dataset["resources"] if r["name"] == name)
    return act("datastore_search", None, resource_id=resource["id"], limit=100)


def test_the_plan_is_published_as_described_tables(plan):
    dataset = act("package_show", None, id=config.dataset())
    assert sorted(r["name"] for r in dataset["resources"]) == sorted(
        t.name for t in publicacion.TABLAS)
    for tabla in publicacion.TABLAS:
        found = table(tabla.name)
        for field in found["fields"]:
            if field["id"] == "_id":
                continue
            info = field.get("info") or {}
            assert info.get("label") and info.get("notes") and info.get("label_en"), field
    compromisos = table("Compromisos")["records"]
    assert [(c["numero"], c["titulo"], c["hitos_con_retraso"]) for c in compromisos] == [
        (2, "Gestión participativa del agua segura", 1)]
    hitos = table("Hitos")["records"]
    assert sorted((h["orden"], h["con_retraso"]) for h in hitos) == [
        (1, False), (2, True), (3, False)]


def test_every_change_rewrites_the_tables(plan):
    act("grll_ogp_milestone_update", plan["lider"], id=plan["hitos"][1]["id"],
        avance="completado")
    hitos = {h["orden"]: h for h in table("Hitos")["records"]}
    assert hitos[2]["avance"] == "completado" and hitos[2]["con_retraso"] is False
    session = act("grll_ogp_session_create", plan["secretaria"], fecha="2026-11-30",
                  agenda="Avance")
    act("grll_ogp_agreement_create", plan["secretaria"], sesion_id=session["id"],
        texto="Publicar las fichas", hito_id=plan["hitos"][2]["id"])
    acuerdos = table("Acuerdos del comité")["records"]
    assert [(a["texto"], a["compromiso"]) for a in acuerdos] == [("Publicar las fichas", 2)]
    act("grll_ogp_assessment_create", plan["lider"], numero=2, trimestre="2026-T4",
        avance="sustancial", texto="Avance sostenido")
    assert [e["trimestre"] for e in table("Evaluaciones")["records"]] == ["2026-T4"]
    assert table("Indicadores en el tiempo")["total"] >= 5


def test_every_change_is_in_the_activity_stream(plan):
    act("grll_ogp_milestone_update", plan["lider"], id=plan["hitos"][1]["id"],
        avance="completado")
    dataset = act("package_show", None, id=config.dataset())
    activities = act("package_activity_list", plan["sysadmin"], id=dataset["id"], limit=50)
    changes = [(a["user_id"], a["data"].get("grll_ogp", {}).get("cambio"))
               for a in activities]
    assert (plan["lider"]["id"], "hito 2 del compromiso 2: completado") in changes
    assert (plan["secretaria"]["id"], "compromiso 2 creado") in changes


@pytest.mark.parametrize("action", ["grll_ogp_plan_show", "grll_ogp_committee_show"])
def test_the_api_answers_anonymous_clients(app, plan, action):
    response = app.get(f"/api/3/action/{action}")
    assert response.status_code == 200 and response.json["success"] is True


def test_the_api_example_of_a_commitment_runs(app, plan):
    body = app.get("/api/3/action/grll_ogp_commitment_show?numero=2").json["result"]
    assert body["titulo"] == "Gestión participativa del agua segura"
    assert [h["con_retraso"] for h in body["hitos"]] == [False, True, False]
    missing = app.get("/api/3/action/grll_ogp_commitment_show?numero=9")
    assert missing.status_code == 404
    wrong = app.get("/api/3/action/grll_ogp_commitment_show?numero=dos")
    assert wrong.status_code == 409 and "numero" in wrong.json["error"]


def test_the_periodic_task_publishes_once_a_day(plan):
    import ckan.model as model

    from ckanext.grll.ogp.model import IndicadorValor

    assert publicacion.periodic() == ""  # the plan's changes already snapshotted today
    model.Session.query(IndicadorValor).delete()
    model.Session.commit()
    assert publicacion.periodic() == "plan publicado, indicadores registrados"
    assert model.Session.query(IndicadorValor).count() > 0


def test_the_developer_examples_answer(app, plan):
    """Every plain ``curl "URL"`` of the plan's section of /desarrolladores works here."""
    import re
    from pathlib import Path

    from ckanext.grll import ogp

    docs = (Path(ogp.__file__).parent / "templates" / "grll" / "ogp" / "api_docs.html")
    urls = re.findall(r'curl "\{\{ api_url \}\}/([^"]+)"', docs.read_text(encoding="utf-8"))
    assert len(urls) == 5
    for url in urls:
        response = app.get("/api/3/action/" + url.replace("&amp;", "&"))
        assert response.status_code == 200, url
    refused = app.post("/api/3/action/grll_ogp_milestone_update", json={
        "id": plan["hitos"][0]["id"], "avance": "hecho"}, headers={
        "Authorization": tk.get_action("api_token_create")(
            {"user": "lider-agua", "ignore_auth": True},
            {"user": "lider-agua", "name": "t"})["token"]})
    assert refused.status_code == 409
    assert refused.json["error"]["avance"] == [
        "Valor no válido: use uno de no_iniciado, limitado, sustancial, completado"]
