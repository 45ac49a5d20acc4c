"""Spelling: did-you-mean suggestions and the word lists behind prefix* and fuzzy~ terms.

`Speller` holds one generation's vocabulary (raw lower-case words of the passages, with
counts). Near words are found by edit distance (optimal string alignment: insertions,
deletions, substitutions and swaps of neighbours), computed by rapidfuzz for all
candidates of a similar length at once.

`did_you_mean` rewrites a query's unknown (or, when the query finds little, rare) words
into the most frequent near word and keeps the rewrite only if it finds more.
`auto_correction` is the stricter rewrite a search that found nothing runs at once.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

import numpy as np
from rapidfuzz.distance import OSA
from rapidfuzz.process import cdist

from indexer.query.lexer import FACET_FIELDS, Tok, render
from indexer.query.textutil import STOP_WORDS

MAX_PREFIX_WORDS = 200
FEW_RESULTS = 3
RARE_MAX = 10  # a word seen more often than this is never taken for a misspelling
RARE_RATIO = 5  # a rare known word is replaced only by a word this many times more frequent
AUTO_ONE_TYPO = 5  # automatic correction: one edit for words of 5 letters or more,
AUTO_TWO_TYPOS = 9  # two edits from 9 letters (Meilisearch's default typo tolerance)
_WORD_RE = re.compile(r"^[^\W\d_]+$")


def _max_distance(word: str) -> int:
    return 1 if len(word) <= 4 else 2


class Speller:
    """Nearest vocabulary words by edit distance, and prefix expansion over the vocabulary."""

    def __init__(self, vocabulary: dict[str, int]):
        items = sorted(vocabulary.items())
        self.words: list[str] = [w for w, _ in items]
        self.counts = np.array([c for _, c in items], dtype=np.int64)
        self.count_of = vocabulary
        self._buckets: dict | None = None

    def warm(self) -> None:
        """Build the edit-distance index now rather than on the first misspelling."""
        self._index()

    def __contains__(self, word: str) -> bool:
        return word in self.count_of

    # -- prefixes --------------------------------------------------------------------

    def with_prefix(self, prefix: str, limit: int = MAX_PREFIX_WORDS) -> tuple[list[str], bool]:
        """Vocabulary words starting with prefix, most frequent first; and whether cut."""
        lo = bisect.bisect_left(self.words, prefix)
        hi = bisect.bisect_left(self.words, prefix + "\U0010ffff")
        if hi <= lo:
            return [], False
        counts = self.counts[lo:hi]
        order = np.argsort(-counts, kind="stable")
        cut = len(order) > limit
        return [self.words[lo + int(i)] for i in order[:limit]], cut

    # -- edit distance -----------------------------------------------------------------

    def _index(self):
        if self._buckets is None:
            words = self.words
            lengths = np.array([len(w) for w in words], dtype=np.int64)
            first = np.array([ord(w[0]) if w else 0 for w in words], dtype=np.int32)
            self._buckets = {"lengths": lengths, "first": first, "words": np.array(words, dtype=object)}
        return self._buckets

    def _distances(self, word: str, idx: np.ndarray, maxd: int) -> np.ndarray:
        """OSA distances from word to the vocabulary words idx (values > maxd are capped)."""
        candidates = self._index()["words"][idx].tolist()
        d = cdist([word], candidates, scorer=OSA.distance, score_cutoff=maxd, dtype=np.int32)[0]
        return np.minimum(d, maxd + 1)

    def within(self, word: str, maxd: int | None = None, same_first: bool | None = None,
               min_count: int = 1) -> list[tuple[str, int, int]]:
        """Vocabulary words within maxd edits of word, seen at least min_count times:
        (word, distance, count), best first (fewest edits, same first letter, most frequent).
        """
        word = word.lower()
        if not word or not self.words:
            return []
        maxd = _max_distance(word) if maxd is None else maxd
        b = self._index()
        lens = b["lengths"]
        near_len = np.abs(lens - len(word)) <= maxd
        if min_count > 1:
            near_len &= self.counts >= min_count
        first = b["first"] == ord(word[0])
        out = []
        passes = [first & near_len]
        if same_first is not True:
            passes.append(~first & near_len)
        for mask in passes:
            idx = np.nonzero(mask)[0]
            if not len(idx):
                continue
            d = self._distances(word, idx, maxd)
            ok = np.nonzero(d <= maxd)[0]
            for k in ok:
                w = self.words[int(idx[k])]
                out.append((w, int(d[k]), int(self.counts[idx[k]])))
        out.sort(key=lambda t: (t[1], t[0][0] != word[0], -t[2], t[0]))
        return out

    def correct(self, word: str, min_count: int = 1, maxd: int | None = None,
                same_first: bool | None = None) -> str | None:
        """The best replacement for word (not itself), or None."""
        lower = word.lower()
        found = [t for t in self.within(lower, maxd=maxd, same_first=same_first, min_count=min_count)
                 if t[0] != lower]
        if not found:
            return None
        best_d = found[0][1]
        # among the nearest, the most frequent (same first letter preferred)
        same = [t for t in found if t[1] == best_d]
        return same[0][0]


def _match_case(original: str, word: str) -> str:
    if original.isupper() and len(original) > 1:
        return word.upper()
    if original[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def fixable(t: Tok) -> bool:
    return (
        t.kind in ("word", "phrase")
        and t.field not in FACET_FIELDS
        and not t.fuzzy
        and not t.is_wildcard
    )


def typo_budget(word: str) -> int:
    """Edits an automatic correction may make to a word, as Meilisearch allows typos:
    none below AUTO_ONE_TYPO letters, one up to AUTO_TWO_TYPOS - 1, two from there."""
    if len(word) < AUTO_ONE_TYPO:
        return 0
    return 1 if len(word) < AUTO_TWO_TYPOS else 2


def corrections(tokens: list[Tok], speller: Speller, few: bool, obvious: bool = False) -> list[Tok] | None:
    """Tokens with misspelt words replaced, or None when there is nothing to correct.

    A word is replaced when it is not in the vocabulary; when the query found few results
    (`few`), also when it is rare (seen at most RARE_MAX times) and a near word is
    RARE_RATIO times more frequent. Fielded values,
    wildcards, fuzzy terms and words with digits stay as typed. `obvious` keeps only
    corrections within the word's typo_budget that keep its first letter.
    """
    changed = False
    out: list[Tok] = []
    cache: dict[str, str | None] = {}

    def fix(word: str) -> str | None:
        lower = word.lower()
        if len(lower) < 3 or not _WORD_RE.match(lower) or lower in STOP_WORDS:
            return None
        if lower in cache:
            return cache[lower]
        count = speller.count_of.get(lower, 0)
        res = None
        if count == 0 and obvious:
            budget = typo_budget(lower)
            res = speller.correct(lower, maxd=budget, same_first=True) if budget else None
        elif count == 0:
            res = speller.correct(lower)
        elif few and count <= RARE_MAX:
            res = speller.correct(lower, min_count=count * RARE_RATIO)
        cache[lower] = res
        return res

    for t in tokens:
        if not fixable(t) or t.field not in (None, "title", "text"):
            out.append(t)
            continue
        if t.kind == "word":
            new = fix(t.text)
            if new:
                out.append(replace(t, text=_match_case(t.text, new)))
                changed = True
                continue
            out.append(t)
        else:
            words = t.text.split()
            fixed = []
            for w in words:
                core = w.strip(".,;:!?'\"()")
                new = fix(core) if core else None
                if new:
                    fixed.append(w.replace(core, _match_case(core, new)))
                    changed = True
                else:
                    fixed.append(w)
            out.append(replace(t, text=" ".join(fixed)))
    return out if changed else None


def auto_correction(tokens: list[Tok], speller: Speller, count) -> str | None:
    """The query with its unknown words corrected, each within its typo_budget and keeping
    its first letter, when that finds something: the query a search that found nothing
    runs instead. count(tokens) -> int as below."""
    fixed = corrections(tokens, speller, few=False, obvious=True)
    if fixed is None or count(fixed) <= 0:
        return None
    return render(fixed)


def did_you_mean(tokens: list[Tok], speller: Speller, total: int, count) -> str | None:
    """A corrected query string that finds more than `total`, or None.

    count(tokens) -> int runs the corrected query with the same filters.
    """
    fixed = corrections(tokens, speller, few=total < FEW_RESULTS)
    if fixed is None:
        return None
    better = count(fixed)
    if better > total:
        return render(fixed)
    return None
