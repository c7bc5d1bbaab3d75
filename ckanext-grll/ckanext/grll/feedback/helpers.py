"""Template helpers of the feedback pages (all prefixed grll_feedback_)."""
from __future__ import annotations

from typing import Any

from ckanext.grll import reference
from ckanext.grll.feedback import config, workflow
from ckanext.grll.feedback.domains import enabled_domains


def grll_feedback_domains() -> dict[str, Any]:
    """The enabled domains that receive reports, by name."""
    return enabled_domains()


def grll_feedback_status_label(status: str) -> str:
    return workflow.label(status)


def grll_feedback_districts() -> list[dict[str, Any]]:
    """Districts for the picker, grouped by province, with the capital's position."""
    return [{"ubigeo": d.ubigeo, "nombre": d.nombre, "provincia": d.provincia,
             "lat": d.lat, "lon": d.lon}
            for d in sorted(reference.distritos().values(), key=lambda d: (d.provincia, d.nombre))]


def grll_feedback_max_description() -> int:
    return config.max_description_chars()


def get_helpers() -> dict[str, Any]:
    return {
        "grll_feedback_max_description": grll_feedback_max_description,
        "grll_feedback_domains": grll_feedback_domains,
        "grll_feedback_status_label": grll_feedback_status_label,
        "grll_feedback_districts": grll_feedback_districts,
    }
