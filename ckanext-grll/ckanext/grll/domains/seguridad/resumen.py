"""Rebuilding the summary tables from the DataStore and the feedback engine.

Two parts, refreshed separately: ``oficial`` (the DataStore tables of the
``seguridad`` datasets, seeded or harvested) after a harvest, and
``ciudadana`` (public citizen reports) after a report changes status, and in
any case when older than ``ckanext.grll.seguridad.refresh_minutes``
(publication delays pass with time). Each part is the summary
``seguridad_<part>`` of :mod:`ckanext.grll.domains.summaries` (:data:`SUMMARIES`):
pages and actions ask it for fresh figures, so the first read builds the tables and
later ones queue a background job and answer from the current tables.
"""
from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from typing import Any

import ckan.model as model
import ckan.plugins.toolkit as tk
import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError

from ckanext.datastore.backend.postgres import get_read_engine
from ckanext.grll import reference
from ckanext.grll.catalog.data_freshness import is_demo
from ckanext.grll.domains import summaries
from ckanext.grll.domains.seguridad import config
from ckanext.grll.domains.seguridad.categorias import CITIZEN, Fuente, categorias, fuentes
from ckanext.grll.domains.seguridad.model import autoridad, celda, conteo
from ckanext.grll.feedback.shared import (
    METRES_PER_DEGREE,
    REFERENCE_LATITUDE,
    Report,
    coarsen,
    grid_size_m,
    public_filter,
    utcnow,
    whole_weeks_in_days_sql,
    workflow,
)

log = logging.getLogger(__name__)

DOMAIN = "seguridad"
OFFICIAL = "oficial"
GROUP = "seguridad-ciudadana"
PARTS = (OFFICIAL, CITIZEN)
#: Cells and figures of every category together.
ALL_CATEGORIES = "total"


@dataclass(frozen=True)
class OfficialTable:
    """A DataStore table of a seguridad dataset in the layout of a known source."""

    fuente: Fuente
    resource_id: str
    columns: dict[str, str]
    #: Which table wins a year two tables cover: harvested or form-made crime
    #: datasets before the demonstration samples, then the latest updated.
    precedence: tuple[bool, str]
    #: The dataset (name) the table belongs to, for the date and sample notices of pages.
    dataset: str = ""


def refresh(parts: tuple[str, ...] = PARTS) -> None:
    """Rebuild the given parts now (one transaction per part): the job reads queue."""
    summaries.rebuild(*(s for s in SUMMARIES if s.part in parts))


def _vacuum() -> None:
    """Rebuilt tables: fresh planner statistics and a visibility map for index-only scans."""
    with model.meta.engine.connect().execution_options(
            isolation_level="AUTOCOMMIT") as connection:
        for table in (conteo.name, celda.name):
            connection.execute(sa.text(f"VACUUM (ANALYZE) {table}"))


# --- official statistics: DataStore tables ----------------------------------------------

def official_tables() -> list[OfficialTable]:
    """The DataStore tables of public crime datasets whose columns fit a source.

    Crime datasets: those of type ``seguridad`` (harvested or made by form) and
    those of the group seguridad-ciudadana (the seed catalog's).
    """
    found = []
    result = tk.get_action("package_search")(
        # In parentheses: package_search adds "+capacity:public" and "+state:…" to fq,
        # and beside required terms a bare OR would match every public dataset.
        {"ignore_auth": True}, {"fq": f"(dataset_type:seguridad OR groups:{GROUP})",
                                "rows": 1000})
    with get_read_engine().connect() as connection:
        for package in result["results"]:
            for resource in package.get("resources", []):
                if not resource.get("datastore_active"):
                    continue
                present = set(connection.execute(sa.text(
                    "SELECT column_name FROM information_schema.columns "
                    "WHERE table_name = :table"), {"table": resource["id"]}).scalars())
                for fuente in fuentes().values():
                    columns = {key: next((c for c in aliases if c in present), None)
                               for key, aliases in fuente.columns.items()}
                    if all(columns.values()):
                        found.append(OfficialTable(
                            fuente, resource["id"], columns,
                            (not is_demo(package), package["metadata_modified"]),
                            package["name"]))
                        break
    return found


def source_datasets() -> dict[str, list[str]]:
    """Per official source code, the public datasets its figures are read from."""
    found: dict[str, list[str]] = {}
    for table in official_tables():
        names = found.setdefault(table.fuente.code, [])
        if table.dataset not in names:
            names.append(table.dataset)
    return found


def _refresh_official() -> None:
    counts: dict[tuple[str, str, int, int, str], int] = {}
    with get_read_engine().connect() as connection:
        for table, years in _owners_of_years(connection, official_tables()):
            try:
                rows = connection.execute(sa.text(_official_sql(table)),
                                          {"years": list(years)}).all()
            except DBAPIError as error:
                # A table with text where numbers belong: skip it, keep the others.
                log.warning("grll_seguridad: table %s not read: %s", table.resource_id, error)
                connection.rollback()
                continue
            for anio, mes, ubigeo, clase, cantidad in rows:
                if ubigeo not in reference.distritos() or not cantidad:
                    continue
                key = (table.fuente.code, table.fuente.category_of(clase), int(anio),
                       int(mes), ubigeo)
                counts[key] = counts.get(key, 0) + int(cantidad)
    model.Session.execute(conteo.delete().where(conteo.c.fuente.in_(tuple(fuentes()))))
    if counts:
        model.Session.execute(conteo.insert(), [
            {"fuente": f, "categoria": c, "anio": a, "mes": m, "ubigeo": u, "cantidad": n}
            for (f, c, a, m, u), n in counts.items()])


def _owners_of_years(connection: Any,
                     tables: list[OfficialTable]) -> list[tuple[OfficialTable, set[int]]]:
    """Each source's year from one table only (see :attr:`OfficialTable.precedence`).

    A harvested year replaces the seed sample of the same year instead of
    doubling it.
    """
    owner: dict[tuple[str, int], OfficialTable] = {}
    for table in sorted(tables, key=lambda t: t.precedence):
        year_column = _quoted(table.columns["anio"])
        try:
            years = connection.execute(sa.text(
                f'SELECT DISTINCT NULLIF(btrim({year_column}::text), \'\')::numeric::int '
                f'FROM {_quoted(table.resource_id)}')).scalars().all()
        except DBAPIError as error:
            log.warning("grll_seguridad: table %s not read: %s", table.resource_id, error)
            connection.rollback()
            continue
        for year in years:
            if year is not None:
                owner[(table.fuente.code, year)] = table
    by_table: dict[str, tuple[OfficialTable, set[int]]] = {}
    for (_fuente, year), table in owner.items():
        by_table.setdefault(table.resource_id, (table, set()))[1].add(year)
    return list(by_table.values())


def _official_sql(table: OfficialTable) -> str:
    def number(key: str) -> str:
        return f"NULLIF(btrim({_quoted(table.columns[key])}::text), '')::numeric"

    month = f"{number('mes')}::int" if table.fuente.monthly else "0"
    return (f"SELECT {number('anio')}::int AS anio, {month} AS mes, "
            f"btrim({_quoted(table.columns['ubigeo'])}::text) AS ubigeo, "
            f"{_quoted(table.columns['clase'])}::text AS clase, "
            f"sum({number('cantidad')}) AS cantidad "
            f"FROM {_quoted(table.resource_id)} "
            f"WHERE {number('anio')}::int = ANY(:years) GROUP BY 1, 2, 3, 4")


def _quoted(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


# --- citizen reports: the feedback engine's public records ----------------------------------

def grid_steps() -> tuple[float, float]:
    """Degrees of latitude and longitude of one cell of the engine's privacy grid."""
    size = grid_size_m()
    lat_step = size / METRES_PER_DEGREE
    return lat_step, lat_step / math.cos(math.radians(REFERENCE_LATITUDE))


def cell_centre(fila: int, columna: int) -> tuple[float, float]:
    """The public point of a cell, as the engine's :func:`coarsen` gives it."""
    lat_step, lon_step = grid_steps()
    return coarsen((fila + 0.5) * lat_step, (columna + 0.5) * lon_step)


def _refresh_citizen() -> None:
    public = sa.and_(public_filter(), Report.domain == DOMAIN)
    year = sa.cast(sa.extract("year", Report.created), sa.SmallInteger)
    month = sa.cast(sa.extract("month", Report.created), sa.SmallInteger)
    model.Session.execute(conteo.delete().where(conteo.c.fuente == CITIZEN))
    model.Session.execute(conteo.insert().from_select(
        ["fuente", "categoria", "anio", "mes", "ubigeo", "cantidad"],
        sa.select(sa.literal(CITIZEN), Report.category, year, month, Report.ubigeo,
                  sa.func.count()).where(public)
        .group_by(Report.category, year, month, Report.ubigeo)))
    lat_step, lon_step = grid_steps()
    fila = sa.cast(sa.func.floor(Report.latitude / lat_step), sa.Integer)
    columna = sa.cast(sa.func.floor(Report.longitude / lon_step), sa.Integer)
    points_allowed = [c.code for c in categorias().values() if c.citizen and not c.sensitive]
    model.Session.execute(celda.delete())
    model.Session.execute(celda.insert().from_select(
        ["categoria", "anio", "fila", "columna", "cantidad"],
        sa.select(Report.category, year, fila, columna, sa.func.count())
        .where(public, Report.latitude.isnot(None), Report.category.in_(points_allowed))
        .group_by(Report.category, year, fila, columna)))
    _refresh_authorities(public)
    # All non-sensitive categories together: the map's default layer.
    model.Session.execute(celda.insert().from_select(
        ["categoria", "anio", "fila", "columna", "cantidad"],
        sa.select(sa.literal(ALL_CATEGORIES), celda.c.anio, celda.c.fila, celda.c.columna,
                  sa.func.sum(celda.c.cantidad))
        .group_by(celda.c.anio, celda.c.fila, celda.c.columna)))


def _refresh_authorities(public: Any) -> None:
    """The engine's per-organization summary (``grll_feedback_stats``), in one query.

    Same figures: resolved = status ``resuelto`` with a closing date; median of the
    days from report to closing, each cut to whole weeks (the engine never dates a
    report); overdue = open past its due date (as of now).
    """
    resolved = sa.and_(Report.status == workflow.RESOLVED, Report.closed_at.isnot(None))
    days = whole_weeks_in_days_sql(Report.created, Report.closed_at)
    organization = sa.func.coalesce(Report.owner_org, "")
    model.Session.execute(autoridad.delete())
    model.Session.execute(autoridad.insert().from_select(
        ["organizacion", "total", "resueltos", "mediana_dias", "vencidos"],
        sa.select(organization, sa.func.count(), sa.func.count().filter(resolved),
                  # NULLs (reports not resolved) do not count in the median.
                  sa.func.percentile_cont(0.5).within_group(sa.case((resolved, days))),
                  sa.func.count().filter(sa.and_(Report.status.notin_(workflow.CLOSED),
                                                 Report.due_at < utcnow())))
        .where(public, Report.domain == DOMAIN)
        .group_by(sa.func.grouping_sets(sa.tuple_(Report.owner_org), sa.tuple_()))))


# --- the summaries: each part rebuilt by a background job when stale or old ---------------

def _part(part: str, build: Any) -> summaries.Summary:
    return summaries.Summary(name=f"seguridad_{part}", build=build,
                             max_age=config.refresh_minutes, queued=True, job=refresh,
                             part=part, after=_vacuum)


OFFICIAL_SUMMARY = _part(OFFICIAL, _refresh_official)
CITIZEN_SUMMARY = _part(CITIZEN, _refresh_citizen)
SUMMARIES = (OFFICIAL_SUMMARY, CITIZEN_SUMMARY)
