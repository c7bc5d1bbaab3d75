"""Who may call the ``grll_laboral_*`` actions."""
from __future__ import annotations

import ckan.plugins.toolkit as tk
from ckan.plugins.toolkit import _
from ckan.types import AuthResult, Context, DataDict

from ckanext.grll.domains.laboral.empleadores import is_employer


@tk.auth_allow_anonymous_access
def grll_laboral_public_read(context: Context, data_dict: DataDict) -> AuthResult:
    return {"success": True}


def grll_laboral_employer(context: Context, data_dict: DataDict) -> AuthResult:
    if is_employer(context.get("user")):
        return {"success": True}
    return {"success": False,
            "msg": _("Solo las cuentas de empleadores pueden hacer esto")}


@tk.auth_allow_anonymous_access
def grll_laboral_anybody(context: Context, data_dict: DataDict) -> AuthResult:
    """Anybody may publish a profile, answer a request or follow a registry: the secret
    link e-mailed to the person is what the action checks."""
    return {"success": True}


def grll_laboral_logged_in(context: Context, data_dict: DataDict) -> AuthResult:
    if context.get("user"):
        return {"success": True}
    return {"success": False, "msg": _("Inicie sesión para ver sus perfiles")}


def grll_laboral_sysadmin(context: Context, data_dict: DataDict) -> AuthResult:
    # Sysadmins pass before auth functions run; everybody else is refused.
    return {"success": False, "msg": _("Solo los administradores del portal")}


def get_auth_functions() -> dict[str, object]:
    return {
        "grll_laboral_offer_create": grll_laboral_employer,
        "grll_laboral_offer_show": grll_laboral_public_read,
        "grll_laboral_offer_search": grll_laboral_public_read,
        "grll_laboral_offer_expire": grll_laboral_sysadmin,
        "grll_laboral_profile_create": grll_laboral_anybody,
        "grll_laboral_profile_search": grll_laboral_public_read,
        "grll_laboral_profile_show": grll_laboral_public_read,
        "grll_laboral_contact_request": grll_laboral_employer,
        "grll_laboral_contact_respond": grll_laboral_anybody,
        "grll_laboral_contact_list": grll_laboral_employer,
        "grll_laboral_profile_requests": grll_laboral_logged_in,
        "grll_laboral_union_search": grll_laboral_public_read,
        "grll_laboral_union_show": grll_laboral_public_read,
        "grll_laboral_bargaining_search": grll_laboral_public_read,
        "grll_laboral_bargaining_show": grll_laboral_public_read,
        "grll_laboral_conflict_search": grll_laboral_public_read,
        "grll_laboral_conflict_show": grll_laboral_public_read,
        "grll_laboral_follow": grll_laboral_anybody,
        "grll_laboral_course_search": grll_laboral_public_read,
        "grll_laboral_procedure_show": grll_laboral_public_read,
    }
