"""Who may call the ``grll_laboral_*`` actions."""
from __future__ import annotations

import ckan.plugins.toolkit as tk
from ckan import authz
from ckan.plugins.toolkit import _
from ckan.types import AuthResult, Context, DataDict

from ckanext.grll.domains.laboral import catalogos, datastore, registros
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
    """Anybody may publish a profile, answer a request or follow a registry (and stop):
    the secret link e-mailed to the person is what the action checks."""
    return {"success": True}


def grll_laboral_logged_in(context: Context, data_dict: DataDict) -> AuthResult:
    if context.get("user"):
        return {"success": True}
    return {"success": False, "msg": _("Inicie sesión para ver sus perfiles")}


def grll_laboral_sysadmin(context: Context, data_dict: DataDict) -> AuthResult:
    # Sysadmins pass before auth functions run; everybody else is refused.
    return {"success": False, "msg": _("Solo los administradores del portal")}


def _steward(context: Context, registro: registros.Registro) -> AuthResult:
    """Stewards of a registry are whoever may edit its dataset in CKAN (before its
    first record, whoever may create datasets of the labour authority)."""
    if datastore.find_resource(registro.dataset):
        return authz.is_authorized("package_update", context, {"id": registro.dataset})
    return authz.is_authorized("package_create", context, {"owner_org": datastore.OWNER_ORG})


def grll_laboral_union_update(context: Context, data_dict: DataDict) -> AuthResult:
    return _steward(context, registros.SINDICATOS)


def grll_laboral_bargaining_stage_update(context: Context, data_dict: DataDict) -> AuthResult:
    return _steward(context, registros.NEGOCIACIONES)


def grll_laboral_conflict_create(context: Context, data_dict: DataDict) -> AuthResult:
    return _steward(context, registros.CONFLICTOS)


def grll_laboral_conflict_update(context: Context, data_dict: DataDict) -> AuthResult:
    return _steward(context, registros.CONFLICTOS)


def grll_laboral_course_create(context: Context, data_dict: DataDict) -> AuthResult:
    return _steward(context, catalogos.CURSOS)


def grll_laboral_procedure_update(context: Context, data_dict: DataDict) -> AuthResult:
    return _steward(context, catalogos.TRAMITES)


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
        "grll_laboral_union_update": grll_laboral_union_update,
        "grll_laboral_bargaining_search": grll_laboral_public_read,
        "grll_laboral_bargaining_show": grll_laboral_public_read,
        "grll_laboral_bargaining_stage_update": grll_laboral_bargaining_stage_update,
        "grll_laboral_conflict_search": grll_laboral_public_read,
        "grll_laboral_conflict_show": grll_laboral_public_read,
        "grll_laboral_conflict_create": grll_laboral_conflict_create,
        "grll_laboral_conflict_update": grll_laboral_conflict_update,
        "grll_laboral_follow": grll_laboral_anybody,
        "grll_laboral_unfollow": grll_laboral_anybody,
        "grll_laboral_course_search": grll_laboral_public_read,
        "grll_laboral_course_create": grll_laboral_course_create,
        "grll_laboral_procedure_show": grll_laboral_public_read,
        "grll_laboral_procedure_update": grll_laboral_procedure_update,
    }
