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

from itertools import chain

import numpy as np

from indexer.query.cache import LRUCache
from indexer.query.phrases import _lower_pattern, holds
from indexer.store.surface import is_word, words_of

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
        self.word_chars = _word_chars(self.text)  # bool per character of `text`: a letter or digit
        self.word_index: dict[str, list[int]] = {}  # word as written, lower-cased -> the statements holding it
        for s, title in enumerate(titles):
            for w in set(words_of(title)):  # lower-cased, then cut, as `holds` reads a title
                self.word_index.setdefault(w, []).append(s)

    def find(self, words: tuple[str, ...], live: np.ndarray) -> np.ndarray:
        """bool[S]: the live statements whose title holds the words as written, among those
        whose title holds the rarest of the words (scanned when it is common)."""
        if not all(is_word(w) for w in words):  # lower-casing made a word two: every title
            return self.holding(words, live)
        index = self.word_index
        rarest = min(words, key=lambda w: len(index.get(w, ())))
        candidates = np.zeros(len(self.titles), dtype=bool)
        candidates[index.get(rarest, [])] = True
        return self.holding(words, candidates & live)

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
        spans = np.fromiter(chain.from_iterable(m.span() for m in _lower_pattern(words).finditer(text)),
                            dtype=np.int64)
        if not len(spans):
            return out
        a, b = spans[0::2], spans[1::2]
        first = np.searchsorted(self.starts, a, side="right") - 1  # the title a match starts in
        last = np.searchsorted(self.starts, b - 1, side="right") - 1  # ... and the one it ends in
        clean = (first == last) & ((a == self.starts[first]) | ~self.word_chars[np.maximum(a - 1, 0)])
        out[first[clean]] = True
        for f, g in zip(first[~clean].tolist(), last[~clean].tolist()):
            for s in range(f, g + 1):
                if not out[s]:
                    out[s] = holds(self.titles[s], words)
        return out


def _word_chars(text: str) -> np.ndarray:
    """bool per character of text: whether it is a letter or digit (str.isalnum), from the
    characters' code points: a table for ASCII, each other distinct one asked once."""
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    table = np.array([chr(c).isalnum() for c in range(128)], dtype=bool)
    out = table[np.minimum(codes, 127)]
    wide = codes >= 128
    if wide.any():
        other = np.unique(codes[wide])
        alnum = other[np.fromiter((chr(c).isalnum() for c in other.tolist()), dtype=bool, count=len(other))]
        out[wide] = np.isin(codes[wide], alnum)
    return out
