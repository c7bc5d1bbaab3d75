"""Unions, collective bargaining and conflicts: stewards record changes, the public sees
them on a timeline, followers are e-mailed."""
from __future__ import annotations

import datetime
import re

import ckan.plugins.toolkit as tk
import pytest
from ckan.tests import factories
from laboral_testing import TRUJILLO, act, open_dataset_rows, page, token_for

from ckanext.grll.domains.laboral import registros
from ckanext.grll.domains.laboral.model import Seguimiento
from ckanext.grll.seed.loader import load_catalog, seeded_date
from portal_testing import empty_datastore, form_token

IN_TRATO_DIRECTO = "NC-2024-0012-GRTPE-LL"      # union RS-LL-1994-0027, since 2024-11-04
ANOTHER_IN_TRATO_DIRECTO = "NC-2024-0033-GRTPE-LL"
CLOSED_BY_CONVENIO = "NC-2024-0024-GRTPE-LL"
UNION = "RS-LL-1994-0027"
BARGAINING = "negociaciones-colectivas-2024"


def seeded(day: str) -> str:
    """Where a date of the sample falls once loaded (its dates end last month)."""
    return seeded_date(BARGAINING, day)


def days_after(day: str, days: int) -> str:
    """A stage date after a seeded one; still in the past, as the form requires (the
    sample ends last month, more than four weeks before any of these)."""
    return (datetime.date.fromisoformat(seeded(day)) + datetime.timedelta(days=days)).isoformat()


#: The stages recorded below, after the sample's trato directo (2024-11-04 and -20 in the file).
CONCILIATION, STRIKE, AGREEMENT = (days_after("2024-11-04", d) for d in (6, 12, 18))
OTHER_CONCILIATION, OTHER_ARBITRATION, OTHER_AWARD = (
    days_after("2024-11-20", d) for d in (4, 8, 12))


@pytest.fixture(scope="module")
def people(reset_db, reset_index):
    """The seed's union and bargaining registries, a steward of the labour authority and
    a citizen, in a database of this module's own."""
    reset_db()
    reset_index()
    empty_datastore()
    report = load_catalog(only={"negociaciones-colectivas-2024", "sindicatos-registrados"})
    assert not report.failures
    steward = factories.User(name="inspectora-grtpe")
    tk.get_action("organization_member_create")({"ignore_auth": True}, {
        "id": "gerencia-regional-trabajo", "username": steward["name"], "role": "editor"})
    return {"steward": steward,
            "vecina": factories.User(name="vecina-sindical", email="vecina@example.org")}


def mail_link(message, path: str) -> str:
    body = message.get_body(preferencelist=("plain",)).get_content()
    return re.search(rf"https?://\S+({path}\S+)", body).group(1)


def test_a_loaded_process_shows_its_stages_as_a_timeline(app, people):
    html = page(app.get(f"/empleo/negociaciones/{CLOSED_BY_CONVENIO}"))
    steps = [li.get_text(" ", strip=True) for li in html.select("#grll-laboral-timeline li")]
    assert [s.split(" — ")[0] for s in steps] == [
        "Pliego de reclamos presentado", "Trato directo",
        "Conciliación ante la Autoridad de Trabajo", "Convenio colectivo suscrito"]
    assert steps[-1].endswith(seeded("2024-04-22"))
    assert html.select_one("#grll-laboral-etapa-form") is None  # not a steward


def test_stage_transitions_follow_the_law_and_reach_the_open_dataset(app, people):
    steward = people["steward"]
    with pytest.raises(tk.NotAuthorized):
        act("grll_laboral_bargaining_stage_update", people["vecina"],
            expediente=IN_TRATO_DIRECTO, etapa="conciliacion", fecha=CONCILIATION)
    bad = [({"etapa": "laudo", "fecha": CONCILIATION}, "etapa"),
           ({"etapa": "conciliacion", "fecha": seeded("2024-10-01")}, "fecha"),
           ({"etapa": "conciliacion",
             "fecha": (datetime.date.today() + datetime.timedelta(days=3)).isoformat()},
            "fecha")]
    for change, field in bad:
        with pytest.raises(tk.ValidationError) as error:
            act("grll_laboral_bargaining_stage_update", steward,
                expediente=IN_TRATO_DIRECTO, **change)
        assert field in error.value.error_dict
    assert act("grll_laboral_bargaining_show", None,
               expediente=IN_TRATO_DIRECTO)["etapa_actual"] == "Trato directo"

    shown = act("grll_laboral_bargaining_stage_update", steward, expediente=IN_TRATO_DIRECTO,
                etapa="conciliacion", fecha=CONCILIATION, nota="Primera reunión convocada")
    assert shown["etapa_actual"] == "Conciliación"
    assert [e["etapa"] for e in shown["linea_de_tiempo"]] == [
        "pliego", "trato-directo", "conciliacion"]
    assert {e["code"] for e in shown["etapas_siguientes"]} == {
        "extraproceso", "arbitraje", "huelga", "convenio", "archivado"}
    row = next(r for r in open_dataset_rows("negociaciones-colectivas-2024")
               if r["expediente"] == IN_TRATO_DIRECTO)
    assert row["etapa_actual"] == "Conciliación"
    assert row["fecha_inicio_conciliacion"].startswith(CONCILIATION)
    html = page(app.get(f"/empleo/negociaciones/{IN_TRATO_DIRECTO}"))
    assert "Primera reunión convocada" in html.select_one("#grll-laboral-timeline").get_text()

    act("grll_laboral_bargaining_stage_update", steward, expediente=IN_TRATO_DIRECTO,
        etapa="huelga", fecha=STRIKE)
    final = act("grll_laboral_bargaining_stage_update", steward, expediente=IN_TRATO_DIRECTO,
                etapa="convenio", fecha=AGREEMENT, incremento="5.50")
    assert final["etapas_siguientes"] == []
    row = next(r for r in open_dataset_rows("negociaciones-colectivas-2024")
               if r["expediente"] == IN_TRATO_DIRECTO)
    assert (row["etapa_actual"], row["incremento_soles_dia"]) == ("Convenio colectivo", 5.5)


def test_followers_of_the_process_and_its_union_are_told_of_each_change(app, people,
                                                                        smtp_sink,
                                                                        clean_redis):
    # A logged-in citizen follows the process from its page.
    app.post("/empleo/seguir", headers=token_for(people["vecina"]),
             data={"tipo": "negociacion", "clave": ANOTHER_IN_TRATO_DIRECTO,
                   "volver": f"/empleo/negociaciones/{ANOTHER_IN_TRATO_DIRECTO}"})
    html = page(app.get(f"/empleo/negociaciones/{ANOTHER_IN_TRATO_DIRECTO}",
                        headers=token_for(people["vecina"])))
    assert html.select_one("#grll-laboral-siguiendo") is not None
    # Someone without an account follows the union: only once the address is confirmed.
    union = "RS-LL-2013-0013"
    act("grll_laboral_follow", None, tipo="sindicato", clave=union, email="obrero@example.org")
    confirm = mail_link(smtp_sink.pop(), "/empleo/seguimiento/confirmar/")
    act("grll_laboral_follow", None, tipo="sindicato", clave=union,
        email="intruso@example.org")
    smtp_sink.clear()

    act("grll_laboral_bargaining_stage_update", people["steward"],
        expediente=ANOTHER_IN_TRATO_DIRECTO, etapa="conciliacion", fecha=OTHER_CONCILIATION)
    assert [m["To"] for m in smtp_sink] == ["vecina@example.org"]
    app.get(confirm)
    smtp_sink.clear()
    act("grll_laboral_bargaining_stage_update", people["steward"],
        expediente=ANOTHER_IN_TRATO_DIRECTO, etapa="arbitraje", fecha=OTHER_ARBITRATION)
    assert sorted(m["To"] for m in smtp_sink) == ["obrero@example.org", "vecina@example.org"]
    notice = next(m for m in smtp_sink if m["To"] == "obrero@example.org")
    assert "Arbitraje" in notice["Subject"]
    stop = mail_link(notice, "/empleo/seguimiento/baja/")
    follower = app.test_client()
    follower.post(stop, data={"_csrf_token": form_token(follower, stop)})
    smtp_sink.clear()
    act("grll_laboral_bargaining_stage_update", people["steward"],
        expediente=ANOTHER_IN_TRATO_DIRECTO, etapa="laudo", fecha=OTHER_AWARD)
    assert [m["To"] for m in smtp_sink] == ["vecina@example.org"]
    assert Seguimiento.query().filter(Seguimiento.email == "obrero@example.org").count() == 0


def test_union_page_lists_its_processes(app, people):
    html = page(app.get(f"/empleo/sindicatos/{UNION}"))
    assert IN_TRATO_DIRECTO in html.get_text()
    listing = page(app.get("/empleo/sindicatos", query_string={"estado": "Cancelado"}))
    assert all("Cancelado" in li.get_text() for li in listing.select(".grll-laboral-lista li"))
    assert app.get("/empleo/sindicatos/RS-NADA").status_code == 404
    with pytest.raises(tk.ValidationError):
        act("grll_laboral_follow", None, tipo="empresa", clave=UNION, email="a@example.org")


def test_conflicts_are_registered_by_stewards_and_followers_hear_of_changes(app, people,
                                                                            smtp_sink):
    conflict = {"tipo": "Huelga", "partes": "Sindicato ilustrativo N.° 5 y Empresa ilustrativa",
                "actividad_economica": "Agroindustria", "ubigeo": TRUJILLO,
                "fecha_inicio": "2025-03-01", "estado": "activo",
                "trabajadores_involucrados": "320", "horas_hombre_perdidas": "7680"}
    with pytest.raises(tk.NotAuthorized):
        act("grll_laboral_conflict_create", people["vecina"], **conflict)
    with pytest.raises(tk.ValidationError) as error:
        act("grll_laboral_conflict_create", people["steward"],
            **{**conflict, "estado": "congelado", "ubigeo": "999999"})
    assert set(error.value.error_dict) == {"estado", "ubigeo"}
    created = act("grll_laboral_conflict_create", people["steward"], **conflict)
    assert created["codigo"].startswith("CL-")
    listing = page(app.get("/empleo/conflictos", query_string={"estado": "activo"}))
    assert "Sindicato ilustrativo N.° 5" in listing.get_text()

    act("grll_laboral_follow", people["vecina"], tipo="conflicto", clave=created["codigo"])
    smtp_sink.clear()
    act("grll_laboral_conflict_update", people["steward"], codigo=created["codigo"],
        estado="resuelto", trabajadores_involucrados="320", horas_hombre_perdidas="9000")
    assert [m["To"] for m in smtp_sink] == ["vecina@example.org"]
    assert "resuelto" in smtp_sink[0]["Subject"]
    rows = open_dataset_rows(registros.CONFLICTOS.dataset)
    assert [(r["estado"], r["horas_hombre_perdidas"]) for r in rows] == [("resuelto", 9000)]
    html = page(app.get(f"/empleo/conflictos/{created['codigo']}"))
    assert html.select_one("#grll-laboral-estado").get_text() == "resuelto"
