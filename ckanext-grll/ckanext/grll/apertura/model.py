"""Tables of grll_apertura (created by migration/grll_apertura).

Declared on CKAN's metadata, like grll_catalog's, so that CKAN's test database reset
empties them. The model only adds to the session; actions commit. The row helpers
(new_id, now, insert, update, get, select) are grll_catalog's, for the same kind of
tables.
"""
from __future__ import annotations

from typing import Any

import ckan.model as ckan_model
import sqlalchemy as sa
from ckan.model import meta
from sqlalchemy.dialects import postgresql

from ckanext.grll.catalog.model import get, insert, new_id, now, select, update

__all__ = ["candidate_table", "get", "organization", "insert", "new_id", "now", "process_table", "select",
           "update", "vote_table"]

process_table = sa.Table(
    "grll_apertura_process", meta.metadata,
    sa.Column("id", sa.UnicodeText, primary_key=True),
    sa.Column("organization_id", sa.UnicodeText, sa.ForeignKey("group.id"), nullable=False),
    sa.Column("name", sa.UnicodeText, nullable=False),
    sa.Column("description", sa.UnicodeText, nullable=False, default=""),
    sa.Column("sample", sa.Boolean, nullable=False, default=False),
    sa.Column("created", sa.DateTime, nullable=False),
    sa.Column("modified", sa.DateTime, nullable=False),
)
candidate_table = sa.Table(
    "grll_apertura_candidate", meta.metadata,
    sa.Column("id", sa.UnicodeText, primary_key=True),
    sa.Column("organization_id", sa.UnicodeText, sa.ForeignKey("group.id")),
    sa.Column("process_id", sa.UnicodeText, sa.ForeignKey("grll_apertura_process.id")),
    sa.Column("title", sa.UnicodeText, nullable=False),
    sa.Column("description", sa.UnicodeText, nullable=False, default=""),
    sa.Column("origin", sa.UnicodeText, nullable=False, default="gerencia"),
    sa.Column("data_request_id", sa.UnicodeText),
    sa.Column("outcome", sa.UnicodeText),
    sa.Column("legal_basis", postgresql.ARRAY(sa.UnicodeText), nullable=False, default=list),
    sa.Column("legal_notes", sa.UnicodeText, nullable=False, default=""),
    sa.Column("analysed_by", sa.UnicodeText, sa.ForeignKey("user.id")),
    sa.Column("analysed_at", sa.DateTime),
    sa.Column("prioritised_at", sa.DateTime),
    sa.Column("target_date", sa.Date),
    sa.Column("package_id", sa.UnicodeText, sa.ForeignKey("package.id")),
    sa.Column("sample", sa.Boolean, nullable=False, default=False),
    sa.Column("created", sa.DateTime, nullable=False),
    sa.Column("modified", sa.DateTime, nullable=False),
)
vote_table = sa.Table(
    "grll_apertura_vote", meta.metadata,
    sa.Column("id", sa.UnicodeText, primary_key=True),
    sa.Column("candidate_id", sa.UnicodeText,
              sa.ForeignKey("grll_apertura_candidate.id", ondelete="CASCADE"), nullable=False),
    sa.Column("workshop", sa.UnicodeText, nullable=False),
    sa.Column("held_on", sa.Date, nullable=False),
    sa.Column("voter_kind", sa.UnicodeText, nullable=False),
    sa.Column("voter", sa.UnicodeText, nullable=False),
    sa.Column("score", sa.Integer, nullable=False),
    sa.Column("recorded_by", sa.UnicodeText, sa.ForeignKey("user.id")),
    sa.Column("created", sa.DateTime, nullable=False),
)


def votes(candidate_ids: list[str] | None = None) -> list[dict[str, Any]]:
    query = sa.select(vote_table).order_by(vote_table.c.held_on, vote_table.c.created)
    if candidate_ids is not None:
        query = query.where(vote_table.c.candidate_id.in_(candidate_ids))
    return select(query)


def process_by_name(organization_id: str, name: str) -> dict[str, Any] | None:
    rows = select(sa.select(process_table).where(
        process_table.c.organization_id == organization_id,
        sa.func.lower(process_table.c.name) == name.lower()))
    return rows[0] if rows else None


def candidate_for_request(request_id: str) -> dict[str, Any] | None:
    rows = select(sa.select(candidate_table).where(
        candidate_table.c.data_request_id == request_id))
    return rows[0] if rows else None


def organization(value: Any) -> Any:
    """The CKAN organization (or group) of this name or id; None also for a value no
    organization can have (not text, or a NUL the database refuses)."""
    if not isinstance(value, str) or not value or "\x00" in value:
        return None
    return ckan_model.Group.get(value)
