"""Validation schemas of grll_catalog's actions."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan.logic.schema import validator_args
from ckan.types import Schema, Validator

from ckanext.grll.validators import text, validated  # noqa: F401 (this module's schemas use them; actions import validated from here)

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


#: Longest id or name CKAN accepts is 100 characters; ours are 36 (uuid4).
ID_CHARS = 100
#: An offset past this is no page anyone reads, and keeps SQL far from bigint overflow.
MAX_OFFSET = 1_000_000
MAX_DATASETS = 50


def count_up_to(maximum: int) -> Validator:
    """A whole number from 0 to `maximum` (also as text: query strings carry text)."""
    def validator(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, (int, str)):
            raise tk.Invalid(tk._("Debe ser un número entero"))
        digits = value.strip() if isinstance(value, str) else str(value)
        if not (digits.isascii() and digits.isdigit()) or int(digits) > maximum:
            raise tk.Invalid(tk._("Debe ser un número entero entre 0 y {n}").format(
                n=maximum))
        return int(digits)
    return validator


@validator_args
def dataset_quality_show(not_empty: Validator) -> Schema:
    return {"id": [not_empty, text(ID_CHARS)]}


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

    if isinstance(value, str):
        items = value.replace(",", " ").split()
    elif isinstance(value, list) and all(isinstance(item, str) for item in value):
        items = value
    else:
        raise tk.Invalid(tk._("Debe ser una lista de nombres de conjuntos de datos"))
    if len(items) > MAX_DATASETS:
        raise tk.Invalid(tk._("Máximo {n} conjuntos de datos").format(n=MAX_DATASETS))
    ids: list[str] = []
    for item in items:
        name = text(ID_CHARS)(item.strip())
        package = model.Package.get(name) if name else None
        if package is None or package.state != "active" or package.private:
            raise tk.Invalid(tk._("No existe el conjunto de datos «{name}»").format(name=item))
        if package.id not in ids:
            ids.append(package.id)
    if not ids:
        raise tk.Invalid(tk._("Indique al menos un conjunto de datos"))
    return ids


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
    group = model.Group.get(text(ID_CHARS)(value))
    if group is None or not group.is_organization or group.state != "active":
        raise tk.Invalid(tk._("No existe la organización «{name}»").format(name=value))
    return group.id


TITLE_CHARS = 200
DESCRIPTION_CHARS = 5000
URL_CHARS = 2000
NOTE_CHARS = 1000


@validator_args
def reuse_create(not_empty: Validator, ignore_missing: Validator) -> Schema:
    from ckanext.grll.catalog.reuses import TYPES

    return {
        "title": [not_empty, text(TITLE_CHARS)],
        "description": [not_empty, text(DESCRIPTION_CHARS)],
        "type": [not_empty, one_of_words(*TYPES)],
        "url": [not_empty, text(URL_CHARS), http_url],
        "authors": [ignore_missing, text(NOTE_CHARS)],
        "datasets": [not_empty, dataset_names],
        "image_upload": [ignore_missing],
    }


@validator_args
def reuse_update(not_empty: Validator) -> Schema:
    return {"id": [not_empty, text(ID_CHARS)], **reuse_create()}


@validator_args
def by_id(not_empty: Validator) -> Schema:
    return {"id": [not_empty, text(ID_CHARS)]}


@validator_args
def reuse_list(ignore_missing: Validator) -> Schema:
    from ckanext.grll.catalog.reuses import STATES, TYPES

    return {
        "type": [ignore_missing, one_of_words(*TYPES)],
        "dataset": [ignore_missing, text(ID_CHARS)],
        "organization": [ignore_missing, text(ID_CHARS)],
        "state": [ignore_missing, one_of_words(*STATES)],
        "limit": [ignore_missing, count_up_to(MAX_OFFSET)],
        "offset": [ignore_missing, count_up_to(MAX_OFFSET)],
    }


@validator_args
def reuse_review(not_empty: Validator, ignore_missing: Validator) -> Schema:
    return {
        "id": [not_empty, text(ID_CHARS)],
        "decision": [not_empty, one_of_words("aprobada", "rechazada")],
        "reason": [ignore_missing, text(NOTE_CHARS)],
    }


@validator_args
def data_request_create(not_empty: Validator, ignore_missing: Validator) -> Schema:
    return {
        "title": [not_empty, text(TITLE_CHARS)],
        "description": [not_empty, text(DESCRIPTION_CHARS)],
        "organization": [ignore_missing, organization_id],
    }


@validator_args
def data_request_list(ignore_missing: Validator) -> Schema:
    from ckanext.grll.catalog.data_requests import STATUSES

    return {
        "status": [ignore_missing, one_of_words(*STATUSES)],
        "organization": [ignore_missing, organization_id],
        "limit": [ignore_missing, count_up_to(MAX_OFFSET)],
        "offset": [ignore_missing, count_up_to(MAX_OFFSET)],
    }


@validator_args
def data_request_close(not_empty: Validator, ignore_missing: Validator) -> Schema:
    return {
        "id": [not_empty, text(ID_CHARS)],
        "status": [not_empty, one_of_words("atendida", "rechazada")],
        "dataset": [ignore_missing, text(ID_CHARS)],
        "reason": [ignore_missing, text(NOTE_CHARS)],
    }
