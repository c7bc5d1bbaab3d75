"""A harvest of water samples through the real queues: rows of unknown providers are
refused and counted, the good rows reach the DataStore and the compliance summary."""
from __future__ import annotations

import http.server
import threading

import pytest
from agua_testing import agua_catalog  # noqa: F401 - module fixture
from ckan.tests import helpers

from ckanext.grll.domains.agua import registry, resumen
from harvesting.conftest import _create_source, _Files
from portal_testing import run_queued_harvest

pytestmark = pytest.mark.usefixtures("agua_catalog")

HEADER = ("codigo_muestra,fecha_muestreo,hora_muestreo,ubigeo,localidad,punto_muestreo,"
          "prestador,cloro_residual_libre_mg_l,turbiedad_unt,ph,color_ucv,"
          "conductividad_umho_cm,coliformes_totales_ufc_100ml,"
          "coliformes_termotolerantes_ufc_100ml,laboratorio,fuente")
ROWS = [
    "M-1,2025-02-03,09:30,130101,Trujillo,Red de distribución,SEDALIB S.A.,0.85 mg/L,1.2,7.1,"
    "5,640,0,0,Laboratorio SEDALIB,Control de calidad del prestador - SEDALIB S.A.",
    "M-2,2025-02-03,10:00,130101,Trujillo,Reservorio,Aguas Imaginarias S.A.,0.9,1.0,7.0,"
    "5,600,0,0,Laboratorio X,Control de calidad del prestador",
    "M-3,2025-02-04,11:00,130101,Trujillo,Red de distribución,SEDALIB S.A.,0.7,-2,7.0,"
    "5,600,0,0,Laboratorio SEDALIB,Control de calidad del prestador - SEDALIB S.A.",
    "M-4,2025-02-05,08:00,130601,Shiracmaca,Pileta pública,Comité de Agua Shiracmaca,0.2,"
    "3.0,7.4,,,4,1,Laboratorio de Salud Pública,Vigilancia sanitaria",
]


@pytest.fixture
def served_csv(tmp_path):
    (tmp_path / "muestras.csv").write_text("\n".join([HEADER, *ROWS]) + "\n", encoding="utf-8")
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), lambda *a, **kw: _Files(*a, directory=str(tmp_path), **kw))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/muestras.csv"
    server.shutdown()


def test_unknown_provider_and_impossible_value_are_refused_per_row(served_csv):
    # A community committee whose name does not say "JASS": the registry says it is one.
    registry.save({"id": "comite-agua-shiracmaca", "nombre": "Comité de Agua Shiracmaca",
                   "grupo": "jass", "tipo_prestador": "Organización comunal (JASS)",
                   "ubigeos": "130601", "localidades": "Shiracmaca",
                   "supervision": "Municipalidad Provincial de Otuzco (ATM)",
                   "poblacion_servida_estimada": 300})
    source = _create_source(served_csv, "agua_calidad", "{}", "gerencia-regional-salud",
                            name="muestras-agua-prueba")
    report = run_queued_harvest(source["id"])
    messages = ([error["message"] for error in report["gather_errors"]]
                + [error["message"] for entry in report["object_errors"].values()
                   for error in entry["errors"]])
    assert len(messages) == 2  # one per refused row, with its line and reason
    text = " ".join(messages)
    assert "Fila 3" in text and "Fila 4" in text
    assert "Aguas Imaginarias S.A." in text and "registro de prestadores" in text
    assert "turbiedad_unt" in text and "fuera de rango" in text

    dataset = helpers.call_action("package_show", id="calidad-agua-sedalib-s-a-2025-cosecha")
    committee = helpers.call_action("package_show",
                                    id="calidad-agua-comite-de-agua-shiracmaca-2025-cosecha")
    assert committee["tipo_prestador"] == "jass"  # the registry's peer group, not the name
    rows = helpers.call_action("datastore_search",
                               resource_id=dataset["resources"][0]["id"])["records"]
    assert [r["codigo_muestra"] for r in rows] == ["M-1"]  # nothing of the refused rows

    resumen.refresh()
    february = helpers.call_action("grll_agua_compliance", prestador_id="sedalib-s-a",
                                   localidad="Trujillo", desde="2025-02", hasta="2025-02")
    assert february["count"] == 1 and february["results"][0]["muestras"] == 1
    assert february["results"][0]["veredicto"] == "apta"
