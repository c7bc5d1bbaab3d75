"""`ckan grll catalogo ...`: catalog commands (added to the portal's `grll` group)."""
from __future__ import annotations

import click

__all__ = ["catalogo"]


@click.group(short_help="Catálogo para reutilizadores: volcado completo, avisos.")
def catalogo() -> None:
    """Datos para reutilizadores y cosechadores."""


@catalogo.command()
def volcado() -> None:
    """Regenerate the JSON Lines catalog dump now and publish it (for cron)."""
    from ckanext.grll.catalog import dump

    click.echo(f"Catalog dump: {dump.build_dump()} datasets")


@catalogo.command("avisar-desactualizados")
def avisar_desactualizados() -> None:
    """Email each organization about its newly overdue datasets (for cron, hourly)."""
    from ckanext.grll.catalog.outdated_notices import notify_outdated

    announced = notify_outdated()
    total = sum(announced.values())
    click.echo(f"Overdue datasets announced: {total} to {len(announced)} organizations")
