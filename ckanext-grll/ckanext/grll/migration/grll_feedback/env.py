"""Alembic environment of grll_feedback's migrations (own version table).

These revisions ran under grll_theme until the engine got its own plugin: a database
migrated then keeps its history, moved from ``grll_theme_alembic_version``.
"""
from ckanext.grll.migration.alembic_env import run_migrations

run_migrations(__file__, former_tree="grll_theme")
