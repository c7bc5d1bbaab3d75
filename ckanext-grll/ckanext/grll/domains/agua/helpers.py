"""Template helpers of the water pages (prefixed ``grll_agua_``)."""
from __future__ import annotations

from typing import Any

from ckan.plugins.toolkit import _

from ckanext.grll.domains.agua import compliance, config, registry, routing
from ckanext.grll.domains.agua.model import ASPECTOS


def grll_agua_aspect_label(aspect: str) -> str:
    return {"continuidad": _("Continuidad del servicio"), "presion": _("Presión"),
            "calidad": _("Calidad del agua"), "atencion_reclamo": _("Atención del reclamo"),
            "facturacion": _("Facturación")}[aspect]


def grll_agua_aspects() -> tuple[str, ...]:
    return ASPECTOS


def grll_agua_rating_scale() -> list[tuple[int, str]]:
    """The 1-5 scale of a rating, each value with its word."""
    return [(1, _("Muy malo")), (2, _("Malo")), (3, _("Regular")), (4, _("Bueno")),
            (5, _("Muy bueno"))]


def grll_agua_report_providers(report: dict[str, Any]) -> list[registry.Prestador]:
    """The providers the citizen of a resolved report is invited to rate."""
    return routing.providers_to_rate(report)


def grll_agua_registry_name() -> str:
    return config.provider_registry()


def grll_agua_medida(value: float) -> str:
    """A laboratory figure with the decimals it was reported with (0,5; 12)."""
    return compliance.medida(value)


def grll_agua_moment(iso: str) -> str:
    """"2024-12-22T09:30" -> "2024-12-22 09:30"; samples without an hour show the date."""
    day, _sep, time = iso.partition("T")
    return day if time in ("", "00:00") else f"{day} {time}"


def get_helpers() -> dict[str, object]:
    return {"grll_agua_aspect_label": grll_agua_aspect_label,
            "grll_agua_aspects": grll_agua_aspects,
            "grll_agua_rating_scale": grll_agua_rating_scale,
            "grll_agua_report_providers": grll_agua_report_providers,
            "grll_agua_registry_name": grll_agua_registry_name,
            "grll_agua_medida": grll_agua_medida, "grll_agua_moment": grll_agua_moment}
