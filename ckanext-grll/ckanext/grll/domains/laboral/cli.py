"""``ckan grll laboral ...``: periodic upkeep of the labour information system."""
from __future__ import annotations

import click


@click.group(short_help="Sistema de Información Laboral: mantenimiento periódico.")
def laboral() -> None:
    pass


@laboral.command()
def actualizar() -> None:
    """Copy newly harvested job offers in and mark closed offers as vencida."""
    from ckanext.grll.domains.laboral import ofertas

    click.echo(ofertas.periodic())
