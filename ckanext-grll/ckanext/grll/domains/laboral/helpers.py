"""Template helpers of grll_laboral (prefixed ``grll_laboral_``)."""
from __future__ import annotations

import datetime


def grll_laboral_example_closing_date() -> str:
    """A closing date that the offer form accepts today (for the API examples)."""
    return (datetime.date.today() + datetime.timedelta(days=30)).isoformat()


def get_helpers() -> dict[str, object]:
    return {"grll_laboral_example_closing_date": grll_laboral_example_closing_date}
