"""Schemas of the ``grll_feedback_*`` actions (field-level checks only).

Checks that need the domain's configuration (category, questions, location
against the district polygons, identity rules) run after these, in
``validators.check_report``.
"""
from __future__ import annotations

from ckan.logic.schema import validator_args
from ckan.types import Schema

from ckanext.grll.feedback import workflow
from ckanext.grll.feedback.domains import IDENTITIES

CHANNELS = ["web", "api", "open311"]


@validator_args
def create_schema(not_empty: object, ignore_missing: object, unicode_safe: object,
                  strip_value: object, email_validator: object, one_of: object,
                  default: object, grll_feedback_float: object,
                  grll_feedback_max_length: object, grll_feedback_honeypot: object,
                  grll_feedback_description: object, ignore: object) -> Schema:
    return {
        "domain": [not_empty, unicode_safe],
        "category": [not_empty, unicode_safe],
        "description": [not_empty, unicode_safe, strip_value, grll_feedback_description],
        "lat": [ignore_missing, grll_feedback_float],
        "lon": [ignore_missing, grll_feedback_float],
        "address": [ignore_missing, unicode_safe, strip_value, grll_feedback_max_length(300)],
        "ubigeo": [ignore_missing, unicode_safe, strip_value],
        "answers": [ignore_missing],
        "identity": [ignore_missing, one_of(list(IDENTITIES))],
        "name": [ignore_missing, unicode_safe, strip_value, grll_feedback_max_length(120)],
        "email": [ignore_missing, unicode_safe, strip_value, email_validator],
        "channel": [default("api"), one_of(CHANNELS)],
        "photos": [ignore_missing],
        # The honeypot: a field people never see, that robots fill in.
        "sitio_web": [grll_feedback_honeypot],
        "__extras": [ignore],
    }


@validator_args
def show_schema(not_empty: object, unicode_safe: object, ignore: object) -> Schema:
    return {"code": [not_empty, unicode_safe], "__extras": [ignore]}


@validator_args
def list_schema(ignore_missing: object, unicode_safe: object, boolean_validator: object,
                natural_number_validator: object, is_positive_integer: object,
                default: object, one_of: object, grll_feedback_month: object,
                grll_feedback_max_value: object, ignore: object) -> Schema:
    return {
        "domain": [ignore_missing, unicode_safe],
        "category": [ignore_missing, unicode_safe],
        "ubigeo": [ignore_missing, unicode_safe],
        "status": [ignore_missing, one_of([*workflow.STATUSES, workflow.HIDDEN])],
        "organization": [ignore_missing, unicode_safe],
        "month_from": [ignore_missing, grll_feedback_month],
        "month_to": [ignore_missing, grll_feedback_month],
        "updated_after": [ignore_missing, unicode_safe],
        "queue": [default(False), boolean_validator],
        "overdue": [ignore_missing, boolean_validator],
        "offset": [default(0), natural_number_validator],
        "limit": [default(50), is_positive_integer, grll_feedback_max_value(500)],
        "__extras": [ignore],
    }


@validator_args
def status_update_schema(not_empty: object, ignore_missing: object, unicode_safe: object,
                         strip_value: object, one_of: object,
                         grll_feedback_max_length: object, ignore: object) -> Schema:
    return {
        "code": [not_empty, unicode_safe],
        "status": [not_empty, one_of(list(workflow.STATUSES))],
        "public_note": [ignore_missing, unicode_safe, strip_value,
                        grll_feedback_max_length(2000)],
        "private_note": [ignore_missing, unicode_safe, strip_value,
                         grll_feedback_max_length(2000)],
        "duplicate_of": [ignore_missing, unicode_safe, strip_value],
        "organization": [ignore_missing, unicode_safe, strip_value],
        "stage": [ignore_missing, unicode_safe, strip_value],
        "__extras": [ignore],
    }


@validator_args
def moderate_schema(not_empty: object, ignore_missing: object, unicode_safe: object,
                    strip_value: object, boolean_validator: object,
                    grll_feedback_description: object, grll_feedback_max_length: object,
                    ignore: object) -> Schema:
    return {
        "code": [not_empty, unicode_safe],
        "description": [ignore_missing, unicode_safe, strip_value, grll_feedback_description],
        "hidden": [ignore_missing, boolean_validator],
        "hide_name": [ignore_missing, boolean_validator],
        "hide_photos": [ignore_missing, boolean_validator],
        "private_note": [ignore_missing, unicode_safe, strip_value,
                         grll_feedback_max_length(2000)],
        "__extras": [ignore],
    }


@validator_args
def flag_schema(not_empty: object, ignore_missing: object, unicode_safe: object,
                strip_value: object, grll_feedback_max_length: object,
                ignore: object) -> Schema:
    return {
        "code": [not_empty, unicode_safe],
        "reason": [ignore_missing, unicode_safe, strip_value, grll_feedback_max_length(500)],
        "__extras": [ignore],
    }


@validator_args
def stats_schema(not_empty: object, unicode_safe: object, ignore: object) -> Schema:
    return {"domain": [not_empty, unicode_safe], "__extras": [ignore]}


@validator_args
def services_schema(ignore_missing: object, unicode_safe: object, ignore: object) -> Schema:
    return {"domain": [ignore_missing, unicode_safe], "__extras": [ignore]}


@validator_args
def suggest_schema(not_empty: object, unicode_safe: object, grll_feedback_float: object,
                   ignore: object) -> Schema:
    return {
        "domain": [not_empty, unicode_safe],
        "category": [not_empty, unicode_safe],
        "lat": [not_empty, grll_feedback_float],
        "lon": [not_empty, grll_feedback_float],
        "__extras": [ignore],
    }


@validator_args
def flag_list_schema(ignore_missing: object, unicode_safe: object,
                     natural_number_validator: object, is_positive_integer: object,
                     default: object, grll_feedback_max_value: object,
                     ignore: object) -> Schema:
    return {
        "domain": [ignore_missing, unicode_safe],
        "code": [ignore_missing, unicode_safe],
        "offset": [default(0), natural_number_validator, grll_feedback_max_value(10**6)],
        "limit": [default(50), is_positive_integer, grll_feedback_max_value(500)],
        "__extras": [ignore],
    }


@validator_args
def flag_dismiss_schema(not_empty: object, ignore_missing: object, unicode_safe: object,
                        strip_value: object, grll_feedback_max_length: object,
                        ignore: object) -> Schema:
    return {
        "code": [not_empty, unicode_safe],
        "private_note": [ignore_missing, unicode_safe, strip_value,
                         grll_feedback_max_length(2000)],
        "__extras": [ignore],
    }
