"""Price alerts: tell a farmer when a product's price in a market crosses a threshold.

An alert belongs to an account (notices in the app, and by e-mail to the account's
address if asked) or to an e-mail address that confirmed it by link. After each
harvest (and from `ckan grll agro alertas`) :func:`revisar` compares the latest
average price with every alert: a notice is recorded when the price crosses the
threshold (it was not beyond it at the previous check), not every day it stays there.
"""
from __future__ import annotations

import logging
import secrets
import uuid
from decimal import Decimal
from typing import Any

import ckan.plugins.toolkit as tk
import sqlalchemy as sa
from ckan import model
from ckan.lib.mailer import MailerException, mail_recipient
from ckan.plugins.toolkit import _
from ckan.types import Context

from ckanext.grll import numbers
from ckanext.grll.domains.agro.model import Alerta, Aviso

log = logging.getLogger(__name__)

SENTIDOS = ("sube", "baja")
#: Alerts one account or address may keep (a phone farmer needs a handful).
MAX_ALERTAS = 20


def precio_actual(producto: str, mercado: str) -> tuple[Any, Decimal] | None:
    """(date, average S/ per kg) of the latest day with prices of the pair."""
    row = model.Session.execute(sa.text(
        "SELECT fecha, promedio FROM grll_agro_precio_ultimo "
        "WHERE producto = :p AND mercado = :m"), {"p": producto, "m": mercado}).first()
    return (row[0], row[1]) if row else None


def cumple(alerta: Alerta, precio: Decimal) -> bool:
    umbral = Decimal(alerta.umbral)
    return precio >= umbral if alerta.sentido == "sube" else precio <= umbral


def crear(*, user_id: str | None, email: str | None, producto: str, mercado: str,
          sentido: str, umbral: float) -> Alerta:
    """A new alert, its baseline set to the current price (only later crossings notify)."""
    alerta = Alerta(id=str(uuid.uuid4()), user_id=user_id, email=email,
                    confirmada=user_id is not None, token=secrets.token_urlsafe(24),
                    producto=producto, mercado=mercado, sentido=sentido,
                    umbral=Decimal(str(round(umbral, 2))))
    actual = precio_actual(producto, mercado)
    alerta.cumplida = bool(actual and cumple(alerta, actual[1]))
    model.Session.add(alerta)
    return alerta


def de_usuario(user_id: str) -> list[Alerta]:
    return (model.Session.query(Alerta).filter(Alerta.user_id == user_id)
            .order_by(Alerta.created).all())


def por_token(token: str) -> Alerta | None:
    return model.Session.query(Alerta).filter(Alerta.token == token).first() if token else None


def titular(context: Context) -> model.User | None:
    """The account asking (its alerts are its own), or None for a visitor without one."""
    return model.User.get(context["user"]) if context.get("user") else None


def cuantas(user_id: str | None, email: str | None) -> int:
    query = model.Session.query(Alerta)
    query = query.filter(Alerta.user_id == user_id) if user_id else query.filter(
        Alerta.user_id.is_(None), Alerta.email == email)
    return query.count()


def revisar() -> int:
    """Record (and mail) a notice for every alert whose threshold the latest prices crossed."""
    created = 0
    for alerta in model.Session.query(Alerta).filter(Alerta.confirmada.is_(True)).all():
        actual = precio_actual(alerta.producto, alerta.mercado)
        if actual is None:
            continue
        fecha, precio = actual
        beyond = cumple(alerta, precio)
        new_day = alerta.ultimo_aviso_fecha is None or fecha > alerta.ultimo_aviso_fecha
        if beyond and not alerta.cumplida and new_day:
            aviso = Aviso(alerta_id=alerta.id, fecha=fecha, precio=precio)
            alerta.avisos.append(aviso)
            alerta.ultimo_aviso_fecha = fecha
            aviso.enviado_email = _mail_notice(alerta, aviso)
            created += 1
        alerta.cumplida = beyond
    model.Session.commit()
    return created


def _names(alerta: Alerta) -> tuple[str, str]:
    rows = dict(model.Session.execute(sa.text(
        "SELECT clave, nombre FROM grll_agro_nombre WHERE clave IN (:p, :m)"),
        {"p": alerta.producto, "m": alerta.mercado}).all())
    return rows.get(alerta.producto, alerta.producto), rows.get(alerta.mercado, alerta.mercado)


def describir(alerta: Alerta) -> str:
    producto, mercado = _names(alerta)
    text = (_("{producto} en {mercado}: avisar cuando suba a S/ {umbral} por kg o más")
            if alerta.sentido == "sube" else
            _("{producto} en {mercado}: avisar cuando baje a S/ {umbral} por kg o menos"))
    return text.format(producto=producto, mercado=mercado, umbral=numbers.numero(alerta.umbral, 2))


def _address(alerta: Alerta) -> str | None:
    if alerta.user_id is None:
        return alerta.email
    user = model.User.get(alerta.user_id)
    return user.email if alerta.email and user is not None else None


def _send(address: str, subject: str, lines: list[str]) -> bool:
    try:
        mail_recipient("", address, subject, "\n".join(lines))
    except MailerException:
        # The notice stays in the app; the mail is not retried.
        log.warning("grll_agro: an alert e-mail could not be sent", exc_info=True)
        return False
    return True


def _mail_notice(alerta: Alerta, aviso: Aviso) -> bool:
    address = _address(alerta)
    if not address:
        return False
    producto, mercado = _names(alerta)
    return _send(address, _("Precio de {producto} en {mercado}").format(
        producto=producto, mercado=mercado), [
        _("El precio promedio de {producto} en {mercado} fue S/ {precio} por kg el {fecha}.")
        .format(producto=producto, mercado=mercado, precio=numbers.numero(aviso.precio, 2),
                fecha=aviso.fecha.strftime("%d/%m/%Y")),
        describir(alerta), "",
        _("Vea o borre su alerta: {url}").format(url=gestion_url(alerta))])


def enviar_confirmacion(alerta: Alerta) -> bool:
    return _send(alerta.email, _("Confirme su alerta de precios"), [
        _("Alguien (esperamos que usted) pidió esta alerta en el portal de datos abiertos "
          "del Gobierno Regional La Libertad:"), describir(alerta), "",
        _("Para activarla, abra este enlace: {url}").format(url=gestion_url(alerta)),
        _("Si no la pidió, ignore este mensaje.")])


def gestion_url(alerta: Alerta) -> str:
    return tk.url_for("grll_agro.alerta", token=alerta.token, _external=True)


def as_dict(alerta: Alerta) -> dict[str, Any]:
    """The alert as its owner sees it (the e-mail address is not repeated)."""
    result: dict[str, Any] = {
        "id": alerta.id, "producto": alerta.producto, "mercado": alerta.mercado,
        "sentido": alerta.sentido, "umbral": float(alerta.umbral),
        "confirmada": alerta.confirmada, "por_correo": bool(alerta.email),
        "descripcion": describir(alerta), "ya_cumple": alerta.cumplida,
        "avisos": [{"f": a.fecha.isoformat(), "precio": float(a.precio)}
                   for a in alerta.avisos]}
    actual = precio_actual(alerta.producto, alerta.mercado)
    if actual:
        result["precio_actual"] = {"f": actual[0].isoformat(), "a": float(actual[1])}
    return result
