"""grll_laboral: citizens following a union, a bargaining process or a conflict

Revision ID: d4b92a6e7f21
Revises: c3a81f5d2e10
Create Date: 2026-11-27 09:00:00

"""
from alembic import op

revision = "d4b92a6e7f21"
down_revision = "c3a81f5d2e10"
branch_labels = None
depends_on = None


def upgrade():
    op.execute("""
        CREATE TABLE grll_laboral_seguimiento (
            id text PRIMARY KEY,
            tipo text NOT NULL,
            clave text NOT NULL,
            user_id text,
            email text,
            token text NOT NULL UNIQUE,
            confirmado boolean NOT NULL DEFAULT false,
            created timestamp NOT NULL DEFAULT (now() at time zone 'utc'),
            CHECK (user_id IS NOT NULL OR email IS NOT NULL)
        );
        CREATE UNIQUE INDEX grll_laboral_seguimiento_user_idx
            ON grll_laboral_seguimiento (tipo, clave, user_id) WHERE user_id IS NOT NULL;
        CREATE UNIQUE INDEX grll_laboral_seguimiento_email_idx
            ON grll_laboral_seguimiento (tipo, clave, lower(email)) WHERE user_id IS NULL;
    """)


def downgrade():
    op.execute("DROP TABLE grll_laboral_seguimiento;")
