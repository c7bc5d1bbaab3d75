"""Tables of the open-government action plan (DDL in ``migration/grll_ogp``).

Only what people decide is stored: a milestone's completion on OGP's scale, never
whether it is late (:mod:`estado` computes that from the dates), and a commitment's
completion is derived from its milestones.
"""
from __future__ import annotations

import uuid
from typing import Any

import ckan.model as model
import sqlalchemy as sa
from ckan.model.base import BaseModel

from ckanext.grll.feedback.shared import utcnow


def new_id() -> str:
    return str(uuid.uuid4())


def get(table: type, key: Any) -> Any:
    """The row of ``table`` whose id is ``key``; None for a missing or malformed key."""
    if not isinstance(key, str) or not key:
        return None
    return model.Session.get(table, key)


class Compromiso(BaseModel):  # type: ignore[misc,valid-type]
    """A commitment, with the fields of OGP's commitment template."""

    __tablename__ = "grll_ogp_compromiso"

    id = sa.Column(sa.Text, primary_key=True, default=new_id)
    numero = sa.Column(sa.Integer, nullable=False, unique=True)
    titulo = sa.Column(sa.Text, nullable=False)
    dominio = sa.Column(sa.Text)
    fecha_inicio = sa.Column(sa.Date, nullable=False)
    fecha_fin = sa.Column(sa.Date, nullable=False)
    problema = sa.Column(sa.Text, nullable=False)
    linea_base = sa.Column(sa.Text, nullable=False, default="")
    descripcion = sa.Column(sa.Text, nullable=False)
    resultados_esperados = sa.Column(sa.Text, nullable=False, default="")
    como_contribuye = sa.Column(sa.Text, nullable=False, default="")
    transparencia = sa.Column(sa.Text, nullable=False, default="")
    participacion = sa.Column(sa.Text, nullable=False, default="")
    rendicion_cuentas = sa.Column(sa.Text, nullable=False, default="")
    organizacion_id = sa.Column(sa.Text, sa.ForeignKey("group.id"), nullable=False)
    otros_actores = sa.Column(sa.Text, nullable=False, default="")
    presupuesto = sa.Column(sa.Numeric(14, 2))
    fuente_presupuesto = sa.Column(sa.Text, nullable=False, default="")
    vinculos = sa.Column(sa.Text, nullable=False, default="")
    muestra_demostrativa = sa.Column(sa.Boolean, nullable=False, default=False)
    created = sa.Column(sa.DateTime, nullable=False, default=utcnow)
    updated = sa.Column(sa.DateTime, nullable=False, default=utcnow)


class Hito(BaseModel):  # type: ignore[misc,valid-type]
    """A milestone of a commitment."""

    __tablename__ = "grll_ogp_hito"

    id = sa.Column(sa.Text, primary_key=True, default=new_id)
    compromiso_id = sa.Column(sa.Text, sa.ForeignKey("grll_ogp_compromiso.id"), nullable=False)
    orden = sa.Column(sa.Integer, nullable=False)
    descripcion = sa.Column(sa.Text, nullable=False)
    fecha_inicio = sa.Column(sa.Date, nullable=False)
    fecha_fin = sa.Column(sa.Date, nullable=False)
    responsable = sa.Column(sa.Text, nullable=False)
    avance = sa.Column(sa.Text, nullable=False, default="no_iniciado")
    completado_en = sa.Column(sa.Date)
    updated = sa.Column(sa.DateTime, nullable=False, default=utcnow)


class Evidencia(BaseModel):  # type: ignore[misc,valid-type]
    """What proves a milestone: a dataset, a page of the portal or a document on it."""

    __tablename__ = "grll_ogp_evidencia"

    id = sa.Column(sa.Text, primary_key=True, default=new_id)
    hito_id = sa.Column(sa.Text, sa.ForeignKey("grll_ogp_hito.id"), nullable=False)
    tipo = sa.Column(sa.Text, nullable=False)
    titulo = sa.Column(sa.Text, nullable=False)
    enlace = sa.Column(sa.Text, nullable=False)
    autor_id = sa.Column(sa.Text)
    created = sa.Column(sa.DateTime, nullable=False, default=utcnow)


class Evaluacion(BaseModel):  # type: ignore[misc,valid-type]
    """A quarterly self-assessment (by the lead, with the committee's comment) or an
    independent assessment; kept as history, one per commitment, kind and quarter."""

    __tablename__ = "grll_ogp_evaluacion"

    id = sa.Column(sa.Text, primary_key=True, default=new_id)
    compromiso_id = sa.Column(sa.Text, sa.ForeignKey("grll_ogp_compromiso.id"), nullable=False)
    tipo = sa.Column(sa.Text, nullable=False)
    trimestre = sa.Column(sa.Text, nullable=False)
    avance = sa.Column(sa.Text, nullable=False)
    texto = sa.Column(sa.Text, nullable=False)
    organismo = sa.Column(sa.Text, nullable=False, default="")
    enlace = sa.Column(sa.Text, nullable=False, default="")
    autor_id = sa.Column(sa.Text)
    created = sa.Column(sa.DateTime, nullable=False, default=utcnow)
    comentario_comite = sa.Column(sa.Text)
    comentario_autor_id = sa.Column(sa.Text)
    comentario_en = sa.Column(sa.DateTime)


class Miembro(BaseModel):  # type: ignore[misc,valid-type]
    """A member of the Open Government Committee."""

    __tablename__ = "grll_ogp_miembro"

    id = sa.Column(sa.Text, primary_key=True, default=new_id)
    nombre = sa.Column(sa.Text, nullable=False)
    sector = sa.Column(sa.Text, nullable=False)
    organizacion = sa.Column(sa.Text, nullable=False)
    rol = sa.Column(sa.Text, nullable=False)
    user_id = sa.Column(sa.Text, sa.ForeignKey("user.id"))
    activo = sa.Column(sa.Boolean, nullable=False, default=True)
    created = sa.Column(sa.DateTime, nullable=False, default=utcnow)


class Sesion(BaseModel):  # type: ignore[misc,valid-type]
    """A session of the committee; ``acta`` links its minutes on the portal."""

    __tablename__ = "grll_ogp_sesion"

    id = sa.Column(sa.Text, primary_key=True, default=new_id)
    fecha = sa.Column(sa.Date, nullable=False)
    agenda = sa.Column(sa.Text, nullable=False)
    acta = sa.Column(sa.Text, nullable=False, default="")
    created = sa.Column(sa.DateTime, nullable=False, default=utcnow)


class Acuerdo(BaseModel):  # type: ignore[misc,valid-type]
    """An agreement of a session, optionally about a milestone."""

    __tablename__ = "grll_ogp_acuerdo"

    id = sa.Column(sa.Text, primary_key=True, default=new_id)
    sesion_id = sa.Column(sa.Text, sa.ForeignKey("grll_ogp_sesion.id"), nullable=False)
    texto = sa.Column(sa.Text, nullable=False)
    hito_id = sa.Column(sa.Text, sa.ForeignKey("grll_ogp_hito.id"))
    created = sa.Column(sa.DateTime, nullable=False, default=utcnow)


class IndicadorValor(BaseModel):  # type: ignore[misc,valid-type]
    """An indicator's value on a day (the last snapshot of the day wins)."""

    __tablename__ = "grll_ogp_indicador_valor"

    dominio = sa.Column(sa.Text, primary_key=True)
    codigo = sa.Column(sa.Text, primary_key=True)
    fecha = sa.Column(sa.Date, primary_key=True)
    valor = sa.Column(sa.Numeric)


class Comentario(BaseModel):  # type: ignore[misc,valid-type]
    """A citizen's comment on a commitment or one of its milestones (moderated)."""

    __tablename__ = "grll_ogp_comentario"

    id = sa.Column(sa.Text, primary_key=True, default=new_id)
    compromiso_id = sa.Column(sa.Text, sa.ForeignKey("grll_ogp_compromiso.id"), nullable=False)
    hito_id = sa.Column(sa.Text, sa.ForeignKey("grll_ogp_hito.id"))
    user_id = sa.Column(sa.Text, sa.ForeignKey("user.id"), nullable=False)
    texto = sa.Column(sa.Text, nullable=False)
    estado = sa.Column(sa.Text, nullable=False, default="pendiente")
    moderador_id = sa.Column(sa.Text)
    created = sa.Column(sa.DateTime, nullable=False, default=utcnow)


class Seguimiento(BaseModel):  # type: ignore[misc,valid-type]
    """An account that follows a commitment by e-mail."""

    __tablename__ = "grll_ogp_seguimiento"

    compromiso_id = sa.Column(sa.Text, sa.ForeignKey("grll_ogp_compromiso.id"),
                              primary_key=True)
    user_id = sa.Column(sa.Text, sa.ForeignKey("user.id"), primary_key=True)
    created = sa.Column(sa.DateTime, nullable=False, default=utcnow)
