"""Registries kept by the labour authority: unions, collective bargaining, conflicts.

They are DataStore resources of open datasets (the seed catalog's
``sindicatos-registrados`` and ``negociaciones-colectivas-2024``; conflicts in
``laboral-conflictos-laborales``, created on the first record). Stewards — whoever
may edit the dataset in CKAN, i.e. editors of the Gerencia Regional de Trabajo —
change them through the ``grll_laboral_*`` actions, which write the row, add a
public timeline entry and tell the followers (``seguimientos``).
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import ckan.plugins.toolkit as tk
from ckan.plugins.toolkit import _

from ckanext.grll.domains.laboral import datastore, diccionario
from ckanext.grll.domains.laboral.mapping import ESTADOS_CONFLICTO


@dataclass(frozen=True)
class Registro:
    tipo: str          # the name followers use: sindicato, negociacion, conflicto
    dataset: str
    key: str           # the column naming one record
    title: str         # the column to show as its name


SINDICATOS = Registro("sindicato", "sindicatos-registrados", "numero_registro", "sindicato")
NEGOCIACIONES = Registro("negociacion", "negociaciones-colectivas-2024", "expediente",
                         "sindicato")
CONFLICTOS = Registro("conflicto", "laboral-conflictos-laborales", "codigo", "partes")
REGISTROS = {r.tipo: r for r in (SINDICATOS, NEGOCIACIONES, CONFLICTOS)}


@dataclass(frozen=True)
class Etapa:
    code: str
    label: str         # as written in ``etapa_actual`` (the seed's wording)
    name: str          # as shown on the timeline
    date_column: str | None
    final: bool = False


#: Private-sector collective bargaining, TUO DS 010-2003-TR.
ETAPAS = [
    Etapa("pliego", "Pliego de reclamos", "Pliego de reclamos presentado",
          "fecha_presentacion_pliego"),
    Etapa("trato-directo", "Trato directo", "Trato directo", "fecha_inicio_trato_directo"),
    Etapa("conciliacion", "Conciliación", "Conciliación ante la Autoridad de Trabajo",
          "fecha_inicio_conciliacion"),
    Etapa("extraproceso", "Extraproceso", "Extraproceso", None),
    Etapa("arbitraje", "Arbitraje", "Arbitraje", "fecha_inicio_arbitraje"),
    Etapa("huelga", "Huelga", "Huelga", "fecha_inicio_huelga"),
    Etapa("convenio", "Convenio colectivo", "Convenio colectivo suscrito", "fecha_solucion",
          final=True),
    Etapa("laudo", "Laudo arbitral", "Laudo arbitral emitido", "fecha_solucion", final=True),
    Etapa("archivado", "Archivado", "Archivado", "fecha_solucion", final=True),
]
ETAPA = {e.code: e for e in ETAPAS}
ETAPA_BY_LABEL = {e.label: e for e in ETAPAS}
_ENDINGS = ["convenio", "archivado"]
SIGUIENTES = {
    "pliego": ["trato-directo", *_ENDINGS],
    "trato-directo": ["conciliacion", "arbitraje", "huelga", *_ENDINGS],
    "conciliacion": ["extraproceso", "arbitraje", "huelga", *_ENDINGS],
    "extraproceso": ["arbitraje", "huelga", *_ENDINGS],
    "arbitraje": ["laudo", *_ENDINGS],
    "huelga": ["extraproceso", "arbitraje", *_ENDINGS],
    "convenio": [], "laudo": [], "archivado": [],
}

TIMELINE_RESOURCE = "Cambios de etapa (línea de tiempo)"
TIMELINE_FIELDS = diccionario.TIMELINE_FIELDS

CONFLICT_RESOURCE = "Conflictos laborales"
CONFLICT_FIELDS = diccionario.CONFLICT_FIELDS
CONFLICT_METADATA = {
    "name": CONFLICTOS.dataset,
    "title": "Conflictos laborales en La Libertad",
    "notes": ("Seguimiento de los conflictos laborales del sector privado que atiende la "
              "Gerencia Regional de Trabajo y Promoción del Empleo: tipo, partes, estado "
              "(activo, latente o resuelto), trabajadores involucrados y horas-hombre "
              "perdidas. Lo actualiza la Dirección de Prevención y Solución de Conflictos."),
    "fuente": "Dirección de Prevención y Solución de Conflictos",
    "tipo_registro": "conflictos-laborales",
    "origen_registro": "formulario",
    "maintainer": "Dirección de Prevención y Solución de Conflictos - Gerencia Regional "
                  "de Trabajo",
    "maintainer_email": "relacioneslaborales@regionlalibertad.gob.pe",
    "tags": [{"name": "conflictos laborales"}, {"name": "huelga"}],
}


def main_resource(registro: Registro) -> str | None:
    return datastore.find_resource(registro.dataset,
                                   CONFLICT_RESOURCE if registro is CONFLICTOS else None)


def rows(registro: Registro, filters: dict[str, Any] | None = None, q: str = "",
         limit: int = 100, offset: int = 0, sort: str | None = None) -> dict[str, Any]:
    """A page of a registry: {count, results}; empty if the registry does not exist yet."""
    rid = main_resource(registro)
    if rid is None:
        return {"count": 0, "results": []}
    params: dict[str, Any] = {"filters": filters or {}, "limit": limit, "offset": offset,
                              "sort": sort or f"{registro.key} desc"}
    if q:
        params["q"] = q
    found = datastore.search(rid, **params)
    return {"count": found.get("total", 0), "results": found["records"]}


def get(registro: Registro, key: str) -> dict[str, Any]:
    found = rows(registro, {registro.key: key}, limit=1)["results"]
    if not found:
        raise tk.ObjectNotFound(_("No existe ese registro"))
    return found[0]


# --- unions ------------------------------------------------------------------------------

ESTADOS_SINDICATO = ["Vigente", "Cancelado"]
#: What a steward may change in a union's entry (its number, name and seat stay).
SINDICATO_EDITABLE = ("empleador", "ruc_empleador", "federacion", "afiliados", "estado",
                      "junta_directiva_inicio", "junta_directiva_mandato_anios")


def end_of_term(inicio: str | None, anios: int | None) -> str | None:
    """Last day of a board's term: the day before the anniversary ``anios`` years on."""
    if not inicio or not anios:
        return None
    start = datetime.date.fromisoformat(str(inicio)[:10])
    try:
        anniversary = start.replace(year=start.year + int(anios))
    except ValueError:  # 29 February
        anniversary = start.replace(year=start.year + int(anios), day=28)
    return (anniversary - datetime.timedelta(days=1)).isoformat()


def union_view(row: dict[str, Any], today: datetime.date) -> dict[str, Any]:
    """A union as the pages show it: with the end of its board's term and whether the
    term is current."""
    fin = end_of_term(row.get("junta_directiva_inicio"),
                      row.get("junta_directiva_mandato_anios"))
    return {**row, "junta_directiva_fin": fin,
            "junta_directiva_vigente": bool(fin) and fin >= today.isoformat()}


def update_union(row: dict[str, Any], record: dict[str, Any]) -> dict[str, Any]:
    """Change a union's employer, RUC, federation, members, state and board term
    (``record`` checked by ``schema.union_update``); returns the updated row."""
    change = {name: record.get(name) for name in SINDICATO_EDITABLE}
    datastore.update_row(main_resource(SINDICATOS), {"_id": row["_id"], **change})
    return {**row, **change}


# --- collective bargaining -------------------------------------------------------------

def current_stage(row: dict[str, Any]) -> Etapa:
    return ETAPA_BY_LABEL.get(row.get("etapa_actual") or "", ETAPA["pliego"])


def timeline(expediente: str) -> list[dict[str, Any]]:
    """Public stages of a process, oldest first: the recorded changes, or (for records
    loaded before the portal recorded them) the stage dates of the row."""
    rid = datastore.find_resource(NEGOCIACIONES.dataset, TIMELINE_RESOURCE)
    if rid is not None:
        recorded = datastore.search(rid, filters={"expediente": expediente}, limit=100,
                                    sort="fecha, registrado")["records"]
        if recorded:
            return [{"etapa": e["etapa"], "nombre": _stage_name(e["etapa"]),
                     "fecha": str(e["fecha"])[:10], "nota": e.get("nota")} for e in recorded]
    return derived_timeline(get(NEGOCIACIONES, expediente))


def _stage_name(code: str) -> str:
    return ETAPA[code].name if code in ETAPA else code


def derived_timeline(row: dict[str, Any]) -> list[dict[str, Any]]:
    current = current_stage(row)
    events = []
    for etapa in ETAPAS:
        if etapa.final and etapa is not current:
            continue
        fecha = row.get(etapa.date_column) if etapa.date_column else None
        if fecha:
            events.append({"etapa": etapa.code, "nombre": etapa.name,
                           "fecha": str(fecha)[:10], "nota": None})
    return sorted(events, key=lambda e: e["fecha"])


def change_stage(row: dict[str, Any], history: list[dict[str, Any]],
                 change: dict[str, Any]) -> dict[str, Any]:
    """Move a process to its next stage (``change`` checked by ``schema.stage_change``
    against its ``history``); returns the updated row."""
    expediente = row["expediente"]
    etapa, fecha = ETAPA[change["etapa"]], change["fecha"]
    rid = datastore.find_resource(NEGOCIACIONES.dataset)
    timeline_rid = datastore.resource_id(NEGOCIACIONES.dataset, {}, TIMELINE_RESOURCE,
                                         TIMELINE_FIELDS, [])
    now = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None).isoformat()
    if not datastore.search(timeline_rid, filters={"expediente": expediente},
                            limit=1)["records"]:
        # The first recorded change keeps the stages the row already had.
        datastore.insert(timeline_rid, [
            {"expediente": expediente, "etapa": e["etapa"], "fecha": e["fecha"],
             "nota": e["nota"], "registrado": now} for e in history])
    update: dict[str, Any] = {"_id": row["_id"], "etapa_actual": etapa.label}
    if etapa.date_column:
        update[etapa.date_column] = fecha
    if etapa.final:
        update["forma_solucion"] = etapa.label
        if change["incremento"] is not None:
            update["incremento_soles_dia"] = change["incremento"]
    datastore.update_row(rid, update)
    datastore.insert(timeline_rid, [{"expediente": expediente, "etapa": etapa.code,
                                     "fecha": fecha, "nota": change["nota"],
                                     "registrado": now}])
    return {**row, **update}


# --- conflicts -------------------------------------------------------------------------

def save_conflict(record: dict[str, Any], existing: dict[str, Any] | None) -> dict[str, Any]:
    """Create a conflict (``existing`` None; ``record`` checked by
    ``schema.conflict_create``) or update its state and figures
    (``schema.conflict_update``)."""
    record = {**record, "fecha_actualizacion": datetime.date.today().isoformat()}
    if existing is None:
        record["codigo"] = _next_conflict_code()
        rid = datastore.resource_id(CONFLICTOS.dataset, CONFLICT_METADATA,
                                    CONFLICT_RESOURCE, CONFLICT_FIELDS, ["codigo"])
        datastore.insert(rid, [record])
        return record
    datastore.update_row(main_resource(CONFLICTOS), {"_id": existing["_id"], **record})
    return {**existing, **record}



def _next_conflict_code() -> str:
    year = datetime.date.today().year
    count = rows(CONFLICTOS, limit=0)["count"]
    return f"CL-{year}-{count + 1:04d}"


def merge_conflicts(records: list[dict[str, Any]]) -> int:
    """Bring conflicts read by a harvest layout (one row per conflict and monthly report)
    into the registry: each conflict as of its latest report. Returns how many."""
    latest: dict[str, dict[str, Any]] = {}
    for record in sorted(records, key=lambda r: str(r["fecha_actualizacion"])):
        latest[record["codigo"]] = {field["id"]: record.get(field["id"])
                                    for field in CONFLICT_FIELDS}
    datastore.upsert(CONFLICTOS.dataset, CONFLICT_METADATA, CONFLICT_RESOURCE,
                     CONFLICT_FIELDS, ["codigo"], list(latest.values()))
    return len(latest)


def conflict_summary() -> dict[str, Any]:
    """Conflicts per state and the date of the latest update, for the listing's header."""
    rid = main_resource(CONFLICTOS)
    if rid is None:
        return {"total": 0, "por_estado": [], "hasta": None}
    counts = [(estado, datastore.search(rid, filters={"estado": estado}, limit=0)["total"])
              for estado in ESTADOS_CONFLICTO]
    latest = datastore.search(rid, limit=1, sort="fecha_actualizacion desc")["records"]
    return {"total": sum(n for _estado, n in counts), "por_estado": counts,
            "hasta": str(latest[0]["fecha_actualizacion"])[:10] if latest else None}
