"""The one mechanism that keeps the commitments' summaries (domains/summaries.py).

A small summary declared here counts the rows of a source table into a figures table,
both in the real catalog database; queued rebuilds go through the real Redis queue
and CKAN's worker. What is checked is what a reader of the figures would notice: when
they appear, when they change, and that they never go missing.
"""
from __future__ import annotations

import datetime
from collections.abc import Iterator

import ckan.model as model
import pytest
import sqlalchemy as sa
from ckan.lib import jobs

from ckanext.grll.domains import summaries
from ckanext.grll.feedback.shared import utcnow

SOURCE, FIGURES = "grll_test_summary_fuente", "grll_test_summary_cifra"


def _count() -> int:
    """The figures: how many source rows there are."""
    model.Session.execute(sa.text(f"DELETE FROM {FIGURES}"))
    model.Session.execute(sa.text(f"INSERT INTO {FIGURES} SELECT count(*) FROM {SOURCE}"))
    return model.Session.execute(sa.text(f"SELECT total FROM {FIGURES}")).scalar()


def _broken() -> None:
    """A rebuild that fails half-way (a source table with text where numbers belong)."""
    model.Session.execute(sa.text(f"DELETE FROM {FIGURES}"))
    model.Session.execute(sa.text("SELECT 'no es un número'::int"))


def _source_size() -> str:
    return str(model.Session.execute(sa.text(f"SELECT count(*) FROM {SOURCE}")).scalar())


def refresh_queued(parts: tuple[str, ...] = ()) -> None:
    """The job a stale :data:`QUEUED` queues (RQ finds it by name)."""
    summaries.rebuild(QUEUED)


QUEUED = summaries.Summary(name="prueba_en_cola", build=_count, max_age=lambda: 60,
                           queued=True, job=refresh_queued, part="todo")
IN_REQUEST = summaries.Summary(name="prueba_huella", build=_count, fingerprint=_source_size)
BROKEN = summaries.Summary(name="prueba_huella", build=_broken, fingerprint=_source_size)
WHEN_DATA = summaries.Summary(name="prueba_vacia", build=_count,
                              empty=lambda: not figures(), job=refresh_queued)


@pytest.fixture
def tables() -> Iterator[None]:
    session = model.Session
    session.execute(sa.text(f"CREATE TABLE {SOURCE} (id serial PRIMARY KEY)"))
    session.execute(sa.text(f"CREATE TABLE {FIGURES} (total integer NOT NULL)"))
    session.commit()
    yield
    session.rollback()
    session.execute(sa.text(f"DROP TABLE {SOURCE}, {FIGURES}"))
    session.execute(summaries.state.delete().where(
        summaries.state.c.name.in_([QUEUED.name, IN_REQUEST.name, WHEN_DATA.name])))
    session.commit()


def add_source_rows(n: int) -> None:
    for _i in range(n):
        model.Session.execute(sa.text(f"INSERT INTO {SOURCE} DEFAULT VALUES"))
    model.Session.commit()


def figures() -> int | None:
    return model.Session.execute(sa.text(f"SELECT total FROM {FIGURES}")).scalar()


def queued_rebuilds() -> list:
    return [job for job in jobs.get_queue().jobs
            if job.func_name.endswith("test_summaries.refresh_queued")]


def set_state(summary: summaries.Summary, **values) -> None:
    model.Session.execute(summaries.state.update()
                          .where(summaries.state.c.name == summary.name).values(**values))
    model.Session.commit()


@pytest.fixture
def empty_queue() -> Iterator[None]:
    jobs.get_queue().empty()
    yield
    jobs.get_queue().empty()


pytestmark = pytest.mark.usefixtures("tables", "empty_queue")


def test_a_missing_summary_is_built_at_the_first_read():
    add_source_rows(3)
    assert summaries.built(QUEUED) is None and figures() is None

    summaries.ensure_fresh(QUEUED)

    assert figures() == 3
    assert summaries.built(QUEUED) is not None
    assert queued_rebuilds() == []


def test_a_stale_summary_is_queued_and_served_from_the_old_figures_until_the_job_runs(
        with_test_worker):
    add_source_rows(2)
    summaries.ensure_fresh(QUEUED)
    add_source_rows(3)
    summaries.mark_stale(QUEUED)

    summaries.ensure_fresh(QUEUED)
    assert figures() == 2
    summaries.ensure_fresh(QUEUED)
    assert figures() == 2
    assert len(queued_rebuilds()) == 1

    jobs.Worker(["default"]).work(burst=True)
    model.Session.remove()
    assert figures() == 5
    summaries.ensure_fresh(QUEUED)
    assert queued_rebuilds() == []


def test_figures_older_than_their_maximum_age_are_queued():
    summaries.ensure_fresh(QUEUED)
    set_state(QUEUED, built=utcnow() - datetime.timedelta(minutes=59))
    summaries.ensure_fresh(QUEUED)
    assert queued_rebuilds() == []

    set_state(QUEUED, built=utcnow() - datetime.timedelta(minutes=61))
    summaries.ensure_fresh(QUEUED)
    assert len(queued_rebuilds()) == 1


def test_a_queued_rebuild_that_never_ran_is_queued_again_after_ten_minutes():
    summaries.ensure_fresh(QUEUED)
    summaries.mark_stale(QUEUED)
    summaries.ensure_fresh(QUEUED)
    set_state(QUEUED, queued=utcnow() - datetime.timedelta(minutes=9))
    summaries.ensure_fresh(QUEUED)
    assert len(queued_rebuilds()) == 1

    set_state(QUEUED, queued=utcnow() - datetime.timedelta(minutes=11))
    summaries.ensure_fresh(QUEUED)
    assert len(queued_rebuilds()) == 2


def test_a_changed_fingerprint_rebuilds_in_the_request():
    add_source_rows(1)
    summaries.ensure_fresh(IN_REQUEST)
    first = summaries.built(IN_REQUEST)
    summaries.ensure_fresh(IN_REQUEST)
    assert summaries.built(IN_REQUEST) == first

    add_source_rows(4)
    summaries.ensure_fresh(IN_REQUEST)

    assert figures() == 5
    assert summaries.built(IN_REQUEST) > first
    assert queued_rebuilds() == []


def test_a_failed_rebuild_keeps_the_previous_figures():
    add_source_rows(2)
    summaries.ensure_fresh(IN_REQUEST)
    built = summaries.built(IN_REQUEST)
    add_source_rows(1)

    # In a request: logged, and the answer is made from the previous figures.
    summaries.ensure_fresh(BROKEN)
    assert figures() == 2
    # Asked for directly (a command, a job): the error is raised, nothing is lost.
    with pytest.raises(sa.exc.DataError):
        summaries.rebuild(BROKEN)
    assert figures() == 2
    assert summaries.built(IN_REQUEST) == built

    summaries.ensure_fresh(IN_REQUEST)
    assert figures() == 3


def test_a_summary_built_from_no_data_is_built_again_only_after_a_minute():
    """A portal with nothing to count (no water sample harvested yet) does not rebuild
    at every page: each rebuild would take the summary's lock and serialise the pages."""
    summaries.ensure_fresh(WHEN_DATA)
    first = summaries.built(WHEN_DATA)
    assert figures() == 0
    add_source_rows(2)

    summaries.ensure_fresh(WHEN_DATA)
    assert figures() == 0
    assert summaries.built(WHEN_DATA) == first

    set_state(WHEN_DATA, built=utcnow() - summaries.EMPTY_RETRY
              - datetime.timedelta(seconds=1))
    summaries.ensure_fresh(WHEN_DATA)
    assert figures() == 2
    # Figures there: no more rebuilds at a read, however old the build.
    set_state(WHEN_DATA, built=utcnow() - datetime.timedelta(days=1))
    built = summaries.built(WHEN_DATA)
    add_source_rows(1)
    summaries.ensure_fresh(WHEN_DATA)
    assert summaries.built(WHEN_DATA) == built and figures() == 2
