"""Agricultural feeds -> records and datasets (pure functions), one layout per feed.

The harvest source's `formato` picks the feed: precios_mayoristas (MIDAGRI SISAP),
precios_chacra (SIEA farm-gate prices), clima (SENAMHI stations, daily or hourly) and
siembras (ENIS planting intentions and SIEA sown area). Products and markets must be
in the portal's catalogues, so that the farmers' app can compare like with like.
"""
from __future__ import annotations

import re
from typing import Any

from ckanext.grll.domains.tables import slug, ubigeos
from ckanext.grll.harvesting import dictionary as d
from ckanext.grll.harvesting import fields as f
from ckanext.grll.harvesting.base import Layout, RowError
from ckanext.grll.harvesting.dictionary import column

#: The product catalogue (SISAP and SIEA names); the dataset schemas offer the same
#: products as choices whose values are these names' slugs.
PRODUCTOS = {slug(name): name for name in (
    "Alcachofa", "Arándano", "Arroz", "Arroz cáscara", "Arroz pilado", "Arveja grano seco",
    "Arveja grano verde", "Arveja verde", "Caña de azúcar", "Camote", "Cebada grano",
    "Cebolla", "Choclo", "Espárrago", "Frijol grano seco", "Haba grano seco",
    "Haba grano verde", "Haba verde", "Limón", "Maíz amarillo duro", "Maíz amiláceo", "Mango",
    "Olluco", "Palta", "Páprika", "Papa", "Quinua", "Tomate", "Trigo", "Uva", "Yuca",
    "Zapallo")}
#: Wholesale markets: schema choice value -> name, and the spellings sources use.
MERCADOS = {
    "la-hermelinda": "Mercado Mayorista de Trujillo La Hermelinda",
    "mercado-frutas-lima": "Mercado Mayorista de Frutas N.° 2 (Lima)",
    "gran-mercado-mayorista-lima": "Gran Mercado Mayorista de Lima",
    "moshoqueque": "Mercado Mayorista Moshoqueque (Chiclayo)",
}
_MERCADO_ALIASES = {
    **{slug(name): value for value, name in MERCADOS.items()},
    "la-hermelinda": "la-hermelinda", "mercado-la-hermelinda": "la-hermelinda",
    "mercado-mayorista-de-trujillo": "la-hermelinda", "gmml": "gran-mercado-mayorista-lima",
    "mercado-mayorista-de-frutas-n-2": "mercado-frutas-lima",
    "mercado-mayorista-moshoqueque": "moshoqueque",
}
#: Prices are published in soles per kilogram; these are the ways sources write it.
_KILO = {"kg", "kilogramo", "s/kg", "s/.kg", "soles/kg", "s/porkg", "solesporkg"}
#: S/ per kg above this is a typing error for any product of the catalogue.
MAX_PRECIO_KG = 200.0
#: SENAMHI marks missing observations with these instead of leaving the cell empty.
_SIN_DATO = {"S/D", "SD", "-99.9", "-999", "-999.0", "-99", "-888", "-888.0"}
_CAMPANIA = re.compile(r"^(\d{4})\s*-\s*(\d{4})$")


def producto(row: dict[str, Any], column_name: str, key: str | None) -> str:
    name = f.text(row, column_name, key)
    found = PRODUCTOS.get(slug(name))
    if found is None:
        raise RowError(f"'{column_name}': producto '{name}' no está en el catálogo del portal",
                       key)
    return found


def mercado_clave(name: str) -> str:
    """The market's catalogue value for any spelling sources use (else its slug)."""
    return _MERCADO_ALIASES.get(slug(name), slug(name))


def mercado(row: dict[str, Any], key: str | None) -> str:
    name = f.text(row, "mercado", key)
    value = mercado_clave(name)
    if value not in MERCADOS:
        raise RowError(f"'mercado': mercado desconocido '{name}'", key)
    return MERCADOS[value]


def precio(row: dict[str, Any], column_name: str, key: str | None) -> float:
    value = f.number(row, column_name, key)
    if value is None:
        raise RowError(f"falta '{column_name}'", key)
    if not 0 < value <= MAX_PRECIO_KG:
        raise RowError(f"'{column_name}' fuera de rango (más de 0 y hasta "
                       f"{MAX_PRECIO_KG:g} S/ por kg): {value:g}", key)
    return value


def observacion(row: dict[str, Any], column_name: str, key: str, minimum: float,
                maximum: float) -> float | None:
    if str(row.get(column_name) or "").strip().upper() in _SIN_DATO:
        return None
    return f.number(row, column_name, key, minimum=minimum, maximum=maximum)


# --- precios_mayoristas: fecha, mercado, producto, variedad, procedencia, unidad,
#     precio_minimo, precio_maximo, precio_promedio, volumen_t -------------------------------

def mayorista_row(row: dict[str, Any]) -> dict[str, Any]:
    fecha = f.date(row, "fecha")
    key = mayorista_key({"fecha": fecha})
    unidad = str(row.get("unidad") or "").strip()
    if unidad.replace(" ", "").lower() not in _KILO:
        raise RowError(f"'unidad' debe ser kg (precios en S/ por kg), no {unidad!r}", key)
    record = {"fecha": fecha, "mercado": mercado(row, key),
              "producto": producto(row, "producto", key),
              "variedad": f.text(row, "variedad", key),
              "procedencia": str(row.get("procedencia") or "").strip(),
              "precio_minimo": precio(row, "precio_minimo", key),
              "precio_maximo": precio(row, "precio_maximo", key),
              "precio_promedio": precio(row, "precio_promedio", key),
              "volumen_t": f.number(row, "volumen_t", key, minimum=0, maximum=100000)}
    if not record["precio_minimo"] <= record["precio_promedio"] <= record["precio_maximo"]:
        raise RowError("el precio promedio debe estar entre el mínimo y el máximo", key)
    return record


def mayorista_key(record: dict[str, Any]) -> str:
    return f"precios-mayoristas-{record['fecha'][:4]}-cosecha"


def mayorista_dataset(key: str, records: list[dict[str, Any]]) -> dict[str, Any]:
    anio = records[0]["fecha"][:4]
    mercados = {r["mercado"] for r in records}
    return _dataset(
        key, "agro-precios", records, "fecha", "DAILY",
        title=f"Precios mayoristas diarios por producto y mercado, {anio} (SISAP)",
        notes=("Precios mínimo, máximo y promedio en soles por kilogramo, por día, mercado "
               "mayorista, producto y variedad, con la procedencia y el volumen ingresado, "
               "del Sistema de Abastecimiento y Precios (SISAP) del MIDAGRI. Cosechado "
               "automáticamente de la fuente configurada."),
        fuente="Sistema de Abastecimiento y Precios (SISAP) - MIDAGRI",
        tipo_precio="mayorista", unidad_precio="soles-kg", resolucion_temporal="diaria",
        productos=sorted({slug(r["producto"]) for r in records}),
        mercados=[value for value, name in MERCADOS.items() if name in mercados],
        tags=["precios", "mercado mayorista", "SISAP"])


MAYORISTAS = Layout(
    name="precios_mayoristas",
    fields=(column("fecha", "date", "Fecha", "Día al que corresponden los precios.",
                   label_en="Date"),
            column("mercado", "text", "Mercado",
                   "Mercado mayorista donde se registró el precio (SISAP - MIDAGRI).",
                   label_en="Market"),
            column("producto", "text", "Producto", "Producto agrícola según el SISAP.",
                   label_en="Product"),
            column("variedad", "text", "Variedad",
                   "Variedad o calidad del producto; vacía si la fuente no la indica.",
                   label_en="Variety"),
            column("procedencia", "text", "Procedencia",
                   "Lugar de origen del producto que ingresó al mercado.", label_en="Origin"),
            column("precio_minimo", "numeric", "Precio mínimo (S/ por kg)",
                   "Precio más bajo pagado ese día en el mercado, en soles por kilogramo.",
                   "S/ por kg", label_en="Minimum price (S/ per kg)"),
            column("precio_maximo", "numeric", "Precio máximo (S/ por kg)",
                   "Precio más alto pagado ese día en el mercado, en soles por kilogramo.",
                   "S/ por kg", label_en="Maximum price (S/ per kg)"),
            column("precio_promedio", "numeric", "Precio promedio (S/ por kg)",
                   "Precio promedio del día en el mercado, en soles por kilogramo.",
                   "S/ por kg", label_en="Average price (S/ per kg)"),
            column("volumen_t", "numeric", "Volumen ingresado (t)",
                   "Cantidad del producto que ingresó al mercado ese día, en toneladas.",
                   "t", label_en="Volume received (t)")),
    primary_key=(),
    parse_row=mayorista_row, dataset_key=mayorista_key, dataset_metadata=mayorista_dataset,
    resource_name="Precios mayoristas por día, mercado y producto")


# --- precios_chacra: anio, mes, ubigeo, cultivo, precio_chacra_soles_kg --------------------

def chacra_row(row: dict[str, Any]) -> dict[str, Any] | None:
    if not f.in_la_libertad(row, "ubigeo"):
        return None
    anio = f.integer(row, "anio", minimum=2000, maximum=2100)
    key = chacra_key({"anio": anio})
    distrito = f.district(row, "ubigeo", key)
    return {"anio": anio, "mes": f.integer(row, "mes", key, minimum=1, maximum=12),
            "ubigeo": distrito.ubigeo, "provincia": distrito.provincia,
            "distrito": distrito.nombre, "cultivo": producto(row, "cultivo", key),
            "precio_chacra_soles_kg": precio(row, "precio_chacra_soles_kg", key)}


def chacra_key(record: dict[str, Any]) -> str:
    return f"precios-chacra-{record['anio']}-cosecha"


def chacra_dataset(key: str, records: list[dict[str, Any]]) -> dict[str, Any]:
    anio = records[0]["anio"]
    return _dataset(
        key, "agro-precios", records, None, "MONTHLY",
        title=f"Precios en chacra por distrito y cultivo, La Libertad {anio} (SIEA)",
        notes=("Precio promedio mensual pagado al productor en chacra, en soles por "
               "kilogramo, por distrito y cultivo, del Sistema Integrado de Estadística "
               "Agraria (SIEA) del MIDAGRI. Cosechado automáticamente de la fuente "
               "configurada."),
        fuente="Sistema Integrado de Estadística Agraria (SIEA) - MIDAGRI",
        tipo_precio="chacra", unidad_precio="soles-kg", resolucion_temporal="mensual",
        productos=sorted({slug(r["cultivo"]) for r in records}), ubigeos=ubigeos(records),
        tags=["precios", "precio en chacra", "SIEA"],
        periodo=(f"{anio}-01-01", f"{anio}-12-31"))


CHACRA = Layout(
    name="precios_chacra",
    fields=(d.anio("Año de la observación del precio."),
            d.mes("Mes de la observación del precio (1 = enero, 12 = diciembre)."),
            d.ubigeo(), d.PROVINCIA, d.DISTRITO,
            column("cultivo", "text", "Cultivo", "Producto agrícola vendido por el productor.",
                   label_en="Crop"),
            column("precio_chacra_soles_kg", "numeric", "Precio en chacra (S/ por kg)",
                   "Precio promedio que recibe el productor en su unidad agropecuaria, en "
                   "soles por kilogramo (sin transporte ni comercialización).",
                   "S/ por kg", label_en="Farm-gate price (S/ per kg)")),
    primary_key=(),
    parse_row=chacra_row, dataset_key=chacra_key, dataset_metadata=chacra_dataset,
    resource_name="Precios en chacra por mes, distrito y cultivo")


# --- clima: estacion, ubigeo, Fecha, Hora (automatic stations only), TemperaturaMax,
#     TemperaturaMin, Temperatura, HumedadRelativa, Precipitacion, DireccionViento,
#     VelocidadViento -------------------------------------------------------------------

#: column -> (record field, schema variable, minimum, maximum)
VARIABLES = {
    "TemperaturaMax": ("temperatura_max", "temperatura-maxima", -30, 50),
    "TemperaturaMin": ("temperatura_min", "temperatura-minima", -30, 50),
    "Temperatura": ("temperatura", "temperatura", -30, 50),
    "HumedadRelativa": ("humedad_relativa", "humedad-relativa", 0, 100),
    "Precipitacion": ("precipitacion_mm", "precipitacion", 0, 500),
    "DireccionViento": ("direccion_viento", "direccion-viento", 0, 360),
    "VelocidadViento": ("velocidad_viento", "velocidad-viento", 0, 75),
}


def clima_row(row: dict[str, Any]) -> dict[str, Any]:
    estacion = f.text(row, "estacion")
    fecha = f.date(row, "Fecha")
    hora = str(row.get("Hora") or "").strip()
    tipo = "automatica" if hora else "convencional"
    key = clima_key({"estacion": estacion, "fecha": fecha, "tipo_estacion": tipo})
    if hora and not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", hora.zfill(5)):
        raise RowError(f"'Hora' no es una hora (HH:MM): {hora!r}", key)
    distrito = f.district(row, "ubigeo", key)
    record = {"estacion": estacion, "tipo_estacion": tipo, "ubigeo": distrito.ubigeo,
              "provincia": distrito.provincia, "distrito": distrito.nombre, "fecha": fecha,
              "hora": hora.zfill(5) if hora else None}
    for source, (field, _, low, high) in VARIABLES.items():
        record[field] = observacion(row, source, key, low, high)
    if all(record[field] is None for field, *_ in VARIABLES.values()):
        raise RowError("la observación no tiene ninguna variable medida", key)
    tmax, tmin = record["temperatura_max"], record["temperatura_min"]
    if tmax is not None and tmin is not None and tmin > tmax:
        raise RowError(f"TemperaturaMin ({tmin:g}) mayor que TemperaturaMax ({tmax:g})", key)
    return record


def clima_key(record: dict[str, Any]) -> str:
    kind = "horario" if record["tipo_estacion"] == "automatica" else "diario"
    return f"clima-{kind}-{slug(record['estacion'])[:50]}-{record['fecha'][:4]}-cosecha"


def clima_dataset(key: str, records: list[dict[str, Any]]) -> dict[str, Any]:
    first = records[0]
    anio, estacion = first["fecha"][:4], first["estacion"]
    hourly = first["tipo_estacion"] == "automatica"
    measured = [variable for field, variable, *_ in VARIABLES.values()
                if any(r[field] is not None for r in records)]
    return _dataset(
        key, "agro-clima", records, "fecha", "DAILY",
        title=(f"Clima {'por hora' if hourly else 'diario'} de la estación {estacion}, "
               f"{anio} (SENAMHI)"),
        notes=(f"Observaciones {'horarias de la estación automática' if hourly else 'diarias de la estación convencional'} "
               f"{estacion} ({first['distrito']}, {first['provincia']}) del Servicio "
               "Nacional de Meteorología e Hidrología (SENAMHI): temperatura, humedad "
               "relativa y precipitación. Los datos faltantes de la fuente (S/D, -99.9) "
               "quedan vacíos. Cosechado automáticamente de la fuente configurada."),
        fuente="Red de estaciones meteorológicas del SENAMHI",
        estaciones=[estacion], tipo_estacion=first["tipo_estacion"],
        variables_meteorologicas=measured, ubigeos=ubigeos(records),
        resolucion_temporal="horaria" if hourly else "diaria",
        tags=["clima", "SENAMHI", "estaciones meteorológicas"])


CLIMA = Layout(
    name="clima",
    fields=(column("estacion", "text", "Estación",
                   "Nombre de la estación meteorológica del SENAMHI.", label_en="Station"),
            column("tipo_estacion", "text", "Tipo de estación",
                   "convencional (lecturas diarias) o automatica (lecturas por hora).",
                   label_en="Station type"),
            d.ubigeo(), d.PROVINCIA, d.DISTRITO,
            column("fecha", "date", "Fecha", "Día de la observación.", label_en="Date"),
            column("hora", "text", "Hora (HH:MM)",
                   "Hora local de la lectura; solo en estaciones automáticas, vacía en las "
                   "convencionales.", label_en="Time (HH:MM)"),
            column("temperatura_max", "numeric", "Temperatura máxima (°C)",
                   "Temperatura máxima del aire en el día, en grados Celsius.", "°C",
                   label_en="Maximum temperature (°C)"),
            column("temperatura_min", "numeric", "Temperatura mínima (°C)",
                   "Temperatura mínima del aire en el día, en grados Celsius.", "°C",
                   label_en="Minimum temperature (°C)"),
            column("temperatura", "numeric", "Temperatura del aire (°C)",
                   "Temperatura del aire en la lectura, en grados Celsius.", "°C",
                   label_en="Air temperature (°C)"),
            column("humedad_relativa", "numeric", "Humedad relativa (%)",
                   "Humedad relativa del aire, en porcentaje (0 a 100).", "%",
                   label_en="Relative humidity (%)"),
            column("precipitacion_mm", "numeric", "Precipitación (mm)",
                   "Lluvia acumulada en el periodo de la lectura, en milímetros.", "mm",
                   label_en="Precipitation (mm)"),
            column("direccion_viento", "numeric", "Dirección del viento (grados)",
                   "Dirección de la que sopla el viento, en grados desde el norte (0 a "
                   "360).", "°", label_en="Wind direction (degrees)"),
            column("velocidad_viento", "numeric", "Velocidad del viento (m/s)",
                   "Velocidad del viento, en metros por segundo.", "m/s",
                   label_en="Wind speed (m/s)")),
    primary_key=(),
    parse_row=clima_row, dataset_key=clima_key, dataset_metadata=clima_dataset,
    resource_name="Observaciones meteorológicas")


# --- siembras: campana, ubigeo, cultivo, intencion_siembra_ha, superficie_sembrada_ha ----

def campania(row: dict[str, Any]) -> str:
    raw = str(row.get("campana") or "").strip()
    match = _CAMPANIA.match(raw)
    if match is None or int(match[2]) != int(match[1]) + 1 or not 2000 <= int(match[1]) < 2100:
        raise RowError(f"'campana' debe ser dos años seguidos, p. ej. 2024-2025: {raw!r}")
    return f"{match[1]}-{match[2]}"


def siembra_row(row: dict[str, Any]) -> dict[str, Any] | None:
    if not f.in_la_libertad(row, "ubigeo"):
        return None
    campana = campania(row)
    key = siembra_key({"campana": campana})
    distrito = f.district(row, "ubigeo", key)
    record = {"campana": campana, "ubigeo": distrito.ubigeo, "provincia": distrito.provincia,
              "distrito": distrito.nombre, "cultivo": producto(row, "cultivo", key),
              "intencion_siembra_ha": f.number(row, "intencion_siembra_ha", key,
                                               minimum=0, maximum=200000),
              "superficie_sembrada_ha": f.number(row, "superficie_sembrada_ha", key,
                                                 minimum=0, maximum=200000)}
    if record["intencion_siembra_ha"] is None and record["superficie_sembrada_ha"] is None:
        raise RowError("falta 'intencion_siembra_ha' o 'superficie_sembrada_ha'", key)
    return record


def siembra_key(record: dict[str, Any]) -> str:
    return f"siembras-campana-{record['campana']}-cosecha"


def siembra_dataset(key: str, records: list[dict[str, Any]]) -> dict[str, Any]:
    campana = records[0]["campana"]
    start = int(campana[:4])
    variables = [variable for field, variable in (
        ("intencion_siembra_ha", "intencion-siembra"),
        ("superficie_sembrada_ha", "superficie-sembrada"))
        if any(r[field] is not None for r in records)]
    return _dataset(
        key, "agro-siembras", records, None, "ANNUAL",
        title=f"Intenciones de siembra y superficie sembrada por distrito, campaña {campana}",
        notes=("Hectáreas que los productores declaran que sembrarán (Encuesta Nacional de "
               "Intenciones de Siembra, ENIS) y hectáreas sembradas (SIEA) por distrito y "
               f"cultivo en la campaña agrícola {campana} (agosto a julio). Cosechado "
               "automáticamente de la fuente configurada."),
        fuente="ENIS y Sistema Integrado de Estadística Agraria (SIEA) - MIDAGRI",
        campanias=[campana], productos=sorted({slug(r["cultivo"]) for r in records}),
        variables_siembra=variables, ubigeos=ubigeos(records),
        tags=["siembras", "campaña agrícola", "ENIS"],
        periodo=(f"{start}-08-01", f"{start + 1}-07-31"))


SIEMBRAS = Layout(
    name="siembras",
    fields=(column("campana", "text", "Campaña agrícola",
                   "Campaña agrícola, de agosto a julio (p. ej. 2023-2024).",
                   label_en="Farming season"),
            d.ubigeo(), d.PROVINCIA, d.DISTRITO,
            column("cultivo", "text", "Cultivo", "Cultivo sembrado o por sembrar.",
                   label_en="Crop"),
            column("intencion_siembra_ha", "numeric", "Intención de siembra (ha)",
                   "Superficie que los productores declararon que sembrarían en la "
                   "campaña, en hectáreas.", "ha", label_en="Planting intentions (ha)"),
            column("superficie_sembrada_ha", "numeric", "Superficie sembrada (ha)",
                   "Superficie efectivamente sembrada en la campaña, en hectáreas.", "ha",
                   label_en="Area planted (ha)")),
    primary_key=(),
    parse_row=siembra_row, dataset_key=siembra_key, dataset_metadata=siembra_dataset,
    resource_name="Siembras por distrito y cultivo")


def _dataset(key: str, dataset_type: str, records: list[dict[str, Any]],
             date_field: str | None, frecuencia: str, *, title: str, notes: str, fuente: str,
             tags: list[str], periodo: tuple[str, str] | None = None,
             **fields: Any) -> dict[str, Any]:
    """What the four feeds' datasets share; `periodo` defaults to the records' dates."""
    if periodo is None:
        dates = [r[date_field] for r in records]
        periodo = (min(dates), max(dates))
    return {
        "name": key, "type": dataset_type, "title": title, "notes": notes,
        "entidad": "Gobierno Regional La Libertad - Gerencia Regional de Agricultura",
        "fuente": fuente, "license_id": "odc-by", "frecuencia": frecuencia,
        "cobertura_espacial": "13",
        "cobertura_temporal_inicio": periodo[0], "cobertura_temporal_fin": periodo[1],
        "maintainer": "Dirección de Información Agraria - Gerencia Regional de Agricultura",
        "maintainer_email": "informacion-agraria@regionlalibertad.gob.pe",
        "tags": [{"name": tag} for tag in tags],
        "groups": [{"name": "mercado-agrario"}],
        **fields,
    }


LAYOUTS = {layout.name: layout for layout in (MAYORISTAS, CHACRA, CLIMA, SIEMBRAS)}
