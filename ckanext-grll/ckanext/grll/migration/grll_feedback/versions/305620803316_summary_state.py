"""One state table for every derived summary of the commitments

``ckanext.grll.domains.summaries`` records here, per summary, when it was built, from
which fingerprint of its sources, whether it is stale and when a rebuild was queued.
It lives in the engine's tree because every commitment requires the engine; the
commitments' trees drop their former state tables in later revisions of their own.

Revision ID: 305620803316
Revises: f3c5a8d2e6b1
Create Date: 2026-12-05 21:40:00

"""
from alembic import op

revision = "305620803316"
down_revision = "f3c5a8d2e6b1"
branch_labels = None
depends_on = None


def upgrade():
    op.execute("""
        CREATE TABLE grll_summary_state (
            name text PRIMARY KEY,
            built timestamp without time zone NOT NULL,
            fingerprint text,
            stale boolean NOT NULL DEFAULT false,
            queued timestamp without time zone
        );
    """)


def downgrade():
    op.execute("DROP TABLE grll_summary_state;")
