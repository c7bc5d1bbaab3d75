"""The compliance summary: monthly counts and latest sample per locality and provider.

Rebuilt from every public DataStore resource that holds water samples (the seed
surveillance dataset, the harvested provider-year datasets, any steward upload with
the same columns) so that the lookup and the scorecards read a few indexed rows
instead of scanning hundreds of thousands of samples. Rebuilt after each harvest,
on a fresh portal at the first lookup, and on demand (``grll_agua_summary_refresh``),
as the summary ``agua`` of :mod:`ckanext.grll.domains.summaries`.
"""
from __future__ import annotations

import datetime
import logging
from typing import Any

import ckan.model as model
import sqlalchemy as sa

from ckanext.datastore.backend.postgres import get_read_engine
from ckanext.grll.domains import summaries
from ckanext.grll.domains.agua import compliance
from ckanext.grll.domains.agua.model import Mes, PrestadorResumen, Ultima

log = logging.getLogger(__name__)

#: Columns a DataStore table needs to be read as water samples.
KEY_COLUMNS = ("ubigeo", "localidad", "prestador", "fecha_muestreo")
OPTIONAL_COLUMNS = ("fecha_hora_muestreo", "punto_muestreo", "laboratorio", "fuente")


def sample_tables() -> dict[str, tuple[str, str | None]]:
    """DataStore tables of public, active resources with sample columns -> (dataset name,
    who publishes it: the dataset's maintainer, for samples that do not name a source)."""
    with get_read_engine().connect() as connection:
        tables = [row[0] for row in connection.execute(sa.text(
            "SELECT table_name FROM information_schema.columns "
            "WHERE table_schema = 'public' AND column_name = ANY(:columns) "
            "GROUP BY table_name HAVING count(*) = :n"),
            {"columns": list(KEY_COLUMNS), "n": len(KEY_COLUMNS)})]
    if not tables:
        return {}
    rows = model.Session.query(
        model.Resource.id, model.Package.name, model.Package.maintainer).join(
        model.Package, model.Package.id == model.Resource.package_id).filter(
        model.Resource.id.in_(tables), model.Resource.state == "active",
        model.Package.state == "active", model.Package.private.is_(False))
    return {resource: (name, maintainer) for resource, name, maintainer in rows}


def _present_columns(connection: Any, table: str) -> set[str]:
    return {row[0] for row in connection.execute(sa.text(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_schema = 'public' AND table_name = :table"), {"table": table})}


def _select(table: str, present: set[str]) -> sa.TextClause:
    wanted = (*KEY_COLUMNS, *OPTIONAL_COLUMNS, *compliance.columns())
    columns = ", ".join(f'"{c}"' if c in present else f'NULL AS "{c}"' for c in wanted)
    return sa.text(f'SELECT {columns} FROM "{table}" '  # noqa: S608 - names from the catalog
                   "WHERE ubigeo IS NOT NULL AND localidad IS NOT NULL "
                   "AND prestador IS NOT NULL AND fecha_muestreo IS NOT NULL")


def _moment(row: Any) -> datetime.datetime:
    if row.fecha_hora_muestreo is not None:
        return row.fecha_hora_muestreo
    return datetime.datetime.combine(row.fecha_muestreo, datetime.time())


#: Months of a provider's scorecard, counted back from its newest month with data.
PROVIDER_MONTHS = 12


def _months_apart(newer: datetime.date, older: datetime.date) -> int:
    return (newer.year - older.year) * 12 + newer.month - older.month


def provider_summaries(months: dict[tuple[str, str, str, datetime.date], dict[str, Any]]
                       ) -> list[dict[str, Any]]:
    """Per provider: counts merged over its last 12 months with data, months per verdict."""
    newest: dict[str, datetime.date] = {}
    for (_u, _loc, prestador, mes) in months:
        newest[prestador] = max(newest.get(prestador, mes), mes)
    by_provider: dict[str, dict[str, Any]] = {}
    for (_u, _loc, prestador, mes), counts in months.items():
        if _months_apart(newest[prestador], mes) >= PROVIDER_MONTHS:
            continue
        entry = by_provider.setdefault(prestador, {
            "prestador": prestador, "desde": mes, "hasta": newest[prestador], "conteos": {},
            "meses_por_veredicto": {}})
        entry["desde"] = min(entry["desde"], mes)
        entry["conteos"] = compliance.merge(entry["conteos"], counts)
        verdict = compliance.evaluate(counts)["veredicto"]
        entry["meses_por_veredicto"][verdict] = entry["meses_por_veredicto"].get(verdict, 0) + 1
    return list(by_provider.values())


def refresh() -> dict[str, int]:
    """Rebuild the summary now, in one transaction (readers see the old one until commit).

    :returns: ``{"recursos", "muestras", "meses", "localidades"}``
    """
    return summaries.rebuild(SUMMARY)


def _rebuild() -> dict[str, int]:
    months: dict[tuple[str, str, str, datetime.date], dict[str, dict[str, int]]] = {}
    latest: dict[tuple[str, str, str], dict[str, Any]] = {}
    samples = 0
    tables = sample_tables()
    parameters = compliance.columns()
    with get_read_engine().connect() as connection:
        for table, (dataset, publisher) in tables.items():
            present = _present_columns(connection, table)
            result = connection.execution_options(stream_results=True).execute(
                _select(table, present))
            for row in result:
                samples += 1
                values = {c: (float(v) if v is not None else None)
                          for c in parameters for v in (getattr(row, c),)}
                place = (row.ubigeo, row.localidad, row.prestador)
                compliance.add(months.setdefault(
                    (*place, row.fecha_muestreo.replace(day=1)), {}), values)
                moment = _moment(row)
                current = latest.get(place)
                if current is None or moment > current["fecha_hora"]:
                    latest[place] = {
                        "ubigeo": row.ubigeo, "localidad": row.localidad,
                        "prestador": row.prestador, "fecha_hora": moment,
                        "punto_muestreo": row.punto_muestreo,
                        "valores": {c: v for c, v in values.items() if v is not None},
                        "laboratorio": row.laboratorio, "fuente": row.fuente or publisher,
                        "dataset": dataset}
    session = model.Session
    session.execute(sa.text(
        "TRUNCATE grll_agua_mes, grll_agua_ultima, grll_agua_prestador_resumen"))
    if months:
        session.execute(sa.insert(Mes), [
            {"ubigeo": u, "localidad": loc, "prestador": pr, "mes": mes, "conteos": counts}
            for (u, loc, pr, mes), counts in months.items()])
    if latest:
        session.execute(sa.insert(Ultima), list(latest.values()))
        session.execute(sa.insert(PrestadorResumen), provider_summaries(months))
    log.info("Water summary: %s samples from %s resources", samples, len(tables))
    return {"recursos": len(tables), "muestras": samples, "meses": len(months),
            "localidades": len(latest)}


def is_empty() -> bool:
    return model.Session.query(Ultima.ubigeo).first() is None


#: Built at the first question while it holds no sample (a fresh portal); a harvest
#: queues a rebuild.
SUMMARY = summaries.Summary(name="agua", build=_rebuild, empty=is_empty, job=refresh)
SUMMARIES = (SUMMARY,)
