"""Phrases over word positions (indexer/query/positions.py): the positions of a few
candidate passages, looked up by binary search, are those a membership test keeps."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.query.positions import FEW, Runs, among, intersect_sorted, phrase_docs


POSITIONS = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 500)), max_size=200)
CANDIDATES = st.lists(st.integers(0, 60), max_size=40, unique=True)


def _arrays(pairs, candidates):
    """(pos_docs, positions, candidates) int64 arrays of drawn (doc, position) pairs."""
    pairs = sorted(set(pairs))
    return (np.array([d for d, _ in pairs], dtype=np.int64), np.array([p for _, p in pairs], dtype=np.int64),
            np.array(sorted(candidates), dtype=np.int64))


@settings(max_examples=300, deadline=None)
@given(POSITIONS, CANDIDATES)
def test_among_keeps_what_a_membership_test_keeps(pairs, candidates):
    docs, positions, cand = _arrays(pairs, candidates)
    keep = np.isin(docs, cand)
    d, p = among(docs, positions, cand)
    assert d.tolist() == docs[keep].tolist() and p.tolist() == positions[keep].tolist()


def test_a_phrase_found_among_few_candidates_and_among_many():
    # "a b" stands in docs 3 and 9; doc 5 holds both words apart; a is common
    a = (np.array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 9], dtype=np.int64),
         np.array([0, 4, 0, 7, 0, 1, 0, 0, 0, 2, 10], dtype=np.int64))
    b = (np.array([3, 5, 9], dtype=np.int64), np.array([8, 9, 11], dtype=np.int64))
    assert phrase_docs([a, b], np.array([3, 5, 9])).tolist() == [3, 9]  # many: by a lookup table
    assert len(a[0]) > FEW * 1  # one candidate among 11 positions: by binary search
    assert phrase_docs([a, b], np.array([9])).tolist() == [9]
    assert phrase_docs([a, b], np.array([5])).tolist() == []
    assert phrase_docs([a, b], np.array([], dtype=np.int64)).tolist() == []


def _runs(docs: np.ndarray, positions: np.ndarray) -> Runs:
    ids, npos = np.unique(docs, return_counts=True)
    return Runs.of(ids.astype(np.int64), npos.astype(np.int64), positions.astype(np.int32))


@settings(max_examples=300, deadline=None)
@given(POSITIONS, CANDIDATES)
def test_runs_among_keeps_what_among_keeps(pairs, candidates):
    docs, positions, cand = _arrays(pairs, candidates)
    want_d, want_p = among(docs, positions, cand)
    d, p = _runs(docs, positions).among(cand)
    assert d.tolist() == want_d.tolist() and p.tolist() == want_p.tolist()
    assert d.dtype == np.int64 and p.dtype == np.int64


def test_a_phrase_over_runs_equals_the_phrase_over_pairs():
    # the same words as above, one as runs: few candidates (binary search) and many (a table)
    a = (np.array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 9], dtype=np.int64),
         np.array([0, 4, 0, 7, 0, 1, 0, 0, 0, 2, 10], dtype=np.int64))
    b = (np.array([3, 5, 9], dtype=np.int64), np.array([8, 9, 11], dtype=np.int64))
    ra = _runs(*a)
    assert ra.docs.tolist() == list(range(10)) and ra.npos.tolist()[9] == 2 and ra.starts.tolist()[9] == 9
    for cand in ([3, 5, 9], [9], [5], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], []):
        c = np.array(cand, dtype=np.int64)
        assert phrase_docs([ra, b], c).tolist() == phrase_docs([a, b], c).tolist()
    assert phrase_docs([ra, b], np.array([3, 5, 9])).tolist() == [3, 9]


@settings(max_examples=300, deadline=None)
@given(st.sets(st.integers(-5, 400), max_size=120), st.sets(st.integers(-5, 400), max_size=120),
       st.sampled_from([np.int32, np.int64]))
def test_intersect_sorted_equals_intersect1d(a, b, dtype):
    a = np.array(sorted(a), dtype=dtype)
    b = np.array(sorted(b), dtype=dtype)
    got = intersect_sorted(a, b)
    assert got.tolist() == np.intersect1d(a, b, assume_unique=True).tolist() and got.dtype == dtype
