"""Seekers' anonymous availability profiles and the employers' contact requests.

A profile shows occupation, district, experience and education only. The
seeker's name, e-mail and phone stay in ``grll_laboral_perfil``; an employer
sees them only after the seeker accepts that employer's request (by the link
e-mailed to them or logged in). The open dataset ``laboral-perfiles-disponibles``
holds the public columns only.
"""
from __future__ import annotations

import re
import secrets
import uuid
from typing import Any

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.plugins.toolkit import _

from ckanext.grll.domains.laboral import correo, datastore
from ckanext.grll.domains.laboral.diccionario import PERFIL_FIELDS
from ckanext.grll.domains.laboral.model import Contacto, Perfil, utcnow

DATASET = "laboral-perfiles-disponibles"
RESOURCE = "Perfiles de disponibilidad (anónimos)"
FIELDS = PERFIL_FIELDS
PUBLIC_COLUMNS = [field["id"] for field in FIELDS]
DATASET_METADATA = {
    "name": DATASET,
    "title": "Perfiles de disponibilidad laboral en La Libertad (anónimos)",
    "notes": ("Personas que buscan empleo y publicaron en el portal su disponibilidad: "
              "ocupación, distrito, experiencia y nivel educativo. **No contiene datos "
              "personales**: nombres, correos y teléfonos quedan en el portal y solo se "
              "entregan a un empleador cuando la persona acepta su pedido de contacto. La "
              "fecha se publica por mes."),
    "fuente": "Personas registradas en el portal",
    "tipo_registro": "perfiles-disponibles",
    "origen_registro": "usuarios",
    "maintainer": "Observatorio Socio Económico Laboral (OSEL) La Libertad",
    "maintainer_email": "osel@regionlalibertad.gob.pe",
    "tags": [{"name": "empleo"}, {"name": "demanda laboral"}],
}
EMAIL = re.compile(r"^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$")
ACEPTADA, RECHAZADA, PENDIENTE = "aceptada", "rechazada", "pendiente"


def public_profile(perfil: Perfil) -> dict[str, Any]:
    """What anybody may see of a profile: nothing that identifies the person."""
    return {"codigo": perfil.codigo, "ocupacion": perfil.ocupacion, "ubigeo": perfil.ubigeo,
            "provincia": perfil.provincia, "distrito": perfil.distrito,
            "experiencia_meses": perfil.experiencia_meses,
            "nivel_educativo": perfil.nivel_educativo, "disponible": perfil.disponible,
            "mes_publicacion": perfil.created.strftime("%Y-%m")}



def _publish(perfil: Perfil) -> None:
    datastore.upsert(DATASET, DATASET_METADATA, RESOURCE, FIELDS, ["codigo"],
                     [public_profile(perfil)])


def manage_url(perfil: Perfil) -> str:
    return correo.site_link(tk.h.url_for("grll_laboral.perfil_gestion", token=perfil.token))


def create(record: dict[str, Any], user_id: str | None) -> Perfil:
    """Publish a profile checked by ``schema.profile_create``."""
    perfil = Perfil(id=str(uuid.uuid4()), codigo=f"P-{secrets.token_hex(4).upper()}",
                    token=secrets.token_urlsafe(24), user_id=user_id or None,
                    created=utcnow(), disponible=True, **record)
    _publish(perfil)
    model.Session.add(perfil)
    model.Session.commit()
    correo.send(perfil.email, _("Su perfil {code} está publicado").format(code=perfil.codigo), [
        _("Su perfil de disponibilidad ({ocupacion}, {distrito}) ya es visible para los "
          "empleadores, sin su nombre ni sus datos de contacto.").format(
            ocupacion=perfil.ocupacion, distrito=perfil.distrito),
        _("Cuando un empleador pida contactarle, le escribiremos para que acepte o no."),
        "", _("Vea sus pedidos o retire su perfil: {url}").format(url=manage_url(perfil))])
    return perfil


def by_code(codigo: str) -> Perfil | None:
    return Perfil.query().filter(Perfil.codigo == codigo.strip().upper()).one_or_none()


def by_token(token: str) -> Perfil | None:
    return Perfil.query().filter(Perfil.token == token).one_or_none()


def search(filters: dict[str, Any], page_size: int) -> dict[str, Any]:
    query = Perfil.query().filter(Perfil.disponible.is_(True))
    if filters.get("ocupacion"):
        query = query.filter(Perfil.ocupacion == filters["ocupacion"])
    if filters.get("ubigeo"):
        query = query.filter(Perfil.ubigeo == filters["ubigeo"])
    page = filters.get("page") or 1
    rows = (query.order_by(Perfil.created.desc(), Perfil.codigo)
            .offset((page - 1) * page_size).limit(page_size).all())
    return {"count": query.count(), "page": page, "page_size": page_size,
            "results": [public_profile(row) for row in rows]}


def withdraw(perfil: Perfil) -> None:
    """The seeker takes the profile down: gone from search, kept as unavailable."""
    perfil.disponible = False
    _publish(perfil)
    model.Session.commit()


# --- contact requests ------------------------------------------------------------------

def request_contact(perfil: Perfil, empleador: model.User, mensaje: str,
                    codigo_oferta: str | None) -> Contacto:
    if not perfil.disponible:
        raise tk.ValidationError({"codigo": [_("Este perfil ya no está disponible")]})
    existing = Contacto.query().filter(Contacto.perfil_id == perfil.id,
                                       Contacto.empleador_id == empleador.id).first()
    if existing is not None:
        raise tk.ValidationError({"codigo": [_("Ya pidió contactar a este perfil")]})
    contacto = Contacto(id=str(uuid.uuid4()), perfil_id=perfil.id, empleador_id=empleador.id,
                        codigo_oferta=codigo_oferta, mensaje=mensaje, estado=PENDIENTE,
                        token=secrets.token_urlsafe(24), created=utcnow())
    model.Session.add(contacto)
    model.Session.commit()
    url = correo.site_link(tk.h.url_for("grll_laboral.contacto", token=contacto.token))
    correo.send(perfil.email, _("Un empleador quiere contactarle ({code})").format(
        code=perfil.codigo), [
        _("{empresa} vio su perfil {code} y quiere contactarle.").format(
            empresa=employer_name(empleador), code=perfil.codigo),
        _("Mensaje:"), mensaje, "",
        _("Sus datos solo se entregan si usted acepta: {url}").format(url=url)])
    return contacto


def employer_name(user: model.User) -> str:
    return user.fullname or user.name


def contact_by_token(token: str) -> Contacto | None:
    return Contacto.query().filter(Contacto.token == token).one_or_none()


def respond(contacto: Contacto, acepta: bool) -> Contacto:
    if contacto.estado != PENDIENTE:
        raise tk.ValidationError({"respuesta": [_("Este pedido ya fue respondido")]})
    contacto.estado = ACEPTADA if acepta else RECHAZADA
    contacto.respondida = utcnow()
    model.Session.commit()
    empleador = model.User.get(contacto.empleador_id)
    perfil = model.Session.get(Perfil, contacto.perfil_id)
    if empleador is not None and empleador.email:
        url = correo.site_link(tk.h.url_for("grll_laboral.contactos"))
        correo.send(empleador.email, _("Respuesta a su pedido de contacto ({code})").format(
            code=perfil.codigo), [
            _("La persona del perfil {code} aceptó su pedido: vea sus datos en {url}").format(
                code=perfil.codigo, url=url) if acepta else
            _("La persona del perfil {code} no aceptó su pedido.").format(code=perfil.codigo)])
    return contacto


def contact_dict(contacto: Contacto) -> dict[str, Any]:
    """A request as its employer sees it: contact data only once accepted."""
    perfil = model.Session.get(Perfil, contacto.perfil_id)
    result = {"id": contacto.id, "perfil": public_profile(perfil), "estado": contacto.estado,
              "mensaje": contacto.mensaje, "codigo_oferta": contacto.codigo_oferta,
              "creado": contacto.created.isoformat(timespec="seconds"),
              "respondido": contacto.respondida.isoformat(timespec="seconds")
              if contacto.respondida else None}
    if contacto.estado == ACEPTADA:
        result["datos_contacto"] = {"nombre": perfil.nombre, "email": perfil.email,
                                    "telefono": perfil.telefono}
    return result


def contacts_of(empleador_id: str) -> list[dict[str, Any]]:
    rows = Contacto.query().filter(Contacto.empleador_id == empleador_id) \
        .order_by(Contacto.created.desc()).all()
    return [contact_dict(row) for row in rows]


def requests_for(perfil: Perfil) -> list[dict[str, Any]]:
    """The requests a seeker received (for their own pages only: it holds the links)."""
    rows = Contacto.query().filter(Contacto.perfil_id == perfil.id) \
        .order_by(Contacto.created.desc()).all()
    return [{"id": row.id, "token": row.token, "estado": row.estado, "mensaje": row.mensaje,
             "empresa": employer_name(model.User.get(row.empleador_id)),
             "creado": row.created.isoformat(timespec="seconds")} for row in rows]


def contact_of_owner(contact_id: str, user_id: str) -> Contacto | None:
    """A request to one of the profiles published by this account (None otherwise)."""
    if not user_id:
        return None
    return Contacto.query().join(Perfil, Perfil.id == Contacto.perfil_id).filter(
        Contacto.id == contact_id, Perfil.user_id == user_id).one_or_none()


def profiles_of(user_id: str) -> list[dict[str, Any]]:
    rows = Perfil.query().filter(Perfil.user_id == user_id).order_by(Perfil.created.desc())
    return [{"perfil": public_profile(p), "gestion": manage_url(p),
             "pedidos": [{k: v for k, v in r.items() if k != "token"}
                         for r in requests_for(p)]} for p in rows]
