"""Parser of Solr's query syntaxes into a small tree.

``parse_lucene`` follows Lucene's classic ``QueryParser`` (what Solr's
``lucene`` parser uses for ``q`` with a colon and for every ``fq``), including
its precedence quirks for mixed AND/OR. ``parse_dismax`` follows Solr's
``dismax``: the user text is parsed with only quotes, ``+``/``-`` and the
boolean operators special, every other character literal, and ``mm`` decides
how many optional clauses must match.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import ckan.plugins.toolkit as tk

if TYPE_CHECKING:
    from .bounds import Budget


class QuerySyntaxError(ValueError):
    """A query that cannot run; the message is the reason, in Spanish, for
    the user (never the query itself, which CKAN extends with its
    permission filters)."""


@dataclass(frozen=True)
class MatchAll:
    pass


@dataclass(frozen=True)
class Term:
    field: str
    text: str
    #: term, phrase, prefix (``ab*``), wildcard (``a?b*c``) or exists (``f:*``)
    kind: str = "term"


@dataclass(frozen=True)
class Range:
    field: str
    low: str | None
    high: str | None
    include_low: bool
    include_high: bool


@dataclass
class Bool:
    must: list[Node] = field(default_factory=list)
    should: list[Node] = field(default_factory=list)
    must_not: list[Node] = field(default_factory=list)
    #: optional clauses that must match; 0 means Lucene's default (at least
    #: one when there is no required clause)
    min_should: int = 0


Node = MatchAll | Term | Range | Bool

_MUST, _SHOULD, _MUST_NOT = "must", "should", "must_not"
_CONJ_AND, _CONJ_OR = "AND", "OR"
_MOD_REQ, _MOD_NOT = "+", "-"

# Characters that end a bare term (Lucene's _TERM_START_CHAR exclusions).
_LUCENE_SPECIAL = set(' \t\n\r\u3000()[]{}":^~\\')
# dismax keeps only quotes and +/- (and the word operators) special.
_DISMAX_SPECIAL = set(' \t\n\r\u3000"\\')


class _Parser:
    """One pass over the text; recursion only into parentheses, whose depth
    the budget bounds."""

    def __init__(self, text: str, default_field: str, default_and: bool,
                 dismax: bool, budget: Budget | None = None,
                 clause_weight: int = 1) -> None:
        self.s = text
        self.i = 0
        self.default_field = default_field
        self.default_and = default_and
        self.dismax = dismax
        self.special = _DISMAX_SPECIAL if dismax else _LUCENE_SPECIAL
        self.budget = budget
        #: SQL clauses one term becomes (dismax: one per ``qf`` field)
        self.clause_weight = clause_weight

    def error(self, reason: str) -> QuerySyntaxError:
        return QuerySyntaxError(
            tk._("La consulta no es válida: {reason}").format(reason=reason))

    def skip_ws(self) -> None:
        while self.i < len(self.s) and self.s[self.i].isspace():
            self.i += 1

    def peek(self, token: str) -> bool:
        return self.s.startswith(token, self.i)

    def peek_word(self, word: str) -> bool:
        """An operator word stands alone: ``AND`` but not ``ANDES``."""
        if not self.s.startswith(word, self.i):
            return False
        end = self.i + len(word)
        return end == len(self.s) or self.s[end].isspace() or (
            not self.dismax and self.s[end] in "()")

    def at_end(self, depth: int) -> bool:
        self.skip_ws()
        return self.i >= len(self.s) or (depth > 0 and self.peek(")"))

    def query(self, depth: int, fld: str) -> Node:
        clauses: list[tuple[str, Node]] = []
        first = True
        while not self.at_end(depth):
            conj = None
            if self.peek_word("AND") or self.peek("&&"):
                conj = _CONJ_AND
                self.i += 3 if self.peek("AND") else 2
            elif self.peek_word("OR") or self.peek("||"):
                conj = _CONJ_OR
                self.i += 2
            if conj and first and not self.dismax:
                raise self.error(tk._("el operador «{op}» no puede ir al principio"
                                      ).format(op=conj))
            if conj and self.at_end(depth):
                if self.dismax:
                    break
                raise self.error(tk._("termina en un operador sin término"))
            self.skip_ws()
            mod = None
            if self.peek("+"):
                mod = _MOD_REQ
                self.i += 1
            elif self.peek("-") or (self.peek("!") and not self.dismax):
                mod = _MOD_NOT
                self.i += 1
            elif self.peek_word("NOT"):
                mod = _MOD_NOT
                self.i += 3
            self.skip_ws()
            if self.at_end(depth):
                if self.dismax:
                    break
                raise self.error(tk._("termina en un operador sin término"))
            node = self.clause(depth, fld)
            if node is None:
                continue
            self.add_clause(clauses, conj, mod, node)
            first = False
        if len(clauses) == 1 and clauses[0][0] != _MUST_NOT:
            return clauses[0][1]
        result = Bool()
        for occur, node in clauses:
            getattr(result, occur).append(node)
        return result

    def add_clause(self, clauses: list[tuple[str, Node]], conj: str | None,
                   mod: str | None, node: Node) -> None:
        # Lucene's QueryParserBase.addClause, conjunction precedence included.
        if clauses and conj == _CONJ_AND and clauses[-1][0] != _MUST_NOT:
            clauses[-1] = (_MUST, clauses[-1][1])
        if (clauses and self.default_and and conj == _CONJ_OR
                and clauses[-1][0] != _MUST_NOT):
            clauses[-1] = (_SHOULD, clauses[-1][1])
        if self.default_and:
            prohibited = mod == _MOD_NOT
            required = not prohibited and conj != _CONJ_OR
        else:
            prohibited = mod == _MOD_NOT
            required = mod == _MOD_REQ or (conj == _CONJ_AND and not prohibited)
        occur = _MUST_NOT if prohibited else _MUST if required else _SHOULD
        clauses.append((occur, node))

    def clause(self, depth: int, fld: str) -> Node | None:
        if not self.dismax:
            start = self.i
            name = self.bare(allow_wildcards=True)
            self.skip_ws()
            if name and self.peek(":"):
                self.i += 1
                self.skip_ws()
                return self.value(depth, name)
            self.i = start
        return self.value(depth, fld)

    def value(self, depth: int, fld: str) -> Node | None:
        if self.i >= len(self.s):
            raise self.error(tk._("falta el valor después de «{field}:»").format(
                field=fld[:40]))
        c = self.s[self.i]
        node: Node | None
        if c == "(" and not self.dismax:
            if self.budget:
                self.budget.nest(depth + 1)
            self.i += 1
            node = self.query(depth + 1, fld)
            self.skip_ws()
            if not self.peek(")"):
                raise self.error(tk._("falta cerrar un paréntesis"))
            self.i += 1
        elif c == '"':
            node = Term(fld, self.quoted(), "phrase")
            if not node.text.strip():
                node = None
            self.count_clause(node)
        elif c in "[{" and not self.dismax:
            node = self.range(fld)
            self.count_clause(node)
        elif c == ")" and not self.dismax:
            raise self.error(tk._("sobra un paréntesis de cierre"))
        else:
            text = self.bare(allow_wildcards=True)
            if not text:
                if self.dismax:
                    self.i += 1
                    return None
                raise self.error(tk._("carácter inesperado «{char}»").format(char=c))
            node = self.term(fld, text)
            self.count_clause(node)
        self.modifiers()
        return node

    def count_clause(self, node: Node | None) -> None:
        if self.budget and node is not None:
            self.budget.clause(self.clause_weight)

    def modifiers(self) -> None:
        """Boosts and fuzziness change scores only: accept and ignore them."""
        if self.dismax:
            return
        while self.i < len(self.s) and self.s[self.i] in "^~":
            self.i += 1
            while self.i < len(self.s) and (
                    self.s[self.i].isdigit() or self.s[self.i] == "."):
                self.i += 1

    def term(self, fld: str, raw: str) -> Node:
        if self.dismax:
            return Term(fld, raw.replace("\\", ""), "term")
        if raw == "*":
            return MatchAll() if fld == "*" else Term(fld, "", "exists")
        text = _unescape(raw)
        unescaped_wild = [m.start() for m in re.finditer(r"(?<!\\)[*?]", raw)]
        if not unescaped_wild:
            return Term(fld, text, "term")
        if self.budget:
            self.budget.wildcard(raw)
        if raw.endswith("*") and len(unescaped_wild) == 1:
            return Term(fld, _unescape(raw[:-1]), "prefix")
        # Wildcards other than a trailing star keep their escapes for the
        # compiler, which turns them into a LIKE pattern.
        return Term(fld, raw, "wildcard")

    def bare(self, allow_wildcards: bool) -> str:
        start = self.i
        while self.i < len(self.s):
            c = self.s[self.i]
            if c == "\\" and self.i + 1 < len(self.s):
                self.i += 2
                continue
            if c in self.special:
                break
            if not self.dismax and c in "+-!" and self.i == start:
                break
            if not allow_wildcards and c in "*?":
                break
            if self.s.startswith(("&&", "||"), self.i) and self.i == start:
                break
            self.i += 1
        return self.s[start:self.i]

    def quoted(self) -> str:
        self.i += 1
        out = []
        while self.i < len(self.s):
            c = self.s[self.i]
            if c == "\\" and self.i + 1 < len(self.s):
                out.append(self.s[self.i + 1])
                self.i += 2
                continue
            if c == '"':
                self.i += 1
                return "".join(out)
            out.append(c)
            self.i += 1
        raise self.error(tk._("faltan las comillas de cierre"))

    def range(self, fld: str) -> Node:
        include_low = self.s[self.i] == "["
        self.i += 1
        low = self.range_bound()
        self.skip_ws()
        if not self.peek("TO"):
            raise self.error(tk._("un intervalo se escribe [desde TO hasta]"))
        self.i += 2
        high = self.range_bound()
        self.skip_ws()
        if self.i >= len(self.s) or self.s[self.i] not in "]}":
            raise self.error(tk._("falta cerrar el intervalo con «]» o «}»"))
        include_high = self.s[self.i] == "]"
        self.i += 1
        if low is None and high is None:
            return Term(fld, "", "exists")
        return Range(fld, low, high, include_low, include_high)

    def range_bound(self) -> str | None:
        self.skip_ws()
        if self.peek('"'):
            return self.quoted()
        start = self.i
        while self.i < len(self.s) and not self.s[self.i].isspace() \
                and self.s[self.i] not in "]}":
            self.i += 1 + (self.s[self.i] == "\\")
        raw = self.s[start:self.i]
        if not raw:
            raise self.error(tk._("un extremo del intervalo está vacío"))
        return None if raw == "*" else _unescape(raw)


def _unescape(raw: str) -> str:
    return re.sub(r"\\(.)", r"\1", raw)


def parse_lucene(text: str, default_field: str = "text",
                 default_and: bool = True, budget: Budget | None = None,
                 clause_weight: int = 1) -> Node:
    """Parse ``q``/``fq`` in Solr's standard syntax (``q.op`` AND by default)."""
    text = text.strip()
    if not text:
        return Bool()
    parser = _Parser(text, default_field, default_and, dismax=False,
                     budget=budget, clause_weight=clause_weight)
    node = parser.query(0, default_field)
    parser.skip_ws()
    if parser.i < len(text):
        raise parser.error(tk._("sobra un paréntesis de cierre")
                           if text[parser.i] == ")" else
                           tk._("carácter inesperado «{char}»").format(char=text[parser.i]))
    return node


def parse_dismax(text: str, fields: str, mm: str, budget: Budget | None = None,
                 clause_weight: int = 1) -> Bool:
    """Parse free text for the query fields ``fields`` (a pseudo field name
    the compiler expands from ``qf``) applying the minimum-match spec ``mm``."""
    if text.count('"') % 2:
        # Solr strips unbalanced quotes instead of failing.
        text = text.replace('"', "")
    parser = _Parser(text, fields, default_and=False, dismax=True, budget=budget,
                     clause_weight=clause_weight)
    node = parser.query(0, fields)
    result = node if isinstance(node, Bool) else Bool(should=[node])
    if result.should:
        result.min_should = min_should_match(mm, len(result.should))
    return result


_MM_VALUE = r"-?\d{1,9}%?"
_MM_SPEC = re.compile(rf"\s*(?:{_MM_VALUE}|(?:\d{{1,9}}<{_MM_VALUE}\s*)+)\s*")


def min_should_match(spec: str, optional: int) -> int:
    """Solr's ``mm``: ``"2<-1 5<80%"`` means all of up to 2 clauses, all
    but one of up to 5, and 80 % (rounded down) of more."""
    spec = spec or "100%"
    if not _MM_SPEC.fullmatch(spec):
        raise QuerySyntaxError(tk._(
            "El parámetro mm «{spec}» no es válido: use un número, un porcentaje"
            " o condiciones como «2<-1 5<80%»").format(spec=spec[:40]))
    spec = spec.strip()
    chosen = "100%"
    if "<" in spec:
        for part in spec.split():
            upto, _, value = part.partition("<")
            if optional > int(upto):
                chosen = value
    else:
        chosen = spec
    if chosen.endswith("%"):
        pct = int(chosen[:-1])
        calc = math.floor(optional * abs(pct) / 100)
        result = calc if pct >= 0 else optional - calc
    else:
        n = int(chosen)
        result = n if n >= 0 else optional + n
    return max(0, min(optional, result))


_LOCAL_PARAM = re.compile(
    r"""\s*([\w.]+)(?:=(?:'([^']*)'|"([^"]*)"|([^\s}]*)))?""")


def split_local_params(text: str) -> tuple[dict[str, list[str]], str]:
    """``{!bool must=a}`` or ``{!lucene q.op=AND}rest`` into its parameters
    (the parser name under ``type``) and the query text after the braces."""
    stripped = text.lstrip()
    if not stripped.startswith("{!"):
        return {}, text
    end = stripped.find("}")
    if end < 0:
        raise QuerySyntaxError(tk._(
            "La consulta no es válida: los parámetros locales «{!…}» no están cerrados"))
    params: dict[str, list[str]] = {}
    body = stripped[2:end]
    pos = 0
    while body[pos:].strip():
        m = _LOCAL_PARAM.match(body, pos)
        if not m or m.end() == pos:
            raise QuerySyntaxError(tk._(
                "La consulta no es válida: los parámetros locales «{!…}» no son válidos"))
        key = m.group(1)
        value = next((g for g in m.group(2, 3, 4) if g is not None), None)
        if value is None:
            params.setdefault("type", [key])
        else:
            params.setdefault(key, []).append(value)
        pos = m.end()
    return params, stripped[end + 1:]
