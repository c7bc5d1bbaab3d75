"""Citizen feedback engine: domain-specific stages within a status

Revision ID: b7d2e4f19c03
Revises: a1f0c7e2b9d4
Create Date: 2026-11-27 11:30:00

"""
from alembic import op

revision = "b7d2e4f19c03"
down_revision = "a1f0c7e2b9d4"
branch_labels = None
depends_on = None


def upgrade():
    op.execute("""
        ALTER TABLE grll_feedback_report ADD COLUMN stage text;
        ALTER TABLE grll_feedback_event ADD COLUMN stage text;
    """)


def downgrade():
    op.execute("""
        ALTER TABLE grll_feedback_event DROP COLUMN stage;
        ALTER TABLE grll_feedback_report DROP COLUMN stage;
    """)
