"""Seguridad: the rebuild state of the summary moves to the shared grll_summary_state

Each part (oficial, ciudadana) becomes the summary ``seguridad_<part>`` of
``ckanext.grll.domains.summaries``. Its state is carried over when the shared table is
there already (``ckan grll setup`` migrates grll_feedback first); otherwise the first
read builds the figures again.

Revision ID: f340428008ac
Revises: b5e7d3c9a2f4
Create Date: 2026-12-05 21:40:00

"""
from alembic import op

revision = "f340428008ac"
down_revision = "b5e7d3c9a2f4"
branch_labels = None
depends_on = None


def upgrade():
    op.execute("""
        DO $$ BEGIN
            IF to_regclass('grll_summary_state') IS NOT NULL THEN
                INSERT INTO grll_summary_state (name, built, fingerprint, stale, queued)
                SELECT 'seguridad_' || parte, actualizado, NULL, pendiente, encolado
                FROM grll_seguridad_estado
                ON CONFLICT (name) DO NOTHING;
            END IF;
        END $$;
        DROP TABLE grll_seguridad_estado;
    """)


def downgrade():
    op.execute("""
        CREATE TABLE grll_seguridad_estado (
            parte text PRIMARY KEY,
            actualizado timestamp NOT NULL,
            pendiente boolean NOT NULL DEFAULT false,
            encolado timestamp
        );
        DO $$ BEGIN
            IF to_regclass('grll_summary_state') IS NOT NULL THEN
                INSERT INTO grll_seguridad_estado (parte, actualizado, pendiente, encolado)
                SELECT substr(name, length('seguridad_') + 1), built, stale, queued
                FROM grll_summary_state WHERE name LIKE 'seguridad\\_%';
                DELETE FROM grll_summary_state WHERE name LIKE 'seguridad\\_%';
            END IF;
        END $$;
    """)
