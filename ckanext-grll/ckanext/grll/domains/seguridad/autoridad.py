"""The authority that must act on a citizen's security report.

What a report asks for decides who acts: the district's police station
(comisaría) for crimes against people and property, the prosecutor's office
(fiscalía) for trafficking, extortion and bribes, and the municipality's
serenazgo for gangs and other disorder. Each is a portal organization: the
Regional Police, the Fiscal District, or the municipality of the district (the
provincial one in a province's capital district). Where that organization does
not exist yet, the engine keeps the category's routing (CORESEC's secretariat).
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from ckan.plugins.toolkit import _

from ckanext.grll import reference

COMISARIA = "comisaria"
FISCALIA = "fiscalia"
SERENAZGO = "serenazgo"

POLICIA_ORG = "region-policial-la-libertad"
FISCALIA_ORG = "distrito-fiscal-la-libertad"

KIND_BY_CATEGORY = {
    "robo": COMISARIA, "hurto": COMISARIA, "robo-vehiculo": COMISARIA,
    "venta-drogas": COMISARIA, "violencia": COMISARIA,
    "trata": FISCALIA, "extorsion": FISCALIA, "soborno": FISCALIA,
    "pandillaje": SERENAZGO, "otro": SERENAZGO,
}


@dataclass(frozen=True)
class Autoridad:
    tipo: str
    organizacion: str
    nombre: str


def _slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).casefold()
    text = "".join(c for c in text if not unicodedata.combining(c))
    return "-".join("".join(c if c.isalnum() else " " for c in text).split())


def municipality(ubigeo: str) -> tuple[str, str]:
    """(organization name, title) of the district's municipality."""
    district = reference.distritos()[ubigeo]
    if ubigeo.endswith("01"):
        return (f"municipalidad-provincial-de-{_slug(district.provincia)}",
                _("Municipalidad Provincial de {name}").format(name=district.provincia))
    return (f"municipalidad-distrital-de-{_slug(district.nombre)}",
            _("Municipalidad Distrital de {name}").format(name=district.nombre))


def autoridad(category: str, ubigeo: str) -> Autoridad | None:
    """The authority that must act on a report of this category in this district."""
    kind = KIND_BY_CATEGORY.get(category)
    district = reference.distritos().get(ubigeo)
    if kind is None or district is None:
        return None
    if kind == COMISARIA:
        return Autoridad(kind, POLICIA_ORG,
                         _("Comisaría PNP de {name}").format(name=district.nombre))
    if kind == FISCALIA:
        name = (_("Fiscalía Provincial Especializada en Delitos de Corrupción de "
                  "Funcionarios de La Libertad") if category == "soborno"
                else _("Fiscalía Provincial Penal de {name}").format(name=district.provincia))
        return Autoridad(kind, FISCALIA_ORG, name)
    org, title = municipality(ubigeo)
    return Autoridad(kind, org, _("Serenazgo de la {municipality}").format(municipality=title))
