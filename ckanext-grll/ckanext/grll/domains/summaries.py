"""One mechanism for the commitments' derived summaries (tables of figures kept ready).

A commitment's ``resumen.py`` computes its figures; this module decides when. Each
summary is declared once (:class:`Summary`): its name, the function that writes its
figures, and what makes it out of date: a cheap fingerprint of its sources (rebuilt in
the request when it changes), a maximum age or a mark left by a change (rebuilt by a
background job, or in the request). One table, ``grll_summary_state`` (DDL in
``migration/grll_feedback``, the engine every commitment requires), records per
summary when it was built, from which fingerprint, whether it is stale and when a
rebuild was queued.

Every rebuild takes the summary's advisory lock and runs in one transaction: a rebuild
that fails leaves the previous figures, and readers see the old figures until the new
ones are committed.
"""
from __future__ import annotations

import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import ckan.model as model
import ckan.plugins.toolkit as tk
import sqlalchemy as sa
from ckan.model.base import BaseModel
from redis.exceptions import RedisError
from sqlalchemy.dialects.postgresql import insert

from ckanext.grll.feedback.shared import utcnow

log = logging.getLogger(__name__)

#: A queued job that never ran (no worker) is queued again after this long.
REQUEUE_AFTER = datetime.timedelta(minutes=10)
#: A summary built from no data is built again at a read only after this long: a
#: portal with nothing to count does not rebuild at every request (what loads data,
#: the harvest, queues its own rebuild).
EMPTY_RETRY = datetime.timedelta(minutes=1)
JOB_TIMEOUT = 600

# On CKAN's metadata: a database emptied for tests (CKAN's reset_db) has no summary built.
state = sa.Table(
    "grll_summary_state", BaseModel.metadata,
    sa.Column("name", sa.Text, primary_key=True),
    sa.Column("built", sa.DateTime, nullable=False),
    sa.Column("fingerprint", sa.Text),
    sa.Column("stale", sa.Boolean, nullable=False),
    sa.Column("queued", sa.DateTime),
)


@dataclass(frozen=True)
class Summary:
    """How one summary is kept: what rebuilds it and what makes it out of date."""

    #: Its key in ``grll_summary_state`` (and its advisory lock): ``<commitment>[_<part>]``.
    name: str
    #: Writes the figures in the session's transaction (commits nothing); what it
    #: returns, :func:`rebuild` returns.
    build: Callable[[], Any]
    #: A cheap fingerprint of the sources: a different one means rebuild.
    fingerprint: Callable[[], str] | None = None
    #: Minutes after which the figures are rebuilt (configured), if they age at all.
    max_age: Callable[[], int] | None = None
    #: A stale summary is rebuilt by a background job (the answer stays fast, from the
    #: previous figures) rather than in the request.
    queued: bool = False
    #: The module-level function a queued rebuild runs (RQ finds it by name); it is
    #: given the ``part`` of every summary queued together, or nothing.
    job: Callable[..., Any] | None = None
    part: str | None = None
    #: Figures that are not there count as missing even if built (built from no data),
    #: once the build is older than :data:`EMPTY_RETRY`.
    empty: Callable[[], bool] | None = None
    #: Run once after the rebuilds of one call, outside their transactions.
    after: Callable[[], None] | None = None

    def __post_init__(self) -> None:
        if self.queued and self.job is None:
            raise ValueError(f"summary {self.name}: a queued summary needs its job")
        DECLARED[self.name] = self


#: Every summary declared so far, by name (the commitments' resumen.py modules declare
#: theirs when their plugins load): for readers outside a commitment, such as the
#: action plan's indicators, that count rows of a summary table.
DECLARED: dict[str, Summary] = {}


def _states(summaries: tuple[Summary, ...]) -> dict[str, Any]:
    names = [summary.name for summary in summaries]
    return {row.name: row for row in model.Session.execute(
        sa.select(state).where(state.c.name.in_(names)))}


def mark_stale(summary: Summary) -> None:
    """Something its figures come from changed: the next read rebuilds or queues it."""
    model.Session.execute(state.update().where(state.c.name == summary.name)
                          .values(stale=True))
    model.Session.commit()


def built(summary: Summary) -> datetime.datetime | None:
    """When the summary was last rebuilt (None: never)."""
    return model.Session.execute(
        sa.select(state.c.built).where(state.c.name == summary.name)).scalar()


def _missing(summary: Summary, row: Any) -> bool:
    if row is None:
        return True
    return (summary.empty is not None and row.built < utcnow() - EMPTY_RETRY
            and summary.empty())


def _changed(summary: Summary, row: Any) -> bool:
    return summary.fingerprint is not None and row.fingerprint != summary.fingerprint()


def _due(summary: Summary, row: Any, now: datetime.datetime) -> bool:
    too_old = (summary.max_age is not None
               and row.built < now - datetime.timedelta(minutes=summary.max_age()))
    return row.stale or too_old


def ensure_fresh(*summaries: Summary) -> None:
    """Make the figures fit to answer from.

    Missing: built now. Changed sources (fingerprint): rebuilt now. Stale or too old:
    queued, or rebuilt now when the summary is not ``queued``. A rebuild in the request
    that fails is logged and the previous figures are served.
    """
    now = utcnow()
    states = _states(summaries)
    missing = tuple(s for s in summaries if _missing(s, states.get(s.name)))
    if missing:
        # First reads arriving together: one builds, the others find it built.
        rebuild(*missing, when=lambda s: _missing(s, _states((s,)).get(s.name)))
    present = [s for s in summaries if s not in missing]
    now_too = tuple(s for s in present if _changed(s, states[s.name])
                    or (not s.queued and _due(s, states[s.name], now)))
    if now_too:
        try:
            rebuild(*now_too, when=lambda s: _outdated(s, _states((s,)).get(s.name)))
        except Exception:  # the answer keeps the previous figures
            log.exception("grll: summaries %s not rebuilt; serving the previous ones",
                          ", ".join(s.name for s in now_too))
    stale = tuple(s for s in present if s.queued and s not in now_too
                  and _due(s, states[s.name], now)
                  and (states[s.name].queued is None
                       or states[s.name].queued < now - REQUEUE_AFTER))
    if stale:
        queue(*stale)


def _outdated(summary: Summary, row: Any) -> bool:
    return _missing(summary, row) or _changed(summary, row) or _due(summary, row, utcnow())


def rebuild(*summaries: Summary, when: Callable[[Summary], bool] | None = None) -> Any:
    """Rebuild the summaries now, one after the other (one transaction each).

    ``when``: asked again once the summary's lock is held; a rebuild another process
    finished meanwhile is not done twice. Returns what the last ``build`` returned.
    """
    # Let go of the locks of earlier reads in this transaction: a rebuild holding the
    # summary's lock may be waiting for them.
    model.Session.commit()
    result = None
    for summary in summaries:
        try:
            result = _rebuild(summary, when)
        except Exception:
            # Nothing half-written: the previous figures stay until a rebuild succeeds.
            model.Session.rollback()
            raise
    for after in dict.fromkeys(s.after for s in summaries if s.after):
        after()
    return result


def _rebuild(summary: Summary, when: Callable[[Summary], bool] | None) -> Any:
    session = model.Session
    session.execute(sa.text("SELECT pg_advisory_xact_lock(hashtext(:lock))"),
                    {"lock": f"grll_summary:{summary.name}"})
    if when is not None and not when(summary):
        session.commit()
        return None
    fingerprint = summary.fingerprint() if summary.fingerprint else None
    result = summary.build()
    values = {"built": utcnow(), "fingerprint": fingerprint, "stale": False, "queued": None}
    session.execute(insert(state).values(name=summary.name, **values)
                    .on_conflict_do_update(index_elements=["name"], set_=values))
    session.commit()
    return result


def queue(*summaries: Summary, job_id: str | None = None) -> None:
    """Queue one background rebuild of the summaries (they share their ``job``).

    Redis down: logged; the figures stay as they are and a later read queues again.
    """
    job = summaries[0].job
    parts = tuple(s.part for s in summaries if s.part is not None)
    rq_kwargs: dict[str, Any] = {"timeout": JOB_TIMEOUT}
    if job_id:
        rq_kwargs["job_id"] = job_id
    try:
        tk.enqueue_job(job, [parts] if parts else [],
                       title=f"grll: actualizar {', '.join(s.name for s in summaries)}",
                       rq_kwargs=rq_kwargs)
    except RedisError as error:
        log.warning("grll: rebuild of %s not queued: %s",
                    ", ".join(s.name for s in summaries), error)
        return
    model.Session.execute(state.update()
                          .where(state.c.name.in_([s.name for s in summaries]))
                          .values(queued=utcnow()))
    model.Session.commit()
