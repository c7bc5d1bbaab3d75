"""Who may call the grll_agro actions: the market data is public; anyone may ask for a
price alert, and an alert is seen or deleted only by its account or with its secret
token (the actions check which alert the caller owns)."""
from __future__ import annotations

import ckan.plugins.toolkit as tk
from ckan.types import AuthResult, Context, DataDict

__all__ = ["grll_agro_latest_prices", "grll_agro_price_history", "grll_agro_weather",
           "grll_agro_planting", "grll_agro_farmgate_medians", "grll_agro_alert_create",
           "grll_agro_alert_list", "grll_agro_alert_confirm", "grll_agro_alert_delete"]


def _public(context: Context, data_dict: DataDict) -> AuthResult:
    return {"success": True}


grll_agro_latest_prices = tk.auth_allow_anonymous_access(_public)
grll_agro_price_history = tk.auth_allow_anonymous_access(_public)
grll_agro_weather = tk.auth_allow_anonymous_access(_public)
grll_agro_planting = tk.auth_allow_anonymous_access(_public)
grll_agro_farmgate_medians = tk.auth_allow_anonymous_access(_public)
grll_agro_alert_create = tk.auth_allow_anonymous_access(_public)
grll_agro_alert_list = tk.auth_allow_anonymous_access(_public)
grll_agro_alert_confirm = tk.auth_allow_anonymous_access(_public)
grll_agro_alert_delete = tk.auth_allow_anonymous_access(_public)


def get_auth_functions() -> dict[str, object]:
    return {name: globals()[name] for name in __all__}
