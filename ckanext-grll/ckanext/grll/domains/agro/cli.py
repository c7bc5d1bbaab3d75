"""``ckan grll agro ...``: upkeep of the farmers' app (run after harvests, or from cron)."""
from __future__ import annotations

import click


@click.group(short_help="Mercado agrario: resúmenes de precios y alertas.")
def agro() -> None:
    pass


@agro.command()
def actualizar() -> None:
    """Rebuild the price, weather and planting summaries from the DataStore."""
    from ckanext.grll.domains.agro import resumen

    resumen.rebuild()
    click.echo("Resúmenes de precios, clima y siembras actualizados")
