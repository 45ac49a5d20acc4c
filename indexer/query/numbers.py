"""Numbers written in words and in digits as variants of one another, at query time.

A speech says "from 13 separate colonies to 24 united States" and a researcher types
"thirteen colonies"; a manifesto says "twenty-four hours" and the query "24 hours". A query
word that is a whole number from TWO to LAST (in digits or in words) or its ordinal ("13th",
"thirteenth") also finds the other spelling. "one" and "first" are left alone: far more
often a pronoun or an adjective than a count. The words come from num2words, so a
hyphenated number ("twenty-four") is one typed word, searched as the phrase of its words.
"""

from __future__ import annotations

from functools import lru_cache

from num2words import num2words

TWO, LAST = 2, 99


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    """{spelling: its other spelling}, every spelling lower case, both directions."""
    out: dict[str, str] = {}
    for n in range(TWO, LAST + 1):
        for digits, words in ((str(n), num2words(n)),
                              (num2words(n, to="ordinal_num"), num2words(n, to="ordinal"))):
            out[digits] = words
            out[words] = digits
    return out


def number_forms(word: str) -> list[str]:
    """The other spelling of a number word ("13" -> ["thirteen"], "twenty-fourth" ->
    ["24th"]); [] for anything else."""
    other = _table().get(word.lower())
    return [other] if other else []
