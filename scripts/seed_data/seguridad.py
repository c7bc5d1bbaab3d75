"""Seguridad ciudadana: the seed files of SIDPOL (police complaints), the district
comparison built from them and the Ministerio Público's crimes, plus SIDPOL's 2023 file
behind the seed harvest source."""
from __future__ import annotations

import math
import random
from collections import defaultdict
from pathlib import Path

from common import DISTRICTS, TRUJILLO_METRO, District, write_csv, zone


def poisson(rng: random.Random, lam: float) -> int:
    if lam <= 0:
        return 0
    if lam > 60:
        return max(0, round(rng.gauss(lam, math.sqrt(lam))))
    limit, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1



def crime_factor(d: District) -> float:
    """Relative reporting level: highest in Trujillo's centre, lowest in the highlands."""
    if d.ubigeo == "130101":
        return 1.9
    if d.ubigeo in TRUJILLO_METRO:
        return 1.35
    if zone(d) == "costa":
        return 1.0 if d.poblacion > 20000 else 0.8
    if d.provincia_code == "1308":  # Pataz: artisanal gold mining
        return 0.75
    return 0.4 if d.poblacion > 8000 else 0.3



# SIDPOL modality -> annual complaints per 100,000 inhabitants at factor 1.
SIDPOL_MODALIDADES = {
    "Hurto": 780, "Robo": 560, "Estafa": 190, "Extorsión": 85, "Lesiones": 110,
    "Violencia contra la mujer e integrantes del grupo familiar": 420,
    "Violación de la libertad sexual": 48, "Homicidio": 14,
}
PATRIMONIO = {"Hurto", "Robo", "Estafa", "Extorsión"}
MONTH_SEASON = [0.96, 0.92, 0.98, 0.97, 1.0, 0.98, 1.04, 1.02, 0.99, 1.03, 1.02, 1.09]


def sidpol(out: Path) -> dict[str, dict[str, int]]:
    rng = random.Random(130101)
    rows, totals = [], defaultdict(lambda: defaultdict(int))
    for month in range(1, 13):
        for d in DISTRICTS:
            for modalidad, rate in SIDPOL_MODALIDADES.items():
                factor = crime_factor(d)
                if modalidad == "Extorsión" and d.ubigeo in TRUJILLO_METRO:
                    factor *= 2.2
                if modalidad == "Homicidio" and d.provincia_code == "1308":
                    factor *= 3.0
                lam = rate * factor * d.poblacion / 100000 / 12 * MONTH_SEASON[month - 1]
                n = poisson(rng, lam)
                if n:
                    rows.append([2024, month, "LA LIBERTAD", d.provincia.upper(),
                                 d.nombre.upper(), d.ubigeo, modalidad, n])
                    totals[d.ubigeo][modalidad] += n
    write_csv(out, "denuncias_sidpol_2024.csv",
              ["ANIO", "MES", "DPTO_HECHO_NEW", "PROV_HECHO", "DIST_HECHO", "UBIGEO_HECHO",
               "P_MODALIDADES", "cantidad"], rows)
    return totals


def sidpol_harvest_sample(out: Path) -> None:
    """The 2023 file behind the seed harvest source (datasets/harvest/), in SIDPOL's
    national layout: it also holds rows of another department, which the harvester skips."""
    rng = random.Random(2023)
    rows = []
    for month in range(1, 13):
        for d in DISTRICTS:
            for modalidad, rate in SIDPOL_MODALIDADES.items():
                lam = rate * crime_factor(d) * d.poblacion / 100000 / 12 * 0.94
                n = poisson(rng, lam)
                if n:
                    rows.append([2023, month, "LA LIBERTAD", d.provincia.upper(),
                                 d.nombre.upper(), d.ubigeo, modalidad, n])
        rows.append([2023, month, "LIMA", "LIMA", "LIMA", "150101", "Hurto",
                     poisson(rng, 900)])
    write_csv(out, "sidpol_2023.csv",
              ["ANIO", "MES", "DPTO_HECHO_NEW", "PROV_HECHO", "DIST_HECHO", "UBIGEO_HECHO",
               "P_MODALIDADES", "cantidad"], rows)


def comparacion(out: Path, totals: dict[str, dict[str, int]]) -> None:
    region_pop = sum(d.poblacion for d in DISTRICTS)
    region_total = sum(sum(t.values()) for t in totals.values())
    region_rate = region_total / region_pop * 100000
    stats = []
    for d in DISTRICTS:
        t = totals.get(d.ubigeo, {})
        total = sum(t.values())
        patrimonio = sum(v for k, v in t.items() if k in PATRIMONIO)
        personas = total - patrimonio
        rate = total / d.poblacion * 100000
        stats.append((d, total, patrimonio, personas, rate))
    ranking = {s[0].ubigeo: i for i, s in
               enumerate(sorted(stats, key=lambda s: (-s[4], s[0].ubigeo)), start=1)}
    rows = [[d.ubigeo, d.provincia, d.nombre, d.poblacion, total, patrimonio, personas,
             f"{rate:.1f}", f"{patrimonio / d.poblacion * 100000:.1f}",
             f"{personas / d.poblacion * 100000:.1f}", ranking[d.ubigeo],
             f"{(rate / region_rate - 1) * 100:.1f}"]
            for d, total, patrimonio, personas, rate in stats]
    write_csv(out, "comparacion_distrital_denuncias_2024.csv",
              ["ubigeo", "provincia", "distrito", "poblacion_proyectada_2025",
               "denuncias_total", "denuncias_patrimonio", "denuncias_contra_personas",
               "tasa_total_100k", "tasa_patrimonio_100k", "tasa_contra_personas_100k",
               "ranking_regional", "diferencia_promedio_regional_pct"], rows)


# (generico, subgenerico, articulo, des_articulo, especialidad, rate per 100,000, zone bias)
MPFN_DELITOS = [
    ("CONTRA EL PATRIMONIO", "HURTO", "185", "HURTO SIMPLE", "PENAL", 210, None),
    ("CONTRA EL PATRIMONIO", "HURTO", "186", "HURTO AGRAVADO", "PENAL", 330, None),
    ("CONTRA EL PATRIMONIO", "ROBO", "188", "ROBO", "PENAL", 120, None),
    ("CONTRA EL PATRIMONIO", "ROBO", "189", "ROBO AGRAVADO", "PENAL", 290, None),
    ("CONTRA EL PATRIMONIO", "ABIGEATO", "189-A", "HURTO DE GANADO", "PENAL", 35, "sierra"),
    ("CONTRA EL PATRIMONIO", "EXTORSION", "200", "EXTORSION", "PENAL", 80, None),
    ("CONTRA EL PATRIMONIO", "ESTAFA Y OTRAS DEFRAUDACIONES", "196", "ESTAFA", "PENAL",
     150, None),
    ("CONTRA EL PATRIMONIO", "USURPACION", "202", "USURPACION", "PENAL", 45, None),
    ("CONTRA EL PATRIMONIO", "DAÑOS", "205", "DAÑO SIMPLE", "PENAL", 30, None),
    ("CONTRA LA VIDA EL CUERPO Y LA SALUD", "HOMICIDIO", "106", "HOMICIDIO SIMPLE", "PENAL",
     8, None),
    ("CONTRA LA VIDA EL CUERPO Y LA SALUD", "HOMICIDIO", "108", "ASESINATO", "PENAL", 6, None),
    ("CONTRA LA VIDA EL CUERPO Y LA SALUD", "LESIONES", "122", "LESIONES LEVES", "PENAL",
     70, None),
    ("CONTRA LA VIDA EL CUERPO Y LA SALUD", "LESIONES", "122-B",
     "AGRESIONES EN CONTRA DE LAS MUJERES O INTEGRANTES DEL GRUPO FAMILIAR",
     "VIOLENCIA CONTRA LA MUJER E INTEGRANTES DEL GRUPO FAMILIAR", 390, None),
    ("CONTRA LA LIBERTAD", "VIOLACION DE LA LIBERTAD SEXUAL", "170", "VIOLACION SEXUAL",
     "PENAL", 22, None),
    ("CONTRA LA LIBERTAD", "VIOLACION DE LA LIBERTAD SEXUAL", "173",
     "VIOLACION SEXUAL DE MENOR DE EDAD", "PENAL", 20, None),
    ("CONTRA LA FAMILIA", "OMISION DE ASISTENCIA FAMILIAR", "149",
     "OMISION DE PRESTACION DE ALIMENTOS", "PENAL", 260, None),
    ("CONTRA LA SEGURIDAD PUBLICA", "PELIGRO COMUN", "274",
     "CONDUCCION EN ESTADO DE EBRIEDAD O DROGADICCION", "PENAL", 130, "costa"),
    ("CONTRA LA SEGURIDAD PUBLICA", "PELIGRO COMUN", "279",
     "FABRICACION, SUMINISTRO O TENENCIA DE MATERIALES PELIGROSOS", "PENAL", 25, None),
    ("CONTRA LA SEGURIDAD PUBLICA", "DELITOS CONTRA LA SALUD PUBLICA", "296",
     "PROMOCION O FAVORECIMIENTO AL TRAFICO ILICITO DE DROGAS", "TRAFICO ILICITO DE DROGAS",
     28, None),
    ("CONTRA LA ADMINISTRACION PUBLICA", "CORRUPCION DE FUNCIONARIOS", "393",
     "COHECHO PASIVO PROPIO", "DELITOS DE CORRUPCION DE FUNCIONARIOS", 4, None),
    ("CONTRA LA ADMINISTRACION PUBLICA", "CORRUPCION DE FUNCIONARIOS", "397",
     "COHECHO ACTIVO GENERICO", "DELITOS DE CORRUPCION DE FUNCIONARIOS", 5, None),
    ("CONTRA LA ADMINISTRACION PUBLICA", "COMETIDOS POR FUNCIONARIOS PUBLICOS", "376",
     "ABUSO DE AUTORIDAD", "DELITOS DE CORRUPCION DE FUNCIONARIOS", 12, None),
]


def mpfn(out: Path) -> None:
    rng = random.Random(130102)
    rows = []
    for d in DISTRICTS:
        for gen, sub, art, des, esp, rate, bias in MPFN_DELITOS:
            factor = crime_factor(d)
            if bias == "sierra":
                factor = 2.5 if zone(d) == "sierra" else 0.3
            elif bias == "costa":
                factor *= 1.2 if zone(d) == "costa" else 0.5
            if sub in ("OMISION DE ASISTENCIA FAMILIAR", "LESIONES"):
                factor = max(factor, 0.8)
            if sub == "EXTORSION" and d.ubigeo in TRUJILLO_METRO:
                factor *= 2.2
            n = poisson(rng, rate * factor * d.poblacion / 100000)
            if n:
                rows.append(["ENERO-DICIEMBRE", 2024, "2025-01-15", "LA LIBERTAD", esp,
                             "DENUNCIA", gen, sub, art, des, n, d.ubigeo, "LA LIBERTAD",
                             d.provincia.upper(), d.nombre.upper(), "2024-12-31"])
    write_csv(out, "delitos_mpfn_2024.csv",
              ["periodo_denuncia", "anio_denuncia", "fecha_descarga", "distrito_fiscal",
               "especialidad", "tipo_caso", "generico", "subgenerico", "articulo",
               "des_articulo", "cantidad", "ubigeo", "dpto", "prov", "dist", "fecha_corte"],
              rows)


def generate(data: Path, harvest: Path) -> None:
    sidpol_harvest_sample(harvest)
    comparacion(data, sidpol(data))
    mpfn(data)
