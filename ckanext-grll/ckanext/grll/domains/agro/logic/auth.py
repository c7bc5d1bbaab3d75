"""Who may call the grll_agro actions: the market data is public."""
from __future__ import annotations

import ckan.plugins.toolkit as tk
from ckan.types import AuthResult, Context, DataDict

__all__ = ["grll_agro_latest_prices", "grll_agro_price_history", "grll_agro_weather",
           "grll_agro_planting", "grll_agro_farmgate_medians"]


def _public(context: Context, data_dict: DataDict) -> AuthResult:
    return {"success": True}


grll_agro_latest_prices = tk.auth_allow_anonymous_access(_public)
grll_agro_price_history = tk.auth_allow_anonymous_access(_public)
grll_agro_weather = tk.auth_allow_anonymous_access(_public)
grll_agro_planting = tk.auth_allow_anonymous_access(_public)
grll_agro_farmgate_medians = tk.auth_allow_anonymous_access(_public)
