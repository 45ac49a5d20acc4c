"""Phrases over word positions, with numpy: which passages hold words in sequence.

Positions come from the store as (pos_docs, positions) pairs per term. A position is
packed with its docnum into one int64 key (doc << 24 | position), so a phrase is a few
sorted-array intersections, whatever the number of passages.
"""

from __future__ import annotations

import numpy as np

from indexer.store.surface import is_word

EMPTY = np.zeros(0, dtype=np.int32)
KEY_SHIFT = 24  # a (passage, position) pair as one int64: passage << KEY_SHIFT | position
_OFFSET = 1024  # keeps (position - k) positive for the k-th word of a phrase


def unique_sorted(a: np.ndarray) -> np.ndarray:
    """np.unique for arrays that usually arrive sorted already (the store gives a term's
    positions in (doc, position) order): a linear check instead of sorting or hashing."""
    if len(a) < 2:
        return a
    step = a[1:] > a[:-1]
    if step.all():
        return a
    if not (a[1:] >= a[:-1]).all():
        return np.unique(a)
    return a[np.concatenate(([True], step))]


FEW = 8  # candidates this many times fewer than a word's positions are looked up one by one


def among(pos_docs: np.ndarray, positions: np.ndarray, candidates: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The (pos_docs, positions) pairs of the candidate docs (both sorted ascending, as the
    store gives them): a few candidates by binary search of their runs, so a common word's
    positions are not all scanned for them; many by one lookup table (at most one byte per
    document) rather than by sorting."""
    if len(candidates) * FEW < len(pos_docs):
        lo = np.searchsorted(pos_docs, candidates, "left")
        n = np.searchsorted(pos_docs, candidates, "right") - lo
        lo, n = lo[n > 0], n[n > 0]
        idx = np.repeat(lo - (np.cumsum(n) - n), n) + np.arange(int(n.sum()))
        return pos_docs[idx], positions[idx]
    keep = np.isin(pos_docs, candidates, kind="table")  # a table over the candidates' range
    return pos_docs[keep], positions[keep]


def phrase_keys(pos_docs: np.ndarray, positions: np.ndarray, k: int, candidates: np.ndarray) -> np.ndarray:
    """Sorted unique keys (doc, start of phrase) for the k-th word of a phrase."""
    d, p = among(pos_docs, positions, candidates)
    return unique_sorted(d << KEY_SHIFT | (p - k + _OFFSET))


def phrase_docs(word_positions: list[tuple[np.ndarray, np.ndarray]], candidates: np.ndarray) -> np.ndarray:
    """Docnums among `candidates` where the words occur at consecutive positions.

    word_positions: (pos_docs, positions) of each word of the phrase, in order.
    """
    keys = None
    for k, (d, p) in enumerate(word_positions):
        kk = phrase_keys(d, p, k, candidates)
        keys = kk if keys is None else np.intersect1d(keys, kk, assume_unique=True)
        if not len(keys):
            return EMPTY
    return unique_sorted(keys >> KEY_SHIFT).astype(np.int32)


def sloppy_phrase_docs(word_positions: list[tuple[np.ndarray, np.ndarray]], candidates: np.ndarray,
                       slop: int) -> np.ndarray:
    """Docnums among `candidates` where the words occur in order, each 1 to `slop`
    positions after the one before ("trade union"~3 finds "trade and labour union")."""
    ends = None
    for d, p in word_positions:
        dd, pp = among(d, p, candidates)
        kk = unique_sorted(dd << KEY_SHIFT | pp)
        if ends is None:
            ends = kk
        else:
            nxt = [np.intersect1d(ends + gap, kk, assume_unique=True) for gap in range(1, slop + 1)]
            ends = np.unique(np.concatenate(nxt)) if nxt else EMPTY.astype(np.int64)
        if not len(ends):
            return EMPTY
    return unique_sorted(ends >> KEY_SHIFT).astype(np.int32)


def surface_phrase_docs(state, reader, field: str, words: tuple[str, ...], candidates: np.ndarray):
    """Docnums among `candidates` whose text holds the words as written side by side (see
    indexer/store/surface.py), from the words' surface positions (cached per generation);
    None when the index keeps no surface words or a word is not one surface word."""
    if not words or not all(is_word(w) for w in words) or not reader.has_surface(field):
        return None
    word_positions = []
    for w in words:
        key = ("surface", field, w)
        got = state.leaf_cache.get(key)
        if got is None:
            got = reader.surface_positions(field, w)
            state.leaf_cache.put(key, got)
        word_positions.append(got)
    return phrase_docs(word_positions, candidates)
