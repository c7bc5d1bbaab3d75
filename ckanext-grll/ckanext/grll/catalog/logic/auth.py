"""Authorization of grll_catalog's actions."""
from __future__ import annotations

import ckan.authz as authz
import ckan.plugins.toolkit as tk
from ckan.types import AuthResult, Context, DataDict


@tk.auth_allow_anonymous_access
def grll_catalog_dataset_quality_show(context: Context, data_dict: DataDict) -> AuthResult:
    """Whoever can see a dataset can see its quality score."""
    return authz.is_authorized("package_show", context, data_dict)


def grll_catalog_dump_refresh(context: Context, data_dict: DataDict) -> AuthResult:
    """Only sysadmins (who pass every check) regenerate the dump."""
    return {"success": False}
