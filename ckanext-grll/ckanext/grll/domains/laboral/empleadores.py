"""The "Empleadores" role: members of one CKAN organization (``config.employers_org``).

Staff of the portal add a company's account to that organization once its RUC is
verified; members publish offers and may ask to contact seekers. Sysadmins can too.
"""
from __future__ import annotations

import ckan.model as model
import ckan.plugins.toolkit as tk

from ckanext.grll.domains.laboral import config
from ckanext.grll.domains.laboral.datastore import site_context


def ensure_organization() -> None:
    """Create the employers' organization if the portal does not have it yet."""
    if model.Group.get(config.employers_org()) is None:
        tk.get_action("organization_create")(site_context(), {
            "name": config.employers_org(), "title": "Empleadores",
            "description": "Empresas e instituciones que publican ofertas de empleo en el "
                           "portal. Sus miembros pueden publicar ofertas y pedir contacto "
                           "con personas que buscan empleo."})


def is_employer(user_name: str | None) -> bool:
    user = model.User.get(user_name) if user_name else None
    if user is None:
        return False
    if user.sysadmin:
        return True
    group = model.Group.get(config.employers_org())
    if group is None:
        return False
    return model.Session.query(model.Member).filter(
        model.Member.group_id == group.id, model.Member.table_name == "user",
        model.Member.table_id == user.id, model.Member.state == "active").count() > 0
