"""Stemmers the analyzer can use, by name: each maps one lower-case word to its index term.

    porter     Whoosh's Porter stemmer (the analyzer's stemmer until measured otherwise)
    lemma      simplemma's English lemmatizer (a dictionary of word forms it ships)
    light      an s-stemmer: plural -s, -es, -ies only
    dictionary the lemma, then derivational suffixes stripped when a dictionary word is left

Porter (and Snowball, "Porter 2") strip derivational suffixes and so merge different words
("privatization" and "privately" are both "privat"; "organization" and "organic" both
"organ"; "nationalization" is "nation"). A lemmatizer maps inflections to their lemma
("strikes" -> "strike", "workers" -> "worker", "houses" -> "house") and leaves derived
words apart; `dictionary` joins a derived word to its root only when the root is a word.
The analyzer uses `dictionary`, chosen by measurement on the known-item queries of
benchmarks/relevance/ (the README gives the scores of each).
"""

from __future__ import annotations

from collections.abc import Callable


def porter() -> Callable[[str], str]:
    from whoosh.lang.porter import stem

    return stem


def lemma() -> Callable[[str], str]:
    from simplemma import is_known, lemmatize

    plural = light()

    def stem(word: str) -> str:
        if not word.isalpha():
            return word
        out = lemmatize(word, lang="en").lower()
        if out == word and word not in NOT_PLURALS:
            # a plural the dictionary keeps ("americans"): the singular, if it is a word
            single = plural(word)
            if single != word and (is_known(single, lang="en") or not is_known(word, lang="en")):
                return single
        # a lemma of another root ("better" -> "good", "ran" -> "run") is another word here
        return out if out.isalpha() and out[:3] == word[:3] else word

    return stem


# Words ending in -s whose singular is another word.
NOT_PLURALS = frozenset("news politics economics physics mathematics ethics series species means "
                        "always perhaps whereas sometimes".split())

# Derivational suffixes a dictionary stemmer may strip, tried in order: (suffix, replacement).
DERIVATIONS = (("ization", "ize"), ("ation", "ate"), ("ation", ""), ("ional", "ion"), ("ion", ""),
               ("ness", ""))
MIN_DERIVED_STEM = 5  # letters of what is left ("repress-ion", never "mill-ion")


def dictionary() -> Callable[[str], str]:
    """Krovetz's idea with simplemma's dictionary: the lemma, then a derivational suffix
    stripped only when what is left is itself a dictionary word ("insulation" ->
    "insulate", "repression" -> "repress", "regional" -> "region", "nationalization" ->
    "nationalize"; never "nation", "privat" or "organ")."""
    from simplemma import is_known

    base = lemma()

    def stem(word: str) -> str:
        w = base(word)
        if not w.isalpha():
            return w
        for suffix, repl in DERIVATIONS:
            if w.endswith(suffix):
                cand = w[: -len(suffix)] + repl
                if len(cand) >= MIN_DERIVED_STEM and is_known(cand, lang="en"):
                    return cand
        return w

    return stem


def light() -> Callable[[str], str]:
    def stem(word: str) -> str:
        n = len(word)
        if n > 3 and word.endswith("ies") and not word.endswith(("eies", "aies")):
            return word[:-3] + "y"
        if n > 3 and word.endswith("es") and not word.endswith(("aes", "ees", "oes")):
            return word[:-1]
        if n > 3 and word.endswith("s") and not word.endswith(("us", "ss", "is")):
            return word[:-1]
        return word

    return stem


STEMMERS: dict[str, Callable[[], Callable[[str], str]]] = {
    "porter": porter, "lemma": lemma, "light": light, "dictionary": dictionary,
}
