"""Private tables of grll_agro: price alerts of farmers and the notices they received.

The model only adds objects to the session; actions commit. The DDL lives in the
alembic tree ``migration/grll_agro``. The summary tables (``grll_agro_precio`` ...)
are written in bulk by ``resumen`` and have no classes.
"""
from __future__ import annotations

import sqlalchemy as sa
from ckan.model.base import BaseModel
from sqlalchemy import orm

from ckanext.grll.feedback.shared import utcnow


class Alerta(BaseModel):  # type: ignore[misc,valid-type]
    """Tell me when the price of a product in a market goes above/below a threshold."""

    __tablename__ = "grll_agro_alerta"

    id = sa.Column(sa.Text, primary_key=True)
    #: The farmer's account, or None for an alert by e-mail only.
    user_id = sa.Column(sa.Text)
    #: Where to send notices (never published); None for in-app notices only.
    email = sa.Column(sa.Text)
    #: An e-mail-only alert works once its address confirmed it by link.
    confirmada = sa.Column(sa.Boolean, nullable=False, default=False)
    #: Secret of the confirmation and management link.
    token = sa.Column(sa.Text, nullable=False, unique=True)
    producto = sa.Column(sa.Text, nullable=False)
    mercado = sa.Column(sa.Text, nullable=False)
    sentido = sa.Column(sa.Text, nullable=False)  # "sube" or "baja"
    umbral = sa.Column(sa.Numeric(10, 2), nullable=False)
    #: Whether the price was beyond the threshold at the last check.
    cumplida = sa.Column(sa.Boolean, nullable=False, default=False)
    ultimo_aviso_fecha = sa.Column(sa.Date)
    created = sa.Column(sa.DateTime, nullable=False, default=utcnow)

    avisos = orm.relationship("Aviso", order_by="Aviso.fecha.desc()",
                              cascade="all, delete-orphan")


class Aviso(BaseModel):  # type: ignore[misc,valid-type]
    """One crossing of an alert's threshold: shown in the app, mailed if asked."""

    __tablename__ = "grll_agro_aviso"

    id = sa.Column(sa.Integer, primary_key=True, autoincrement=True)
    alerta_id = sa.Column(sa.Text, sa.ForeignKey("grll_agro_alerta.id", ondelete="CASCADE"),
                          nullable=False)
    fecha = sa.Column(sa.Date, nullable=False)
    precio = sa.Column(sa.Numeric(10, 2), nullable=False)
    enviado_email = sa.Column(sa.Boolean, nullable=False, default=False)
    created = sa.Column(sa.DateTime, nullable=False, default=utcnow)
