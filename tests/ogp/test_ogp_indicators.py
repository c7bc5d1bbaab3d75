"""The live indicators against values counted by hand on data the test creates:
citizen reports (received, resolved, median days to resolve) per commitment, water
providers rated, farm-gate prices reported, job offers published and filled."""
from __future__ import annotations

import datetime
import uuid

import ckan.model as model
import pytest
from ogp_testing import act

from ckanext.grll.domains.agua.model import Calificacion
from ckanext.grll.domains.laboral.model import Contacto, Oferta, Perfil
from ckanext.grll.feedback.shared import Report, workflow
from ckanext.grll.ogp import indicadores

NOW = datetime.datetime.utcnow().replace(microsecond=0)


def report(domain: str, category: str, created_days_ago: float,
           resolved_after_days: float | None = None, status: str | None = None,
           hidden: bool = False) -> None:
    created = NOW - datetime.timedelta(days=created_days_ago)
    closed = (created + datetime.timedelta(days=resolved_after_days)
              if resolved_after_days is not None else None)
    model.Session.add(Report(
        id=str(uuid.uuid4()), tracking_code=uuid.uuid4().hex[:10],
        public_id=uuid.uuid4().hex, domain=domain, category=category,
        description="Reporte de prueba", ubigeo="130101", identity="anonimo",
        channel="web", status=status or (workflow.RESOLVED if closed else workflow.RECEIVED),
        hidden=hidden, owner_org="org", content_hash=uuid.uuid4().hex, created=created,
        updated=closed or created, closed_at=closed, due_at=created))


def values(dominio: str) -> dict[str, float | int | None]:
    return {i["codigo"]: i["valor"] for i in indicadores.calcular(dominio)}


@pytest.fixture
def portal_data(people):
    # Water: resolved after 2, 10 and 5 days; one open; one hidden (not counted).
    report("agua", "baja-presion", 10, 2)
    report("agua", "baja-presion", 20, 10)
    report("agua", "fuga", 30, 5)
    report("agua", "fuga", 5, status=workflow.IN_PROGRESS)
    report("agua", "fuga", 200, 100, hidden=True)
    # Farm: two farm-gate prices and one other report, none resolved.
    report("agro", "precio-chacra", 3)
    report("agro", "precio-chacra", 4)
    report("agro", "plaga-helada", 4)
    # Ratings: provider A twice (two people), provider B once.
    for prestador, user in (("a", people["ciudadana"]), ("a", people["otro"]),
                            ("b", people["ciudadana"])):
        model.Session.add(Calificacion(prestador_id=prestador, user_id=user["id"],
                                       trimestre="2026-T4", continuidad=3, presion=3,
                                       calidad=3, atencion_reclamo=3, facturacion=3))
    # Jobs: three offers; one gets two accepted contacts, one a pending contact.
    today = datetime.date.today()
    for code in ("OF-1", "OF-2", "OF-3"):
        model.Session.add(Oferta(
            codigo_oferta=code, origen="portal", puesto="Operario", ocupacion="9329",
            ruc="20100000001", empresa="Empresa", ubigeo="130101", provincia="Trujillo",
            distrito="Trujillo", vacantes=1, tipo_contrato="plazo_fijo",
            jornada="completa", nivel_educativo="secundaria", fecha_publicacion=today,
            fecha_cierre=today + datetime.timedelta(days=30)))
    model.Session.flush()
    for n, (code, estado_contacto) in enumerate((("OF-1", "aceptada"), ("OF-1", "aceptada"),
                                                  ("OF-2", "pendiente"))):
        perfil = Perfil(id=f"p{n}", codigo=f"P{n}", ocupacion="9329", ubigeo="130101",
                        provincia="Trujillo", distrito="Trujillo", experiencia_meses=0,
                        nivel_educativo="secundaria", nombre="Persona", email="p@example.com",
                        token=f"t{n}")
        model.Session.add(perfil)
        model.Session.flush()
        model.Session.add(Contacto(id=f"c{n}", perfil_id=perfil.id, empleador_id="e",
                                   codigo_oferta=code, mensaje="Hola", estado=estado_contacto,
                                   token=f"ct{n}"))
    model.Session.commit()


def test_report_indicators_per_commitment(portal_data):
    agua = values("agua")
    assert agua["reportes-recibidos"] == 4
    assert agua["reportes-resueltos"] == 3
    assert agua["mediana-dias-resolucion"] == 5.0
    agro = values("agro")
    assert agro["reportes-recibidos"] == 3 and agro["reportes-resueltos"] == 0
    assert agro["mediana-dias-resolucion"] is None
    assert agro["precios-chacra-reportados"] == 2
    assert values("seguridad")["reportes-recibidos"] == 0


def test_water_and_job_indicators(portal_data):
    assert values("agua")["prestadores-calificados"] == 2
    laboral = values("laboral")
    assert laboral["ofertas-publicadas"] == 3
    assert laboral["ofertas-cubiertas"] == 1


def test_the_commitment_page_and_its_history_carry_them(portal_data, plan):
    shown = act("grll_ogp_commitment_show", None, numero=2)
    live = {i["codigo"]: i["valor"] for i in shown["indicadores"]}
    assert live["reportes-resueltos"] == 3 and live["prestadores-calificados"] == 2
    # Every change of the plan snapshots the indicators (one row per day and code).
    history = act("grll_ogp_indicator_list", None, numero=2)["historia"]
    today = datetime.date.today().isoformat()
    assert {"codigo": "reportes-recibidos", "fecha": today, "valor": 4.0} in history
    assert len([h for h in history if h["codigo"] == "reportes-recibidos"]) == 1


def test_a_definition_that_could_reach_other_tables_is_refused():
    with pytest.raises(indicadores.DefinicionNoValida, match="tabla"):
        indicadores.parse("agua", {"indicadores": [{
            "codigo": "x", "nombre": "X", "descripcion": "X", "tipo": "conteo",
            "tabla": "user"}]})
    with pytest.raises(indicadores.DefinicionNoValida, match="columnas"):
        indicadores.parse("agua", {"indicadores": [{
            "codigo": "x", "nombre": "X", "descripcion": "X", "tipo": "conteo",
            "tabla": "grll_agua_ultima", "donde": {"1=1; drop": "x"}}]})


@pytest.mark.parametrize("dominio", ["seguridad", "agua", "agro", "laboral"])
def test_every_commitment_defines_its_indicators(dominio):
    assert indicadores.definiciones(dominio)
