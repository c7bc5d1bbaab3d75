"""Adversarial searches for the benchmark: the costliest requests one GET can
make, at and just beyond each bound of grll_search (``docs/security.md``).

    .venv/bin/python bench/adversarial.py   # rewrites adversarial_queries.txt

Each line of ``adversarial_queries.txt`` is one JSON object: ``class`` and
``params`` (a ``package_search`` data dict). ``bench/run.py`` times every
one, cold, and prints the worst. Seeded, so the file only changes when this
generator does.
"""
from __future__ import annotations

import json
import random
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import corpus

FILE = Path(__file__).with_name("adversarial_queries.txt")
PER_CLASS = 110
MAX_LENGTH = 4000
#: Solr's maxBooleanClauses: beyond grll_search's bound, so that both sides
#: of it are timed.
MAX_CLAUSES = 1024

#: Fields of every kind the backend matches differently.
STRING_FIELDS = ["name", "tags", "res_format", "organization", "license_id", "groups",
                 "vocab_tema", "extras_frecuencia"]
TEXT_FIELDS = ["text", "title", "notes", "res_name", "res_description", "author",
               "extras_cobertura", "maintainer"]
DATE_FIELDS = ["metadata_modified", "metadata_created", "extras_fecha_date"]
FACETABLE = ["organization", "groups", "tags", "res_format", "license_id", "dataset_type",
             "extras_frecuencia", "extras_cobertura", "vocab_tema", "state", "capacity",
             "views_recent", "frecuencia", "cobertura", "res_type", "owner_org",
             "entity_type", "permission_labels", "vocab_x", "extras_y", "tema", "fuente"]
#: Facets without kept counts: each reads every matching dataset's fields.
DOCUMENT_FACETS = ["extras_frecuencia", "extras_cobertura", "views_recent", "extras_y"]
#: Text fields read from the stored documents when a query names them.
STORED_TEXT_FIELDS = ["res_name", "res_description", "extras_cobertura", "extras_frecuencia",
                      "author", "maintainer"]
#: Words of every resource name, every frequency, most descriptions.
EVERYWHERE = ["parte", "mensual", "anual", corpus.COMMON_TERM]
#: Facets the backend refuses to count (tokenized text, identifiers).
TEXT_FACETS = ["title", "notes", "res_name", "author", "id", "res_url", "metadata_modified"]
SORTABLE = ["title_string", "metadata_modified", "name", "extras_frecuencia", "views_recent",
            "metadata_created", "organization", "extras_cobertura", "score", "license_id"]
SYNTAX = ["(", ")", "[", "]", "{", "}", '"', ":", "*", "?", "\\", "^", "~", "+", "-", "!",
          "&&", "||", " AND ", " OR ", " NOT ", " TO ", "NOW", "/DAY", "-1YEAR", "*:*", " "]


def _words(rnd: random.Random) -> list[str]:
    return [w.lower() for phrases in corpus.TEMAS.values() for p in phrases
            for w in p.split() if len(w) > 3] + corpus.PALABRAS + corpus.RARAS + [
        corpus.COMMON_TERM] * 5


def _chain(rnd: random.Random, terms: list[str], operator: str,
           limit: int = MAX_LENGTH) -> str:
    """As many terms as fit in ``limit`` characters (and in a count drawn
    at and around the clause bound)."""
    out: list[str] = []
    size = 0
    count = rnd.choice([64, 255, 256, 257, MAX_CLAUSES])
    for term in terms[:count]:
        size += len(term) + len(operator)
        if size > limit:
            break
        out.append(term)
    return operator.join(out)


def long(rnd: random.Random) -> dict[str, Any]:
    words = _words(rnd)
    kind = rnd.randrange(5)
    if kind == 0:  # free text: dismax over qf, minimum match of many words
        count = rnd.choice([8, 31, 32, 32, 33, 2000])
        return {"q": _chain(rnd, [rnd.choice(words) for _ in range(count)], " ")}
    field = rnd.choice(STRING_FIELDS + TEXT_FIELDS)
    op = rnd.choice([" OR ", " AND ", " "])
    if kind == 1:  # one field, as many short terms as the bounds allow
        terms = [rnd.choice(words)[: rnd.randint(2, 6)] for _ in range(MAX_CLAUSES)]
        return {"q": f"{field}:(" + _chain(rnd, terms, op, MAX_LENGTH - 20) + ")"}
    if kind == 2:  # fielded terms across many fields
        terms = [f"{rnd.choice(STRING_FIELDS + TEXT_FIELDS)}:{rnd.choice(words)}"
                 for _ in range(MAX_CLAUSES)]
        return {"q": _chain(rnd, terms, op)}
    if kind == 3:  # the clauses spread over q and several fq
        return {"q": f"{field}:(" + _chain(rnd, [rnd.choice(words)] * 600, op, 3000) + ")",
                "fq": _chain(rnd, [f"-tags:{rnd.choice(words)}" for _ in range(400)], " ")}
    return {"q": "text:" + "x" * rnd.randint(MAX_LENGTH - 10, MAX_LENGTH + 10)}


def nested(rnd: random.Random) -> dict[str, Any]:
    words = _words(rnd)
    depth = rnd.choice([5, 10, 19, 20, 20, 21, 100, 500])
    inner = " OR ".join(f"{rnd.choice(TEXT_FIELDS + STRING_FIELDS)}:{rnd.choice(words)}"
                        for _ in range(rnd.randint(1, 30)))
    query = inner
    for level in range(depth):
        op = " AND " if level % 2 else " OR "
        query = f"({query}{op}{rnd.choice(TEXT_FIELDS)}:{rnd.choice(words)})"
        if len(query) > MAX_LENGTH - 20:
            query = "(" * (depth - level) + query + ")" * (depth - level)
            break
    return {rnd.choice(["q", "fq"]): query}


def wildcards(rnd: random.Random) -> dict[str, Any]:
    words = _words(rnd)
    count = rnd.choice([1, 5, 10, 10, 10, 11, 40])
    terms = []
    for _ in range(count):
        word = rnd.choice(words)
        start = rnd.randrange(max(1, len(word) - 2))
        core = word[start:start + rnd.choice([1, 2, 2, 3])]
        terms.append(rnd.choice([f"*{core}*", f"*{core}", f"{core}*", f"?{core}*",
                                 f"*{core}?*", f"{core}*{word[-1]}"]))
    field = rnd.choice(STRING_FIELDS + TEXT_FIELDS)
    extra = {}
    if rnd.random() < 0.5:
        extra = {"facet.field": json.dumps(rnd.sample(FACETABLE, 10)), "facet.limit": 1000}
    return {"q": f"{field}:(" + " OR ".join(terms) + ")", **extra}


def ranges(rnd: random.Random) -> dict[str, Any]:
    words = _words(rnd)
    terms = []
    for _ in range(rnd.choice([10, 100, 500, MAX_CLAUSES])):
        kind = rnd.randrange(4)
        if kind == 0:
            field = rnd.choice(DATE_FIELDS)
            terms.append(f"{field}:[NOW-{rnd.randint(1, 900)}DAYS TO NOW/DAY]")
        elif kind == 1:
            a, b = sorted(rnd.sample(words, 2))
            terms.append(f"{rnd.choice(STRING_FIELDS)}:[{a} TO {b}]")
        elif kind == 2:
            terms.append(f"views_recent:{{{rnd.randint(0, 50)} TO *]")
        else:
            terms.append(f"metadata_created:[{rnd.randint(2000, 2026)}-01-01T00:00:00Z TO *]")
    return {"fq": _chain(rnd, terms, rnd.choice([" OR ", " AND "]))}


def random_bytes(rnd: random.Random) -> dict[str, Any]:
    size = rnd.choice([1, 10, 100, 1000, 3999])
    if rnd.random() < 0.5:
        text = "".join(rnd.choice(SYNTAX) for _ in range(size // 3 + 1))
    else:
        text = bytes(rnd.randrange(0, 256) for _ in range(size)).decode("latin-1")
    return {rnd.choice(["q", "fq", "sort", "mm", "qf"]): text}


def date_math(rnd: random.Random) -> dict[str, Any]:
    amount = rnd.choice(["1", "12", "9999", "99999999", "999999999", "9" * 12])
    unit = rnd.choice(["YEARS", "MONTHS", "DAYS", "HOURS", "MILLIS", "SIGLOS"])
    expr = f"NOW{rnd.choice('+-')}{amount}{unit}" + rnd.choice(["", "/DAY", "/YEAR", "+1DAY" * 50])
    field = rnd.choice(DATE_FIELDS)
    query = rnd.choice([f"{field}:[{expr} TO *]", f"{field}:[* TO {expr}]",
                        f"{field}:{expr}", f"{field}:[{expr} TO {expr}]"])
    return {"fq": query, "sort": "metadata_modified desc"}


def paging(rnd: random.Random) -> dict[str, Any]:
    words = _words(rnd)
    params: dict[str, Any] = {
        "rows": rnd.choice([0, 1000, 10**6, 10**20]),
        "start": rnd.choice([0, 50_000, 99_999, 10**6, 10**6 + 1, 10**20, -5])}
    if rnd.random() < 0.5:
        params["q"] = corpus.COMMON_TERM if rnd.random() < 0.5 else rnd.choice(words)
    if rnd.random() < 0.5:
        params["sort"] = rnd.choice(["score desc, metadata_modified desc", "extras_cobertura asc",
                                     "title_string desc", "views_recent desc"])
    return params


def facets(rnd: random.Random) -> dict[str, Any]:
    words = _words(rnd)
    count = rnd.choice([5, 10, 10, 11, 20, 100])
    names = rnd.sample(FACETABLE, min(count, len(FACETABLE)))
    if rnd.random() < 0.1:
        names[0] = rnd.choice(TEXT_FACETS)
    names += [f"extras_campo_{i}" for i in range(count - len(names))]
    params = {"facet.field": json.dumps(names),
              "facet.limit": rnd.choice([-1, 1000, 1001, 10**9]),
              "facet.mincount": rnd.choice([0, 1, 10**12])}
    if rnd.random() < 0.5:
        params["q"] = rnd.choice([corpus.COMMON_TERM, rnd.choice(words)])
    return params


def sorts(rnd: random.Random) -> dict[str, Any]:
    keys = [f"{rnd.choice(SORTABLE)} {rnd.choice(['asc', 'desc'])}"
            for _ in range(rnd.choice([1, 4, 8, 8, 9, 50]))]
    junk = rnd.random() < 0.2
    return {"sort": ", ".join(keys) + ("; DROP TABLE package" if junk else ""),
            "q": rnd.choice(["", corpus.COMMON_TERM]), "rows": 1000}


def combined(rnd: random.Random) -> dict[str, Any]:
    """Every bound at once, within it: the costliest request allowed."""
    words = _words(rnd)
    wild = " OR ".join(f"*{rnd.choice(words)[1:3]}*" for _ in range(10))
    field = rnd.choice(TEXT_FIELDS)
    rest = rnd.choice([" OR ", " AND "]).join(
        f"{field}:{rnd.choice(words)}" for _ in range(rnd.choice([100, 200])))
    return {"q": f"{rnd.choice(STRING_FIELDS)}:({wild}) OR ({rest})",
            "fq": "(" * 19 + f"metadata_modified:[NOW-10YEARS TO NOW] OR tags:{words[0]}"
                  + ")" * 19,
            "facet.field": json.dumps(
                rnd.sample([n for n in FACETABLE if n not in DOCUMENT_FACETS], 8)
                + rnd.sample(DOCUMENT_FACETS, 2)), "facet.limit": 1000,
            "sort": ", ".join(f"{k} desc" for k in rnd.sample(SORTABLE, 8)),
            "rows": 1000, "start": rnd.choice([0, 500, 90_000])}


def field_text(rnd: random.Random) -> dict[str, Any]:
    """Tests on stored text fields (each reads and analyses its field for
    every dataset with the words anywhere) on words from everywhere to rare,
    up to the field-term bound, with facets read from the documents."""
    words = _words(rnd)
    terms = [f"{field}:{rnd.choice([rnd.choice(EVERYWHERE), rnd.choice(words)])}"
             for field in rnd.sample(STORED_TEXT_FIELDS, rnd.choice([1, 2, 3, 3, 4]))]
    params: dict[str, Any] = {"q": rnd.choice([" OR ", " AND "]).join(terms),
                              "rows": rnd.choice([10, 1000])}
    if rnd.random() < 0.5:
        params["facet.field"] = json.dumps(rnd.sample(DOCUMENT_FACETS, rnd.choice([1, 2, 3])))
    return params


def minimum_match(rnd: random.Random) -> dict[str, Any]:
    words = _words(rnd)
    return {"q": " ".join(rnd.choice(words) for _ in range(rnd.choice([3, 7, 30, 300]))),
            "mm": rnd.choice(["1", "50%", "2<-1 5<80%", "-1", "3<90%", "abc", "2<", "99%"])}


CLASSES: dict[str, Callable[[random.Random], dict[str, Any]]] = {
    "long": long, "nested": nested, "wildcards": wildcards, "ranges": ranges,
    "random_bytes": random_bytes, "date_math": date_math, "paging": paging,
    "facets": facets, "sorts": sorts, "combined": combined, "minimum_match": minimum_match,
    "field_text": field_text,
}


def generate(seed: int = 14) -> Iterator[dict[str, Any]]:
    rnd = random.Random(seed)
    for name, make in CLASSES.items():
        for _ in range(PER_CLASS):
            yield {"class": name, "params": make(rnd)}


def load() -> list[dict[str, Any]]:
    with FILE.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def main() -> int:
    with FILE.open("w", encoding="utf-8") as out:
        for query in generate():
            out.write(json.dumps(query, ensure_ascii=False) + "\n")
    print(f"{sum(1 for _ in load())} queries written to {FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
