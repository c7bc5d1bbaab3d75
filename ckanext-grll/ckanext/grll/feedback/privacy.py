"""What of a report may be public, and in what coarsened form.

Rules (DESIGN.md, "Citizen feedback engine"): contact data, exact coordinates,
addresses and private notes never leave the staff views; sensitive categories
are never points; public points snap to the centre of a grid cell of at least
200 m; public dates are months, and records appear only after the category's
publication delay (and, where required, after a moderator looked at them).

:func:`public_view` is the one place that decides what of a report is public:
the API, the pages, Open311 and the open data all format from it. Free text in
it is masked (``personal_data``), answers are those of public questions only,
and no date in it is finer than a month. Its SQL twin, :func:`public_filter`,
picks the same records for lists, statistics and the commitments' figures.
"""
from __future__ import annotations

import datetime
import math
from dataclasses import dataclass
from typing import Any

import ckan.model as model
import sqlalchemy as sa
from sqlalchemy import orm

from ckanext.grll import reference
from ckanext.grll.feedback import config, personal_data, workflow
from ckanext.grll.feedback.domains import PERSONAL_DATA_HOLD, Category, enabled_domains
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
# Answers without a time zone are local times in Peru (UTC-5, no daylight saving).
PERU_OFFSET = datetime.timedelta(hours=5)


def category_of(report: Report) -> Category | None:
    """The category whose rules say what of the report is public (None: not enabled)."""
    domain = enabled_domains().get(report.domain)
    return domain.categories.get(report.category) if domain else None


def shows_details(category: Category | None) -> bool:
    """Whether the category's public records show a point, text, answers and photos:
    sensitive ones only count, by district."""
    return category is not None and not category.sensitive


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
    if not shows_details(category) or report.latitude is None:
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


def public_filter(now: datetime.datetime | None = None) -> Any:
    """SQL twin of :func:`is_public`: the records that may be public now (all enabled
    domains)."""
    now = now or utcnow()
    conditions = []
    for domain in enabled_domains().values():
        for category in domain.categories.values():
            condition = sa.and_(
                Report.domain == domain.name, Report.category == category.code,
                Report.created <= now - datetime.timedelta(days=category.publication_delay_days))
            if category.moderation_required:
                condition = sa.and_(condition, Report.status != RECEIVED)
            conditions.append(condition)
    if not conditions:
        return sa.false()
    holding = [d.name for d in enabled_domains().values() if d.personal_data == PERSONAL_DATA_HOLD]
    not_held = sa.or_(Report.domain.notin_(holding), ~held_for_review_sql())
    return sa.and_(Report.hidden.is_(False), sa.or_(*conditions), not_held)


def without_details_sql() -> Any:
    """SQL twin of ``not shows_details``: records of the sensitive categories."""
    return sa.or_(sa.false(), *[
        (Report.domain == domain.name) & (Report.category == category.code)
        for domain in enabled_domains().values() for category in domain.categories.values()
        if not shows_details(category)])


def public_name(report: Report) -> str | None:
    """The reporter's name only when they chose to show it."""
    return report.reporter_name if report.identity == "publico" else None


def public_questions(category: Category | None) -> list[Any]:
    return [q for q in category.questions if q.public] if category else []


def alerts(report: Report, questions: list[Any],
           now: datetime.datetime | None = None) -> list[str]:
    """Warnings the answers to these questions raise, e.g. a water cut longer than 18 hours."""
    found = []
    end = report.closed_at or now or utcnow()
    for question in questions:
        answer = (report.answers or {}).get(question.code)
        if question.alert_after_hours is None or not answer:
            continue
        since = datetime.datetime.fromisoformat(answer)
        since = (since.astimezone(datetime.timezone.utc).replace(tzinfo=None) if since.tzinfo
                 else since + PERU_OFFSET)
        if end - since > datetime.timedelta(hours=question.alert_after_hours):
            found.append(question.alert)
    return found


def is_overdue(report: Report, now: datetime.datetime | None = None) -> bool:
    """Past the category's expected resolution: still open after it, or closed after it."""
    if report.status in workflow.CLOSED:
        return bool(report.closed_at and report.closed_at > report.due_at)
    return (now or utcnow()) > report.due_at


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
    stage_name: str | None
    note: str | None


@dataclass(frozen=True)
class PublicView:
    """Everything about a report that any public output may show, and nothing else:
    the pages, the API for the public, Open311 and the open data format it field by
    field; the staff views add the private fields on top of it.

    ``visible`` says whether the record is published (lists, maps, Open311 lists,
    open data); a record that is not still shows its status and timeline to whoever
    holds its tracking code, but no text, point, answers or photos.
    """

    #: The tracking code, the only handle of the reporter's own report.
    code: str
    #: The open data's row id: stable, and not the tracking code.
    row_id: str
    domain: str
    category: str
    category_name: str
    service_code: str | None
    resolution_days: int | None
    visible: bool
    sensitive: bool
    status: str
    closed: bool
    stage: str | None
    stage_name: str | None
    ubigeo: str
    district: str | None
    province: str | None
    organization: str
    point: tuple[float, float] | None
    month: str
    updated_month: str
    weeks_to_resolve: int | None
    overdue: bool
    identity: str
    name: str | None
    description: str | None
    answers: dict[str, Any]
    alerts: tuple[str, ...]
    photos: tuple[str, ...]
    duplicate_of: str | None
    timeline: tuple[PublicEvent, ...]

    @property
    def last_note(self) -> str | None:
        return next((e.note for e in reversed(self.timeline) if e.note), None)


def public_view(report: Report, category: Category | None,
                now: datetime.datetime | None = None) -> PublicView:
    """The public face of a report (``category``: :func:`category_of`): the one
    decision every public output formats."""
    visible = is_public(report, category, now)
    shows_content = visible and shows_details(category)
    stages = dict(category.stages) if category else {}
    timeline = tuple(
        PublicEvent(kind=e.kind, month=public_month(e.created), status=e.status,
                    stage_name=stages.get(e.stage) if e.stage else None,
                    note=personal_data.mask(e.public_note))
        for e in report.events if e.kind in PUBLIC_EVENTS)
    staff_steps = [e for e in timeline if e.kind == "estado"]
    resolved = report.status == workflow.RESOLVED and report.closed_at is not None
    district = reference.distritos().get(report.ubigeo)
    duplicate = model.Session.get(Report, report.duplicate_of) if report.duplicate_of else None
    return PublicView(
        code=report.tracking_code, row_id=report.public_id,
        domain=report.domain, category=report.category,
        category_name=category.name if category else report.category,
        service_code=category.service_code if category else None,
        resolution_days=category.resolution_days if category else None,
        visible=visible, sensitive=not shows_details(category),
        status=workflow.HIDDEN if report.hidden else report.status,
        closed=report.status in workflow.CLOSED,
        stage=report.stage, stage_name=stages.get(report.stage) if report.stage else None,
        ubigeo=report.ubigeo,
        district=district.nombre if district else None,
        province=district.provincia if district else None,
        organization=report.owner_org,
        point=public_point(report, category) if visible else None,
        month=public_month(report.created),
        updated_month=staff_steps[-1].month if staff_steps else public_month(report.created),
        weeks_to_resolve=weeks_between(report.created, report.closed_at) if resolved else None,
        overdue=is_overdue(report, now),
        identity=report.identity,
        name=public_name(report),
        description=personal_data.mask(report.description) if shows_content else None,
        answers=({q.code: public_answer(q, report.answers[q.code])
                  for q in public_questions(category) if q.code in (report.answers or {})}
                 if shows_content else {}),
        alerts=tuple(alerts(report, public_questions(category), now)) if shows_content else (),
        photos=tuple(p.id for p in report.photos if not p.hidden) if shows_content else (),
        duplicate_of=duplicate.tracking_code if duplicate else None,
        timeline=timeline)
