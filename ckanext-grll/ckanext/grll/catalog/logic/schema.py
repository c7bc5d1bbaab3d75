"""Validation schemas of grll_catalog's actions."""
from __future__ import annotations

from ckan.logic.schema import validator_args
from ckan.types import Schema, Validator


@validator_args
def dataset_quality_show(not_empty: Validator, unicode_safe: Validator) -> Schema:
    return {"id": [not_empty, unicode_safe]}


@validator_args
def dump_refresh(ignore_missing: Validator, boolean_validator: Validator) -> Schema:
    return {"background": [ignore_missing, boolean_validator]}
