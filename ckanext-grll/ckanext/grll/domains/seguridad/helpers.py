"""Template helpers of grll_seguridad."""
from __future__ import annotations

from typing import Any

from ckanext.grll.domains.seguridad import autoridad


def get_helpers() -> dict[str, Any]:
    return {"grll_seguridad_autoridad": autoridad.autoridad}
