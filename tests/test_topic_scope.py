"""Topic filters over passages for long statements (indexer/query/topic_scope.py): on arrays
worked by hand, then in searches over a small written index."""

from __future__ import annotations

import numpy as np
import pytest

from indexer.query import SearchIndex
from indexer.query.results import SearchRequest
from indexer.query.topic_scope import LONG_STATEMENT_WORDS, TopicScope
from tests.fixtures.query.builder import St, write_index

# Three statements: 0 short (passages 0-1), 1 long (passages 2-5), 2 long (passages 6-8).
# Passage 9 is deleted (slot 3 = no statement).
P2S_SLOT = np.array([0, 0, 1, 1, 1, 1, 2, 2, 2, 3])
TOPICS = ["economy", "labour"]
PASSAGE_TOPICS = {"economy": [1, 3, 6, 9], "labour": [4, 7, 8]}
WORDS = np.array([300, LONG_STATEMENT_WORDS, 5000])
DOC_TOPICS = {0: {0}, 1: {0, 1}, 2: {0, 1}}  # statement-level topics: economy everywhere


def scope() -> TopicScope:
    return TopicScope.build(3, TOPICS, P2S_SLOT, lambda t: PASSAGE_TOPICS[t], WORDS)


def doc_level(ords) -> np.ndarray:
    return np.array([bool(DOC_TOPICS[s] & set(ords)) for s in range(3)])


def doc_counts(mask) -> np.ndarray:
    out = np.zeros(2, dtype=np.int64)
    for s in np.nonzero(mask)[0]:
        for t in DOC_TOPICS[int(s)]:
            out[t] += 1
    return out


def test_long_statements_pass_by_their_matching_passages():
    sc = scope()
    assert sc.s_long.tolist() == [False, True, True]
    matching = np.zeros(10, dtype=bool)
    matching[[0, 3, 5, 8]] = True  # the query's words are in passages 0, 3, 5 and 8
    matching = sc.entries(matching)
    # economy: statement 0 by its own topics; 1 by passage 3; 2 has no matching passage on it
    assert sc.statements([0], doc_level([0]), matching).tolist() == [True, True, False]
    # labour: 0 is not tagged; 1's labour passage 4 does not match; 2's passage 8 does
    assert sc.statements([1], doc_level([1]), matching).tolist() == [False, False, True]
    assert sc.statements([0, 1], doc_level([0, 1]), matching).tolist() == [True, True, True]


def test_counts_equal_what_the_filter_returns():
    sc = scope()
    matching = np.zeros(10, dtype=bool)
    matching[[0, 1, 3, 4, 8]] = True
    base = np.array([True, True, True])
    counts = sc.counts(base, doc_counts, sc.entries(matching))
    for t in range(2):
        assert counts[t] == int(sc.statements([t], doc_level([t]), sc.entries(matching)).sum())
    assert counts.tolist() == [2, 2]  # economy: 0 and 1 (passages 1, 3); labour: 1 and 2
    # a statement counts once however many of its passages carry the topic
    everything = sc.entries(np.ones(10, dtype=bool))
    assert sc.counts(base, doc_counts, everything).tolist() == [3, 2]
    # statements outside the base are not counted
    assert sc.counts(np.array([True, False, True]), doc_counts, everything).tolist() == [2, 1]


def test_without_a_query_statement_topics_decide():
    sc = scope()
    assert sc.entries(None) is None
    assert sc.statements([1], doc_level([1]), None).tolist() == [False, True, True]
    assert sc.counts(np.ones(3, bool), doc_counts, None).tolist() == [3, 2]


def test_the_passages_a_selection_keeps():
    sc = scope()
    keep = sc.passages([1], 10)
    # all of the short statement's passages; only the labour passages of the long ones
    assert np.nonzero(keep)[0].tolist() == [0, 1, 4, 7, 8]
    assert sc.passages([], 10) is None


def test_an_index_without_passage_topics_treats_every_statement_as_short():
    sc = TopicScope.build(3, TOPICS, P2S_SLOT, lambda t: [], WORDS)
    assert not sc.active
    assert sc.entries(np.ones(10, dtype=bool)) is None
    assert sc.statements([1], doc_level([1]), None).tolist() == [False, True, True]
    assert sc.passages([1], 10) is None


# -- in a search -----------------------------------------------------------------------------

TOPIC_LABELS = {"economy": "Economy and cost of living", "health": "Health", "labour": "Labour"}


def _filler(n: int, seed: str) -> list[tuple]:
    """n passages of 20 distinct made-up words each (a long statement's bulk)."""
    return [("paragraph", " ".join(f"{seed}{i}w{k}" for k in range(20))) for i in range(n)]


def _long(doc_id: str, passages: list[tuple], passage_topics: dict, topics: list[str], date: str) -> St:
    body = [("title", doc_id)] + passages + _filler(60, doc_id[-1])
    return St(doc_id, doc_id.title(), body, date=date, topics=topics, passage_topics=passage_topics)


@pytest.fixture(scope="module")
def tix(tmp_path_factory):
    d = tmp_path_factory.mktemp("topic-scope")
    statements = [
        # long: immigration in a passage about the economy, and in one about health
        _long("long1", [("paragraph", "Immigration helps the economy: wages, prices and jobs."),
                        ("paragraph", "Immigration and the health service: nurses and doctors.")],
              {1: ["economy"], 2: ["health"]}, ["economy", "health", "labour"], "2001-01-01"),
        # long: immigration only in a passage about health; economy elsewhere
        _long("long2", [("paragraph", "Immigration and hospitals: the health service needs nurses."),
                        ("paragraph", "Inflation and the cost of living, wages and prices.")],
              {1: ["health"], 2: ["economy"]}, ["economy", "health"], "2002-01-01"),
        # short: its statement-level topics decide
        St("short1", "Short", [("title", "Short"), ("paragraph", "Immigration and our towns.")],
           date="2003-01-01", topics=["economy"]),
    ]
    write_index(d, statements, topics=TOPIC_LABELS)
    index = SearchIndex(d)
    yield index
    index.close()


def _search(ix, q="", **kw):
    return ix.search(SearchRequest(q=q, **kw))


def _counts(resp) -> dict[str, int]:
    return {fv.value: fv.count for fv in resp.facets["topic"]}


def test_a_topic_filter_selects_long_statements_by_their_matching_passages(tix):
    assert tix._current().topic_scope.s_long.tolist() == [True, True, False]
    resp = _search(tix, "immigration", topics=["economy"])
    assert sorted(r.doc_id for r in resp.results) == ["long1", "short1"]
    # the passage shown under long1 is the one about the economy
    long1 = next(r for r in resp.results if r.doc_id == "long1")
    assert [p.text for p in long1.passages] == ["Immigration helps the economy: wages, prices and jobs."]
    # without the filter, all three statements match
    assert _search(tix, "immigration").total == 3


def test_the_topic_facet_counts_the_same_way(tix):
    resp = _search(tix, "immigration")
    assert _counts(resp) == {"economy": 2, "health": 2}  # labour: no matching passage is about it
    for topic, n in _counts(resp).items():
        assert _search(tix, "immigration", topics=[topic]).total == n
    # disjunctive: ticking economy keeps the counts of the other topics
    assert _counts(_search(tix, "immigration", topics=["economy"])) == {"economy": 2, "health": 2}


def test_the_passages_view_lists_only_the_passages_about_the_topic(tix):
    resp = _search(tix, "immigration", topics=["health"], view="passages")
    assert sorted((r.doc_id, r.passages[0].text.split(":")[0]) for r in resp.results) == [
        ("long1", "Immigration and the health service"), ("long2", "Immigration and hospitals")]


def test_browsing_keeps_statement_topics(tix):
    resp = _search(tix, "")
    assert _counts(resp) == {"economy": 3, "health": 2, "labour": 1}
    assert _search(tix, "", topics=["labour"]).total == 1
