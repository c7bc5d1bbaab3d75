"""Tables of grll_catalog: reuses and data requests (created by migration/grll_catalog).

Declared on CKAN's metadata, like ckanext-activity's table, so that CKAN's
test database reset empties them in foreign-key order. The model only adds to
the session; actions commit.
"""
from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import sqlalchemy as sa
from ckan.model import meta

reuse_table = sa.Table(
    "grll_reuse", meta.metadata,
    sa.Column("id", sa.UnicodeText, primary_key=True),
    sa.Column("title", sa.UnicodeText, nullable=False),
    sa.Column("description", sa.UnicodeText, nullable=False),
    sa.Column("type", sa.UnicodeText, nullable=False),
    sa.Column("url", sa.UnicodeText, nullable=False),
    sa.Column("image", sa.UnicodeText),
    sa.Column("authors", sa.UnicodeText, nullable=False, default=""),
    sa.Column("user_id", sa.UnicodeText, sa.ForeignKey("user.id"), nullable=False),
    sa.Column("state", sa.UnicodeText, nullable=False, default="pendiente"),
    sa.Column("reviewed_by", sa.UnicodeText, sa.ForeignKey("user.id")),
    sa.Column("reviewed_at", sa.DateTime),
    sa.Column("rejection_reason", sa.UnicodeText),
    sa.Column("created", sa.DateTime, nullable=False),
    sa.Column("modified", sa.DateTime, nullable=False),
)
reuse_dataset_table = sa.Table(
    "grll_reuse_dataset", meta.metadata,
    sa.Column("reuse_id", sa.UnicodeText, sa.ForeignKey("grll_reuse.id", ondelete="CASCADE"),
              primary_key=True),
    sa.Column("package_id", sa.UnicodeText, sa.ForeignKey("package.id", ondelete="CASCADE"),
              primary_key=True),
)
data_request_table = sa.Table(
    "grll_data_request", meta.metadata,
    sa.Column("id", sa.UnicodeText, primary_key=True),
    sa.Column("title", sa.UnicodeText, nullable=False),
    sa.Column("description", sa.UnicodeText, nullable=False),
    sa.Column("organization_id", sa.UnicodeText, sa.ForeignKey("group.id")),
    sa.Column("user_id", sa.UnicodeText, sa.ForeignKey("user.id"), nullable=False),
    sa.Column("status", sa.UnicodeText, nullable=False, default="abierta"),
    sa.Column("package_id", sa.UnicodeText, sa.ForeignKey("package.id", ondelete="SET NULL")),
    sa.Column("rejection_reason", sa.UnicodeText),
    sa.Column("closed_by", sa.UnicodeText, sa.ForeignKey("user.id")),
    sa.Column("closed_at", sa.DateTime),
    sa.Column("created", sa.DateTime, nullable=False),
    sa.Column("modified", sa.DateTime, nullable=False),
)
#: The overdue period (its due date) each dataset's organization was told about.
outdated_notice_table = sa.Table(
    "grll_outdated_notice", meta.metadata,
    sa.Column("package_id", sa.UnicodeText, sa.ForeignKey("package.id", ondelete="CASCADE"),
              primary_key=True),
    sa.Column("due", sa.DateTime, nullable=False),
    sa.Column("notified_at", sa.DateTime, nullable=False),
)
data_request_follower_table = sa.Table(
    "grll_data_request_follower", meta.metadata,
    sa.Column("data_request_id", sa.UnicodeText,
              sa.ForeignKey("grll_data_request.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("user_id", sa.UnicodeText, sa.ForeignKey("user.id", ondelete="CASCADE"),
              primary_key=True),
    sa.Column("created", sa.DateTime, nullable=False),
)


def new_id() -> str:
    return str(uuid.uuid4())


def now() -> dt.datetime:
    return dt.datetime.utcnow()


def _row(result: Any) -> dict[str, Any] | None:
    row = result.mappings().first()
    return dict(row) if row else None


def insert(table: sa.Table, values: dict[str, Any]) -> None:
    meta.Session.execute(sa.insert(table).values(**values))


def update(table: sa.Table, row_id: str, values: dict[str, Any]) -> None:
    meta.Session.execute(sa.update(table).where(table.c.id == row_id).values(**values))


def get(table: sa.Table, row_id: str) -> dict[str, Any] | None:
    """The row with this id; None also for an id no row can have (not text, or NUL)."""
    if not isinstance(row_id, str) or "\x00" in row_id:
        return None
    return _row(meta.Session.execute(sa.select(table).where(table.c.id == row_id)))


def select(query: Any) -> list[dict[str, Any]]:
    return [dict(row) for row in meta.Session.execute(query).mappings()]


def reuse_package_ids(reuse_id: str) -> list[str]:
    query = sa.select(reuse_dataset_table.c.package_id).where(
        reuse_dataset_table.c.reuse_id == reuse_id)
    return [row[0] for row in meta.Session.execute(query)]


def follower_ids(request_id: str) -> list[str]:
    query = sa.select(data_request_follower_table.c.user_id).where(
        data_request_follower_table.c.data_request_id == request_id)
    return [row[0] for row in meta.Session.execute(query)]
