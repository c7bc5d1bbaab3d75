"""Mercado agrario: the seed files of wholesale prices (MIDAGRI SISAP), farm-gate prices,
sown area per campaign (SIEA) and weather (SENAMHI), plus the four feeds behind the seed
`agro` harvest sources."""
from __future__ import annotations

import datetime
import math
import random
from pathlib import Path

from common import DISTRICTS, FULLY_URBAN, District, write_csv, zone

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


def precios_mayoristas(out: Path) -> None:
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
    write_csv(out, "precios_mayoristas_sisap_2024.csv",
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


def precios_chacra(out: Path) -> None:
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
    write_csv(out, "precios_chacra_2024.csv",
              ["anio", "mes", "ubigeo", "provincia", "distrito", "cultivo",
               "precio_chacra_soles_kg"], rows)


# transitory crops: hectares per 1,000 rural-ish inhabitants, by zone
SIEMBRAS = {
    "costa": {"Arroz": 0, "Maíz amarillo duro": 120, "Frijol grano seco": 6},
    "yunga": {"Maíz amarillo duro": 120, "Frijol grano seco": 15, "Yuca": 8},
    "sierra": {"Papa": 95, "Trigo": 110, "Cebada grano": 80, "Maíz amiláceo": 60,
               "Arveja grano seco": 22, "Haba grano seco": 14, "Olluco": 9},
}


def superficie_sembrada(out: Path) -> None:
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
    write_csv(out, "superficie_sembrada_campanas.csv",
              ["campana", "fecha_inicio", "fecha_fin", "ubigeo", "provincia", "distrito",
               "cultivo", "superficie_sembrada_ha"], rows)


# station name, district ubigeo, altitude, (tmax, tmin, humidity, rain mm/day in wet months)
ESTACIONES = [
    ("Huamachuco", "130901", 3183, (18.5, 6.5, 72, 3.2)),
    ("Otuzco", "130601", 2700, (19.5, 8.0, 70, 2.4)),
    ("Cascas", "131101", 1278, (27.0, 15.5, 63, 0.8)),
    ("Virú", "131201", 88, (26.0, 17.5, 80, 0.02)),
]


def clima(out: Path) -> None:
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
    write_csv(out, "clima_diario_estaciones_2024.csv",
              ["estacion", "ubigeo", "altitud_msnm", "Fecha", "TemperaturaMax", "TemperaturaMin",
               "HumedadRelativa", "Precipitacion"], rows)



def agro_harvest_samples(out: Path) -> None:
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
    write_csv(out, "agro_precios_mayoristas_2024.csv",
              ["fecha", "mercado", "producto", "variedad", "procedencia", "unidad",
               "precio_minimo", "precio_maximo", "precio_promedio", "volumen_t"],
              rows)

    rows = []
    for d in DISTRICTS:
        for month in (10, 11, 12):
            for cultivo in crops_for(d):
                base, months = CHACRA[cultivo]
                if months and month not in months:
                    continue
                rows.append([2024, month, d.ubigeo, d.provincia, d.nombre, cultivo,
                             f"{base * rng.uniform(0.88, 1.12):.2f}"])
    write_csv(out, "agro_precios_chacra_2024.csv",
              ["anio", "mes", "ubigeo", "provincia", "distrito", "cultivo",
               "precio_chacra_soles_kg"], rows)

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
    write_csv(out, "agro_clima_estaciones_2024.csv",
              ["estacion", "ubigeo", "Fecha", "Hora", "TemperaturaMax", "TemperaturaMin",
               "Temperatura", "HumedadRelativa", "Precipitacion", "DireccionViento",
               "VelocidadViento"], rows)

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
    write_csv(out, "agro_siembras_campana_2024_2025.csv",
              ["campana", "ubigeo", "provincia", "distrito", "cultivo", "intencion_siembra_ha",
               "superficie_sembrada_ha"], rows)


def generate(data: Path, harvest: Path) -> None:
    precios_mayoristas(data)
    precios_chacra(data)
    superficie_sembrada(data)
    clima(data)
    agro_harvest_samples(harvest)
