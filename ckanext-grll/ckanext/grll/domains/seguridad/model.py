"""Summary tables of grll_seguridad: counts ready to answer maps and comparisons fast.

They hold no personal data: counts per source, category, month and district,
and counts of citizen reports per grid cell (row and column of the engine's
privacy grid, never a point). They are rebuilt from the DataStore and from the
feedback engine by :mod:`ckanext.grll.domains.seguridad.resumen` (when: see
:mod:`ckanext.grll.domains.summaries`). The DDL lives in ``migration/grll_seguridad``.
"""
from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

#: Events per source (policial, fiscalia, ciudadana), portal category, month
#: (0: the source gives the whole year only) and district.
conteo = sa.Table(
    "grll_seguridad_conteo", metadata,
    sa.Column("fuente", sa.Text, primary_key=True),
    sa.Column("categoria", sa.Text, primary_key=True),
    sa.Column("anio", sa.SmallInteger, primary_key=True),
    sa.Column("mes", sa.SmallInteger, primary_key=True),
    sa.Column("ubigeo", sa.Text, primary_key=True),
    sa.Column("cantidad", sa.Integer, nullable=False),
)

#: Public citizen reports of non-sensitive categories per year and grid cell.
celda = sa.Table(
    "grll_seguridad_celda", metadata,
    sa.Column("categoria", sa.Text, primary_key=True),
    sa.Column("anio", sa.SmallInteger, primary_key=True),
    sa.Column("fila", sa.Integer, primary_key=True),
    sa.Column("columna", sa.Integer, primary_key=True),
    sa.Column("cantidad", sa.Integer, nullable=False),
)

#: Public reports per responsible organization ("" for all of them together): how
#: many, how many resolved, median days to resolve them, how many overdue.
autoridad = sa.Table(
    "grll_seguridad_autoridad", metadata,
    sa.Column("organizacion", sa.Text, primary_key=True),
    sa.Column("total", sa.Integer, nullable=False),
    sa.Column("resueltos", sa.Integer, nullable=False),
    sa.Column("mediana_dias", sa.Float),
    sa.Column("vencidos", sa.Integer, nullable=False),
)
