"""Who may call the ``grll_seguridad_*`` actions: everyone (public figures only)."""
from __future__ import annotations

import ckan.plugins.toolkit as tk
from ckan.types import AuthResult, Context, DataDict


@tk.auth_allow_anonymous_access
def public_read(context: Context, data_dict: DataDict) -> AuthResult:
    return {"success": True}


def get_auth_functions() -> dict[str, object]:
    return {name: public_read for name in (
        "grll_seguridad_district_stats", "grll_seguridad_comparison",
        "grll_seguridad_map_layer", "grll_seguridad_authority_stats",
        "grll_seguridad_categories")}
