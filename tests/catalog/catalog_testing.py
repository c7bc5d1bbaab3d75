"""Helpers of the grll_catalog tests (imported by module name: pytest's rootdir mode)."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk


def site_context() -> dict[str, Any]:
    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    return {"user": site_user["name"], "ignore_auth": True}


def call(action: str, **data_dict: Any) -> Any:
    """Run an action as the site user (the seed loader's identity)."""
    return tk.get_action(action)(site_context(), data_dict)
