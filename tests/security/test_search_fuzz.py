"""Property-based fuzz of the search parameters through the real
``package_search`` API: whatever is sent, the answer is a result or a
refusal with a message (400/409), never a 500 and never the internal query."""
from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

SEARCH = "/api/3/action/package_search"

#: Pieces of Solr's syntax, so that the fuzz reaches the parser's corners
#: rather than only free text.
SYNTAX = st.sampled_from([
    "(", ")", "[", "]", "{", "}", '"', ":", "*", "?", "\\", "^2", "~", "+", "-", "!",
    "&&", "||", " AND ", " OR ", " NOT ", " TO ", "NOW", "NOW-1DAY", "/MONTH",
    "-99999999YEARS", "*:*", " ", "title:", "tags:", "name:", "notes:", "metadata_modified:",
    "views_recent:", "extras_x:", "text:", "{!bool must=a}", "{!lucene}", "agua", "cloro",
    "2024-01-01T00:00:00Z", "9" * 30, "\x00", "\u202e", "ñandú",
])
QUERY = st.one_of(
    st.lists(SYNTAX, max_size=40).map("".join),
    st.text(max_size=60),
    st.builds(lambda n, depth: "(" * depth + "agua" + ")" * n, st.integers(0, 40),
              st.integers(0, 40)),
)
NUMBER = st.one_of(st.integers(-10, 10**22).map(str), st.text(max_size=8),
                   st.sampled_from(["1e3", "-1", "0x10", " 5", "NaN", "∞"]))
FIELD = st.one_of(st.sampled_from(["tags", "organization", "res_format", "name", "title",
                                   "notes", "metadata_modified", "views_recent", "extras_x",
                                   "score", "text", "permission_labels"]),
                  st.text(max_size=12))
PARAMS = st.fixed_dictionaries({}, optional={
    "q": QUERY,
    "fq": QUERY,
    "sort": st.one_of(
        st.lists(st.tuples(FIELD, st.sampled_from(["asc", "desc", "ASC", "up", ""])),
                 max_size=10).map(lambda keys: ", ".join(f"{f} {d}" for f, d in keys)),
        st.text(max_size=30)),
    "rows": NUMBER,
    "start": NUMBER,
    "facet.field": st.one_of(st.lists(FIELD, max_size=25).map(json.dumps),
                             st.text(max_size=20)),
    "facet.limit": NUMBER,
    "mm": st.one_of(st.sampled_from(["2<-1 5<80%", "1", "50%", "-1", "3<90%"]),
                    st.text(max_size=12)),
    "defType": st.one_of(st.sampled_from(["dismax", "edismax", "lucene", "bool"]),
                         st.text(max_size=10)),
    "qf": st.one_of(st.sampled_from(["name^4 title^4 tags^2 groups^2 text", "notes",
                                     "title^x extras_x"]),
                    st.lists(FIELD, max_size=30).map(" ".join)),
})


@pytest.mark.usefixtures("clean_index")
@settings(max_examples=200, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(params=PARAMS)
def test_no_search_parameters_make_a_500(app: Any, params: dict[str, str]) -> None:
    response = app.get(SEARCH, query_string=params)
    assert response.status_code in (200, 400, 409), (params, response.status_code)
    body = response.get_data(as_text=True)
    assert "permission_labels:" not in body, params
    if response.status_code != 200:
        error = response.json["error"]
        assert error.get("message") or len(error) > 1, (params, error)
