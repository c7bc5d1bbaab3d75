"""Alembic environment of grll_apertura's migrations (own version table)."""
from ckanext.grll.migration.alembic_env import run_migrations

run_migrations(__file__)
