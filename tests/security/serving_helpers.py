"""What the serving, header and database-limit tests share: a public dataset of the
seed catalog with its DataStore table, in a freshly rebuilt test database."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk

from ckanext.grll.seed.loader import load_catalog
from portal_testing import empty_datastore, ensure_portal_plugins

DISTRICTS = "distritos-la-libertad-ubigeo-poblacion"


def load_districts_table(reset_db, reset_index) -> dict[str, Any]:
    """The seed's district table (84 rows) as a public DataStore resource: its dict."""
    ensure_portal_plugins()
    reset_db()
    reset_index()
    empty_datastore()
    report = load_catalog(only={DISTRICTS})
    assert not report.failures, report.failures
    package = tk.get_action("package_show")({"ignore_auth": True}, {"id": DISTRICTS})
    return next(resource for resource in package["resources"]
                if resource.get("datastore_active"))
