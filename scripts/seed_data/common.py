"""What every commitment's seed files are built on: the districts of La Libertad
(datasets/reference/la_libertad_districts.csv), their climate zones and the CSV writer.

The commitments' generators (seguridad.py, agua.py, agro.py, laboral.py) import from here;
generate.py runs them all.
"""
from __future__ import annotations

import csv
import datetime
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATASETS = ROOT / "datasets"
DATA = DATASETS / "data"  # generate.py writes elsewhere with --out
HARVEST = DATASETS / "harvest"  # samples served to the seed harvest sources
CUTOFF = datetime.date(2024, 12, 31)


@dataclass(frozen=True)
class District:
    ubigeo: str
    provincia_code: str
    provincia: str
    nombre: str
    capital: str
    altitud: float
    poblacion: int


def load_districts() -> list[District]:
    with (DATASETS / "reference" / "la_libertad_districts.csv").open(encoding="utf-8") as f:
        return [District(r["ubigeo"], r["ubigeo_provincia"], r["provincia"], r["distrito"],
                         r["capital"], float(r["altitud_capital_msnm"]),
                         int(r["poblacion_proyectada_2025"]))
                for r in csv.DictReader(f)]


DISTRICTS = load_districts()
BY_UBIGEO = {d.ubigeo: d for d in DISTRICTS}
PROVINCES = dict(sorted({d.provincia_code: d.provincia for d in DISTRICTS}.items()))

# Trujillo Metropolitano: the seven districts named by SUNASS, plus Alto Trujillo,
# created in 2022 out of El Porvenir.
TRUJILLO_METRO = {"130101", "130102", "130103", "130104", "130105", "130109", "130111",
                  "130112"}
FULLY_URBAN = {"130101", "130103", "130105", "130111", "130112"}


def write_csv(folder: Path, name: str, header: list[str], rows: list[list[object]]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / name).open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow(["" if v is None else v for v in row])
    print(f"{name}: {len(rows)} rows")


def zone(d: District) -> str:
    if d.altitud < 500:
        return "costa"
    if d.altitud < 2200:
        return "yunga"
    return "sierra"
