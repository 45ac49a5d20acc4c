"""Reading the values of `party:` and `topic:` (and bare party acronyms) into index ids.

Parties: the party registry's `resolve_query` (indexer.registry) when it is there,
together with the index's own party records (id, name, acronym, aliases; case and
punctuation ignored). When nothing matches exactly, parties whose name or aliases contain
all the words typed are taken ("party:greece" finds the parties with Greece in their name).

Topics: an id, a label, or words of a label ("topic:workers" finds "Labour and workers'
rights"); words are compared by stem.
"""

from __future__ import annotations

import re
import threading
import unicodedata

import numpy as np

from indexer.query.textutil import STOP_WORDS, stem

MAX_WORD_MATCHES = 50
_PUNCT = re.compile(r"[^\w\s]+")
_SPACES = re.compile(r"\s+")
_registry_lock = threading.Lock()
_registry = None  # False when unavailable


def normalise(text: str) -> str:
    """Case-folded, accents kept, punctuation dropped, spaces collapsed."""
    text = unicodedata.normalize("NFKC", str(text)).casefold()
    text = _PUNCT.sub(" ", text.replace("'", "").replace("’", ""))
    return _SPACES.sub(" ", text).strip()


def _words(text: str) -> set[str]:
    return {stem(w) for w in normalise(text).split() if w not in STOP_WORDS}


def _registry_ids(term: str) -> list[str] | None:
    """Ids from the party registry's resolve_query, or None when it is not available."""
    global _registry
    if _registry is False:
        return None
    with _registry_lock:
        if _registry is None:
            try:
                from indexer.registry import Registry

                reg = Registry.default()
                _registry = reg if callable(getattr(reg, "resolve_query", None)) else False
            except Exception:
                _registry = False
        reg = _registry
    if reg is False:
        return None
    try:
        res = reg.resolve_query(term)
    except Exception:
        return None
    return _as_ids(res)


def warm_registry() -> None:
    """Load the party registry now (if it is there), so no query waits for it."""
    _registry_ids("")


def _as_ids(res) -> list[str]:
    if res is None:
        return []
    if isinstance(res, str):
        return [res] if res else []
    if hasattr(res, "id"):
        return [res.id]
    if isinstance(res, dict):
        if "id" in res:
            return [res["id"]]
        res = list(res)
    out: list[str] = []
    try:
        for item in res:
            for pid in _as_ids(item):
                if pid not in out:
                    out.append(pid)
    except TypeError:
        return []
    return out


class Resolver:
    """Party and topic lookups over one index generation's records."""

    def __init__(self, parties: dict[str, dict], topics: dict[str, str],
                 party_totals: np.ndarray, party_index: dict[str, int]):
        self.parties = parties
        self.topics = topics
        self._totals = party_totals
        self._pindex = party_index
        self._by_key: dict[str, list[str]] = {}
        self._acronyms: dict[str, list[str]] = {}
        self._name_words: dict[str, set[str]] = {}
        for pid, rec in parties.items():
            keys = [pid, rec.get("name", ""), rec.get("acronym", ""), *(rec.get("aliases") or [])]
            for k in keys:
                nk = normalise(k) if k else ""
                if nk:
                    ids = self._by_key.setdefault(nk, [])
                    if pid not in ids:
                        ids.append(pid)
            acr = (rec.get("acronym") or "").strip()
            if len(acr) >= 2 and self.signed(pid):
                self._acronyms.setdefault(acr, []).append(pid)
            words = set()
            for k in [rec.get("name", ""), *(rec.get("aliases") or [])]:
                words |= _words(k)
            self._name_words[pid] = words
        self._topic_keys: dict[str, list[str]] = {}
        self._topic_words: dict[str, set[str]] = {}
        for tid, label in topics.items():
            for k in (tid, label):
                self._topic_keys.setdefault(normalise(k), []).append(tid)
            self._topic_words[tid] = _words(label) | _words(tid.replace("_", " ").replace("-", " "))

    def signed(self, party_id: str) -> int:
        """How many statements the party signed in this index."""
        i = self._pindex.get(party_id)
        return int(self._totals[i]) if i is not None and i < len(self._totals) else 0

    # -- parties ---------------------------------------------------------------------

    def parties_for(self, value: str) -> tuple[list[str], bool]:
        """Party ids for a `party:` value, and whether the match was exact.

        Exact: the registry's reading and the index's id/name/acronym/alias records.
        Otherwise: parties whose names contain every word typed (at most 50).
        """
        value = value.strip()
        if not value:
            return [], True
        ids: list[str] = []
        reg = _registry_ids(value)
        for pid in reg or []:
            if pid not in ids:
                ids.append(pid)
        for pid in self._by_key.get(normalise(value), []):
            if pid not in ids:
                ids.append(pid)
        if ids:
            # parties present in the index first
            ids.sort(key=lambda p: -self.signed(p))
            return ids, True
        want = _words(value)
        if not want:
            return [], False
        found = [pid for pid, words in self._name_words.items() if want <= words]
        found.sort(key=lambda p: (-self.signed(p), p))
        return found[:MAX_WORD_MATCHES], False

    def acronym(self, word: str) -> list[str]:
        """Ids of the one party whose acronym is exactly `word` (upper-case typing of a
        mixed-case acronym also counts); [] when no party or several share it."""
        ids = self._acronyms.get(word)
        if ids is None and word.isupper():
            folded = word.casefold()
            ids = [p for acr, ps in self._acronyms.items() if acr.casefold() == folded for p in ps]
        return list(ids) if ids and len(ids) == 1 else []

    # -- topics ----------------------------------------------------------------------

    def topics_for(self, value: str) -> list[str]:
        """Topic ids for a `topic:` value: an id, a label, or words of labels."""
        value = value.strip()
        if not value:
            return []
        exact = self._topic_keys.get(normalise(value))
        if exact:
            return list(dict.fromkeys(exact))
        want = _words(value)
        if not want:
            return []
        return [tid for tid, words in self._topic_words.items() if want <= words]
