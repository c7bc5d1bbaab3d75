"""Generate the illustrative CSV files of the seed catalog (datasets/data/).

The files follow the layouts of the official sources (SIDPOL, Ministerio Público,
SUNASS, DIRESA, MIDAGRI SISAP/SIEA, SENAMHI, Planilla Electrónica, ENAHO) and are
built on the real districts, ubigeo codes and 2025 populations of
datasets/reference/la_libertad_districts.csv. Every figure is a plausible
demonstration value, not an official statistic; the dataset descriptions in
datasets/catalog/ say so and the harvesters replace them with official data.

Pure standard library and deterministic: each file has its own fixed seed, so
running the script again reproduces the committed files byte for byte.

The files keep fixed dates (the sample "year" ends on CUTOFF). They are not shown
with those dates: the seed loader (ckanext/grll/seed/loader.py) moves the dates of
every dataset marked ``muestra_demostrativa: true`` at load time so that its newest
row falls in the month before the seeding day; the data dictionaries in
datasets/catalog/ tell it which columns hold dates (types date and timestamp) and
which hold years, months or campaigns (``periodo: anio | mes | campana``).

    python3 scripts/seed_data/generate.py [--out FOLDER]
"""
from __future__ import annotations

import argparse
import csv
import datetime
import hashlib
import math
import random
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATASETS = ROOT / "datasets"
DATA = DATASETS / "data"  # main() points it elsewhere with --out
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
# Districts where SEDALIB S.A. serves the main town (Pacanga: the town of Pacanguilla;
# Rázuri: Puerto Malabrigo).
SEDALIB = TRUJILLO_METRO | {"130402", "130401", "130107", "130203", "130205", "130206"}
FULLY_URBAN = {"130101", "130103", "130105", "130111", "130112"}


def write_csv(name: str, header: list[str], rows: list[list[object]],
              folder: Path | None = None) -> None:
    folder = folder or DATA
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / name).open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow(["" if v is None else v for v in row])
    print(f"{name}: {len(rows)} rows")


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


def zone(d: District) -> str:
    if d.altitud < 500:
        return "costa"
    if d.altitud < 2200:
        return "yunga"
    return "sierra"


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


def ambitos(d: District) -> list[tuple[str, str, str]]:
    """(ámbito, prestador, tipo de prestador) serving each district."""
    rows = []
    if d.ubigeo in SEDALIB:
        rows.append(("Urbano", "SEDALIB S.A.", "Empresa prestadora (EPS)"))
        if d.ubigeo == "130402":
            rows.append(("Pequeña ciudad", "Municipalidad Distrital de Pacanga",
                         "Unidad de gestión municipal"))
    else:
        level = "Provincial" if d.ubigeo.endswith("01") else "Distrital"
        municipio = d.provincia if level == "Provincial" else d.nombre
        rows.append(("Urbano" if d.poblacion > 15000 else "Pequeña ciudad",
                     f"Municipalidad {level} de {municipio}", "Unidad de gestión municipal"))
    if d.ubigeo not in FULLY_URBAN:
        rows.append(("Rural", f"Organizaciones comunales (JASS) de {d.nombre}",
                     "Organización comunal (JASS)"))
    return rows


# --- Seguridad ciudadana ---------------------------------------------------------

# SIDPOL modality -> annual complaints per 100,000 inhabitants at factor 1.
SIDPOL_MODALIDADES = {
    "Hurto": 780, "Robo": 560, "Estafa": 190, "Extorsión": 85, "Lesiones": 110,
    "Violencia contra la mujer e integrantes del grupo familiar": 420,
    "Violación de la libertad sexual": 48, "Homicidio": 14,
}
PATRIMONIO = {"Hurto", "Robo", "Estafa", "Extorsión"}
MONTH_SEASON = [0.96, 0.92, 0.98, 0.97, 1.0, 0.98, 1.04, 1.02, 0.99, 1.03, 1.02, 1.09]


def sidpol() -> dict[str, dict[str, int]]:
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
    write_csv("denuncias_sidpol_2024.csv",
              ["ANIO", "MES", "DPTO_HECHO_NEW", "PROV_HECHO", "DIST_HECHO", "UBIGEO_HECHO",
               "P_MODALIDADES", "cantidad"], rows)
    return totals


def sidpol_harvest_sample() -> None:
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
    write_csv("sidpol_2023.csv",
              ["ANIO", "MES", "DPTO_HECHO_NEW", "PROV_HECHO", "DIST_HECHO", "UBIGEO_HECHO",
               "P_MODALIDADES", "cantidad"], rows, folder=HARVEST)


def comparacion(totals: dict[str, dict[str, int]]) -> None:
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
    write_csv("comparacion_distrital_denuncias_2024.csv",
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


def mpfn() -> None:
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
    write_csv("delitos_mpfn_2024.csv",
              ["periodo_denuncia", "anio_denuncia", "fecha_descarga", "distrito_fiscal",
               "especialidad", "tipo_caso", "generico", "subgenerico", "articulo",
               "des_articulo", "cantidad", "ubigeo", "dpto", "prov", "dist", "fecha_corte"],
              rows)


# --- Agua segura -----------------------------------------------------------------

def prestadores() -> None:
    rng = random.Random(130103)
    rows = []
    for d in DISTRICTS:
        for ambito, prestador, tipo in ambitos(d):
            localidad = d.capital
            if prestador == "SEDALIB S.A." and d.ubigeo == "130402":
                localidad = "Pacanguilla"
            if ambito == "Rural":
                share = 0.08 if zone(d) == "costa" else 0.45
                organizaciones = max(2, round(d.poblacion * share / rng.uniform(250, 450)))
                localidad = "Centros poblados y caseríos rurales"
                supervisor = f"Municipalidad {'Provincial' if d.ubigeo.endswith('01') else 'Distrital'} de {d.provincia if d.ubigeo.endswith('01') else d.nombre} (ATM)"
            else:
                share = 0.92 if d.ubigeo in FULLY_URBAN else (0.9 if zone(d) == "costa" else 0.55)
                organizaciones = None
                supervisor = "SUNASS"
            if prestador == "SEDALIB S.A." and d.ubigeo in TRUJILLO_METRO:
                fuente = "Mixta (superficial y subterránea)"
            elif zone(d) == "costa":
                fuente = "Subterránea (pozos)"
            elif ambito == "Rural":
                fuente = "Manantial"
            else:
                fuente = "Superficial o manantial"
            if ambito != "Rural" and d.ubigeo == "130402":
                share /= 2  # two towns: Pacanguilla (SEDALIB) and Pacanga (municipal)
            poblacion = round(d.poblacion * share * rng.uniform(0.85, 0.97), -1)
            rows.append([d.ubigeo, d.provincia, d.nombre, ambito, localidad, prestador, tipo,
                         supervisor, fuente, int(poblacion), organizaciones])
    write_csv("prestadores_agua_distrito.csv",
              ["ubigeo", "provincia", "distrito", "ambito", "localidad", "prestador",
               "tipo_prestador", "supervision", "fuente_agua", "poblacion_servida_estimada",
               "numero_organizaciones_comunales"], rows)


CHLORINE_PROFILE = {  # (mean, sd, share not chlorinated)
    "Empresa prestadora (EPS)": (1.0, 0.32, 0.0),
    "Unidad de gestión municipal": (0.8, 0.3, 0.08),
    "Organización comunal (JASS)": (0.6, 0.35, 0.28),
}


def calidad_agua() -> dict[tuple[str, str], list[bool]]:
    rng = random.Random(130104)
    rows, chlorine_ok = [], defaultdict(list)
    counter = 0
    for month in range(1, 13):
        rainy = month in (1, 2, 3, 4, 12)
        for d in DISTRICTS:
            for ambito, prestador, tipo in ambitos(d):
                if tipo == "Empresa prestadora (EPS)":
                    n = max(1, round(d.poblacion / 30000))
                elif ambito == "Rural":
                    n = 1 if rng.random() < 0.55 else 0
                else:
                    n = 1 if rng.random() < 0.8 else 0
                for _ in range(n):
                    counter += 1
                    day = rng.randint(1, 28)
                    fecha = datetime.date(2024, month, day)
                    if ambito == "Rural":
                        localidad = f"Sistema de agua rural N.° {rng.randint(1, 12)} de {d.nombre}"
                        punto = rng.choice(["Reservorio", "Red de distribución",
                                            "Red de distribución", "Pileta pública"])
                    else:
                        localidad = "Pacanguilla" if prestador == "SEDALIB S.A." and d.ubigeo == "130402" else d.capital
                        punto = rng.choice(["Salida de planta de tratamiento", "Reservorio",
                                            "Red de distribución", "Red de distribución",
                                            "Red de distribución"])
                    mean, sd, unchlorinated = CHLORINE_PROFILE[tipo]
                    if rng.random() < unchlorinated:
                        cloro = round(rng.uniform(0.0, 0.15), 2)
                    else:
                        cloro = round(min(2.8, max(0.0, rng.gauss(mean, sd))), 2)
                    turb_mu = 0.0 if ambito != "Rural" else 0.6
                    if rainy and zone(d) != "costa":
                        turb_mu += 0.6
                    turbiedad = round(min(48.0, math.exp(rng.gauss(turb_mu, 0.7))), 2)
                    ph = round(min(9.1, max(6.0, rng.gauss(7.4, 0.35))), 1)
                    p_contaminated = 0.02 if cloro >= 0.5 else (0.15 if cloro >= 0.3 else 0.5)
                    if rng.random() < p_contaminated:
                        totales = rng.choice([1, 2, 4, 8, 13, 23, 33, 49, 79, 110, 170, 240])
                        termo = 0 if rng.random() < 0.4 else max(1, round(totales * rng.uniform(0.1, 0.6)))
                    else:
                        totales = termo = 0
                    issues = []
                    if cloro < 0.5:
                        issues.append("cloro residual libre menor de 0,5 mg/L")
                    if cloro > 5:
                        issues.append("cloro residual libre mayor de 5 mg/L")
                    if turbiedad > 5:
                        issues.append("turbiedad mayor de 5 UNT")
                    if not 6.5 <= ph <= 8.5:
                        issues.append("pH fuera del rango 6,5-8,5")
                    if totales > 0:
                        issues.append("coliformes totales")
                    if termo > 0:
                        issues.append("coliformes termotolerantes")
                    chlorine_ok[(d.ubigeo, prestador)].append(cloro >= 0.5)
                    rows.append([f"VCA-2024-{counter:05d}", fecha.isoformat(), d.ubigeo,
                                 d.provincia, d.nombre, ambito, localidad, prestador, punto,
                                 f"{cloro:.2f}", f"{turbiedad:.2f}", f"{ph:.1f}", totales, termo,
                                 "No" if issues else "Sí", "; ".join(issues) or None])
    rows.sort(key=lambda r: (r[1], r[2], r[0]))
    write_csv("vigilancia_calidad_agua_2024.csv",
              ["codigo_muestra", "fecha_muestreo", "ubigeo", "provincia", "distrito", "ambito",
               "localidad", "prestador", "punto_muestreo", "cloro_residual_libre_mg_l",
               "turbiedad_unt", "ph", "coliformes_totales_ufc_100ml",
               "coliformes_termotolerantes_ufc_100ml", "conforme", "parametros_no_conformes"],
              rows)
    return chlorine_ok


def indicator(rng: random.Random, spec: tuple[float, float] | None, trend: float,
              lo: float, hi: float) -> str | None:
    """One yearly indicator around its (mean, sd), drifting by `trend`; None if not measured."""
    if spec is None:
        return None
    mean, sd = spec
    return f"{min(hi, max(lo, rng.gauss(mean * (1 + trend), sd))):.1f}"


def indicadores_prestadores(chlorine_ok: dict[tuple[str, str], list[bool]]) -> None:
    rng = random.Random(130105)
    rows = []
    for d in DISTRICTS:
        for ambito, prestador, tipo in ambitos(d):
            base_conn = d.poblacion / 4.1 * (0.15 if ambito == "Rural" and zone(d) == "costa"
                                             else 0.45 if ambito == "Rural" else 0.85)
            if tipo == "Empresa prestadora (EPS)":
                prof = dict(cont=(17.5, 2.5), cov=(88, 5), alc=(80, 7), anf=(41, 4),
                            micro=(58, 8), recl=(38, 12))
            elif ambito == "Rural":
                prof = dict(cont=(14, 5), cov=(72, 12), alc=(35, 15), anf=None, micro=None,
                            recl=None)
            else:
                prof = dict(cont=(12, 5), cov=(82, 9), alc=(62, 14), anf=(48, 8),
                            micro=(12, 10), recl=(22, 10))
            for year in (2022, 2023, 2024):
                trend = (year - 2022) * 0.01

                ok = chlorine_ok.get((d.ubigeo, prestador)) if year == 2024 else None
                if ok:
                    cloro = f"{100 * sum(ok) / len(ok):.1f}"
                elif ok is None and year < 2024:
                    mean = {"Empresa prestadora (EPS)": 94, "Unidad de gestión municipal": 72,
                            "Organización comunal (JASS)": 45}[tipo]
                    cloro = f"{min(100.0, max(0.0, rng.gauss(mean, 10))):.1f}"
                else:
                    cloro = None
                rows.append([year, d.ubigeo, d.provincia, d.nombre, ambito, prestador, tipo,
                             int(base_conn * (1 + 0.015 * (year - 2024)) * rng.uniform(0.97, 1.03)),
                             indicator(rng, prof["cont"], trend, 2, 24),
                             indicator(rng, prof["cov"], trend, 30, 100),
                             indicator(rng, prof["alc"], trend, 5, 100),
                             indicator(rng, prof["anf"], -trend, 15, 70),
                             indicator(rng, prof["micro"], trend, 0, 100),
                             indicator(rng, prof["recl"], trend, 2, 120), cloro])
    write_csv("indicadores_prestadores_agua.csv",
              ["anio", "ubigeo", "provincia", "distrito", "ambito", "prestador",
               "tipo_prestador", "conexiones_agua", "continuidad_horas_dia",
               "cobertura_agua_pct", "cobertura_alcantarillado_pct", "agua_no_facturada_pct",
               "micromedicion_pct", "reclamos_por_1000_conexiones",
               "cumplimiento_cloro_residual_pct"], rows)


# --- Mercado agrario -------------------------------------------------------------

HERMELINDA = "Mercado Mayorista de Trujillo La Hermelinda"
GMML = "Gran Mercado Mayorista de Lima"
# producto, variedad, avg S/ per kg in Trujillo, origin in Trujillo, origin in Lima,
# t/day in Trujillo, t/day in Lima (None: not traded there)
SISAP_PRODUCTS = [
    ("Papa", "Amarilla", 3.10, "La Libertad - Otuzco", "Huánuco", 25, 380),
    ("Papa", "Canchán", 1.35, "La Libertad - Sánchez Carrión", "Huánuco", 70, 620),
    ("Papa", "Yungay", 1.25, "La Libertad - Otuzco", "Junín", 45, 310),
    ("Papa", "Única", 1.05, "La Libertad - Santiago de Chuco", "Huánuco", 60, 540),
    ("Olluco", "Común", 2.20, "La Libertad - Otuzco", "Junín", 8, 95),
    ("Arveja verde", "Usui", 3.40, "La Libertad - Sánchez Carrión", "La Libertad - Sánchez Carrión", 10, 70),
    ("Haba verde", "Común", 2.10, "La Libertad - Santiago de Chuco", "Junín", 6, 60),
    ("Choclo", "Común", 1.60, "La Libertad - Otuzco", "La Libertad - Virú", 18, 150),
    ("Camote", "Amarillo", 1.10, "La Libertad - Virú", "Lima", 14, 120),
    ("Zapallo", "Macre", 0.95, "La Libertad - Virú", "La Libertad - Virú", 20, 160),
    ("Espárrago", "Verde", 5.20, "La Libertad - Virú", "La Libertad - Virú", 4, 25),
    ("Alcachofa", "Sin espinas", 2.30, "La Libertad - Virú", "Junín", 5, 30),
    ("Palta", "Hass", 5.60, "La Libertad - Virú", "La Libertad - Chao", 12, None),
    ("Palta", "Fuerte", 4.10, "La Libertad - Otuzco", "Lima", 9, None),
    ("Arroz pilado", "Superior", 3.90, "La Libertad - Pacasmayo", "La Libertad - Chepén", 30, None),
    ("Tomate", "Italiano", 1.70, "La Libertad - Virú", "Ica", 16, 140),
]


def precios_mayoristas() -> None:
    rng = random.Random(130201)
    start, end = datetime.date(2024, 9, 30), datetime.date(2024, 12, 21)
    level = {p[:2]: 1.0 for p in SISAP_PRODUCTS}
    rows = []
    day = start
    while day <= end:
        if day.weekday() < 6:
            for prod, var, base, org_t, org_l, vol_t, vol_l in SISAP_PRODUCTS:
                level[(prod, var)] *= math.exp(rng.gauss(0.0015, 0.025))
                level[(prod, var)] = min(1.35, max(0.75, level[(prod, var)]))
                for market, origin, volume, markup in ((HERMELINDA, org_t, vol_t, 1.0),
                                                       (GMML, org_l, vol_l, 1.18)):
                    if volume is None:
                        continue
                    avg = base * level[(prod, var)] * markup * rng.uniform(0.98, 1.02)
                    lo = avg * rng.uniform(0.84, 0.92)
                    hi = avg * rng.uniform(1.08, 1.16)
                    vol = volume * rng.uniform(0.75, 1.25) * (1.15 if day.weekday() == 0 else 1)
                    rows.append([day.isoformat(), market, prod, var, origin, "kg",
                                 f"{lo:.2f}", f"{hi:.2f}", f"{avg:.2f}", f"{vol:.1f}"])
        day += datetime.timedelta(days=1)
    write_csv("precios_mayoristas_sisap_2024.csv",
              ["fecha", "mercado", "producto", "variedad", "procedencia", "unidad",
               "precio_minimo", "precio_maximo", "precio_promedio", "volumen_t"], rows)


# cultivo -> (S/ per kg at the farm gate, months harvested or None for all year)
CHACRA = {
    "Arroz cáscara": (1.45, None), "Caña de azúcar": (0.14, None),
    "Espárrago": (5.1, None), "Palta": (4.3, None),
    "Arándano": (13.5, (1, 6, 7, 8, 9, 10, 11, 12)), "Maíz amarillo duro": (1.28, None),
    "Alcachofa": (1.75, (8, 9, 10, 11, 12)), "Uva": (3.4, (1, 2, 3, 4, 5, 11, 12)),
    "Papa": (1.05, None), "Trigo": (1.65, (5, 6, 7, 8, 9)),
    "Cebada grano": (1.45, (5, 6, 7, 8, 9)), "Maíz amiláceo": (2.8, (4, 5, 6, 7, 8)),
    "Arveja grano verde": (2.9, None), "Haba grano verde": (1.9, (3, 4, 5, 6, 7, 8)),
}


def crops_for(d: District) -> list[str]:
    p = d.provincia_code
    if zone(d) == "costa":
        if p in ("1304", "1307"):
            return ["Arroz cáscara", "Maíz amarillo duro"] + (["Caña de azúcar"] if p == "1307" else [])
        if p == "1312":
            return ["Espárrago", "Palta", "Arándano", "Alcachofa", "Maíz amarillo duro"]
        if p == "1302":
            return ["Caña de azúcar", "Maíz amarillo duro"] + (["Espárrago"] if d.ubigeo == "130205" else [])
        if d.ubigeo in ("130101", "130103", "130105", "130111", "130112"):
            return []
        return ["Maíz amarillo duro", "Palta"] + (["Caña de azúcar"] if d.ubigeo == "130106" else ["Espárrago"])
    if zone(d) == "yunga":
        crops = ["Palta", "Maíz amarillo duro"]
        if d.ubigeo == "131101":
            crops.append("Uva")
        return crops
    crops = ["Papa", "Trigo", "Cebada grano", "Maíz amiláceo"]
    if p in ("1309", "1305", "1306"):
        crops.append("Arveja grano verde")
    if p in ("1310", "1303"):
        crops.append("Haba grano verde")
    return crops


def precios_chacra() -> None:
    rng = random.Random(130202)
    rows = []
    for d in DISTRICTS:
        crops = crops_for(d)
        local = {c: rng.uniform(0.9, 1.1) for c in crops}
        for month in range(1, 13):
            for cultivo in crops:
                base, months = CHACRA[cultivo]
                if months and month not in months:
                    continue
                season = 1 + 0.06 * math.sin((month - 3) / 12 * 2 * math.pi)
                price = base * local[cultivo] * season * rng.uniform(0.95, 1.05)
                rows.append([2024, month, d.ubigeo, d.provincia, d.nombre, cultivo,
                             f"{price:.2f}"])
    write_csv("precios_chacra_2024.csv",
              ["anio", "mes", "ubigeo", "provincia", "distrito", "cultivo",
               "precio_chacra_soles_kg"], rows)


# transitory crops: hectares per 1,000 rural-ish inhabitants, by zone
SIEMBRAS = {
    "costa": {"Arroz": 0, "Maíz amarillo duro": 120, "Frijol grano seco": 6},
    "yunga": {"Maíz amarillo duro": 120, "Frijol grano seco": 15, "Yuca": 8},
    "sierra": {"Papa": 95, "Trigo": 110, "Cebada grano": 80, "Maíz amiláceo": 60,
               "Arveja grano seco": 22, "Haba grano seco": 14, "Olluco": 9},
}


def superficie_sembrada() -> None:
    rng = random.Random(130203)
    rows = []
    for start_year in (2021, 2022, 2023):
        campana = f"{start_year}-{start_year + 1}"
        year_factor = {2021: 1.0, 2022: 0.96, 2023: 0.92}[start_year]  # 2023-2024: El Niño costero
        for d in DISTRICTS:
            if d.ubigeo in ("130101", "130103", "130105", "130111", "130112"):
                continue
            if zone(d) == "costa":
                rural_share = 0.12 if d.poblacion > 40000 else 0.5
            else:
                rural_share = 0.35 if d.poblacion > 30000 else 0.75
            rural_pop = d.poblacion * rural_share
            crops = dict(SIEMBRAS[zone(d)])
            if d.provincia_code in ("1304", "1307"):
                crops["Arroz"] = 600  # Jequetepeque valley
            if d.provincia_code == "1312":
                crops["Páprika"] = 60
            for cultivo, per_1000 in crops.items():
                if per_1000 == 0:
                    continue
                ha = per_1000 * rural_pop / 1000 * year_factor * rng.uniform(0.85, 1.15)
                if cultivo == "Arroz" and start_year == 2023:
                    ha *= 0.85
                if ha < 1:
                    continue
                rows.append([campana, f"{start_year}-08-01", f"{start_year + 1}-07-31",
                             d.ubigeo, d.provincia, d.nombre, cultivo, f"{ha:.1f}"])
    write_csv("superficie_sembrada_campanas.csv",
              ["campana", "fecha_inicio", "fecha_fin", "ubigeo", "provincia", "distrito",
               "cultivo", "superficie_sembrada_ha"], rows)


# station name, district ubigeo, altitude, (tmax, tmin, humidity, rain mm/day in wet months)
ESTACIONES = [
    ("Huamachuco", "130901", 3183, (18.5, 6.5, 72, 3.2)),
    ("Otuzco", "130601", 2700, (19.5, 8.0, 70, 2.4)),
    ("Cascas", "131101", 1278, (27.0, 15.5, 63, 0.8)),
    ("Virú", "131201", 88, (26.0, 17.5, 80, 0.02)),
]


def clima() -> None:
    rng = random.Random(130204)
    rows = []
    for name, ubigeo, alt, (tmax, tmin, hum, rain) in ESTACIONES:
        day = datetime.date(2024, 10, 1)
        while day <= datetime.date(2024, 12, 31):
            progress = (day - datetime.date(2024, 10, 1)).days / 91
            wet = rng.random() < (0.25 + 0.35 * progress) if rain > 0.1 else rng.random() < 0.03
            pp = round(rng.expovariate(1 / (rain * 3)), 1) if wet else 0.0
            warm = 1.2 * progress if alt < 500 else 0.3 * progress
            tx = tmax + warm + rng.gauss(0, 1.1) - (1.5 if pp > 2 else 0)
            tn = tmin + warm * 0.8 + rng.gauss(0, 0.9)
            hr = min(98, max(35, hum + rng.gauss(0, 5) + (8 if pp > 0 else 0)))
            rows.append([name, ubigeo, alt, day.isoformat(), f"{tx:.1f}", f"{tn:.1f}",
                         f"{hr:.0f}", f"{pp:.1f}"])
            day += datetime.timedelta(days=1)
    write_csv("clima_diario_estaciones_2024.csv",
              ["estacion", "ubigeo", "altitud_msnm", "Fecha", "TemperaturaMax", "TemperaturaMin",
               "HumedadRelativa", "Precipitacion"], rows)


# --- Información laboral ------------------------------------------------------------

SECTORES = ["Agropecuario", "Pesca", "Minería", "Industria manufacturera",
            "Electricidad, gas y agua", "Construcción", "Comercio",
            "Transporte, almacenamiento y comunicaciones", "Servicios"]
# province -> weight of each sector (same order as SECTORES)
PROVINCE_MIX = {
    "1301": (40, 1.5, 0.5, 26, 1.5, 11, 24, 10, 60),
    "1302": (28, 0.3, 0.2, 8, 0.3, 1.5, 3, 1.2, 4),
    "1303": (0.1, 0, 0, 0, 0, 0.1, 0.1, 0, 0.6),
    "1304": (9, 0, 0, 2.5, 0.1, 0.6, 2, 0.6, 2.6),
    "1305": (0.1, 0, 0, 0, 0, 0.2, 0.1, 0, 0.8),
    "1306": (0.8, 0, 0.6, 0.1, 0, 0.3, 0.4, 0.1, 1.4),
    "1307": (5, 0.5, 0, 4, 0.1, 0.8, 1.6, 0.8, 2.6),
    "1308": (0.2, 0, 14, 0.1, 0, 0.5, 0.6, 0.3, 1.2),
    "1309": (0.4, 0, 3, 0.3, 0.1, 0.6, 1.1, 0.4, 3.4),
    "1310": (0.2, 0, 2.2, 0.1, 0, 0.2, 0.3, 0.1, 1.2),
    "1311": (0.6, 0, 0.5, 0.1, 0, 0.1, 0.2, 0, 0.7),
    "1312": (48, 0.1, 0, 2, 0.1, 0.8, 1.5, 0.8, 2.4),
}
AGRO_SEASON = [0.93, 0.88, 0.84, 0.83, 0.86, 0.9, 0.95, 1.02, 1.08, 1.12, 1.1, 1.02]


def empleo_formal() -> None:
    rng = random.Random(130301)
    cells = []
    for year in (2023, 2024):
        for month in range(1, 13):
            growth = 1.0 + 0.032 * (year - 2023) + 0.0026 * (month - 1)
            for code, mix in PROVINCE_MIX.items():
                for sector, weight in zip(SECTORES, mix, strict=True):
                    season = AGRO_SEASON[month - 1] if sector == "Agropecuario" else 1.0
                    if sector == "Comercio" and month == 12:
                        season = 1.04
                    if sector == "Pesca":
                        season = 0.8 if month in (5, 6, 12, 1) else 1.0
                    value = weight * growth * season * rng.uniform(0.985, 1.015)
                    cells.append([year, month, code, PROVINCES[code], sector, value])
    october = sum(c[5] for c in cells if c[0] == 2024 and c[1] == 10)
    scale = 329_450 / october
    rows = [[y, m, code, prov, sector, round(v * scale)] for y, m, code, prov, sector, v in cells]
    write_csv("empleo_formal_privado_provincia.csv",
              ["anio", "mes", "ubigeo_provincia", "provincia", "actividad_economica",
               "trabajadores"], rows)


def indicadores_laborales() -> None:
    rng = random.Random(130302)
    unemployment = {2015: 3.7, 2016: 3.9, 2017: 3.8, 2018: 3.5, 2019: 3.6, 2020: 7.6,
                    2021: 5.3, 2022: 4.4, 2023: 4.2, 2024: 4.0}
    informality = {2015: 75.8, 2016: 75.1, 2017: 74.9, 2018: 74.2, 2019: 73.8, 2020: 77.9,
                   2021: 77.4, 2022: 76.3, 2023: 75.9, 2024: 75.2}
    income = {2015: 1135, 2016: 1168, 2017: 1172, 2018: 1210, 2019: 1254, 2020: 1062,
              2021: 1148, 2022: 1279, 2023: 1331, 2024: 1392}
    # Visible and invisible underemployment (hours and income), share of the employed.
    underemployment = {2015: 47.9, 2016: 47.2, 2017: 46.8, 2018: 46.1, 2019: 45.7,
                       2020: 54.6, 2021: 51.3, 2022: 48.8, 2023: 47.6, 2024: 46.9}
    underemployment_delta = {"Total": 0.0, "Hombres": -3.8, "Mujeres": 4.6,
                             "Urbano": -4.9, "Rural": 17.8}
    rows = []
    for year in range(2015, 2025):
        pet = 1_390_000 + 19_000 * (year - 2015)
        activity = 72.4 - (5.8 if year == 2020 else 1.6 if year == 2021 else 0) + rng.uniform(-0.4, 0.4)
        groups = {
            # name: (share of PET, activity factor, unemployment factor,
            #        informality delta, income factor)
            "Total": (1.0, 1.0, 1.0, 0.0, 1.0),
            "Hombres": (0.49, 1.14, 0.92, -4.5, 1.2),
            "Mujeres": (0.51, 0.865, 1.1, 4.3, 0.78),
            "Urbano": (0.79, 0.98, 1.18, -6.1, 1.12),
            "Rural": (0.21, 1.075, 0.32, 22.0, 0.52),
        }
        for name, (share, act_f, un_f, inf_d, inc_f) in groups.items():
            p = round(pet * share)
            act = activity * act_f
            pea = round(p * act / 100)
            un = unemployment[year] * un_f
            ocup = round(pea * (1 - un / 100))
            rows.append([year, name, p, pea, ocup, f"{act:.1f}", f"{un:.1f}",
                         f"{min(99.0, informality[year] + inf_d):.1f}",
                         f"{income[year] * inc_f:.0f}",
                         f"{underemployment[year] + underemployment_delta[name]:.1f}"])
    write_csv("indicadores_mercado_laboral_2015_2024.csv",
              ["anio", "desagregacion", "poblacion_edad_trabajar", "pea", "pea_ocupada",
               "tasa_actividad_pct", "tasa_desempleo_pct", "tasa_informalidad_pct",
               "ingreso_promedio_mensual_soles", "tasa_subempleo_pct"], rows)


# activity, province weights (province code -> count of unions), affiliates range
UNION_SECTORS = [
    ("Agroindustria", {"1312": 7, "1301": 4, "1302": 3, "1304": 2}, (120, 1400)),
    ("Industria azucarera", {"1302": 4, "1307": 1, "1301": 1}, (250, 1600)),
    ("Minería", {"1308": 5, "1309": 2, "1310": 2, "1306": 1}, (80, 900)),
    ("Construcción civil", {"1301": 3, "1304": 1, "1309": 1, "1312": 1}, (150, 2200)),
    ("Industria manufacturera", {"1301": 6, "1307": 2}, (40, 450)),
    ("Comercio", {"1301": 4}, (35, 300)),
    ("Transporte", {"1301": 3}, (40, 380)),
    ("Electricidad, gas y agua", {"1301": 2}, (60, 420)),
    ("Educación privada", {"1301": 2}, (30, 260)),
    ("Salud privada", {"1301": 2}, (40, 320)),
]


# Fictional employers of the union sample: plausible names that say «Demostrativo/a»,
# with a RUC of valid check digit, a federation and the board's term. Derived from the
# registration number by hashing (no draw from `rng`, so the other files do not change).
EMPLOYER_PREFIXES = {
    "Agroindustria": ["Agroexportadora Demostrativa", "Agrícola Demostrativa",
                      "Frutícola Demostrativa", "Conservas Demostrativas"],
    "Industria azucarera": ["Agroindustrial Demostrativa", "Complejo Azucarero Demostrativo"],
    "Minería": ["Minera Demostrativa", "Compañía Minera Demostrativa"],
    "Industria manufacturera": ["Metalmecánica Demostrativa", "Textil Demostrativa",
                                "Envases Demostrativos", "Cervecería Demostrativa"],
    "Comercio": ["Supermercados Demostrativos", "Distribuidora Demostrativa"],
    "Transporte": ["Transportes Demostrativos", "Empresa de Transportes Demostrativa"],
    "Electricidad, gas y agua": ["Eléctrica Demostrativa", "Servicios Eléctricos Demostrativos"],
    "Educación privada": ["Colegio Demostrativo", "Instituto Demostrativo"],
    "Salud privada": ["Clínica Demostrativa", "Policlínico Demostrativo"],
}
EMPLOYER_PLACES = [
    "Los Sauces", "Santa Inés", "El Molino", "Chan Chan", "Mansiche", "Huanchaco",
    "Cerro Blanco", "La Arena", "San Lorenzo", "Los Ángeles", "Santa Rosa", "El Alto",
    "Mochica", "Las Lomas", "Los Pinos", "Río Seco", "San Isidro", "Buenos Aires",
    "Las Delicias", "Valle Alto", "La Merced", "El Palmo", "San Martín", "Las Quintanas",
    "Santa María", "La Esperanza", "El Bosque", "Los Jardines", "Cruz Verde", "Miramar"]
FEDERATIONS = {
    "Agroindustria": "Federación Demostrativa de Trabajadores Agroindustriales de La Libertad",
    "Industria azucarera": "Federación Demostrativa de Trabajadores Azucareros del Norte",
    "Minería": "Federación Demostrativa de Trabajadores Mineros de La Libertad",
    "Industria manufacturera": "Federación Demostrativa de Trabajadores Industriales de Trujillo",
    "Construcción civil": "Federación Demostrativa de Trabajadores en Construcción Civil de "
                          "La Libertad",
    "Transporte": "Federación Demostrativa de Trabajadores del Transporte del Norte",
    "Comercio": "Federación Demostrativa de Trabajadores del Comercio de La Libertad",
    "Electricidad, gas y agua": "Federación Demostrativa de Trabajadores Eléctricos del Norte",
    "Educación privada": "Federación Demostrativa de Trabajadores de la Educación Privada",
    "Salud privada": "Federación Demostrativa de Trabajadores de la Salud Privada",
}
RUC_WEIGHTS = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
_named: dict[str, int] = {}
_used: set[str] = set()


def fictional_ruc(name: str) -> str:
    first = f"20{int(hashlib.sha256(name.encode()).hexdigest(), 16) % 10**8:08d}"
    remainder = sum(int(d) * w for d, w in zip(first, RUC_WEIGHTS, strict=True)) % 11
    return f"{first}{(11 - remainder) % 10}"


def union_entry(union: list, index: int) -> list:
    """The union's CSV row; renames its employer and union in `union` (the bargaining
    sample that follows uses the same names)."""
    number = int(union[0].rsplit("-", 1)[1])
    activity = union[4]
    seed = int(hashlib.md5(union[0].encode()).hexdigest(), 16)
    ruc = ""
    if union[3] is not None:
        k = _named.get(activity, 0)
        _named[activity] = k + 1
        prefixes = EMPLOYER_PREFIXES[activity]
        prefix = prefixes[k % len(prefixes)]
        j = number
        while f"{prefix} {EMPLOYER_PLACES[j % len(EMPLOYER_PLACES)]}" in _used:
            j += 7
        base = f"{prefix} {EMPLOYER_PLACES[j % len(EMPLOYER_PLACES)]}"
        _used.add(base)
        suffix = "S.A." if activity in ("Minería", "Industria azucarera",
                                         "Electricidad, gas y agua") else "S.A.C."
        union[3], union[1] = f"{base} {suffix}", f"Sindicato de Trabajadores de {base}"
        ruc = fictional_ruc(union[3])
    years = 2 if seed % 3 else 1
    start = f"{2024 if years == 1 else 2023 + seed % 2}-{seed % 12 + 1:02d}-{seed % 27 + 1:02d}"
    if seed % 4 == 0:
        start, years = "2022" + start[4:], 2
    start = max(start, union[8])
    board = ["", ""] if union[10] == "Cancelado" else [start, years]
    federation = FEDERATIONS[activity] if seed % 5 else ""
    return [*union[:4], ruc, *union[4:], federation, *board]


def sindicatos_y_negociaciones() -> None:
    rng = random.Random(130303)
    unions = []
    number = 0
    for activity, provinces, (lo, hi) in UNION_SECTORS:
        for code, count in provinces.items():
            districts = [d for d in DISTRICTS if d.provincia_code == code]
            weights = [d.poblacion for d in districts]
            for _ in range(count):
                number += 1
                d = rng.choices(districts, weights)[0]
                empleador = f"Empleador ilustrativo N.° {number:03d} ({activity.lower()})"
                if activity == "Construcción civil":
                    tipo, nombre = ("Sindicato de rama de actividad",
                                    f"Sindicato de Trabajadores de Construcción Civil de {d.nombre}")
                    empleador = None
                else:
                    tipo = rng.choices(["Sindicato de empresa", "Sindicato de gremio"], [9, 1])[0]
                    nombre = f"Sindicato de Trabajadores del Empleador ilustrativo N.° {number:03d}"
                registered = datetime.date(rng.randint(1985, 2023), rng.randint(1, 12),
                                           rng.randint(1, 28))
                status = "Cancelado" if rng.random() < 0.08 else "Vigente"
                afiliados = rng.randint(lo, hi)
                unions.append([f"RS-LL-{registered.year}-{number:04d}", nombre, tipo, empleador,
                               activity, d.ubigeo, d.provincia, d.nombre,
                               registered.isoformat(), afiliados, status])
    unions.sort(key=lambda u: u[8])
    write_csv("sindicatos_registrados.csv",
              ["numero_registro", "sindicato", "tipo_organizacion", "empleador",
               "ruc_empleador", "actividad_economica", "ubigeo", "provincia", "distrito",
               "fecha_inscripcion", "afiliados", "estado", "federacion",
               "junta_directiva_inicio", "junta_directiva_mandato_anios"],
              [union_entry(union, index) for index, union in enumerate(unions)])

    rows = []
    expediente = 0
    for union in unions:
        if union[10] != "Vigente" or union[3] is None or rng.random() < 0.25:
            continue
        expediente += 1
        pliego = datetime.date(2024, 1, 1) + datetime.timedelta(days=rng.randint(0, 364))
        workers = round(union[9] * rng.uniform(1.0, 1.6))
        dates = {"trato": pliego + datetime.timedelta(days=rng.randint(10, 40))}
        outcome = rng.choices(["trato", "conciliacion", "arbitraje", "huelga"], [45, 25, 20, 10])[0]
        solution_kind = None
        end = dates["trato"] + datetime.timedelta(days=rng.randint(20, 70))
        if outcome != "trato":
            dates["conciliacion"] = end
            end = dates["conciliacion"] + datetime.timedelta(days=rng.randint(20, 60))
        if outcome in ("arbitraje", "huelga"):
            dates[outcome] = end
            end = dates[outcome] + datetime.timedelta(
                days=rng.randint(60, 150) if outcome == "arbitraje" else rng.randint(3, 20))
        stages = {"trato": "Convenio colectivo (trato directo)",
                  "conciliacion": "Convenio colectivo (conciliación)",
                  "arbitraje": "Laudo arbitral", "huelga": "Convenio colectivo (tras huelga)"}
        solved = end <= CUTOFF
        # stages that had not started by the cut-off date are left empty
        shown = {k: v for k, v in dates.items() if v <= CUTOFF}
        if solved:
            current = "Laudo arbitral" if outcome == "arbitraje" else "Convenio colectivo"
            solution_kind = stages[outcome]
        elif not shown:
            current = "Pliego de reclamos"
        else:
            current = {"trato": "Trato directo", "conciliacion": "Conciliación",
                       "arbitraje": "Arbitraje", "huelga": "Huelga"}[max(shown, key=shown.get)]
        increase = f"{rng.uniform(2.5, 9.0):.2f}" if solved else None
        rows.append([f"NC-{pliego.year}-{expediente:04d}-GRTPE-LL", union[0], union[1],
                     union[3], union[4], union[5], union[6], union[7], "2024-2025",
                     workers, pliego.isoformat(), current,
                     *(shown[k].isoformat() if k in shown else None
                       for k in ("trato", "conciliacion", "arbitraje", "huelga")),
                     end.isoformat() if solved else None, solution_kind, increase])
    rows.sort(key=lambda r: r[10])
    write_csv("negociaciones_colectivas_2024.csv",
              ["expediente", "numero_registro_sindical", "sindicato", "empleador",
               "actividad_economica", "ubigeo", "provincia", "distrito", "periodo_convenio",
               "trabajadores_comprendidos", "fecha_presentacion_pliego", "etapa_actual",
               "fecha_inicio_trato_directo", "fecha_inicio_conciliacion",
               "fecha_inicio_arbitraje", "fecha_inicio_huelga", "fecha_solucion",
               "forma_solucion", "incremento_soles_dia"], rows)


# --- Harvest samples of the commitments' harvesters (datasets/harvest/) ------------------

AGUA_SAMPLE_DISTRICTS = ["130101", "130102", "130104", "130105", "130111", "130601",
                         "130901", "131201"]


def calidad_agua_harvest_sample() -> None:
    """Sample results behind the seed `agua_calidad` source: the provider's own control
    (SEDALIB, municipalities) and the health authority's surveillance of rural JASS, in
    the first quarter of 2024, with the units the laboratories write."""
    rng = random.Random(130105)
    rows = []
    for month in (1, 2, 3):
        for ubigeo in AGUA_SAMPLE_DISTRICTS:
            d = BY_UBIGEO[ubigeo]
            for ambito, prestador, tipo in ambitos(d):
                rural = ambito == "Rural"
                n = 1 if rural else (4 if tipo == "Empresa prestadora (EPS)" else 2)
                for _ in range(n):
                    day = datetime.date(2024, month, rng.randint(1, 28))
                    hora = f"{rng.randint(7, 15):02d}:{rng.choice(['00', '15', '30', '45'])}"
                    mean, sd, unchlorinated = CHLORINE_PROFILE[tipo]
                    cloro = (rng.uniform(0.0, 0.15) if rng.random() < unchlorinated
                             else min(2.8, max(0.0, rng.gauss(mean, sd))))
                    turbiedad = min(40.0, math.exp(rng.gauss(0.6 if rural else 0.0, 0.7)))
                    contaminated = rng.random() < (0.03 if cloro >= 0.5 else 0.3)
                    totales = rng.choice([2, 4, 8, 13, 23, 49]) if contaminated else 0
                    termo = round(totales * rng.uniform(0, 0.5)) if contaminated else 0
                    if rural:
                        localidad = f"Sistema de agua rural N.° {rng.randint(1, 12)} de {d.nombre}"
                        punto = rng.choice(["Reservorio", "Pileta pública", "Red de distribución"])
                        laboratorio = "Laboratorio de Salud Pública - Gerencia Regional de Salud"
                        fuente = "Vigilancia sanitaria - Gerencia Regional de Salud La Libertad"
                    else:
                        localidad = d.capital
                        punto = rng.choice(["Salida de planta de tratamiento", "Reservorio",
                                            "Red de distribución", "Red de distribución"])
                        laboratorio = ("Laboratorio de control de calidad de SEDALIB S.A."
                                       if prestador == "SEDALIB S.A." else
                                       "Laboratorio de Salud Pública - Gerencia Regional de Salud")
                        fuente = f"Control de calidad del prestador - {prestador}"
                    rows.append([
                        None, day.isoformat(), hora, ubigeo, localidad, punto, prestador,
                        f"{cloro:.2f} mg/L", f"{turbiedad:.2f}", f"{rng.gauss(7.4, 0.3):.1f}",
                        None if rural else f"{max(1, rng.gauss(6, 3)):.0f}",
                        None if rural else f"{rng.gauss(650, 180):.0f}",
                        "<1" if totales == 0 and not rural else totales, termo,
                        laboratorio, fuente])
    rows.sort(key=lambda r: (r[1], r[2], r[3], r[6]))
    for number, row in enumerate(rows, start=1):
        row[0] = f"MCA-2024-{number:04d}"
    write_csv("calidad_agua_muestras_2024.csv",
              ["codigo_muestra", "fecha_muestreo", "hora_muestreo", "ubigeo", "localidad",
               "punto_muestreo", "prestador", "cloro_residual_libre_mg_l", "turbiedad_unt",
               "ph", "color_ucv", "conductividad_umho_cm", "coliformes_totales_ufc_100ml",
               "coliformes_termotolerantes_ufc_100ml", "laboratorio", "fuente"],
              rows, folder=HARVEST)


def agro_harvest_samples() -> None:
    """The four feeds behind the seed `agro` sources: two weeks of wholesale prices,
    a quarter of farm-gate prices, December weather (daily and, from one automatic
    station, hourly) and the 2024-2025 planting intentions and sown area."""
    rng = random.Random(130205)
    rows = []
    day = datetime.date(2024, 12, 2)
    while day <= datetime.date(2024, 12, 14):
        if day.weekday() != 6:
            for prod, var, base, org_t, org_l, vol_t, vol_l in SISAP_PRODUCTS:
                for market, origin, volume, factor in ((HERMELINDA, org_t, vol_t, 1.0),
                                                       (GMML, org_l, vol_l, 1.12)):
                    if volume is None:
                        continue
                    avg = base * factor * rng.uniform(0.94, 1.06)
                    low, high = avg * rng.uniform(0.78, 0.9), avg * rng.uniform(1.1, 1.25)
                    rows.append([day.isoformat(), market, prod, var, origin, "kg",
                                 f"{low:.2f}", f"{high:.2f}", f"{avg:.2f}",
                                 f"{volume * rng.uniform(0.7, 1.3):.1f}"])
        day += datetime.timedelta(days=1)
    write_csv("agro_precios_mayoristas_2024.csv",
              ["fecha", "mercado", "producto", "variedad", "procedencia", "unidad",
               "precio_minimo", "precio_maximo", "precio_promedio", "volumen_t"],
              rows, folder=HARVEST)

    rows = []
    for d in DISTRICTS:
        for month in (10, 11, 12):
            for cultivo in crops_for(d):
                base, months = CHACRA[cultivo]
                if months and month not in months:
                    continue
                rows.append([2024, month, d.ubigeo, d.provincia, d.nombre, cultivo,
                             f"{base * rng.uniform(0.88, 1.12):.2f}"])
    write_csv("agro_precios_chacra_2024.csv",
              ["anio", "mes", "ubigeo", "provincia", "distrito", "cultivo",
               "precio_chacra_soles_kg"], rows, folder=HARVEST)

    rows = []
    for name, ubigeo, _alt, (tmax, tmin, hum, rain) in ESTACIONES[:2]:
        for offset in range(31):
            day = datetime.date(2024, 12, 1) + datetime.timedelta(days=offset)
            pp = rng.expovariate(1 / (rain * 3)) if rng.random() < 0.5 else 0.0
            tx, tn = tmax + rng.gauss(0, 1.1), tmin + rng.gauss(0, 0.9)
            humidity = "S/D" if rng.random() < 0.03 else f"{min(98, hum + rng.gauss(0, 5)):.0f}"
            rows.append([name, ubigeo, day.isoformat(), None, f"{tx:.1f}", f"{tn:.1f}", None,
                         humidity, f"{pp:.1f}", None, None])
    name, ubigeo = "Virú", "131201"
    for offset in range(2):
        day = datetime.date(2024, 12, 15) + datetime.timedelta(days=offset)
        for hour in range(24):
            warmth = math.sin((hour - 9) / 24 * 2 * math.pi)
            rows.append([name, ubigeo, day.isoformat(), f"{hour:02d}:00", None, None,
                         f"{21.5 + 4 * warmth + rng.gauss(0, 0.4):.1f}",
                         f"{min(99, 80 - 12 * warmth + rng.gauss(0, 3)):.0f}", "0.0",
                         f"{rng.choice([180, 200, 210, 225, 240]):.0f}",
                         f"{max(0.3, 2.5 + 2 * warmth + rng.gauss(0, 0.5)):.1f}"])
    write_csv("agro_clima_estaciones_2024.csv",
              ["estacion", "ubigeo", "Fecha", "Hora", "TemperaturaMax", "TemperaturaMin",
               "Temperatura", "HumedadRelativa", "Precipitacion", "DireccionViento",
               "VelocidadViento"], rows, folder=HARVEST)

    rows = []
    for d in DISTRICTS:
        if d.ubigeo in FULLY_URBAN:
            continue
        crops = dict(SIEMBRAS[zone(d)])
        if d.provincia_code in ("1304", "1307"):
            crops["Arroz"] = 600
        rural_pop = d.poblacion * (0.3 if zone(d) == "costa" else 0.7)
        for cultivo, per_1000 in crops.items():
            intended = per_1000 * rural_pop / 1000 * rng.uniform(0.85, 1.15)
            if intended < 5:
                continue
            sown = intended * rng.uniform(0.8, 1.02)
            rows.append(["2024-2025", d.ubigeo, d.provincia, d.nombre, cultivo,
                         f"{intended:.1f}", f"{sown:.1f}"])
    write_csv("agro_siembras_campana_2024_2025.csv",
              ["campana", "ubigeo", "provincia", "distrito", "cultivo", "intencion_siembra_ha",
               "superficie_sembrada_ha"], rows, folder=HARVEST)


def ruc_with_check_digit(first_ten: str) -> str:
    """SUNAT's module-11 check digit appended to the first ten digits of a RUC."""
    total = sum(int(d) * w for d, w in zip(first_ten, (5, 4, 3, 2, 7, 6, 5, 4, 3, 2),
                                           strict=True))
    return first_ten + str((11 - total % 11) % 10)


# puesto, ocupación, sector, typical monthly pay (None: "a convenir"), education
OFERTAS = [
    ("Operario de cosecha de arándano", "Peón agrícola", "agroindustria", 1200, "Sin estudios"),
    ("Operario de planta de empaque", "Operario de empaque", "agroindustria", 1150,
     "Secundaria completa"),
    ("Supervisor de campo", "Técnico agropecuario", "agroindustria", 2300, "Técnica completa"),
    ("Vendedor de tienda", "Vendedor de comercio", "comercio", 1250, "Secundaria completa"),
    ("Cajero", "Cajero", "comercio", 1180, "Secundaria completa"),
    ("Cocinero", "Cocinero", "restaurantes", 1500, "Técnica completa"),
    ("Conductor de camión", "Conductor de vehículo pesado", "transporte", 2200,
     "Secundaria completa"),
    ("Asistente contable", "Asistente de contabilidad", "servicios", 1600, "Técnica completa"),
    ("Ingeniero de seguridad minera", "Ingeniero de minas", "minería", 6500,
     "Universitaria completa"),
    ("Operario de calzado", "Operario de fabricación de calzado", "calzado", None,
     "Primaria completa"),
    ("Docente de educación inicial", "Profesor de educación inicial", "educación", 1900,
     "Universitaria completa"),
    ("Técnico de enfermería", "Técnico en enfermería", "salud", 1700, "Técnica completa"),
]
OFERTA_DISTRICTS = ["130101", "130101", "130101", "130102", "130104", "130105", "130111",
                    "131201", "131203", "130201", "130208", "130701", "130401", "130901",
                    "130801"]


def ofertas_empleo_harvest_sample() -> None:
    """Job offers behind the seed `laboral_empleos` source (fourth quarter of 2024);
    employers are illustrative, their RUCs carry a valid check digit."""
    rng = random.Random(130114)
    employers = [ruc_with_check_digit(f"20{rng.randint(10000000, 99999999)}")
                 for _ in range(20)]
    rows = []
    for number in range(1, 61):
        puesto, ocupacion, sector, pay, education = rng.choice(OFERTAS)
        index = rng.randrange(len(employers))
        published = datetime.date(2024, 10, 1) + datetime.timedelta(days=rng.randint(0, 88))
        closing = published + datetime.timedelta(days=rng.choice([7, 10, 15, 15, 30]))
        seasonal = sector == "agroindustria" and rng.random() < 0.6
        jornada = "Tiempo parcial" if sector == "comercio" and rng.random() < 0.3 else \
            "Tiempo completo"
        salary = None if pay is None else round(pay * rng.uniform(0.95, 1.2) / 10) * 10
        if jornada == "Tiempo parcial" and salary is not None:
            salary = round(salary * 0.5 / 10) * 10
        rows.append([
            f"OE-2024-{number:04d}", puesto, ocupacion, employers[index],
            f"Empleador ilustrativo N.° {index + 1:03d} ({sector}) S.A.C.",
            rng.choice(OFERTA_DISTRICTS),
            rng.choice([1, 1, 2, 3, 5, 20, 50]) if sector == "agroindustria"
            else rng.choice([1, 1, 1, 2, 3]),
            salary, "De temporada" if seasonal else rng.choice(
                ["Plazo fijo", "Plazo fijo", "Plazo indeterminado"]),
            jornada, education, rng.choice([0, 0, 6, 12, 24]),
            published.isoformat(), closing.isoformat()])
    rows.sort(key=lambda r: (r[12], r[0]))
    write_csv("laboral_ofertas_empleo_2024.csv",
              ["codigo_oferta", "puesto", "ocupacion", "ruc", "empresa", "ubigeo", "vacantes",
               "remuneracion", "tipo_contrato", "jornada", "nivel_educativo",
               "experiencia_meses", "fecha_publicacion", "fecha_cierre"], rows, folder=HARVEST)


def main() -> None:
    global DATA, HARVEST
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DATA,
                        help="output folder (default: datasets/data)")
    parser.add_argument("--harvest-out", type=Path, default=HARVEST,
                        help="output folder of the harvest samples (default: datasets/harvest)")
    args = parser.parse_args()
    DATA, HARVEST = args.out, args.harvest_out
    sidpol_harvest_sample()
    comparacion(sidpol())
    mpfn()
    prestadores()
    indicadores_prestadores(calidad_agua())
    precios_mayoristas()
    precios_chacra()
    superficie_sembrada()
    clima()
    empleo_formal()
    indicadores_laborales()
    sindicatos_y_negociaciones()
    calidad_agua_harvest_sample()
    agro_harvest_samples()
    ofertas_empleo_harvest_sample()


if __name__ == "__main__":
    main()
