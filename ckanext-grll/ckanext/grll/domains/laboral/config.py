"""Typed access to the ``ckanext.grll.laboral.*`` options (declared in
``config_declaration.yaml``; the fallbacks repeat the defaults)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import ckan.plugins.toolkit as tk
import yaml

DECLARATION = Path(__file__).with_name("config_declaration.yaml")


def declaration() -> dict[str, Any]:
    return yaml.safe_load(DECLARATION.read_text(encoding="utf-8"))


def rmv() -> int:
    """Remuneración mínima vital in force (S/ per month)."""
    return int(tk.config.get("ckanext.grll.laboral.rmv") or 1130)


def empleadores_org() -> str:
    return tk.config.get("ckanext.grll.laboral.empleadores_org") or "empleadores"


def page_size() -> int:
    return int(tk.config.get("ckanext.grll.laboral.page_size") or 20)


def rate_limit_per_hour() -> int:
    return int(tk.config.get("ckanext.grll.laboral.rate_limit_per_hour") or 10)


def muestra_demostrativa() -> bool:
    """Whether the portal keeps a current demonstration sample of offers, courses,
    conflicts and procedures (``demostracion``) until official data replaces it."""
    return tk.asbool(tk.config.get("ckanext.grll.laboral.muestra_demostrativa", True))
