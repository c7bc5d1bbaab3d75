"""Typed access to the ``ckanext.grll.agro.*`` options (declared in config_declaration.yaml)."""
from __future__ import annotations

import ckan.plugins.toolkit as tk


def mediana_n_minimo() -> int:
    return int(tk.config.get("ckanext.grll.agro.mediana_n_minimo") or 5)


def tolerancia_atipico() -> float:
    """Clamped to 0..1: a wider band would accept any price as plausible."""
    value = tk.config.get("ckanext.grll.agro.tolerancia_atipico")
    return 0.5 if value in (None, "") else min(1.0, max(0.0, float(value)))


def historial_dias() -> int:
    return int(tk.config.get("ckanext.grll.agro.historial_dias") or 365)
