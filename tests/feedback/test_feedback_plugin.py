"""grll_feedback, the engine's own plugin (issue 18): what it registers, its migrations,
and how a database migrated while the engine was grll_theme's keeps its reports."""
from __future__ import annotations

import configparser
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import ckan.model as model
import ckan.plugins as plugins
import pytest
import sqlalchemy as sa
from ckan.common import config_declaration
from feedback_helpers import act, ordinary_category, submission

from ckanext.grll import cli as grll_cli
from ckanext.grll.feedback import cli, helpers, views
from ckanext.grll.feedback.domains import enabled_domains
from ckanext.grll.feedback.logic import action, auth, validators

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "ckanext-grll" / "ckanext" / "grll"
ENGINE_FOLDER, MIGRATIONS = PACKAGE / "feedback", PACKAGE / "migration"
CKAN = str(Path(sys.executable).parent / "ckan")
REVISIONS = ("a1f0c7e2b9d4", "b7d2e4f19c03", "e2f6b9a4c7d1", "f3c5a8d2e6b1", "305620803316")
#: Where grll_theme's tree stopped; the summaries' state table came after the move.
THEME_HEAD, HEAD = REVISIONS[3], REVISIONS[-1]
OLD_TABLE, NEW_TABLE = "grll_theme_alembic_version", "grll_feedback_alembic_version"


def test_grll_feedback_registers_the_engine():
    engine = plugins.get_plugin("grll_feedback")
    assert engine.get_actions() == action.get_actions()
    assert engine.get_auth_functions() == auth.get_auth_functions()
    assert engine.get_validators() == validators.get_validators()
    assert engine.get_helpers() == helpers.get_helpers()
    assert engine.get_blueprint() == views.get_blueprints()
    assert "ckanext.grll.feedback.grid_size_m" in config_declaration
    # `ckan grll feedback`: CKAN asks the plugins for their commands when its CLI starts.
    assert engine.get_commands() == []
    assert grll_cli.grll.commands["feedback"] is cli.feedback
    served: dict[str, list[str]] = {}
    engine.update_config(served)
    assert served == {"plugin_template_paths": [str(ENGINE_FOLDER / "templates")],
                      "plugin_public_paths": [str(ENGINE_FOLDER / "public")]}


def test_the_theme_registers_only_its_own():
    theme = plugins.get_plugin("grll_theme")
    assert set(theme.get_actions()) <= {"datastore_search_sql"}
    assert not plugins.IAuthFunctions.provided_by(theme)
    assert not set(theme.get_validators()) & set(validators.get_validators())
    assert not set(theme.get_helpers()) & set(helpers.get_helpers())
    assert [blueprint.name for blueprint in theme.get_blueprint()] == ["grll_theme"]


def test_the_template_lists_the_engine_right_after_the_theme():
    parser = configparser.RawConfigParser(strict=False, interpolation=None)
    parser.read_string((ROOT / "config" / "ckan.ini.template").read_text())
    assert parser["app:main"]["ckan.plugins"].split()[:2] == ["grll_theme", "grll_feedback"]


def test_a_commitment_without_the_engine_stops_the_start_saying_what_to_add(
        ckan_ini, tmp_path):
    parser = configparser.RawConfigParser(strict=False, interpolation=None)
    parser.optionxform = str
    parser.read(ckan_ini)
    main = parser["app:main"]
    main["ckan.plugins"] = " ".join(
        name for name in main["ckan.plugins"].split() if name != "grll_feedback")
    ini = tmp_path / "sin-reportes.ini"
    with ini.open("w") as output:
        parser.write(output)
    result = subprocess.run([CKAN, "-c", str(ini), "grll", "--help"], capture_output=True,
                            text=True, timeout=300)
    assert result.returncode != 0
    assert "add grll_feedback to ckan.plugins" in result.stdout + result.stderr


def test_the_engine_tree_is_grll_feedbacks_with_the_same_revisions():
    assert not (MIGRATIONS / "grll_theme").exists()
    revisions = sorted(path.name.split("_", 1)[0]
                       for path in (MIGRATIONS / "grll_feedback" / "versions").glob("*.py"))
    assert revisions == sorted(REVISIONS)


# --- a database migrated while the engine was grll_theme's ----------------------------

def run_ckan(ckan_ini: Path, *args: str) -> None:
    result = subprocess.run([CKAN, "-c", str(ckan_ini), *args], capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]


def scalars(sql: str, **params: object) -> list:
    with model.meta.engine.connect() as connection:
        return connection.execute(sa.text(sql), params).scalars().all()


def has_table(name: str) -> bool:
    return sa.inspect(model.meta.engine).has_table(name)


def report_table_oid() -> int:
    """Which table holds the reports: another one if it had been created again."""
    [oid] = scalars("SELECT 'grll_feedback_report'::regclass::oid")
    return oid


def migrated_the_old_way(revision: str) -> None:
    """Leave the engine's history where grll_theme's tree recorded it, at ``revision``."""
    model.Session.remove()
    with model.meta.engine.begin() as connection:
        connection.execute(sa.text(f"DROP TABLE {NEW_TABLE}"))
        # A database of those days had no summaries' state table (domains/summaries.py).
        connection.execute(sa.text("DROP TABLE IF EXISTS grll_summary_state"))
        connection.execute(sa.text(
            f"CREATE TABLE {OLD_TABLE} (version_num VARCHAR(32) NOT NULL, "
            f"CONSTRAINT {OLD_TABLE}_pkc PRIMARY KEY (version_num))"))
        connection.execute(sa.text(f"INSERT INTO {OLD_TABLE} VALUES (:revision)"),
                           {"revision": revision})


@pytest.fixture
def old_history_restored(ckan_ini) -> Iterator[None]:
    """Whatever the test leaves, the suite goes on with the engine at its head."""
    yield
    model.Session.remove()
    if has_table(OLD_TABLE):
        run_ckan(ckan_ini, "db", "upgrade", "-p", "grll_feedback")
    assert scalars(f"SELECT version_num FROM {NEW_TABLE}") == [HEAD]


def test_grll_setup_moves_the_history_and_keeps_the_reports(
        ckan_ini, clean_db, people, old_history_restored):
    code = act("grll_feedback_create", people["ciudadana"],
               **submission(ordinary_category("agua")))["codigo"]
    table = report_table_oid()
    migrated_the_old_way(THEME_HEAD)

    run_ckan(ckan_ini, "grll", "setup", "--admin-password", "Clave-de-prueba-2026")

    assert not has_table(OLD_TABLE)
    assert scalars(f"SELECT version_num FROM {NEW_TABLE}") == [HEAD]
    assert report_table_oid() == table
    assert scalars("SELECT tracking_code FROM grll_feedback_report") == [code]


def test_db_upgrade_applies_what_the_old_record_had_not(
        ckan_ini, clean_db, people, old_history_restored):
    """Recorded at the revision before the yes/no one: that one still runs, once."""
    category = enabled_domains()["agua"].categories["desague"]
    data = submission(category)
    data["answers"] = {**data["answers"], "dentro-vivienda": "no"}
    code = act("grll_feedback_create", people["ciudadana"], **data)["codigo"]
    # As a report was stored before domain.yaml quoted its keys.
    model.Session.execute(sa.text(
        "UPDATE grll_feedback_report SET answers = jsonb_set(answers, "
        "'{dentro-vivienda}', '\"False\"') WHERE tracking_code = :code"), {"code": code})
    model.Session.commit()
    table = report_table_oid()
    migrated_the_old_way("e2f6b9a4c7d1")

    run_ckan(ckan_ini, "db", "upgrade")

    assert not has_table(OLD_TABLE)
    assert scalars(f"SELECT version_num FROM {NEW_TABLE}") == [HEAD]
    assert report_table_oid() == table
    assert scalars("SELECT answers ->> 'dentro-vivienda' FROM grll_feedback_report "
                   "WHERE tracking_code = :code", code=code) == ["no"]
