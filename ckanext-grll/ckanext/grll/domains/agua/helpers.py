"""Template helpers of the water pages (prefixed ``grll_agua_``)."""
from __future__ import annotations

from ckan.plugins.toolkit import _

from ckanext.grll.domains.agua import registry


def grll_agua_aspect_label(aspect: str) -> str:
    return {"continuidad": _("Continuidad del servicio"), "presion": _("Presión"),
            "calidad": _("Calidad del agua"), "atencion_reclamo": _("Atención del reclamo"),
            "facturacion": _("Facturación")}[aspect]


def grll_agua_registry_name() -> str:
    return registry.dataset_name()


def get_helpers() -> dict[str, object]:
    return {"grll_agua_aspect_label": grll_agua_aspect_label,
            "grll_agua_registry_name": grll_agua_registry_name}
