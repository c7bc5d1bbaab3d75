"""Summary tables of the agricultural DataStore resources, for fast small answers.

The public data stays in the DataStore resources of the agro datasets (seeded or
harvested). The app asks for "the latest price of papa in each market with its trend"
hundreds of times a day, which over five years of daily prices would mean scanning
hundreds of thousands of rows; so the figures the API serves are kept pre-computed
in the `grll_agro_*` tables and rebuilt whenever the set of agricultural resources
changes (after a harvest, a seed load, a dataset edit): the summary ``agro`` of
:mod:`ckanext.grll.domains.summaries` compares a fingerprint of those resources with
the one of the last rebuild.
"""
from __future__ import annotations

import datetime
import hashlib
import io
import json
import logging
from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa
from ckan import model

from ckanext.datastore.backend.postgres import get_read_engine
from ckanext.grll.domains import summaries
from ckanext.grll.domains.agro.mapping import MERCADOS, PRODUCTOS, VARIABLES, mercado_clave
from ckanext.grll.domains.tables import slug

log = logging.getLogger(__name__)

GRUPO = "mercado-agrario"
#: The columns that tell which feed a DataStore table holds (either spelling of SENAMHI's).
PRECIOS = {"fecha", "mercado", "producto", "precio_minimo", "precio_maximo", "precio_promedio"}
CHACRA = {"anio", "mes", "ubigeo", "cultivo", "precio_chacra_soles_kg"}
SIEMBRAS = {"campana", "ubigeo", "cultivo"}
CLIMA = {"estacion", "ubigeo"}
NUMBERS = {"numeric", "integer", "bigint", "smallint", "double precision", "real"}
DATES = {"date", "timestamp without time zone", "timestamp with time zone"}
#: The columns whose type the summaries' SQL relies on. A table that holds them as text
#: (a CSV loaded without its data dictionary) is left out instead of breaking them.
TYPED = {"fecha": DATES, "Fecha": DATES, **{column: NUMBERS for column in (
    "precio_minimo", "precio_maximo", "precio_promedio", "anio", "mes",
    "precio_chacra_soles_kg", "superficie_sembrada_ha", "intencion_siembra_ha",
    *(field for field, *_ in VARIABLES.values()), *VARIABLES)}}
#: Days of weather the app shows beside the latest observation.
DIAS_CLIMA = 7
#: Short keys of the weather variables in the API's answers.
CORTO = {"temperatura_max": "tx", "temperatura_min": "tn", "temperatura": "t",
         "humedad_relativa": "h", "precipitacion_mm": "p", "direccion_viento": "dv",
         "velocidad_viento": "vv"}

_RESOURCES = sa.text("""
    SELECT r.id, p.metadata_modified, r.metadata_modified
    FROM resource r JOIN package p ON p.id = r.package_id
    WHERE r.state = 'active' AND p.state = 'active' AND NOT p.private
      AND (p.type LIKE 'agro-%' OR p.id IN (
            SELECT m.table_id FROM member m JOIN "group" g ON g.id = m.group_id
            WHERE g.name = :grupo AND m.state = 'active' AND m.table_name = 'package'))
    ORDER BY r.id
""")


def _resources() -> list[tuple[str, Any, Any]]:
    return [tuple(row) for row in model.Session.execute(_RESOURCES, {"grupo": GRUPO})]


def _fingerprint() -> str:
    return hashlib.sha256(repr(_resources()).encode()).hexdigest()


def refresh() -> None:
    """Recompute every summary table from the DataStore now, in one transaction."""
    summaries.rebuild(SUMMARY)


def _rebuild() -> None:
    session = model.Session
    resources = _resources()
    tables = _feed_tables([r[0] for r in resources])
    nombres: dict[str, str] = {}
    with get_read_engine().connect() as datastore:
        precios = _precios(datastore, tables["precios"], nombres)
        chacra = _chacra(datastore, tables["chacra"], nombres)
        estaciones = _estaciones(datastore, tables["clima"])
        siembras = _siembras(datastore, tables["siembras"], nombres)
    for table in ("grll_agro_precio", "grll_agro_precio_ultimo", "grll_agro_chacra",
                  "grll_agro_estacion", "grll_agro_siembra", "grll_agro_nombre"):
        session.execute(sa.text(f"DELETE FROM {table}"))
    _copy("grll_agro_precio", ("producto", "mercado", "fecha", "minimo", "maximo", "promedio"),
          ((p, m, f, lo, hi, total / n) for (p, m, f), (lo, hi, total, n) in precios.items()))
    session.execute(sa.text(_LATEST_PRICES))
    _copy("grll_agro_chacra", ("cultivo", "ubigeo", "anio", "mes", "precio"),
          (key + (value,) for key, value in chacra.items()))
    _copy("grll_agro_estacion", ("estacion", "ubigeo", "tipo", "fecha", "hora", "ultima", "dias"),
          ((e["estacion"], e["ubigeo"], e["tipo"], e["fecha"], e["hora"],
            json.dumps(e["ultima"]), json.dumps(e["dias"])) for e in estaciones.values()))
    _copy("grll_agro_siembra", ("campana", "ubigeo", "cultivo", "hectareas"),
          (key + (value,) for key, value in siembras.items()))
    _copy("grll_agro_nombre", ("clave", "nombre"), nombres.items())
    log.info("grll_agro: summaries rebuilt from %d resources", len(resources))


#: Rebuilt in the request whenever the fingerprint of the agricultural resources changes.
SUMMARY = summaries.Summary(name="agro", build=_rebuild, fingerprint=_fingerprint)
SUMMARIES = (SUMMARY,)


def _feed_tables(resource_ids: list[str]) -> dict[str, list[tuple[str, set[str]]]]:
    """The DataStore tables of those resources, sorted by the feed they hold."""
    feeds: dict[str, list[tuple[str, set[str]]]] = {
        "precios": [], "chacra": [], "clima": [], "siembras": []}
    if not resource_ids:
        return feeds
    with get_read_engine().connect() as datastore:
        rows = datastore.execute(sa.text("""
            SELECT table_name, array_agg(column_name::text), array_agg(data_type::text)
            FROM information_schema.columns
            WHERE table_schema = 'public' AND table_name = ANY(:ids) GROUP BY table_name
        """), {"ids": resource_ids})
        for table, names, types in rows:
            columns = set(names)
            wrong = [name for name, kind in zip(names, types, strict=True)
                     if name in TYPED and kind not in TYPED[name]]
            if wrong:
                log.warning("grll_agro: table %s left out, columns not typed: %s", table, wrong)
                continue
            for feed, needed in (("precios", PRECIOS), ("chacra", CHACRA),
                                 ("clima", CLIMA), ("siembras", SIEMBRAS)):
                if needed <= columns and (feed != "clima" or columns & {"fecha", "Fecha"}):
                    feeds[feed].append((table, columns))
                    break
    return feeds


def clave(name: str, nombres: dict[str, str]) -> str:
    """The slug the API uses for a product or crop, remembering its display name."""
    key = slug(name)
    nombres.setdefault(key, PRODUCTOS.get(key, name))
    return key


def _precios(datastore: Any, tables: list[tuple[str, set[str]]],
             nombres: dict[str, str]) -> dict[tuple[str, str, Any], list[Any]]:
    """Per product, market and day: lowest minimum, highest maximum, mean of averages."""
    merged: dict[tuple[str, str, Any], list[Any]] = {}
    keys: dict[tuple[str, str], tuple[str, str]] = {}
    for table, _ in tables:
        rows = datastore.execution_options(stream_results=True).execute(sa.text(f"""
            SELECT producto, mercado, fecha::date, min(precio_minimo), max(precio_maximo),
                   avg(precio_promedio)
            FROM "{table}"
            WHERE precio_minimo > 0 AND precio_maximo > 0 AND precio_promedio > 0
            GROUP BY 1, 2, 3
        """))
        for producto, mercado, fecha, lo, hi, avg in rows:
            pair = keys.get((producto, mercado))
            if pair is None:
                market = mercado_clave(mercado)
                nombres.setdefault(market, MERCADOS.get(market, mercado))
                pair = keys[(producto, mercado)] = (clave(producto, nombres), market)
            key = (*pair, fecha)
            found = merged.get(key)
            if found is None:
                merged[key] = [lo, hi, avg, 1]
            else:
                found[0], found[1] = min(found[0], lo), max(found[1], hi)
                found[2] += avg
                found[3] += 1
    return merged


# Latest day per product and market, and its change against the mean of the week that
# ended 4 (and 12) weeks earlier: one day's price jumps, a week's mean is steadier.
_LATEST_PRICES = """
    INSERT INTO grll_agro_precio_ultimo
    SELECT u.producto, u.mercado, u.fecha, u.minimo, u.maximo, u.promedio,
           round(100 * (u.promedio / NULLIF(h4.promedio, 0) - 1), 1),
           round(100 * (u.promedio / NULLIF(h12.promedio, 0) - 1), 1)
    FROM (SELECT DISTINCT ON (producto, mercado) * FROM grll_agro_precio
          ORDER BY producto, mercado, fecha DESC) u
    LEFT JOIN LATERAL (
        SELECT avg(promedio) AS promedio FROM grll_agro_precio p
        WHERE p.producto = u.producto AND p.mercado = u.mercado
          AND p.fecha > u.fecha - 35 AND p.fecha <= u.fecha - 28) h4 ON true
    LEFT JOIN LATERAL (
        SELECT avg(promedio) AS promedio FROM grll_agro_precio p
        WHERE p.producto = u.producto AND p.mercado = u.mercado
          AND p.fecha > u.fecha - 91 AND p.fecha <= u.fecha - 84) h12 ON true
"""


def _chacra(datastore: Any, tables: list[tuple[str, set[str]]],
            nombres: dict[str, str]) -> dict[tuple[str, str, int, int], float]:
    sums: dict[tuple[str, str, int, int], list[float]] = {}
    for table, _ in tables:
        rows = datastore.execute(sa.text(f"""
            SELECT cultivo, ubigeo, anio, mes, avg(precio_chacra_soles_kg) FROM "{table}"
            WHERE precio_chacra_soles_kg > 0 GROUP BY 1, 2, 3, 4
        """))
        for cultivo, ubigeo, anio, mes, precio in rows:
            key = (clave(cultivo, nombres), str(ubigeo), int(anio), int(mes))
            sums.setdefault(key, []).append(float(precio))
    return {key: sum(values) / len(values) for key, values in sums.items()}


def _siembras(datastore: Any, tables: list[tuple[str, set[str]]],
              nombres: dict[str, str]) -> dict[tuple[str, str, str], float]:
    """Sown hectares per campaign, district and crop; the planting intention when the
    sown area is not known yet (the campaign under way)."""
    result: dict[tuple[str, str, str], float] = {}
    for table, columns in tables:
        parts = [c for c in ("superficie_sembrada_ha", "intencion_siembra_ha") if c in columns]
        if not parts:
            continue
        rows = datastore.execute(sa.text(f"""
            SELECT campana, ubigeo, cultivo, sum(coalesce({", ".join(parts)}))
            FROM "{table}" GROUP BY 1, 2, 3
        """))
        for campana, ubigeo, cultivo, hectareas in rows:
            if hectareas is not None:
                result[(campana, str(ubigeo), clave(cultivo, nombres))] = float(hectareas)
    return result


def _column(columns: set[str], field: str, source: str) -> str | None:
    return next((f'"{c}"' for c in (field, source) if c in columns), None)


def _estaciones(datastore: Any, tables: list[tuple[str, set[str]]]) -> dict[str, dict[str, Any]]:
    """Per station: its latest observation and the daily summary of its last days."""
    stations: dict[str, dict[str, Any]] = {}
    for table, columns in tables:
        fecha = _column(columns, "fecha", "Fecha")
        hora = _column(columns, "hora", "Hora") or "NULL::text"
        variables = {field: _column(columns, field, source)
                     for source, (field, *_) in VARIABLES.items()}
        measured = {field: column for field, column in variables.items() if column}
        latest = datastore.execute(sa.text(f"""
            SELECT DISTINCT ON (estacion) estacion, ubigeo::text, {fecha}::date,
                   NULLIF({hora}, ''), {", ".join(measured.values())}
            FROM "{table}" ORDER BY estacion, {fecha} DESC, {hora} DESC NULLS LAST
        """))
        days = _days(datastore, table, fecha, variables)
        for row in latest:
            estacion, ubigeo, dia, hour, *values = row
            found = stations.get(estacion)
            if found and (found["fecha"], found["hora"] or "") >= (dia, hour or ""):
                continue
            stations[estacion] = {
                "estacion": estacion, "ubigeo": ubigeo, "fecha": dia, "hora": hour,
                "tipo": "automatica" if hour else "convencional",
                "ultima": {CORTO[field]: float(value) for field, value
                           in zip(measured, values, strict=True) if value is not None},
                "dias": days.get(estacion, [])}
    return stations


def _days(datastore: Any, table: str, fecha: str,
          variables: dict[str, str | None]) -> dict[str, list[dict[str, Any]]]:
    """Per station of the table: max/min temperature, humidity and rain of its last days."""
    def pick(*fields: str) -> str:
        found = [f"t.{variables[f]}" for f in fields if variables[f]]
        return f"coalesce({', '.join(found)})" if found else "NULL::numeric"

    rows = datastore.execute(sa.text(f"""
        WITH ultimo AS (SELECT estacion, max({fecha}::date) AS dia FROM "{table}"
                        GROUP BY estacion)
        SELECT t.estacion, t.{fecha}::date, max({pick("temperatura_max", "temperatura")}),
               min({pick("temperatura_min", "temperatura")}),
               round(avg({pick("humedad_relativa")})), sum({pick("precipitacion_mm")})
        FROM "{table}" t JOIN ultimo u ON u.estacion = t.estacion
        WHERE t.{fecha}::date > u.dia - {DIAS_CLIMA}
        GROUP BY 1, 2 ORDER BY 1, 2
    """))
    keys = ("tx", "tn", "h", "p")
    days: dict[str, list[dict[str, Any]]] = {}
    for estacion, day, *values in rows:
        days.setdefault(estacion, []).append({"f": day.isoformat(), **{
            key: float(value) for key, value in zip(keys, values, strict=True)
            if value is not None}})
    return days


def _copy(table: str, columns: Iterable[str], rows: Iterable[Iterable[Any]]) -> None:
    """Bulk insert through COPY, in the session's transaction."""
    buffer = io.StringIO()
    for row in rows:
        buffer.write("\t".join(r"\N" if v is None else _tsv(v) for v in row) + "\n")
    buffer.seek(0)
    cursor = model.Session.connection().connection.cursor()
    cursor.copy_expert(f"COPY {table} ({', '.join(columns)}) FROM STDIN", buffer)


def _tsv(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.4f}"
    text = value.isoformat() if isinstance(value, datetime.date) else str(value)
    return text.replace("\\", "\\\\").replace("\t", " ").replace("\n", " ")


#: What each feed's newest data is, for the date the app's page shows beside it.
_NEWEST = {
    "precios": "SELECT max(fecha)::text FROM grll_agro_precio_ultimo",
    "chacra": "SELECT to_char(make_date(anio, mes, 1), 'YYYY-MM') FROM grll_agro_chacra "
              "ORDER BY anio DESC, mes DESC LIMIT 1",
    "clima": "SELECT max(fecha)::text FROM grll_agro_estacion",
    # A campaign "2025-2026" ends in July of its second year.
    "siembras": "SELECT split_part(max(campana), '-', 2) || '-07' FROM grll_agro_siembra",
}


def fechas_de_datos() -> list[dict[str, Any]]:
    """Per feed with data: ``{"feed", "fecha", "conjuntos"}``, the newest date of the
    summaries and the public datasets it is drawn from (names)."""
    resources = _resources()
    tables = _feed_tables([r[0] for r in resources])
    ids = [table for feed in tables.values() for table, _columns in feed]
    owners = dict(model.Session.execute(sa.text(
        "SELECT r.id, p.name FROM resource r JOIN package p ON p.id = r.package_id "
        "WHERE r.id = ANY(:ids)"), {"ids": ids}).all()) if ids else {}
    result = []
    for feed, sql in _NEWEST.items():
        fecha = model.Session.execute(sa.text(sql)).scalar()
        datasets = sorted({owners[table] for table, _c in tables[feed] if table in owners})
        if fecha:
            result.append({"feed": feed, "fecha": fecha, "conjuntos": datasets})
    return result
