"""Index the reports' duplicate_of: deleting or merging reports checks it.

Revision ID: e2f6b9a4c7d1
Revises: b7d2e4f19c03
Create Date: 2026-11-27
"""
from alembic import op

revision = "e2f6b9a4c7d1"
down_revision = "b7d2e4f19c03"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("CREATE INDEX grll_feedback_report_duplicate_of_idx "
               "ON grll_feedback_report (duplicate_of)")


def downgrade() -> None:
    op.execute("DROP INDEX grll_feedback_report_duplicate_of_idx")
