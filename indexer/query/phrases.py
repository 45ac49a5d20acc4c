"""Quoted phrases match the words as written.

The index holds stems and leaves stop words out, so over word positions `"council houses"`
is the stems (council, house) side by side: it would find "council housing" and "council
house", and `"Church of England"` would find "church, England". A quoted phrase therefore
keeps its words as typed (Phrase.surface: every word, stop words included, lower-cased)
and matches where those words stand in that order, case aside, with anything but letters
and digits allowed between them ("council-houses", "Church of England." and "Church
of\nEngland" match). The evaluator finds them by the positions of the words as written
that the index keeps (positions.surface_phrase_docs) among the passages holding every
stem, and a title phrase in the statements' titles (title_phrases.py). This module holds
the matching itself (`holds`, `spans`, which highlighting marks) and `verified`, which
reads each candidate's stored text for an index without the surface words (one read and
one regular-expression search per candidate, about 20 microseconds).
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

from indexer.store.surface import WORD  # letters and digits: what a phrase's words are

_BETWEEN = r"[\W_]+"  # what may stand between two words of a phrase: spaces, punctuation, hyphens


def surface_words(text: str) -> tuple[str, ...]:
    """The words of a phrase as written, lower-cased, stop words included."""
    return tuple(w.lower() for w in WORD.findall(text))


@lru_cache(maxsize=4096)
def pattern(words: tuple[str, ...]) -> re.Pattern:
    """The regular expression of a phrase's words in order, whole words, any case."""
    body = _BETWEEN.join(re.escape(w) for w in words)
    return re.compile(rf"(?<![^\W_]){body}(?![^\W_])", re.IGNORECASE | re.UNICODE)


@lru_cache(maxsize=4096)
def _lower_pattern(words: tuple[str, ...]) -> re.Pattern:
    """The phrase over lower-cased text, starting with its first word's letters (which
    lets the regular-expression engine skip ahead quickly); the word start is checked
    apart (`holds`)."""
    return re.compile(_BETWEEN.join(re.escape(w) for w in words) + r"(?![^\W_])", re.UNICODE)


def holds(text: str, words: tuple[str, ...]) -> bool:
    """Whether text holds the phrase's words as written (case aside); about three times
    faster than searching with `pattern`."""
    low = text.lower()
    rx = _lower_pattern(words)
    m = rx.search(low)
    while m is not None:
        a = m.start()
        if a == 0 or not low[a - 1].isalnum():
            return True
        m = rx.search(low, a + 1)
    return False


def spans(text: str, words: tuple[str, ...]) -> list[tuple[int, int]]:
    """Character spans of the phrase's occurrences in text."""
    if not words or not text:
        return []
    return [m.span() for m in pattern(words).finditer(text)]


def verified(reader, field: str, words: tuple[str, ...], docs: np.ndarray) -> np.ndarray:
    """The docs (sorted docnums) whose text holds the words as written, read from each
    candidate's stored text (for an index without surface words, or a word that is not
    one surface word; titles are checked in title_phrases.py)."""
    if not len(docs):
        return docs
    keep = np.zeros(len(docs), dtype=bool)
    for i, d in enumerate(docs.tolist()):
        keep[i] = holds(reader.stored(d).get(field) or "", words)
    return docs[keep]
