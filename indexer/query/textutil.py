"""Words as the index sees them: the same token pattern, stop list and stemmer as the
schema's analyzer (Whoosh's StemmingAnalyzer chain), for highlighting and suggestions.
"""

from __future__ import annotations

import re
from functools import lru_cache

from whoosh.analysis.filters import STOP_WORDS as _WHOOSH_STOPS
from whoosh.analysis.tokenizers import default_pattern
from whoosh.lang.porter import stem as _porter_stem

from indexer.store.schema import ANALYZER

# Whoosh's default token pattern (\w+(\.?\w+)*), with its group made non-capturing.
TOKEN_RE = re.compile(default_pattern.pattern.replace("(\\.", "(?:\\."), default_pattern.flags)
STOP_WORDS = frozenset(getattr(ANALYZER, "stoplist", None) or _WHOOSH_STOPS)


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The index term of one lower-case word ("strikes" -> "strike")."""
    return _porter_stem(word)
