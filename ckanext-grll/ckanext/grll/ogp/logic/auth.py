"""Who may call the grll_ogp actions.

Reading is public. The Open Government secretariat (editors and admins of the
organizations in ``ckanext.grll.ogp.secretariat_organizations``) edits the plan and the
committee and moderates comments; a commitment's lead (editors and admins of its lead
organization) edits its milestones, evidence and self-assessments; civil-society
members of the committee linked to an account add the committee's comment; any
account comments and follows. Sysadmins pass before these are called.
"""
from __future__ import annotations

from typing import Any

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.plugins.toolkit import _
from ckan.types import AuthResult, Context, DataDict

from ckanext.grll.ogp import config
from ckanext.grll.ogp.model import Compromiso, Evaluacion, Hito, Miembro, get

EDITING_ROLES = ("editor", "admin")


def _user(context: Context) -> model.User | None:
    name = context.get("user")
    return model.User.get(name) if name else None


def _edits_org(user: model.User | None, org_names_or_ids: list[str]) -> bool:
    if user is None:
        return False
    if user.sysadmin:
        return True
    groups = model.Session.query(model.Group.id).filter(
        model.Group.is_organization.is_(True), model.Group.state == "active",
        (model.Group.name.in_(org_names_or_ids)) | (model.Group.id.in_(org_names_or_ids)))
    return model.Session.query(model.Member).filter(
        model.Member.group_id.in_(groups.subquery().select()),
        model.Member.table_name == "user", model.Member.table_id == user.id,
        model.Member.state == "active", model.Member.capacity.in_(EDITING_ROLES)).count() > 0


def is_secretariat(context: Context) -> bool:
    return _edits_org(_user(context), config.secretariat_organizations())


def leads(context: Context, compromiso: Compromiso | None) -> bool:
    """The user edits the commitment's lead organization (or is the secretariat)."""
    if compromiso is None:
        return is_secretariat(context)
    return (_edits_org(_user(context), [compromiso.organizacion_id])
            or is_secretariat(context))


def _compromiso(data_dict: DataDict) -> Compromiso | None:
    """The commitment a call is about: by ``numero``, ``hito_id``/``id`` of a milestone,
    or ``id`` of an assessment."""
    numero = data_dict.get("numero")
    if numero not in (None, ""):
        try:
            return model.Session.query(Compromiso).filter(
                Compromiso.numero == int(numero)).first()
        except (TypeError, ValueError):
            return None
    hito = get(Hito, data_dict.get("hito_id") or data_dict.get("id"))
    if hito is not None:
        return get(Compromiso, hito.compromiso_id)
    evaluacion = get(Evaluacion, data_dict.get("id"))
    if evaluacion is not None:
        return get(Compromiso, evaluacion.compromiso_id)
    return None


@tk.auth_allow_anonymous_access
def public_read(context: Context, data_dict: DataDict) -> AuthResult:
    """The plan, the committee and the indicators are public."""
    return {"success": True}


def secretariat(context: Context, data_dict: DataDict) -> AuthResult:
    if is_secretariat(context):
        return {"success": True}
    return {"success": False, "msg": _("Solo la secretaría de Gobierno Abierto")}


def commitment_lead(context: Context, data_dict: DataDict) -> AuthResult:
    if leads(context, _compromiso(data_dict)):
        return {"success": True}
    return {"success": False,
            "msg": _("Solo la entidad responsable del compromiso o la secretaría")}


def assessment_create(context: Context, data_dict: DataDict) -> AuthResult:
    """Self-assessments by the lead; independent ones by the secretariat."""
    if data_dict.get("tipo") == "independiente":
        return secretariat(context, data_dict)
    return commitment_lead(context, data_dict)


def assessment_comment(context: Context, data_dict: DataDict) -> AuthResult:
    """Civil-society members of the committee whose record names this account."""
    user = _user(context)
    member = user and model.Session.query(Miembro).filter(
        Miembro.user_id == user.id, Miembro.sector == "sociedad_civil",
        Miembro.activo.is_(True)).first()
    if member:
        return {"success": True}
    return {"success": False,
            "msg": _("Solo los miembros de sociedad civil del Comité de Gobierno Abierto")}


def logged_in(context: Context, data_dict: DataDict) -> AuthResult:
    if _user(context) is None:
        return {"success": False, "msg": _("Inicie sesión para continuar")}
    return {"success": True}


def sysadmin_only(context: Context, data_dict: DataDict) -> AuthResult:
    return {"success": False, "msg": _("Solo administradores del portal")}


def get_auth_functions() -> dict[str, Any]:
    return {
        "grll_ogp_plan_show": public_read,
        "grll_ogp_commitment_show": public_read,
        "grll_ogp_committee_show": public_read,
        "grll_ogp_indicator_list": public_read,
        "grll_ogp_comment_list": public_read,
        "grll_ogp_commitment_create": secretariat,
        "grll_ogp_commitment_update": secretariat,
        "grll_ogp_milestone_create": secretariat,
        "grll_ogp_milestone_update": commitment_lead,
        "grll_ogp_evidence_create": commitment_lead,
        "grll_ogp_assessment_create": assessment_create,
        "grll_ogp_assessment_comment": assessment_comment,
        "grll_ogp_member_create": secretariat,
        "grll_ogp_session_create": secretariat,
        "grll_ogp_agreement_create": secretariat,
        "grll_ogp_comment_create": logged_in,
        "grll_ogp_comment_moderate": secretariat,
        "grll_ogp_commitment_follow": logged_in,
        "grll_ogp_plan_publish": sysadmin_only,
    }
