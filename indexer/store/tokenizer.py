"""The text analyzer of every full-text field: words, lower-cased, stop words out, each word
folded to one spelling and stemmed.

A word's index term is `stem(word)`: a number's thousands separators dropped ("300,000" is
"300000"), the British spelling folded to the American (spelling.py: "nationalisation" is
"nationalization", "labour" is "labor"), then the stemmer of stemming.py. The analyzer
indexes in one fused loop (a cache of terms per distinct word) instead of a chain of
generators, which makes writing the index markedly cheaper; every other use (query parsing,
highlighting with character offsets, phrases with stop words kept) goes through a Whoosh
chain of the same steps, and a test checks that both give the same tokens.
"""

from __future__ import annotations

import os
import re

from whoosh.analysis import Analyzer, LowercaseFilter, RegexTokenizer, StopFilter, Token
from whoosh.analysis.filters import STOP_WORDS as _WHOOSH_STOPS
from whoosh.analysis.filters import Filter

from indexer.store.spelling import fold
from indexer.store.stemming import STEMMERS

STOP_WORDS = frozenset(_WHOOSH_STOPS)
# The stemmer and the spelling folding (stemming.py, spelling.py). The environment can
# choose others to measure them (`evaluate`); the same must then be set for build and search.
STEMMER = os.environ.get("STATEMENT_SEARCH_STEMMER") or "dictionary"
FOLD = os.environ.get("STATEMENT_SEARCH_FOLD", "1") != "0"
if STEMMER not in STEMMERS:
    raise ValueError(f"STATEMENT_SEARCH_STEMMER={STEMMER!r}: use one of {', '.join(STEMMERS)}")

STEM_CACHE_LIMIT = 200_000
# A number with thousands separators ("300,000", "1,250,000.50") is one word; otherwise
# Whoosh's default token pattern (letters and digits, with inner dots: "U.S", "3.5").
WORD_PATTERN = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\w+(?:\.?\w+)*", re.UNICODE)
_STOPPED = object()  # a word as written that is no index term (a stop word, too short)


def make_term(stemmer: str = STEMMER, spelling: bool = FOLD):
    """The function from one lower-case word to its index term."""
    stem_word = STEMMERS[stemmer]()

    def term(word: str) -> str:
        if "," in word:
            word = word.replace(",", "")
        return stem_word(fold(word) if spelling else word)

    return term


_TERM = make_term()
_TERMS: dict[str, str] = {}


def stem(word: str) -> str:
    """The index term of one lower-case word ("strikes" -> "strike")."""
    t = _TERMS.get(word)
    if t is None:
        if len(_TERMS) > STEM_CACHE_LIMIT:
            _TERMS.clear()
        t = _TERMS[word] = _TERM(word)
    return t


def query_terms(text: str, tokenize: bool = True) -> list[str]:
    """The index terms of a query's word or phrase, as the schema's analyzer reads a query:
    split into words (unless tokenize is False: the text is one term), lower-cased, stop
    words out, stemmed."""
    from indexer.store.schema import ANALYZER

    return [t.text for t in ANALYZER(text, mode="query", tokenize=tokenize, removestops=True)]


class TermFilter(Filter):
    """Replaces each token's text by its index term (stop words, when kept, as they are)."""

    def __call__(self, tokens):
        for t in tokens:
            if not t.stopped:
                t.text = stem(t.text)
            yield t


class StatementAnalyzer(Analyzer):
    def __init__(self, minsize: int = 1, stoplist=STOP_WORDS):
        self.minsize = minsize
        self.stoplist = frozenset(stoplist)
        self._setup()

    def _setup(self) -> None:
        self._word_terms: dict[str, object] = {}  # word as written -> its term, or _STOPPED
        self.chain = (RegexTokenizer(WORD_PATTERN) | LowercaseFilter()
                      | StopFilter(stoplist=self.stoplist, minsize=self.minsize) | TermFilter())

    def __getstate__(self):
        return {"minsize": self.minsize, "stoplist": self.stoplist}

    def __setstate__(self, state):
        self.minsize = state.get("minsize", 1)
        self.stoplist = frozenset(state.get("stoplist", STOP_WORDS))
        self._setup()

    def __eq__(self, other):
        return (
            isinstance(other, StatementAnalyzer)
            and self.minsize == other.minsize
            and self.stoplist == other.stoplist
        )

    def __hash__(self):
        return hash((self.minsize, len(self.stoplist)))

    def has_morph(self):
        return True

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        if mode == "index" and tokenize and removestops and not chars and not keeporiginal:
            return self._index_tokens(value, positions, start_pos, kwargs)
        return self.chain(value, positions=positions, chars=chars, keeporiginal=keeporiginal,
                          removestops=removestops, start_pos=start_pos, start_char=start_char,
                          tokenize=tokenize, mode=mode, **kwargs)

    def term_positions(self, value: str) -> dict[str, list[int]]:
        """{index term: its positions} of a text, terms in order of first occurrence: what
        the index tokens (`mode="index"`, positions) give, grouped, in one pass over the
        words with a cache of each word as written."""
        words = WORD_PATTERN.findall(value)
        terms = list(map(self._word_terms.get, words))
        if None in terms:  # words not seen before
            for i, t in enumerate(terms):
                if t is None:
                    terms[i] = self._word_term(words[i])
        kept = [t for t in terms if t is not _STOPPED]
        poses: dict[str, list[int]] = {}
        if not kept:
            return poses
        first = 0
        while terms[first] is _STOPPED:
            first += 1
        for pos, t in enumerate(kept, first):
            p = poses.get(t)
            if p is None:
                poses[t] = [pos]
            else:
                p.append(pos)
        return poses

    def words(self, value: str) -> list[str]:
        """The words of a text as written, as the index cuts them (stop words included)."""
        return WORD_PATTERN.findall(value)

    def index_term(self, word: str) -> str | None:
        """The index term of a word as written; None for a stop word or one too short."""
        term = self._word_term(word)
        return None if term is _STOPPED else term

    def _word_term(self, word: str):
        """The index term of a word as written, or _STOPPED (a stop word, too short);
        kept in `_word_terms`."""
        cache = self._word_terms
        term = cache.get(word)
        if term is None:
            if len(cache) > STEM_CACHE_LIMIT:
                cache.clear()
            lower = word.lower()
            stopped = len(lower) < self.minsize or lower in self.stoplist
            term = cache[word] = _STOPPED if stopped else stem(lower)
        return term

    def _index_tokens(self, value, positions, start_pos, kwargs):
        t = Token(positions, False, removestops=True, mode="index", **kwargs)
        word_term = self._word_term
        pos = None
        for i, word in enumerate(WORD_PATTERN.findall(value)):
            s = word_term(word)
            if s is _STOPPED:
                continue
            t.text = s
            t.boost = 1.0
            t.stopped = False
            if positions:
                pos = start_pos + i if pos is None else pos + 1
                t.pos = pos
            yield t
