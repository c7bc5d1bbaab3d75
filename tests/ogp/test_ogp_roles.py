"""Who may change what in the action plan: the secretariat edits the plan and the
committee, a commitment's lead edits its milestones and self-assessments, civil-society
members of the committee comment them, citizens comment (moderated) and follow."""
from __future__ import annotations

import ckan.plugins.toolkit as tk
import pytest
from ogp_testing import COMMITMENT, act, day


def test_only_the_secretariat_adds_commitments(people):
    for who in ("lider", "otro", "ciudadana"):
        with pytest.raises(tk.NotAuthorized):
            act("grll_ogp_commitment_create", people[who], **COMMITMENT)
    with pytest.raises(tk.NotAuthorized):
        act("grll_ogp_commitment_create", None, **COMMITMENT)
    created = act("grll_ogp_commitment_create", people["secretaria"], **COMMITMENT)
    assert created["numero"] == 2
    assert created["organizacion"]["name"] == "gerencia-regional-vivienda"
    assert created["presupuesto"] == 720000.0


def test_the_lead_updates_its_milestones_and_others_do_not(plan):
    late = plan["hitos"][1]
    with pytest.raises(tk.NotAuthorized):
        act("grll_ogp_milestone_update", plan["otro"], id=late["id"], avance="completado")
    with pytest.raises(tk.NotAuthorized):
        act("grll_ogp_milestone_update", plan["ciudadana"], id=late["id"],
            avance="completado")
    done = act("grll_ogp_milestone_update", plan["lider"], id=late["id"], avance="completado")
    assert done["avance"] == "completado" and not done["con_retraso"]
    # The lead edits milestones, not the plan itself.
    with pytest.raises(tk.NotAuthorized):
        act("grll_ogp_commitment_update", plan["lider"], numero=2, titulo="Otro título")
    with pytest.raises(tk.NotAuthorized):
        act("grll_ogp_milestone_create", plan["lider"], numero=2, descripcion="Nuevo",
            fecha_inicio=day(0), fecha_fin=day(5), responsable="GRVCS")


def test_self_assessments_by_the_lead_commented_by_civil_society(plan):
    with pytest.raises(tk.NotAuthorized):
        act("grll_ogp_assessment_create", plan["otro"], numero=2, trimestre="2026-T3",
            avance="limitado", texto="Avance")
    assessment = act("grll_ogp_assessment_create", plan["lider"], numero=2,
                     trimestre="2026-T3", avance="sustancial", texto="Vamos bien")
    # An independent assessment is recorded by the secretariat, not by the lead.
    with pytest.raises(tk.NotAuthorized):
        act("grll_ogp_assessment_create", plan["lider"], numero=2, tipo="independiente",
            trimestre="2026-T3", avance="limitado", texto="IRM", organismo="IRM")
    act("grll_ogp_assessment_create", plan["secretaria"], numero=2, tipo="independiente",
        trimestre="2026-T3", avance="limitado", texto="Revisión", organismo="IRM de OGP")

    act("grll_ogp_member_create", plan["secretaria"], nombre="Ana", sector="sociedad_civil",
        organizacion="CODESCILL", rol="Vocera", usuario="codescill")
    act("grll_ogp_member_create", plan["secretaria"], nombre="Luis", sector="funcionario",
        organizacion="GRVCS", rol="Miembro", usuario="funcionario")
    for who in ("funcionario", "lider", "ciudadana"):
        with pytest.raises(tk.NotAuthorized):
            act("grll_ogp_assessment_comment", plan[who], id=assessment["id"],
                comentario="De acuerdo")
    act("grll_ogp_assessment_comment", plan["sociedad_civil"], id=assessment["id"],
        comentario="Falta la zona rural")

    shown = act("grll_ogp_commitment_show", None, numero=2)
    kinds = {(e["tipo"], e["comentario_comite"]) for e in shown["evaluaciones"]}
    assert kinds == {("autoevaluacion", "Falta la zona rural"), ("independiente", None)}
    # Kept as history: the same quarter is not written over.
    with pytest.raises(tk.ValidationError) as error:
        act("grll_ogp_assessment_create", plan["lider"], numero=2, trimestre="2026-T3",
            avance="completado", texto="Otra")
    assert "trimestre" in error.value.error_dict


def test_the_committee_is_kept_by_the_secretariat(plan):
    with pytest.raises(tk.NotAuthorized):
        act("grll_ogp_session_create", plan["lider"], fecha=day(-5), agenda="Avance")
    session = act("grll_ogp_session_create", plan["secretaria"], fecha=day(-5),
                  agenda="Avance del compromiso 2")
    act("grll_ogp_agreement_create", plan["secretaria"], sesion_id=session["id"],
        texto="Recuperar el hito atrasado", hito_id=plan["hitos"][1]["id"])
    committee = act("grll_ogp_committee_show", None)
    agreement = committee["sesiones"][0]["acuerdos"][0]
    assert agreement["compromiso"] == 2 and agreement["hito"] == "Calificación"


def test_citizen_comments_wait_for_the_secretariat(plan):
    with pytest.raises(tk.NotAuthorized):
        act("grll_ogp_comment_create", None, numero=2, texto="Hola")
    comment = act("grll_ogp_comment_create", plan["ciudadana"], numero=2,
                  hito_id=plan["hitos"][1]["id"], texto="¿Cuándo califico a mi prestador?")
    assert comment["estado"] == "pendiente"
    assert act("grll_ogp_comment_list", None, numero=2)["results"] == []
    with pytest.raises(tk.NotAuthorized):
        act("grll_ogp_comment_list", plan["ciudadana"], estado="pendiente")
    with pytest.raises(tk.NotAuthorized):
        act("grll_ogp_comment_moderate", plan["lider"], id=comment["id"], estado="aprobado")
    act("grll_ogp_comment_moderate", plan["secretaria"], id=comment["id"], estado="aprobado")
    shown = act("grll_ogp_comment_list", None, numero=2)["results"]
    assert [c["texto"] for c in shown] == ["¿Cuándo califico a mi prestador?"]


def test_personal_data_in_a_comment_is_flagged_to_moderators_and_never_published(plan):
    comment = act("grll_ogp_comment_create", plan["ciudadana"], numero=2,
                  texto="Escríbanme a vecina.moche@example.com o al 949 123 456")
    [pending] = act("grll_ogp_comment_list", plan["secretaria"], estado="pendiente")["results"]
    assert pending["datos_personales"] == ["correo", "teléfono"]
    act("grll_ogp_comment_moderate", plan["secretaria"], id=comment["id"], estado="aprobado")
    [shown] = act("grll_ogp_comment_list", None, numero=2)["results"]
    assert "vecina.moche@example.com" not in shown["texto"]
    assert "949 123 456" not in shown["texto"] and shown["texto"].startswith("Escríbanme a ")
    assert "datos_personales" not in shown


def test_following_needs_an_account(plan):
    with pytest.raises(tk.NotAuthorized):
        act("grll_ogp_commitment_follow", None, numero=2)
    assert act("grll_ogp_commitment_follow", plan["ciudadana"], numero=2)["siguiendo"] is True
    assert act("grll_ogp_commitment_follow", plan["ciudadana"], numero=2, seguir="false")[
        "siguiendo"] is False


def test_bad_input_names_each_field(people):
    with pytest.raises(tk.ValidationError) as error:
        act("grll_ogp_commitment_create", people["secretaria"], numero="dos",
            titulo="", fecha_inicio="2026-13-01", fecha_fin=day(0), problema="x",
            descripcion="y", organizacion="no-existe", dominio="pesca")
    errors = error.value.error_dict
    assert {"numero", "titulo", "fecha_inicio", "organizacion", "dominio"} <= set(errors)
    with pytest.raises(tk.ValidationError) as error:
        act("grll_ogp_commitment_create", people["secretaria"],
            **{**COMMITMENT, "fecha_inicio": day(10), "fecha_fin": day(0)})
    assert "fecha_fin" in error.value.error_dict


def test_followers_are_told_of_each_change_by_email(plan, smtp_sink):
    act("grll_ogp_commitment_follow", plan["ciudadana"], numero=2)
    act("grll_ogp_milestone_update", plan["lider"], id=plan["hitos"][1]["id"],
        avance="completado")
    assert [m["To"].addresses[0].addr_spec for m in smtp_sink] == ["ciudadana@example.com"]
    body = smtp_sink[0].get_body().get_content()
    assert "hito 2 del compromiso 2: completado" in body
    assert "/gobierno-abierto/compromiso/2" in body
    act("grll_ogp_commitment_follow", plan["ciudadana"], numero=2, seguir=False)
    act("grll_ogp_milestone_update", plan["lider"], id=plan["hitos"][1]["id"],
        avance="sustancial")
    assert len(smtp_sink) == 1
