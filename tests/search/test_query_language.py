"""The parts of Solr's query language whose rules users meet in results:
minimum match of free text, Lucene's AND/OR precedence, date math."""
from __future__ import annotations

import datetime as dt

import pytest

from ckanext.grll.search.compiler import parse_date_math
from ckanext.grll.search.lucene import (
    Bool,
    QuerySyntaxError,
    Term,
    min_should_match,
    parse_lucene,
)


@pytest.mark.parametrize(("words", "required"), [
    (1, 1), (2, 2), (3, 2), (5, 4), (6, 4), (10, 8),
])
def test_ckan_minimum_match_spec(words: int, required: int) -> None:
    assert min_should_match("2<-1 5<80%", words) == required


def test_or_binds_tighter_than_the_default_and_like_lucene() -> None:
    # With q.op=AND Lucene reads "a OR b c" as (a OR b) AND c.
    node = parse_lucene("tags:a OR tags:b tags:c")
    assert isinstance(node, Bool)
    assert node.must == [Term("tags", "c")]
    assert node.should == [Term("tags", "a"), Term("tags", "b")]


def test_escaped_and_unicode_terms_and_field_groups() -> None:
    node = parse_lucene(r'name:agua\-potable AND tags:(educación OR "salud pública")')
    assert isinstance(node, Bool)
    assert node.must[0] == Term("name", "agua-potable")
    inner = node.must[1]
    assert isinstance(inner, Bool)
    assert inner.should == [Term("tags", "educación"), Term("tags", "salud pública", "phrase")]


@pytest.mark.parametrize("query", ["title:(agua", "tags:agua AND", '"sin cerrar', "AND agua"])
def test_malformed_queries_are_rejected(query: str) -> None:
    with pytest.raises(QuerySyntaxError):
        parse_lucene(query)


def test_date_math() -> None:
    now = dt.datetime(2026, 3, 31, 15, 30, tzinfo=dt.timezone.utc)
    assert parse_date_math("NOW-1MONTH/DAY", now) == dt.datetime(
        2026, 2, 28, tzinfo=dt.timezone.utc)
    assert parse_date_math("2024-01-02T03:04:05Z+1YEAR", now) == dt.datetime(
        2025, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc)
    with pytest.raises(QuerySyntaxError):
        parse_date_math("ayer", now)
