"""The text analyzer of every full-text field: words, lower-cased, stop words out, stemmed.

It produces exactly the tokens of Whoosh's `StemmingAnalyzer` (same pattern, stop list,
Porter stemmer and position renumbering), but indexes in one fused loop instead of a chain
of generators, which makes writing the index markedly cheaper. Every other use (query
parsing, highlighting with character offsets, phrases with stop words kept) goes through
the standard Whoosh chain, so queries and highlights behave exactly as Whoosh documents.
"""

from __future__ import annotations

import re

from whoosh.analysis import Analyzer, StemmingAnalyzer, Token
from whoosh.analysis.filters import STOP_WORDS as _WHOOSH_STOPS
from whoosh.analysis.tokenizers import default_pattern
from whoosh.lang.porter import stem

STOP_WORDS = frozenset(_WHOOSH_STOPS)

STEM_CACHE_LIMIT = 200_000
# Whoosh's default token pattern, with its group made non-capturing for findall.
WORD_PATTERN = re.compile(default_pattern.pattern.replace("(\\.", "(?:\\."), default_pattern.flags)


def query_terms(text: str, tokenize: bool = True) -> list[str]:
    """The index terms of a query's word or phrase, as the schema's analyzer reads a query:
    split into words (unless tokenize is False: the text is one term), lower-cased, stop
    words out, stemmed."""
    from indexer.store.schema import ANALYZER

    return [t.text for t in ANALYZER(text, mode="query", tokenize=tokenize, removestops=True)]


class StatementAnalyzer(Analyzer):
    def __init__(self, minsize: int = 1, stoplist=STOP_WORDS):
        self.minsize = minsize
        self.stoplist = frozenset(stoplist)
        self.chain = StemmingAnalyzer(minsize=minsize, stoplist=stoplist, cachesize=50_000)
        self._stems: dict[str, str] = {}

    def __getstate__(self):
        state = dict(self.__dict__)
        state["_stems"] = {}
        return state

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

    def _index_tokens(self, value, positions, start_pos, kwargs):
        t = Token(positions, False, removestops=True, mode="index", **kwargs)
        stops = self.stoplist
        minsize = self.minsize
        stems = self._stems
        if len(stems) > STEM_CACHE_LIMIT:
            stems.clear()
        pos = None
        for i, word in enumerate(WORD_PATTERN.findall(value)):
            word = word.lower()
            if len(word) < minsize or word in stops:
                continue
            s = stems.get(word)
            if s is None:
                s = stems[word] = stem(word)
            t.text = s
            t.boost = 1.0
            t.stopped = False
            if positions:
                pos = start_pos + i if pos is None else pos + 1
                t.pos = pos
            yield t
