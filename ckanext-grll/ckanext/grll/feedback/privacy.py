"""What of a report may be public, and in what coarsened form.

Rules (DESIGN.md, "Citizen feedback engine"): contact data, exact coordinates,
addresses and private notes never leave the staff views; sensitive categories
are never points; public points snap to the centre of a grid cell of at least
200 m; public dates are months, and records appear only after the category's
publication delay (and, where required, after a moderator looked at them).
"""
from __future__ import annotations

import datetime
import math

from ckanext.grll.feedback import config
from ckanext.grll.feedback.domains import Category
from ckanext.grll.feedback.model import Report, utcnow
from ckanext.grll.feedback.workflow import RECEIVED

METRES_PER_DEGREE = 111_320.0
# Longitude cells are sized at La Libertad's mean latitude so that the grid is
# fixed: the same exact point always lands in the same cell.
REFERENCE_LATITUDE = -8.0


def coarsen(lat: float, lon: float, grid_m: int | None = None) -> tuple[float, float]:
    """Centre of the grid cell holding the point (cells of ``grid_m`` metres)."""
    size = grid_m or config.grid_size_m()
    lat_step = size / METRES_PER_DEGREE
    lon_step = size / (METRES_PER_DEGREE * math.cos(math.radians(REFERENCE_LATITUDE)))
    cell_lat = (math.floor(lat / lat_step) + 0.5) * lat_step
    cell_lon = (math.floor(lon / lon_step) + 0.5) * lon_step
    return round(cell_lat, 5), round(cell_lon, 5)


def public_point(report: Report, category: Category | None) -> tuple[float, float] | None:
    """The point the public may see: coarsened, never for sensitive categories."""
    if category is None or category.sensitive or report.latitude is None:
        return None
    return coarsen(report.latitude, report.longitude)


def public_month(moment: datetime.datetime | None) -> str | None:
    """A date as the public sees it: ``YYYY-MM``."""
    return moment.strftime("%Y-%m") if moment else None


def publication_date(report: Report, category: Category | None) -> datetime.datetime:
    """When the record may enter public outputs, moderation permitting."""
    days = category.publication_delay_days if category else config.publication_delay_days()
    return report.created + datetime.timedelta(days=days)


def is_public(report: Report, category: Category | None,
              now: datetime.datetime | None = None) -> bool:
    """Whether the record may appear in lists, maps, Open311 and the open data."""
    if report.hidden or category is None:
        return False
    if category.moderation_required and report.status == RECEIVED:
        return False
    return publication_date(report, category) <= (now or utcnow())


def waits_for_delay(report: Report, category: Category | None) -> bool:
    """Not public yet only because the publication delay has not passed."""
    return (category is not None and not report.hidden
            and not (category.moderation_required and report.status == RECEIVED)
            and publication_date(report, category) > utcnow())


def public_name(report: Report) -> str | None:
    """The reporter's name only when they chose to show it."""
    return report.reporter_name if report.identity == "publico" else None
