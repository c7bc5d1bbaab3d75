"""Drinking-water sample results -> records and datasets (pure functions).

One row per sample: where (sampling point, locality, district ubigeo), who (provider,
laboratory, data source), when (date and time) and the DS N.° 031-2010-SA control
parameters. A value may carry its unit ("1,2 UNT"); a unit other than the column's is
refused, never converted by guess. Ranges here reject physically impossible values
only; compliance with the limits is judged elsewhere, from configuration.
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any

from ckanext.grll.domains.tables import slug, ubigeos
from ckanext.grll.harvesting import dictionary as d
from ckanext.grll.harvesting import fields as f
from ckanext.grll.harvesting.base import Layout, RowError
from ckanext.grll.harvesting.dictionary import column


@dataclass(frozen=True)
class Parametro:
    column: str
    label: str
    #: The column's label on the English pages, with its unit.
    label_en: str
    unit: str
    #: Spellings of the same unit found in laboratory reports (compared lower-case,
    #: without spaces).
    aliases: frozenset[str]
    maximum: float
    integer: bool = False


PARAMETROS = (
    Parametro("cloro_residual_libre_mg_l", "Cloro residual libre",
              "Free residual chlorine (mg/L)", "mg/L",
              frozenset({"mg/l", "ppm", "mgcl2/l"}), 20),
    Parametro("turbiedad_unt", "Turbiedad", "Turbidity (NTU)", "UNT",
              frozenset({"unt", "ntu"}), 4000),
    Parametro("ph", "pH", "pH (pH units)", "unidades de pH",
              frozenset({"ph", "unidadesdeph", "uph"}), 14),
    Parametro("color_ucv", "Color", "Colour (TCU)", "UCV",
              frozenset({"ucv", "uc", "upt-co", "ptco", "pt-co"}), 1000),
    Parametro("conductividad_umho_cm", "Conductividad", "Conductivity (µmho/cm)", "µmho/cm",
              frozenset({"µmho/cm", "umho/cm", "µs/cm", "us/cm"}), 100000),
    Parametro("coliformes_totales_ufc_100ml", "Coliformes totales",
              "Total coliforms (CFU/100 mL)", "UFC/100 mL",
              frozenset({"ufc/100ml"}), 10_000_000, integer=True),
    Parametro("coliformes_termotolerantes_ufc_100ml", "Coliformes termotolerantes",
              "Thermotolerant coliforms (CFU/100 mL)", "UFC/100 mL",
              frozenset({"ufc/100ml"}), 10_000_000, integer=True),
)
#: A number followed by an optional unit: "0.85", "0,85 mg/L", "12 NTU", "<1 UFC/100 mL".
#: Laboratories write "<1" for coliforms when none grew: that is 0; any other "less
#: than" value would need a guess, so it is refused.
_VALUE = re.compile(r"^(?P<lt><)?\s*(?P<number>-?\d+(?:[.,]\d+)?)\s*(?P<unit>.*)$")


def measure(row: dict[str, Any], parametro: Parametro, key: str) -> float | int | None:
    """The parameter's value in its column unit, None when not measured."""
    raw = str(row.get(parametro.column) or "").strip()
    if not raw or raw.upper() in ("ND", "S/D", "-"):
        return None
    match = _VALUE.match(raw)
    if match is None:
        raise RowError(f"'{parametro.column}' no es un número: {raw!r}", key)
    unit = match["unit"].replace(" ", "").lower()
    if unit and unit not in parametro.aliases:
        raise RowError(f"'{parametro.column}': unidad '{match['unit']}' no válida "
                       f"(se espera {parametro.unit})", key)
    value = float(match["number"].replace(",", "."))
    if match["lt"]:
        if not parametro.integer or value > 1:
            raise RowError(f"'{parametro.column}': valor '{raw}' bajo el límite de detección "
                           "no admitido para este parámetro", key)
        value = 0
    if value < 0 or value > parametro.maximum:
        raise RowError(f"'{parametro.column}' fuera de rango (0 a {parametro.maximum:g} "
                       f"{parametro.unit}): {value:g}", key)
    if parametro.integer:
        if value != int(value):
            raise RowError(f"'{parametro.column}' debe ser un conteo entero: {value:g}", key)
        return int(value)
    return value


def hour(row: dict[str, Any], column_name: str, key: str) -> str:
    raw = str(row.get(column_name) or "").strip()
    try:
        return datetime.time.fromisoformat(raw if len(raw) != 4 else f"0{raw}").strftime("%H:%M")
    except ValueError:
        raise RowError(f"'{column_name}' no es una hora (HH:MM): {raw!r}", key) from None


def muestra_row(row: dict[str, Any]) -> dict[str, Any] | None:
    if not f.in_la_libertad(row, "ubigeo"):
        return None
    prestador = f.text(row, "prestador")
    fecha = f.date(row, "fecha_muestreo")
    key = muestra_key({"prestador": prestador, "fecha_muestreo": fecha})
    distrito = f.district(row, "ubigeo", key)
    record = {
        "codigo_muestra": f.text(row, "codigo_muestra", key),
        "fecha_muestreo": fecha,
        "fecha_hora_muestreo": f"{fecha}T{hour(row, 'hora_muestreo', key)}:00",
        "ubigeo": distrito.ubigeo, "provincia": distrito.provincia,
        "distrito": distrito.nombre,
        "localidad": f.text(row, "localidad", key),
        "punto_muestreo": f.text(row, "punto_muestreo", key),
        "prestador": prestador,
    }
    measured = {p.column: measure(row, p, key) for p in PARAMETROS}
    if all(value is None for value in measured.values()):
        raise RowError("la muestra no tiene ningún parámetro medido", key)
    record.update(measured)
    record["laboratorio"] = f.text(row, "laboratorio", key)
    record["fuente"] = f.text(row, "fuente", key)
    return record


def muestra_key(record: dict[str, Any]) -> str:
    return f"calidad-agua-{slug(record['prestador'])[:60]}-{record['fecha_muestreo'][:4]}-cosecha"


def muestra_dataset(key: str, records: list[dict[str, Any]]) -> dict[str, Any]:
    prestador, anio = records[0]["prestador"], records[0]["fecha_muestreo"][:4]
    fuentes = sorted({r["fuente"] for r in records})
    laboratorios = sorted({r["laboratorio"] for r in records})
    measured = [p for p in PARAMETROS if any(r[p.column] is not None for r in records)]
    return {
        "name": key,
        "type": "agua",
        "title": f"Calidad del agua para consumo humano: {prestador}, {anio}",
        "notes": (f"Resultados de las muestras de agua de consumo humano del prestador "
                  f"{prestador} en {anio}: punto de muestreo, localidad, distrito, fecha y "
                  "hora, y los parámetros de control del DS N.° 031-2010-SA. Cosechado "
                  "automáticamente de la fuente configurada; cada fila es una muestra. "
                  "Las filas con unidades desconocidas o valores imposibles no se publican "
                  "y quedan en el informe de la cosecha."),
        "entidad": "Gobierno Regional La Libertad - Gerencia Regional de Salud",
        "fuente": "; ".join(fuentes),
        "prestador": prestador,
        "tipo_prestador": tipo_prestador(prestador),
        "ubigeos": ubigeos(records),
        "localidades": sorted({r["localidad"] for r in records}),
        "programa_muestreo": programa(fuentes),
        "parametros_medidos": [PARAMETRO_SCHEMA[p.column] for p in measured],
        "laboratorio": "; ".join(laboratorios),
        "license_id": "odc-by",
        "frecuencia": "MONTHLY",
        "cobertura_espacial": "13",
        "cobertura_temporal_inicio": min(r["fecha_muestreo"] for r in records),
        "cobertura_temporal_fin": max(r["fecha_muestreo"] for r in records),
        "maintainer": "Dirección Ejecutiva de Salud Ambiental - Gerencia Regional de Salud",
        "maintainer_email": "salud-ambiental@regionlalibertad.gob.pe",
        "tags": [{"name": "calidad del agua"}, {"name": "agua potable"},
                 {"name": "cloro residual"}],
        "groups": [{"name": "agua-segura"}],
    }


#: Layout column -> value of the schema's `parametros_medidos` choice.
PARAMETRO_SCHEMA = {
    "cloro_residual_libre_mg_l": "cloro-residual-libre", "turbiedad_unt": "turbiedad",
    "ph": "ph", "color_ucv": "color", "conductividad_umho_cm": "conductividad",
    "coliformes_totales_ufc_100ml": "coliformes-totales",
    "coliformes_termotolerantes_ufc_100ml": "coliformes-termotolerantes",
}


def tipo_prestador(prestador: str) -> str:
    name = prestador.upper()
    if "JASS" in name or "JUNTA ADMINISTRADORA" in name:
        return "jass"
    if "MUNICIPALIDAD" in name:
        return "municipal"
    return "eps"


def programa(fuentes: list[str]) -> str:
    """Samples reported by the health authority are surveillance; the provider's own, control."""
    kinds = {"vigilancia" if "VIGILANCIA" in fuente.upper() else "control" for fuente in fuentes}
    return kinds.pop() if len(kinds) == 1 else "ambos"


MUESTRAS = Layout(
    name="muestras",
    fields=(column("codigo_muestra", "text", "Código de muestra",
                   "Código con el que el laboratorio identifica la muestra.",
                   label_en="Sample code"),
            column("fecha_muestreo", "date", "Fecha de muestreo",
                   "Día en que se tomó la muestra.", label_en="Sampling date"),
            column("fecha_hora_muestreo", "timestamp", "Fecha y hora de muestreo",
                   "Fecha y hora en que se tomó la muestra, cuando la fuente la indica.",
                   label_en="Sampling date and time"),
            d.ubigeo(), d.PROVINCIA, d.DISTRITO,
            column("localidad", "text", "Localidad",
                   "Centro poblado o localidad donde se tomó la muestra.", label_en="Locality"),
            column("punto_muestreo", "text", "Punto de muestreo",
                   "Lugar exacto del muestreo (reservorio, grifo de vivienda, pileta, etc.).",
                   label_en="Sampling point"),
            column("prestador", "text", "Prestador del servicio",
                   "Empresa, municipalidad o JASS que abastece de agua en ese punto.",
                   label_en="Service provider"),
            *(column(p.column, "int" if p.integer else "numeric", f"{p.label} ({p.unit})",
                     f"{p.label} medido en la muestra, en {p.unit}; vacío si no se midió. "
                     "Límites del DS 031-2010-SA en la página de calidad del agua.",
                     p.unit, label_en=p.label_en)
              for p in PARAMETROS),
            column("laboratorio", "text", "Laboratorio",
                   "Laboratorio que analizó la muestra.", label_en="Laboratory"),
            column("fuente", "text", "Fuente de los datos",
                   "Entidad o sistema del que proviene el resultado (p. ej. la DIRESA).",
                   label_en="Data source")),
    primary_key=(),
    parse_row=muestra_row, dataset_key=muestra_key, dataset_metadata=muestra_dataset,
    resource_name="Resultados de muestras de agua")

LAYOUTS = {MUESTRAS.name: MUESTRAS}
