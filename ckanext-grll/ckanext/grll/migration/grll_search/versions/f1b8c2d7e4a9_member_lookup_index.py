"""An index for the member lookup package_show makes for each of a dataset's groups.

CKAN's group dictization counts a group's users with
``member.group_id = ? AND table_name = 'user' AND state = 'active'``, and
CKAN's own index on (group_id, table_id) makes PostgreSQL read every dataset
membership of the group to find its few users (16 ms per group at 100,000
datasets). Every ``search-index rebuild`` and every index write calls
package_show, so this index is the search path's.

Revision ID: f1b8c2d7e4a9
Revises:
Create Date: 2026-12-04
"""
from alembic import op

revision = "f1b8c2d7e4a9"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("CREATE INDEX IF NOT EXISTS grll_member_group_table_state_idx"
               " ON member (group_id, table_name, state)")


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS grll_member_group_table_state_idx")
