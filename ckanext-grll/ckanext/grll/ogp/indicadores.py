"""The live indicators of each commitment: ONE engine over definitions in data.

Each commitment lists its indicators in ``domains/<commitment>/indicadores.yaml``;
this module computes them from the portal's own tables. A definition is one of:

``reportes``
    the commitment's citizen reports (the feedback engine's table, through
    ``feedback.shared``): ``medida`` is ``recibidos`` (not hidden), ``resueltos``
    or ``mediana_dias`` (median days from receipt to closing, resolved only);
    ``categoria`` narrows them to one category.
``conteo``
    rows of one of the portal's ``grll_*`` tables, ``distinto`` counting distinct
    values of a column instead, ``donde`` equality filters (column: value);
    ``resumen`` names the commitment's summary that keeps the table (see
    ``domains/summaries.py``), made fresh before counting.

Every query is one aggregate over one table with equality filters on it (no joins,
no user input reaches the SQL: identifiers are checked when the file is read), so its
cost is bounded by that table's size.
"""
from __future__ import annotations

import datetime
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ckan.model as model
import sqlalchemy as sa
import yaml

from ckanext.grll.domains import summaries
from ckanext.grll.feedback.shared import Report, workflow

DOMAINS_DIR = Path(__file__).resolve().parent.parent / "domains"
FILE_NAME = "indicadores.yaml"
_IDENTIFIER = re.compile(r"[a-z_][a-z0-9_]*")
_CODE = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
MEDIDAS_REPORTES = ("recibidos", "resueltos", "mediana_dias")


class DefinicionNoValida(ValueError):
    """An ``indicadores.yaml`` that cannot be computed; the message names file and entry."""


@dataclass(frozen=True)
class Indicador:
    dominio: str
    codigo: str
    nombre: str
    descripcion: str
    tipo: str
    unidad: str = ""
    medida: str = ""
    categoria: str = ""
    tabla: str = ""
    distinto: str = ""
    donde: dict[str, Any] = field(default_factory=dict)
    resumen: str = ""


def _check(condition: bool, where: str, message: str) -> None:
    if not condition:
        raise DefinicionNoValida(f"{where}: {message}")


def parse(dominio: str, data: dict[str, Any], where: str = "") -> list[Indicador]:
    """The definitions of one file, checked (identifiers, kinds, measures)."""
    where = where or f"{dominio}/{FILE_NAME}"
    found, seen = [], set()
    for n, entry in enumerate((data or {}).get("indicadores") or []):
        here = f"{where} #{n + 1}"
        _check(isinstance(entry, dict), here, "cada indicador es un mapa")
        codigo, tipo = str(entry.get("codigo", "")), entry.get("tipo")
        _check(bool(_CODE.fullmatch(codigo)) and codigo not in seen, here,
               "codigo en minúsculas con guiones, único")
        seen.add(codigo)
        _check(bool(str(entry.get("nombre", "")).strip()), here, "falta nombre")
        _check(bool(str(entry.get("descripcion", "")).strip()), here, "falta descripcion")
        if tipo == "reportes":
            _check(entry.get("medida") in MEDIDAS_REPORTES, here,
                   "medida: " + ", ".join(MEDIDAS_REPORTES))
        elif tipo == "conteo":
            tabla = str(entry.get("tabla", ""))
            _check(tabla.startswith("grll_") and bool(_IDENTIFIER.fullmatch(tabla)), here,
                   "tabla: una tabla grll_* del portal")
            columns = [entry.get("distinto") or "x", *(entry.get("donde") or {})]
            _check(all(_IDENTIFIER.fullmatch(str(c)) for c in columns), here,
                   "columnas: identificadores en minúsculas")
            _check(not entry.get("resumen") or bool(_IDENTIFIER.fullmatch(
                str(entry["resumen"]))), here, "resumen: el nombre de un resumen")
        else:
            _check(False, here, "tipo: reportes o conteo")
        found.append(Indicador(
            dominio=dominio, codigo=codigo, nombre=entry["nombre"].strip(),
            descripcion=entry["descripcion"].strip(), tipo=tipo,
            unidad=str(entry.get("unidad", "")), medida=str(entry.get("medida", "")),
            categoria=str(entry.get("categoria", "")), tabla=str(entry.get("tabla", "")),
            distinto=str(entry.get("distinto", "")), donde=dict(entry.get("donde") or {}),
            resumen=str(entry.get("resumen", ""))))
    return found


@functools.cache
def definiciones(dominio: str) -> tuple[Indicador, ...]:
    """The indicators of a commitment (none when it has no file)."""
    path = DOMAINS_DIR / dominio / FILE_NAME
    if not _IDENTIFIER.fullmatch(dominio) or not path.is_file():
        return ()
    return tuple(parse(dominio, yaml.safe_load(path.read_text(encoding="utf-8")), str(path)))


def dominios() -> list[str]:
    """The commitments that define indicators."""
    return sorted(p.parent.name for p in DOMAINS_DIR.glob(f"*/{FILE_NAME}"))


def _reportes(ind: Indicador) -> Any:
    query = sa.select(sa.func.count()).select_from(Report.__table__).where(
        Report.domain == ind.dominio, Report.hidden.is_(False))
    if ind.categoria:
        query = query.where(Report.category == ind.categoria)
    if ind.medida == "recibidos":
        return query
    query = query.where(Report.status == workflow.RESOLVED)
    if ind.medida == "resueltos":
        return query
    days = sa.extract("epoch", Report.closed_at - Report.created) / 86400.0
    return query.with_only_columns(
        sa.func.percentile_cont(0.5).within_group(days)).where(Report.closed_at.isnot(None))


def _conteo(ind: Indicador) -> Any:
    table = sa.table(ind.tabla, *[sa.column(c) for c in [ind.distinto, *ind.donde] if c])
    measure = (sa.func.count(sa.distinct(table.c[ind.distinto])) if ind.distinto
               else sa.func.count())
    query = sa.select(measure).select_from(table)
    for column, value in ind.donde.items():
        query = query.where(table.c[column] == value)
    return query


def valor(ind: Indicador) -> float | int | None:
    """The indicator now; None when its source table does not exist (plugin off)."""
    if ind.resumen in summaries.DECLARED:
        # A summary table counts only once built and up to date.
        summaries.ensure_fresh(summaries.DECLARED[ind.resumen])
    query = _reportes(ind) if ind.tipo == "reportes" else _conteo(ind)
    try:
        with model.Session.begin_nested():
            result = model.Session.execute(query).scalar()
    except sa.exc.ProgrammingError:
        return None
    if result is None:
        return None
    if ind.medida == "mediana_dias":
        return round(float(result), 1)
    return int(result)


def calcular(dominio: str) -> list[dict[str, Any]]:
    """Every indicator of a commitment with its current value."""
    return [{"codigo": i.codigo, "nombre": i.nombre, "descripcion": i.descripcion,
             "unidad": i.unidad, "valor": valor(i)} for i in definiciones(dominio)]


def registrar(today: datetime.date | None = None) -> int:
    """Snapshot every indicator today (the day's last snapshot wins); rows written.
    Called on each change of the plan and by ``ckan grll periodicas``; the caller commits."""
    from sqlalchemy.dialects.postgresql import insert

    from ckanext.grll.ogp.model import IndicadorValor

    day, written = today or datetime.date.today(), 0
    for dominio in dominios():
        for item in calcular(dominio):
            statement = insert(IndicadorValor.__table__).values(
                dominio=dominio, codigo=item["codigo"], fecha=day, valor=item["valor"])
            model.Session.execute(statement.on_conflict_do_update(
                index_elements=["dominio", "codigo", "fecha"],
                set_={"valor": statement.excluded.valor}))
            written += 1
    return written


def historia(dominio: str, limit: int = 400) -> list[dict[str, Any]]:
    """The recorded snapshots of a commitment's indicators, oldest first."""
    from ckanext.grll.ogp.model import IndicadorValor

    rows = (model.Session.query(IndicadorValor).filter(IndicadorValor.dominio == dominio)
            .order_by(IndicadorValor.fecha.desc(), IndicadorValor.codigo).limit(limit).all())
    return [{"codigo": r.codigo, "fecha": r.fecha.isoformat(),
             "valor": float(r.valor) if r.valor is not None else None}
            for r in reversed(rows)]
