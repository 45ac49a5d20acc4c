"""A passage text field's postings gathered for a whole segment and grouped with numpy.

`TextPostings` keeps per passage only its words' term ids (one C-level map through a
cache of each word as written) and, when the segment is flushed, groups all of them at
once: positions, postings in term and document order (`term_order.into_term_order`),
their weights, and their encoded values, byte for byte what `formats.Positions.encode`
makes (a big-endian count, then a pickle of the position deltas at protocol 2),
assembled in one buffer. The pool receives the very postings that
`segment_writer.PositionsIndexer` makes passage by passage, so the segment's files are
Whoosh's own; `tests/test_segment_writer.py` checks them against Whoosh's writer.

It serves a field whose analyzer says how it cuts a text into words and what each word's
index term is (`words`, `index_term`: `tokenizer.StatementAnalyzer`); the positions it
gives are the analyzer's (`term_positions`): a word's place among the words kept, counted
from the first word kept.
"""

from __future__ import annotations

from array import array

import numpy as np

from indexer.store.positions_file import _APPEND, _APPENDS, _K, _M, _OPEN, _STOP, PICKLED_LIST_HEAD
from indexer.store.term_order import into_term_order

STOP = -1  # the id of a word that is no index term
WORD_CACHE_LIMIT = 200_000  # words as written -> term id
CHUNK = 1 << 16  # postings whose values are made at once
_MAX_ITEMS = 1000  # the pickler writes a longer list in batches: left to the format's encoder


class _WordIds(dict):
    """word as written -> the id of its index term, or STOP; filled as words are met."""

    def __init__(self, owner: "TextPostings"):
        super().__init__()
        self.owner = owner

    def __missing__(self, word: str) -> int:
        owner = self.owner
        term = owner.index_term(word)
        if term is None:
            i = STOP
        else:
            i = owner.term_ids.get(term)
            if i is None:
                i = owner.term_ids[term] = len(owner.terms)
                owner.terms.append(term)
        if len(self) > WORD_CACHE_LIMIT:
            self.clear()
        self[word] = i
        return i


def batch_indexer(field):
    """A TextPostings for the field, or None when its analyzer cannot give term ids."""
    analyzer = field.analyzer
    if callable(getattr(analyzer, "words", None)) and callable(getattr(analyzer, "index_term", None)):
        return TextPostings(field)
    return None


class TextPostings:
    """One field's postings of a segment: `add` a passage's text (its field length comes
    back), then `into(terms)` the grouped postings (term bytes -> documents, weights,
    values, as `GroupedPool.field_terms` holds them)."""

    def __init__(self, field):
        self.words = field.analyzer.words
        self.index_term = field.analyzer.index_term
        self.field_boost = field.format.field_boost
        self.encode = field.format.encode
        self.terms: list[str] = []
        self.term_ids: dict[str, int] = {}
        self._word_ids = _WordIds(self)
        self._ids = array("i")  # every word's term id (STOP included), passage after passage
        self._docs = array("I")  # the passages holding a word, in the order added
        self._counts = array("I")  # how many words each of them has

    @property
    def pending(self) -> bool:
        """Whether postings were gathered since the last `into`."""
        return len(self._docs) > 0

    def add(self, value: str, docnum: int) -> int:
        ids = list(map(self._word_ids.__getitem__, self.words(value)))
        if ids:
            self._ids.extend(ids)
            self._docs.append(docnum)
            self._counts.append(len(ids))
        return len(ids) - ids.count(STOP)

    def into(self, terms: dict[bytes, tuple]) -> None:
        """Add the postings gathered so far to `terms` (after any already there: the
        documents added here come after theirs) and start afresh."""
        if self.pending:
            for btext, docs, weights, values in self._grouped():
                group = terms.get(btext)
                if group is None:
                    terms[btext] = (docs, weights, values)
                else:
                    group[0].extend(docs)
                    group[1].extend(weights)
                    group[2].extend(values)
        self._ids, self._docs, self._counts = array("i"), array("I"), array("I")

    def _grouped(self):
        """(term bytes, documents array I, weights array d, values) of every term, in term
        order; documents ascending. Arrays of 32 bits, freed as soon as they are used, and
        the values made a chunk of postings at a time: the flush holds little more than
        the postings themselves."""
        ids = np.frombuffer(self._ids, dtype=np.int32)
        counts = np.frombuffer(self._counts, dtype=np.uint32)
        docnums = np.frombuffer(self._docs, dtype=np.uint32)
        kept = np.flatnonzero(ids != STOP)
        if not len(kept):
            return
        ends = np.cumsum(counts, dtype=np.int64)
        passage = np.searchsorted(ends, kept, side="right").astype(np.int32)  # of each word kept
        local = (kept - (ends - counts)[passage]).astype(np.int32)  # its place among the passage's words
        key = ids[kept]
        del ids, kept, ends
        first = np.ones(len(key), dtype=bool)
        first[1:] = passage[1:] != passage[:-1]
        starts = np.flatnonzero(first).astype(np.int32)
        owner = np.cumsum(first, dtype=np.int32) - 1  # which of the passages with a word kept
        del first
        positions = local[starts][owner] + (np.arange(len(key), dtype=np.int32) - starts[owner])
        del local, starts, owner
        docs = docnums[passage]
        del passage
        # key becomes each word's term rank; post: where each posting's positions start
        sorted_terms, post, npos = into_term_order(self.terms, key, docs, positions)
        post_docs = docs[post]
        post_key = key[post]
        del key, docs
        weights = npos.astype(np.float64) * self.field_boost
        term_start = np.flatnonzero(np.diff(np.append(-1, post_key)))
        term_start = np.append(term_start, len(post))
        term_key = post_key[term_start[:-1]].tolist()
        del post_key
        bounds = term_start.tolist()
        i, nterms = 0, len(term_key)
        while i < nterms:  # a chunk of whole terms, about CHUNK postings
            j = max(i + 1, int(np.searchsorted(term_start, bounds[i] + CHUNK, side="right")) - 1)
            j = min(j, nterms)
            a, b = bounds[i], bounds[j]
            p0 = int(post[a])
            values = self._values(positions[p0:int(post[b - 1] + npos[b - 1])], post[a:b] - p0, npos[a:b])
            for t in range(i, j):
                x, y = bounds[t], bounds[t + 1]
                yield (sorted_terms[term_key[t]], array("I", post_docs[x:y].tobytes()),
                       array("d", weights[x:y].tobytes()), values[x - a:y - a])
            i = j

    def _values(self, positions: np.ndarray, post: np.ndarray, npos: np.ndarray) -> list[bytes]:
        """Each posting's encoded positions (`formats.Positions.encode`): a big-endian
        count, then the pickled list of deltas (the first against 0), each delta one byte
        (K) or two (M); a posting with a longer delta or more than _MAX_ITEMS positions is
        encoded by the format itself."""
        deltas = positions.copy()
        deltas[1:] -= positions[:-1]
        deltas[post] = positions[post]
        n = len(post)
        owner = np.repeat(np.arange(n), npos)
        size = np.where(deltas < 256, 2, 3)  # opcode and its bytes
        odd = (npos > _MAX_ITEMS) | (np.bincount(owner, weights=deltas >= 65536, minlength=n) > 0)
        item_bytes = np.bincount(owner, weights=size, minlength=n).astype(np.int64)
        length = 4 + len(PICKLED_LIST_HEAD) + item_bytes + np.where(npos == 1, 1, 2) + 1
        start = np.zeros(n, dtype=np.int64)
        np.cumsum(length[:-1], out=start[1:])
        buf = np.zeros(int(length.sum()), dtype=np.uint8)
        for k in range(4):  # the count, big-endian
            buf[start + k] = (npos >> (8 * (3 - k))) & 0xFF
        for k, byte in enumerate(PICKLED_LIST_HEAD):
            buf[start + 4 + k] = byte
        many = npos > 1
        buf[start[many] + 4 + len(PICKLED_LIST_HEAD)] = _OPEN
        first_item = start + 4 + len(PICKLED_LIST_HEAD) + many  # after the MARK of a list of several
        within = np.cumsum(size) - size  # bytes of the items before each, from the first posting's
        item_at = np.repeat(first_item, npos) + within - np.repeat(within[post], npos)
        small = deltas < 256
        buf[item_at] = np.where(small, _K, _M)
        buf[item_at + 1] = deltas & 0xFF
        big = np.flatnonzero(~small)
        buf[item_at[big] + 2] = (deltas[big] >> 8) & 0xFF
        end = start + length
        buf[end - 2] = np.where(many, _APPENDS, _APPEND)
        buf[end - 1] = _STOP
        raw = buf.tobytes()
        values = [raw[a:b] for a, b in zip(start.tolist(), end.tolist())]
        if odd.any():
            pos_start = np.cumsum(npos) - npos
            for i in np.flatnonzero(odd).tolist():
                a = int(pos_start[i])
                values[i] = self.encode(positions[a:a + int(npos[i])].tolist())
        return values


__all__ = ["TextPostings", "batch_indexer", "STOP"]
