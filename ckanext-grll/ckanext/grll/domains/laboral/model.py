"""Tables of grll_laboral: the offers' search index and the seekers' private data.

Offers hold no personal data; they are mirrored to an open DataStore resource
(see ``ofertas.py``). Profiles keep the seeker's contact data here only: the
open dataset and the public pages get :func:`ckanext.grll.domains.laboral.perfiles.public_profile`.
The model only adds objects to the session; actions commit. The DDL lives in
``migration/grll_laboral``.
"""
from __future__ import annotations

import datetime
from typing import Any

import ckan.model as model
import sqlalchemy as sa
from ckan.model.base import BaseModel


def utcnow() -> datetime.datetime:
    return datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)


class Oferta(BaseModel):  # type: ignore[misc,valid-type]
    """A job offer, published by an employer (origen ``portal``), harvested (``cosecha``)
    or of the demonstration sample (``muestra``)."""

    __tablename__ = "grll_laboral_oferta"

    codigo_oferta = sa.Column(sa.Text, primary_key=True)
    origen = sa.Column(sa.Text, nullable=False)
    puesto = sa.Column(sa.Text, nullable=False)
    ocupacion = sa.Column(sa.Text, nullable=False)
    ruc = sa.Column(sa.Text, nullable=False)
    empresa = sa.Column(sa.Text, nullable=False)
    ubigeo = sa.Column(sa.Text, nullable=False)
    provincia = sa.Column(sa.Text, nullable=False)
    distrito = sa.Column(sa.Text, nullable=False)
    vacantes = sa.Column(sa.Integer, nullable=False)
    remuneracion = sa.Column(sa.Numeric)
    tipo_contrato = sa.Column(sa.Text, nullable=False)
    jornada = sa.Column(sa.Text, nullable=False)
    nivel_educativo = sa.Column(sa.Text, nullable=False)
    experiencia_meses = sa.Column(sa.Integer, nullable=False, default=0)
    descripcion = sa.Column(sa.Text)
    como_postular = sa.Column(sa.Text)
    fecha_publicacion = sa.Column(sa.Date, nullable=False)
    fecha_cierre = sa.Column(sa.Date, nullable=False)
    # What the open dataset says; search never trusts it (it filters on fecha_cierre).
    estado = sa.Column(sa.Text, nullable=False, default="vigente")
    creador_id = sa.Column(sa.Text)
    created = sa.Column(sa.DateTime, nullable=False, default=utcnow)

    @classmethod
    def query(cls) -> Any:
        return model.Session.query(cls)


class Perfil(BaseModel):  # type: ignore[misc,valid-type]
    """A seeker's availability profile; name, e-mail and phone never leave this table
    unless the seeker accepts an employer's contact request."""

    __tablename__ = "grll_laboral_perfil"

    id = sa.Column(sa.Text, primary_key=True)
    codigo = sa.Column(sa.Text, nullable=False, unique=True)
    ocupacion = sa.Column(sa.Text, nullable=False)
    ubigeo = sa.Column(sa.Text, nullable=False)
    provincia = sa.Column(sa.Text, nullable=False)
    distrito = sa.Column(sa.Text, nullable=False)
    experiencia_meses = sa.Column(sa.Integer, nullable=False)
    nivel_educativo = sa.Column(sa.Text, nullable=False)
    disponible = sa.Column(sa.Boolean, nullable=False, default=True)
    nombre = sa.Column(sa.Text, nullable=False)
    email = sa.Column(sa.Text, nullable=False)
    telefono = sa.Column(sa.Text)
    user_id = sa.Column(sa.Text)
    token = sa.Column(sa.Text, nullable=False, unique=True)
    created = sa.Column(sa.DateTime, nullable=False, default=utcnow)

    @classmethod
    def query(cls) -> Any:
        return model.Session.query(cls)


class Contacto(BaseModel):  # type: ignore[misc,valid-type]
    """An employer's request to contact a profile: pendiente → aceptada | rechazada."""

    __tablename__ = "grll_laboral_contacto"

    id = sa.Column(sa.Text, primary_key=True)
    perfil_id = sa.Column(sa.Text, sa.ForeignKey("grll_laboral_perfil.id"), nullable=False)
    empleador_id = sa.Column(sa.Text, nullable=False)
    codigo_oferta = sa.Column(sa.Text)
    mensaje = sa.Column(sa.Text, nullable=False)
    estado = sa.Column(sa.Text, nullable=False)
    token = sa.Column(sa.Text, nullable=False, unique=True)
    created = sa.Column(sa.DateTime, nullable=False, default=utcnow)
    respondida = sa.Column(sa.DateTime)

    @classmethod
    def query(cls) -> Any:
        return model.Session.query(cls)


class Seguimiento(BaseModel):  # type: ignore[misc,valid-type]
    """Someone following a union (``sindicato``), a process (``negociacion``) or a
    conflict (``conflicto``): an account, or an e-mail address once confirmed."""

    __tablename__ = "grll_laboral_seguimiento"

    id = sa.Column(sa.Text, primary_key=True)
    tipo = sa.Column(sa.Text, nullable=False)
    clave = sa.Column(sa.Text, nullable=False)
    user_id = sa.Column(sa.Text)
    email = sa.Column(sa.Text)
    token = sa.Column(sa.Text, nullable=False, unique=True)
    confirmado = sa.Column(sa.Boolean, nullable=False, default=False)
    created = sa.Column(sa.DateTime, nullable=False, default=utcnow)

    @classmethod
    def query(cls) -> Any:
        return model.Session.query(cls)
