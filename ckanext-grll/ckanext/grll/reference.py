"""La Libertad's territorial reference data: provinces and districts with INEI ubigeo.

Read once from datasets/reference/ (INEI data via MIT-licensed sources; see
datasets/reference/NOTICE.md) and shared by schemas, validators, the seed catalog
and the domain plugins.
"""
from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from pathlib import Path

REGION_UBIGEO = "13"
REGION_NAME = "La Libertad"
DATASETS_DIR = Path(__file__).resolve().parents[3] / "datasets"
REFERENCE_DIR = DATASETS_DIR / "reference"


@dataclass(frozen=True)
class Distrito:
    ubigeo: str
    nombre: str
    ubigeo_provincia: str
    provincia: str
    capital: str
    poblacion: int
    lat: float
    lon: float


@functools.cache
def distritos() -> dict[str, Distrito]:
    """The 84 districts keyed by their 6-digit INEI ubigeo."""
    with (REFERENCE_DIR / "la_libertad_districts.csv").open(encoding="utf-8") as source:
        return {
            row["ubigeo"]: Distrito(
                ubigeo=row["ubigeo"], nombre=row["distrito"],
                ubigeo_provincia=row["ubigeo_provincia"], provincia=row["provincia"],
                capital=row["capital"], poblacion=int(row["poblacion_proyectada_2025"]),
                lat=float(row["lat_capital"]), lon=float(row["lon_capital"]))
            for row in csv.DictReader(source)
        }


@functools.cache
def provincias() -> dict[str, str]:
    """The 12 provinces: 4-digit ubigeo -> name."""
    return {d.ubigeo_provincia: d.provincia for d in distritos().values()}


def ubigeo_label(code: str) -> str | None:
    """Human label of a region, province or district ubigeo; None if unknown."""
    if code == REGION_UBIGEO:
        return f"Región {REGION_NAME}"
    if code in provincias():
        return f"Provincia {provincias()[code]}"
    if code in distritos():
        d = distritos()[code]
        return f"{d.nombre} ({d.provincia})"
    return None


def ubigeo_choices() -> list[dict[str, str]]:
    """Choices for scheming select fields: region, then each province and its districts."""
    choices = [{"value": REGION_UBIGEO, "label": f"Región {REGION_NAME} (toda la región)"}]
    for code, name in sorted(provincias().items()):
        choices.append({"value": code, "label": f"Provincia {name}"})
        choices.extend(
            {"value": d.ubigeo, "label": f"— {d.nombre}"}
            for d in sorted(distritos().values(), key=lambda d: d.ubigeo)
            if d.ubigeo_provincia == code)
    return choices
