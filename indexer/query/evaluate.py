"""Which passages and statements a query matches, computed with numpy instead of scoring.

Leaves of the query (terms, phrases, expanded prefixes, year ranges, party terms) are read
once into sorted docnum arrays (cached per generation); the boolean structure above them
is then evaluated twice with numpy masks:

* per passage: the passage alone satisfies the query ("strict" passages);
* per statement: the statement as a whole satisfies it — a leaf holds for a statement
  when any of its passages matches the leaf, so "strikes kazakhstan" finds a statement
  with the two words in different passages, and "-kazakhstan" drops any statement that
  mentions Kazakhstan anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from whoosh import query as wq

from indexer.query.postings import EMPTY, phrase_docs, term_postings, term_postings_positions


@dataclass
class Matches:
    """The matches of one query in one generation (independent of facet filters)."""

    statements: np.ndarray  # bool[S]: statements satisfying the query
    strict: np.ndarray  # bool[N]: passages satisfying the query alone
    relaxed: np.ndarray | None  # bool[N]: passages matching any positive text clause
    relaxed_per_statement: np.ndarray | None  # int[S]: relaxed passages per statement
    in_text: np.ndarray | None = None  # bool[N]: passages whose own text matches a clause
    scores: tuple | None = None  # (docs, BM25F sums) of relaxed passages, filled when first needed


class Evaluator:
    """Evaluates queries against one generation with one searcher (one request)."""

    def __init__(self, state, searcher):
        self.state = state
        self.searcher = searcher
        self.reader = searcher.reader()
        self.leaves = self.reader.leaf_readers()

    # -- leaves ------------------------------------------------------------------------

    def to_bytes(self, fieldname: str, text) -> bytes | None:
        if isinstance(text, bytes):
            return text
        try:
            return self.reader._text_to_bytes(fieldname, text)
        except Exception:
            return None

    def postings(self, fieldname: str, btext: bytes) -> tuple[np.ndarray, np.ndarray]:
        """Live docnums (sorted) and weights of a term; cached per generation."""
        key = ("post", fieldname, btext)
        cached = self.state.leaf_cache.get(key)
        if cached is not None:
            return cached
        docs, weights = term_postings(self.leaves, fieldname, btext)
        return self._keep_postings(key, docs, weights)

    def _keep_postings(self, key, docs, weights):
        if len(docs):
            keep = self.state.live[docs]
            if not keep.all():
                docs, weights = docs[keep], weights[keep]
        res = (docs, weights)
        self.state.leaf_cache.put(key, res)
        return res

    def positions(self, fieldname: str, btext: bytes) -> tuple[np.ndarray, np.ndarray]:
        """(pos_docs, positions) of a term, read in the same pass as its postings."""
        key = ("pos", fieldname, btext)
        cached = self.state.leaf_cache.get(key)
        if cached is not None:
            return cached
        docs, weights, pd, pp = term_postings_positions(self.leaves, fieldname, btext)
        if self.state.leaf_cache.get(("post", fieldname, btext)) is None:
            self._keep_postings(("post", fieldname, btext), docs, weights)
        res = (pd, pp)
        self.state.leaf_cache.put(key, res)
        return res

    def leaf_docs(self, q) -> np.ndarray:
        """Sorted live docnums matching a leaf query."""
        if isinstance(q, wq.Term):
            btext = self.to_bytes(q.fieldname, q.text)
            return EMPTY if btext is None else self.postings(q.fieldname, btext)[0]
        key = ("docs", repr(q))
        cached = self.state.leaf_cache.get(key)
        if cached is not None:
            return cached
        docs = self._compute_leaf(q)
        if len(docs):
            docs = docs[self.state.live[docs]]
        self.state.leaf_cache.put(key, docs)
        return docs

    def _terms_union(self, fieldname: str, btexts) -> np.ndarray:
        parts = [self.postings(fieldname, b)[0] for b in btexts]
        parts = [p for p in parts if len(p)]
        if not parts:
            return EMPTY
        return np.unique(np.concatenate(parts)).astype(np.int32)

    def _compute_leaf(self, q) -> np.ndarray:
        state = self.state
        if isinstance(q, wq.NumericRange) and q.fieldname == "year":
            lo = -np.inf if q.start is None else q.start + (1 if q.startexcl else 0)
            hi = np.inf if q.end is None else q.end - (1 if q.endexcl else 0)
            y = state.p_year
            return np.nonzero(state.live & (y > 0) & (y >= lo) & (y <= hi))[0].astype(np.int32)
        if isinstance(q, wq.Every):
            return np.nonzero(state.live)[0].astype(np.int32)
        if isinstance(q, wq.MultiTerm) and not isinstance(q, wq.NumericRange):
            try:
                btexts = list(q._btexts(self.reader))
            except Exception:
                btexts = None
            if btexts is not None:
                return self._terms_union(q.fieldname, btexts)
        if isinstance(q, wq.Phrase):
            btexts = [self.to_bytes(q.fieldname, w) for w in q.words]
            if any(b is None for b in btexts):
                return EMPTY
            common = None
            exact = q.slop == 1 and len(btexts) > 1
            for b in btexts:  # no passage holds the phrase unless it holds every word
                if exact and self.state.leaf_cache.get(("post", q.fieldname, b)) is None:
                    self.positions(q.fieldname, b)  # reads postings and positions in one pass
                d = self.postings(q.fieldname, b)[0]
                common = d if common is None else np.intersect1d(common, d, assume_unique=True)
                if not len(common):
                    return EMPTY
            if len(btexts) == 1:
                return common
            if q.slop == 1:
                words = [self.positions(q.fieldname, b) for b in btexts]
                return phrase_docs(words, common)
        docs = np.fromiter(self.searcher.docs_for_query(q), dtype=np.int32)
        docs.sort()
        return docs

    # -- structure ---------------------------------------------------------------------

    def passage_mask(self, q) -> np.ndarray:
        """bool[N]: passages that satisfy q on their own."""
        st = self.state
        N = st.n_docs
        if q is None or q is wq.NullQuery:
            return np.zeros(N, dtype=bool)
        if isinstance(q, wq.Not):
            return st.live & ~self.passage_mask(q.query)
        if isinstance(q, wq.AndNot):
            return self.passage_mask(q.a) & ~self.passage_mask(q.b)
        if isinstance(q, wq.AndMaybe):
            return self.passage_mask(q.a)
        if isinstance(q, wq.Otherwise):
            a = self.passage_mask(q.a)
            return a if a.any() else self.passage_mask(q.b)
        if isinstance(q, wq.BinaryQuery):  # Require
            return self.passage_mask(q.a) & self.passage_mask(q.b)
        if isinstance(q, wq.And):
            m = st.live.copy()
            for s in q.subqueries:
                m &= self.passage_mask(s)
            return m
        if isinstance(q, (wq.Or, wq.DisjunctionMax)):
            m = np.zeros(N, dtype=bool)
            for s in q.subqueries:
                m |= self.passage_mask(s)
            return m
        if isinstance(q, wq.WrappingQuery):
            return self.passage_mask(q.child)
        m = np.zeros(N, dtype=bool)
        m[self.leaf_docs(q)] = True
        return m

    def statement_mask(self, q) -> np.ndarray:
        """bool[S]: statements that satisfy q taken as a whole."""
        st = self.state
        S = st.n_statements
        if q is None or q is wq.NullQuery:
            return np.zeros(S, dtype=bool)
        if isinstance(q, wq.Not):
            return st.s_live & ~self.statement_mask(q.query)
        if isinstance(q, wq.AndNot):
            return self.statement_mask(q.a) & ~self.statement_mask(q.b)
        if isinstance(q, wq.AndMaybe):
            return self.statement_mask(q.a)
        if isinstance(q, wq.Otherwise):
            a = self.statement_mask(q.a)
            return a if a.any() else self.statement_mask(q.b)
        if isinstance(q, wq.BinaryQuery):
            return self.statement_mask(q.a) & self.statement_mask(q.b)
        if isinstance(q, wq.And):
            m = st.s_live.copy()
            for s in q.subqueries:
                m &= self.statement_mask(s)
            return m
        if isinstance(q, (wq.Or, wq.DisjunctionMax)):
            m = np.zeros(S, dtype=bool)
            for s in q.subqueries:
                m |= self.statement_mask(s)
            return m
        if isinstance(q, wq.WrappingQuery):
            return self.statement_mask(q.child)
        return st.stmt_mask(self.leaf_docs(q))

    # -- whole query -------------------------------------------------------------------

    def matches(self, q, positive: list) -> Matches:
        """Statements, strict passages and relaxed passages of a parsed query."""
        st = self.state
        statements = self.statement_mask(q)
        strict = self.passage_mask(q)
        relaxed = None
        per_stmt = None
        in_text = None
        if positive:
            relaxed = np.zeros(st.n_docs, dtype=bool)
            in_text = np.zeros(st.n_docs, dtype=bool)
            for leaf in positive:
                m = self.passage_mask(leaf)
                relaxed |= m
                if leaf_field(leaf) == "text":
                    in_text |= m
            docs = np.nonzero(relaxed)[0]
            per_stmt = np.bincount(st.p2s_slot[docs], minlength=st.n_statements + 1)[: st.n_statements]
        return Matches(statements, strict, relaxed, per_stmt, in_text)


def leaf_field(q) -> str | None:
    """The field a query clause searches (an Or of one field's terms counts as one)."""
    name = getattr(q, "fieldname", None)
    if name is None and isinstance(q, wq.Or) and q.subqueries:
        names = {getattr(s, "fieldname", None) for s in q.subqueries}
        if len(names) == 1:
            name = names.pop()
    return name
