"""What the database will spend on one caller, and how the set-up sizes PostgreSQL.

`datastore_search_sql` runs SQL written by anyone; CKAN gives it 60 s, enough for a
few callers to keep every web worker busy. The portal cancels it after
ckanext.grll.datastore_sql_timeout seconds (5) with a 409 that says why.

The set-up (scripts/portal.py) sizes the local cluster's memory for the machine
once; a tuned cluster is left alone, and only what differs is changed.
"""
from __future__ import annotations

from typing import Any

import pytest
from serving_helpers import load_districts_table

# scripts/portal.py, the set-up (tests/conftest.py puts scripts/ on the path).
import portal

GB = portal.GB
MB = portal.MB
# Counts a billion rows: minutes of work if nothing stops it.
ENDLESS = 'SELECT count(*) FROM "{table}", generate_series(1, 1e9)'


@pytest.fixture(scope="module")
def districts(reset_db, reset_index) -> dict[str, Any]:
    return load_districts_table(reset_db, reset_index)


def test_a_costly_sql_query_is_cancelled_with_a_clear_409(app, districts):
    response = app.post("/api/3/action/datastore_search_sql",
                        json={"sql": ENDLESS.format(table=districts["id"])}, status=409)
    error = response.json["error"]
    assert error["__type"] == "Validation Error"
    assert error["sql"] == ["La consulta superó el tiempo máximo de 5 segundos; acótela "
                            "(WHERE, LIMIT) o descargue el recurso completo."]


@pytest.mark.ckan_config("ckanext.grll.datastore_sql_timeout", "1")
def test_the_limit_is_the_configured_one(app, districts):
    response = app.post("/api/3/action/datastore_search_sql",
                        json={"sql": ENDLESS.format(table=districts["id"])}, status=409)
    assert "1 segundos" in response.json["error"]["sql"][0]


def test_ordinary_sql_queries_still_answer(app, districts):
    sql = (f'SELECT provincia, count(*) AS distritos FROM "{districts["id"]}" '
           "GROUP BY provincia ORDER BY provincia")
    result = app.post("/api/3/action/datastore_search_sql", json={"sql": sql}).json
    assert result["success"]
    assert sum(row["distritos"] for row in result["result"]["records"]) == 84


@pytest.mark.parametrize(("memory", "expected"), [
    # A fresh 2-core, 24 GB machine like ours: shared buffers capped at 4 GB.
    (24 * GB, {"shared_buffers": 4 * GB, "effective_cache_size": 18 * GB,
               "work_mem": 48 * MB, "maintenance_work_mem": GB, "max_connections": 200}),
    # docker-compose's database host.
    (8 * GB, {"shared_buffers": 2 * GB, "effective_cache_size": 6 * GB,
              "work_mem": 16 * MB, "maintenance_work_mem": 512 * MB, "max_connections": 200}),
    # A small machine still gets the floor of work_mem.
    (2 * GB, {"shared_buffers": 512 * MB, "effective_cache_size": 1536 * MB,
              "work_mem": 8 * MB, "maintenance_work_mem": 128 * MB, "max_connections": 200}),
])
def test_postgres_memory_is_sized_from_the_machine(memory, expected):
    assert portal.postgres_settings(memory) == expected


def _in_force(names: list[str]) -> dict[str, int]:
    rows = portal.superuser_sql("SELECT name, setting, unit FROM pg_settings WHERE name IN ("
                                + ", ".join(f"'{name}'" for name in names) + ")")
    return {name: int(setting) * portal._PG_UNITS[unit]
            for name, setting, unit in (row.split("|") for row in rows.splitlines())}


def test_a_tuned_cluster_is_left_untouched(capsys):
    settings = _in_force(list(portal.postgres_settings(24 * GB)))
    auto_conf = portal.superuser_sql("SELECT count(*) FROM pg_file_settings")
    assert portal.tune_postgres(settings) == {}
    assert portal.superuser_sql("SELECT count(*) FROM pg_file_settings") == auto_conf
    assert "Tuning PostgreSQL" not in capsys.readouterr().out


def test_a_setting_that_differs_is_set_and_applied_without_a_restart(capsys):
    """maintenance_work_mem needs only a reload; it is put back afterwards."""
    before = _in_force(["maintenance_work_mem"])["maintenance_work_mem"]
    started = portal.superuser_sql("SELECT pg_postmaster_start_time()")
    try:
        wanted = {"maintenance_work_mem": before + 8 * MB}
        assert portal.tune_postgres(wanted) == wanted
        assert _in_force(["maintenance_work_mem"]) == wanted
        assert f"maintenance_work_mem = {(before + 8 * MB) // MB}MB" in capsys.readouterr().out
        assert portal.tune_postgres(wanted) == {}
    finally:
        portal.tune_postgres({"maintenance_work_mem": before})
    assert portal.superuser_sql("SELECT pg_postmaster_start_time()") == started


def test_the_set_up_can_be_told_not_to_tune(monkeypatch):
    monkeypatch.setenv("GRLL_TUNE_POSTGRES", "0")
    monkeypatch.setattr(portal, "tune_postgres",
                        lambda wanted: pytest.fail(f"the cluster was tuned: {wanted}"))
    portal.maybe_tune_postgres()
