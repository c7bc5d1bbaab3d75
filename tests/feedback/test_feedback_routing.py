"""Reports reach who must act: the water provider of the locality, the security
authority of the category, with the Gerencia (or CORESEC) overseeing them."""
from __future__ import annotations

import datetime
from typing import Any

import ckan.model as model
import ckan.plugins.toolkit as tk
import pytest
from bs4 import BeautifulSoup
from ckan.tests import factories

from ckanext.grll.domains.agua import registry, scorecard
from ckanext.grll.feedback.model import Report
from ckanext.grll.reference import distritos
from ckanext.grll.seed.loader import load_catalog
from portal_testing import empty_datastore, ensure_portal_plugins


@pytest.fixture(scope="module")
def portal(reset_db, reset_index) -> None:
    """The seed's organizations (providers and authorities among them) and the water
    provider registry."""
    ensure_portal_plugins()
    reset_db()
    reset_index()
    empty_datastore()
    registry.forget()
    report = load_catalog(only={"agua-prestadores"})
    assert not report.failures, report.failures


pytestmark = pytest.mark.usefixtures("portal")

_staff: dict[str, dict[str, Any]] = {}


def staff(org: str) -> dict[str, Any]:
    """An editor of the organization (one per organization and module)."""
    if org not in _staff:
        user = factories.User()
        tk.get_action("organization_member_create")(
            {"ignore_auth": True}, {"id": org, "username": user["name"], "role": "editor"})
        _staff[org] = user
    return _staff[org]


_counter = iter(range(1, 10_000))


def file(domain: str, category: str, ubigeo: str, **answers: Any) -> Report:
    district = distritos()[ubigeo]
    data = {"domain": domain, "category": category, "ubigeo": ubigeo,
            "description": f"Reporte de prueba número {next(_counter)} de este módulo.",
            "answers": answers, "email": "vecina@example.com"}
    if category not in ("soborno", "extorsion", "trata", "violencia"):
        data.update(lat=district.lat, lon=district.lon)
    if domain == "agua" and category == "sin-servicio":
        data["answers"] = {"desde": "2026-11-01T08:00", **answers}
    if domain == "seguridad" and category == "robo":
        data["answers"] = {"cuando": "2026-11-01T20:00", "rol": "victima",
                           "denuncia-policial": "no"}
    result = tk.get_action("grll_feedback_create")({"user": "", "ignore_auth": True}, data)
    return Report.by_code(result["codigo"])


def act(user: dict[str, Any] | None, code: str, status: str = "en_revision") -> dict:
    return tk.get_action("grll_feedback_status_update")(
        {"user": user["name"] if user else "", "ignore_auth": False},
        {"code": code, "status": status, "public_note": "Atendido."})


def queue(user: dict[str, Any]) -> set[str]:
    result = tk.get_action("grll_feedback_list")(
        {"user": user["name"], "ignore_auth": False}, {"queue": True, "limit": 500})
    return {r["codigo"] for r in result["results"]}


@pytest.mark.parametrize(("ubigeo", "locality", "owner"), [
    # SEDALIB's towns: the EPS answers.
    ("130101", None, "sedalib-s-a"),
    ("130102", "El Porvenir", "sedalib-s-a"),
    # Laredo: the municipal operator's town, and a caserío of its JASS, which answer
    # through the municipality's technical unit (the same organization).
    ("130106", "Laredo", "municipalidad-distrital-de-laredo"),
    ("130106", "Caserío Santo Domingo", "municipalidad-distrital-de-laredo"),
    # A rural place of El Porvenir is the JASS's; its municipality has no portal
    # organization, and Poroto's operator neither: the Gerencia answers (fall-back).
    ("130102", "Caserío Alto Salaverry", "gerencia-regional-vivienda"),
    ("130108", None, "gerencia-regional-vivienda"),
])
def test_water_reports_go_to_the_provider_of_the_district_and_locality(
        ubigeo, locality, owner):
    answers = {"localidad": locality} if locality else {}
    report = file("agua", "sin-servicio", ubigeo, **answers)
    assert report.owner_org == owner
    # The Gerencia de Vivienda oversees them all.
    assert report.tracking_code in queue(staff("gerencia-regional-vivienda"))


def test_water_quality_is_answered_by_the_provider_and_overseen_by_health():
    report = file("agua", "calidad", "130601", problema=["turbia"])
    assert report.owner_org == "municipalidad-provincial-de-otuzco"
    assert report.tracking_code in queue(staff("gerencia-regional-salud"))
    assert report.tracking_code not in queue(staff("gerencia-regional-vivienda"))
    assert act(staff("gerencia-regional-salud"), report.tracking_code)["estado"] \
        == "en_revision"


def test_provider_staff_see_and_answer_only_their_own_reports():
    trujillo = file("agua", "sin-servicio", "130101")
    laredo = file("agua", "fuga", "130106", localidad="Laredo")
    sedalib = staff("sedalib-s-a")
    mine = queue(sedalib)
    assert trujillo.tracking_code in mine and laredo.tracking_code not in mine
    assert act(sedalib, trujillo.tracking_code)["estado"] == "en_revision"
    with pytest.raises(tk.NotAuthorized):
        act(sedalib, laredo.tracking_code)
    shown = tk.get_action("grll_feedback_show")({"user": sedalib["name"]},
                                                 {"code": trujillo.tracking_code})
    assert shown["correo"] == "vecina@example.com"
    other = tk.get_action("grll_feedback_show")({"user": sedalib["name"]},
                                                {"code": laredo.tracking_code})
    assert "correo" not in other
    # The municipal operator answers its own.
    assert act(staff("municipalidad-distrital-de-laredo"), laredo.tracking_code)["estado"] \
        == "en_revision"


def test_the_gerencia_oversees_and_can_act_on_the_providers_reports():
    trujillo = file("agua", "baja-presion", "130101", horario="manana")
    poroto = file("agua", "fuga", "130108")
    vivienda = staff("gerencia-regional-vivienda")
    assert {trujillo.tracking_code, poroto.tracking_code} <= queue(vivienda)
    assert act(vivienda, trujillo.tracking_code, "en_proceso")["estado"] == "en_proceso"
    # Routing it elsewhere keeps the Gerencia overseeing it.
    moved = tk.get_action("grll_feedback_status_update")(
        {"user": vivienda["name"]},
        {"code": trujillo.tracking_code, "status": "derivado",
         "organization": "municipalidad-provincial-de-viru"})
    assert moved["organizacion"] == "municipalidad-provincial-de-viru"
    assert trujillo.tracking_code in queue(vivienda)
    assert trujillo.tracking_code not in queue(staff("sedalib-s-a"))
    assert trujillo.tracking_code in queue(staff("municipalidad-provincial-de-viru"))
    # Another Gerencia does not see them.
    assert trujillo.tracking_code not in queue(staff("gerencia-regional-trabajo"))


def _published_and_resolved(report: Report, resolved: bool) -> None:
    """As if filed 20 days ago (past the publication delay) and answered."""
    act(staff("gerencia-regional-vivienda"), report.tracking_code, "en_proceso")
    if resolved:
        act(staff("gerencia-regional-vivienda"), report.tracking_code, "resuelto")
    row = model.Session.get(Report, report.id)
    shift = datetime.timedelta(days=20)
    row.created -= shift
    if row.closed_at:
        row.closed_at -= datetime.timedelta(days=17)
    model.Session.commit()


def test_the_scorecard_shows_the_providers_own_resolution():
    sedalib, jass = registry.by_id("sedalib-s-a"), registry.by_id(
        "organizaciones-comunales-jass-de-el-porvenir")
    before = scorecard.reports(sedalib), scorecard.reports(jass)
    town = file("agua", "fuga", "130102", localidad="El Porvenir")
    rural = file("agua", "fuga", "130102", localidad="Caserío Alto Salaverry")
    _published_and_resolved(town, resolved=True)
    _published_and_resolved(rural, resolved=False)
    own, theirs = scorecard.reports(sedalib), scorecard.reports(jass)
    assert own["total"] == before[0]["total"] + 1
    assert own["resueltos"] == before[0]["resueltos"] + 1
    assert theirs["total"] == before[1]["total"] + 1
    assert theirs["resueltos"] == before[1]["resueltos"]
    assert own["responde_en_portal"] and own["organizacion_nombre"] == "SEDALIB S.A."
    assert not theirs["responde_en_portal"]


@pytest.mark.parametrize(("category", "ubigeo", "org", "authority"), [
    ("robo", "130101", "region-policial-la-libertad", "Comisaría PNP de Trujillo"),
    ("soborno", "130901", "distrito-fiscal-la-libertad",
     "Fiscalía Provincial Especializada en Delitos de Corrupción de Funcionarios"),
    ("extorsion", "130102", "distrito-fiscal-la-libertad", "Fiscalía Provincial Penal de Trujillo"),
    ("pandillaje", "130101", "municipalidad-provincial-de-trujillo",
     "Serenazgo de la Municipalidad Provincial de Trujillo"),
    # No portal organization for El Porvenir's municipality yet: CORESEC answers.
    ("pandillaje", "130102", "seguridad-ciudadana-regional",
     "Serenazgo de la Municipalidad Distrital de El Porvenir"),
])
def test_security_reports_name_the_authority_that_must_act(app, category, ubigeo, org,
                                                           authority):
    report = file("seguridad", category, ubigeo)
    assert report.owner_org == org
    # CORESEC's secretariat oversees every one; the police do not see the others.
    assert report.tracking_code in queue(staff("seguridad-ciudadana-regional"))
    if org != "region-policial-la-libertad":
        assert report.tracking_code not in queue(staff("region-policial-la-libertad"))
    page = BeautifulSoup(app.get(f"/seguimiento/{report.tracking_code}").get_data(
        as_text=True), "html.parser")
    assert authority in page.select_one(".grll-seg-autoridad").get_text()
    title = model.Group.get(org).title
    facts = page.select_one(".grll-feedback-facts").get_text()
    assert title in facts
    # The public API says who answers too.
    public = tk.get_action("grll_feedback_show")({"user": ""}, {"code": report.tracking_code})
    assert public["organizacion_nombre"] == title
