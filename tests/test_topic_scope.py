"""Topic filters over passages for long statements (indexer/query/topic_scope.py), on arrays
worked by hand."""

from __future__ import annotations

import numpy as np

from indexer.query.topic_scope import LONG_STATEMENT_WORDS, TopicScope

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
    counts = sc.counts(base, doc_counts, matching)
    for t in range(2):
        assert counts[t] == int(sc.statements([t], doc_level([t]), matching).sum())
    assert counts.tolist() == [2, 2]  # economy: 0 and 1 (passages 1, 3); labour: 1 and 2
    # a statement counts once however many of its passages carry the topic
    matching[:] = True
    assert sc.counts(base, doc_counts, matching).tolist() == [3, 2]
    # statements outside the base are not counted
    assert sc.counts(np.array([True, False, True]), doc_counts, matching).tolist() == [2, 1]


def test_without_a_query_statement_topics_decide():
    sc = scope()
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
    matching = np.ones(10, dtype=bool)
    assert sc.statements([1], doc_level([1]), matching).tolist() == [False, True, True]
    assert sc.passages([1], 10) is None
