"""The data-opening inventory: each Gerencia's processes, the candidates (information
each produces, or a citizen's data request), their legal analysis and prioritisation,
and the workshop votes.

Revision ID: e7a1c0d4b9f2
Revises:
Create Date: 2026-12-05
"""
from alembic import op

revision = "e7a1c0d4b9f2"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("""
    CREATE TABLE grll_apertura_process (
        id text PRIMARY KEY,
        organization_id text NOT NULL REFERENCES "group" (id) ON DELETE CASCADE,
        name text NOT NULL,
        description text NOT NULL DEFAULT '',
        sample boolean NOT NULL DEFAULT false,
        created timestamp NOT NULL,
        modified timestamp NOT NULL,
        UNIQUE (organization_id, name)
    )""")
    op.execute("""
    CREATE TABLE grll_apertura_candidate (
        id text PRIMARY KEY,
        organization_id text REFERENCES "group" (id) ON DELETE SET NULL,
        process_id text REFERENCES grll_apertura_process (id) ON DELETE SET NULL,
        title text NOT NULL,
        description text NOT NULL DEFAULT '',
        origin text NOT NULL DEFAULT 'gerencia',
        -- grll_catalog's request; no foreign key: CKAN may migrate grll_catalog after us.
        data_request_id text UNIQUE,
        outcome text,
        legal_basis text[] NOT NULL DEFAULT '{}',
        legal_notes text NOT NULL DEFAULT '',
        analysed_by text REFERENCES "user" (id),
        analysed_at timestamp,
        prioritised_at timestamp,
        target_date date,
        package_id text REFERENCES package (id) ON DELETE SET NULL,
        sample boolean NOT NULL DEFAULT false,
        created timestamp NOT NULL,
        modified timestamp NOT NULL
    )""")
    op.execute("CREATE INDEX grll_apertura_candidate_org_idx "
               "ON grll_apertura_candidate (organization_id)")
    op.execute("""
    CREATE TABLE grll_apertura_vote (
        id text PRIMARY KEY,
        candidate_id text NOT NULL REFERENCES grll_apertura_candidate (id) ON DELETE CASCADE,
        workshop text NOT NULL,
        held_on date NOT NULL,
        voter_kind text NOT NULL,
        voter text NOT NULL,
        score integer NOT NULL CHECK (score BETWEEN 1 AND 5),
        recorded_by text REFERENCES "user" (id),
        created timestamp NOT NULL,
        UNIQUE (candidate_id, workshop, voter)
    )""")


def downgrade() -> None:
    op.execute("DROP TABLE grll_apertura_vote")
    op.execute("DROP TABLE grll_apertura_candidate")
    op.execute("DROP TABLE grll_apertura_process")
