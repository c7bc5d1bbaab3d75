"""grll_agro: whether an alert's condition held at the last check (to tell crossings)

Revision ID: d4b9f6e2a318
Revises: c3a8e5d1f207
Create Date: 2026-11-27 08:35:00

"""
from alembic import op

revision = "d4b9f6e2a318"
down_revision = "c3a8e5d1f207"
branch_labels = None
depends_on = None


def upgrade():
    op.execute("ALTER TABLE grll_agro_alerta ADD COLUMN cumplida boolean NOT NULL DEFAULT false")


def downgrade():
    op.execute("ALTER TABLE grll_agro_alerta DROP COLUMN cumplida")
