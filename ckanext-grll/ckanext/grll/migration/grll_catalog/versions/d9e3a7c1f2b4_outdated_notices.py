"""Which overdue period of each dataset its organization was already told about.

Revision ID: d9e3a7c1f2b4
Revises: c4a81e3d5b20
Create Date: 2026-11-27
"""
from alembic import op

revision = "d9e3a7c1f2b4"
down_revision = "c4a81e3d5b20"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("""
    CREATE TABLE grll_outdated_notice (
        package_id text PRIMARY KEY REFERENCES package (id) ON DELETE CASCADE,
        due timestamp NOT NULL,
        notified_at timestamp NOT NULL
    )""")


def downgrade() -> None:
    op.execute("DROP TABLE grll_outdated_notice")
