"""Water commitment: per-provider compliance over its last 12 months with data

Revision ID: d8b4f2a6c1e9
Revises: c3a9e1d5f7b2
Create Date: 2026-11-27 08:50:00

"""
from alembic import op

revision = "d8b4f2a6c1e9"
down_revision = "c3a9e1d5f7b2"
branch_labels = None
depends_on = None


def upgrade():
    op.execute("""
        CREATE TABLE grll_agua_prestador_resumen (
            prestador text PRIMARY KEY,
            desde date NOT NULL,
            hasta date NOT NULL,
            conteos jsonb NOT NULL,
            meses_por_veredicto jsonb NOT NULL
        );
    """)


def downgrade():
    op.execute("DROP TABLE grll_agua_prestador_resumen;")
