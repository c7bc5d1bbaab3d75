"""Who may call the grll_agro actions: the market data is public; anyone may ask for a
price alert, and an alert is seen, confirmed or deleted only by its account or with its
secret token (the actions look the alert up among the caller's own, so another's is
"not found" rather than "forbidden")."""
from __future__ import annotations

import ckan.plugins.toolkit as tk
from ckan.types import AuthResult, Context, DataDict

__all__ = ["grll_agro_latest_prices", "grll_agro_price_history", "grll_agro_weather",
           "grll_agro_planting", "grll_agro_farmgate_medians", "grll_agro_alert_create",
           "grll_agro_alert_list", "grll_agro_alert_confirm", "grll_agro_alert_delete"]


@tk.auth_allow_anonymous_access
def _public(context: Context, data_dict: DataDict) -> AuthResult:
    return {"success": True}


grll_agro_latest_prices = _public
grll_agro_price_history = _public
grll_agro_weather = _public
grll_agro_planting = _public
grll_agro_farmgate_medians = _public
grll_agro_alert_list = _public


@tk.auth_allow_anonymous_access
def grll_agro_alert_create(context: Context, data_dict: DataDict) -> AuthResult:
    """Anyone: a farmer without an account asks by e-mail and confirms by link."""
    return {"success": True}


@tk.auth_allow_anonymous_access
def grll_agro_alert_confirm(context: Context, data_dict: DataDict) -> AuthResult:
    """Whoever holds the link mailed to the alert's address (the action checks the token)."""
    return {"success": True}


@tk.auth_allow_anonymous_access
def grll_agro_alert_delete(context: Context, data_dict: DataDict) -> AuthResult:
    """The alert's account, or whoever holds its link (the action finds the alert only
    among the caller's own or by its token)."""
    return {"success": True}


def get_auth_functions() -> dict[str, object]:
    return {name: globals()[name] for name in __all__}
