"""Typed access to the ``ckanext.grll.seguridad.*`` options (declared in
``config_declaration.yaml``; the fallbacks repeat the defaults)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import ckan.plugins.toolkit as tk
import yaml

DECLARATION = Path(__file__).with_name("config_declaration.yaml")


def declaration() -> dict[str, Any]:
    return yaml.safe_load(DECLARATION.read_text(encoding="utf-8"))


def small_count_threshold() -> int:
    """Below this many events a district shows counts, not rates."""
    return int(tk.config.get("ckanext.grll.seguridad.umbral_conteo_pequeno") or 20)


def refresh_minutes() -> int:
    return int(tk.config.get("ckanext.grll.seguridad.minutos_actualizacion") or 15)


def max_points() -> int:
    return int(tk.config.get("ckanext.grll.seguridad.max_puntos") or 2000)
