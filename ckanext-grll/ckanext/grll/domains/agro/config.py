"""Typed access to the ``ckanext.grll.agro.*`` options (declared in
``config_declaration.yaml``; the fallbacks repeat the defaults). An ini that still
sets an option's former Spanish name keeps working (see :mod:`ckanext.grll.settings`)."""
from __future__ import annotations

from ckanext.grll.settings import option


def median_min_reports() -> int:
    """Plausible farm-gate reports a crop, district and month need before their median
    is published."""
    return int(option("ckanext.grll.agro.median_min_reports",
                      "ckanext.grll.agro.mediana_n_minimo") or 5)


def outlier_tolerance() -> float:
    """Clamped to 0..1: a wider band would accept any price as plausible."""
    value = option("ckanext.grll.agro.outlier_tolerance", "ckanext.grll.agro.tolerancia_atipico")
    return 0.5 if value in (None, "") else min(1.0, max(0.0, float(value)))


def history_days() -> int:
    """Days of price history returned when ``desde`` is not given."""
    return int(option("ckanext.grll.agro.history_days", "ckanext.grll.agro.historial_dias")
               or 365)
