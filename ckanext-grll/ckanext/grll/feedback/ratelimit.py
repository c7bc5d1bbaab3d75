"""Hourly counters in Redis that throttle citizen reports and abuse flags.

Who a client is: the address of the socket as werkzeug reports it
(``request.remote_addr``). Only the app's ProxyFix middleware may replace it, and
only for the configured number of trusted proxies (``ckanext.grll.trusted_proxies``);
a header the client wrote itself, such as ``X-Forwarded-For``, is never read here,
so rotating it neither resets a count nor makes one person several flaggers.

Many neighbours share one public address behind a carrier-grade NAT (common on
Peruvian mobile networks), so the address is the weakest identity: it gets a high
ceiling and only for anonymous reports. A logged-in person counts against their own
account instead, and the same text or photo counts against itself from any address.
Only accepted reports are counted (``count_report`` runs after the report is
saved), so mistakes in a form never end in a 429.

A Redis outage must not lose citizens' reports, so the counters fail open (and say
so in the log). Addresses, accounts and contents are hashed with the site secret
before they become keys; nothing else about the client is kept.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import ckan.plugins.toolkit as tk
from ckan.lib.redis import connect_to_redis
from flask import has_request_context, request
from redis.exceptions import RedisError

from ckanext.grll.feedback import config

log = logging.getLogger(__name__)
WINDOW_S = 3600


@dataclass(frozen=True)
class Refusal:
    """Why a request is refused (Spanish, for the citizen) and when to try again."""

    message: str
    retry_after: int


def client_address() -> str | None:
    """The HTTP client's address as seen by the socket (or the trusted proxies).

    ``unknown`` when the server did not say (some WSGI test clients): such
    clients then share one count rather than escape counting.
    """
    if not has_request_context():
        return None
    return request.remote_addr or "unknown"


def client_key() -> str | None:
    """A stable pseudonym of the HTTP client's address, if serving a request."""
    address = client_address()
    return pseudonym("ip:" + address) if address else None


def pseudonym(value: str) -> str:
    secret = str(tk.config.get("SECRET_KEY") or tk.config.get("beaker.session.secret") or "")
    return hmac.new(secret.encode(), value.encode(), hashlib.sha256).hexdigest()[:32]


def seconds_left() -> int:
    """Seconds until the current counting window closes (the ``Retry-After``)."""
    return WINDOW_S - int(time.time()) % WINDOW_S


def _key(bucket: str, who: str) -> str:
    window = int(time.time() // WINDOW_S)
    return f"grll:{tk.config.get('ckan.site_id')}:feedback:rate:{bucket}:{who}:{window}"


def count(bucket: str, who: str) -> int:
    """Count one more hit of ``who`` in ``bucket`` this hour; the new total (0 if unknown)."""
    key = _key(bucket, who)
    try:
        redis = connect_to_redis()
        total = int(redis.incr(key))
        if total == 1:
            redis.expire(key, WINDOW_S)
    except RedisError:
        log.warning("Redis unavailable: %s hit not counted", bucket)
        return 0
    return total


def reached(bucket: str, who: str, limit: int) -> bool:
    """Whether ``who`` already has ``limit`` hits in ``bucket`` this hour (counts nothing)."""
    try:
        total = connect_to_redis().get(_key(bucket, who))
    except RedisError:
        log.warning("Redis unavailable: %s rate limit not applied", bucket)
        return False
    return int(total or 0) >= limit


def allow(bucket: str, who: str, limit: int) -> bool:
    """Count one more hit of ``who`` in ``bucket``; False once over ``limit`` this hour."""
    return count(bucket, who) <= limit


def _reporter(user_name: str | None) -> tuple[str, str, int] | None:
    """(bucket, pseudonym, limit) that a report of this person counts against."""
    if user_name:
        return ("report-user", pseudonym("user:" + user_name),
                config.rate_limit_user_per_hour())
    address = client_key()
    if address is None:
        return None
    return "report-ip", address, config.rate_limit_ip_per_hour()


def report_refusal(user_name: str | None) -> Refusal | None:
    """The 429 answer if this account (or, anonymously, this address) reached its limit."""
    reporter = _reporter(user_name)
    if reporter is None or not reached(*reporter):
        return None
    if user_name:
        message = tk._("Demasiados reportes enviados desde su cuenta. Intente de nuevo en "
                       "una hora.")
    else:
        message = tk._("Demasiados reportes enviados desde su conexión. Intente de nuevo en "
                       "una hora, o inicie sesión: cada cuenta tiene su propio límite.")
    return Refusal(message, seconds_left())


def content_keys(text: str, answers: dict[str, Any],
                 photos: Iterable[bytes]) -> dict[str, list[str]]:
    """Pseudonyms of a report's contents, by field: its text (as the duplicate check
    normalises it) with its answers, and each photo.

    The answers count with the text because some forms write the text for the
    citizen: farm-gate prices read alike ("papa: S/ 1.00 por kg") and differ in
    their answers (the sale date among them)."""
    answered = json.dumps(answers, sort_keys=True, default=str)
    return {"description": [pseudonym(f"text:{text}|{answered}")],
            "photos": [pseudonym("photo:" + hashlib.sha256(data).hexdigest())
                       for data in photos]}


def repeated_content(contents: dict[str, list[str]]) -> dict[str, list[str]]:
    """Errors by field for contents already accepted too often this hour, from anyone."""
    limit = config.rate_limit_content_per_hour()
    messages = {
        "description": tk._("Este mismo texto alcanzó el límite de envíos por hora ({n}). "
                            "Si describe el mismo problema, siga el reporte existente."),
        "photos": tk._("Esta misma foto alcanzó el límite de envíos por hora ({n})."),
    }
    return {field: [messages[field].format(n=limit)]
            for field, keys in contents.items()
            if any(reached("content", key, limit) for key in keys)}


def count_report(user_name: str | None, contents: dict[str, list[str]]) -> None:
    """Count an accepted report against its sender and each of its contents."""
    reporter = _reporter(user_name)
    if reporter is not None:
        count(*reporter[:2])
    for keys in contents.values():
        for key in set(keys):
            count("content", key)


def flag_refusal(user_name: str | None) -> Refusal | None:
    """Count an abuse flag of this account (or address); the 429 answer when over the limit."""
    who = pseudonym("user:" + user_name) if user_name else client_key()
    if who is None or allow("flag", who, config.rate_limit_flag_per_hour()):
        return None
    return Refusal(tk._("Demasiados avisos enviados. Intente de nuevo en una hora."),
                   seconds_left())
