"""Validation schemas of grll_catalog's actions."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan.logic.schema import validator_args
from ckan.types import Context, DataDict, Schema, Validator


def validated(schema: Any, data_dict: DataDict, context: Context) -> DataDict:
    """`data_dict` checked against `schema()`; a ValidationError names each bad field."""
    data, errors = tk.navl_validate(data_dict, schema(), context)
    if errors:
        raise tk.ValidationError(errors)
    return data


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


def http_url(value: Any) -> str:
    """An absolute http(s) URL."""
    from urllib.parse import urlsplit

    text = str(value).strip()
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise tk.Invalid(tk._("Debe ser una dirección http:// o https://"))
    return text


def dataset_names(value: Any, context: Any) -> list[str]:
    """A list (or comma-separated text) of existing datasets, returned as ids."""
    from ckan import model

    items = value if isinstance(value, list) else str(value).replace(",", " ").split()
    ids: list[str] = []
    for item in items:
        package = model.Package.get(str(item).strip())
        if package is None or package.state != "active" or package.private:
            raise tk.Invalid(tk._("No existe el conjunto de datos «{name}»").format(name=item))
        if package.id not in ids:
            ids.append(package.id)
    if not ids:
        raise tk.Invalid(tk._("Indique al menos un conjunto de datos"))
    return ids


def max_length(limit: int) -> Any:
    def validator(value: Any) -> Any:
        if len(value) > limit:
            raise tk.Invalid(tk._("Máximo {n} caracteres").format(n=limit))
        return value
    return validator


def one_of_words(*choices: str) -> Any:
    def validator(value: Any) -> str:
        if value not in choices:
            raise tk.Invalid(tk._("Debe ser uno de: {choices}").format(choices=", ".join(choices)))
        return value
    return validator


def organization_id(value: Any) -> str | None:
    from ckan import model

    if value in (None, ""):
        return None
    group = model.Group.get(str(value))
    if group is None or not group.is_organization or group.state != "active":
        raise tk.Invalid(tk._("No existe la organización «{name}»").format(name=value))
    return group.id


@validator_args
def reuse_create(not_empty: Validator, unicode_safe: Validator, ignore_missing: Validator,
                 strip_value: Validator) -> Schema:
    from ckanext.grll.catalog.reuses import TYPES

    return {
        "title": [not_empty, unicode_safe, strip_value, max_length(200)],
        "description": [not_empty, unicode_safe, strip_value],
        "type": [not_empty, one_of_words(*TYPES)],
        "url": [not_empty, unicode_safe, http_url],
        "authors": [ignore_missing, unicode_safe, strip_value],
        "datasets": [not_empty, dataset_names],
        "image_upload": [ignore_missing],
    }


@validator_args
def reuse_update(not_empty: Validator, unicode_safe: Validator, ignore_missing: Validator,
                 strip_value: Validator) -> Schema:
    return {"id": [not_empty, unicode_safe], **reuse_create()}


@validator_args
def by_id(not_empty: Validator, unicode_safe: Validator) -> Schema:
    return {"id": [not_empty, unicode_safe]}


@validator_args
def reuse_list(ignore_missing: Validator, unicode_safe: Validator,
               natural_number_validator: Validator) -> Schema:
    from ckanext.grll.catalog.reuses import STATES, TYPES

    return {
        "type": [ignore_missing, one_of_words(*TYPES)],
        "dataset": [ignore_missing, unicode_safe],
        "organization": [ignore_missing, unicode_safe],
        "state": [ignore_missing, one_of_words(*STATES)],
        "limit": [ignore_missing, natural_number_validator],
        "offset": [ignore_missing, natural_number_validator],
    }


@validator_args
def reuse_review(not_empty: Validator, unicode_safe: Validator, ignore_missing: Validator,
                 strip_value: Validator) -> Schema:
    return {
        "id": [not_empty, unicode_safe],
        "decision": [not_empty, one_of_words("aprobada", "rechazada")],
        "reason": [ignore_missing, unicode_safe, strip_value],
    }


@validator_args
def data_request_create(not_empty: Validator, unicode_safe: Validator,
                        ignore_missing: Validator, strip_value: Validator) -> Schema:
    return {
        "title": [not_empty, unicode_safe, strip_value, max_length(200)],
        "description": [not_empty, unicode_safe, strip_value],
        "organization": [ignore_missing, organization_id],
    }


@validator_args
def data_request_list(ignore_missing: Validator, natural_number_validator: Validator,
                      unicode_safe: Validator) -> Schema:
    from ckanext.grll.catalog.data_requests import STATUSES

    return {
        "status": [ignore_missing, one_of_words(*STATUSES)],
        "organization": [ignore_missing, organization_id],
        "limit": [ignore_missing, natural_number_validator],
        "offset": [ignore_missing, natural_number_validator],
    }


@validator_args
def data_request_close(not_empty: Validator, unicode_safe: Validator,
                       ignore_missing: Validator, strip_value: Validator) -> Schema:
    return {
        "id": [not_empty, unicode_safe],
        "status": [not_empty, one_of_words("atendida", "rechazada")],
        "dataset": [ignore_missing, unicode_safe],
        "reason": [ignore_missing, unicode_safe, strip_value],
    }
