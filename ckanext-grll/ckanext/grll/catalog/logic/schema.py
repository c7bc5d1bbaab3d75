"""Validation schemas of grll_catalog's actions."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan.logic.schema import validator_args
from ckan.types import Schema, Validator

TRUE_WORDS = ("true", "1", "yes", "si", "sí")
FALSE_WORDS = ("false", "0", "no")


def strict_boolean(value: Any) -> bool:
    """A boolean, or the words true/false (1/0, sí/no); anything else is an error."""
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise tk.Invalid(tk._("Debe ser true o false"))


@validator_args
def dataset_quality_show(not_empty: Validator, unicode_safe: Validator) -> Schema:
    return {"id": [not_empty, unicode_safe]}


@validator_args
def dump_refresh(ignore_missing: Validator) -> Schema:
    return {"background": [ignore_missing, strict_boolean]}
