"""Who may call the grll_agua actions: the lookups are public; rating a provider needs
an account; the providers' registry is edited by whoever may edit its dataset; the
summary is rebuilt by sysadmins only. Each write action has its own function,
registered under the action's name."""
from __future__ import annotations

from typing import Any

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.plugins.toolkit import _
from ckan.types import AuthResult, Context, DataDict

from ckanext.grll.domains.agua import config


@tk.auth_allow_anonymous_access
def public_read(context: Context, data_dict: DataDict) -> AuthResult:
    """The lookups show public data only."""
    return {"success": True}


def grll_agua_rate(context: Context, data_dict: DataDict) -> AuthResult:
    """Any logged-in account (one rating per provider and quarter is the action's rule)."""
    if not context.get("user") or model.User.get(context["user"]) is None:
        return {"success": False, "msg": _("Inicie sesión para calificar a un prestador")}
    return {"success": True}


def grll_agua_provider_save(context: Context, data_dict: DataDict) -> AuthResult:
    """Whoever may edit the registry dataset may edit its rows."""
    try:
        tk.check_access("package_update", context, {"id": config.provider_registry()})
    except (tk.NotAuthorized, tk.ObjectNotFound):
        return {"success": False, "msg": _("Solo los responsables del registro de prestadores")}
    return {"success": True}


def grll_agua_summary_refresh(context: Context, data_dict: DataDict) -> AuthResult:
    """Sysadmins only (CKAN lets them through before this is called)."""
    return {"success": False, "msg": _("Solo administradores del portal")}


def get_auth_functions() -> dict[str, Any]:
    return {"grll_agua_locality_lookup": public_read, "grll_agua_compliance": public_read,
            "grll_agua_scorecard": public_read, "grll_agua_provider_list": public_read,
            "grll_agua_rate": grll_agua_rate,
            "grll_agua_provider_save": grll_agua_provider_save,
            "grll_agua_summary_refresh": grll_agua_summary_refresh}
