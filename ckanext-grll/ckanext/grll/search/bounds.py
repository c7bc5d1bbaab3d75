"""Bounds on the work of one search, enforced before any SQL runs.

Parsing and compiling are linear in the size of a request, but what they
produce is not: PostgreSQL plans a statement of many clauses in a time that
grows faster than their number, and its statement timeout does not stop the
planner reliably (600 wildcard terms took 6.5 s, 5,000 took 137 s). So every
search is measured while it is parsed, and refused with a Spanish reason
naming the bound as soon as it exceeds one; CKAN then answers 409.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import ckan.plugins.toolkit as tk

from .lucene import QuerySyntaxError

_LITERAL_RUN = re.compile(r"[^\W_]+")


def number(value: int) -> str:
    """Spanish digit grouping: 1.024."""
    return f"{value:,}".replace(",", ".")


@dataclass(frozen=True)
class Bounds:
    """The ``ckanext.grll.search.max_*`` options (see config_declaration)."""

    query_length: int = 4000
    clauses: int = 256
    wildcards: int = 10
    field_terms: int = 3
    free_text_words: int = 32
    wildcard_literal: int = 2
    depth: int = 20
    filters: int = 20
    start: int = 1_000_000
    facet_fields: int = 10
    facet_limit: int = 1000
    sort_fields: int = 8
    document_facets: int = 2
    document_scan: int = 2000


class Budget:
    """What the parsers of one request have used of its bounds: clauses and
    wildcard terms are counted across ``q`` and every ``fq``."""

    def __init__(self, bounds: Bounds) -> None:
        self.bounds = bounds
        self.clauses = 0
        self.wildcards = 0

    def text(self, name: str, value: str, length_bounded: bool = True) -> None:
        """A ``q``, ``fq`` or other text parameter before it is parsed: its
        length, and characters the database cannot take (NUL, unpaired
        surrogates)."""
        if length_bounded and len(value) > self.bounds.query_length:
            raise QuerySyntaxError(tk._(
                "El parámetro {name} es demasiado largo ({length} caracteres;"
                " máximo {limit})").format(name=name, length=number(len(value)),
                                           limit=number(self.bounds.query_length)))
        if "\x00" in value or not _encodable(value):
            raise QuerySyntaxError(tk._(
                "El parámetro {name} contiene caracteres no admitidos"
                " (caracteres nulos o no válidos en UTF-8)").format(name=name))

    def nest(self, depth: int) -> None:
        if depth > self.bounds.depth:
            raise QuerySyntaxError(tk._(
                "La consulta anida demasiados paréntesis (máximo {limit}"
                " niveles)").format(limit=number(self.bounds.depth)))

    def clause(self, weight: int = 1) -> None:
        self.clauses += weight

    def wildcard(self, raw: str) -> None:
        """A term with ``*`` or ``?``: it needs a few literal characters in
        a row, since the fewer it has, the more values (or indexed words,
        for ``c*n``) it must test."""
        literal = max((len(run) for run in _LITERAL_RUN.findall(raw)), default=0)
        if literal < self.bounds.wildcard_literal:
            raise QuerySyntaxError(tk._(
                "El término con comodines «{term}» necesita al menos {limit}"
                " letras o cifras seguidas").format(
                    term=raw[:40], limit=number(self.bounds.wildcard_literal)))
        self.wildcards += 1

    def check_totals(self) -> None:
        """After every ``q`` and ``fq`` is parsed, so that the message gives
        the whole count (parsing is linear: the length bound keeps it short)."""
        if self.clauses > self.bounds.clauses:
            raise QuerySyntaxError(tk._(
                "La consulta tiene demasiados términos ({count}; máximo {limit})"
            ).format(count=number(self.clauses), limit=number(self.bounds.clauses)))
        if self.wildcards > self.bounds.wildcards:
            raise QuerySyntaxError(tk._(
                "La consulta tiene demasiados términos con comodines ({count};"
                " máximo {limit})").format(count=number(self.wildcards),
                                           limit=number(self.bounds.wildcards)))

    def free_text_words(self, count: int) -> None:
        """Words of free text (dismax): with a minimum match ("80 % of the
        words") each candidate row is tested for every word."""
        if count > self.bounds.free_text_words:
            raise QuerySyntaxError(tk._(
                "La búsqueda tiene demasiadas palabras ({count}; máximo {limit})"
            ).format(count=number(count), limit=number(self.bounds.free_text_words)))

    def field_terms(self, count: int) -> None:
        """Tests of a named tokenized field (``notes:``, ``extras_*:``...):
        each analyses that field again for every row it reaches, so their
        number multiplies the work per row. Terms of one field grouped in
        parentheses are one test."""
        if count > self.bounds.field_terms:
            raise QuerySyntaxError(tk._(
                "La consulta tiene demasiados términos sobre campos de texto"
                " ({count}; máximo {limit}); agrupe los de un mismo campo, como"
                " title:(agua OR cloro), o busque sin nombrar el campo").format(
                    count=number(count), limit=number(self.bounds.field_terms)))

    def count(self, name: str, value: int, limit: int) -> None:
        """A count parameter (filters, facet fields, sort keys...)."""
        if value > limit:
            raise QuerySyntaxError(tk._(
                "Demasiados valores en {name} ({count}; máximo {limit})").format(
                    name=name, count=number(value), limit=number(limit)))


    def document_facets(self, fields: list[str]) -> None:
        """Facets without kept counts (``extras_*``, numbers...): each reads
        the stored fields of every matching dataset again."""
        if len(fields) > self.bounds.document_facets:
            raise QuerySyntaxError(tk._(
                "Demasiados campos en facet.field sin recuentos precalculados"
                " ({fields}; máximo {limit}); use campos como tags, organization"
                " o res_format").format(fields=", ".join(f[:40] for f in fields[:12]),
                                        limit=number(self.bounds.document_facets)))


def too_many_scanned(limit: int, what: str) -> QuerySyntaxError:
    """A search whose facets, sort or field tests would read more than ``limit``
    datasets one by one (refused once the count is known, before the work)."""
    if what == "facets":
        return QuerySyntaxError(tk._(
            "Los campos pedidos en facet.field sin recuentos precalculados solo"
            " se cuentan sobre {limit} conjuntos de datos como máximo; precise la"
            " búsqueda o use campos como tags, organization o res_format").format(
                limit=number(limit)))
    if what == "sort":
        return QuerySyntaxError(tk._(
            "Los campos sin índice propio (extras_*, views_*) solo ordenan hasta {limit}"
            " conjuntos de datos; precise la búsqueda u ordene por title_string, name,"
            " metadata_modified o metadata_created").format(limit=number(limit)))
    return QuerySyntaxError(tk._(
        "La búsqueda en el campo «{field}» abarca más de {limit} conjuntos de"
        " datos; añada palabras más precisas o busque sin nombrar el campo").format(
            field=what[:40], limit=number(limit)))


def too_large(name: str, limit: int) -> QuerySyntaxError:
    return QuerySyntaxError(tk._(
        "El parámetro {name} es demasiado grande (máximo {limit})").format(
            name=name[:60], limit=number(limit)))


def _encodable(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
