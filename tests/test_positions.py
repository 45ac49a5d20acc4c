"""Phrases over word positions (indexer/query/positions.py): the positions of a few
candidate passages, looked up by binary search, are those a membership test keeps."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.query.positions import FEW, among, phrase_docs


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 500)), max_size=200),
       st.lists(st.integers(0, 60), max_size=40, unique=True))
def test_among_keeps_what_a_membership_test_keeps(pairs, candidates):
    pairs = sorted(set(pairs))
    docs = np.array([d for d, _ in pairs], dtype=np.int64)
    positions = np.array([p for _, p in pairs], dtype=np.int64)
    cand = np.array(sorted(candidates), dtype=np.int64)
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
