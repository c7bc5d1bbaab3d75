"""States computed from dates and milestones, never stored.

A milestone is *con retraso* when its end date has passed and it is not completed;
a commitment's completion is the OGP level its milestones reach on average.
"""
from __future__ import annotations

import datetime
from collections.abc import Iterable

from ckan.plugins.toolkit import _

#: OGP's completion scale, in order.
AVANCES = ("no_iniciado", "limitado", "sustancial", "completado")
COMPLETADO = "completado"


def avance_label(avance: str) -> str:
    return {"no_iniciado": _("No iniciado"), "limitado": _("Limitado"),
            "sustancial": _("Sustancial"), "completado": _("Completado")}.get(avance, avance)


def con_retraso(fecha_fin: datetime.date, avance: str,
                today: datetime.date | None = None) -> bool:
    """Past its end date and not completed."""
    return avance != COMPLETADO and fecha_fin < (today or datetime.date.today())


def en_curso(fecha_inicio: datetime.date, fecha_fin: datetime.date, avance: str,
             today: datetime.date | None = None) -> bool:
    """Started, not completed and not yet due."""
    today = today or datetime.date.today()
    return avance != COMPLETADO and fecha_inicio <= today <= fecha_fin


def avance_compromiso(avances: Iterable[str]) -> str:
    """A commitment's level: completed only when every milestone is; otherwise the
    level nearest the milestones' mean (0-3), at least *limitado* once one
    has started, never completed."""
    levels = [AVANCES.index(a) for a in avances]
    if not levels:
        return AVANCES[0]
    if all(level == 3 for level in levels):
        return COMPLETADO
    if not any(levels):
        return AVANCES[0]
    return AVANCES[min(2, max(1, round(sum(levels) / len(levels))))]


def porcentaje_completado(avances: Iterable[str]) -> int:
    """Share of milestones completed, in whole percent."""
    items = list(avances)
    if not items:
        return 0
    return round(100 * sum(a == COMPLETADO for a in items) / len(items))


def trimestre(day: datetime.date) -> str:
    """The quarter of a day as AAAA-Tn."""
    return f"{day.year}-T{(day.month - 1) // 3 + 1}"
