"""The engine's alembic tree goes down and up again (migrations are history)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import ckan.model as model
import sqlalchemy as sa

TABLES = {"grll_feedback_report", "grll_feedback_event", "grll_feedback_photo",
          "grll_feedback_flag"}


def ckan_db(ckan_ini: Path, *args: str) -> None:
    command = [str(Path(sys.executable).parent / "ckan"), "-c", str(ckan_ini), "db", *args,
               "-p", "grll_theme"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]


def tables() -> set[str]:
    return set(sa.inspect(model.meta.engine).get_table_names()) & TABLES


def columns(table: str) -> set[str]:
    return {c["name"] for c in sa.inspect(model.meta.engine).get_columns(table)}


def test_downgrade_and_upgrade_each_revision(ckan_ini, clean_db):
    model.Session.remove()
    try:
        ckan_db(ckan_ini, "downgrade", "-v", "a1f0c7e2b9d4")
        assert tables() == TABLES and "stage" not in columns("grll_feedback_report")
        ckan_db(ckan_ini, "downgrade", "-v", "base")
        assert tables() == set()
    finally:
        ckan_db(ckan_ini, "upgrade")
    assert tables() == TABLES and "stage" in columns("grll_feedback_event")
