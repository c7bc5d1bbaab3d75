"""Training catalogue, procedure lookup, formalization guidance and the complaint link."""
from __future__ import annotations

import datetime

import ckan.plugins.toolkit as tk
import pytest
from ckan.tests import factories
from laboral_testing import (
    TRUJILLO,
    VIRU,
    act,
    labour_org,
    open_dataset_rows,
    page,
    token_for,
)

from ckanext.grll.domains.laboral import catalogos

pytestmark = pytest.mark.usefixtures("clean_db", "clean_index")


@pytest.fixture
def steward():
    labour_org()
    user = factories.User(name="capacitadora")
    tk.get_action("organization_member_create")({"ignore_auth": True}, {
        "id": "gerencia-regional-trabajo", "username": user["name"], "role": "editor"})
    return user


def course(**changes):
    today = datetime.date.today()
    return {"entidad": "Centro ilustrativo de formación", "curso": "Cocina peruana básica",
            "ocupacion": "Cocinero", "modalidad": "Presencial", "ubigeo": TRUJILLO,
            "fecha_inicio": (today + datetime.timedelta(days=10)).isoformat(),
            "fecha_fin": (today + datetime.timedelta(days=40)).isoformat(),
            "horas": "120", "vacantes": "25", "requisitos": "Secundaria completa",
            "inscripcion": "En la sede del centro, de lunes a viernes", **changes}


def test_courses_are_found_by_district_and_occupation(app, steward):
    with pytest.raises(tk.NotAuthorized):
        act("grll_laboral_course_create", factories.User(), **course())
    with pytest.raises(tk.ValidationError) as error:
        act("grll_laboral_course_create", steward,
            **course(ocupacion="Mago", fecha_fin="2000-01-01"))
    assert set(error.value.error_dict) == {"ocupacion", "fecha_fin"}
    act("grll_laboral_course_create", steward, **course())
    act("grll_laboral_course_create", steward,
        **course(curso="Empaque de frutas", ocupacion="Operario de empaque", ubigeo=VIRU))
    past = datetime.date.today() - datetime.timedelta(days=5)
    act("grll_laboral_course_create", steward,
        **course(curso="Curso terminado", fecha_inicio="2020-01-01", fecha_fin=past.isoformat()))

    html = page(app.get("/empleo/capacitacion", query_string={"ubigeo": VIRU}))
    assert [h.get_text() for h in html.select(".grll-laboral-lista h2")] == ["Empaque de frutas"]
    found = act("grll_laboral_course_search", None, ocupacion="Cocinero")
    assert [c["curso"] for c in found["results"]] == ["Cocina peruana básica"]
    assert len(open_dataset_rows(catalogos.CURSOS.dataset)) == 3


def test_a_citizen_sees_the_stage_of_an_expediente(app, steward):
    act("grll_laboral_procedure_update", steward, expediente="EXP-2025-0153-GRTPE",
        procedimiento="Suspensión perfecta de labores", etapa="En evaluación",
        fecha_presentacion="2025-05-02", fecha_actualizacion="2025-05-09",
        dependencia="Sub Gerencia de Relaciones Laborales")
    act("grll_laboral_procedure_update", steward, expediente="exp-2025-0153-grtpe",
        procedimiento="Suspensión perfecta de labores", etapa="Resuelto",
        fecha_presentacion="2025-05-02", fecha_actualizacion="2025-06-01",
        dependencia="Sub Gerencia de Relaciones Laborales", nota="Resolución notificada")
    html = page(app.get("/empleo/tramites", query_string={"expediente": " exp-2025-0153-GRTPE"}))
    details = html.select_one("#grll-laboral-tramite").get_text(" ")
    assert "Resuelto" in details and "2025-06-01" in details
    assert "Resolución notificada" in html.get_text()
    assert len(open_dataset_rows(catalogos.TRAMITES.dataset)) == 1
    missing = app.get("/empleo/tramites", query_string={"expediente": "EXP-0000"})
    assert missing.status_code == 404 and "No encontramos" in missing.body
    with pytest.raises(tk.ValidationError) as error:
        act("grll_laboral_procedure_update", steward, expediente="??", procedimiento="X",
            etapa="Y", fecha_presentacion="ayer", fecha_actualizacion="2025-01-01",
            dependencia="Z")
    assert set(error.value.error_dict) == {"expediente", "procedimiento", "etapa",
                                           "fecha_presentacion"}


def test_formalization_guide_links_to_the_labour_complaint_form(app):
    html = page(app.get("/empleo/formalizacion"))
    link = html.select_one('a[href="/reportes/laboral/nuevo/denuncia-laboral"]')
    assert link is not None and "denuncia" in link.get_text().lower()


def test_stewards_keep_the_catalogues_with_forms(app, steward):
    assert app.get("/empleo/capacitacion/nuevo",
                   headers=token_for(factories.User())).status_code == 403
    headers = token_for(steward)
    bad = app.post("/empleo/capacitacion/nuevo", headers=headers,
                   data=course(ubigeo="", horas="muchas"))
    assert bad.status_code == 400
    assert page(bad).select_one("#error-horas") is not None
    done = app.post("/empleo/capacitacion/nuevo", headers=headers, data=course(),
                    follow_redirects=False)
    assert done.status_code == 302
    assert act("grll_laboral_course_search", None)["count"] == 1
    app.post("/empleo/tramites/registrar", headers=headers, data={
        "expediente": "EXP-2025-0200-GRTPE", "procedimiento": "Conciliación administrativa",
        "etapa": "Recibido", "fecha_presentacion": "2025-07-01",
        "fecha_actualizacion": "2025-07-01", "dependencia": "Mesa de partes"})
    assert act("grll_laboral_procedure_show", None,
               expediente="EXP-2025-0200-GRTPE")["etapa"] == "Recibido"
