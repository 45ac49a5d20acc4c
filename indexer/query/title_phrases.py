"""Which statements' titles hold a quoted phrase as written, for every statement at once.

A title phrase is checked against each candidate statement's title (phrases.holds). A
phrase of words most titles hold ("general debate", "this session" over the UN speeches)
has every statement as a candidate, and checking them one by one costs a few
microseconds each, a tenth of a second over 18,000 statements. So the generation keeps
its titles lower-cased in one string, one line each, and a phrase with many candidates is
found by one regular-expression scan of that string; few candidates are still checked
one by one.

The scan finds exactly what `holds` finds title by title: a match that starts inside a
word or runs on into the next line (the words of a phrase may be separated by anything
but letters and digits, a line break too) is not taken; its titles are checked one by
one instead, as a match hidden under it may be one.
"""

from __future__ import annotations

import numpy as np

from indexer.query.cache import LRUCache
from indexer.query.phrases import _lower_pattern, holds

HELD_CACHE_ITEMS = 64  # phrases whose scan is kept (one bool per statement each)
SCAN_SHARE = 64  # scan every title when more than 1/SCAN_SHARE of the statements are candidates


class TitleText:
    """The statements' titles (by ordinal) and the string that holds them, lower-cased."""

    def __init__(self, titles: list[str]):
        self.titles = titles
        low = [t.lower() for t in titles]
        lengths = np.fromiter(map(len, low), dtype=np.int64, count=len(low))
        self.starts = np.zeros(len(low), dtype=np.int64)
        np.cumsum(lengths[:-1] + 1, out=self.starts[1:])
        self.text = "\n".join(low)
        self._held = LRUCache(HELD_CACHE_ITEMS)  # words -> the statements whose title holds them

    def holding(self, words: tuple[str, ...], candidates: np.ndarray) -> np.ndarray:
        """bool[S]: the candidate statements (bool[S]) whose title holds the words as written."""
        cand = np.flatnonzero(candidates)
        out = np.zeros(len(self.titles), dtype=bool)
        if len(cand) * SCAN_SHARE <= len(self.titles):
            for s in cand.tolist():
                out[s] = holds(self.titles[s], words)
            return out
        held = self._held.get(words)
        if held is None:
            held = self._scan(words)
            self._held.put(words, held)
        return held & candidates

    def _scan(self, words: tuple[str, ...]) -> np.ndarray:
        """bool[S]: every statement whose title holds the words as written."""
        out = np.zeros(len(self.titles), dtype=bool)
        text = self.text
        spans = [m.span() for m in _lower_pattern(words).finditer(text)]
        if not spans:
            return out
        a, b = np.asarray(spans, dtype=np.int64).T
        first = np.searchsorted(self.starts, a, side="right") - 1  # the title a match starts in
        last = np.searchsorted(self.starts, b - 1, side="right") - 1  # ... and the one it ends in
        prev = [text[i - 1] if i > 0 else "\n" for i in a.tolist()]
        clean = (first == last) & ((a == self.starts[first]) | ~np.array([c.isalnum() for c in prev], dtype=bool))
        out[first[clean]] = True
        for f, g in zip(first[~clean].tolist(), last[~clean].tolist()):
            for s in range(f, g + 1):
                if not out[s]:
                    out[s] = holds(self.titles[s], words)
        return out
