"""The action plan of the seed: ``datasets/ogp/plan.yaml``, loaded by ``ckan grll seed``.

Commitment texts follow the region's report; milestones, budgets, dates and the
committee are demonstration data, dated from the day of loading so that the plan
shows completed, ongoing and late milestones. Loading again changes nothing: a
commitment whose number exists is kept as it is (stewards may have edited it).
"""
from __future__ import annotations

import datetime
from typing import Any

import ckan.model as model
import ckan.plugins.toolkit as tk
import yaml

from ckanext.grll.datastore_tables import site_context
from ckanext.grll.ogp import estado, publicacion
from ckanext.grll.ogp.model import (
    Acuerdo,
    Compromiso,
    Evaluacion,
    Hito,
    Miembro,
    Sesion,
)
from ckanext.grll.reference import DATASETS_DIR

PLAN_FILE = DATASETS_DIR / "ogp" / "plan.yaml"


def _ensure_organizations(entries: list[dict[str, Any]]) -> None:
    for entry in entries:
        if model.Group.get(entry["name"]) is None:
            tk.get_action("organization_create")(site_context(), dict(entry))


def _quarter_back(today: datetime.date, quarters: int) -> str:
    month = (today.year * 12 + today.month - 1) - 3 * quarters
    return estado.trimestre(datetime.date(month // 12, month % 12 + 1, 1))


def _hitos(row: Compromiso, entries: list[dict[str, Any]], day: Any) -> list[Hito]:
    hitos = []
    for n, entry in enumerate(entries, start=1):
        hito = Hito(compromiso_id=row.id, orden=n, descripcion=entry["descripcion"],
                    fecha_inicio=day(entry["inicio"]), fecha_fin=day(entry["fin"]),
                    responsable=entry["responsable"], avance=entry["avance"])
        if hito.avance == estado.COMPLETADO:
            hito.completado_en = min(hito.fecha_fin, day(0))
        hitos.append(hito)
    return hitos


def load(today: datetime.date | None = None) -> dict[str, int]:
    """Load the plan (organizations, commitments, milestones, assessments, committee)
    and publish it; the counts of what was added."""
    today = today or datetime.date.today()

    def day(offset: int) -> datetime.date:
        return today + datetime.timedelta(days=offset)

    data = yaml.safe_load(PLAN_FILE.read_text(encoding="utf-8"))
    _ensure_organizations(data["organizaciones"])
    added = {"compromisos": 0, "hitos": 0, "evaluaciones": 0, "sesiones": 0}
    by_number: dict[int, tuple[Compromiso, list[Hito]]] = {}
    for entry in data["compromisos"]:
        if model.Session.query(Compromiso).filter(
                Compromiso.numero == entry["numero"]).count():
            continue
        org = model.Group.get(entry["organizacion"])
        if org is None:
            raise ValueError(f"{PLAN_FILE}: unknown organization {entry['organizacion']}")
        row = Compromiso(
            numero=entry["numero"], titulo=entry["titulo"], dominio=entry["dominio"],
            fecha_inicio=day(entry["inicio"]), fecha_fin=day(entry["fin"]),
            organizacion_id=org.id, muestra_demostrativa=True,
            **{k: " ".join(str(entry.get(k, "")).split()) for k in (
                "problema", "linea_base", "descripcion", "resultados_esperados",
                "como_contribuye", "transparencia", "participacion", "rendicion_cuentas",
                "otros_actores", "fuente_presupuesto", "vinculos")},
            presupuesto=entry.get("presupuesto"))
        model.Session.add(row)
        model.Session.flush()
        hitos = _hitos(row, entry["hitos"], day)
        model.Session.add_all(hitos)
        by_number[row.numero] = (row, hitos)
        added["compromisos"] += 1
        added["hitos"] += len(hitos)
    model.Session.flush()
    for entry in data["autoevaluaciones"]:
        if entry["compromiso"] not in by_number:
            continue
        model.Session.add(Evaluacion(
            compromiso_id=by_number[entry["compromiso"]][0].id, tipo="autoevaluacion",
            trimestre=_quarter_back(today, entry["trimestres_atras"]),
            avance=entry["avance"], texto=entry["texto"],
            comentario_comite=entry.get("comentario"),
            comentario_en=datetime.datetime.utcnow() if entry.get("comentario") else None))
        added["evaluaciones"] += 1
    if by_number and not model.Session.query(Miembro).count():
        for member in data["comite"]["miembros"]:
            model.Session.add(Miembro(**member))
        for entry in data["comite"]["sesiones"]:
            sesion = Sesion(fecha=day(entry["dias"]), agenda=entry["agenda"])
            model.Session.add(sesion)
            model.Session.flush()
            for agreement in entry["acuerdos"]:
                hito = None
                if agreement.get("compromiso") in by_number:
                    hito = by_number[agreement["compromiso"]][1][agreement["hito"] - 1]
                model.Session.add(Acuerdo(sesion_id=sesion.id, texto=agreement["texto"],
                                          hito_id=hito.id if hito else None))
            added["sesiones"] += 1
    model.Session.commit()
    if any(added.values()):
        publicacion.publish(None, "plan de acción cargado")
    return added
