"""`ckan grll ...`: the portal's command line (registered by grll_theme)."""
from __future__ import annotations

import ckan.model as model
import ckan.plugins.toolkit as tk
import click

from ckanext.grll.search.cli import search
from ckanext.grll.search.storage import ensure_schema

ADMIN_USER = "admin"


@click.group(short_help="Comandos del portal de datos La Libertad.")
def grll() -> None:
    """Portal de Datos Abiertos La Libertad."""


@grll.command()
@click.option("--admin-password", required=True, help="Password for the sysadmin account.")
@click.pass_context
def setup(ctx: click.Context, admin_password: str) -> None:
    """Bring the databases up to date and make sure the sysadmin exists (idempotent)."""
    upgrade_databases(ctx)
    if tk.config.get("ckanext.grll.search.backend") == "postgres":
        ensure_schema(model.meta.engine)
    ensure_sysadmin(ADMIN_USER, admin_password)


def upgrade_databases(ctx: click.Context, skip_core: bool = False) -> None:
    """`ckan db upgrade`: CKAN's migrations and those of every enabled plugin."""
    from ckan.cli.db import upgrade

    ctx.invoke(upgrade, version="head", plugin=None, skip_core=skip_core, skip_plugins=False)


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


grll.add_command(search)


def get_commands() -> list[click.Command]:
    return [grll]
