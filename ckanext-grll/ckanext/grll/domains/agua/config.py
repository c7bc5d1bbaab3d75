"""Typed access to the ``ckanext.grll.agua.*`` options (declared, with their defaults,
in ``config_declaration.yaml``).

Two options were renamed to English; an ini that still sets the former name
(``registro_prestadores``, ``indicadores``) keeps working, with a warning.
"""
from __future__ import annotations

import ckan.plugins.toolkit as tk

from ckanext.grll.settings import option


def min_ratings() -> int:
    """Ratings a provider needs before its average scores are shown (always with n)."""
    return tk.asint(tk.config.get("ckanext.grll.agua.min_ratings"))


def provider_registry() -> str:
    """The dataset whose DataStore resource is the provider registry."""
    return option("ckanext.grll.agua.provider_registry",
                  "ckanext.grll.agua.registro_prestadores")


def indicators() -> str:
    """The dataset whose DataStore resource holds the providers' official KPIs."""
    return option("ckanext.grll.agua.indicators", "ckanext.grll.agua.indicadores")
