"""BM25F scores of passages, computed as Whoosh computes them, with numpy.

Whoosh's BM25F (B=0.75, K1=1.2) scores a term in a field as

    idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * fl / avgfl))
    idf = ln(N / (df + 1)) + 1

with tf the posting weight (term frequency times the field's boost: the title's 3 is in
the postings), fl the passage's field length as stored (one byte, Whoosh's length
encoding), avgfl the field's total length over all documents, N all documents. A query's
score is the sum over its matching clauses (Whoosh sums the scores of Or and And), except
that a phrase standing for one typed word (a synonym's long form, "United Nations" for
"UN"; the parts of "anti-communist") scores the mean of its words: one word's weight. Whoosh
evaluates this one document at a time in Python; here each clause is one vectorised
expression over all its passages, so every matching passage is scored in a few
milliseconds and the ranking needs no cut-off.
"""

from __future__ import annotations

import math

import numpy as np

from indexer.query.lexer import TITLE_FIELD
from indexer.query.tree import Fuzzy, Or, Phrase, Prefix, Term, Wildcard

B = 0.75
K1 = 1.2
BY_STATEMENT_MIN = 4096  # passages from which such a field is scored once per statement


def _sum_by_doc(parts: list[tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray]:
    """Merge (docs, scores) arrays, adding the scores of equal docs."""
    parts = [p for p in parts if len(p[0])]
    if not parts:
        return np.zeros(0, np.int32), np.zeros(0, np.float64)
    if len(parts) == 1:
        return parts[0][0], parts[0][1].astype(np.float64, copy=False)
    docs = np.concatenate([p[0] for p in parts])
    scores = np.concatenate([p[1] for p in parts]).astype(np.float64, copy=False)
    top = int(docs.max()) + 1
    if len(docs) * 8 >= top:  # many: counted over the docnums, the same sums without sorting
        u = np.flatnonzero(np.bincount(docs, minlength=top))
        return u.astype(np.int32), np.bincount(docs, weights=scores, minlength=top)[u]
    u, inv = np.unique(docs, return_inverse=True)
    return u.astype(np.int32), np.bincount(inv, weights=scores, minlength=len(u))


def tf_on(wdocs: np.ndarray, tf: np.ndarray, docs: np.ndarray) -> np.ndarray:
    """A term's weights (tf, on its sorted postings wdocs) on `docs` (sorted), 0 where a
    passage does not hold it."""
    if len(wdocs) == len(docs) and np.array_equal(wdocs, docs):
        return tf
    if not len(wdocs):
        return np.zeros(len(docs), dtype=tf.dtype)
    i = np.minimum(np.searchsorted(wdocs, docs), len(wdocs) - 1)
    return np.where(wdocs[i] == docs, tf[i], 0).astype(tf.dtype, copy=False)


class Scorer:
    """Scores the positive clauses of a query for one request (see module doc)."""

    def __init__(self, state, evaluator):
        self.state = state
        self.ev = evaluator
        self.reader = evaluator.reader
        self.n_all = max(1, state.n_docs)

    def _idf(self, fieldname: str, term: str) -> float:
        df = self.reader.doc_frequency(fieldname, term)
        return math.log(self.n_all / (df + 1)) + 1

    def _bm25(self, fieldname: str, idf: float, docs: np.ndarray, tf: np.ndarray) -> np.ndarray:
        fl = self.state.field_lengths(fieldname)[docs]
        avgfl = self.state.avg_field_length(fieldname)
        return idf * (tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * fl / avgfl))

    def term(self, fieldname: str, text: str, boost: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
        docs, tf = self.ev.postings(fieldname, text)
        if not len(docs):
            return docs, np.zeros(0)
        if not self.state.snapshot.scorable(fieldname):
            return docs, tf.astype(np.float64) * boost
        idf = self._idf(fieldname, text)
        by_statement = self._by_statement(fieldname, docs, lambda d, sel: self._bm25(fieldname, idf, d, tf[sel]))
        if by_statement is not None:
            return docs, boost * by_statement
        return docs, boost * self._bm25(fieldname, idf, docs, tf)

    def phrase(self, q: Phrase) -> tuple[np.ndarray, np.ndarray]:
        docs = self.ev.leaf_docs(q)
        if not len(docs):
            return docs, np.zeros(0)
        total = self._by_statement(q.field, docs, lambda d, sel: self._phrase_words(q, d))
        if total is None:
            total = self._phrase_words(q, docs)
        if not q.surface and q.slop <= 1:  # one word typed (a synonym's long form, a hyphenated
            total = total / len(q.words)  # word): it weighs as one word, not as many
        return docs, total * q.boost

    def _phrase_words(self, q: Phrase, docs: np.ndarray) -> np.ndarray:
        """The sum of the phrase's words' scores on `docs`. A passage matched by the words as
        written may lack a stem (a title "U. S. policy" for `"U.S. policy"`, whose stem is
        "u.s"): that word scores nothing there."""
        total = np.zeros(len(docs)) if q.words else np.ones(len(docs))  # stop words alone: matched or not
        for w in q.words:
            wdocs, tf = self.ev.postings(q.field, w)
            total += self._bm25(q.field, self._idf(q.field, w), docs, tf_on(wdocs, tf, docs))
        return total

    def _by_statement(self, fieldname: str, docs: np.ndarray, score):
        """Scores of passages in a field every passage of a statement holds alike (the
        title, copied onto each): `score` is computed on the first passage of each statement
        and given to all of its passages in `docs`, so a title word held by every passage of
        the index costs one score per statement. None for another field, for few passages,
        or when a statement's first passage is not among `docs`. score(firsts, sel): the
        scores of the first passages, `sel` their places in `docs`."""
        st = self.state
        if fieldname != TITLE_FIELD or len(docs) < BY_STATEMENT_MIN:
            return None
        sel = np.flatnonzero(st.p_first[docs])
        slots = st.p2s_slot[docs]
        seen = np.zeros(st.n_statements + 1, dtype=bool)
        seen[slots] = True
        if len(sel) != np.count_nonzero(seen):
            return None
        per = np.zeros(st.n_statements + 1)
        per[slots[sel]] = score(docs[sel], sel)
        return per[slots]

    def leaf(self, q) -> tuple[np.ndarray, np.ndarray]:
        """(docs, scores) of one clause; cached per generation."""
        key = ("score", q)
        cached = self.state.leaf_cache.get(key)
        if cached is not None:
            return cached
        res = self._leaf(q)
        self.state.leaf_cache.put(key, res)
        return res

    def _leaf(self, q):
        if isinstance(q, Term):
            return self.term(q.field, q.text, q.boost)
        if isinstance(q, Phrase):
            return self.phrase(q)
        if isinstance(q, Or):
            return _sum_by_doc([self.leaf(s) for s in q.children])
        if isinstance(q, (Prefix, Fuzzy, Wildcard)):
            return _sum_by_doc([self.term(q.field, t, q.boost) for t in self.ev.expansion(q)])
        docs = np.nonzero(self.ev.passage_mask(q))[0].astype(np.int32)
        return docs, np.full(len(docs), float(getattr(q, "boost", 1.0)))

    def passages(self, positive: list) -> tuple[np.ndarray, np.ndarray]:
        """Docnums (sorted) of passages matching any positive clause, and their score sums."""
        return _sum_by_doc([self.leaf(q) for q in positive])
