"""Tables of the feedback engine: full records stay here, private by default.

The model only adds objects to the session; actions commit. The DDL lives in
the alembic tree ``migration/grll_feedback`` (plugin grll_feedback).
"""
from __future__ import annotations

import datetime
from typing import Any

import ckan.model as model
import sqlalchemy as sa
from ckan.model.base import BaseModel
from sqlalchemy import orm
from sqlalchemy.dialects.postgresql import JSONB


def utcnow() -> datetime.datetime:
    return datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)


class Report(BaseModel):  # type: ignore[misc,valid-type]
    """A citizen report with everything it carries, public or not."""

    __tablename__ = "grll_feedback_report"

    id = sa.Column(sa.Text, primary_key=True)
    tracking_code = sa.Column(sa.Text, nullable=False, unique=True)
    public_id = sa.Column(sa.Text, nullable=False, unique=True)
    domain = sa.Column(sa.Text, nullable=False)
    category = sa.Column(sa.Text, nullable=False)
    description = sa.Column(sa.Text, nullable=False)
    description_original = sa.Column(sa.Text)
    answers = sa.Column(JSONB, nullable=False, default=dict)
    latitude = sa.Column(sa.Float)
    longitude = sa.Column(sa.Float)
    address = sa.Column(sa.Text)
    ubigeo = sa.Column(sa.Text, nullable=False)
    identity = sa.Column(sa.Text, nullable=False)
    reporter_name = sa.Column(sa.Text)
    user_id = sa.Column(sa.Text)
    contact_email = sa.Column(sa.Text)
    channel = sa.Column(sa.Text, nullable=False)
    status = sa.Column(sa.Text, nullable=False)
    # A domain's own step within the status (e.g. SUNAFIL's "orden de inspección").
    stage = sa.Column(sa.Text)
    hidden = sa.Column(sa.Boolean, nullable=False, default=False)
    # The body that must act (answers the report). The organization of the
    # category's routing oversees it (``domains.overseer``).
    owner_org = sa.Column(sa.Text, nullable=False)
    duplicate_of = sa.Column(sa.Text, sa.ForeignKey("grll_feedback_report.id"))
    flags = sa.Column(sa.Integer, nullable=False, default=0)
    content_hash = sa.Column(sa.Text, nullable=False)
    created = sa.Column(sa.DateTime, nullable=False, default=utcnow)
    updated = sa.Column(sa.DateTime, nullable=False, default=utcnow)
    closed_at = sa.Column(sa.DateTime)
    due_at = sa.Column(sa.DateTime, nullable=False)
    publication_pending = sa.Column(sa.Boolean, nullable=False, default=True)
    published_at = sa.Column(sa.DateTime)
    publication_error = sa.Column(sa.Text)

    events = orm.relationship("Event", order_by="Event.id", cascade="all, delete-orphan",
                              back_populates="report")
    photos = orm.relationship("Photo", order_by="Photo.created",
                              cascade="all, delete-orphan", back_populates="report")

    @classmethod
    def by_code(cls, code: str) -> Report | None:
        return model.Session.query(cls).filter(
            cls.tracking_code == code.strip().upper()).one_or_none()

    @classmethod
    def query(cls) -> Any:
        return model.Session.query(cls)


class Event(BaseModel):  # type: ignore[misc,valid-type]
    """One entry of a report's timeline: who, when, what, with notes."""

    __tablename__ = "grll_feedback_event"

    id = sa.Column(sa.Integer, primary_key=True, autoincrement=True)
    report_id = sa.Column(sa.Text, sa.ForeignKey("grll_feedback_report.id", ondelete="CASCADE"),
                          nullable=False)
    created = sa.Column(sa.DateTime, nullable=False, default=utcnow)
    actor_id = sa.Column(sa.Text)
    kind = sa.Column(sa.Text, nullable=False)
    status = sa.Column(sa.Text)
    stage = sa.Column(sa.Text)
    public_note = sa.Column(sa.Text)
    private_note = sa.Column(sa.Text)

    report = orm.relationship(Report, back_populates="events")


class Photo(BaseModel):  # type: ignore[misc,valid-type]
    """A photo stored through CKAN's uploader, already stripped of metadata."""

    __tablename__ = "grll_feedback_photo"

    id = sa.Column(sa.Text, primary_key=True)
    report_id = sa.Column(sa.Text, sa.ForeignKey("grll_feedback_report.id", ondelete="CASCADE"),
                          nullable=False)
    filename = sa.Column(sa.Text, nullable=False)
    mimetype = sa.Column(sa.Text, nullable=False)
    size_bytes = sa.Column(sa.Integer, nullable=False)
    width = sa.Column(sa.Integer, nullable=False)
    height = sa.Column(sa.Integer, nullable=False)
    hidden = sa.Column(sa.Boolean, nullable=False, default=False)
    created = sa.Column(sa.DateTime, nullable=False, default=utcnow)

    report = orm.relationship(Report, back_populates="photos")


class Flag(BaseModel):  # type: ignore[misc,valid-type]
    """A "reportar abuso" mark; one per person (hashed IP or account) and report."""

    __tablename__ = "grll_feedback_flag"
    __table_args__ = (sa.UniqueConstraint("report_id", "flagger"),)

    id = sa.Column(sa.Integer, primary_key=True, autoincrement=True)
    report_id = sa.Column(sa.Text, sa.ForeignKey("grll_feedback_report.id", ondelete="CASCADE"),
                          nullable=False)
    flagger = sa.Column(sa.Text, nullable=False)
    reason = sa.Column(sa.Text)
    created = sa.Column(sa.DateTime, nullable=False, default=utcnow)
