"""Seguridad: how each responsible organization handles public reports, precomputed

Revision ID: b5e7d3c9a2f4
Revises: 8c4f2b6a1d37
Create Date: 2026-11-27 09:20:00

"""
from alembic import op

revision = "b5e7d3c9a2f4"
down_revision = "8c4f2b6a1d37"
branch_labels = None
depends_on = None


def upgrade():
    op.execute("""
        CREATE TABLE grll_seguridad_autoridad (
            organizacion text PRIMARY KEY,
            total integer NOT NULL,
            resueltos integer NOT NULL,
            mediana_dias double precision,
            vencidos integer NOT NULL
        );
    """)


def downgrade():
    op.execute("DROP TABLE grll_seguridad_autoridad;")
