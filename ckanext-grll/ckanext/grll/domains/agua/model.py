"""Tables of the water commitment (DDL in ``migration/grll_agua``).

``grll_agua_mes`` and ``grll_agua_ultima`` are a summary of the public sample
resources, rebuilt by :mod:`resumen` (never edited by hand); ratings are private
citizen data and only their aggregates leave this table.
"""
from __future__ import annotations

import sqlalchemy as sa
from ckan.model.base import BaseModel
from sqlalchemy.dialects.postgresql import JSONB

from ckanext.grll.feedback.shared import utcnow


class Mes(BaseModel):  # type: ignore[misc,valid-type]
    """Compliance counts of one locality, provider and month."""

    __tablename__ = "grll_agua_mes"

    ubigeo = sa.Column(sa.Text, primary_key=True)
    localidad = sa.Column(sa.Text, primary_key=True)
    prestador = sa.Column(sa.Text, primary_key=True)
    mes = sa.Column(sa.Date, primary_key=True)
    conteos = sa.Column(JSONB, nullable=False)


class Ultima(BaseModel):  # type: ignore[misc,valid-type]
    """The latest sample of one locality and provider."""

    __tablename__ = "grll_agua_ultima"

    ubigeo = sa.Column(sa.Text, primary_key=True)
    localidad = sa.Column(sa.Text, primary_key=True)
    prestador = sa.Column(sa.Text, primary_key=True)
    fecha_hora = sa.Column(sa.DateTime, nullable=False)
    punto_muestreo = sa.Column(sa.Text)
    valores = sa.Column(JSONB, nullable=False)
    laboratorio = sa.Column(sa.Text)
    fuente = sa.Column(sa.Text)
    dataset = sa.Column(sa.Text, nullable=False)


ASPECTOS = ("continuidad", "presion", "calidad", "atencion_reclamo", "facturacion")


class Calificacion(BaseModel):  # type: ignore[misc,valid-type]
    """A citizen's 1-5 rating of a provider; one per account, provider and quarter."""

    __tablename__ = "grll_agua_calificacion"
    __table_args__ = (sa.UniqueConstraint("prestador_id", "user_id", "trimestre",
                                          name="grll_agua_calificacion_una_por_trimestre"),)

    id = sa.Column(sa.Integer, primary_key=True, autoincrement=True)
    prestador_id = sa.Column(sa.Text, nullable=False)
    user_id = sa.Column(sa.Text, nullable=False)
    trimestre = sa.Column(sa.Text, nullable=False)
    continuidad = sa.Column(sa.SmallInteger, nullable=False)
    presion = sa.Column(sa.SmallInteger, nullable=False)
    calidad = sa.Column(sa.SmallInteger, nullable=False)
    atencion_reclamo = sa.Column(sa.SmallInteger, nullable=False)
    facturacion = sa.Column(sa.SmallInteger, nullable=False)
    created = sa.Column(sa.DateTime, nullable=False, default=utcnow)


class PrestadorResumen(BaseModel):  # type: ignore[misc,valid-type]
    """A provider's counts over its last 12 months with data, and its months per verdict."""

    __tablename__ = "grll_agua_prestador_resumen"

    prestador = sa.Column(sa.Text, primary_key=True)
    desde = sa.Column(sa.Date, nullable=False)
    hasta = sa.Column(sa.Date, nullable=False)
    conteos = sa.Column(JSONB, nullable=False)
    meses_por_veredicto = sa.Column(JSONB, nullable=False)
