"""Template helpers shared by the portal's pages and schemas (all prefixed grll_)."""
from __future__ import annotations

from typing import Any

from ckanext.grll import reference


def grll_ubigeo_choices(field: dict[str, Any]) -> list[dict[str, str]]:
    """Choices for the Cobertura espacial select (scheming choices_helper)."""
    return reference.ubigeo_choices()


def grll_ubigeo_label(code: str) -> str:
    return reference.ubigeo_label(code) or code


def get_helpers() -> dict[str, Any]:
    return {"grll_ubigeo_choices": grll_ubigeo_choices, "grll_ubigeo_label": grll_ubigeo_label}
