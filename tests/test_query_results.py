"""The query layer's response as plain dicts: the same as `dataclasses.asdict` gives."""

from __future__ import annotations

from collections import namedtuple
from dataclasses import asdict

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from indexer.query import SearchIndex
from indexer.query.positions import unique_sorted
from indexer.query.results import FacetValue, PartyRef, PassageHit, Result, SearchRequest, SearchResponse, plain


def test_responses_convert_as_asdict_does(web_index_dir):
    index = SearchIndex(web_index_dir)
    for q in ("workers", '"oil workers"', "workers -kazakhstan", "", "zzyzx qwertyuiop workers"):
        for view in ("statements", "passages"):
            resp = index.search(SearchRequest(q=q, view=view, facets=["genre"]))
            assert resp.results and resp.facets["party"], (q, view)
            want = asdict(resp)
            want["pages"] = resp.pages
            assert resp.as_dict() == want


def test_nested_values_are_copies_as_asdict_makes_them():
    Pair = namedtuple("Pair", "a b")
    extra = {"genre": ["press", {"n": (1, 2)}], "pair": Pair(1, [2])}
    r = SearchResponse(query="q", total=1, page=1, per_page=10, facets={"party": [FacetValue("a", "A", 3, True)]},
                       results=[Result("d", "t", None, 2000, [PartyRef("a", "A")], ["x"], 1.5,
                                       [PassageHit("c", "passage", None, "t", "h")], extra=extra)])
    got = plain(r)
    assert got == asdict(r)
    got["results"][0]["extra"]["genre"].append("changed")
    assert extra["genre"] == ["press", {"n": (1, 2)}]
    assert type(got["results"][0]["extra"]["pair"]) is Pair


@given(st.lists(st.integers(-50, 50), max_size=40))
def test_unique_sorted_is_np_unique(values):
    a = np.asarray(values, dtype=np.int64)
    assert unique_sorted(a).tolist() == np.unique(a).tolist()
    s = np.sort(a)
    assert unique_sorted(s).tolist() == np.unique(a).tolist()
