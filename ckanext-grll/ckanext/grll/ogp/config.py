"""Typed access to the ``ckanext.grll.ogp.*`` options (declared, with their defaults,
in ``config_declaration.yaml``)."""
from __future__ import annotations

import ckan.plugins.toolkit as tk


def secretariat_organizations() -> list[str]:
    """Names of the organizations whose editors and admins are the secretariat."""
    return tk.aslist(tk.config.get("ckanext.grll.ogp.secretariat_organizations"))


def dataset() -> str:
    """Name of the plan's open dataset."""
    return tk.config.get("ckanext.grll.ogp.dataset")


def dataset_org() -> str:
    """Organization that owns the plan's dataset."""
    return tk.config.get("ckanext.grll.ogp.dataset_org")


def max_document_mb() -> int:
    """Largest document the plan's forms and actions accept, in MB (1024 x 1024 bytes)."""
    return tk.asint(tk.config.get("ckanext.grll.ogp.max_document_mb"))
