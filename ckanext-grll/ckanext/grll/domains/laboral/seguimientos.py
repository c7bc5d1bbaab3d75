"""Citizens following a union, a bargaining process or a conflict.

Logged-in citizens follow with their account's e-mail at once; anybody else gives
an address and confirms it through the link we send (so nobody can subscribe
someone else). Every change the stewards record reaches the confirmed followers
through CKAN's mailer, with a link to stop following.
"""
from __future__ import annotations

import secrets
import uuid
from typing import Any

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.plugins.toolkit import _

from ckanext.grll.domains.laboral import correo
from ckanext.grll.domains.laboral.model import Seguimiento, utcnow
from ckanext.grll.domains.laboral.perfiles import EMAIL
from ckanext.grll.domains.laboral.registros import REGISTROS


def follow(tipo: str, clave: str, user: model.User | None, email: str | None,
           titulo: str) -> Seguimiento:
    if tipo not in REGISTROS:
        raise tk.ValidationError({"tipo": [_("Solo se siguen sindicatos, negociaciones o "
                                             "conflictos")]})
    email = (email or "").strip() or None
    if user is None and not (email and EMAIL.match(email)):
        raise tk.ValidationError({"email": [_("Indique un correo electrónico válido")]})
    query = Seguimiento.query().filter(Seguimiento.tipo == tipo, Seguimiento.clave == clave)
    query = query.filter(Seguimiento.user_id == user.id) if user else \
        query.filter(Seguimiento.user_id.is_(None),
                     sa_lower(Seguimiento.email) == email.lower())
    existing = query.one_or_none()
    if existing is not None:
        return existing
    seguimiento = Seguimiento(id=str(uuid.uuid4()), tipo=tipo, clave=clave,
                              user_id=user.id if user else None,
                              email=None if user else email,
                              token=secrets.token_urlsafe(24), confirmado=user is not None,
                              created=utcnow())
    model.Session.add(seguimiento)
    model.Session.commit()
    if user is None:
        url = correo.site_link(tk.h.url_for("grll_laboral.seguimiento_confirmar",
                                            token=seguimiento.token))
        correo.send(email, _("Confirme que quiere seguir: {titulo}").format(titulo=titulo), [
            _("Alguien pidió avisos a esta dirección sobre: {titulo}.").format(titulo=titulo),
            _("Confírmelo aquí: {url}").format(url=url),
            _("Si no fue usted, ignore este mensaje.")])
    return seguimiento


def sa_lower(column: Any) -> Any:
    return model.sa.func.lower(column)


def by_token(token: str) -> Seguimiento | None:
    return Seguimiento.query().filter(Seguimiento.token == token).one_or_none()


def confirm(seguimiento: Seguimiento) -> None:
    seguimiento.confirmado = True
    model.Session.commit()


def unfollow(seguimiento: Seguimiento) -> None:
    model.Session.delete(seguimiento)
    model.Session.commit()


def is_following(tipo: str, clave: str, user_name: str | None) -> bool:
    user = model.User.get(user_name) if user_name else None
    return bool(user) and Seguimiento.query().filter(
        Seguimiento.tipo == tipo, Seguimiento.clave == clave,
        Seguimiento.user_id == user.id).count() > 0


def notify(targets: list[tuple[str, str]], subject: str, lines: list[str], path: str) -> int:
    """Mail every confirmed follower of any of ``targets`` ((tipo, clave) pairs) once.
    Returns how many mails went out."""
    conditions = [model.sa.and_(Seguimiento.tipo == t, Seguimiento.clave == c)
                  for t, c in targets]
    followers = Seguimiento.query().filter(Seguimiento.confirmado.is_(True),
                                           model.sa.or_(*conditions)).all()
    sent: set[str] = set()
    for seguimiento in followers:
        user = model.User.get(seguimiento.user_id) if seguimiento.user_id else None
        address = user.email if user else seguimiento.email
        if not address or address.lower() in sent:
            continue
        sent.add(address.lower())
        stop = correo.site_link(tk.h.url_for("grll_laboral.seguimiento_baja",
                                             token=seguimiento.token))
        correo.send(address, subject, [*lines, "", _("Véalo en {url}").format(
            url=correo.site_link(path)), _("Dejar de seguir: {url}").format(url=stop)])
    return len(sent)
