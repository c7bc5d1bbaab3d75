"""The citizen-feedback engine as the commitments see it: the one module they import.

Everything else in ``ckanext.grll.feedback`` is the engine's own and may change
without notice to the commitments. What a commitment needs and is not here gets
added here, with a line on why, rather than imported from the engine's insides.
"""
from __future__ import annotations

from ckanext.grll.feedback import workflow
from ckanext.grll.feedback.config import grid_size_m
from ckanext.grll.feedback.domains import get_domain, load_domain
from ckanext.grll.feedback.geo import GEOJSON as DISTRICTS_GEOJSON
from ckanext.grll.feedback.geo import district_at
from ckanext.grll.feedback.interfaces import IGrllDomain, require_engine
from ckanext.grll.feedback.logic.dictization import org_title
from ckanext.grll.feedback.model import Report, utcnow
from ckanext.grll.feedback.open311 import check_rate_limit
from ckanext.grll.feedback.personal_data import LABELS as PERSONAL_DATA_LABELS
from ckanext.grll.feedback.personal_data import kinds as personal_data_kinds
from ckanext.grll.feedback.personal_data import mask as mask_personal_data
from ckanext.grll.feedback.privacy import (
    METRES_PER_DEGREE,
    REFERENCE_LATITUDE,
    coarsen,
    public_filter,
    whole_weeks_in_days_sql,
)
from ckanext.grll.feedback.ratelimit import allow as rate_allowed
from ckanext.grll.feedback.ratelimit import client_key, pseudonym

__all__ = [
    # The commitments' plugins implement this interface.
    "IGrllDomain",
    # A commitment's plugin stops the portal's start when the engine's is not loaded.
    "require_engine",
    # A commitment's configuration (its domain.yaml), as the engine read it.
    "get_domain", "load_domain",
    # Report states (workflow.RESOLVED, workflow.CLOSED...).
    "workflow",
    # The private table, for the commitments' own figures; public_filter() keeps
    # them to what the public may see.
    "Report", "public_filter", "utcnow",
    # Where a point is; the districts' shapes.
    "district_at", "DISTRICTS_GEOJSON",
    # The public grid of coarsened points.
    "coarsen", "grid_size_m", "METRES_PER_DEGREE", "REFERENCE_LATITUDE",
    "whole_weeks_in_days_sql",
    # Limits on what one visitor may send.
    "check_rate_limit", "rate_allowed", "client_key", "pseudonym",
    # The title of the organisation that answers a report.
    "org_title",
    # Personal data in free text (e-mails, phones, DNI...): what a moderator is told,
    # and the text as the public may read it (the action plan's comments).
    "personal_data_kinds", "mask_personal_data", "PERSONAL_DATA_LABELS",
]
