"""Authorization of grll_catalog's actions."""
from __future__ import annotations

import ckan.authz as authz
import ckan.plugins.toolkit as tk
from ckan.types import AuthResult, Context, DataDict

from ckanext.grll.catalog import data_requests, model, reuses


def _given_id(data_dict: DataDict) -> str:
    """`id` when it is text a query can hold, else "": the action's validation then
    refuses it naming the field, instead of the query failing here."""
    value = data_dict.get("id")
    return value if isinstance(value, str) and "\x00" not in value else ""


@tk.auth_allow_anonymous_access
def grll_catalog_dataset_quality_show(context: Context, data_dict: DataDict) -> AuthResult:
    """Whoever can see a dataset can see its quality score (a missing or malformed id
    is refused by the action's validation)."""
    if not _given_id(data_dict):
        return {"success": True}
    return authz.is_authorized("package_show", context, data_dict)


def grll_catalog_dump_refresh(context: Context, data_dict: DataDict) -> AuthResult:
    """Only sysadmins (who pass every check) regenerate the dump."""
    return {"success": False}


def grll_catalog_reuse_create(context: Context, data_dict: DataDict) -> AuthResult:
    """Any logged-in user submits reuses (anonymous users are refused by CKAN)."""
    return {"success": True}


@tk.auth_allow_anonymous_access
def grll_catalog_reuse_show(context: Context, data_dict: DataDict) -> AuthResult:
    """Public; the action hides pending reuses from those who may not see them."""
    return {"success": True}


@tk.auth_allow_anonymous_access
def grll_catalog_reuse_list(context: Context, data_dict: DataDict) -> AuthResult:
    return {"success": True}


def grll_catalog_reuse_update(context: Context, data_dict: DataDict) -> AuthResult:
    """Its author and sysadmins (a missing reuse is the action's 404)."""
    reuse = model.get(model.reuse_table, _given_id(data_dict))
    if reuse is None or reuses.can_edit(context.get("user"), reuse):
        return {"success": True}
    return {"success": False, "msg": tk._("Solo quien registró la reutilización puede "
                                          "modificarla")}


def grll_catalog_reuse_delete(context: Context, data_dict: DataDict) -> AuthResult:
    return grll_catalog_reuse_update(context, data_dict)


def grll_catalog_reuse_review(context: Context, data_dict: DataDict) -> AuthResult:
    """Sysadmins and editors of the organizations of the reuse's datasets."""
    if reuses.can_review(context.get("user"), _given_id(data_dict)):
        return {"success": True}
    return {"success": False,
            "msg": tk._("Solo la organización de los datos usados puede revisar esta "
                        "reutilización")}


def grll_catalog_data_request_create(context: Context, data_dict: DataDict) -> AuthResult:
    """Any logged-in user asks for data."""
    return {"success": True}


@tk.auth_allow_anonymous_access
def grll_catalog_data_request_show(context: Context, data_dict: DataDict) -> AuthResult:
    return {"success": True}


@tk.auth_allow_anonymous_access
def grll_catalog_data_request_list(context: Context, data_dict: DataDict) -> AuthResult:
    return {"success": True}


def grll_catalog_data_request_close(context: Context, data_dict: DataDict) -> AuthResult:
    """Editors of the suggested organization (any organization if none) and sysadmins."""
    request = model.get(model.data_request_table, data_dict.get("id", ""))
    if request is not None and data_requests.can_close(context.get("user"), request):
        return {"success": True}
    return {"success": False,
            "msg": tk._("Solo la organización sugerida puede cerrar esta solicitud")}


def grll_catalog_data_request_follow(context: Context, data_dict: DataDict) -> AuthResult:
    return {"success": True}


def grll_catalog_data_request_unfollow(context: Context, data_dict: DataDict) -> AuthResult:
    return {"success": True}
