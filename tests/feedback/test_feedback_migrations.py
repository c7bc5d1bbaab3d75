"""The portal's alembic trees go down and up again (migrations are history).

The commitments' tables may refer to the engine's (grll_feedback's tree), so they go
down first and come back after it, as `ckan grll setup` applies them.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import ckan.model as model
import sqlalchemy as sa
from feedback_helpers import act, submission

from ckanext.grll.feedback.domains import enabled_domains

ENGINE_TREE = "grll_feedback"
MIGRATIONS = (Path(__file__).resolve().parents[2] / "ckanext-grll" / "ckanext" / "grll"
              / "migration")
TABLES = {"grll_feedback_report", "grll_feedback_event", "grll_feedback_photo",
          "grll_feedback_flag"}


def ckan_db(ckan_ini: Path, tree: str, *args: str) -> None:
    command = [str(Path(sys.executable).parent / "ckan"), "-c", str(ckan_ini), "db", *args,
               "-p", tree]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"{tree}: {result.stderr[-2000:]}"


def portal_tables() -> set[str]:
    return {name for name in sa.inspect(model.meta.engine).get_table_names()
            if name.startswith("grll_") and not name.endswith("_alembic_version")}


def columns(table: str) -> set[str]:
    return {c["name"] for c in sa.inspect(model.meta.engine).get_columns(table)}


def other_trees() -> list[str]:
    return sorted(path.name for path in MIGRATIONS.iterdir()
                  if (path / "alembic.ini").exists() and path.name != ENGINE_TREE)


def test_every_tree_goes_down_to_base_and_up_again(ckan_ini, clean_db):
    model.Session.remove()
    before = portal_tables()
    assert before >= TABLES
    try:
        for tree in other_trees():
            ckan_db(ckan_ini, tree, "downgrade", "-v", "base")
        assert portal_tables() == TABLES | {"grll_summary_state"}
        ckan_db(ckan_ini, ENGINE_TREE, "downgrade", "-v", "a1f0c7e2b9d4")
        assert portal_tables() == TABLES and "stage" not in columns("grll_feedback_report")
        ckan_db(ckan_ini, ENGINE_TREE, "downgrade", "-v", "base")
        assert portal_tables() == set()
    finally:
        ckan_db(ckan_ini, ENGINE_TREE, "upgrade")
        for tree in other_trees():
            ckan_db(ckan_ini, tree, "upgrade")
    assert portal_tables() == before
    assert "stage" in columns("grll_feedback_event")


YES_NO_REVISION = "f3c5a8d2e6b1"
#: (domain, category, question) of the yes/no questions whose "No" YAML once read as False.
YES_NO_QUESTIONS = (("agua", "desague", "dentro-vivienda"),
                    ("seguridad", "robo", "denuncia-policial"))


def stored_answer(code: str, question: str) -> object:
    return model.Session.execute(
        sa.text("SELECT answers -> :question FROM grll_feedback_report "
                "WHERE tracking_code = :code"), {"question": question, "code": code}).scalar()


def test_yes_no_answers_stored_as_booleans_get_todays_keys(ckan_ini, clean_db, people):
    written: list[tuple[str, str, str, str]] = []  # code, question, old text, key expected
    for domain, category_code, question in YES_NO_QUESTIONS:
        category = enabled_domains()[domain].categories[category_code]
        for old, key in (("False", "no"), ("True", "si")):
            data = submission(category, description=f"Reporte de prueba {question} {key}, "
                              "escrito antes de la corrección.")
            data["answers"] = {**data["answers"], question: key}
            code = act("grll_feedback_create", people["ciudadana"], **data)["codigo"]
            # As the report was stored before domain.yaml quoted its keys.
            model.Session.execute(sa.text(
                "UPDATE grll_feedback_report SET answers = jsonb_set(answers, "
                "ARRAY[:question], to_jsonb(CAST(:old AS text))) WHERE tracking_code = :code"),
                {"question": question, "old": old, "code": code})
            written.append((code, question, old, key))
    model.Session.commit()
    assert [stored_answer(code, question) for code, question, _o, _k in written] == [
        old for _c, _q, old, _k in written]

    model.Session.remove()
    try:
        ckan_db(ckan_ini, ENGINE_TREE, "downgrade", "-v", "e2f6b9a4c7d1")
        ckan_db(ckan_ini, ENGINE_TREE, "upgrade", "-v", YES_NO_REVISION)

        assert [stored_answer(code, question) for code, question, _o, _k in written] == [
            key for _c, _q, _o, key in written]
    finally:
        # The later revisions (the summaries' state table) back for the next tests.
        ckan_db(ckan_ini, ENGINE_TREE, "upgrade")
