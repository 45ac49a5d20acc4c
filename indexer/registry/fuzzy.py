"""A party name with a small spelling slip, matched to the registry's name (rapidfuzz).

`FuzzyMixin` is the part of `Registry` that does it.
"""

from __future__ import annotations

from rapidfuzz import fuzz

from indexer.registry.names import normalise_name


class FuzzyMixin:
    """The fuzzy fallback of name resolution (mixed into `Registry`)."""

    _FUZZY_STOP = {"of", "and", "in", "for", "de", "del", "la", "the"}

    def _fuzzy(self, name: str, country: str | None, restrict: list[str] | None = None) -> str | None:
        """The party whose name or alias is a small spelling slip away from `name`.

        Only multi-word keys of at least 10 characters take part; every word of the one
        must have a close counterpart in the other (so "New Communist Party of Britain" is
        never "Communist Party of Britain"), a country named in `name` must be the
        party's, and the best match must clearly beat the best other party."""
        key = normalise_name(name)
        if len(key) < 10 or " " not in key:
            return None
        words = key.split()
        named_country = country
        if named_country is None:
            for n in (3, 2, 1):
                for i in range(len(words) - n + 1):
                    c = self._countries.get(" ".join(words[i : i + n]))
                    if c:
                        named_country = c
                        break
                if named_country:
                    break
        pool = set(restrict or self._by_id)
        if named_country:
            pool = {p for p in pool if self._by_id[p].country == named_country}
        scored: dict[str, float] = {}
        for pid, cand in self._fuzzy_keys():
            if pid not in pool:
                continue
            ratio = fuzz.ratio(key, cand, score_cutoff=88) / 100
            if not ratio or not self._words_pair(words, cand.split()):
                continue
            if ratio > scored.get(pid, 0.0):
                scored[pid] = ratio
        if not scored:
            return None
        ranked = sorted(scored.items(), key=lambda kv: -kv[1])
        if len(ranked) > 1 and ranked[0][1] - ranked[1][1] < 0.03:
            return None
        return ranked[0][0]

    def _fuzzy_keys(self) -> list[tuple[str, str]]:
        """(id, key) for every multi-word key of at least 10 characters."""
        if self._fuzzy_cache is None:
            out = []
            for key, ids in list(self._keys.items()) + list(self._generated.items()):
                if len(key) >= 10 and " " in key:
                    out.extend((pid, key) for pid in ids if key not in self._not_aliases[pid])
            self._fuzzy_cache = out
        return self._fuzzy_cache

    def _words_pair(self, a: list[str], b: list[str]) -> bool:
        """True when every content word of each list has a close word in the other, and
        country words agree exactly."""
        def close(w: str, others: list[str]) -> bool:
            if w in others:
                return True
            if self._countries.get(w):
                return False
            return any(
                len(w) > 3 and len(o) > 3 and fuzz.ratio(w, o, score_cutoff=80) for o in others
            )

        a_c = [w for w in a if w not in self._FUZZY_STOP]
        b_c = [w for w in b if w not in self._FUZZY_STOP]
        return all(close(w, b_c) for w in a_c) and all(close(w, a_c) for w in b_c)
