"""One way of writing numbers for people (ckanext/grll/numbers.py): INACAL's rule."""
from __future__ import annotations

import pytest

from ckanext.grll.numbers import NBSP, numero, porcentaje, soles


@pytest.mark.parametrize(("value", "decimals", "text"), [
    (1353, 0, "1353"),                     # four digits keep no space (SI)
    (12500.5, 1, f"12{NBSP}500,5"),        # five and more are grouped in threes
    (1234567.891, 2, f"1{NBSP}234{NBSP}567,89"),
    ("0.125", 2, "0,13"),                  # half up, as a person rounds
    (-2.5, 1, "-2,5"),
    (None, 0, "—"), ("", 0, "—"), ("abc", 0, "—"), (float("nan"), 0, "—"),
])
def test_numbers_use_a_decimal_comma_and_spaces_between_thousands(value, decimals, text):
    assert numero(value, decimals) == text


def test_amounts_and_percentages_carry_their_sign_after_a_space():
    assert soles(1800) == f"S/{NBSP}1800,00"
    assert soles(1800, 0) == f"S/{NBSP}1800"
    assert soles(None) == "—"
    assert porcentaje(106.94) == f"106,9{NBSP}%"
    assert porcentaje(0.25, 0, fraccion=True) == f"25{NBSP}%"
