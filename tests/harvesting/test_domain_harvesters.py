"""The commitments' harvesters on the shared engine: one case per harvester and feed.

Each case harvests its seed sample through the real Redis queues, then a small file
with one good row and known bad rows, a broken URL and a wrong `formato`.
"""
from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path

import ckan.plugins.toolkit as tk
import pytest
from ckan.tests import factories, helpers

from ckanext.grll.reference import DATASETS_DIR

HARVEST = DATASETS_DIR / "harvest"


@dataclass(frozen=True)
class Case:
    id: str
    source_type: str
    formato: str
    sample: Path
    owner_org: str
    dataset_type: str
    #: Header and one valid row of the layout, then (row, words the error must name).
    header: str
    good_row: str
    bad_rows: tuple[tuple[str, str], ...]
    #: Rows of other departments are skipped; None: the layout has no ubigeo.
    ubigeo_column: str | None = "ubigeo"


AGUA_HEADER = ("codigo_muestra,fecha_muestreo,hora_muestreo,ubigeo,localidad,punto_muestreo,"
               "prestador,cloro_residual_libre_mg_l,turbiedad_unt,ph,color_ucv,"
               "conductividad_umho_cm,coliformes_totales_ufc_100ml,"
               "coliformes_termotolerantes_ufc_100ml,laboratorio,fuente")
AGUA_ROW = ("M-{n},2024-05-06,09:30,130101,Trujillo,Red de distribución,SEDALIB S.A.,{cloro},"
            "{turbiedad},{ph},5,640,0,0,Laboratorio SEDALIB,Control de calidad del prestador")
OFERTAS_HEADER = ("codigo_oferta,puesto,ocupacion,ruc,empresa,ubigeo,vacantes,remuneracion,"
                  "tipo_contrato,jornada,nivel_educativo,experiencia_meses,fecha_publicacion,"
                  "fecha_cierre")

CASES = [
    Case("seguridad-sidpol", "seguridad_denuncias", "sidpol", HARVEST / "sidpol_2023.csv",
         "seguridad-ciudadana-regional", "seguridad",
         "ANIO,MES,DPTO_HECHO_NEW,PROV_HECHO,DIST_HECHO,UBIGEO_HECHO,P_MODALIDADES,cantidad",
         "2023,1,LA LIBERTAD,TRUJILLO,TRUJILLO,130101,Hurto,437",
         (("2023,1,LA LIBERTAD,X,X,139999,Robo,3", "139999"),
          ("2023,2,LA LIBERTAD,TRUJILLO,TRUJILLO,130101,Robo,-4", "cantidad")),
         ubigeo_column="UBIGEO_HECHO"),
    Case("agua-muestras", "agua_calidad", "muestras", HARVEST / "calidad_agua_muestras_2024.csv",
         "gerencia-regional-salud", "agua", AGUA_HEADER,
         AGUA_ROW.format(n=1, cloro="0.9 mg/L", turbiedad="1.2", ph="7.3"),
         ((AGUA_ROW.format(n=2, cloro="0.9", turbiedad="-1", ph="7.3"), "turbiedad_unt"),
          (AGUA_ROW.format(n=3, cloro="0.9", turbiedad="1", ph="15"), "ph"),
          (AGUA_ROW.format(n=4, cloro="0.9 mg/dL", turbiedad="1", ph="7"), "mg/dL"),
          (AGUA_ROW.format(n=5, cloro="0.9", turbiedad="1", ph="7").replace("130101", "139999"),
           "139999"))),
    Case("agro-precios-mayoristas", "agro", "precios_mayoristas",
         HARVEST / "agro_precios_mayoristas_2024.csv", "gerencia-regional-agricultura",
         "agro-precios",
         "fecha,mercado,producto,variedad,procedencia,unidad,precio_minimo,precio_maximo,"
         "precio_promedio,volumen_t",
         "2024-12-02,Mercado Mayorista de Trujillo La Hermelinda,Papa,Amarilla,Otuzco,kg,"
         "2.6,3.5,3.1,29.6",
         (("2024-12-02,La Hermelinda,Kiwi,Verde,Lima,kg,2,3,2.5,1", "Kiwi"),
          ("2024-12-02,Mercado de Pulgas,Papa,Amarilla,Otuzco,kg,2,3,2.5,1", "Mercado de Pulgas"),
          ("2024-12-02,La Hermelinda,Papa,Amarilla,Otuzco,saco,90,120,100,1", "unidad"),
          ("2024-12-02,La Hermelinda,Papa,Amarilla,Otuzco,kg,-2,3,2.5,1", "precio_minimo"),
          ("2024-12-02,La Hermelinda,Papa,Amarilla,Otuzco,kg,2,3,3.5,1", "promedio")),
         ubigeo_column=None),
    Case("agro-precios-chacra", "agro", "precios_chacra", HARVEST / "agro_precios_chacra_2024.csv",
         "gerencia-regional-agricultura", "agro-precios",
         "anio,mes,ubigeo,provincia,distrito,cultivo,precio_chacra_soles_kg",
         "2024,3,131201,Virú,Virú,Espárrago,5.10",
         (("2024,3,139999,Virú,Virú,Espárrago,5.10", "139999"),
          ("2024,3,131201,Virú,Virú,Espárrago,0", "precio_chacra_soles_kg"),
          ("2024,13,131201,Virú,Virú,Espárrago,5.1", "mes"))),
    Case("agro-clima", "agro", "clima", HARVEST / "agro_clima_estaciones_2024.csv",
         "gerencia-regional-agricultura", "agro-clima",
         "estacion,ubigeo,Fecha,Hora,TemperaturaMax,TemperaturaMin,Temperatura,"
         "HumedadRelativa,Precipitacion,DireccionViento,VelocidadViento",
         "Huamachuco,130901,2024-12-01,,18.4,7.0,,S/D,2.5,,",
         (("Huamachuco,130901,2024-12-02,,6.0,9.0,,70,0,,", "TemperaturaMin"),
          ("Huamachuco,130901,2024-12-03,,18,7,,120,0,,", "HumedadRelativa"),
          ("Huamachuco,130901,2024-12-04,25:00,,,12,70,0,,", "Hora"))),
    Case("agro-siembras", "agro", "siembras", HARVEST / "agro_siembras_campana_2024_2025.csv",
         "gerencia-regional-agricultura", "agro-siembras",
         "campana,ubigeo,provincia,distrito,cultivo,intencion_siembra_ha,superficie_sembrada_ha",
         "2024-2025,130901,Sánchez Carrión,Huamachuco,Papa,1200.5,1100",
         (("2024-2025,130901,Sánchez Carrión,Huamachuco,Papa,-3,", "intencion_siembra_ha"),
          ("2024-2025,130901,Sánchez Carrión,Huamachuco,Marihuana,10,", "Marihuana"),
          ("2024-2026,130901,Sánchez Carrión,Huamachuco,Papa,10,", "campana"))),
    Case("laboral-ofertas", "laboral_empleos", "ofertas",
         HARVEST / "laboral_ofertas_empleo_2024.csv", "gerencia-regional-trabajo",
         "laboral-registros", OFERTAS_HEADER,
         "OE-1,Cajero,Cajero,20131312955,Empresa S.A.C.,130101,1,1200,Plazo fijo,"
         "Tiempo completo,Secundaria completa,0,2024-11-04,2024-11-20",
         (("OE-2,Cajero,Cajero,20131312954,Empresa S.A.C.,130101,1,1200,Plazo fijo,"
           "Tiempo completo,Secundaria completa,0,2024-11-04,2024-11-20", "ruc"),
          ("OE-3,Cajero,Cajero,20131312955,Empresa S.A.C.,130101,1,900,Plazo fijo,"
           "Tiempo completo,Secundaria completa,0,2024-11-04,2024-11-20", "remuneracion"),
          ("OE-4,Cajero,Cajero,20131312955,Empresa S.A.C.,130101,1,1200,Plazo fijo,"
           "Tiempo completo,Secundaria completa,0,2024-11-04,2024-10-20", "fecha_cierre"),
          ("OE-5,Cajero,Cajero,20131312955,Empresa S.A.C.,130101,1,1200,Plazo fijo,"
           "Cuando quiera,Secundaria completa,0,2024-11-04,2024-11-20", "jornada"))),
]
ALL = pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])


def _messages(report: dict) -> list[str]:
    """Every problem of a job: rows without a dataset are gather errors, the rest object
    errors of their dataset."""
    return ([error["message"] for error in report["gather_errors"]]
            + [error["message"] for entry in report["object_errors"].values()
               for error in entry["errors"]])


def _harvested(dataset_type: str) -> list[dict]:
    found = helpers.call_action("package_search", fq=f"dataset_type:{dataset_type} -origen_registro:usuarios", rows=100)
    return found["results"]


def _rows(dataset: dict) -> list[dict]:
    return helpers.call_action("datastore_search", resource_id=dataset["resources"][0]["id"],
                               limit=10000)["records"]


@pytest.fixture
def organizations(clean_db, clean_index):
    return {name: factories.Organization(name=name)["id"]
            for name in sorted({case.owner_org for case in CASES})}


@ALL
def test_sample_is_harvested_completely_and_reharvest_changes_nothing(
        case, organizations, sample_url, harvest_source, run_harvest):
    source = harvest_source(sample_url(case.sample), case.source_type,
                           json.dumps({"formato": case.formato}), organizations[case.owner_org])

    report = run_harvest(source["id"])

    assert _messages(report) == []
    datasets = _harvested(case.dataset_type)
    assert datasets
    with case.sample.open(encoding="utf-8") as sample:
        expected = sum(1 for row in csv.DictReader(sample)
                       if case.ubigeo_column is None
                       or row[case.ubigeo_column].startswith("13"))
    tables = {d["name"]: helpers.call_action("datastore_search", limit=0,
                                             resource_id=d["resources"][0]["id"])["total"]
              for d in datasets}
    assert sum(tables.values()) == expected
    assert {d["organization"]["name"] for d in datasets} == {case.owner_org}

    second = run_harvest(source["id"])
    assert second["job"]["stats"].get("added", 0) == 0
    assert second["job"]["stats"].get("updated", 0) == 0
    again = {d["name"]: d["metadata_modified"] for d in _harvested(case.dataset_type)}
    assert again == {d["name"]: d["metadata_modified"] for d in datasets}


def test_an_unchanged_reharvest_gives_an_older_table_its_english_labels(
        organizations, sample_url, harvest_source, run_harvest):
    """An upgraded portal: a table harvested before the English labels gets them with the
    next harvest, even when the source brings the same rows (nothing re-imported)."""
    case = CASES[0]
    source = harvest_source(sample_url(case.sample), case.source_type,
                            json.dumps({"formato": case.formato}),
                            organizations[case.owner_org])
    run_harvest(source["id"])
    dataset = _harvested(case.dataset_type)[0]
    resource_id = dataset["resources"][0]["id"]
    fields = helpers.call_action("datastore_info", id=resource_id)["fields"]
    helpers.call_action("datastore_create", resource_id=resource_id, force=True, fields=[
        {"id": f["id"], "type": f["type"],
         "info": {k: v for k, v in f["info"].items() if k != "label_en"}}
        for f in fields if not f["id"].startswith("_")])
    rows_before = _rows(dataset)

    second = run_harvest(source["id"])

    assert second["job"]["stats"].get("updated", 0) == 0
    labels = {f["id"]: f["info"].get("label_en")
              for f in helpers.call_action("datastore_info", id=resource_id)["fields"]}
    assert labels == {f["id"]: f["info"]["label_en"] for f in fields
                      if not f["id"].startswith("_")}
    assert all(labels.values())
    assert _rows(dataset) == rows_before


@ALL
def test_bad_rows_are_reported_with_line_and_reason_and_the_good_row_loads(
        case, organizations, http_source, harvest_source, run_harvest):
    folder, base_url = http_source
    lines = [case.header, case.good_row, *(row for row, _ in case.bad_rows)]
    (folder / "fuente.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    source = harvest_source(f"{base_url}/fuente.csv", case.source_type,
                           json.dumps({"formato": case.formato}), organizations[case.owner_org])

    report = run_harvest(source["id"])

    messages = _messages(report)
    assert len(messages) == len(case.bad_rows), messages
    for line, (_, reason) in enumerate(case.bad_rows, start=3):
        assert any(f"Fila {line}:" in m and reason in m for m in messages), (line, messages)
    [dataset] = _harvested(case.dataset_type)
    assert len(_rows(dataset)) == 1


@ALL
def test_broken_source_is_a_gather_error_and_stores_nothing(
        case, organizations, http_source, harvest_source, run_harvest):
    _, base_url = http_source
    source = harvest_source(f"{base_url}/no-existe.csv", case.source_type,
                           json.dumps({"formato": case.formato}), organizations[case.owner_org])
    report = run_harvest(source["id"])
    assert len(report["gather_errors"]) == 1
    assert "404" in report["gather_errors"][0]["message"]
    assert _harvested(case.dataset_type) == []


@ALL
def test_unknown_formato_is_refused_with_the_field(case, organizations, harvest_source):
    with pytest.raises(tk.ValidationError) as error:
        harvest_source("http://127.0.0.1:9/fuente.csv", case.source_type,
                      json.dumps({"formato": "excel"}), organizations[case.owner_org])
    assert "formato" in str(error.value.error_dict["config"])


# --- what is particular to one harvester ------------------------------------------------

def test_water_samples_keep_units_metadata_and_follow_changed_data(
        organizations, http_source, harvest_source, run_harvest):
    folder, base_url = http_source
    feed = folder / "muestras.json"
    samples = [dict(zip(AGUA_HEADER.split(","), AGUA_ROW.format(
        n=n, cloro="", turbiedad="1.4 NTU", ph="7.2").split(","), strict=True))
        for n in (1, 2)]
    for sample in samples:
        sample["cloro_residual_libre_mg_l"] = "0,85 mg/L"  # decimal comma and unit
    samples[1]["coliformes_totales_ufc_100ml"] = "<1"
    samples[1]["color_ucv"] = ""
    feed.write_text(json.dumps({"records": samples}), encoding="utf-8")
    source = harvest_source(f"{base_url}/muestras.json", "agua_calidad", "{}",
                           organizations["gerencia-regional-salud"])

    assert _messages(run_harvest(source["id"])) == []
    dataset = helpers.call_action("package_show", id="calidad-agua-sedalib-s-a-2024-cosecha")
    assert dataset["type"] == "agua"
    assert dataset["programa_muestreo"] == "control"
    assert dataset["ubigeos"] == ["130101"]
    assert "cloro-residual-libre" in dataset["parametros_medidos"]
    rows = _rows(dataset)
    assert [float(r["cloro_residual_libre_mg_l"]) for r in rows] == [0.85, 0.85]
    assert [r["coliformes_totales_ufc_100ml"] for r in rows] == [0, 0]
    assert rows[0]["fecha_hora_muestreo"] == "2024-05-06T09:30:00"

    # A table made before its layout described every column gets the description
    # on the next harvest that brings data.
    table = dataset["resources"][0]["id"]
    fields = helpers.call_action("datastore_info", id=table)["fields"]
    helpers.call_action("datastore_create", resource_id=table, force=True, fields=[
        {"id": f["id"], "type": f["type"], "info": {}} for f in fields])

    samples[0]["turbiedad_unt"] = "3.1"
    feed.write_text(json.dumps({"records": samples}), encoding="utf-8")
    stats = run_harvest(source["id"])["job"]["stats"]
    assert stats.get("added", 0) + stats.get("updated", 0) == 1
    assert sorted(float(r["turbiedad_unt"]) for r in _rows(dataset)) == [1.4, 3.1]
    turbiedad = next(f for f in helpers.call_action("datastore_info", id=table)["fields"]
                     if f["id"] == "turbiedad_unt")
    assert turbiedad["info"]["unit"] == "UNT" and "Turbiedad" in turbiedad["info"]["notes"]


def test_weather_keeps_daily_and_hourly_stations_apart(organizations, sample_url,
                                                      harvest_source, run_harvest):
    source = harvest_source(sample_url(HARVEST / "agro_clima_estaciones_2024.csv"), "agro",
                           json.dumps({"formato": "clima"}),
                           organizations["gerencia-regional-agricultura"])
    run_harvest(source["id"])
    hourly = helpers.call_action("package_show", id="clima-horario-viru-2024-cosecha")
    daily = helpers.call_action("package_show", id="clima-diario-huamachuco-2024-cosecha")
    assert (hourly["resolucion_temporal"], daily["resolucion_temporal"]) == ("horaria", "diaria")
    assert hourly["tipo_estacion"] == "automatica"
    assert "velocidad-viento" in hourly["variables_meteorologicas"]
    assert {r["hora"] for r in _rows(hourly)} >= {"00:00", "23:00"}
    missing = [r for r in _rows(daily) if r["humedad_relativa"] is None]
    assert all(r["temperatura_max"] is not None for r in missing)


def test_job_offers_from_json_leave_personal_data_out(organizations, http_source,
                                                     harvest_source, run_harvest):
    folder, base_url = http_source
    offer = dict(zip(OFERTAS_HEADER.split(","), CASES[-1].good_row.split(","), strict=True))
    offer.update({"contacto_nombre": "Rosa Quispe Ramos", "contacto_correo": "rosa@correo.pe",
                  "contacto_telefono": "949123456", "dni_contacto": "40123456"})
    (folder / "ofertas.json").write_text(json.dumps([offer]), encoding="utf-8")
    source = harvest_source(f"{base_url}/ofertas.json", "laboral_empleos", "{}",
                           organizations["gerencia-regional-trabajo"])

    assert _messages(run_harvest(source["id"])) == []
    dataset = helpers.call_action("package_show", id="ofertas-empleo-2024-cosecha")
    assert dataset["datos_personales"] == "excluidos"
    [row] = _rows(dataset)
    assert row["ruc"] == "20131312955" and row["jornada"] == "Tiempo completo"
    assert not [column for column in row if "contacto" in column or "dni" in column]
    published = json.dumps(row) + json.dumps(dataset)
    for personal in ("Rosa", "rosa@correo.pe", "949123456", "40123456"):
        assert personal not in published


@ALL
def test_every_harvested_column_is_described_in_spanish(case, organizations, sample_url,
                                                        harvest_source, run_harvest):
    source = harvest_source(sample_url(case.sample), case.source_type,
                           json.dumps({"formato": case.formato}), organizations[case.owner_org])
    run_harvest(source["id"])
    for dataset in _harvested(case.dataset_type):
        for resource in dataset["resources"]:
            fields = helpers.call_action("datastore_info", id=resource["id"])["fields"]
            assert fields
            for field in fields:
                info = field.get("info") or {}
                assert info.get("label", "").strip(), (dataset["name"], field["id"])
                assert len(info.get("notes", "").strip()) >= 10, (dataset["name"], field["id"])
            units = {f["id"]: f["info"]["unit"] for f in fields if f["info"].get("unit")}
            measured = [f["id"] for f in fields if f["type"] == "numeric"]
            assert set(measured) <= set(units), (dataset["name"], set(measured) - set(units))


def test_a_layout_with_an_undescribed_column_is_refused():
    from ckanext.grll.harvesting.base import Layout
    from ckanext.grll.harvesting.dictionary import column

    with pytest.raises(ValueError, match="cantidad"):
        Layout(name="prueba",
               fields=(column("anio", "int", "Año", "Año del registro.", label_en="Year"),
                       {"id": "cantidad", "type": "int", "info": {"label": "Cantidad"}}),
               primary_key=(), parse_row=dict, dataset_key=str,
               dataset_metadata=lambda key, records: {"name": key})
