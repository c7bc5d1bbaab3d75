"""Fixtures of the action plan's tests: the secretariat, a commitment's lead, others.

Real PostgreSQL, DataStore and CKAN; the database is emptied before each test
(``clean_db``). ``plan`` holds one commitment led by the water organization, with a
completed, a late and a future milestone (dates relative to today).
"""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
import pytest
from ckan.tests import factories
from ogp_testing import COMMITMENT, LEAD_ORG, OTHER_ORG, SECRETARIAT_ORG, act, day


def _editor_of(org: dict[str, Any], name: str) -> dict[str, Any]:
    user = factories.User(name=name, email=f"{name}@example.com")
    tk.get_action("organization_member_create")(
        {"ignore_auth": True}, {"id": org["id"], "username": user["name"], "role": "editor"})
    return user


@pytest.fixture
def people(clean_db, clean_redis) -> dict[str, dict[str, Any]]:
    orgs = {name: factories.Organization(name=name) for name in (
        SECRETARIAT_ORG, LEAD_ORG, OTHER_ORG)}
    return {
        "orgs": orgs,
        "secretaria": _editor_of(orgs[SECRETARIAT_ORG], "secretaria-ga"),
        "lider": _editor_of(orgs[LEAD_ORG], "lider-agua"),
        "otro": _editor_of(orgs[OTHER_ORG], "editor-agro"),
        "ciudadana": factories.User(name="ciudadana", email="ciudadana@example.com"),
        "sociedad_civil": factories.User(name="codescill", email="codescill@example.com"),
        "funcionario": factories.User(name="funcionario", email="funcionario@example.com"),
        "sysadmin": factories.Sysadmin(name="administradora"),
    }


@pytest.fixture
def plan(people) -> dict[str, Any]:
    """One commitment with three milestones: completed, late, future."""
    secretaria = people["secretaria"]
    act("grll_ogp_commitment_create", secretaria, **COMMITMENT)
    hitos = [
        act("grll_ogp_milestone_create", secretaria, numero=2, descripcion="Directorio",
            fecha_inicio=day(-300), fecha_fin=day(-200), responsable="GRVCS",
            avance="completado"),
        act("grll_ogp_milestone_create", secretaria, numero=2, descripcion="Calificación",
            fecha_inicio=day(-150), fecha_fin=day(-10), responsable="GRVCS",
            avance="sustancial"),
        act("grll_ogp_milestone_create", secretaria, numero=2, descripcion="Fichas JASS",
            fecha_inicio=day(10), fecha_fin=day(200), responsable="GRVCS"),
    ]
    return {"numero": 2, "hitos": hitos, **people}
