"""Police and prosecutors' complaint statistics -> records and datasets (pure functions)."""
from __future__ import annotations

from typing import Any

from ckanext.grll.domains.tables import ubigeos
from ckanext.grll.harvesting import dictionary as d
from ckanext.grll.harvesting import fields as f
from ckanext.grll.harvesting.base import Layout

# --- SIDPOL (PNP): ANIO, MES, DPTO_HECHO_NEW, PROV_HECHO, DIST_HECHO, UBIGEO_HECHO,
#     P_MODALIDADES, cantidad -----------------------------------------------------------

def sidpol_row(row: dict[str, Any]) -> dict[str, Any] | None:
    if not f.in_la_libertad(row, "UBIGEO_HECHO"):
        return None
    anio = f.integer(row, "ANIO", minimum=2000, maximum=2100)
    key = sidpol_key({"anio": anio})
    distrito = f.district(row, "UBIGEO_HECHO", key)
    return {"anio": anio, "mes": f.integer(row, "MES", key, minimum=1, maximum=12),
            "ubigeo": distrito.ubigeo, "provincia": distrito.provincia,
            "distrito": distrito.nombre, "modalidad": f.text(row, "P_MODALIDADES", key),
            "cantidad": f.integer(row, "cantidad", key)}


def sidpol_key(record: dict[str, Any]) -> str:
    return f"denuncias-policiales-sidpol-{record['anio']}-cosecha"


def _yearly_dataset(key: str, records: list[dict[str, Any]],
                    **specific: Any) -> dict[str, Any]:
    """What every harvested crime-statistics dataset of one year shares, plus its own fields."""
    anio = records[0]["anio"]
    return {
        "name": key,
        "type": "seguridad",
        "ubigeos": ubigeos(records),
        "license_id": "odc-by",
        "cobertura_espacial": "13",
        "cobertura_temporal_inicio": f"{anio}-01-01",
        "cobertura_temporal_fin": f"{anio}-12-31",
        "maintainer": "Secretaría Técnica del Comité Regional de Seguridad Ciudadana",
        "maintainer_email": "seguridad-ciudadana@regionlalibertad.gob.pe",
        "groups": [{"name": "seguridad-ciudadana"}],
        **specific,
    }


def sidpol_dataset(key: str, records: list[dict[str, Any]]) -> dict[str, Any]:
    return _yearly_dataset(
        key, records,
        title=("Denuncias policiales por distrito y modalidad, La Libertad "
               f"{records[0]['anio']} (SIDPOL)"),
        notes=("Denuncias registradas por la Policía Nacional del Perú en el Sistema de "
               "Denuncias Policiales (SIDPOL), por mes, distrito del hecho y modalidad, "
               "filtradas para La Libertad. Cosechado automáticamente de la fuente "
               "configurada; cada fila es un conteo mensual. Solo una parte de las víctimas "
               "denuncia: compare distritos por tasa por 100 000 habitantes."),
        entidad="Policía Nacional del Perú - Ministerio del Interior",
        fuente="Sistema de Denuncias Policiales (SIDPOL)",
        institucion_fuente="pnp", clasificacion_delitos="sidpol",
        resolucion_temporal="mensual", frecuencia="MONTHLY",
        tags=[{"name": "denuncias"}, {"name": "SIDPOL"}, {"name": "seguridad ciudadana"}])


SIDPOL = Layout(
    name="sidpol",
    fields=(d.anio("Año en que ocurrió el hecho denunciado."),
            d.mes("Mes en que ocurrió el hecho denunciado (1 = enero, 12 = diciembre)."),
            d.ubigeo("Ubigeo INEI del distrito del hecho",
                    "INEI ubigeo of the district where it happened"), d.PROVINCIA, d.DISTRITO,
            d.column("modalidad", "text", "Modalidad",
                     "Modalidad del delito o falta según la clasificación de SIDPOL "
                     "(columna P_MODALIDADES de la fuente).", label_en="Offence type"),
            d.column("cantidad", "int", "Denuncias",
                     "Número de denuncias registradas por la Policía Nacional para ese "
                     "mes, distrito y modalidad.", "denuncias", label_en="Complaints")),
    primary_key=("anio", "mes", "ubigeo", "modalidad"),
    parse_row=sidpol_row, dataset_key=sidpol_key, dataset_metadata=sidpol_dataset,
    resource_name="Denuncias por mes, distrito y modalidad")


# --- Ministerio Público (MPFN "delitos"): generico, subgenerico, ubigeo, cantidad... --------

def mpfn_row(row: dict[str, Any]) -> dict[str, Any] | None:
    if not f.in_la_libertad(row, "ubigeo"):
        return None
    anio = f.integer(row, "anio_denuncia", minimum=2000, maximum=2100)
    key = mpfn_key({"anio": anio})
    distrito = f.district(row, "ubigeo", key)
    return {"anio": anio, "periodo": str(row.get("periodo_denuncia") or "").strip(),
            "distrito_fiscal": str(row.get("distrito_fiscal") or "").strip(),
            "especialidad": str(row.get("especialidad") or "").strip(),
            "tipo_caso": str(row.get("tipo_caso") or "").strip(),
            "generico": f.text(row, "generico", key),
            "subgenerico": f.text(row, "subgenerico", key),
            "articulo": str(row.get("articulo") or "").strip(),
            "des_articulo": str(row.get("des_articulo") or "").strip(),
            "ubigeo": distrito.ubigeo, "provincia": distrito.provincia,
            "distrito": distrito.nombre, "cantidad": f.integer(row, "cantidad", key)}


def mpfn_key(record: dict[str, Any]) -> str:
    return f"delitos-ministerio-publico-{record['anio']}-cosecha"


def mpfn_dataset(key: str, records: list[dict[str, Any]]) -> dict[str, Any]:
    return _yearly_dataset(
        key, records,
        title=f"Delitos denunciados ante el Ministerio Público, La Libertad {records[0]['anio']}",
        notes=("Denuncias ingresadas al Ministerio Público - Fiscalía de la Nación por "
               "título del Código Penal (genérico), delito (subgenérico) y distrito, "
               "filtradas para La Libertad. Cosechado automáticamente de la fuente "
               "configurada."),
        entidad="Ministerio Público - Fiscalía de la Nación",
        fuente="Registro de delitos del Ministerio Público (MPFN)",
        institucion_fuente="ministerio-publico", clasificacion_delitos="codigo-penal",
        resolucion_temporal="anual", frecuencia="ANNUAL",
        tags=[{"name": "delitos"}, {"name": "Ministerio Público"},
              {"name": "seguridad ciudadana"}])


MPFN = Layout(
    name="mpfn",
    fields=(d.anio("Año en que se presentó la denuncia ante el Ministerio Público."),
            d.column("periodo", "text", "Periodo",
                     "Periodo de la denuncia tal como lo publica la fuente (p. ej. mes o "
                     "trimestre); vacío si la fuente no lo indica.", label_en="Period"),
            d.column("distrito_fiscal", "text", "Distrito fiscal",
                     "Distrito fiscal del Ministerio Público que recibió la denuncia.",
                     label_en="Prosecution district"),
            d.column("especialidad", "text", "Especialidad",
                     "Especialidad de la fiscalía (penal, familia, prevención del delito, "
                     "etc.).", label_en="Prosecutor's office specialty"),
            d.column("tipo_caso", "text", "Tipo de caso",
                     "Tipo de caso según la fuente (p. ej. denuncia o investigación de "
                     "oficio).", label_en="Case type"),
            d.column("generico", "text", "Genérico",
                     "Título del Código Penal al que pertenece el delito (delito genérico).",
                     label_en="Generic offence"),
            d.column("subgenerico", "text", "Subgenérico",
                     "Delito dentro del título del Código Penal (delito subgenérico).",
                     label_en="Specific offence"),
            d.column("articulo", "text", "Artículo",
                     "Artículo del Código Penal que tipifica el delito.", label_en="Article"),
            d.column("des_articulo", "text", "Descripción del artículo",
                     "Texto con el que la fuente describe el artículo del Código Penal.",
                     label_en="Article description"),
            d.ubigeo("Ubigeo INEI", "INEI ubigeo"), d.PROVINCIA, d.DISTRITO,
            d.column("cantidad", "int", "Denuncias",
                     "Número de denuncias registradas con esas características.",
                     "denuncias", label_en="Complaints")),
    primary_key=(),
    parse_row=mpfn_row, dataset_key=mpfn_key, dataset_metadata=mpfn_dataset,
    resource_name="Delitos por distrito")

LAYOUTS = {layout.name: layout for layout in (SIDPOL, MPFN)}
