"""Fixtures of the data-opening inventory tests: a Gerencia, the secretariat and the
people who act on the inventory, on a fresh database (no seed catalog needed)."""
from __future__ import annotations

import ckan.plugins.toolkit as tk
import pytest
from ckan.tests import factories

from portal_testing import empty_datastore, ensure_portal_plugins, site_context


def organization(name: str, title: str) -> dict:
    try:
        return tk.get_action("organization_show")(site_context(), {"id": name})
    except tk.ObjectNotFound:
        return tk.get_action("organization_create")(site_context(), {"name": name,
                                                                     "title": title})


def member(organization_name: str, user: dict, role: str) -> None:
    tk.get_action("organization_member_create")(
        site_context(), {"id": organization_name, "username": user["name"], "role": role})


@pytest.fixture(scope="module")
def people(reset_db, reset_index) -> dict:
    """Users by role: ``editor`` and ``member`` of the Gerencia de Transportes,
    ``secretaria`` (a member of the Sub Gerencia de Planeamiento), ``otro`` (editor of
    another Gerencia), ``ciudadano`` and ``sysadmin``."""
    ensure_portal_plugins()
    reset_db()
    reset_index()
    empty_datastore()
    organization("sub-gerencia-planeamiento", "Sub Gerencia de Planeamiento")
    organization("gerencia-regional-transportes", "Gerencia Regional de Transportes")
    organization("gerencia-regional-salud", "Gerencia Regional de Salud")
    users = {name: factories.User(name=f"apertura-{name}", password="Clave-de-prueba-2026")
             for name in ("editor", "member", "secretaria", "otro", "ciudadano")}
    users["sysadmin"] = factories.Sysadmin(name="apertura-sysadmin")
    member("gerencia-regional-transportes", users["editor"], "editor")
    member("gerencia-regional-transportes", users["member"], "member")
    member("sub-gerencia-planeamiento", users["secretaria"], "member")
    member("gerencia-regional-salud", users["otro"], "editor")
    return users
