"""Seeded corpus of realistic Spanish datasets for the search benchmark.

Organizations and groups are created through CKAN's actions; the datasets
(with Zipf-distributed tags, resources, extras, 10 % private and a few drafts)
are written straight into CKAN's tables, because 100,000 ``package_create``
calls would take hours; they then reach the search index only through CKAN's
real indexing path (``ckan.lib.search.rebuild``, what ``ckan search-index
rebuild`` runs).
"""
from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

PROVINCIAS = ["Trujillo", "Ascope", "Bolívar", "Chepén", "Julcán", "Otuzco",
              "Pacasmayo", "Pataz", "Sánchez Carrión", "Santiago de Chuco",
              "Gran Chimú", "Virú"]
TEMAS = {
    "agua": ["calidad del agua", "cloro residual", "prestadores de agua",
             "conexiones domiciliarias", "turbidez", "saneamiento"],
    "seguridad": ["denuncias por robo", "violencia familiar", "comisarías",
                  "patrullaje", "robo de vehículos", "mapa del delito"],
    "agro": ["precios en chacra", "superficie sembrada", "producción de papa",
             "mercados mayoristas", "campaña agrícola", "riego tecnificado"],
    "laboral": ["ofertas de empleo", "negociación colectiva", "conflictos laborales",
                "sindicatos", "capacitación laboral", "planillas electrónicas"],
    "educacion": ["matrícula escolar", "docentes", "locales escolares",
                  "evaluación de aprendizajes", "becas", "educación básica"],
    "salud": ["vacunación", "anemia infantil", "establecimientos de salud",
              "atenciones médicas", "dengue", "nutrición"],
}
PALABRAS = ["registro", "padrón", "informe", "estadística", "indicadores", "mensual", "anual", "consolidado", "distrital", "provincial", "regional", "histórico", "público", "reporte", "resumen", "detalle", "serie", "listado", "inventario", "encuesta", "monitoreo", "seguimiento", "evaluación", "ejecución", "presupuesto"]
RARAS = ["ictiología", "quinua", "geotermia", "espeleología", "arqueobotánica"]
FORMATOS = ["CSV", "CSV", "CSV", "XLSX", "JSON", "PDF", "PDF", "ZIP", "SHP"]
LICENCIAS = ["cc-by", "cc-by-sa", "odc-by", "cc-zero", "other-open"]

#: "datos" is in 40 % of the descriptions: the very common free-text term.
COMMON_TERM, COMMON_SHARE = "datos", 0.40


@dataclass
class Dataset:
    id: str
    name: str
    title: str
    notes: str
    owner_org: str
    license_id: str
    private: bool
    state: str
    created: dt.datetime
    modified: dt.datetime
    tags: list[str]
    groups: list[str]
    resources: list[tuple[str, str, str]]  # name, format, url
    extras: dict[str, str]


def tag_vocabulary(rnd: random.Random, size: int = 600) -> list[str]:
    words = sorted({w for phrases in TEMAS.values() for p in phrases
                    for w in p.split() if len(w) > 3} | set(PALABRAS))
    tags = [p for phrases in TEMAS.values() for p in phrases]
    tags += [p.lower() for p in PROVINCIAS]
    while len(tags) < size:
        tags.append(f"{rnd.choice(words)} {rnd.choice(words)}")
    return list(dict.fromkeys(tags))[:size]


def zipf_weights(n: int, s: float = 1.1) -> list[float]:
    return [1 / (rank ** s) for rank in range(1, n + 1)]


def generate(count: int, organizations: list[tuple[str, str]],
             groups: list[str], seed: int = 20261127) -> Iterator[Dataset]:
    """``organizations`` are (id, topic) pairs; ``groups`` are names."""
    rnd = random.Random(seed)
    vocabulary = tag_vocabulary(rnd)
    weights = zipf_weights(len(vocabulary))
    now = dt.datetime(2026, 11, 1)
    for i in range(count):
        org_id, topic = rnd.choice(organizations)
        subject = rnd.choice(TEMAS[topic])
        provincia = rnd.choice(PROVINCIAS)
        year = rnd.randint(2015, 2026)
        title = f"{rnd.choice(PALABRAS).capitalize()} de {subject} en {provincia} {year}"
        words = [rnd.choice(PALABRAS) for _ in range(rnd.randint(8, 30))]
        if rnd.random() < COMMON_SHARE:
            words.insert(rnd.randrange(len(words)), COMMON_TERM)
        if rnd.random() < 0.002:
            words.append(rnd.choice(RARAS))
        notes = (f"{subject.capitalize()} de la provincia de {provincia}. "
                 + " ".join(words) + ".")
        created = now - dt.timedelta(days=rnd.randint(0, 5 * 365),
                                     seconds=rnd.randint(0, 86400))
        modified = created + dt.timedelta(days=rnd.randint(0, 200))
        tags = list(dict.fromkeys(rnd.choices(vocabulary, weights, k=rnd.randint(1, 6))))
        yield Dataset(
            id=str(uuid.UUID(int=rnd.getrandbits(128))),
            name=f"ds-{i:06d}-{topic}",
            title=title, notes=notes, owner_org=org_id,
            license_id=rnd.choice(LICENCIAS),
            private=rnd.random() < 0.10,
            state="draft" if rnd.random() < 0.005 else "active",
            created=created, modified=min(modified, now),
            tags=tags,
            groups=[g for g in groups if rnd.random() < 0.15],
            resources=[(f"{subject} {year} parte {k + 1}", rnd.choice(FORMATOS),
                        f"https://www.regionlalibertad.gob.pe/archivos/{topic}/{i}/{k}")
                       for k in range(rnd.randint(1, 4))],
            extras={"frecuencia": rnd.choice(["mensual", "anual", "trimestral"]),
                    "cobertura": provincia},
        )
