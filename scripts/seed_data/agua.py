"""Agua segura: the seed files of the water providers of every district (SUNASS), the
health authority's quality surveillance and the providers' yearly indicators, plus the
samples behind the seed `agua_calidad` harvest source."""
from __future__ import annotations

import datetime
import math
import random
from collections import defaultdict
from pathlib import Path

from common import BY_UBIGEO, DISTRICTS, FULLY_URBAN, TRUJILLO_METRO, District, write_csv, zone

# Districts where SEDALIB S.A. serves the main town (Pacanga: the town of Pacanguilla;
# Rázuri: Puerto Malabrigo).
SEDALIB = TRUJILLO_METRO | {"130402", "130401", "130107", "130203", "130205", "130206"}


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



def prestadores(out: Path) -> None:
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
    write_csv(out, "prestadores_agua_distrito.csv",
              ["ubigeo", "provincia", "distrito", "ambito", "localidad", "prestador",
               "tipo_prestador", "supervision", "fuente_agua", "poblacion_servida_estimada",
               "numero_organizaciones_comunales"], rows)


CHLORINE_PROFILE = {  # (mean, sd, share not chlorinated)
    "Empresa prestadora (EPS)": (1.0, 0.32, 0.0),
    "Unidad de gestión municipal": (0.8, 0.3, 0.08),
    "Organización comunal (JASS)": (0.6, 0.35, 0.28),
}


def calidad_agua(out: Path) -> dict[tuple[str, str], list[bool]]:
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
    write_csv(out, "vigilancia_calidad_agua_2024.csv",
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


def indicadores_prestadores(out: Path, chlorine_ok: dict[tuple[str, str], list[bool]]) -> None:
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
    write_csv(out, "indicadores_prestadores_agua.csv",
              ["anio", "ubigeo", "provincia", "distrito", "ambito", "prestador",
               "tipo_prestador", "conexiones_agua", "continuidad_horas_dia",
               "cobertura_agua_pct", "cobertura_alcantarillado_pct", "agua_no_facturada_pct",
               "micromedicion_pct", "reclamos_por_1000_conexiones",
               "cumplimiento_cloro_residual_pct"], rows)



AGUA_SAMPLE_DISTRICTS = ["130101", "130102", "130104", "130105", "130111", "130601",
                         "130901", "131201"]


def calidad_agua_harvest_sample(out: Path) -> None:
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
    write_csv(out, "calidad_agua_muestras_2024.csv",
              ["codigo_muestra", "fecha_muestreo", "hora_muestreo", "ubigeo", "localidad",
               "punto_muestreo", "prestador", "cloro_residual_libre_mg_l", "turbiedad_unt",
               "ph", "color_ucv", "conductividad_umho_cm", "coliformes_totales_ufc_100ml",
               "coliformes_termotolerantes_ufc_100ml", "laboratorio", "fuente"],
              rows)


def generate(data: Path, harvest: Path) -> None:
    prestadores(data)
    indicadores_prestadores(data, calidad_agua(data))
    calidad_agua_harvest_sample(harvest)
