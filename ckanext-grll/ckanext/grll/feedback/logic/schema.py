"""Schemas of the ``grll_feedback_*`` actions (field-level checks only).

Checks that need the domain's configuration (category, questions, location
against the district polygons, identity rules) run after these, in
``validators.check_report``.
"""
from __future__ import annotations

from typing import Any

from ckan.logic.schema import validator_args
from ckan.types import Schema

from ckanext.grll.feedback import workflow
from ckanext.grll.feedback.domains import IDENTITIES
from ckanext.grll.feedback.logic import validators

CHANNELS = ["web", "api", "open311"]
# Bounds of the fields that are not free text (free text has its own, in validators).
NAME_MAX = 100  # codes of domains, categories, statuses, organizations
UBIGEO_MAX = 10
CODE_MAX = 40  # tracking codes
PERSON_NAME_MAX = 120
NOTE_MAX = 2000
LIST_LIMIT_MAX = 500


@validator_args
def create_schema(not_empty: object, ignore_missing: object, email_validator: object,
                  one_of: object, default: object, grll_feedback_float: object,
                  grll_feedback_string: Any, grll_feedback_honeypot: object,
                  grll_feedback_description: object, grll_feedback_uploads: object,
                  ignore: object) -> Schema:
    return {
        "domain": [not_empty, grll_feedback_string(NAME_MAX)],
        "category": [not_empty, grll_feedback_string(NAME_MAX)],
        "description": [not_empty, grll_feedback_description],
        "lat": [ignore_missing, grll_feedback_float],
        "lon": [ignore_missing, grll_feedback_float],
        "address": [ignore_missing, grll_feedback_string(300)],
        "ubigeo": [ignore_missing, grll_feedback_string(UBIGEO_MAX)],
        # A dict, or its JSON text (forms, Open311); checked against the questions later.
        "answers": [ignore_missing],
        "identity": [ignore_missing, grll_feedback_string(NAME_MAX), one_of(list(IDENTITIES))],
        "name": [ignore_missing, grll_feedback_string(PERSON_NAME_MAX)],
        "email": [ignore_missing, grll_feedback_string(validators.EMAIL_MAX), email_validator],
        "channel": [default("api"), grll_feedback_string(NAME_MAX), one_of(CHANNELS)],
        "photos": [ignore_missing, grll_feedback_uploads],
        # The honeypot: a field people never see, that robots fill in.
        "sitio_web": [grll_feedback_honeypot],
        "__extras": [ignore],
    }


@validator_args
def show_schema(not_empty: object, grll_feedback_code: object, ignore: object) -> Schema:
    return {"code": [not_empty, grll_feedback_code], "__extras": [ignore]}


@validator_args
def list_schema(ignore_missing: object, default: object, one_of: object,
                grll_feedback_string: Any, grll_feedback_int: Any,
                grll_feedback_boolean: object, grll_feedback_month: object,
                grll_feedback_moment: object, grll_feedback_domain: object,
                ignore: object) -> Schema:
    return {
        "domain": [ignore_missing, grll_feedback_string(NAME_MAX), grll_feedback_domain],
        "category": [ignore_missing, grll_feedback_string(NAME_MAX)],
        "ubigeo": [ignore_missing, grll_feedback_string(UBIGEO_MAX)],
        "status": [ignore_missing, grll_feedback_string(NAME_MAX),
                   one_of([*workflow.STATUSES, workflow.HIDDEN])],
        "organization": [ignore_missing, grll_feedback_string(NAME_MAX)],
        "month_from": [ignore_missing, grll_feedback_month],
        "month_to": [ignore_missing, grll_feedback_month],
        "updated_after": [ignore_missing, grll_feedback_moment],
        "queue": [default(False), grll_feedback_boolean],
        "overdue": [ignore_missing, grll_feedback_boolean],
        "offset": [default(0), grll_feedback_int(0, validators.OFFSET_MAX)],
        "limit": [default(50), grll_feedback_int(1, LIST_LIMIT_MAX)],
        "__extras": [ignore],
    }


@validator_args
def status_update_schema(not_empty: object, ignore_missing: object, one_of: object,
                         grll_feedback_string: Any, grll_feedback_code: object,
                         ignore: object) -> Schema:
    return {
        "code": [not_empty, grll_feedback_code],
        "status": [not_empty, grll_feedback_string(NAME_MAX), one_of(list(workflow.STATUSES))],
        "public_note": [ignore_missing, grll_feedback_string(NOTE_MAX)],
        "private_note": [ignore_missing, grll_feedback_string(NOTE_MAX)],
        "duplicate_of": [ignore_missing, grll_feedback_string(CODE_MAX)],
        "organization": [ignore_missing, grll_feedback_string(NAME_MAX)],
        "stage": [ignore_missing, grll_feedback_string(NAME_MAX)],
        "__extras": [ignore],
    }


@validator_args
def moderate_schema(not_empty: object, ignore_missing: object, grll_feedback_boolean: object,
                    grll_feedback_description: object, grll_feedback_string: Any,
                    grll_feedback_code: object, ignore: object) -> Schema:
    return {
        "code": [not_empty, grll_feedback_code],
        "description": [ignore_missing, grll_feedback_description],
        "hidden": [ignore_missing, grll_feedback_boolean],
        "hide_name": [ignore_missing, grll_feedback_boolean],
        "hide_photos": [ignore_missing, grll_feedback_boolean],
        "private_note": [ignore_missing, grll_feedback_string(NOTE_MAX)],
        "__extras": [ignore],
    }


@validator_args
def flag_schema(not_empty: object, ignore_missing: object, grll_feedback_string: Any,
                grll_feedback_code: object, ignore: object) -> Schema:
    return {
        "code": [not_empty, grll_feedback_code],
        "reason": [ignore_missing, grll_feedback_string(500)],
        "__extras": [ignore],
    }


@validator_args
def stats_schema(not_empty: object, grll_feedback_string: Any, grll_feedback_domain: object,
                 ignore: object) -> Schema:
    return {"domain": [not_empty, grll_feedback_string(NAME_MAX), grll_feedback_domain],
            "__extras": [ignore]}


@validator_args
def services_schema(ignore_missing: object, grll_feedback_string: Any,
                    grll_feedback_domain: object, ignore: object) -> Schema:
    return {"domain": [ignore_missing, grll_feedback_string(NAME_MAX), grll_feedback_domain],
            "__extras": [ignore]}


@validator_args
def suggest_schema(not_empty: object, grll_feedback_string: Any, grll_feedback_float: object,
                   ignore: object) -> Schema:
    return {
        "domain": [not_empty, grll_feedback_string(NAME_MAX)],
        "category": [not_empty, grll_feedback_string(NAME_MAX)],
        "lat": [not_empty, grll_feedback_float],
        "lon": [not_empty, grll_feedback_float],
        "__extras": [ignore],
    }


@validator_args
def flag_list_schema(ignore_missing: object, default: object, grll_feedback_string: Any,
                     grll_feedback_int: Any, ignore: object) -> Schema:
    return {
        "domain": [ignore_missing, grll_feedback_string(NAME_MAX)],
        "code": [ignore_missing, grll_feedback_string(CODE_MAX)],
        "offset": [default(0), grll_feedback_int(0, validators.OFFSET_MAX)],
        "limit": [default(50), grll_feedback_int(1, LIST_LIMIT_MAX)],
        "__extras": [ignore],
    }


@validator_args
def flag_dismiss_schema(not_empty: object, ignore_missing: object, grll_feedback_string: Any,
                        grll_feedback_code: object, ignore: object) -> Schema:
    return {
        "code": [not_empty, grll_feedback_code],
        "private_note": [ignore_missing, grll_feedback_string(NOTE_MAX)],
        "__extras": [ignore],
    }
