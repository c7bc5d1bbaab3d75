"""The DS 031-2010-SA rules against months computed by hand."""
from __future__ import annotations

from pathlib import Path

import pytest

from ckanext.grll.domains.agua import compliance


def month(chlorine: list[float], **other: list[float]) -> dict:
    """Samples of one month: chlorine values plus any other parameter's values."""
    samples = [{"cloro_residual_libre_mg_l": value} for value in chlorine]
    for column, values in other.items():
        for index, value in enumerate(values):
            samples[index][column] = value
    return compliance.evaluate(compliance.count(samples))


def parameter(result: dict, column: str) -> dict:
    return next(p for p in result["parametros"] if p["parametro"] == column)


def test_chlorine_at_exactly_90_percent_is_apta():
    # 9 of 10 samples at 0.5 mg/L or more; the 10th at 0.3 (not below the floor).
    result = month([0.5, 0.6, 0.8, 1.0, 1.2, 0.9, 0.7, 0.55, 0.5, 0.3])
    chlorine = parameter(result, "cloro_residual_libre_mg_l")
    assert (chlorine["n"], chlorine["conformes"], chlorine["bajo_piso"]) == (10, 9, 0)
    assert chlorine["cumple"] and result["veredicto"] == compliance.APTA
    assert result["muestras"] == 10 and result["motivos"] == []


def test_chlorine_below_90_percent_has_observations():
    # 8 of 10: 80 % < 90 %.
    result = month([0.5, 0.6, 0.8, 1.0, 1.2, 0.9, 0.7, 0.55, 0.45, 0.4])
    assert result["veredicto"] == compliance.CON_OBSERVACIONES
    assert result["motivos"] == ["Cloro residual libre: 8 de 10 muestras (80\u00a0%) dentro "
                                 "del límite; se exige al menos el 90\u00a0%."]


def test_one_sample_below_the_floor_fails_even_at_95_percent():
    # 19 of 20 good (95 %), but one at 0.29 mg/L < 0.3.
    result = month([0.8] * 19 + [0.29])
    chlorine = parameter(result, "cloro_residual_libre_mg_l")
    assert chlorine["conformes"] == 19 and chlorine["bajo_piso"] == 1
    assert not chlorine["cumple"] and result["veredicto"] == compliance.CON_OBSERVACIONES
    assert result["motivos"] == ["Cloro residual libre: 1 de 20 muestras por debajo de 0,3 "
                                 "mg/L (no se admite ninguna)."]


def test_chlorine_above_the_maximum_does_not_count_as_good():
    result = month([5.0, 5.1] + [1.0] * 8)
    assert parameter(result, "cloro_residual_libre_mg_l")["conformes"] == 9


def test_organoleptic_90_percent_boundary():
    # Turbidity: 9 of 10 at or below 5 UNT is enough; 8 of 10 is not.
    good = month([1.0] * 10, turbiedad_unt=[5.0] * 9 + [7.2])
    assert parameter(good, "turbiedad_unt")["cumple"] and good["veredicto"] == compliance.APTA
    bad = month([1.0] * 10, ph=[7.0] * 8 + [6.4, 8.6])
    assert not parameter(bad, "ph")["cumple"]
    assert bad["veredicto"] == compliance.CON_OBSERVACIONES
    assert "pH: 8 de 10 muestras (80\u00a0%)" in bad["motivos"][0]


def test_any_coliform_makes_the_water_no_apta():
    result = month([1.0] * 12, coliformes_termotolerantes_ufc_100ml=[0] * 11 + [3],
                   turbiedad_unt=[9.0] * 12)
    assert result["veredicto"] == compliance.NO_APTA
    assert result["motivos"][0] == ("Coliformes termotolerantes: 1 de 12 muestras con "
                                    "presencia (debe ser 0 UFC/100 mL).")
    assert len(result["motivos"]) == 2  # turbidity too: every reason is given


def test_every_figure_counts_only_the_samples_that_measured_it():
    samples = [{"cloro_residual_libre_mg_l": 1.0, "ph": 7.0}, {"cloro_residual_libre_mg_l": 0.9}]
    result = compliance.evaluate(compliance.count(samples))
    assert parameter(result, "ph")["n"] == 1
    assert parameter(result, "cloro_residual_libre_mg_l")["n"] == 2
    assert result["muestras"] == 2


def test_no_samples_no_verdict():
    assert compliance.evaluate({})["veredicto"] == compliance.SIN_DATOS


def test_per_sample_pass_fail():
    results = compliance.sample_results({"cloro_residual_libre_mg_l": 0.4, "ph": 7.1,
                                         "turbiedad_unt": None})
    assert [(r["parametro"], r["cumple"]) for r in results] == [
        ("cloro_residual_libre_mg_l", False), ("ph", True)]


def test_merged_months_add_up():
    january = compliance.count([{"ph": 7.0}, {"ph": 9.0}])
    february = compliance.count([{"ph": 7.2}])
    assert compliance.merge(january, february)["ph"] == {"n": 3, "conformes": 2, "bajo_piso": 0}


def test_limits_come_from_yaml(tmp_path: Path):
    wrong = tmp_path / "limites.yaml"
    wrong.write_text("parametros:\n  - {columna: ph, nombre: pH, unidad: u, regla: siempre,"
                     " si_incumple: no_apta}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="ph"):
        compliance.load_limits(wrong)
    by_column = {limite.columna: limite for limite in compliance.limits()}
    assert by_column["cloro_residual_libre_mg_l"].piso == 0.3
    assert by_column["turbiedad_unt"].maximo == 5
