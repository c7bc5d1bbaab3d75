"""One way of writing numbers for people (ckanext/grll/numbers.py): INACAL's rule."""
from __future__ import annotations

import json
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from ckanext.grll.numbers import (
    NBSP,
    NumeroNoEntendido,
    leer_decimal,
    leer_entero,
    numero,
    porcentaje,
    soles,
)

NUMERO_JS = Path(__file__).parents[2] / "ckanext-grll/ckanext/grll/theme/public/grll/numero.js"
UNDERSTOOD = {
    "0,80": "0.80", "0.80": "0.80", "1.234,5": "1234.5", "1,234.5": "1234.5",
    f"1{NBSP}234,5": "1234.5", "1 234,5": "1234.5", "1234": "1234", "-3,5": "-3.5",
    "1.234.567": "1234567", "1 234,500": "1234.500", "0,125": "0.125", ",5": "0.5", " 12 ": "12",
}
REFUSED = {
    "1.250": "1,25 o como 1250", "1,234": "1,2340 o como 1234", "1,000": "1 o como 1000",
    "1.2,3": "grupos de tres", "1..2": "grupos de tres", "12.34.56": "grupos de tres",
    "1,": "separadores", "abc": "solo cifras", "1e5": "solo cifras", "9" * 41: "solo cifras",
}


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


@pytest.mark.parametrize(("typed", "value"), UNDERSTOOD.items())
def test_a_typed_number_is_read_with_a_decimal_comma_or_point(typed, value):
    assert leer_decimal(typed) == Decimal(value)


@pytest.mark.parametrize(("typed", "reason"), REFUSED.items())
def test_an_ambiguous_or_malformed_number_is_refused_with_what_to_type(typed, reason):
    with pytest.raises(NumeroNoEntendido, match=reason):
        leer_decimal(typed)


def test_empty_input_is_no_number():
    assert leer_decimal("") is None and leer_decimal("  ") is None and leer_decimal(None) is None


def test_the_browser_reads_numbers_exactly_as_the_server():
    script = ("global.window = {}; require(process.argv[1]);"
              "const out = {}; for (const t of JSON.parse(process.argv[2]))"
              " out[t] = window.grllNumero.leer(t); console.log(JSON.stringify(out));")
    typed = list(UNDERSTOOD) + list(REFUSED)
    answers = json.loads(subprocess.run(
        ["node", "-e", script, str(NUMERO_JS), json.dumps(typed)],
        check=True, capture_output=True, text=True).stdout)
    for text, value in UNDERSTOOD.items():
        assert Decimal(str(answers[text]["valor"])) == Decimal(value), text
    for text in REFUSED:
        with pytest.raises(NumeroNoEntendido) as refused:
            leer_decimal(text)
        assert answers[text] == {"error": str(refused.value)}, text


def test_the_browser_writes_numbers_exactly_as_the_server():
    """numero.js is the one number writer of the map and the /agro app."""
    cases = [(1353, 0), (12500.5, 1), (1234567.891, 2), (-2.5, 1), (0.125, 2), (None, 0),
             ("", 0), ("abc", 0), (3067.2, 1), (100000.25, 2)]
    script = ("global.window = {}; require(process.argv[1]);"
              "console.log(JSON.stringify(JSON.parse(process.argv[2]).map("
              "c => window.grllNumero.escribir(c[0], c[1]))));")
    written = json.loads(subprocess.run(
        ["node", "-e", script, str(NUMERO_JS), json.dumps(cases)],
        check=True, capture_output=True, text=True).stdout)
    assert written == [numero(value, places) for value, places in cases]


@pytest.mark.parametrize(("typed", "value"), [
    ("1200", 1200), ("1 200", 1200), ("1.200", 1200), ("1,200", 1200), ("12.500.000", 12500000),
    ("-3", -3), ("", None), ("7,0", 7)])
def test_a_whole_number_reads_groups_of_thousands_as_such(typed, value):
    assert leer_entero(typed) == value


@pytest.mark.parametrize(("typed", "reason"), [
    ("12,5", "debe ser un número entero"), ("1.2", "debe ser un número entero"),
    ("abc", "debe ser un número entero"), ("1.20.0", "debe ser un número entero")])
def test_a_whole_number_refuses_fractions_and_text(typed, reason):
    with pytest.raises(NumeroNoEntendido, match=reason):
        leer_entero(typed)
