"""Typed access to the ``ckanext.grll.feedback.*`` options.

They are declared, with their defaults and validators, in
``config_declaration.yaml`` (loaded by grll_feedback), so CKAN refuses to start
with a bad value; the fallbacks here only repeat those defaults for code that
runs while the declarations are not loaded (CLI before plugins, unloaded tests).
"""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk

MIN_GRID_M = 200


def _int(key: str, default: int) -> int:
    value = tk.config.get(f"ckanext.grll.feedback.{key}")
    return default if value in (None, "") else int(value)


def grid_size_m() -> int:
    return max(MIN_GRID_M, _int("grid_size_m", 250))


def publication_delay_days() -> int:
    return _int("publication_delay_days", 7)


def flag_hide_accounts() -> int:
    """Distinct logged-in accounts whose flags hide a record (0: flags never hide)."""
    return _int("flag_hide_accounts", 3)


def max_photo_bytes() -> int:
    return max_photo_mb() * 1024 * 1024


def max_photo_mb() -> int:
    return _int("max_photo_mb", 5)


def max_photos() -> int:
    return _int("max_photos", 3)


def max_description_chars() -> int:
    return _int("max_description_chars", 4000)


def rate_limit_ip_per_hour() -> int:
    return _int("rate_limit.ip_per_hour", 30)


def rate_limit_user_per_hour() -> int:
    return _int("rate_limit.user_per_hour", 20)


def rate_limit_flag_per_hour() -> int:
    return _int("rate_limit.flag_per_hour", 20)


def rate_limit_content_per_hour() -> int:
    return _int("rate_limit.content_per_hour", 3)


def identical_window_hours() -> int:
    return _int("identical_window_hours", 24)


def duplicate_radius_m() -> int:
    return _int("duplicate_radius_m", 250)


def duplicate_max() -> int:
    return _int("duplicate_max", 5)


def grll_feedback_grid_size(value: Any) -> int:
    """Config validator: the coarsening grid is at least 200 m."""
    try:
        number = int(value)
    except (TypeError, ValueError) as error:
        raise tk.Invalid("must be a whole number of metres") from error
    if number < MIN_GRID_M:
        raise tk.Invalid(f"must be at least {MIN_GRID_M} m so that no exact place is published")
    return number
