"""Who may call the grll_apertura actions.

The inventory is public. Editors and admins of a Gerencia's organization list its
processes and candidates and link the dataset that publishes one; the Open Government
secretariat (members of the organizations of
``ckanext.grll.apertura.secretariat_organizations``) records the legal analysis, the
workshop's votes and the prioritisation, and places citizens' requests with a
Gerencia. Sysadmins may do everything (CKAN lets them through before these run).
"""
from __future__ import annotations

from typing import Any

import ckan.authz as authz
import ckan.model as ckan_model
import ckan.plugins.toolkit as tk
from ckan.plugins.toolkit import _
from ckan.types import AuthResult, Context, DataDict

from ckanext.grll.apertura import config, model


def is_secretariat(user_name: str | None) -> bool:
    """A sysadmin, or a member (any role) of a secretariat organization."""
    if not user_name:
        return False
    if authz.is_sysadmin(user_name):
        return True
    user = ckan_model.User.get(user_name)
    if user is None:
        return False
    for name in config.secretariat_organizations():
        group = ckan_model.Group.get(name)
        if group is not None and authz.has_user_permission_for_group_or_org(
                group.id, user_name, "read"):
            return True
    return False


def edits_organization(user_name: str | None, organization: Any) -> bool:
    """A sysadmin, or an editor or admin of the organization (name or id)."""
    if not user_name or not isinstance(organization, str) or not organization:
        return False
    if authz.is_sysadmin(user_name):
        return True
    group = model.organization(organization)
    return group is not None and authz.has_user_permission_for_group_or_org(
        group.id, user_name, "create_dataset")


@tk.auth_allow_anonymous_access
def public_read(context: Context, data_dict: DataDict) -> AuthResult:
    """The inventory and its progress are public."""
    return {"success": True}


def _gerencia(context: Context, organization: Any) -> AuthResult:
    if edits_organization(context.get("user"), organization):
        return {"success": True}
    return {"success": False,
            "msg": _("Solo los editores y administradores de la Gerencia")}


def _secretariat(context: Context) -> AuthResult:
    if is_secretariat(context.get("user")):
        return {"success": True}
    return {"success": False, "msg": _("Solo la secretaría de Gobierno Abierto")}


def grll_apertura_process_create(context: Context, data_dict: DataDict) -> AuthResult:
    return _gerencia(context, data_dict.get("organization"))


def grll_apertura_candidate_create(context: Context, data_dict: DataDict) -> AuthResult:
    return _gerencia(context, data_dict.get("organization"))


def grll_apertura_candidate_update(context: Context, data_dict: DataDict) -> AuthResult:
    """The candidate's Gerencia; the secretariat too (it places citizens' requests).
    Moving a candidate to another Gerencia is the secretariat's."""
    candidate = model.get(model.candidate_table, data_dict.get("id"))
    if candidate is None:
        return {"success": True}  # the action answers "not found"
    if is_secretariat(context.get("user")):
        return {"success": True}
    if data_dict.get("organization") not in (None, "", candidate["organization_id"]):
        group = model.organization(data_dict["organization"])
        if group is None or group.id != candidate["organization_id"]:
            return _secretariat(context)
    return _gerencia(context, candidate["organization_id"])


def grll_apertura_candidate_analyse(context: Context, data_dict: DataDict) -> AuthResult:
    return _secretariat(context)


def grll_apertura_vote_create(context: Context, data_dict: DataDict) -> AuthResult:
    return _secretariat(context)


def grll_apertura_candidate_prioritise(context: Context, data_dict: DataDict) -> AuthResult:
    return _secretariat(context)


def get_auth_functions() -> dict[str, Any]:
    reads = ("grll_apertura_candidate_list", "grll_apertura_candidate_show",
             "grll_apertura_progress_show", "grll_apertura_process_list")
    return {**{name: public_read for name in reads},
            **{name: function for name, function in globals().items()
               if name.startswith("grll_apertura_")}}
