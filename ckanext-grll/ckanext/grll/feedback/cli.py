"""`ckan grll feedback ...`: the engine's maintenance commands."""
from __future__ import annotations

import click


@click.group(short_help="Reportes ciudadanos: publicación y mantenimiento.")
def feedback() -> None:
    """Reportes ciudadanos (motor compartido por los cuatro compromisos)."""


@feedback.command()
@click.option("--limit", type=int, default=None, help="Publicar como máximo N reportes.")
def publicar(limit: int | None) -> None:
    """Publish pending records into the DataStore (retry path; run it from cron)."""
    from ckanext.grll.feedback.publication import publish_pending

    done, failed = publish_pending(limit)
    click.echo(f"Reportes publicados o actualizados: {done}; con error: {failed}")
    if failed:
        raise click.ClickException("Some reports could not be published; see the log")
