"""Who may do what with citizen reports.

Anyone may read public records and follow a report by its code. Submitting
needs an account unless the category allows anonymous reports. Members
(editor or admin) of the responsible organization moderate and answer;
sysadmins see everything. When a domain routes a report to the body that must
fix the problem (a water provider), the organization of the category's routing
(the Gerencia) oversees it: its staff see and act on it too.
"""
from __future__ import annotations

import ckan.authz as authz
import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.plugins.toolkit import _
from ckan.types import AuthResult, Context, DataDict

from ckanext.grll.feedback.domains import enabled_domains, overseer
from ckanext.grll.feedback.logic.validators import find_report
from ckanext.grll.feedback.model import Report

STAFF_PERMISSION = "update_dataset"


def is_staff(user_name: str | None, org_name: str) -> bool:
    """Sysadmin, or editor/admin of the organization that answers the report."""
    if not user_name:
        return False
    if authz.is_sysadmin(user_name):
        return True
    org = model.Group.get(org_name)
    return bool(org and authz.has_user_permission_for_group_or_org(
        org.id, user_name, STAFF_PERMISSION))


def is_report_staff(user_name: str | None, report: Report) -> bool:
    """Staff of the organization that must act on the report, or of the one overseeing it."""
    if is_staff(user_name, report.owner_org):
        return True
    overseeing = overseer(report.domain, report.category, report.ubigeo)
    return bool(overseeing and overseeing != report.owner_org
                and is_staff(user_name, overseeing))


def staff_orgs(user_name: str | None) -> list[str] | None:
    """Organization names whose queue the user works; None means all (sysadmin)."""
    if not user_name:
        return []
    if authz.is_sysadmin(user_name):
        return None
    orgs = tk.get_action("organization_list_for_user")(
        {"user": user_name}, {"permission": STAFF_PERMISSION})
    return [org["name"] for org in orgs]


def _report(data_dict: DataDict) -> Report:
    report = find_report(data_dict.get("code"))
    if report is None:
        raise tk.ObjectNotFound(_("No existe un reporte con ese código"))
    return report


@tk.auth_allow_anonymous_access
def grll_feedback_create(context: Context, data_dict: DataDict) -> AuthResult:
    if context.get("user") and model.User.get(context["user"]) is not None:
        return {"success": True}
    domain = enabled_domains().get(str(data_dict.get("domain") or ""))
    category = domain.categories.get(str(data_dict.get("category") or "")) if domain else None
    # Unknown domain or category: let validation answer with the field.
    if category is None or category.anonymous_allowed:
        return {"success": True}
    return {"success": False,
            "msg": _("Inicie sesión para enviar este tipo de reporte")}


@tk.auth_allow_anonymous_access
def grll_feedback_show(context: Context, data_dict: DataDict) -> AuthResult:
    return {"success": True}


@tk.auth_allow_anonymous_access
def grll_feedback_list(context: Context, data_dict: DataDict) -> AuthResult:
    # Read before validation: anything but a clear "no" asks for the staff queue
    # (the schema then refuses what is not a boolean).
    if str(data_dict.get("queue", "")).strip().lower() in ("", "none", "false", "0", "f",
                                                            "n", "no", "off"):
        return {"success": True}
    orgs = staff_orgs(context.get("user"))
    if orgs is None or orgs:
        return {"success": True}
    return {"success": False,
            "msg": _("Solo el personal de las entidades responsables ve la bandeja")}


def _responsible_staff(context: Context, data_dict: DataDict, refusal: str) -> AuthResult:
    """Only the staff of the organization responsible for the report (or overseeing
    it) act on it."""
    if is_report_staff(context.get("user"), _report(data_dict)):
        return {"success": True}
    return {"success": False, "msg": refusal}


def grll_feedback_status_update(context: Context, data_dict: DataDict) -> AuthResult:
    return _responsible_staff(context, data_dict, _("Solo la entidad responsable puede cambiar el estado de este reporte"))


def grll_feedback_moderate(context: Context, data_dict: DataDict) -> AuthResult:
    return _responsible_staff(context, data_dict, _("Solo la entidad responsable puede moderar este reporte"))


@tk.auth_allow_anonymous_access
def grll_feedback_flag(context: Context, data_dict: DataDict) -> AuthResult:
    # Anyone may ask for a review; only accounts' flags can hide (see the action).
    return {"success": True}


def grll_feedback_flag_list(context: Context, data_dict: DataDict) -> AuthResult:
    orgs = staff_orgs(context.get("user"))
    if orgs is None or orgs:
        return {"success": True}
    return {"success": False,
            "msg": _("Solo el personal de las entidades responsables ve los avisos de abuso")}


def grll_feedback_flag_dismiss(context: Context, data_dict: DataDict) -> AuthResult:
    return _responsible_staff(context, data_dict, _("Solo la entidad responsable puede revisar los avisos de este reporte"))


@tk.auth_allow_anonymous_access
def grll_feedback_stats(context: Context, data_dict: DataDict) -> AuthResult:
    return {"success": True}


@tk.auth_allow_anonymous_access
def grll_feedback_services(context: Context, data_dict: DataDict) -> AuthResult:
    return {"success": True}


@tk.auth_allow_anonymous_access
def grll_feedback_suggest(context: Context, data_dict: DataDict) -> AuthResult:
    return {"success": True}


def get_auth_functions() -> dict[str, object]:
    return {
        "grll_feedback_create": grll_feedback_create,
        "grll_feedback_show": grll_feedback_show,
        "grll_feedback_list": grll_feedback_list,
        "grll_feedback_status_update": grll_feedback_status_update,
        "grll_feedback_moderate": grll_feedback_moderate,
        "grll_feedback_flag": grll_feedback_flag,
        "grll_feedback_flag_list": grll_feedback_flag_list,
        "grll_feedback_flag_dismiss": grll_feedback_flag_dismiss,
        "grll_feedback_stats": grll_feedback_stats,
        "grll_feedback_services": grll_feedback_services,
        "grll_feedback_suggest": grll_feedback_suggest,
    }
