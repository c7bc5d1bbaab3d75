"""``ckan grll search ...``: the ``search`` group, mounted under ``grll``."""
from __future__ import annotations

import click

from . import backend, storage


@click.group(name="search", short_help="grll_search: the PostgreSQL index")
def search() -> None:
    pass


@search.command(short_help="Document count and index sizes")
def stats() -> None:
    figures = storage.stats(backend.get_engine())
    click.echo(f"documents: {figures['documents']}")
    for key in ("document_table_bytes", "document_indexes_bytes",
                "stored_table_bytes", "stored_indexes_bytes"):
        click.echo("{}: {:.1f} MB".format(key.replace("_bytes", ""),
                                     figures[key] / 1e6))


@search.command(short_help="Create the schema grll_search if missing")
def init() -> None:
    backend.get_engine()
    click.echo("grll_search schema ready")

