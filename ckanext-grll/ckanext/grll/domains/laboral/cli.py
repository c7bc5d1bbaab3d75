"""``ckan grll laboral ...``: periodic upkeep of the labour information system."""
from __future__ import annotations

import click


@click.group(short_help="Sistema de Información Laboral: mantenimiento periódico.")
def laboral() -> None:
    pass


@laboral.command()
def actualizar() -> None:
    """Mark closed job offers as vencida in the open dataset."""
    from ckanext.grll.domains.laboral import ofertas

    click.echo(ofertas.periodic())


@laboral.command()
def demostracion() -> None:
    """Load this month's demonstration sample of offers, courses, conflicts and
    procedures (labelled as such; loading it again within the month changes nothing)."""
    from ckanext.grll.domains.laboral import demostracion as muestra

    done = muestra.cargar()
    click.echo(f"Muestra demostrativa: {done['ofertas']} ofertas nuevas, {done['cursos']} "
               f"cursos, {done['conflictos']} conflictos, {done['tramites']} trámites")
