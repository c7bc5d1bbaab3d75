"""Farm-gate prices reported by farmers (feedback category ``precio-chacra``).

Each report is checked when it arrives against the official range of SIEA farm-gate
prices for that crop and month; the result is kept in ``grll_agro_reporte_chacra``
keyed by the report id (the report itself, with its contact data, stays in the
engine's private table). Outliers are kept but left out of the published medians,
and a median is published only when its group has enough reports.
"""
from __future__ import annotations

import datetime
from typing import Any

import sqlalchemy as sa
from ckan import model

from ckanext.grll.domains import summaries
from ckanext.grll.domains.agro import config, resumen
from ckanext.grll.feedback.shared import get_domain, workflow

CATEGORIA = "precio-chacra"
#: domain.yaml's crop keys whose SIEA product name has another slug.
CULTIVO_SIEA = {"cana-azucar": "cana-de-azucar", "arroz": "arroz-cascara",
                "cebada": "cebada-grano"}


def cultivo_siea(key: str) -> str:
    return CULTIVO_SIEA.get(key, key)


def cultivos() -> dict[str, str]:
    """The report form's crop keys and their SIEA slugs."""
    domain = get_domain("agro")
    category = domain.categories[CATEGORIA] if domain else None
    question = next((q for q in category.questions if q.code == "cultivo"), None) \
        if category else None
    return {key: cultivo_siea(key) for key in (question.value_keys if question else ())}


def rango_oficial(cultivo: str, mes: int) -> tuple[float, float] | None:
    """Lowest and highest official farm-gate price of the crop in that month of any
    year and district; of any month when that month has none."""
    row = model.Session.execute(sa.text("""
        SELECT coalesce(min(precio) FILTER (WHERE mes = :mes), min(precio)),
               coalesce(max(precio) FILTER (WHERE mes = :mes), max(precio))
        FROM grll_agro_chacra WHERE cultivo = :cultivo
    """), {"cultivo": cultivo, "mes": mes}).first()
    return None if row is None or row[0] is None else (float(row[0]), float(row[1]))


def es_atipico(precio: float, rango: tuple[float, float] | None) -> str | None:
    """Why the price is an outlier ("bajo"/"alto"), or None when it is plausible."""
    if rango is None:
        return None
    tolerancia = config.outlier_tolerance()
    if precio < rango[0] * (1 - tolerancia):
        return "bajo"
    if precio > rango[1] * (1 + tolerancia):
        return "alto"
    return None


def registrar(report: dict[str, Any]) -> None:
    """Check a new farm-gate report and remember the result (engine hook)."""
    if report["categoria"] != CATEGORIA:
        return
    answers = report["respuestas"]
    cultivo = cultivo_siea(answers["cultivo"])
    precio = float(answers["precio-kg"])
    vendido = answers.get("fecha-venta") or report["creado"]
    when = datetime.datetime.fromisoformat(str(vendido)).date()
    summaries.ensure_fresh(*resumen.SUMMARIES)
    motivo = es_atipico(precio, rango_oficial(cultivo, when.month))
    model.Session.execute(sa.text("""
        INSERT INTO grll_agro_reporte_chacra
            (report_id, cultivo, ubigeo, anio, mes, precio, atipico, motivo, created)
        VALUES (:id, :cultivo, :ubigeo, :anio, :mes, :precio, :atipico, :motivo, :created)
        ON CONFLICT (report_id) DO NOTHING
    """), {"id": report["id"], "cultivo": cultivo, "ubigeo": report["ubigeo"],
           "anio": when.year, "mes": when.month, "precio": precio,
           "atipico": motivo is not None, "motivo": motivo,
           "created": datetime.datetime.utcnow()})
    model.Session.commit()


def medianas(cultivo: str | None, ubigeo: str | None, desde: str | None,
             hasta: str | None) -> dict[str, Any]:
    """Median farm-gate price per crop, district and month of the reports that are not
    outliers, hidden, rejected or duplicates; below the minimum n only the count."""
    minimum = config.median_min_reports()
    rows = model.Session.execute(sa.text("""
        SELECT c.cultivo, c.ubigeo, to_char(make_date(c.anio, c.mes, 1), 'YYYY-MM'),
               count(*), percentile_cont(0.5) WITHIN GROUP (ORDER BY c.precio),
               (SELECT count(*) FROM grll_agro_reporte_chacra o
                JOIN grll_feedback_report ro ON ro.id = o.report_id
                WHERE o.atipico AND NOT ro.hidden AND ro.status <> ALL(:closed)
                  AND (o.cultivo, o.ubigeo, o.anio, o.mes) = (c.cultivo, c.ubigeo, c.anio, c.mes))
        FROM grll_agro_reporte_chacra c JOIN grll_feedback_report r ON r.id = c.report_id
        WHERE NOT c.atipico AND NOT r.hidden AND r.status <> ALL(:closed)
          AND (:cultivo IS NULL OR c.cultivo = :cultivo)
          AND (:ubigeo IS NULL OR c.ubigeo = :ubigeo)
          AND (:desde IS NULL OR to_char(make_date(c.anio, c.mes, 1), 'YYYY-MM') >= :desde)
          AND (:hasta IS NULL OR to_char(make_date(c.anio, c.mes, 1), 'YYYY-MM') <= :hasta)
        GROUP BY c.cultivo, c.ubigeo, c.anio, c.mes
        ORDER BY 1, 2, 3
    """), {"cultivo": cultivo, "ubigeo": ubigeo, "desde": desde, "hasta": hasta,
           "closed": [workflow.REJECTED, workflow.DUPLICATE]})
    grupos = []
    for crop, district, month, n, median, outliers in rows:
        grupo: dict[str, Any] = {"c": crop, "u": district, "m": month, "n": n}
        if n >= minimum:
            grupo["med"] = round(float(median), 2)
        if outliers:
            grupo["atipicos"] = outliers
        grupos.append(grupo)
    return {"n_minimo": minimum, "grupos": grupos}
