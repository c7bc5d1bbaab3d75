"""What of a report may be public, and in what coarsened form.

Rules (DESIGN.md, "Citizen feedback engine"): contact data, exact coordinates,
addresses and private notes never leave the staff views; sensitive categories
are never points; public points snap to the centre of a grid cell of at least
200 m; public dates are months, and records appear only after the category's
publication delay (and, where required, after a moderator looked at them).

:func:`public_view` is the one place that decides what of a report is public:
the API, the pages, Open311 and the open data all format from it. Free text in
it is masked (``personal_data``), answers are those of public questions only,
and no date in it is finer than a month.
"""
from __future__ import annotations

import datetime
import math
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy import orm

from ckanext.grll.feedback import config, personal_data, workflow
from ckanext.grll.feedback.domains import PERSONAL_DATA_HOLD, Category
from ckanext.grll.feedback.model import Event, Report, utcnow
from ckanext.grll.feedback.workflow import RECEIVED

#: The private timeline entry that marks a report whose text seems to carry
#: personal data; a later ``moderado`` entry is the moderator's review.
PERSONAL_DATA_EVENT = "datos_personales"
REVIEW_EVENT = "moderado"
#: Timeline entries the public sees; moderation, flags and marks stay internal.
PUBLIC_EVENTS = ("creado", "estado")
FREE_TEXT = ("string", "text")

METRES_PER_DEGREE = 111_320.0
# Longitude cells are sized at La Libertad's mean latitude so that the grid is
# fixed: the same exact point always lands in the same cell.
REFERENCE_LATITUDE = -8.0


def coarsen(lat: float, lon: float, grid_m: int | None = None) -> tuple[float, float]:
    """Centre of the grid cell holding the point (cells of ``grid_m`` metres)."""
    size = grid_m or config.grid_size_m()
    lat_step = size / METRES_PER_DEGREE
    lon_step = size / (METRES_PER_DEGREE * math.cos(math.radians(REFERENCE_LATITUDE)))
    cell_lat = (math.floor(lat / lat_step) + 0.5) * lat_step
    cell_lon = (math.floor(lon / lon_step) + 0.5) * lon_step
    return round(cell_lat, 5), round(cell_lon, 5)


def public_point(report: Report, category: Category | None) -> tuple[float, float] | None:
    """The point the public may see: coarsened, never for sensitive categories."""
    if category is None or category.sensitive or report.latitude is None:
        return None
    return coarsen(report.latitude, report.longitude)


def public_month(moment: datetime.datetime | None) -> str | None:
    """A date as the public sees it: ``YYYY-MM``."""
    return moment.strftime("%Y-%m") if moment else None


def month_start(moment: datetime.datetime) -> datetime.datetime:
    """The first instant of the moment's month: what a public timestamp may say."""
    return moment.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def weeks_between(start: datetime.datetime, end: datetime.datetime) -> int:
    """Whole weeks from start to end: 0 is "less than 7 days", never the day count,
    which with the month of each end would date the report."""
    return max(0, (end - start).days // 7)


def whole_weeks_in_days_sql(start: Any, end: Any) -> Any:
    """SQL: the days from start to end cut to whole weeks (0, 7, 14...), for medians."""
    weeks = sa.func.floor(sa.extract("epoch", end - start) / (7 * 86400.0))
    return sa.cast(weeks * 7, sa.Float)


def publication_date(report: Report, category: Category | None) -> datetime.datetime:
    """When the record may enter public outputs, moderation permitting."""
    days = category.publication_delay_days if category else config.publication_delay_days()
    return report.created + datetime.timedelta(days=days)


def is_public(report: Report, category: Category | None,
              now: datetime.datetime | None = None) -> bool:
    """Whether the record may appear in lists, maps, Open311 and the open data."""
    if report.hidden or category is None:
        return False
    if category.moderation_required and report.status == RECEIVED:
        return False
    if held_for_review(report, category):
        return False
    return publication_date(report, category) <= (now or utcnow())


def waits_for_delay(report: Report, category: Category | None) -> bool:
    """Not public yet only because the publication delay has not passed."""
    return (category is not None and not report.hidden
            and not (category.moderation_required and report.status == RECEIVED)
            and not held_for_review(report, category)
            and publication_date(report, category) > utcnow())


def personal_data_in(report: Report, category: Category | None) -> list[str]:
    """Kinds of personal data (``personal_data`` constants) in the report's public text:
    the description, the free-text answers of public questions and the public notes."""
    texts = [report.description]
    texts += [str(report.answers[q.code]) for q in public_questions(category)
              if q.datatype in FREE_TEXT and q.code in (report.answers or {})]
    texts += [e.public_note for e in report.events if e.kind in PUBLIC_EVENTS]
    return sorted(set().union(*(personal_data.kinds(t) for t in texts)))


def held_for_review(report: Report, category: Category | None) -> bool:
    """Under the ``retener`` policy: marked for personal data and not reviewed since."""
    if category is None or category.personal_data != PERSONAL_DATA_HOLD:
        return False
    held = False
    for event in report.events:
        if event.kind == PERSONAL_DATA_EVENT:
            held = True
        elif event.kind == REVIEW_EVENT:
            held = False
    return held


def held_for_review_sql() -> Any:
    """SQL twin of :func:`held_for_review` without the policy (callers add it).

    One uncorrelated set of held ids, which PostgreSQL hashes once: a correlated
    test per report tripled the public list's time at 20,000 reports.
    """
    mark, review = orm.aliased(Event), orm.aliased(Event)
    reviewed = sa.exists().where(review.report_id == mark.report_id,
                                 review.kind == REVIEW_EVENT, review.id > mark.id)
    held = sa.select(mark.report_id).where(mark.kind == PERSONAL_DATA_EVENT, ~reviewed)
    return Report.id.in_(held)


def public_name(report: Report) -> str | None:
    """The reporter's name only when they chose to show it."""
    return report.reporter_name if report.identity == "publico" else None


def public_questions(category: Category | None) -> list[Any]:
    return [q for q in category.questions if q.public] if category else []


def public_answer(question: Any, value: Any) -> Any:
    """An answer as the public sees it: text masked, dates by month."""
    if question.datatype in FREE_TEXT:
        return personal_data.mask(str(value))
    if question.datatype == "datetime":
        return str(value)[:7]
    return value


@dataclass(frozen=True)
class PublicEvent:
    """A timeline entry as the public sees it."""

    kind: str
    month: str
    status: str | None
    stage: str | None
    note: str | None


@dataclass(frozen=True)
class PublicView:
    """Everything about a report that any public output may show.

    ``visible`` says whether the record is published (lists, maps, Open311 lists,
    open data); a record that is not still shows its status and timeline to whoever
    holds its tracking code, but no text, point, answers or photos.
    """

    visible: bool
    sensitive: bool
    status: str
    closed: bool
    point: tuple[float, float] | None
    month: str
    updated_month: str
    weeks_to_resolve: int | None
    description: str | None
    answers: dict[str, Any]
    name: str | None
    photos: tuple[str, ...]
    timeline: tuple[PublicEvent, ...]

    @property
    def last_note(self) -> str | None:
        return next((e.note for e in reversed(self.timeline) if e.note), None)


def public_view(report: Report, category: Category | None,
                now: datetime.datetime | None = None) -> PublicView:
    """The public face of a report: the one decision every public output formats."""
    visible = is_public(report, category, now)
    sensitive = category is None or category.sensitive
    shows_content = visible and not sensitive
    timeline = tuple(
        PublicEvent(kind=e.kind, month=public_month(e.created), status=e.status, stage=e.stage,
                    note=personal_data.mask(e.public_note))
        for e in report.events if e.kind in PUBLIC_EVENTS)
    staff_steps = [e for e in timeline if e.kind == "estado"]
    resolved = report.status == workflow.RESOLVED and report.closed_at is not None
    return PublicView(
        visible=visible, sensitive=sensitive,
        status=workflow.HIDDEN if report.hidden else report.status,
        closed=report.status in workflow.CLOSED,
        point=public_point(report, category) if visible else None,
        month=public_month(report.created),
        updated_month=staff_steps[-1].month if staff_steps else public_month(report.created),
        weeks_to_resolve=weeks_between(report.created, report.closed_at) if resolved else None,
        description=personal_data.mask(report.description) if shows_content else None,
        answers=({q.code: public_answer(q, report.answers[q.code])
                  for q in public_questions(category) if q.code in (report.answers or {})}
                 if shows_content else {}),
        name=public_name(report),
        photos=tuple(p.id for p in report.photos if not p.hidden) if shows_content else (),
        timeline=timeline)
