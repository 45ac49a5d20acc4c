"""Parties named in running text: the registry's names, aliases and acronyms found in a
passage, in order of first mention.

Full names and aliases are one trie regex matched on lower-cased text, with any
apostrophes, dashes or diacritics; acronyms and one-word names a second one matched as
written. `MentionsMixin` is the part of `Registry` that does it.
"""

from __future__ import annotations

import re
import time

from indexer.model import Party
from indexer.registry.names import fold, normalise_name
from indexer.trie_regex import RegexTrie


# --------------------------------------------------------------------------- mention patterns

# Words that alone never make a party name distinctive in running text.
_GENERIC_WORDS = set(
    """
    communist communists party parties workers worker working labour people peoples popular
    socialist socialists socialism front movement union new revolutionary democratic democracy
    progressive unified united left national liberation of and in for a an to way path
    independence alliance federation league congress organisation organization committee
    marxist leninist maoist centre center republic soviet
    partido partito parti partei partij partia partiya partit comunista communiste
    kommunistische kommunistisk kommunistiska komunista komunisticka de del la le les du des di
    dei der die dos do da das
    """.split()
)

# Seconds of compiling patterns for single texts after which the whole patterns are compiled.
SMALL_PATTERN_SECONDS = 1.0

_SEP = r"[\s\-‐‑–—'’.()\[\]/]+"
_GAP = _SEP + r"(?:the" + _SEP + r")?"
_CP = r"(?:communist" + _SEP + r"party|cp)"


def _name_symbols(key: str, letter_classes: dict[str, str]) -> list[str]:
    """Pattern symbols of a normalised name key for the name pass, which runs on
    lower-cased text: words joined by any spaces, dashes or dots (with an optional "the"
    between them), "communist party" also written "cp", a final "s" with an optional
    apostrophe either side ("workers", "worker's", "workers’"), "labour" also "labor",
    and each letter also in the accented forms the registry's names use."""
    words = key.split()
    symbols: list[str] = []

    def letters(text: str) -> list[str]:
        return [letter_classes.get(c, re.escape(c)) for c in text]

    i = 0
    while i < len(words):
        if i > 0:
            symbols.append(_GAP)
        if words[i] == "communist" and i + 1 < len(words) and words[i + 1] == "party":
            symbols.append(_CP)
            i += 2
            continue
        w = words[i]
        if len(w) >= 4 and w.endswith("s"):
            symbols.extend(letters(w[:-1]))
            symbols.append("['’]?s['’]?")
        elif w == "labour":
            symbols.extend(letters("labo"))
            symbols.append("u?r")
        else:
            symbols.extend(letters(w))
        i += 1
    return symbols


def _needed_letters(key: str) -> tuple[str, ...]:
    """Letters that every match of a name key shows, folded: each of its words but
    "communist" and "party" (which "cp" may stand for), a final "s" aside (it may follow an
    apostrophe) and "labour" as "labo" (also "labor")."""
    out = []
    for w in key.split():
        if w in ("communist", "party"):
            continue
        if w == "labour":
            w = "labo"
        elif len(w) >= 4 and w.endswith("s"):
            w = w[:-1]
        out.append(w)
    return tuple(out)


def _letter_classes(forms: list[str]) -> dict[str, str]:
    """For each ASCII letter, a regex class of it and the lower-case accented letters
    that fold to it in `forms` ("e" -> "[eéë]"); letters without variants are left out."""
    variants: dict[str, set[str]] = {}
    for form in forms:
        for ch in form.lower():
            if ch.isascii() or not ch.isalpha():
                continue
            base = fold(ch)
            if len(base) == 1 and base.isascii() and base.isalpha():
                variants.setdefault(base, set()).add(ch)
    return {b: "[" + re.escape(b + "".join(sorted(v))) + "]" for b, v in variants.items()}


class MentionsMixin:
    """Finding registry parties in running text (mixed into `Registry`)."""

    def _mention_parts(self) -> None:
        """The names and word forms the mention patterns are made of (no regex compiled):
        names (case-insensitive, on lower-cased text) and acronyms and one-word names
        (case-sensitive, on the text as written)."""
        if self._mention_keys_ready:
            return
        name_keys: dict[str, str] = {}
        token_forms: dict[str, list[str]] = {}
        all_keys = list(self._keys.items()) + list(self._generated.items())
        for key, ids in all_keys:
            if len(ids) != 1 or key in self._mention_exclude:
                continue
            pid = ids[0]
            if " " in key and self._distinctive_name(key, self._by_id[pid].country):
                name_keys.setdefault(key, pid)
        for party in self._parties:
            for form in self._forms(party):
                form = form.strip()
                if not form or " " in form or form in self._mention_exclude_raw:
                    continue
                if len(form) < 3 or not any(c.isalpha() for c in form):
                    continue
                if form[0].islower():
                    continue
                ids = token_forms.setdefault(form, [])
                if party.id not in ids:
                    ids.append(party.id)
        self._letter_cls = _letter_classes([f for p in self._parties for f in self._forms(p)])
        # Every name starts with a letter or digit, so a word boundary before it is no word
        # character before it: a look-behind, which the scan tries faster than \b.
        self._name_lead = r"(?<!\w)" if all(re.match(r"\w", key) for key in name_keys) else r"\b"
        self._name_keys = name_keys
        self._name_needs = {key: _needed_letters(key) for key in name_keys}
        self._token_forms = token_forms
        self._country_res: dict[str, re.Pattern[str]] = {}
        self._small_patterns: dict[tuple, tuple] = {}
        self._small_seconds = 0.0
        self._mention_keys_ready = True

    def _compile_mentions(self, names, forms) -> tuple[re.Pattern | None, re.Pattern | None]:
        """The name and word-form patterns of these names and forms (None: none to find)."""
        trie = RegexTrie()
        for key in names:
            trie.add(_name_symbols(key, self._letter_cls))
        name_re = re.compile(self._name_lead + trie.pattern({"": r"(?!\w)"})) if names else None
        tok_trie = RegexTrie()
        for form in forms:
            tok_trie.add([re.escape(c) for c in form])
        token_re = re.compile(tok_trie.pattern({"": r"(?!\w)"})) if forms else None
        return name_re, token_re

    def prepare_mentions(self) -> None:
        """Compile the patterns of every name and form now (about a second): what a build
        does once, before its workers fork, rather than single texts' small patterns."""
        if self._mention_ready:
            return
        self._mention_parts()
        self._name_re, self._token_re = self._compile_mentions(self._name_keys, self._token_forms)
        self._mention_ready = True

    def _patterns_for(self, text: str) -> tuple[re.Pattern | None, re.Pattern | None]:
        """The patterns to search `text` with. Until compiling small patterns has cost as
        much as compiling the whole ones would (SMALL_PATTERN_SECONDS), a text is searched
        with patterns of only the names and forms it could hold (a name's letters that any
        match must show, `_needed_letters`, found in the folded text; a form found as
        written): the same matches, as a name or form left out matches nowhere in it. An
        update of a few statements thus compiles no pattern of the whole registry."""
        if self._mention_ready:
            return self._name_re, self._token_re
        self._mention_parts()
        if self._small_seconds > SMALL_PATTERN_SECONDS:
            self.prepare_mentions()
            return self._name_re, self._token_re
        t0 = time.perf_counter()
        folded = fold(text)
        names = tuple(k for k, need in self._name_needs.items() if all(w in folded for w in need))
        forms = tuple(f for f in self._token_forms if f in text)
        got = self._small_patterns.get((names, forms))
        if got is None:
            got = self._small_patterns[(names, forms)] = self._compile_mentions(names, forms)
        self._small_seconds += time.perf_counter() - t0
        return got

    def _distinctive_name(self, key: str, country: str) -> bool:
        """True when a multi-word name can stand for its party in running text: it has a
        word of its own ("Tudeh Party", "Pole of Communist Revival"), or its generic
        words are bound to its country ("Communist Party of Greece", "Greek Communist
        Party"); never a bare generic phrase or "Communist Party (Italy)"."""
        words = key.split()
        own = [w for w in words if w not in _GENERIC_WORDS]
        country_keys = {normalise_name(f) for f in self._country_forms.get(country, [])}
        if not own:
            return False
        rest = [w for w in own if not any(w in ck.split() for ck in country_keys)]
        if rest:
            return True
        padded = f" {key} "
        return any(
            padded.startswith(f" {ck} ") or f" of {ck} " in padded for ck in country_keys if ck
        ) and any(w not in country_keys for w in words)

    def _country_in(self, country: str, text: str) -> bool:
        rx = self._country_res.get(country)
        if rx is None:
            forms = sorted(self._country_forms.get(country, [country]), key=len, reverse=True)
            forms = [f for f in forms if len(f) > 2 or f.isupper()]
            rx = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(f) for f in forms) + r")(?!\w)")
            self._country_res[country] = rx
        return rx.search(text) is not None

    def find_mentions(self, text: str) -> list[Party]:
        """Registry parties named in running text, in order of first mention, each once.

        Full names and aliases match in any case and with any apostrophes, dashes or
        diacritics ("the Communist Party of Greece", "Workers’ Party of Korea"); generic
        phrases ("the communist party", "workers' party") never match. Acronyms and
        one-word names match only as written ("KKE", "AKEL", "Tudeh"): an acronym held by
        several parties ("PCP") counts only when the text names exactly one holder's
        country or the holder by name (or the registry prefers one holder and no other
        holder's country is named); a short acronym that has other common meanings
        ("CPA", "PPP") counts only when the party's country is named too.
        """
        if not text:
            return []
        name_re, token_re = self._patterns_for(text)
        found: dict[str, int] = {}
        for m in (name_re.finditer(text.lower()) if name_re is not None else ()):
            key = normalise_name(m.group(0))
            pid = self._name_keys.get(key)
            if pid is None:
                ids = self.key_ids(key)
                pid = ids[0] if len(ids) == 1 else None
            if pid is not None and pid not in found:
                found[pid] = m.start()
        for m in (token_re.finditer(text) if token_re is not None else ()):
            start = m.start()
            if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-_"):
                continue
            form = m.group(0)
            pid = self._token_party(form, text, found)
            if pid is not None and pid not in found:
                found[pid] = start
        return [self._by_id[pid] for pid, _ in sorted(found.items(), key=lambda kv: kv[1])]

    def _token_party(self, form: str, text: str, found: dict[str, int]) -> str | None:
        ids = self._token_forms.get(form, [])
        if not ids:
            return None
        if len(ids) == 1:
            pid = ids[0]
            if pid in found:
                return pid
            if self._needs_context(form) and not self._country_in(self._by_id[pid].country, text):
                return None
            return pid
        named = [p for p in ids if p in found]
        if len(named) == 1:
            return named[0]
        in_text = [p for p in ids if self._country_in(self._by_id[p].country, text)]
        if len(in_text) == 1:
            return in_text[0]
        pref = self.preferred.get(normalise_name(form))
        if not in_text and pref in ids:
            return pref
        return None

    def _needs_context(self, form: str) -> bool:
        letters = sum(1 for c in form if c.isalnum())
        return letters <= 3 and form not in self._mention_distinctive
