"""Reuses (aplicaciones) and data requests (solicitudes de datos).

Revision ID: c4a81e3d5b20
Revises:
Create Date: 2026-11-27
"""
from alembic import op

revision = "c4a81e3d5b20"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("""
    CREATE TABLE grll_reuse (
        id text PRIMARY KEY,
        title text NOT NULL,
        description text NOT NULL,
        type text NOT NULL CHECK (type IN ('app', 'visualizacion', 'articulo', 'api')),
        url text NOT NULL,
        image text,
        authors text NOT NULL DEFAULT '',
        user_id text NOT NULL REFERENCES "user" (id),
        state text NOT NULL DEFAULT 'pendiente'
            CHECK (state IN ('pendiente', 'aprobada', 'rechazada')),
        reviewed_by text REFERENCES "user" (id),
        reviewed_at timestamp,
        rejection_reason text,
        created timestamp NOT NULL DEFAULT (now() at time zone 'utc'),
        modified timestamp NOT NULL DEFAULT (now() at time zone 'utc')
    );
    CREATE INDEX grll_reuse_state_idx ON grll_reuse (state, created DESC);
    CREATE TABLE grll_reuse_dataset (
        reuse_id text NOT NULL REFERENCES grll_reuse (id) ON DELETE CASCADE,
        package_id text NOT NULL REFERENCES package (id) ON DELETE CASCADE,
        PRIMARY KEY (reuse_id, package_id)
    );
    CREATE INDEX grll_reuse_dataset_package_idx ON grll_reuse_dataset (package_id);
    CREATE TABLE grll_data_request (
        id text PRIMARY KEY,
        title text NOT NULL,
        description text NOT NULL,
        organization_id text REFERENCES "group" (id),
        user_id text NOT NULL REFERENCES "user" (id),
        status text NOT NULL DEFAULT 'abierta'
            CHECK (status IN ('abierta', 'atendida', 'rechazada')),
        package_id text REFERENCES package (id) ON DELETE SET NULL,
        rejection_reason text,
        closed_by text REFERENCES "user" (id),
        closed_at timestamp,
        created timestamp NOT NULL DEFAULT (now() at time zone 'utc'),
        modified timestamp NOT NULL DEFAULT (now() at time zone 'utc')
    );
    CREATE INDEX grll_data_request_status_idx ON grll_data_request (status, created DESC);
    CREATE TABLE grll_data_request_follower (
        data_request_id text NOT NULL REFERENCES grll_data_request (id) ON DELETE CASCADE,
        user_id text NOT NULL REFERENCES "user" (id) ON DELETE CASCADE,
        created timestamp NOT NULL DEFAULT (now() at time zone 'utc'),
        PRIMARY KEY (data_request_id, user_id)
    );
    """)


def downgrade() -> None:
    op.execute("""
    DROP TABLE grll_data_request_follower;
    DROP TABLE grll_data_request;
    DROP TABLE grll_reuse_dataset;
    DROP TABLE grll_reuse;
    """)
