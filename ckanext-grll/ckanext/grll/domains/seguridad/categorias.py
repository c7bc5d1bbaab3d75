"""The portal's crime categories and how each official source's classes map to them.

Citizen categories are the feedback engine's (``domain.yaml``); the official
sources add a few that citizens report as "otro". ``categorias.yaml`` maps each
source's own classes (SIDPOL modalities, MPFN subgenerico) to those codes.
"""
from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from ckanext.grll.feedback.shared import load_domain

HERE = Path(__file__).parent
OTHER = "otro"
CITIZEN = "ciudadana"


@dataclass(frozen=True)
class Categoria:
    code: str
    name: str
    #: Never shown as points; counted per district only.
    sensitive: bool
    #: Citizens can report it (it is a category of domain.yaml).
    citizen: bool


@dataclass(frozen=True)
class Fuente:
    """An official source: the columns that may hold each figure and its class map."""

    code: str
    name: str
    columns: dict[str, tuple[str, ...]]
    classes: dict[str, str]

    @property
    def monthly(self) -> bool:
        return "mes" in self.columns

    def category_of(self, clase: str | None) -> str:
        return self.classes.get(normalized(clase or ""), OTHER)


def normalized(text: str) -> str:
    """Upper case, no accents, single spaces: how class names are compared."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(plain.upper().split())


@functools.cache
def categorias() -> dict[str, Categoria]:
    """Every category of the statistics, citizen ones first, by code."""
    domain = load_domain(HERE / "domain.yaml")
    found = {c.code: Categoria(c.code, c.name, c.sensitive, True)
             for c in domain.categories.values()}
    for item in _config()["solo_oficiales"]:
        found[item["code"]] = Categoria(item["code"], item["name"], False, False)
    return found


@functools.cache
def fuentes() -> dict[str, Fuente]:
    """The official sources, by code (``policial``, ``fiscalia``)."""
    found = {}
    for code, item in _config()["fuentes"].items():
        classes = {normalized(name): category for name, category in item["clases"].items()}
        unknown = set(classes.values()) - set(categorias())
        if unknown:
            raise ValueError(f"categorias.yaml: fuentes.{code}.clases: unknown categories "
                             f"{', '.join(sorted(unknown))}")
        found[code] = Fuente(code=code, name=item["nombre"], classes=classes,
                             columns={k: tuple(v) for k, v in item["columnas"].items()})
    return found


def source_codes() -> tuple[str, ...]:
    """Every source of the statistics: the official ones and the citizens'."""
    return (*fuentes(), CITIZEN)


@functools.cache
def _config() -> dict:
    return yaml.safe_load((HERE / "categorias.yaml").read_text(encoding="utf-8"))
