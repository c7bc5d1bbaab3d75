"""Farm-gate reports typed offline arrive once, however often the phone sends them.

The app keeps a report typed without signal on the phone, with a key of its own
(``envio``), and sends it when the signal returns. The signal may drop again before the
answer comes back, so the phone sends again: the key tells that send from a new report,
and the farmer gets the tracking code of the first one.
"""
from __future__ import annotations

import datetime
import re

import sqlalchemy as sa
from ckan import model

#: What a phone's key looks like (hex of 16 random bytes, or a UUID).
CLAVE = re.compile(r"^[0-9A-Za-z-]{16,64}$")
#: A send that neither arrived nor failed within this time (the worker died) is let go.
EN_CURSO = datetime.timedelta(minutes=5)
#: Keys are forgotten after this time: a phone does not keep a report that long.
RETENCION = datetime.timedelta(days=60)


class EnCurso(Exception):
    """Another request is sending this same report right now."""


def reservar(envio: str) -> str | None:
    """Take the key for this send: None when the report is new (send it, then
    ``cumplido`` or ``liberar``), or the tracking code of the report already received.
    Raises ``EnCurso`` while another request holds it."""
    now = datetime.datetime.utcnow()
    model.Session.execute(sa.text("DELETE FROM grll_agro_envio WHERE created < :old"),
                          {"old": now - RETENCION})
    taken = model.Session.execute(sa.text("""
        INSERT INTO grll_agro_envio (envio, created) VALUES (:envio, :now)
        ON CONFLICT (envio) DO UPDATE SET created = :now
            WHERE grll_agro_envio.codigo IS NULL AND grll_agro_envio.created < :stale
        RETURNING envio
    """), {"envio": envio, "now": now, "stale": now - EN_CURSO}).first()
    codigo = None if taken else model.Session.execute(sa.text(
        "SELECT codigo FROM grll_agro_envio WHERE envio = :envio"), {"envio": envio}).scalar()
    model.Session.commit()
    if taken:
        return None
    if codigo is None:
        raise EnCurso(envio)
    return codigo


def cumplido(envio: str, codigo: str) -> None:
    """The report of this key arrived with this tracking code."""
    model.Session.execute(sa.text("UPDATE grll_agro_envio SET codigo = :codigo "
                                  "WHERE envio = :envio"), {"envio": envio, "codigo": codigo})
    model.Session.commit()


def liberar(envio: str) -> None:
    """The report was refused: a corrected one may use the key again."""
    model.Session.rollback()
    model.Session.execute(sa.text("DELETE FROM grll_agro_envio WHERE envio = :envio"),
                          {"envio": envio})
    model.Session.commit()
