"""grll_agro: the rebuild state of the summaries moves to the shared grll_summary_state

The summaries become the summary ``agro`` of ``ckanext.grll.domains.summaries``; its
fingerprint (``huella``) is carried over when the shared table is there already
(``ckan grll setup`` migrates grll_feedback first); otherwise the first read rebuilds.

Revision ID: 4b74b6f58ed9
Revises: e5c1a7f3b429
Create Date: 2026-12-05 21:40:00

"""
from alembic import op

revision = "4b74b6f58ed9"
down_revision = "e5c1a7f3b429"
branch_labels = None
depends_on = None


def upgrade():
    op.execute("""
        DO $$ BEGIN
            IF to_regclass('grll_summary_state') IS NOT NULL THEN
                INSERT INTO grll_summary_state (name, built, fingerprint, stale, queued)
                SELECT 'agro', actualizado, huella, false, NULL FROM grll_agro_estado
                ON CONFLICT (name) DO NOTHING;
            END IF;
        END $$;
        DROP TABLE grll_agro_estado;
    """)


def downgrade():
    op.execute("""
        CREATE TABLE grll_agro_estado (
            id integer PRIMARY KEY CHECK (id = 1),
            huella text NOT NULL,
            actualizado timestamp without time zone NOT NULL
        );
        DO $$ BEGIN
            IF to_regclass('grll_summary_state') IS NOT NULL THEN
                INSERT INTO grll_agro_estado (id, huella, actualizado)
                SELECT 1, fingerprint, built FROM grll_summary_state
                WHERE name = 'agro' AND fingerprint IS NOT NULL;
                DELETE FROM grll_summary_state WHERE name = 'agro';
            END IF;
        END $$;
    """)
