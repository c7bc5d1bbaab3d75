"""Template helpers of the action plan's pages."""
from __future__ import annotations

from typing import Any

from ckanext.grll import numbers
from ckanext.grll.ogp import config


def grll_ogp_dataset() -> str:
    """Name of the plan's open dataset (for links from other pages)."""
    return config.dataset()


def grll_ogp_tamano(size: int) -> str:
    """A file's size as a person reads it: ``"850 KB"``, ``"1,2 MB"``."""
    if size < 1024:
        return f"{size}{numbers.NBSP}B"
    if size < 1024 * 1024:
        return f"{numbers.numero(size / 1024)}{numbers.NBSP}KB"
    return f"{numbers.numero(size / 1024 / 1024, 1)}{numbers.NBSP}MB"


def get_helpers() -> dict[str, Any]:
    return {"grll_ogp_dataset": grll_ogp_dataset, "grll_ogp_tamano": grll_ogp_tamano}
