"""The answers of the app and of the JSON API, read from the summary tables.

Every answer is compact: short keys, no nulls (a missing figure is left out), prices
in S/ per kg rounded to cents. Products, crops and markets are keyed by slug, with
their display names under ``nombres``.
"""
from __future__ import annotations

import datetime
import math
from typing import Any

import ckan.plugins.toolkit as tk
import sqlalchemy as sa
from ckan import model
from ckan.plugins.toolkit import _

from ckanext.grll import reference
from ckanext.grll.domains.agro import config
from ckanext.grll.domains.tables import slug

#: At most this many products per latest-prices call (keeps answers small).
MAX_PRODUCTOS = 20


def _rows(sql: str, **params: Any) -> list[Any]:
    return list(model.Session.execute(sa.text(sql), params))


def _money(value: Any) -> float:
    return round(float(value), 2)


def _names(keys: set[str]) -> dict[str, str]:
    if not keys:
        return {}
    rows = _rows("SELECT clave, nombre FROM grll_agro_nombre WHERE clave = ANY(:k)",
                 k=sorted(keys))
    return dict(rows)


# --- what the portal has prices of ------------------------------------------------------

def sin_precios(productos: list[str]) -> list[str]:
    """Those of ``productos`` without wholesale prices in the portal."""
    known = {row[0] for row in _rows(
        "SELECT DISTINCT producto FROM grll_agro_precio_ultimo WHERE producto = ANY(:p)",
        p=productos)}
    return [p for p in productos if p not in known]


def tiene_precios(mercado: str) -> bool:
    return bool(_rows("SELECT 1 FROM grll_agro_precio_ultimo WHERE mercado = :m LIMIT 1",
                      m=mercado))


def con_precio(column: str) -> list[tuple[str, str]]:
    """(slug, name) of the products (or markets) with wholesale prices, by name."""
    assert column in ("producto", "mercado")
    rows = _rows(f"""
        SELECT DISTINCT u.{column}, coalesce(n.nombre, u.{column})
        FROM grll_agro_precio_ultimo u LEFT JOIN grll_agro_nombre n ON n.clave = u.{column}
    """)
    return sorted(((key, name) for key, name in rows), key=lambda item: slug(item[1]))


# --- latest prices ----------------------------------------------------------------------

def ultimos_precios(productos: list[str], mercado: str | None,
                    ubigeo: str | None) -> dict[str, Any]:
    """Latest day's range and average per product and market, with 4 and 12-week trends;
    with ``ubigeo``, the latest official farm-gate price of each product there."""
    rows = _rows("""
        SELECT producto, mercado, fecha, minimo, maximo, promedio, tendencia_4, tendencia_12
        FROM grll_agro_precio_ultimo
        WHERE (:todos OR producto = ANY(:productos)) AND (:mercado IS NULL OR mercado = :mercado)
        ORDER BY producto, mercado
    """, todos=not productos, productos=productos, mercado=mercado)
    precios: dict[str, dict[str, Any]] = {}
    for producto, market, dia, lo, hi, avg, t4, t12 in rows:
        entry = {"f": dia.isoformat(), "n": _money(lo), "x": _money(hi), "a": _money(avg)}
        if t4 is not None:
            entry["t4"] = float(t4)
        if t12 is not None:
            entry["t12"] = float(t12)
        precios.setdefault(producto, {})[market] = entry
    result: dict[str, Any] = {"precios": precios}
    if ubigeo:
        chacra = precio_chacra_oficial(list(precios), ubigeo)
        if chacra:
            result["chacra"] = chacra
    markets = {m for entries in precios.values() for m in entries}
    result["nombres"] = _names(set(precios) | markets)
    return result


def precio_chacra_oficial(cultivos: list[str], ubigeo: str) -> dict[str, Any]:
    """The latest official (SIEA) farm-gate price per crop in the district, or else the
    median of the region's districts that month (``r``: 1)."""
    result: dict[str, Any] = {}
    rows = _rows("""
        SELECT DISTINCT ON (cultivo) cultivo, anio, mes, precio, ubigeo = :ubigeo
        FROM (SELECT cultivo, ubigeo, anio, mes, precio FROM grll_agro_chacra
              WHERE cultivo = ANY(:cultivos) AND ubigeo = :ubigeo
              UNION ALL
              SELECT cultivo, '', anio, mes,
                     percentile_cont(0.5) WITHIN GROUP (ORDER BY precio)
              FROM grll_agro_chacra WHERE cultivo = ANY(:cultivos)
              GROUP BY cultivo, anio, mes) t
        ORDER BY cultivo, anio DESC, mes DESC, ubigeo = :ubigeo DESC
    """, cultivos=cultivos, ubigeo=ubigeo)
    for cultivo, anio, mes, precio, own in rows:
        result[cultivo] = {"m": f"{anio}-{mes:02d}", "v": _money(precio)}
        if not own:
            result[cultivo]["r"] = 1
    return result


# --- price history ----------------------------------------------------------------------

def historial(producto: str, mercado: str | None, desde: datetime.date | None,
              hasta: datetime.date | None) -> dict[str, Any]:
    """Average, minimum and maximum per day (up to 92 days), week (up to 2 years) or
    month, per market, as parallel arrays."""
    if hasta is None:
        hasta = _rows("SELECT max(fecha) FROM grll_agro_precio_ultimo WHERE producto = :p",
                      p=producto)[0][0]
    if desde is None:
        desde = hasta - datetime.timedelta(days=config.history_days() - 1)
    if desde > hasta:
        # Known only here: without ``hasta`` the end is the latest day with prices.
        raise tk.ValidationError({"desde": [_("La fecha inicial es posterior a la final")]})
    span = (hasta - desde).days
    paso = "dia" if span <= 92 else "semana" if span <= 731 else "mes"
    unit = {"dia": "day", "semana": "week", "mes": "month"}[paso]
    rows = _rows(f"""
        SELECT mercado, date_trunc('{unit}', fecha)::date AS periodo, avg(promedio),
               min(minimo), max(maximo)
        FROM grll_agro_precio
        WHERE producto = :p AND fecha BETWEEN :desde AND :hasta
          AND (:mercado IS NULL OR mercado = :mercado)
        GROUP BY 1, 2 ORDER BY 1, 2
    """, p=producto, desde=desde, hasta=hasta, mercado=mercado)
    series: dict[str, dict[str, list[Any]]] = {}
    for market, periodo, avg, lo, hi in rows:
        serie = series.setdefault(market, {"f": [], "a": [], "n": [], "x": []})
        serie["f"].append(periodo.isoformat())
        serie["a"].append(_money(avg))
        serie["n"].append(_money(lo))
        serie["x"].append(_money(hi))
    return {"p": producto, "paso": paso, "desde": desde.isoformat(),
            "hasta": hasta.isoformat(), "series": series,
            "nombres": _names({producto} | set(series))}


# --- weather ----------------------------------------------------------------------------

def _km(a: reference.Distrito, b: reference.Distrito) -> float:
    """Great-circle distance between two district capitals."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * 6371 * math.asin(math.sqrt(h))


def clima(lugar: reference.Distrito) -> dict[str, Any]:
    """Latest observation and recent days of the station nearest to the district's
    capital (stations are placed at the capital of their district)."""
    districts = reference.distritos()
    stations = [(row, districts[row.ubigeo]) for row in _rows(
        "SELECT estacion, ubigeo, tipo, fecha, hora, ultima, dias FROM grll_agro_estacion")
        if row.ubigeo in districts]
    if not stations:
        return {}
    station, where = min(stations, key=lambda s: (_km(lugar, s[1]), s[0].estacion))
    result = {"estacion": station.estacion, "ubigeo": station.ubigeo,
              "distrito": where.nombre, "km": round(_km(lugar, where), 1),
              "tipo": station.tipo, "f": station.fecha.isoformat(), "u": station.ultima,
              "dias": station.dias}
    if station.hora:
        result["h"] = station.hora
    return result


# --- planting ---------------------------------------------------------------------------

def siembras(lugar: reference.Distrito, cultivo: str | None) -> dict[str, Any]:
    """Hectares of the latest campaign against the mean of the (up to) 5 campaigns
    before, per crop, in the district and in its province. A campaign of the data
    without a crop counts as 0 ha for that crop."""
    campanas = [row[0] for row in _rows(
        "SELECT DISTINCT campana FROM grll_agro_siembra ORDER BY campana DESC LIMIT 6")]
    if not campanas:
        return {}
    actual, previas = campanas[0], campanas[1:]
    same_province = [d.ubigeo for d in reference.distritos().values()
                     if d.ubigeo_provincia == lugar.ubigeo_provincia]
    result: dict[str, Any] = {"campana": actual, "previas": len(previas)}
    crops: set[str] = set()
    for scope, ubigeos in (("distrito", [lugar.ubigeo]), ("provincia", same_province)):
        rows = _rows("""
            SELECT cultivo, sum(hectareas) FILTER (WHERE campana = :actual),
                   sum(hectareas) FILTER (WHERE campana = ANY(:previas))
            FROM grll_agro_siembra
            WHERE ubigeo = ANY(:ubigeos) AND campana = ANY(:campanas)
              AND (:cultivo IS NULL OR cultivo = :cultivo)
            GROUP BY cultivo ORDER BY 2 DESC NULLS LAST, cultivo
        """, actual=actual, previas=previas, ubigeos=ubigeos, campanas=campanas,
            cultivo=cultivo)
        block = {}
        for crop, now, before in rows:
            entry = {"ha": round(float(now or 0), 1)}
            if previas:
                entry["prom5"] = round(float(before or 0) / len(previas), 1)
            block[crop] = entry
            crops.add(crop)
        result[scope] = block
    result["nombre_distrito"] = lugar.nombre
    result["nombre_provincia"] = lugar.provincia
    result["nombres"] = _names(crops)
    return result


def ultima_actualizacion() -> datetime.datetime | None:
    """When the summaries were last rebuilt or the last farm-gate report arrived."""
    return _rows("""
        SELECT greatest((SELECT built FROM grll_summary_state WHERE name = 'agro'),
                        (SELECT max(created) FROM grll_agro_reporte_chacra))
    """)[0][0]
