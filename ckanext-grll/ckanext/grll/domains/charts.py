"""What every inline SVG chart of the applications shares: a size drawn for phones and
axes on round values.

A chart is drawn in a viewBox about as wide as a phone's content column (360 px screen
minus the page's margins), so one unit of the viewBox is about one CSS pixel there and
the labels keep their size: 14 units render at 12-13 px on a 360 px screen. On a wider
screen the chart grows and its labels with it, never below that.

An axis runs from a round value to a round value in round steps (1, 2, 2.5 or 5 times a
power of ten), from zero, and a percentage axis never passes 100 %.
"""
from __future__ import annotations

import math

#: Width of the viewBox of every chart: a 360 px phone's content column.
WIDTH = 330
#: Size of every label, in viewBox units (≈ CSS px on a phone).
FONT_SIZE = 14


def ticks(high: float, *, percent: bool = False, most: int = 5) -> list[float]:
    """Round tick values from 0 to the first round value at or above ``high``, at most
    ``most`` intervals; a percentage axis stops at 100."""
    high = min(high, 100.0) if percent else high
    if high <= 0:
        return [0.0, 1.0]
    raw = high / most
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    count = math.ceil(high / step - 1e-9)
    values = [round(step * k, 10) for k in range(count + 1)]
    return [v for v in values if v <= 100] if percent else values


def decimals(values: list[float]) -> int:
    """Decimals needed to tell the ticks apart (0 for 10, 20, 30; 1 for 2.5, 5, 7.5)."""
    return 0 if all(float(v).is_integer() for v in values) else 1


def text_width(text: str) -> float:
    """About how wide a label is drawn, to leave room for the value axis's labels."""
    return len(text) * FONT_SIZE * 0.6


def anchor(index: int, last: int) -> str:
    """A period label centred on its point; the last one ends on it, inside the chart (the
    first has the value axis's margin to its left)."""
    return "end" if index == last and last else "middle"
