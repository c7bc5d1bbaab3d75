"""Compliance of drinking-water samples with the DS N.° 031-2010-SA limits.

The limits and rules live in ``limites.yaml`` beside this module. A sample passes or
fails each measured parameter; a month of samples of one locality and provider is
summarised as counts per parameter (:func:`count`), and the counts are judged by the
parameter's rule (:func:`evaluate`). Counts are what the summary table stores, so the
monthly verdict always comes with the number of samples behind every figure.
"""
from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from ckan.plugins.toolkit import _

from ckanext.grll import numbers

APTA = "apta"
CON_OBSERVACIONES = "con_observaciones"
NO_APTA = "no_apta"
SIN_DATOS = "sin_datos"
#: Worst last: the month's verdict is the worst verdict of its failed rules.
_SEVERITY = (APTA, CON_OBSERVACIONES, NO_APTA)
RULES = ("cloro", "proporcion", "cero")

LIMITS_FILE = Path(__file__).with_name("limites.yaml")


@dataclass(frozen=True)
class Limite:
    columna: str
    nombre: str
    unidad: str
    regla: str
    si_incumple: str
    minimo: float | None = None
    maximo: float | None = None
    piso: float | None = None
    proporcion: float = 1.0

    def passes(self, value: float) -> bool:
        """One sample within the limits (bounds inclusive)."""
        return ((self.minimo is None or value >= self.minimo)
                and (self.maximo is None or value <= self.maximo))

    @property
    def label(self) -> str:
        """The parameter's name in the page's language (names are data: their English
        lives in this commitment's catalog beside the texts of the code)."""
        return _(self.nombre)

    def below_floor(self, value: float) -> bool:
        return self.piso is not None and value < self.piso


def load_limits(path: Path = LIMITS_FILE) -> tuple[Limite, ...]:
    """Read and check the limits file; a wrong file stops with the parameter at fault."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    limits = []
    for entry in data["parametros"]:
        limite = Limite(**entry)
        if limite.regla not in RULES or limite.si_incumple not in _SEVERITY[1:]:
            raise ValueError(f"{path.name}: regla o veredicto no válido en {limite.columna}")
        if limite.regla == "cloro" and (limite.piso is None or limite.minimo is None):
            raise ValueError(f"{path.name}: la regla cloro necesita minimo y piso "
                             f"({limite.columna})")
        limits.append(limite)
    return tuple(limits)


@functools.lru_cache(maxsize=1)
def limits() -> tuple[Limite, ...]:
    return load_limits()


def columns() -> list[str]:
    return [limite.columna for limite in limits()]


def sample_results(sample: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Pass/fail per measured parameter of one sample, in the order of the limits file."""
    results = []
    for limite in limits():
        value = sample.get(limite.columna)
        if value is None:
            continue
        results.append({"parametro": limite.columna, "nombre": limite.label,
                        "unidad": limite.unidad, "valor": float(value),
                        "cumple": limite.passes(float(value))})
    return results


def add(counts: dict[str, dict[str, int]], sample: Mapping[str, Any]) -> None:
    """Add one sample to a month's counts (per parameter: measured, within limits, below
    the floor)."""
    for limite in limits():
        value = sample.get(limite.columna)
        if value is None:
            continue
        figures = counts.setdefault(limite.columna, {"n": 0, "conformes": 0, "bajo_piso": 0})
        figures["n"] += 1
        figures["conformes"] += limite.passes(float(value))
        figures["bajo_piso"] += limite.below_floor(float(value))


def count(samples: Iterable[Mapping[str, Any]]) -> dict[str, dict[str, int]]:
    """The counts of a set of samples (see :func:`add`)."""
    counts: dict[str, dict[str, int]] = {}
    for sample in samples:
        add(counts, sample)
    return counts


def merge(*many: Mapping[str, Mapping[str, int]]) -> dict[str, dict[str, int]]:
    """Counts of several months or localities added up (e.g. a provider's year)."""
    total: dict[str, dict[str, int]] = {}
    for counts in many:
        for column, figures in counts.items():
            into = total.setdefault(column, {"n": 0, "conformes": 0, "bajo_piso": 0})
            for key, value in figures.items():
                into[key] = into.get(key, 0) + value
    return total


def medida(value: float) -> str:
    """A measured figure as the portal writes numbers, with the decimals it was
    reported with and no trailing zeros (0,5; 12; 1,25)."""
    places = max(0, -Decimal(f"{value:g}").as_tuple().exponent)
    return numbers.numero(value, places)


def _judge(limite: Limite, figures: Mapping[str, int]) -> tuple[bool, str]:
    """Whether the rule is met, and why not in plain Spanish."""
    n, good, floor = figures["n"], figures["conformes"], figures.get("bajo_piso", 0)
    if limite.regla == "cero":
        bad = n - good
        return bad == 0, _("{nombre}: {bad} de {n} muestras con presencia (debe ser 0 "
                           "{unidad}).").format(nombre=limite.label, bad=bad, n=n,
                                                unidad=limite.unidad)
    share_ok = good >= limite.proporcion * n
    share_reason = _("{nombre}: {good} de {n} muestras ({pct}) dentro del límite; se exige "
                     "al menos el {req}.").format(
        nombre=limite.label, good=good, n=n, pct=numbers.porcentaje(good / n, 0, fraccion=True),
        req=numbers.porcentaje(limite.proporcion, 0, fraccion=True))
    if limite.regla == "proporcion":
        return share_ok, share_reason
    reasons = [] if share_ok else [share_reason]
    if floor:
        reasons.append(_("{nombre}: {floor} de {n} muestras por debajo de {piso} {unidad} "
                         "(no se admite ninguna).").format(
            nombre=limite.label, floor=floor, n=n, piso=medida(limite.piso or 0),
            unidad=limite.unidad))
    return share_ok and not floor, " ".join(reasons)


def evaluate(counts: Mapping[str, Mapping[str, int]]) -> dict[str, Any]:
    """The month's verdict from its counts, with every figure's sample count.

    :returns: ``{"veredicto", "muestras", "motivos": [text], "parametros": [{parametro,
        nombre, regla, n, conformes, bajo_piso, cumple, motivo}]}``; ``muestras`` is the
        largest number of samples of any parameter
    """
    verdict = APTA if counts else SIN_DATOS
    reasons, parameters = [], []
    for limite in limits():
        figures = counts.get(limite.columna)
        if not figures or not figures["n"]:
            continue
        met, reason = _judge(limite, figures)
        if not met:
            reasons.append(reason)
            if _SEVERITY.index(limite.si_incumple) > _SEVERITY.index(verdict):
                verdict = limite.si_incumple
        parameters.append({"parametro": limite.columna, "nombre": limite.label,
                           "unidad": limite.unidad, "regla": limite.regla,
                           "n": figures["n"], "conformes": figures["conformes"],
                           "bajo_piso": figures.get("bajo_piso", 0), "cumple": met,
                           "motivo": None if met else reason})
    return {"veredicto": verdict,
            "muestras": max((p["n"] for p in parameters), default=0),
            "motivos": reasons, "parametros": parameters}


def verdict_label(verdict: str) -> str:
    return {APTA: _("Apta"), CON_OBSERVACIONES: _("Con observaciones"),
            NO_APTA: _("No apta"), SIN_DATOS: _("Sin datos")}[verdict]
