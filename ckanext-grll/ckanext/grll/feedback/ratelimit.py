"""Per-IP and per-account counters in Redis that throttle submissions and flags.

A Redis outage must not lose citizens' reports, so the counters fail open (and
say so in the log). IP addresses are hashed with the site secret before they
become keys; nothing else about the client is kept.
"""
from __future__ import annotations

import hashlib
import hmac
import logging
import time

import ckan.plugins.toolkit as tk
from ckan.lib.redis import connect_to_redis
from flask import has_request_context, request
from redis.exceptions import RedisError

log = logging.getLogger(__name__)
WINDOW_S = 3600


def client_key() -> str | None:
    """A stable pseudonym of the HTTP client's IP address, if serving a request."""
    if not has_request_context():
        return None
    address = request.headers.get("X-Forwarded-For", request.remote_addr or "")
    return pseudonym("ip:" + address.split(",")[0].strip())


def pseudonym(value: str) -> str:
    secret = str(tk.config.get("SECRET_KEY") or tk.config.get("beaker.session.secret") or "")
    return hmac.new(secret.encode(), value.encode(), hashlib.sha256).hexdigest()[:32]


def allow(bucket: str, who: str, limit: int) -> bool:
    """Count one more hit of ``who`` in ``bucket``; False once over ``limit`` this hour."""
    window = int(time.time() // WINDOW_S)
    key = f"grll:{tk.config.get('ckan.site_id')}:feedback:rate:{bucket}:{who}:{window}"
    try:
        redis = connect_to_redis()
        count = redis.incr(key)
        if count == 1:
            redis.expire(key, WINDOW_S)
    except RedisError:
        log.warning("Redis unavailable: %s rate limit not applied", bucket)
        return True
    return count <= limit
