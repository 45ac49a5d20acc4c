"""The words of each passage's text as written, with their places: for quoted phrases.

A quoted phrase matches the words as typed, stop words included, case aside ("Church of
England", and "council houses" but not "council housing"): the words of the text
lower-cased and cut at anything but letters and digits (`WORD`), side by side. The
stemmed positions of the index cannot tell; reading every candidate passage's stored
text can, but costs about 30 microseconds a passage, and a phrase of one common word and
a stop word ("world that") has tens of thousands of candidates.

So beside the stemmed postings each segment's positions file (positions_file.py) keeps
the text's surface words as a field of their own, `text~surface`: for every word as
written, the passages holding it and its places there, counting every word. A phrase is
then the same intersection of positions as a stemmed one (query/positions.py).
"""

from __future__ import annotations

import re
from collections import defaultdict
from itertools import chain, count

import numpy as np

from indexer.store.term_order import into_term_order

WORD = re.compile(r"[^\W_]+", re.UNICODE)  # letters and digits: what a phrase's words are
SUFFIX = "~surface"


def field_name(field: str) -> str:
    """The positions file's name for a field's surface words."""
    return field + SUFFIX


def words_of(text: str) -> list[str]:
    """The surface words of a text, in order: lower-cased first, then cut (as phrases are
    checked against the lower-cased text)."""
    return WORD.findall(text.lower()) if text else []


def is_word(word: str) -> bool:
    """Whether a phrase's word is one surface word (lower-casing can make a letter two
    characters, one of them no letter: such a phrase is checked against the text)."""
    return WORD.fullmatch(word) is not None


def surface_arrays(texts: list[str]) -> dict[str, np.ndarray]:
    """The positions file's arrays (see positions_file.FieldPostings) of the surface words
    of texts[0..n-1], docnums 0..n-1; every weight 1."""
    vocab: defaultdict[str, int] = defaultdict(count().__next__)  # word -> id, in order of first sight
    word_id = vocab.__getitem__
    parts = [list(map(word_id, words_of(text))) for text in texts]  # no Python step per word
    lens = np.fromiter(map(len, parts), dtype=np.int64, count=len(parts))
    ids = np.fromiter(chain.from_iterable(parts), dtype=np.int32, count=int(lens.sum()))
    del parts
    docs = np.repeat(np.arange(len(texts), dtype=np.int32), lens)
    positions = (np.arange(len(ids), dtype=np.int64) - np.repeat(np.cumsum(lens) - lens, lens))
    sorted_terms, first, npos = into_term_order(list(vocab), ids, docs, positions)
    key = ids  # now each word's term rank, in term order
    term_off = np.zeros(len(sorted_terms) + 1, dtype=np.int64)
    np.cumsum([len(t) for t in sorted_terms], out=term_off[1:])
    bounds = np.arange(len(sorted_terms) + 1)
    small = lambda a: not len(a) or int(a.max()) < 1 << 16  # noqa: E731
    return {
        "terms": np.frombuffer(b"".join(sorted_terms), dtype=np.uint8),
        "term_off": term_off,
        "post_ptr": np.searchsorted(key[first], bounds).astype(np.int64),
        "pos_ptr": np.searchsorted(key, bounds).astype(np.int64),
        "docs": docs[first].astype(np.int32),
        "npos": npos.astype(np.uint16 if small(npos) else np.int32),
        "positions": positions.astype(np.uint16 if small(positions) else np.int32),
        "weight_scale": np.ones(1, dtype=np.float32),
    }
