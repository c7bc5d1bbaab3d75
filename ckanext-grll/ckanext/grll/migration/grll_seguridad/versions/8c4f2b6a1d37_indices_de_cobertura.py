"""Seguridad: covering indexes so that maps and comparisons read the index only

Revision ID: 8c4f2b6a1d37
Revises: 5e1a0c7d9b21
Create Date: 2026-11-27 09:00:00

"""
from alembic import op

revision = "8c4f2b6a1d37"
down_revision = "5e1a0c7d9b21"
branch_labels = None
depends_on = None


def upgrade():
    op.execute("""
        DROP INDEX grll_seguridad_conteo_periodo_idx;
        CREATE INDEX grll_seguridad_conteo_periodo_idx
            ON grll_seguridad_conteo (fuente, anio, mes) INCLUDE (ubigeo, categoria, cantidad);
        CREATE INDEX grll_seguridad_celda_categoria_idx
            ON grll_seguridad_celda (categoria, anio) INCLUDE (fila, columna, cantidad);
    """)


def downgrade():
    op.execute("""
        DROP INDEX grll_seguridad_celda_categoria_idx;
        DROP INDEX grll_seguridad_conteo_periodo_idx;
        CREATE INDEX grll_seguridad_conteo_periodo_idx
            ON grll_seguridad_conteo (fuente, anio, mes);
    """)
