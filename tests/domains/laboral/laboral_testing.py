"""Helpers of the laboral tests: people, a valid offer, pages."""
from __future__ import annotations

import datetime
from typing import Any

import ckan.plugins.toolkit as tk
from ckan.tests import factories

from ckanext.grll.domains.laboral import config, empleadores
from portal_testing import page  # noqa: F401 - the laboral tests import it from here

#: A RUC with a correct SUNAT check digit (from the harvest sample).
RUC = "20883974591"
TRUJILLO = "130101"
VIRU = "131201"


def valid_offer(**changes: Any) -> dict[str, Any]:
    cierre = datetime.date.today() + datetime.timedelta(days=20)
    offer = {"puesto": "Operario de planta de empaque", "ocupacion": "Operario de empaque",
             "empresa": "Agroexportadora Ilustrativa S.A.C.", "ruc": RUC, "ubigeo": VIRU,
             "vacantes": "30", "remuneracion": "1500", "tipo_contrato": "De temporada",
             "jornada": "Tiempo completo", "nivel_educativo": "Secundaria completa",
             "experiencia_meses": "0", "fecha_cierre": cierre.isoformat(),
             "como_postular": "seleccion@agro-ilustrativa.example",
             "descripcion": "Selección y empaque de arándanos."}
    offer.update(changes)
    return offer


def make_employer(name: str = "empresa-agro", **fields: Any) -> dict[str, Any]:
    """A user in the "Empleadores" organization (created on first need, as the site does)."""
    user = factories.User(name=name, **fields)
    empleadores.ensure_organization()
    tk.get_action("organization_member_create")({"ignore_auth": True}, {
        "id": config.employers_org(), "username": name, "role": "member"})
    return user


def labour_org() -> dict[str, Any]:
    return factories.Organization(name="gerencia-regional-trabajo",
                                  title="Gerencia Regional de Trabajo y Promoción del Empleo")


def act(action: str, user: dict[str, Any] | None, **data: Any) -> Any:
    context = {"user": user["name"] if user else "", "ignore_auth": False}
    return tk.get_action(action)(context, data)


def open_dataset_rows(dataset: str) -> list[dict[str, Any]]:
    package = tk.get_action("package_show")({"ignore_auth": True}, {"id": dataset})
    resource = next(r for r in package["resources"] if r.get("datastore_active"))
    return tk.get_action("datastore_search")(
        {"ignore_auth": True}, {"resource_id": resource["id"], "limit": 1000})["records"]


def token_for(user: dict[str, Any]) -> dict[str, str]:
    token = tk.get_action("api_token_create")(
        {"user": user["name"], "ignore_auth": True}, {"user": user["name"], "name": "t"})
    return {"Authorization": token["token"]}

