"""Citizen feedback engine: yes/no answers stored as "False"/"True" become "no"/"si"

Until the domain.yaml files quoted them, YAML read the "No" option's key as a
boolean, so reports of that time keep the text "False" (and "True") as their
answer to the agua question dentro-vivienda and the seguridad question
denuncia-policial. Today's keys are "no" and "si": without this, those answers
match none of the options the service publishes (API, pages, Open311).

Revision ID: f3c5a8d2e6b1
Revises: e2f6b9a4c7d1
Create Date: 2026-12-05
"""
from alembic import op

revision = "f3c5a8d2e6b1"
down_revision = "e2f6b9a4c7d1"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("""
        UPDATE grll_feedback_report
        SET answers = jsonb_set(answers, '{dentro-vivienda}',
            CASE answers->>'dentro-vivienda' WHEN 'False' THEN '"no"' ELSE '"si"' END::jsonb)
        WHERE domain = 'agua'
          AND answers->'dentro-vivienda' IN ('"False"'::jsonb, '"True"'::jsonb);

        UPDATE grll_feedback_report
        SET answers = jsonb_set(answers, '{denuncia-policial}',
            CASE answers->>'denuncia-policial' WHEN 'False' THEN '"no"' ELSE '"si"' END::jsonb)
        WHERE domain = 'seguridad'
          AND answers->'denuncia-policial' IN ('"False"'::jsonb, '"True"'::jsonb);
    """)


def downgrade() -> None:
    # A no-op on purpose: once rewritten, the "no" of a report stored before the
    # quoting is indistinguishable from the "no" of one sent after it (nothing records
    # which version wrote an answer), so turning "no" back into "False" would also
    # rewrite the reports that were stored correctly.
    pass
