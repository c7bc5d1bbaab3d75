"""The alembic environment shared by the portal's migration trees.

Each tree's ``env.py`` calls :func:`run_migrations` with its own path; the version
table is named after the tree (``grll_feedback_alembic_version``...), like CKAN's own
plugin trees, so the plugins' histories never mix.
"""
from __future__ import annotations

import os
from logging.config import fileConfig

import sqlalchemy as sa
from alembic import context
from sqlalchemy import engine_from_config, pool


def version_table(tree: str) -> str:
    """The table where alembic records a tree's revisions (CKAN's naming)."""
    return f"{tree}_alembic_version"


def run_migrations(env_path: str, former_tree: str | None = None) -> None:
    """Run the command alembic was given on the tree of ``env_path``.

    ``former_tree``: the tree these revisions belonged to before (another plugin's);
    a database that recorded them there keeps its history (:func:`adopt_history`).
    """
    config = context.config
    fileConfig(config.config_file_name)
    table = version_table(os.path.basename(os.path.dirname(env_path)))
    if context.is_offline_mode():
        context.configure(url=config.get_main_option("sqlalchemy.url"), literal_binds=True,
                          version_table=table)
        with context.begin_transaction():
            context.run_migrations()
        return
    connectable = engine_from_config(config.get_section(config.config_ini_section),
                                     prefix="sqlalchemy.", poolclass=pool.NullPool)
    with connectable.connect() as connection:
        context.configure(connection=connection, version_table=table)
        with context.begin_transaction():
            if former_tree:
                adopt_history(connection, version_table(former_tree))
            context.run_migrations()


def adopt_history(connection: sa.engine.Connection, former_table: str) -> None:
    """Move the revisions recorded in ``former_table`` into this tree's version table.

    The tables those revisions made are already there: the revision is stamped, not
    applied, so nothing is re-created, and the former record is dropped. It runs in the
    command's transaction, so a failing upgrade leaves the former record in place.
    """
    if not sa.inspect(connection).has_table(former_table):
        return
    migration = context.get_context()
    if not migration.get_current_heads():
        recorded = connection.execute(
            sa.text(f'SELECT version_num FROM "{former_table}"')).scalars().all()
        for revision in recorded:
            migration.stamp(context.script, revision)
    connection.execute(sa.text(f'DROP TABLE "{former_table}"'))
