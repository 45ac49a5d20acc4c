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

from indexer.query.lexer import TITLE_FIELD
from indexer.query.phrases import verified
from indexer.query.positions import (EMPTY, KEY_SHIFT, intersect_sorted, phrase_docs, sloppy_phrase_docs,
                                     surface_phrase_docs, unique_sorted)
from indexer.query.tree import (And, Every, Fuzzy, Not, Or, Phrase, Prefix, Term, Wildcard, YearRange,
                                is_null, leaf_field)

__all__ = ["Evaluator", "Matches", "Partial", "leaf_field"]

COVER_TIERS = 2  # tiers of coverage: every word (2), at least half by weight (1), less (0)
ONE_TEXT_WORDS = 500  # a statement shorter than this (two pages) holds its words as one passage


@dataclass
class Matches:
    """The matches of one query in one generation (independent of facet filters)."""

    statements: np.ndarray  # bool[S]: statements satisfying the query
    strict: np.ndarray  # bool[N]: passages satisfying the query alone
    relaxed: np.ndarray | None  # bool[N]: passages matching any positive text clause
    in_text: np.ndarray | None = None  # bool[N]: passages whose own text matches a clause
    scores: tuple | None = None  # (docs, BM25F sums) of relaxed passages, filled when first needed
    partial: "Partial | None" = None  # what holds some of the words (queries that may be relaxed)


@dataclass
class Partial:
    """Which statements and passages hold which of the query's optional words.

    A passage holds a word when its text or title does, or the heading it stands under.
    Coverage is the sum of the held words' weights (their rarity, idf) over the sum of all
    the words' weights, in tiers (cover_tier): every word; at least half; less. A statement's
    tier is its best passage's: a long speech or manifesto holds most words somewhere, so
    only a passage holding them together makes it a result "holding every word"; a short
    statement (under ONE_TEXT_WORDS: a joint statement, a note) is read as one passage.
    """

    words: list[str]  # the optional words as typed
    weights: np.ndarray  # float[k]: idf of each word over the passages
    stmt_words: np.ndarray  # bool[k, S]
    pass_words: np.ndarray  # bool[k, N]
    statements: np.ndarray  # bool[S]: the required part holds and at least one word
    passages: np.ndarray  # bool[N]: the required part holds in the passage and at least one word
    stmt_cover: np.ndarray  # float[S]: cover tier of each statement (see above)
    pass_cover: np.ndarray  # float[N]: cover_tier of each passage

    def held(self, docs: np.ndarray) -> np.ndarray:
        """float[len(docs)]: the share of the query's weight each passage holds (0 to 1)."""
        return (self.weights @ self.pass_words[:, docs]) / max(float(self.weights.sum()), 1e-9)

    def missing(self, held: np.ndarray) -> list[str]:
        """The words of a bool[k] column that are not held."""
        return [w for w, h in zip(self.words, held.tolist()) if not h]


class Evaluator:
    """Evaluates queries against one generation with one store reader (one request)."""

    def __init__(self, state, reader):
        self.state = state
        self.reader = reader

    # -- leaves ------------------------------------------------------------------------

    def postings(self, fieldname: str, term: str) -> tuple[np.ndarray, np.ndarray]:
        """Live docnums (sorted) and weights of a term; cached per generation."""
        key = ("post", fieldname, term)
        cached = self.state.leaf_cache.get(key)
        if cached is not None:
            return cached
        docs, weights = self.reader.postings(fieldname, term)
        return self._keep_postings(key, docs, weights)

    def _keep_postings(self, key, docs, weights):
        if len(docs):
            keep = self.state.live[docs]
            if not keep.all():
                docs, weights = docs[keep], weights[keep]
        res = (docs, weights)
        self.state.leaf_cache.put(key, res)
        return res

    def positions(self, fieldname: str, term: str) -> tuple[np.ndarray, np.ndarray]:
        """(pos_docs, positions) of a term, read in the same pass as its postings."""
        key = ("pos", fieldname, term)
        cached = self.state.leaf_cache.get(key)
        if cached is not None:
            return cached
        docs, weights, pd, pp = self.reader.postings_positions(fieldname, term)
        if self.state.leaf_cache.get(("post", fieldname, term)) is None:
            self._keep_postings(("post", fieldname, term), docs, weights)
        res = (pd, pp)
        self.state.leaf_cache.put(key, res)
        return res

    def expansion(self, q) -> tuple[str, ...]:
        """The index terms of a Prefix, Fuzzy or Wildcard leaf; cached per generation."""
        if isinstance(q, (Prefix, Fuzzy)) and q.terms:
            return q.terms
        key = ("terms", q)
        cached = self.state.leaf_cache.get(key)
        if cached is not None:
            return cached
        if isinstance(q, Prefix):
            terms = tuple(self.reader.terms_with_prefix(q.field, q.text))
        elif isinstance(q, Wildcard):
            terms = tuple(self.reader.terms_matching(q.field, q.pattern))
        elif isinstance(q, Fuzzy):
            terms = tuple(self.reader.terms_within(q.field, q.text, q.maxdist, prefix=1))
        else:
            terms = ()
        self.state.leaf_cache.put(key, terms)
        return terms

    def leaf_docs(self, q) -> np.ndarray:
        """Sorted live docnums matching a leaf query."""
        if isinstance(q, Term):
            return self.postings(q.field, q.text)[0]
        key = ("docs", q)
        cached = self.state.leaf_cache.get(key)
        if cached is not None:
            return cached
        docs = self._compute_leaf(q)
        if len(docs):
            docs = docs[self.state.live[docs]]
        self.state.leaf_cache.put(key, docs)
        return docs

    def _terms_union(self, fieldname: str, terms) -> np.ndarray:
        parts = [self.postings(fieldname, t)[0] for t in terms]
        parts = [p for p in parts if len(p)]
        if not parts:
            return EMPTY
        return np.unique(np.concatenate(parts)).astype(np.int32)

    def _compute_leaf(self, q) -> np.ndarray:
        state = self.state
        if isinstance(q, YearRange):
            y = state.p_year
            return np.nonzero(state.live & (y > 0) & (y >= q.lo) & (y <= q.hi))[0].astype(np.int32)
        if isinstance(q, Every):
            return np.nonzero(state.live)[0].astype(np.int32)
        if isinstance(q, (Prefix, Fuzzy, Wildcard)):
            return self._terms_union(q.field, self.expansion(q))
        if isinstance(q, Phrase):  # a quoted phrase: as written (phrases.py)
            if q.surface and q.field == TITLE_FIELD:
                return self._title_as_written(q)
            if q.surface:
                found = self._as_written(q)
                if found is not None:
                    return found
            if not q.words:  # stop words alone, in an index without surface words: not by reading every text
                return EMPTY
            docs = self._phrase(q)
            return verified(self.reader, q.field, q.surface, docs) if q.surface else docs
        return EMPTY

    def _title_as_written(self, q: Phrase) -> np.ndarray:
        """The passages whose statement's title holds a quoted phrase as written, found
        among the titles holding its rarest word (title_phrases.py). As for the text, the
        words as written decide: a title "U. S. policy" holds `"U.S. policy"`."""
        st = self.state
        return st.passage_docs_of(st.title_text.find(q.surface, st.s_live))

    def _as_written(self, q: Phrase) -> np.ndarray | None:
        """A quoted phrase found by the positions of its words as written alone: they decide,
        so neither the stems' postings nor their positions are read (a common phrase's
        stems, "united states", hold hundreds of thousands of positions), and a passage
        "U. S. policy" holds `"U.S. policy"`, whose stems are "u.s" and "polici", as its title
        would. None when the words cannot be found by position (positions.by_surface)."""
        return surface_phrase_docs(self.state, self.reader, q.field, q.surface)

    def _every_stem(self, q: Phrase, positions: bool = False) -> np.ndarray:
        """The passages holding every stem of a phrase (its candidates); with `positions`,
        each stem's postings are read with its positions in one pass, for the positional
        step that follows."""
        common = EMPTY
        for k, w in enumerate(q.words):
            if positions and self.state.leaf_cache.get(("post", q.field, w)) is None:
                self.positions(q.field, w)
            d = self.postings(q.field, w)[0]
            common = d if k == 0 else intersect_sorted(common, d)
            if not len(common):
                return EMPTY
        return common

    def _phrase(self, q: Phrase) -> np.ndarray:
        if q.field == TITLE_FIELD and len(q.words) > 1:
            return self._statement_phrase(q)
        common = self._every_stem(q, positions=q.slop == 1 and len(q.words) > 1)
        if len(q.words) <= 1 or not len(common):
            return common
        return _positional([self.positions(q.field, w) for w in q.words], common, q.slop)

    def _statement_phrase(self, q: Phrase) -> np.ndarray:
        """The passages whose statement's title holds the phrase: every passage of a
        statement carries its title, so the phrase is found once per statement, among the
        statements whose title holds every word, and holds on all their passages."""
        st = self.state
        words = [self.statement_positions(q.field, w) for w in q.words]
        stmts = None
        for stmt_of, _ in words:
            held = unique_sorted(stmt_of)
            stmts = held if stmts is None else intersect_sorted(stmts, held)
            if not len(stmts):
                return EMPTY
        held = np.zeros(st.n_statements, dtype=bool)
        held[_positional(words, stmts, q.slop)] = True
        return st.passage_docs_of(held)

    def statement_positions(self, fieldname: str, term: str) -> tuple[np.ndarray, np.ndarray]:
        """(statement ordinals, positions) of a term in a field that every passage of a
        statement holds alike (the title), read on each statement's first passage alone;
        cached per generation (a few kilobytes where the passages' copies take megabytes)."""
        key = ("stmt-pos", fieldname, term)
        cached = self.state.leaf_cache.get(key)
        if cached is not None:
            return cached
        pos_docs, positions = self.reader.positions_in(fieldname, term, self.state.p_first)
        keys = np.unique(self.state.p2s_slot[pos_docs] << KEY_SHIFT | positions)
        res = (keys >> KEY_SHIFT, keys & ((1 << KEY_SHIFT) - 1))
        self.state.leaf_cache.put(key, res)
        return res

    # -- structure ---------------------------------------------------------------------

    def passage_mask(self, q) -> np.ndarray:
        """bool[N]: passages that satisfy q on their own."""
        st = self.state
        N = st.n_docs
        if is_null(q):
            return np.zeros(N, dtype=bool)
        if isinstance(q, Not):
            return st.live & ~self.passage_mask(q.child)
        if isinstance(q, And):
            m = st.live.copy()
            for s in q.children:
                m &= self.passage_mask(s)
            return m
        if isinstance(q, Or):
            m = np.zeros(N, dtype=bool)
            for s in q.children:
                m |= self.passage_mask(s)
            return m
        m = np.zeros(N, dtype=bool)
        m[self.leaf_docs(q)] = True
        return m

    def statement_mask(self, q) -> np.ndarray:
        """bool[S]: statements that satisfy q taken as a whole."""
        st = self.state
        S = st.n_statements
        if is_null(q):
            return np.zeros(S, dtype=bool)
        if isinstance(q, Not):
            return st.s_live & ~self.statement_mask(q.child)
        if isinstance(q, And):
            m = st.s_live.copy()
            for s in q.children:
                m &= self.statement_mask(s)
            return m
        if isinstance(q, Or):
            m = np.zeros(S, dtype=bool)
            for s in q.children:
                m |= self.statement_mask(s)
            return m
        return st.stmt_mask(self.leaf_docs(q))

    # -- whole query -------------------------------------------------------------------

    def matches(self, q, positive: list) -> Matches:
        """Statements, strict passages and relaxed passages of a parsed query."""
        st = self.state
        statements = self.statement_mask(q)
        strict = self.passage_mask(q)
        relaxed = None
        in_text = None
        if positive:
            relaxed = np.zeros(st.n_docs, dtype=bool)
            in_text = np.zeros(st.n_docs, dtype=bool)
            for leaf in positive:
                m = self.passage_mask(leaf)
                relaxed |= m
                if leaf_field(leaf) == "text":
                    in_text |= m
        return Matches(statements, strict, relaxed, in_text)

    def partial(self, optional: list, required) -> Partial:
        """Statements and passages holding some of the optional words (see Partial).

        Coverage is computed over the passages holding some word only (the others cover
        nothing), so its cost follows the matches rather than the size of the index."""
        st = self.state
        k = len(optional)
        pass_words = np.zeros((k, st.n_docs), dtype=bool)
        stmt_words = np.zeros((k, st.n_statements), dtype=bool)
        any_word = np.zeros(st.n_docs, dtype=bool)
        weights = np.zeros(k)
        n = max(1, st.n_passages)
        under, head = st.p_under, st.p_under_head
        for i, (_, q) in enumerate(optional):
            m = self.passage_mask(q)
            df = int(np.count_nonzero(m))
            weights[i] = np.log(n / (df + 1)) + 1 if df else 0.0  # a word no passage holds weighs nothing
            m[under] |= m[head]
            pass_words[i] = m
            any_word |= m
            stmt_words[i] = self.statement_mask(q)
        weights = np.where(weights > 0, np.maximum(weights, 0.01), 0.0)
        req_stmt = st.s_live if required is None or is_null(required) else self.statement_mask(required)
        req_pass = st.live if required is None or is_null(required) else self.passage_mask(required)
        stmt_cover = weights @ stmt_words
        held = np.flatnonzero(any_word)
        held_cover = weights @ pass_words[:, held]
        total = max(float(weights.sum()), 1e-9)
        held_tier = cover_tier(held_cover, total)
        pass_tier = np.zeros(st.n_docs)
        pass_tier[held] = held_tier
        return Partial([w for w, _ in optional], weights, stmt_words, pass_words,
                       req_stmt & (stmt_cover > 0), req_pass & any_word,  # (a held word weighs > 0)
                       statement_tiers(st, held, np.where(req_pass[held], held_tier, 0),
                                       cover_tier(stmt_cover, total)),
                       pass_tier)


def statement_tiers(state, docs: np.ndarray, pass_tier: np.ndarray, whole_tier: np.ndarray) -> np.ndarray:
    """float[S]: the tier of each statement's best passage (pass_tier: the tiers of the
    passages `docs`, the others holding nothing); a short statement's own tier when higher
    (its words scattered over a few paragraphs still make one text)."""
    best = np.zeros(state.n_statements)
    for t in range(1, COVER_TIERS + 1):
        best[state.stmt_mask(docs[pass_tier >= t])] = t
    return np.where(state.s_words < ONE_TEXT_WORDS, np.maximum(best, whole_tier), best)


def cover_tier(cover: np.ndarray, total: float) -> np.ndarray:
    """How much of the query a result holds, in COVER_TIERS steps: COVER_TIERS when it
    holds every word, 0 when it holds less than 1/COVER_TIERS of the words' weight."""
    return np.floor(cover / total * COVER_TIERS + 1e-9)


def _positional(words: list, candidates: np.ndarray, slop: int) -> np.ndarray:
    """The candidates where the words' positions (in `words`' order) stand side by side,
    or within `slop` of each other."""
    return phrase_docs(words, candidates) if slop <= 1 else sloppy_phrase_docs(words, candidates, slop)
