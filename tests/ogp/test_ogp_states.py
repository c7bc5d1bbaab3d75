"""States computed from the dates, never typed: *con retraso*, the commitment's
completion, and what the plan shows for them."""
from __future__ import annotations

import datetime

import ckan.plugins.toolkit as tk
import pytest
from ogp_testing import act

from ckanext.grll.ogp import estado

DAY = datetime.date(2026, 6, 15)


@pytest.mark.parametrize(("fin", "avance", "late"), [
    (datetime.date(2026, 6, 14), "sustancial", True),
    (datetime.date(2026, 6, 14), "no_iniciado", True),
    (datetime.date(2026, 6, 14), "completado", False),
    (datetime.date(2026, 6, 15), "limitado", False),  # due today: not late yet
    (datetime.date(2026, 9, 1), "no_iniciado", False),
])
def test_late_means_past_its_end_and_not_completed(fin, avance, late):
    assert estado.con_retraso(fin, avance, DAY) is late


@pytest.mark.parametrize(("avances", "nivel"), [
    ([], "no_iniciado"),
    (["no_iniciado", "no_iniciado"], "no_iniciado"),
    (["limitado", "no_iniciado", "no_iniciado"], "limitado"),
    (["completado", "sustancial", "limitado"], "sustancial"),
    (["completado", "completado", "sustancial"], "sustancial"),  # never completed early
    (["completado", "completado"], "completado"),
])
def test_a_commitment_is_completed_only_when_every_milestone_is(avances, nivel):
    assert estado.avance_compromiso(avances) == nivel


def test_the_plan_shows_the_delays_computed_from_today(plan):
    shown = act("grll_ogp_commitment_show", None, numero=2)
    assert [h["con_retraso"] for h in shown["hitos"]] == [False, True, False]
    assert [h["en_curso"] for h in shown["hitos"]] == [False, False, False]
    summary = act("grll_ogp_plan_show", None)["compromisos"][0]
    assert summary["hitos_con_retraso"] == 1
    assert summary["hitos_completados"] == 1 and summary["porcentaje_completado"] == 33
    assert summary["avance"] == "sustancial"  # mean of 3, 2 and 0 is 1.67


def test_moving_the_end_date_changes_the_delay_nobody_types_it(plan):
    late = plan["hitos"][1]
    moved = act("grll_ogp_milestone_update", plan["lider"], id=late["id"],
                fecha_fin=(datetime.date.today() + datetime.timedelta(days=30)).isoformat())
    assert moved["con_retraso"] is False and moved["en_curso"] is True
    # The API has no field to set it.
    unchanged = act("grll_ogp_milestone_update", plan["lider"], id=late["id"],
                    con_retraso=True)
    assert unchanged["con_retraso"] is False


def test_evidence_must_exist_on_the_portal(plan):
    hito = plan["hitos"][0]["id"]
    # The plan's own open dataset and one of its resources stand for any on the portal.
    dataset = act("package_show", None, id="plan-accion-gobierno-abierto")
    added = act("grll_ogp_evidence_create", plan["lider"], hito_id=hito, tipo="dataset",
                titulo="Directorio", enlace=dataset["id"])
    assert added["enlace"] == "/dataset/plan-accion-gobierno-abierto"
    act("grll_ogp_evidence_create", plan["lider"], hito_id=hito, tipo="pagina",
        titulo="Prestadores", enlace="/agua/prestadores")
    resource = dataset["resources"][0]
    document = act("grll_ogp_evidence_create", plan["lider"], hito_id=hito,
                   tipo="documento", titulo="Acta", enlace=resource["id"])
    assert document["enlace"].endswith(f"/resource/{resource['id']}")
    for tipo, enlace in (("dataset", "no-existe"), ("pagina", "https://otro.example"),
                         ("documento", "ningun-recurso")):
        with pytest.raises(tk.ValidationError) as error:
            act("grll_ogp_evidence_create", plan["lider"], hito_id=hito, tipo=tipo,
                titulo="x", enlace=enlace)
        assert "enlace" in error.value.error_dict
    shown = act("grll_ogp_commitment_show", None, numero=2)
    assert [e["titulo"] for e in shown["hitos"][0]["evidencias"]] == [
        "Directorio", "Prestadores", "Acta"]
    assert {e["tipo"] for e in shown["linea_de_tiempo"]} == {"hito", "evidencia"}
