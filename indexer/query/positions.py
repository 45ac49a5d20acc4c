"""Phrases over word positions, with numpy: which passages hold words in sequence.

Positions come from the store as (pos_docs, positions) pairs per term, or as Runs (one run
of positions per passage holding the term: a common word's positions are then taken for
the candidate passages alone, never all spelled out with their docnums). A position is
packed with its docnum into one int64 key (doc << 24 | position), so a phrase is a few
sorted-array intersections, whatever the number of passages.
"""

from __future__ import annotations

from typing import NamedTuple

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


def intersect_sorted(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The values in both of two sorted arrays without repeats (np.intersect1d with
    assume_unique): merged by a stable sort, which finds the two runs already in order and
    merges them in one pass, where intersect1d sorts their concatenation afresh (2-3 times
    slower on a common word's half a million positions)."""
    if not len(a) or not len(b):
        return a[:0] if len(a) <= len(b) else b[:0]
    both = np.concatenate((a, b))
    both.sort(kind="stable")
    return both[:-1][both[1:] == both[:-1]]


FEW = 8  # candidates this many times fewer than a word's positions are looked up one by one


def run_indexes(starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """The indexes of runs laid end to end: counts[k] indexes from starts[k], for each k."""
    ends = np.cumsum(counts, dtype=np.int64)
    return np.repeat(starts - (ends - counts), counts) + np.arange(int(ends[-1]) if len(ends) else 0)


def among(pos_docs: np.ndarray, positions: np.ndarray, candidates: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The (pos_docs, positions) pairs of the candidate docs (both sorted ascending, as the
    store gives them): a few candidates by binary search of their runs, so a common word's
    positions are not all scanned for them; many by one lookup table (at most one byte per
    document) rather than by sorting."""
    if len(candidates) * FEW < len(pos_docs):
        lo = np.searchsorted(pos_docs, candidates, "left")
        n = np.searchsorted(pos_docs, candidates, "right") - lo
        lo, n = lo[n > 0], n[n > 0]
        idx = run_indexes(lo, n)
        return pos_docs[idx], positions[idx]
    keep = np.isin(pos_docs, candidates, kind="table")  # a table over the candidates' range
    return pos_docs[keep], positions[keep]


class Runs(NamedTuple):
    """A term's positions, one run per passage holding it (as the store keeps them)."""

    docs: np.ndarray  # int32, sorted: the passages holding the term
    npos: np.ndarray  # int32: how many positions each holds
    positions: np.ndarray  # int32, each passage's in order, the passages' runs one after another
    starts: np.ndarray  # int64: where each passage's run starts in `positions`

    @classmethod
    def of(cls, docs: np.ndarray, npos: np.ndarray, positions: np.ndarray) -> "Runs":
        """Runs of the store's arrays, held compact (a common word's are kept per generation)."""
        npos = npos.astype(np.int32, copy=False)
        return cls(docs.astype(np.int32, copy=False), npos, positions.astype(np.int32, copy=False),
                   np.cumsum(npos, dtype=np.int64) - npos)

    def among(self, candidates: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(pos_docs int64, positions int64) of the candidate passages (sorted), as `among`
        gives them, taken from the candidates' runs alone."""
        docs = self.docs
        if not len(docs) or not len(candidates):
            return np.zeros(0, np.int64), np.zeros(0, np.int64)
        if len(candidates) * FEW < len(docs):  # few: each found by binary search
            i = np.searchsorted(docs, candidates)
            i = i[docs[np.minimum(i, len(docs) - 1)] == candidates]
        else:  # many: a lookup table over the candidates' range
            i = np.flatnonzero(np.isin(docs, candidates, kind="table"))
        n = self.npos[i]
        return np.repeat(docs[i].astype(np.int64), n), self.positions[run_indexes(self.starts[i], n)].astype(np.int64)


def _among(word, candidates: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A word's (pos_docs, positions) among the candidates, from Runs or a pair."""
    return word.among(candidates) if isinstance(word, Runs) else among(word[0], word[1], candidates)


def phrase_keys(word, k: int, candidates: np.ndarray) -> np.ndarray:
    """Sorted unique keys (doc, start of phrase) for the k-th word of a phrase (Runs or a
    (pos_docs, positions) pair)."""
    d, p = _among(word, candidates)
    return unique_sorted(d << KEY_SHIFT | (p - k + _OFFSET))


def phrase_docs(word_positions: list, candidates: np.ndarray) -> np.ndarray:
    """Docnums among `candidates` where the words occur at consecutive positions.

    word_positions: Runs or (pos_docs, positions) of each word of the phrase, in order.
    """
    keys = None
    for k, word in enumerate(word_positions):
        kk = phrase_keys(word, k, candidates)
        keys = kk if keys is None else intersect_sorted(keys, kk)
        if not len(keys):
            return EMPTY
    return unique_sorted(keys >> KEY_SHIFT).astype(np.int32)


def sloppy_phrase_docs(word_positions: list, candidates: np.ndarray, slop: int) -> np.ndarray:
    """Docnums among `candidates` where the words occur in order, each 1 to `slop`
    positions after the one before ("trade union"~3 finds "trade and labour union")."""
    ends = None
    for word in word_positions:
        dd, pp = _among(word, candidates)
        kk = unique_sorted(dd << KEY_SHIFT | pp)
        if ends is None:
            ends = kk
        else:
            nxt = [intersect_sorted(ends + gap, kk) for gap in range(1, slop + 1)]
            ends = np.unique(np.concatenate(nxt)) if nxt else EMPTY.astype(np.int64)
        if not len(ends):
            return EMPTY
    return unique_sorted(ends >> KEY_SHIFT).astype(np.int32)


def by_surface(reader, field: str, words: tuple[str, ...]) -> bool:
    """Whether a phrase's words as written can be found by position: the index keeps the
    field's surface words and each of the phrase's words is one of them."""
    return bool(words) and all(is_word(w) for w in words) and reader.has_surface(field)


def surface_phrase_docs(state, reader, field: str, words: tuple[str, ...], candidates: np.ndarray | None = None):
    """Docnums (among `candidates`; None: the passages holding the rarest of the words)
    whose text holds the words as written side by side (see indexer/store/surface.py),
    from the words' surface positions (cached per generation); None when they cannot be
    found so (by_surface)."""
    if not by_surface(reader, field, words):
        return None
    word_positions = []
    for w in words:
        key = ("surface", field, w)
        got = state.leaf_cache.get(key)
        if got is None:
            got = Runs.of(*reader.surface_runs(field, w))
            state.leaf_cache.put(key, got)
        word_positions.append(got)
    if candidates is None:
        candidates = min(word_positions, key=lambda r: len(r.docs)).docs
    return phrase_docs(word_positions, candidates)
