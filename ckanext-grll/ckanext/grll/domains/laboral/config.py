"""Typed access to the ``ckanext.grll.laboral.*`` options (declared in
``config_declaration.yaml``; the fallbacks repeat the defaults). An ini that still
sets an option's former Spanish name (``empleadores_org``, ``muestra_demostrativa``)
keeps working, with a warning (see :mod:`ckanext.grll.settings`)."""
from __future__ import annotations

import ckan.plugins.toolkit as tk

from ckanext.grll.settings import option


def rmv() -> int:
    """Remuneración mínima vital in force (S/ per month)."""
    return int(option("ckanext.grll.laboral.rmv") or 1130)


def employers_org() -> str:
    """The CKAN organization whose members are the "Empleadores"."""
    return option("ckanext.grll.laboral.employers_org",
                  "ckanext.grll.laboral.empleadores_org") or "empleadores"


def page_size() -> int:
    return int(option("ckanext.grll.laboral.page_size") or 20)


def rate_limit_per_hour() -> int:
    return int(option("ckanext.grll.laboral.rate_limit_per_hour") or 10)


def demo_sample() -> bool:
    """Whether the portal keeps a current demonstration sample of offers, courses,
    conflicts and procedures (``demostracion``) until official data replaces it."""
    value = option("ckanext.grll.laboral.demo_sample",
                   "ckanext.grll.laboral.muestra_demostrativa")
    return True if value is None else tk.asbool(value)
