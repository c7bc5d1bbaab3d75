"""Who may call the grll_agua actions: the lookups are public; rating a provider needs
an account; the providers' registry is edited by whoever may edit its dataset."""
from __future__ import annotations

from typing import Any

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.plugins.toolkit import _
from ckan.types import AuthResult, Context, DataDict

from ckanext.grll.domains.agua import registry


@tk.auth_allow_anonymous_access
def _public(context: Context, data_dict: DataDict) -> AuthResult:
    return {"success": True}


def _logged_in(context: Context, data_dict: DataDict) -> AuthResult:
    if not context.get("user") or model.User.get(context["user"]) is None:
        return {"success": False, "msg": _("Inicie sesión para calificar a un prestador")}
    return {"success": True}


def _registry_steward(context: Context, data_dict: DataDict) -> AuthResult:
    """Whoever may edit the registry dataset may edit its rows."""
    try:
        tk.check_access("package_update", context, {"id": registry.dataset_name()})
    except (tk.NotAuthorized, tk.ObjectNotFound):
        return {"success": False, "msg": _("Solo los responsables del registro de prestadores")}
    return {"success": True}


def _sysadmin_only(context: Context, data_dict: DataDict) -> AuthResult:
    return {"success": False, "msg": _("Solo administradores del portal")}


def get_auth_functions() -> dict[str, Any]:
    return {"grll_agua_locality_lookup": _public, "grll_agua_compliance": _public,
            "grll_agua_scorecard": _public, "grll_agua_provider_list": _public,
            "grll_agua_rate": _logged_in, "grll_agua_provider_save": _registry_steward,
            "grll_agua_summary_refresh": _sysadmin_only}
