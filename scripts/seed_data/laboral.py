"""Información laboral: the seed files of formal private employment (Planilla Electrónica),
the labour-market indicators (ENAHO), the union registry and collective bargaining, plus
the job offers behind the seed `laboral_empleos` harvest source."""
from __future__ import annotations

import datetime
import hashlib
import random
from pathlib import Path

from common import CUTOFF, DISTRICTS, PROVINCES, write_csv

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


def empleo_formal(out: Path) -> None:
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
    write_csv(out, "empleo_formal_privado_provincia.csv",
              ["anio", "mes", "ubigeo_provincia", "provincia", "actividad_economica",
               "trabajadores"], rows)


def indicadores_laborales(out: Path) -> None:
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
    write_csv(out, "indicadores_mercado_laboral_2015_2024.csv",
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
_named: dict[str, int] = {}
_used: set[str] = set()


def fictional_ruc(name: str) -> str:
    digits = int(hashlib.sha256(name.encode()).hexdigest(), 16) % 10**8
    return ruc_with_check_digit(f"20{digits:08d}")


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


def sindicatos_y_negociaciones(out: Path) -> None:
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
    write_csv(out, "sindicatos_registrados.csv",
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
    write_csv(out, "negociaciones_colectivas_2024.csv",
              ["expediente", "numero_registro_sindical", "sindicato", "empleador",
               "actividad_economica", "ubigeo", "provincia", "distrito", "periodo_convenio",
               "trabajadores_comprendidos", "fecha_presentacion_pliego", "etapa_actual",
               "fecha_inicio_trato_directo", "fecha_inicio_conciliacion",
               "fecha_inicio_arbitraje", "fecha_inicio_huelga", "fecha_solucion",
               "forma_solucion", "incremento_soles_dia"], rows)



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


def ofertas_empleo_harvest_sample(out: Path) -> None:
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
    write_csv(out, "laboral_ofertas_empleo_2024.csv",
              ["codigo_oferta", "puesto", "ocupacion", "ruc", "empresa", "ubigeo", "vacantes",
               "remuneracion", "tipo_contrato", "jornada", "nivel_educativo",
               "experiencia_meses", "fecha_publicacion", "fecha_cierre"], rows)


def generate(data: Path, harvest: Path) -> None:
    empleo_formal(data)
    indicadores_laborales(data)
    sindicatos_y_negociaciones(data)
    ofertas_empleo_harvest_sample(harvest)
