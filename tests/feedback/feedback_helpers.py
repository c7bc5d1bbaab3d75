"""Helpers of the feedback engine's tests: valid submissions, points, photos."""
from __future__ import annotations

import datetime
import functools
import io
from typing import Any

import ckan.plugins.toolkit as tk
from PIL import Image

from ckanext.grll.feedback import geo
from ckanext.grll.feedback.domains import Category, Question, enabled_domains
from ckanext.grll.reference import distritos
from portal_testing import commitments

TRUJILLO = "130101"


@functools.cache
def point_in(ubigeo: str) -> tuple[float, float]:
    """A point that the district polygons place in ``ubigeo`` (near its capital)."""
    district = distritos()[ubigeo]
    for step in range(0, 60):
        for dlat, dlon in ((0, 0), (1, 0), (0, 1), (-1, 0), (0, -1), (1, 1), (-1, -1)):
            lat = district.lat + dlat * step * 0.002
            lon = district.lon + dlon * step * 0.002
            if geo.district_at(lat, lon) == ubigeo:
                return round(lat, 6), round(lon, 6)
    raise AssertionError(f"no point found in {ubigeo}")


def answer_for(question: Question) -> Any:
    return {
        "string": "Dato de prueba",
        "text": "Texto de prueba",
        "number": question.min if question.min is not None else 3,
        "datetime": (datetime.date.today() - datetime.timedelta(days=2)).isoformat(),
        "singlevaluelist": question.value_keys[0] if question.values else None,
        "multivaluelist": list(question.value_keys[:1]),
    }[question.datatype]


def ordinary_category(domain: str) -> Category:
    """The domain's first category that is neither sensitive nor under identity reserve."""
    return next(c for c in enabled_domains()[domain].categories.values()
                if not c.sensitive and not c.identity_reserve)


def sensitive_category(domain: str) -> Category | None:
    return next((c for c in enabled_domains()[domain].categories.values() if c.sensitive), None)


def submission(category: Category, **overrides: Any) -> dict[str, Any]:
    lat, lon = point_in(TRUJILLO)
    data = {
        "domain": category.domain,
        "category": category.code,
        "description": f"Problema de prueba en {category.name.lower()} cerca del parque.",
        "lat": lat, "lon": lon,
        "answers": {q.code: answer_for(q) for q in category.questions if q.required},
        "email": "vecina@example.com",
        "address": "Jr. Pizarro 123, Trujillo",
        "name": "Rosa Quispe",
    }
    data.update(overrides)
    return data


def act(action: str, user: dict[str, Any] | str | None = None, **data: Any) -> Any:
    """Call an action as a person would (auth checked): a user dict, a name or anonymous."""
    name = user["name"] if isinstance(user, dict) else (user or "")
    return tk.get_action(action)({"user": name, "ignore_auth": False}, data)


def token_for(user: dict[str, Any]) -> str:
    """A CKAN API token of ``user`` (for Open311 ``api_key`` and web requests)."""
    return tk.get_action("api_token_create")(
        {"user": user["name"], "ignore_auth": True}, {"user": user["name"], "name": "t"})["token"]


def jpeg_with_gps(size: tuple[int, int] = (64, 48)) -> bytes:
    """A JPEG carrying EXIF GPS and camera tags, like a phone photo."""
    image = Image.new("RGB", size, (180, 40, 40))
    exif = Image.Exif()
    exif[0x010F] = "TelefonoMarca"  # Make
    exif[0x0132] = "2026:11:20 10:30:00"  # DateTime
    gps = {1: "S", 2: (8.0, 6.0, 41.76), 3: "W", 4: (79.0, 1.0, 43.68)}
    exif[0x8825] = gps
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def __getattr__(name: str) -> Any:
    # DOMAINS, the commitments, is read when a test module is collected: CKAN has loaded
    # the plugins by then, not yet when a conftest.py imports this module.
    if name == "DOMAINS":
        return commitments()
    raise AttributeError(name)
