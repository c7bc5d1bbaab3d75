"""`ckan grll catalogo ...`: catalog commands (added to the portal's `grll` group)."""
from __future__ import annotations

import click

__all__ = ["catalogo"]


@click.group(short_help="Catálogo para reutilizadores: volcado completo.")
def catalogo() -> None:
    """Datos para reutilizadores y cosechadores."""


@catalogo.command()
def volcado() -> None:
    """Regenerate the JSON Lines catalog dump now and publish it (for cron)."""
    from ckanext.grll.catalog import dump

    click.echo(f"Catalog dump: {dump.build_dump()} datasets")
