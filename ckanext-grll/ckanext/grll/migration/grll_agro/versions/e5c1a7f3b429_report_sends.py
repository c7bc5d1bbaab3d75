"""grll_agro: the sends of farm-gate reports typed offline, so that each arrives once

A report kept on the phone is sent again until the phone hears back; the key the phone
gave it tells a repeated send from a new report.

Revision ID: e5c1a7f3b429
Revises: d4b9f6e2a318
Create Date: 2026-12-05 15:10:00

"""
from alembic import op

revision = "e5c1a7f3b429"
down_revision = "d4b9f6e2a318"
branch_labels = None
depends_on = None


def upgrade():
    op.execute("""
        CREATE TABLE grll_agro_envio (
            envio varchar(64) PRIMARY KEY,
            codigo text,
            created timestamp without time zone NOT NULL
        )
    """)
    op.execute("CREATE INDEX grll_agro_envio_created ON grll_agro_envio (created)")


def downgrade():
    op.execute("DROP TABLE grll_agro_envio")
