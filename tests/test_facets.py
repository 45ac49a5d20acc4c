"""Disjunctive facet counts: every count shown equals the total the click would give."""

from __future__ import annotations

import itertools
import random

import pytest

from indexer.query import SearchIndex
from indexer.query.results import SearchRequest
from tests.fixtures.query.builder import write_index
from tests.fixtures.query.corpus import PARTIES, STATEMENTS, TOPICS


@pytest.fixture(scope="module")
def ix(tmp_path_factory):
    d = tmp_path_factory.mktemp("facets")
    write_index(d, STATEMENTS, PARTIES, TOPICS, segments=2)
    index = SearchIndex(d)
    yield index
    index.close()


def facet(resp, name):
    return {fv.value: fv for fv in resp.facets[name]}


def test_counts_are_statements_not_passages(ix):
    resp = ix.search(SearchRequest(q="workers"))
    # s01, s02, s05, s07; s01 has "workers" in three passages and counts once
    assert resp.total == 4
    kke = facet(resp, "party")["kke-gr"]
    assert kke.count == 3 and kke.label == "Communist Party of Greece (KKE)"
    assert sum(fv.count for fv in resp.facets["year"]) == 4


def test_selected_facet_keeps_its_other_values(ix):
    resp = ix.search(SearchRequest(q="", parties=["kke-gr"]))
    assert resp.total == 5
    parties = facet(resp, "party")
    assert parties["kke-gr"].selected and parties["kke-gr"].count == 5
    # the other parties keep their counts over all statements
    assert parties["pcf-fr"].count == 3 and not parties["pcf-fr"].selected
    # other facets are narrowed by the party filter
    assert facet(resp, "topic")["labour"].count == 4


def test_values_of_one_facet_are_ored_and_facets_anded(ix):
    both = ix.search(SearchRequest(q="", parties=["kke-gr", "pcf-fr"]))
    assert both.total == 7
    anded = ix.search(SearchRequest(q="", parties=["kke-gr", "pcf-fr"], topics=["labour"]))
    assert anded.total == 4
    assert {r.doc_id for r in anded.results} == {"s01", "s02", "s05", "s09"}


def test_selected_value_with_no_statements_is_listed(ix):
    resp = ix.search(SearchRequest(q="dockers", parties=["pcv-ve"], years=["2000-2005"]))
    assert resp.total == 0
    assert facet(resp, "party")["pcv-ve"].selected
    assert facet(resp, "party")["pcv-ve"].count == 0
    yr = facet(resp, "year")["2000-2005"]
    assert yr.selected and yr.count == 0 and yr.label == "2000–2005"


def test_facet_order(ix):
    resp = ix.search(SearchRequest(q=""))
    counts = [fv.count for fv in resp.facets["party"]]
    assert counts == sorted(counts, reverse=True)
    years = [int(fv.value) for fv in resp.facets["year"]]
    assert years == sorted(years, reverse=True)
    assert resp.facets["topic"][0].value == "labour"
    assert all(fv.count > 0 for name in ("party", "year", "topic") for fv in resp.facets[name])


def test_party_and_topic_aliases_in_filters(ix):
    assert ix.search(SearchRequest(q="", parties=["KKE"])).total == 5
    assert ix.search(SearchRequest(q="", topics=["Health"])).total == 1


QUERIES = ["", "workers", "peace OR solidarity", "-kazakhstan", "trade union", '"trade union"',
           "party:KKE", "strike*", "year:2015-2020"]
PARTY_IDS = list(PARTIES)
YEAR_VALUES = ["2016", "2017", "2022", "2015-2018", "2020-"]
TOPIC_IDS = list(TOPICS)


def _check(ix, q, parties, years, topics):
    resp = ix.search(SearchRequest(q=q, parties=parties, years=years, topics=topics, per_page=100))
    assert len(resp.results) == resp.total
    for name in ("party", "year", "topic"):
        for fv in resp.facets[name]:
            sel = {"party": list(parties), "year": list(years), "topic": list(topics)}
            sel[name] = [fv.value]
            click = ix.search(SearchRequest(q=q, parties=sel["party"], years=sel["year"],
                                            topics=sel["topic"], per_page=1))
            assert click.total == fv.count, (q, parties, years, topics, name, fv)
    # the total is the disjunctive count of the selection itself, facet by facet
    for name, chosen in (("party", parties), ("year", years), ("topic", topics)):
        if len(chosen) == 1:
            assert facet(resp, name)[chosen[0]].count == resp.total


def test_counts_equal_filtered_totals_exhaustively(ix):
    rng = random.Random(20240601)
    combos = []
    for q in QUERIES:
        combos.append((q, [], [], []))
        for p in PARTY_IDS:
            combos.append((q, [p], [], []))
        for y in YEAR_VALUES:
            combos.append((q, [], [y], []))
        for _ in range(6):
            combos.append((
                q,
                rng.sample(PARTY_IDS, rng.randint(0, 3)),
                rng.sample(YEAR_VALUES, rng.randint(0, 2)),
                rng.sample(TOPIC_IDS, rng.randint(0, 2)),
            ))
    for q, parties, years, topics in combos:
        _check(ix, q, parties, years, topics)


def test_totals_match_brute_force(ix):
    """Filtering by hand over the fixture records gives the same statements."""
    by_id = {s.doc_id: s for s in STATEMENTS}
    for parties, topics in itertools.product([[], ["kke-gr"], ["pcf-fr", "cpb-gb"]], [[], ["labour"], ["peace", "health"]]):
        for years in ([], ["2016"], ["2015-2018"]):
            resp = ix.search(SearchRequest(q="", parties=parties, years=years, topics=topics, per_page=100))
            got = {r.doc_id for r in resp.results}

            def ok(s):
                if parties and not set(parties) & set(s.signatories):
                    return False
                if topics and not set(topics) & set(s.topics):
                    return False
                if years:
                    if s.year is None:
                        return False
                    spans = [(2016, 2016)] if years == ["2016"] else [(2015, 2018)]
                    if not any(lo <= s.year <= hi for lo, hi in spans):
                        return False
                return True

            assert got == {d for d, s in by_id.items() if ok(s)}, (parties, years, topics)
