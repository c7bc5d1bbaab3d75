"""Typed access to the ``ckanext.grll.apertura.*`` options (declared, with their
defaults, in ``config_declaration.yaml``)."""
from __future__ import annotations

import ckan.plugins.toolkit as tk


def secretariat_organizations() -> list[str]:
    """Names of the organizations whose members form the Open Government secretariat."""
    return tk.aslist(tk.config.get("ckanext.grll.apertura.secretariat_organizations"))


def dataset() -> str:
    """The dataset whose DataStore resource is the public inventory."""
    return tk.config.get("ckanext.grll.apertura.dataset")
