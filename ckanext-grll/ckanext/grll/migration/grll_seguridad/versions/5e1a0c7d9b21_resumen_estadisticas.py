"""Seguridad: summary tables of official and citizen crime counts

Revision ID: 5e1a0c7d9b21
Revises:
Create Date: 2026-11-27 08:30:00

"""
from alembic import op

revision = "5e1a0c7d9b21"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.execute("""
        CREATE TABLE grll_seguridad_conteo (
            fuente text NOT NULL,
            categoria text NOT NULL,
            anio smallint NOT NULL,
            mes smallint NOT NULL,
            ubigeo text NOT NULL,
            cantidad integer NOT NULL,
            PRIMARY KEY (fuente, categoria, anio, mes, ubigeo)
        );
        CREATE INDEX grll_seguridad_conteo_periodo_idx
            ON grll_seguridad_conteo (fuente, anio, mes);
        CREATE INDEX grll_seguridad_conteo_ubigeo_idx
            ON grll_seguridad_conteo (ubigeo, fuente);
        CREATE TABLE grll_seguridad_celda (
            categoria text NOT NULL,
            anio smallint NOT NULL,
            fila integer NOT NULL,
            columna integer NOT NULL,
            cantidad integer NOT NULL,
            PRIMARY KEY (anio, categoria, fila, columna)
        );
        CREATE TABLE grll_seguridad_estado (
            parte text PRIMARY KEY,
            actualizado timestamp NOT NULL,
            pendiente boolean NOT NULL DEFAULT false,
            encolado timestamp
        );
    """)


def downgrade():
    op.execute("""
        DROP TABLE grll_seguridad_estado;
        DROP TABLE grll_seguridad_celda;
        DROP TABLE grll_seguridad_conteo;
    """)
