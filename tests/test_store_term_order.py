"""Word occurrences put into term order and cut into postings (indexer/store/term_order.py)."""

from __future__ import annotations

import numpy as np

from indexer.store.term_order import into_term_order


def test_occurrences_in_term_byte_order_then_document_and_place():
    terms = ["zeta", "Ωμέγα", "alpha", "Zeta"]  # bytes order: Zeta, alpha, zeta, Ωμέγα
    ids = np.array([0, 2, 0, 1, 2, 3, 0], dtype=np.int32)
    docs = np.array([4, 4, 4, 7, 7, 7, 9], dtype=np.int32)
    positions = np.array([0, 1, 2, 0, 1, 2, 5], dtype=np.int64)
    sorted_terms, post, npos = into_term_order(terms, ids, docs, positions)
    assert sorted_terms == [b"Zeta", b"alpha", "zeta".encode(), "Ωμέγα".encode("utf-8")]
    assert ids.tolist() == [0, 1, 1, 2, 2, 2, 3]  # each occurrence's term rank, reordered in place
    assert docs.tolist() == [7, 4, 7, 4, 4, 9, 7]
    assert positions.tolist() == [2, 1, 1, 0, 2, 5, 0]
    assert post.tolist() == [0, 1, 2, 3, 5, 6]  # (Zeta, 7) (alpha, 4) (alpha, 7) (zeta, 4) (zeta, 9) (Ωμέγα, 7)
    assert npos.tolist() == [1, 1, 1, 2, 1, 1]


def test_no_occurrences():
    empty = np.array([], dtype=np.int32)
    sorted_terms, post, npos = into_term_order([], empty, empty.copy(), empty.copy())
    assert sorted_terms == [] and post.tolist() == [] and npos.tolist() == []
