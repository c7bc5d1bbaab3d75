"""Typed access to the ``ckanext.grll.seguridad.*`` options (declared in
``config_declaration.yaml``; the fallbacks repeat the defaults). An ini that still
sets an option's former Spanish name keeps working (see :mod:`ckanext.grll.settings`)."""
from __future__ import annotations

from ckanext.grll.settings import option


def small_count_threshold() -> int:
    """Below this many events a district shows counts, not rates."""
    return int(option("ckanext.grll.seguridad.small_count_threshold",
                      "ckanext.grll.seguridad.umbral_conteo_pequeno") or 20)


def refresh_minutes() -> int:
    """Age after which the summary tables are rebuilt in the background."""
    return int(option("ckanext.grll.seguridad.refresh_minutes",
                      "ckanext.grll.seguridad.minutos_actualizacion") or 15)


def max_points() -> int:
    """Most grid cells sent in the points layer of the map."""
    return int(option("ckanext.grll.seguridad.max_points",
                      "ckanext.grll.seguridad.max_puntos") or 2000)
