"""The official sources' layouts: each harvests from a file served over HTTP, refuses
bad rows naming the column, leaves personal data out and feeds the page it belongs to."""
from __future__ import annotations

import datetime
import json

import ckan.plugins.toolkit as tk
import pytest
from laboral_testing import act, labour_org, open_dataset_rows, page

from ckanext.grll.domains.laboral import ofertas
from ckanext.grll.domains.laboral.model import Oferta

TODAY = datetime.date.today()
LAST_MONTH = TODAY.replace(day=1) - datetime.timedelta(days=1)
BEFORE = LAST_MONTH.replace(day=1) - datetime.timedelta(days=1)


def _dmy(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")


@pytest.fixture(autouse=True)
def organization(clean_db, clean_index):
    return labour_org()


def test_public_employment_service_offers_reach_the_job_board(app, harvest_file):
    header = ("CODIGO_OFERTA,TITULO_PUESTO,OCUPACION,RUC_EMPRESA,RAZON_SOCIAL,UBIGEO_PUESTO,"
              "NUM_VACANTES,REMUNERACION_MENSUAL,MODALIDAD_CONTRATO,JORNADA_LABORAL,"
              "GRADO_INSTRUCCION,EXPERIENCIA_MESES,FECHA_PUBLICACION,FECHA_VENCIMIENTO,"
              "CORREO_CONTACTO")
    row = ("SE-1,Soldador de estructuras,Soldador,20131312955,Metalmecánica Ejemplo S.A.C.,"
           "130104,3,2400,Plazo fijo,Tiempo completo,Técnica completa,12,{pub},{cierre},"
           "rrhh.persona@correo.pe")
    lines = [header,
             row.format(pub=_dmy(TODAY), cierre=_dmy(TODAY + datetime.timedelta(days=15))),
             row.replace("SE-1", "SE-2").replace("130104", "150101").format(
                 pub=_dmy(TODAY), cierre=_dmy(TODAY + datetime.timedelta(days=15))),
             row.replace("SE-1", "SE-3").replace("20131312955", "20131312954").format(
                 pub=_dmy(TODAY), cierre=_dmy(TODAY + datetime.timedelta(days=15)))]
    report = harvest_file("empleos.csv", "\n".join(lines) + "\n", "servicio_empleo")

    [message] = report["messages"]
    assert "Fila 4" in message and "ruc" in message
    # The import brings the one valid offer into the job board, no periodic task needed.
    assert [(o.codigo_oferta, o.origen) for o in Oferta.query()] == [("SE-1", "cosecha")]
    found = act("grll_laboral_offer_search", None, ocupacion="Soldador")
    assert [r["codigo_oferta"] for r in found["results"]] == ["SE-1"]
    assert found["results"][0]["distrito"] == "Huanchaco"
    html = page(app.get("/empleo/ofertas", query_string={"ubigeo": "130104"}))
    assert "Soldador de estructuras" in html.get_text()
    published = json.dumps(open_dataset_rows(ofertas.DATASET))
    assert "SE-1" in published and "correo.pe" not in published


CONFLICT_HEADER = ("ANIO,MES,CODIGO_CONFLICTO,TIPO,ORGANIZACION_SINDICAL,EMPLEADOR,"
                   "ACTIVIDAD_ECONOMICA,UBIGEO,SITUACION,TRABAJADORES_COMPRENDIDOS,"
                   "HORAS_HOMBRE_PERDIDAS,FECHA_INICIO,RESUMEN")


def _conflict(month: datetime.date, code: str, situacion: str, ubigeo: str = "130102",
              tipo: str = "Huelga") -> str:
    return (f"{month.year},{month.month},{code},{tipo},Sindicato Ejemplo,Empresa Ejemplo "
            f"S.A.C.,Industria manufacturera,{ubigeo},{situacion},120,960,"
            f"{BEFORE.replace(day=3).isoformat()},Huelga por pliego")


def test_monthly_conflict_reports_keep_each_conflict_in_its_latest_state(app, harvest_file):
    lines = [CONFLICT_HEADER,
             _conflict(BEFORE, "MTPE-7", "En curso"),
             _conflict(LAST_MONTH, "MTPE-7", "Solucionado"),
             _conflict(LAST_MONTH, "MTPE-8", "Latente", tipo="Reclamo colectivo"),
             _conflict(LAST_MONTH, "MTPE-9", "En curso", ubigeo="150101"),
             _conflict(LAST_MONTH, "MTPE-10", "Pausado")]
    report = harvest_file("conflictos.csv", "\n".join(lines) + "\n", "conflictos")

    [message] = report["messages"]
    assert "Fila 6" in message and "SITUACION" in message and "Pausado" in message
    shown = act("grll_laboral_conflict_show", None, codigo="MTPE-7")
    assert shown["estado"] == "resuelto"
    assert shown["fecha_actualizacion"][:10] == LAST_MONTH.isoformat()
    assert act("grll_laboral_conflict_search", None)["count"] == 2
    html = page(app.get("/empleo/conflictos", query_string={"estado": "latente"}))
    assert [a.get_text(strip=True) for a in html.select(".grll-laboral-lista h2 a")] == [
        "Sindicato Ejemplo — Empresa Ejemplo S.A.C."]
    monthly = tk.get_action("package_show")(
        {"ignore_auth": True}, {"id": f"conflictos-laborales-mtpe-{LAST_MONTH.year}-cosecha"})
    assert monthly["tipo_registro"] == "conflictos-laborales"

    # The next report changes a state: the registry follows, nothing is duplicated.
    lines[3] = _conflict(LAST_MONTH, "MTPE-8", "En curso", tipo="Reclamo colectivo")
    harvest_file("conflictos.csv", "\n".join(lines) + "\n", "conflictos")
    assert act("grll_laboral_conflict_show", None, codigo="MTPE-8")["estado"] == "activo"
    assert act("grll_laboral_conflict_search", None)["count"] == 2


def test_training_course_lists_show_courses_not_yet_finished(app, harvest_file):
    course = {"codigo_curso": "PC-1", "programa": "Programa Ejemplo", "curso":
              "Soldadura básica", "ocupacion": "Soldador", "modalidad": "presencial",
              "ubigeo": "130101", "fecha_inicio": (TODAY + datetime.timedelta(days=5)).isoformat(),
              "fecha_fin": (TODAY + datetime.timedelta(days=40)).isoformat(), "horas": "80",
              "vacantes": "25", "requisitos": "", "inscripcion": "Mesa de partes del programa"}
    finished = {**course, "codigo_curso": "PC-2", "curso": "Curso pasado",
                "fecha_inicio": "2024-01-08", "fecha_fin": "2024-02-09"}
    unknown = {**course, "codigo_curso": "PC-3", "ocupacion": "Astronauta"}
    report = harvest_file("cursos.json", json.dumps([course, finished, unknown]), "cursos")

    [message] = report["messages"]
    assert "ocupacion" in message and "Astronauta" in message
    html = page(app.get("/empleo/capacitacion"))
    assert [h.get_text(strip=True) for h in html.select(".grll-laboral-lista h2")] == [
        "Soldadura básica"]
    assert "Presencial" in html.select_one(".grll-laboral-lista").get_text()


def test_the_procedure_registry_answers_lookups_without_personal_data(app, harvest_file):
    header = ("NRO_EXPEDIENTE,PROCEDIMIENTO,ESTADO,FECHA_INGRESO,FECHA_ULTIMO_MOVIMIENTO,"
              "OFICINA,OBSERVACION_PUBLICA,ADMINISTRADO,DNI_RUC")
    row = ("exp 2026-0451,Conciliación administrativa,{estado},{ingreso},{movido},"
           "Mesa de partes,,Juana Pérez Ríos,40123456")
    dates = {"ingreso": BEFORE.isoformat(), "movido": LAST_MONTH.isoformat()}
    report = harvest_file("tramites.csv", "\n".join(
        [header, row.format(estado="En trámite", **dates),
         row.replace("exp 2026-0451", "EXP-2026-0452").format(estado="Perdido", **dates)])
        + "\n", "tramites")

    [message] = report["messages"]
    assert "ESTADO" in message and "Perdido" in message
    shown = act("grll_laboral_procedure_show", None, expediente="EXP2026-0451")
    assert shown["etapa"] == "En evaluación"
    html = page(app.get("/empleo/tramites", query_string={"expediente": "exp2026-0451"}))
    assert "Conciliación administrativa" in html.select_one("#grll-laboral-tramite").find_previous("h2").get_text()
    stored = json.dumps(open_dataset_rows("laboral-tramites"))
    assert "Juana" not in stored and "40123456" not in stored

    harvest_file("tramites.csv", "\n".join([header, row.format(estado="Concluido", **dates)])
                 + "\n", "tramites")
    assert act("grll_laboral_procedure_show", None,
               expediente="EXP2026-0451")["etapa"] == "Resuelto"
    assert len(open_dataset_rows("laboral-tramites")) == 1
