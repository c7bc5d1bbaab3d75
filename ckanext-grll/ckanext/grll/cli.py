"""`ckan grll ...`: the portal's command line (registered by grll_theme)."""
from __future__ import annotations

import logging
from pathlib import Path

import ckan.model as model
import ckan.plugins.toolkit as tk
import click

from ckanext.grll.feedback.interfaces import ENGINE_PLUGIN
from ckanext.grll.search.cli import search
from ckanext.grll.search.storage import ensure_schema

ADMIN_USER = "admin"

log = logging.getLogger(__name__)


@click.group(short_help="Comandos del portal de datos La Libertad.")
def grll() -> None:
    """Portal de Datos Abiertos La Libertad."""


@grll.command()
@click.option("--admin-password", required=True, help="Password for the sysadmin account.")
@click.option("--xloader-token-file", type=click.Path(dir_okay=False),
              help="Keep a valid API token for xloader's downloads in this file.")
@click.pass_context
def setup(ctx: click.Context, admin_password: str, xloader_token_file: str | None) -> None:
    """Bring the databases up to date and make sure the sysadmin exists (idempotent)."""
    upgrade_databases(ctx)
    if tk.config.get("ckanext.grll.search.backend") == "postgres":
        ensure_schema(model.meta.engine)
    ensure_sysadmin(ADMIN_USER, admin_password)
    if xloader_token_file:
        ensure_api_token(Path(xloader_token_file), "xloader")


def upgrade_databases(ctx: click.Context, skip_core: bool = False) -> None:
    """`ckan db upgrade`: CKAN's migrations and those of every enabled plugin.

    CKAN applies plugin migrations in alphabetical order, so grll_feedback's (the
    citizen feedback tables the commitments' own tables refer to) go first. A
    database migrated while those tables were grll_theme's keeps them: the tree's
    environment moves their history (migration/grll_feedback/env.py).
    """
    from ckan.cli.db import upgrade

    if not skip_core:
        ctx.invoke(upgrade, version="head", plugin=None, skip_core=False, skip_plugins=True)
    # With a plugin named, "core" means that plugin's own migrations.
    ctx.invoke(upgrade, version="head", plugin=ENGINE_PLUGIN, skip_core=False,
               skip_plugins=True)
    ctx.invoke(upgrade, version="head", plugin=None, skip_core=True, skip_plugins=False)


def ensure_sysadmin(name: str, password: str) -> None:
    user = model.User.get(name)
    if user is None:
        site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
        tk.get_action("user_create")(
            {"user": site_user["name"], "ignore_auth": True},
            {"name": name, "email": f"{name}@regionlalibertad.gob.pe",
             "password": password, "fullname": "Administrador del portal"})
        user = model.User.get(name)
    changed = not user.sysadmin or not user.validate_password(password)
    if changed:
        user.sysadmin = True
        user.password = password
        model.repo.commit()
        click.echo(f"Sysadmin '{name}' ready")


def ensure_api_token(path: Path, name: str) -> None:
    """Leave in `path` a token of the site user that CKAN accepts, creating one if needed."""
    from ckan.lib import api_token

    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    if path.exists():
        data = api_token.decode(path.read_text().strip())
        if data and model.ApiToken.get(data.get("jti", "")) is not None:
            return
    token = tk.get_action("api_token_create")(
        {"user": site_user["name"], "ignore_auth": True},
        {"user": site_user["name"], "name": name})["token"]
    path.write_text(token)
    path.chmod(0o600)


@grll.command()
@click.option("--only", multiple=True, help="Load only these dataset names.")
def seed(only: tuple[str, ...]) -> None:
    """Load or update the seed catalog from datasets/ (re-running never duplicates)."""
    from ckanext.grll.seed.loader import SeedError, load_catalog

    try:
        report = load_catalog(only=set(only) or None, progress=True)
    except SeedError as error:
        raise click.ClickException(str(error)) from error
    click.echo(report.summary())
    if report.failures:
        raise click.ClickException(
            "Some seed datasets were not loaded: " + "; ".join(report.failures))
    _load_demo_reports()
    _load_open_government()


def _load_demo_reports() -> None:
    """The demonstration citizen reports (feedback engine), once per portal."""
    from ckanext.grll.feedback import demo

    try:
        tk.get_action("grll_feedback_create")
    except KeyError:  # the feedback engine is not enabled
        return

    added = demo.load()
    click.echo("Reportes ciudadanos de demostración: " + (", ".join(
        f"{domain} {n}" for domain, n in sorted(added.items())) or "ya cargados"))


def _load_open_government() -> None:
    """The action plan (grll_ogp) and the data-opening inventory (grll_apertura), when
    enabled; after the catalog, whose organizations and datasets they name."""
    import ckan.plugins as p

    if p.plugin_loaded("grll_ogp"):
        from ckanext.grll.ogp import seed as ogp_seed

        added = ogp_seed.load()
        click.echo("Plan de Gobierno Abierto: " + (", ".join(
            f"{kind} {n}" for kind, n in added.items() if n) or "ya cargado"))
    if p.plugin_loaded("grll_apertura"):
        from ckanext.grll.apertura import seed as apertura_seed

        added = apertura_seed.load()
        click.echo(f"Inventario de apertura (muestra demostrativa): {added['candidatos']} "
                   f"candidatos, {added['solicitudes']} solicitudes importadas")


grll.add_command(search)


@grll.command()
def periodicas() -> None:
    """The periodic work of the portal, for the scheduler (every few minutes).

    Publishes citizen reports whose publication job could not be queued, tells
    organizations about newly overdue datasets, then runs each commitment's own
    periodic work. One task failing does not stop the others; the command then
    exits with an error naming it.
    """
    import ckan.plugins as p

    from ckanext.grll.feedback.interfaces import IGrllDomain

    tasks = [("reportes ciudadanos", _publish_pending_reports)]
    if p.plugin_loaded("grll_catalog"):
        tasks.append(("conjuntos desactualizados", _announce_outdated))
    if p.plugin_loaded("grll_ogp"):
        from ckanext.grll.ogp import publicacion as ogp_publicacion

        tasks.append(("gobierno abierto", ogp_publicacion.periodic))
    if p.plugin_loaded("grll_apertura"):
        from ckanext.grll.apertura import publicacion as apertura_publicacion

        tasks.append(("inventario de apertura", apertura_publicacion.periodic))
    tasks += [(f"grll_{plugin.grll_domain_name()}", plugin.grll_domain_periodic)
              for plugin in p.PluginImplementations(IGrllDomain)]
    failed = []
    for name, task in tasks:
        try:
            summary = task()
        except Exception:  # noqa: BLE001 - the next task must still run
            log.exception("Periodic task %s failed", name)
            model.Session.rollback()
            failed.append(name)
            continue
        if summary:
            click.echo(f"{name}: {summary}")
    if failed:
        raise click.ClickException(f"Periodic tasks failed: {', '.join(failed)} (see the log)")


def _publish_pending_reports() -> str:
    from ckanext.grll.feedback.publication import publish_pending

    done, failed = publish_pending(None)
    if failed:
        raise RuntimeError(f"{failed} reports could not be published")
    return f"{done} publicados" if done else ""


def _announce_outdated() -> str:
    from ckanext.grll.catalog.outdated_notices import notify_outdated

    announced = notify_outdated()
    return ", ".join(f"{org}: {n}" for org, n in announced.items())


def get_commands() -> list[click.Command]:
    return [grll]
