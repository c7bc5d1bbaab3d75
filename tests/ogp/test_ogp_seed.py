"""The seed's plan: the four commitments, with milestones completed, in progress and
late on any day it is loaded, labelled as a demonstration, and loaded once."""
from __future__ import annotations

import pytest
from ckan.tests import factories
from ogp_testing import act

from ckanext.grll.ogp import config, seed

LEADS = ("seguridad-ciudadana-regional", "gerencia-regional-vivienda",
         "gerencia-regional-agricultura", "gerencia-regional-trabajo")


@pytest.fixture
def leads(clean_db):
    for name in LEADS:
        factories.Organization(name=name)


def test_the_plan_shows_completed_ongoing_and_late_milestones(leads):
    added = seed.load()
    assert added == {"compromisos": 4, "hitos": 17, "evaluaciones": 4, "sesiones": 2}
    # The secretariat's organizations exist (Planeamiento is created by the seed).
    for name in config.secretariat_organizations():
        assert act("organization_show", None, id=name)["name"] == name
    plan = act("grll_ogp_plan_show", None)["compromisos"]
    assert [c["titulo"] for c in plan] == [
        "Seguridad ciudadana participativa", "Gestión participativa del agua segura",
        "Mercado agrario a tu alcance",
        "Sistema de Información Laboral abierto y participativo"]
    hitos = [h for c in plan for h in act("grll_ogp_commitment_show", None,
                                           numero=c["numero"])["hitos"]]
    assert any(h["avance"] == "completado" for h in hitos)
    assert any(h["en_curso"] for h in hitos)
    assert any(h["con_retraso"] for h in hitos)
    assert all(c["muestra_demostrativa"] for c in plan)
    assert act("package_show", None, id=config.dataset())["muestra_demostrativa"] in (
        True, "true")


def test_loading_again_changes_nothing(leads):
    seed.load()
    assert seed.load() == {"compromisos": 0, "hitos": 0, "evaluaciones": 0, "sesiones": 0}
    committee = act("grll_ogp_committee_show", None)
    assert len(committee["miembros"]) == 4 and len(committee["sesiones"]) == 2
