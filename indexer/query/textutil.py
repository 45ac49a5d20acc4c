"""Words as the index sees them: the store's token pattern, stop list and stemmer, for
parsing, highlighting and suggestions."""

from __future__ import annotations

from functools import lru_cache

from indexer.store.tokenizer import STOP_WORDS, WORD_PATTERN as TOKEN_RE, query_terms
from indexer.store.tokenizer import stem as _stem

__all__ = ["STOP_WORDS", "TOKEN_RE", "query_terms", "stem"]


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The index term of one lower-case word ("strikes" -> "strike")."""
    return _stem(word)
