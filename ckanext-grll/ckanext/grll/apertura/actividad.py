"""Every change of the inventory in CKAN's activity stream (ckanext-activity).

An activity ``changed apertura`` is recorded on the candidate's organization (the
secretariat's for a request no Gerencia took yet), so it shows in that organization's
stream and on the dashboards of its followers; ``snippets/activities/changed_apertura.html``
renders it. The activity is added to the session of the change and committed with it.
"""
from __future__ import annotations

from typing import Any

import ckan.model as ckan_model
import ckan.plugins as p

from ckanext.grll.apertura import config


def _organization(candidate: dict[str, Any]) -> Any:
    if candidate.get("organization_id"):
        return ckan_model.Group.get(candidate["organization_id"])
    for name in config.secretariat_organizations():
        group = ckan_model.Group.get(name)
        if group is not None:
            return group
    return None


def record(user_name: str | None, candidate: dict[str, Any], change: str) -> None:
    """Add the activity "``user_name`` did ``change`` to ``candidate``" to the session."""
    if not p.plugin_loaded("activity"):
        return
    from ckanext.activity.model import Activity

    user = ckan_model.User.get(user_name) if user_name else None
    organization = _organization(candidate)
    if user is None or organization is None:
        return
    ckan_model.Session.add(Activity(
        user.id, organization.id, "changed apertura",
        {"group": {"id": organization.id, "name": organization.name,
                   "title": organization.title, "is_organization": True},
         "apertura": {"id": candidate["id"], "title": candidate["title"], "change": change}},
        permission_labels=["public"]))
