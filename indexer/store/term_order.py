"""A field's word occurrences put into index order: by term (its UTF-8 bytes), then by
document and place, and cut into postings. Shared by the segment's text postings
(text_postings.py) and its surface words (surface.py)."""

from __future__ import annotations

import numpy as np


def into_term_order(terms: list[str], ids: np.ndarray, docs: np.ndarray,
                    positions: np.ndarray) -> tuple[list[bytes], np.ndarray, np.ndarray]:
    """Sort the occurrences (ids[i]: the index in `terms` of occurrence i's term; docs[i],
    positions[i]: its document and place; given in document order) by their term's bytes,
    keeping document and place order within a term. The three arrays are reordered in
    place (no second copy of them is held), each id becoming its term's rank in byte
    order.

    Returns (the terms' bytes in byte order, where each posting (a term in a document)
    starts among the occurrences, and how many places each posting has)."""
    tbytes = [t.encode("utf-8") for t in terms]
    by_bytes = sorted(range(len(tbytes)), key=tbytes.__getitem__)
    rank = np.empty(len(tbytes), dtype=np.int32)
    rank[by_bytes] = np.arange(len(tbytes), dtype=np.int32)
    ids[:] = rank[ids]
    del rank
    order = np.argsort(ids, kind="stable")  # term order; documents and places stay in order
    for a in (ids, docs, positions):
        a[:] = a[order]
    del order
    new = np.ones(len(ids), dtype=bool)
    new[1:] = (ids[1:] != ids[:-1]) | (docs[1:] != docs[:-1])
    post = np.flatnonzero(new)
    del new
    npos = np.diff(np.append(post, len(ids)))
    return [tbytes[i] for i in by_bytes], post, npos


__all__ = ["into_term_order"]
