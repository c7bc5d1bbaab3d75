"""Plugin ``grll_search``: wiring only, the backend lives in ``backend.py``."""
from __future__ import annotations

from typing import Any

import ckan.plugins as p
import ckan.plugins.toolkit as tk
from ckan.common import CKANConfig

from . import actions, backend, config


@tk.blanket.config_declarations
class GrllSearchPlugin(p.SingletonPlugin):
    p.implements(p.IConfigurer)
    p.implements(p.IActions)

    def get_actions(self) -> dict[str, Any]:
        return {"package_search": actions.package_search}

    def update_config(self, config_: CKANConfig) -> None:
        # IConfigurer runs before CKAN's start-up Solr schema check, which is
        # the first caller of make_connection().
        if config.backend() == "postgres":
            backend.install()
        else:
            backend.uninstall()
