"""The alembic environment shared by the portal's migration trees.

Each tree's ``env.py`` calls :func:`run_migrations` with its own path; the version
table is named after the tree (``grll_theme_alembic_version``...), like CKAN's own
plugin trees, so the plugins' histories never mix.
"""
from __future__ import annotations

import os
from logging.config import fileConfig

from alembic import context
from sqlalchemy import engine_from_config, pool


def run_migrations(env_path: str) -> None:
    config = context.config
    fileConfig(config.config_file_name)
    version_table = f"{os.path.basename(os.path.dirname(env_path))}_alembic_version"
    if context.is_offline_mode():
        context.configure(url=config.get_main_option("sqlalchemy.url"), literal_binds=True,
                          version_table=version_table)
        with context.begin_transaction():
            context.run_migrations()
        return
    connectable = engine_from_config(config.get_section(config.config_ini_section),
                                     prefix="sqlalchemy.", poolclass=pool.NullPool)
    with connectable.connect() as connection:
        context.configure(connection=connection, version_table=version_table)
        with context.begin_transaction():
            context.run_migrations()
