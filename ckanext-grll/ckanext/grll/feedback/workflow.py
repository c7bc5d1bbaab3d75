"""The lifecycle of a report: statuses, allowed transitions, Open311 mapping.

submitted → under review → routed to the responsible body → in progress →
resolved | rejected (reason) | duplicate (of another record). Hiding is not a
status: a hidden record keeps its status for audit and for when it is shown
again, and is reported as ``oculto`` to staff.
"""
from __future__ import annotations

from ckan.plugins.toolkit import _

RECEIVED = "recibido"
UNDER_REVIEW = "en_revision"
ROUTED = "derivado"
IN_PROGRESS = "en_proceso"
RESOLVED = "resuelto"
REJECTED = "rechazado"
DUPLICATE = "duplicado"
HIDDEN = "oculto"

STATUSES = (RECEIVED, UNDER_REVIEW, ROUTED, IN_PROGRESS, RESOLVED, REJECTED, DUPLICATE)
CLOSED = frozenset({RESOLVED, REJECTED, DUPLICATE})

TRANSITIONS: dict[str, frozenset[str]] = {
    RECEIVED: frozenset({UNDER_REVIEW, ROUTED, IN_PROGRESS, RESOLVED, REJECTED, DUPLICATE}),
    UNDER_REVIEW: frozenset({ROUTED, IN_PROGRESS, RESOLVED, REJECTED, DUPLICATE}),
    ROUTED: frozenset({UNDER_REVIEW, IN_PROGRESS, RESOLVED, REJECTED, DUPLICATE}),
    IN_PROGRESS: frozenset({ROUTED, RESOLVED, REJECTED, DUPLICATE}),
    # Reopening: a resolution the citizen disputes, a rejection reconsidered.
    RESOLVED: frozenset({IN_PROGRESS}),
    REJECTED: frozenset({UNDER_REVIEW}),
    DUPLICATE: frozenset({UNDER_REVIEW}),
}


def label(status: str) -> str:
    """The status as citizens read it (translated)."""
    return {
        RECEIVED: _("Recibido"),
        UNDER_REVIEW: _("En revisión"),
        ROUTED: _("Derivado a la entidad responsable"),
        IN_PROGRESS: _("En atención"),
        RESOLVED: _("Resuelto"),
        REJECTED: _("Rechazado"),
        DUPLICATE: _("Duplicado"),
        HIDDEN: _("Oculto por moderación"),
    }.get(status, status)


def can_move(current: str, new: str) -> bool:
    return new in TRANSITIONS.get(current, frozenset())
