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

    resumen.refresh()
    click.echo("Resúmenes de precios, clima y siembras actualizados")


@agro.command()
def alertas() -> None:
    """Record and mail the price alerts whose thresholds the latest prices crossed."""
    from ckanext.grll.domains import summaries
    from ckanext.grll.domains.agro import alertas as price_alerts
    from ckanext.grll.domains.agro import resumen

    summaries.ensure_fresh(*resumen.SUMMARIES)
    click.echo(f"Avisos de precio nuevos: {price_alerts.revisar()}")
