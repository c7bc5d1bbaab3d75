"""Reading the portal's options when one has been renamed.

Options are named in English, as CKAN's own are (see CONTRIBUTING.md). A portal whose
ini still sets an option's former name keeps working: the former name is read, and
a warning at each read says which name to use instead.
"""
from __future__ import annotations

import logging
from typing import Any

import ckan.plugins.toolkit as tk

log = logging.getLogger(__name__)


def option(name: str, former_name: str | None = None) -> Any:
    """The value of ``name``; that of ``former_name`` while the ini still sets it."""
    if former_name:
        value = tk.config.get(former_name, None)
        if value is not None:
            log.warning("The option %s has been renamed %s: please rename it in the ini",
                        former_name, name)
            return value
    return tk.config.get(name)
