"""Demonstration citizen reports: every domain and state, labelled, recent, loaded once."""
from __future__ import annotations

import datetime

import ckan.model as model
import ckan.plugins.toolkit as tk
import pytest
from bs4 import BeautifulSoup

from ckanext.grll.domains.agua import registry
from ckanext.grll.domains.seguridad import resumen
from ckanext.grll.feedback import demo, workflow
from ckanext.grll.feedback.domains import enabled_domains
from ckanext.grll.feedback.model import Report, utcnow
from ckanext.grll.seed.loader import load_catalog
from portal_testing import commitments, empty_datastore, ensure_portal_plugins

DOMAINS = commitments()


@pytest.fixture(scope="module")
def loaded(reset_db, reset_index) -> dict[str, int]:
    ensure_portal_plugins()
    reset_db()
    reset_index()
    empty_datastore()
    registry.forget()
    assert not load_catalog(only={"agua-prestadores"}).failures
    added = demo.load()
    resumen.refresh()
    return added


pytestmark = pytest.mark.usefixtures("loaded")


def _state(report: Report) -> str:
    return workflow.HIDDEN if report.hidden else report.status


@pytest.mark.parametrize("domain", DOMAINS)
def test_every_domain_has_reports_in_every_state(domain):
    reports = Report.query().filter(Report.domain == domain).all()
    assert {_state(r) for r in reports} == {*workflow.STATUSES, workflow.HIDDEN}
    assert all(r.description.startswith(demo.LABEL) for r in reports)


@pytest.mark.parametrize("domain", DOMAINS)
def test_open_data_carries_them_marked_as_demonstration(domain):
    name = enabled_domains()[domain].dataset_name
    dataset = tk.get_action("package_show")({"ignore_auth": True}, {"id": name})
    assert dataset["muestra_demostrativa"] == "true"
    resource = next(r for r in dataset["resources"] if r.get("datastore_active"))
    rows = tk.get_action("datastore_search")({"ignore_auth": True}, {
        "resource_id": resource["id"], "limit": 500})["records"]
    public = [r for r in Report.query().filter(Report.domain == domain)
              if not r.hidden and r.status != workflow.RECEIVED]
    assert {row["id"] for row in rows} == {r.public_id for r in public}
    # Coarsened and monthly: never the exact point, never a day.
    assert all(len(row["mes"]) == 7 for row in rows)
    exact = {(r.latitude, r.longitude) for r in public}
    assert not {(row["latitud"], row["longitud"]) for row in rows if row["latitud"]} & exact


def test_dates_are_recent_and_timelines_in_order():
    now = utcnow()
    for report in Report.query():
        age = now - report.created
        assert datetime.timedelta(days=8) < age < datetime.timedelta(days=160)
        moments = [event.created for event in report.events]
        assert moments == sorted(moments) and moments[-1] <= now
        if report.status in workflow.CLOSED:
            assert report.created < report.closed_at <= now


def test_loading_again_adds_nothing():
    before = Report.query().count()
    assert demo.load() == {}
    assert Report.query().count() == before


def test_water_reports_reach_the_providers():
    owners = {r.owner_org for r in Report.query().filter(Report.domain == "agua")}
    assert {"sedalib-s-a", "municipalidad-distrital-de-laredo",
            "gerencia-regional-vivienda"} <= owners


def test_the_authorities_figures_have_content(app):
    stats = tk.get_action("grll_seguridad_authority_stats")({}, {})
    names = {org["organizacion"] for org in stats["organizaciones"]}
    assert {"region-policial-la-libertad", "distrito-fiscal-la-libertad"} <= names
    assert stats["total"]["total"] > 0 and stats["total"]["resueltos"] > 0
    page = app.get("/seguridad/autoridades").get_data(as_text=True)
    assert "Aún no hay reportes públicos" not in page
    soup = BeautifulSoup(page, "html.parser")
    assert "Región Policial La Libertad" in soup.select_one("table").get_text()
    assert "Datos de demostración" in soup.get_text()


def test_the_map_has_a_citizen_layer():
    today = utcnow().date()
    start = today - datetime.timedelta(days=170)
    layer = tk.get_action("grll_seguridad_map_layer")({}, {
        "capa": "puntos", "desde": start.strftime("%Y-%m"), "hasta": today.strftime("%Y-%m")})
    assert sum(f["properties"]["cantidad"] for f in layer["features"]) > 0
    model.Session.rollback()
