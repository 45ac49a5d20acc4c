"""The leaves of a query tree that need the index: facet values, prefix and fuzzy words.

`ParseContext` resolves party:/topic:/year:/mentioned: values against the generation's
parties and topics (saying what it understood), and expands prefixes and fuzzy words.

Prefixes and fuzzy terms are expanded against the index vocabulary of *unstemmed* words
and then stemmed, because the index holds stems: "nations*" finds "nations", "nationalism"
(not only stems that happen to start with "nations"), "solidarty~" finds "solidarity"
(whose stem "solidar" is two edits from the stem of "solidarty").
"""

from __future__ import annotations

import re

from indexer.query.params import MAX_YEAR, MIN_YEAR, QueryError, parse_year_value
from indexer.query.suggest import MAX_PREFIX_WORDS
from indexer.query.textutil import STOP_WORDS, stem
from indexer.query.tree import NULL, Fuzzy, Node, Prefix, Term, YearRange, terms_of

MAX_INDEX_PREFIX_TERMS = 200
_YEAR_CMP = re.compile(r"^(>=|=>|<=|=<|>|<)\s*(\d{1,4})$")


class ParseContext:
    """What parsing needs from the index generation: parties, topics, vocabulary, terms."""

    def __init__(self, state, reader):
        self.state = state
        self.reader = reader
        self.messages: list[str] = []

    def note(self, msg: str) -> None:
        if msg not in self.messages:
            self.messages.append(msg)

    # -- facet values ----------------------------------------------------------------

    def facet_query(self, fieldname: str, value: str, ids: list[str] | None = None) -> Node:
        fieldname = fieldname.lower()
        if fieldname == "year":
            return self._year_query(value)
        if fieldname in ("party", "mentioned"):
            return self._party_query(fieldname, value, ids)
        if fieldname == "topic":
            return self._topic_query(value)
        return NULL

    def _party_query(self, fieldname: str, value: str, ids: list[str] | None) -> Node:
        state = self.state
        if ids is None:
            ids, exact = state.resolver.parties_for(value)
            labels = [state.party_label(p) for p in ids]
            if not ids:
                self.note(f"No party known as '{value}': {fieldname}:{value} matches nothing.")
                return Term(fieldname, value)
            if not exact:
                shown = "; ".join(labels[:5]) + ("; …" if len(labels) > 5 else "")
                self.note(f"{fieldname}:{value} matched {len(ids)} part{'y' if len(ids) == 1 else 'ies'} "
                          f"by name: {shown}.")
            elif len(ids) > 1:
                self.note(f"{fieldname}:{value} is shared by {len(ids)} parties: " + "; ".join(labels[:5]) + ".")
            if fieldname == "party" and not any(state.resolver.signed(p) for p in ids):
                self.note(f"{labels[0] if len(ids) == 1 else fieldname + ':' + value} signed no "
                          f"statement in this index.")
        else:
            if ids:
                self.note(f"{value} also finds statements signed by {state.party_label(ids[0])}.")
        return terms_of(fieldname, ids)

    def _topic_query(self, value: str) -> Node:
        ids = self.state.resolver.topics_for(value)
        if not ids:
            self.note(f"No topic known as '{value}': topic:{value} matches nothing.")
            return Term("topic", value)
        if len(ids) > 1 or ids[0].casefold() != value.strip().casefold():
            labels = "; ".join(self.state.topic_label(t) for t in ids[:5])
            self.note(f"topic:{value} read as {labels}.")
        return terms_of("topic", ids)

    def _year_query(self, value: str) -> Node:
        v = value.strip()
        m = _YEAR_CMP.match(v)
        try:
            if m:
                op, y = m.group(1), int(m.group(2))
                lo, hi = {
                    ">": (y + 1, MAX_YEAR), ">=": (y, MAX_YEAR), "=>": (y, MAX_YEAR),
                    "<": (MIN_YEAR, y - 1), "<=": (MIN_YEAR, y), "=<": (MIN_YEAR, y),
                }[op]
            else:
                span = parse_year_value(v)
                lo, hi = span.lo, span.hi
        except QueryError:
            self.note(f"year:{value} is not a year or a range (year:2017, year:2015-2020); ignored it.")
            return NULL
        return YearRange(lo, hi)  # lo > hi: a range no year is in

    # -- expansions --------------------------------------------------------------------

    def prefix_query(self, fieldname: str, prefix: str, boost: float) -> Node:
        """Terms of the words starting with prefix: vocabulary words stemmed, plus index
        terms starting with the prefix (words seen once are not in the vocabulary)."""
        prefix = prefix.lower()
        words, cut = self.state.speller.with_prefix(prefix, MAX_PREFIX_WORDS)
        terms = list(dict.fromkeys(stem(w) for w in words))
        seen = set(terms)
        extra = []
        try:
            for t in self.reader.terms_with_prefix(fieldname, prefix):
                if t not in seen:
                    extra.append(t)
                    seen.add(t)
                    if len(extra) > MAX_INDEX_PREFIX_TERMS * 5:
                        break
        except Exception:
            extra = []
        if len(extra) > MAX_INDEX_PREFIX_TERMS:
            extra.sort(key=lambda t: -self.reader.doc_frequency(fieldname, t))
            extra = extra[:MAX_INDEX_PREFIX_TERMS]
            cut = True
        terms += extra
        if cut:
            self.note(f"'{prefix}*' matches very many words; searched for the most frequent of them.")
        if not terms:
            return Term(fieldname, prefix, boost=boost)
        return Prefix(fieldname, prefix, tuple(terms), boost=boost)

    def fuzzy_query(self, fieldname: str, word: str, maxdist: int, boost: float) -> Node:
        """Terms of the vocabulary words within maxdist edits of word (and the word itself).

        Words seen only once are not in the vocabulary; when it offers nothing near, the
        index's own terms near the word's stem are used instead.
        """
        lower = word.lower()
        found = self.state.speller.within(lower, maxdist)
        terms = [stem(lower)] if lower not in STOP_WORDS else []
        for w, _, _ in found:
            s = stem(w)
            if s not in terms:
                terms.append(s)
        if not found and lower not in STOP_WORDS and len(lower) > maxdist + 1:
            for t in self._index_terms_within(fieldname, stem(lower), maxdist):
                if t not in terms:
                    terms.append(t)
        if not terms:
            return NULL
        return Fuzzy(fieldname, word, maxdist, tuple(terms), boost=boost)

    def _index_terms_within(self, fieldname: str, text: str, maxdist: int) -> list[str]:
        """Index terms of a field within maxdist edits of text (same first letter)."""
        try:
            return self.reader.terms_within(fieldname, text, maxdist, prefix=1)
        except Exception:
            return []
