"""Tag passages and statements with topics from an editable taxonomy.

The taxonomy is a TOML file (``indexer/data/taxonomy.toml``; the environment variable
``STATEMENT_SEARCH_TAXONOMY`` may name another file) with one table per topic::

    [topics.labour]
    label = "Labour and trade unions"        # required
    strong = ["trade union*", "general strike"]  # precise phrases: weight 2 each
    keywords = ["strike*", "wage*"]          # words that need company: weight 1 each
    patterns = ['\\bcop\\s?\\d\\d\\b']           # regular expressions: weight 2 each
    exclude = ['your election']              # regexes: hits inside them do not count
    min_hits = 2                             # weight a passage needs (default 2)
    weight = 1.0                             # multiplies every hit of the topic

Keywords and strong phrases match whole words, case-insensitively. The last word of a
phrase also matches its plural ("union" -> "unions", "monopoly" -> "monopolies",
"tax" -> "taxes"); a trailing ``*`` matches any ending ("privati*" -> "privatisation",
"privatized"). A space in a phrase matches spaces, line breaks or a hyphen; a hyphen
matches a hyphen, a space or nothing ("anti-communis*" -> "anticommunist"); an
apostrophe matches ' or ’ or nothing.

In a passage, the first occurrence of a term adds its weight and each repeat of the same
term half of it. A passage is tagged with a topic when the sum reaches the topic's
``min_hits``: one strong phrase, or two different keywords, or one keyword three times.

A term that matches inside the match of one of its topic's ``exclude`` regexes (looked
for within 200 characters of the hit) does not count: "your election to the presidency"
is no election. Where keyword phrases overlap, the longest match at a position wins
("general strike" counts once, not also as "strike*").

All keywords of all topics are compiled into one regular expression, built as a trie
(shared prefixes are tested once), matched on the lower-cased text; each match is mapped
back to its terms through a dictionary of normalised forms. A pattern that starts with
``\\b`` and a word is run only where the keyword scan saw that word; other patterns only
on passages that contain the literal text they require.

The file's tables and keyword forms are read by `taxonomy_file`; the literals a pattern
requires by `pattern_literals`.
"""

from __future__ import annotations

import math
import os
import re
import tomllib
from collections import defaultdict
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Iterable, Sequence

from indexer.extract.pattern_literals import required_literals, word_start_literals
from indexer.extract.taxonomy_file import (
    ATOM_RE, END, ENV_VAR, KEYWORD_WEIGHT, PACKAGE_FILE, PATTERN_WEIGHT, PREFIX_END,
    REPEAT_FACTOR, STRONG_WEIGHT, TaxonomyError, Topic, compile_regex, form_key, keyword_atoms,
    parse_keyword, topic_from_table,
)
from indexer.trie_regex import RegexTrie


__all__ = ["Taxonomy", "Topic", "TaxonomyError", "ENV_VAR"]

@dataclass(frozen=True)
class _Term:
    topic: int  # index of the topic
    weight: float  # weight of one occurrence, the topic's multiplier included
    term: int  # index of the term, to count repeats

# --------------------------------------------------------------------------------------
# The taxonomy


_DEFAULT_CACHE: dict[str, "Taxonomy"] = {}


class Taxonomy:
    """A loaded taxonomy: topic ids, labels, and the matcher that tags text."""

    # Document topics (see `document_topics`).
    DOC_PASSAGE_SHARE = 0.15  # tagged in this share of the passages ...
    DOC_MIN_PASSAGES = 2  # ... or in this many (whichever is fewer) ...
    DOC_LONG_SHARE = 0.05  # ... but in long documents in at least this share
    DOC_DOMINANT_SHARE = 0.25  # or this share of all topic weight, tagged at least once
    DOC_MIN_WEIGHT_SHARE = 0.03  # never below this share of all topic weight

    def __init__(self, topics: Sequence[Topic], source: str = "<taxonomy>"):
        if not topics:
            raise TaxonomyError(f"{source}: no topics")
        self.source = source
        self.topics: tuple[Topic, ...] = tuple(topics)
        self._index = {t.id: i for i, t in enumerate(self.topics)}
        self._build()

    # ---- construction

    @classmethod
    def loads(cls, text: str, source: str = "<string>") -> "Taxonomy":
        """A taxonomy from TOML text; raises TaxonomyError naming `source` on errors."""
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise TaxonomyError(f"{source}: invalid TOML: {exc}") from None
        tables = data.get("topics")
        if not isinstance(tables, dict) or not tables:
            raise TaxonomyError(f"{source}: no [topics.<id>] tables")
        topics = []
        for topic_id, table in tables.items():
            try:
                topics.append(topic_from_table(topic_id, table))
            except TaxonomyError as exc:
                raise TaxonomyError(f"{source}: {exc}") from None
        try:
            return cls(topics, source)
        except TaxonomyError as exc:
            if str(exc).startswith(source):
                raise
            raise TaxonomyError(f"{source}: {exc}") from None

    @classmethod
    def load(cls, path: str | os.PathLike) -> "Taxonomy":
        """A taxonomy from a TOML file."""
        p = Path(path)
        try:
            text = p.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise TaxonomyError(f"{p}: cannot read the taxonomy: {exc}") from None
        return cls.loads(text, str(p))

    @classmethod
    def default(cls) -> "Taxonomy":
        """The taxonomy in use: the file named by STATEMENT_SEARCH_TAXONOMY if set, else
        the one shipped in the package. Loaded once per path."""
        override = os.environ.get(ENV_VAR, "").strip()
        key = override or "<package>"
        cached = _DEFAULT_CACHE.get(key)
        if cached is None:
            if override:
                cached = cls.load(override)
            else:
                text = resources.files("indexer").joinpath(PACKAGE_FILE).read_text(
                    encoding="utf-8")
                cached = cls.loads(text, "indexer/" + PACKAGE_FILE)
            _DEFAULT_CACHE[key] = cached
        return cached

    def _build(self) -> None:
        trie = RegexTrie(lambda atom: ATOM_RE.get(atom) or re.escape(atom))
        self._terms: list[_Term] = []
        self._exact: dict[str, list[_Term]] = defaultdict(list)
        self._prefix: dict[str, list[_Term]] = defaultdict(list)
        term_no = 0
        for t_index, topic in enumerate(self.topics):
            for words, base in ((topic.keywords, KEYWORD_WEIGHT), (topic.strong, STRONG_WEIGHT)):
                for raw in words:
                    forms, is_prefix = parse_keyword(raw, topic.id)
                    term = _Term(t_index, base * topic.weight, term_no)
                    self._terms.append(term)
                    term_no += 1
                    for form in forms:
                        trie.add(keyword_atoms(form), PREFIX_END if is_prefix else END)
                        table = self._prefix if is_prefix else self._exact
                        entries = table[form_key(form)]
                        same = [k for k, e in enumerate(entries) if e.topic == t_index]
                        if not same:
                            entries.append(term)
                        elif entries[same[0]].weight < term.weight:
                            entries[same[0]] = term  # listed twice: the stronger counts
        self._patterns: list[tuple[tuple[str, ...] | None, re.Pattern, _Term]] = []
        self._triggered: set[int] = set()  # patterns run only when the scan sees a trigger
        for t_index, topic in enumerate(self.topics):
            for pattern in topic.patterns:
                compiled = compile_regex(pattern, topic.id, "patterns")
                term = _Term(t_index, PATTERN_WEIGHT * topic.weight, term_no)
                self._terms.append(term)
                term_no += 1
                k = len(self._patterns)
                triggers = word_start_literals(compiled)
                if triggers:
                    # The pattern's first word, found by the keyword scan, marks the
                    # passages the pattern must run on: a pseudo-topic -(k + 1).
                    self._triggered.add(k)
                    marker = _Term(-(k + 1), 0.0, -1)
                    for word in triggers:
                        trie.add(keyword_atoms(word), PREFIX_END)
                        self._prefix[form_key(word)].append(marker)
                    self._patterns.append((None, compiled, term))
                else:
                    self._patterns.append((required_literals(compiled), compiled, term))
        self._prefix_lengths = sorted({len(k) for k in self._prefix}, reverse=True)
        # "\W(...)" rather than "(?<!\w)(...)": a pattern that starts with a character
        # class lets the regex engine skip to the next non-word character in C. The text
        # gets a leading space so that a keyword can start it.
        self._regex = (re.compile(r"\W(" + trie.pattern({PREFIX_END: r"\w*", END: r"(?!\w)"}) + ")")
                       if trie else None)
        self._match_cache: dict[str, tuple[_Term, ...]] = {}
        self._excludes: dict[int, list[tuple[tuple[str, ...] | None, re.Pattern]]] = {}
        for t_index, topic in enumerate(self.topics):
            if topic.exclude:
                compiled_excludes = [compile_regex(p, topic.id, "exclude") for p in topic.exclude]
                self._excludes[t_index] = [(required_literals(c), c) for c in compiled_excludes]

        # Patterns not started by a word the scan can spot: run where their literals are.
        self._untriggered = [(k, literals) for k, (literals, _, _) in enumerate(self._patterns)
                             if k not in self._triggered]

    # ---- lookup

    def ids(self) -> list[str]:
        """Topic ids in taxonomy order."""
        return [t.id for t in self.topics]

    def label(self, topic_id: str) -> str:
        """The label of a topic id (the id itself if unknown)."""
        i = self._index.get(topic_id)
        return self.topics[i].label if i is not None else topic_id

    def __contains__(self, topic_id: object) -> bool:
        return topic_id in self._index

    def __len__(self) -> int:
        return len(self.topics)

    # ---- tagging

    def _terms_of(self, matched: str) -> tuple[_Term, ...]:
        """The terms (at most one per topic) a matched text stands for."""
        cached = self._match_cache.get(matched)
        if cached is not None:
            return cached
        key = form_key(matched)
        found = list(self._exact.get(key, ()))
        for length in self._prefix_lengths:
            if length <= len(key):
                found.extend(self._prefix.get(key[:length], ()))
        seen: set[int] = set()
        result = tuple(t for t in found if not (t.topic in seen or seen.add(t.topic)))
        if len(self._match_cache) > 100_000:
            self._match_cache.clear()
        self._match_cache[matched] = result
        return result

    def hits(self, text: str) -> dict[str, float]:
        """The weight of each topic found in `text` ({id: weight}, taxonomy order; topics
        without hits left out). See the module docstring for the weighting."""
        if not text:
            return {}
        low = text.lower()
        if len(low) != len(text):  # keep positions aligned ("İ" lower-cases to two chars)
            low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
        counts: dict[int, int] = {}  # term number -> occurrences
        excludes = self._excludes
        guarded: list[tuple[int, int, int]] = []  # (position, term, topic) under an exclude
        starts: list[tuple[int, int]] = []  # (pattern, position of its first word)
        if self._regex is not None:
            cached = self._match_cache.get
            for m in self._regex.finditer(" " + low):
                matched = m.group(1)
                for term in cached(matched) or self._terms_of(matched):
                    topic = term.topic
                    if topic < 0:
                        starts.append((-topic - 1, m.start(1) - 1))  # a pattern's first word
                        continue
                    counts[term.term] = counts.get(term.term, 0) + 1
                    if topic in excludes:
                        guarded.append((m.start(1) - 1, term.term, topic))
        found: list[tuple[int, int]] = []  # (pattern, match position)
        if starts:
            # A triggered pattern can only match where its first word starts.
            last_end: dict[int, int] = {}
            for k, pos in starts:
                if pos < last_end.get(k, 0):
                    continue
                m = self._patterns[k][1].match(text, pos)
                if m:
                    found.append((k, pos))
                    last_end[k] = m.end()
        for k, literals in self._untriggered:
            if literals is None or any(lit in low for lit in literals):
                found.extend((k, m.start()) for m in self._patterns[k][1].finditer(text))
        for k, pos in found:
            term = self._patterns[k][2]
            counts[term.term] = counts.get(term.term, 0) + 1
            if term.topic in excludes:
                guarded.append((pos, term.term, term.topic))
        if not counts:
            return {}
        if guarded:
            self._apply_excludes(text, low, guarded, counts)
        weights: dict[int, float] = {}
        terms = self._terms
        for term_no, n in counts.items():
            if n > 0:
                term = terms[term_no]
                weights[term.topic] = weights.get(term.topic, 0.0) + term.weight * (
                    1.0 + REPEAT_FACTOR * (n - 1))
        return {self.topics[i].id: round(weights[i], 3) for i in sorted(weights)}

    _EXCLUDE_REACH = 200  # an exclude match is looked for this far around a hit

    def _apply_excludes(self, text: str, low: str, guarded: list[tuple[int, int, int]],
                        counts: dict[int, int]) -> None:
        """Take back the hits that fall inside a match of their topic's `exclude` regexes
        (matched on the original text, so an exclude may be case-sensitive)."""
        reach = self._EXCLUDE_REACH
        for topic in {t for _, _, t in guarded}:
            regexes = [r for lits, r in self._excludes[topic]
                       if lits is None or any(lit in low for lit in lits)]
            if not regexes:
                continue
            hits = sorted((pos, term) for pos, term, t in guarded if t == topic)
            windows: list[list[int]] = []
            for pos, _ in hits:
                lo, hi = max(0, pos - reach), pos + reach
                if windows and lo <= windows[-1][1]:
                    windows[-1][1] = hi
                else:
                    windows.append([lo, hi])
            blocked = [m.span() for r in regexes for lo, hi in windows
                       for m in r.finditer(text, lo, hi)]
            for pos, term in hits:
                if counts.get(term, 0) > 0 and any(a <= pos < b for a, b in blocked):
                    counts[term] -= 1

    def tag(self, text: str) -> list[str]:
        """The topics of one passage, in taxonomy order: those whose weight in the
        passage reaches their `min_hits`."""
        return self.tagged(self.hits(text))

    def tagged(self, hits: dict[str, float]) -> list[str]:
        """The topic ids of a `hits` result that reach their `min_hits`."""
        out = []
        for topic_id, weight in hits.items():
            i = self._index.get(topic_id)
            if i is not None and weight >= self.topics[i].min_hits - 1e-9:
                out.append(topic_id)
        return sorted(out, key=self._index.__getitem__)

    def document_topics(self, passages: Iterable[str] | Iterable[dict[str, float]]) -> list[str]:
        """The topics that carry weight across a document, in taxonomy order.

        `passages` are the passage texts, or their `hits` results. A topic qualifies when
        (a) it tags at least `required` passages, where required is the smaller of 15%
            of the passages and 2 (but at least 5% of them in long documents, and at
            least 1), and it has at least 3% of all topic weight; or
        (b) it tags a passage and has at least 25% of all topic weight; or
        (c) it is mentioned in at least twice `required` passages with a total weight of
            at least twice its `min_hits` (many passing mentions).
        """
        per_passage = [p if isinstance(p, dict) else self.hits(p) for p in passages]
        n = len(per_passage)
        if n == 0:
            return []
        total: dict[str, float] = defaultdict(float)
        tagged: dict[str, int] = defaultdict(int)
        present: dict[str, int] = defaultdict(int)
        for hits in per_passage:
            for topic_id, weight in hits.items():
                if topic_id not in self._index or weight <= 0:
                    continue
                total[topic_id] += weight
                present[topic_id] += 1
            for topic_id in self.tagged(hits):
                tagged[topic_id] += 1
        grand = sum(total.values())
        if grand <= 0:
            return []
        required = max(1, min(math.ceil(self.DOC_PASSAGE_SHARE * n), self.DOC_MIN_PASSAGES),
                       math.ceil(self.DOC_LONG_SHARE * n))
        out = []
        for topic in self.topics:
            weight = total.get(topic.id, 0.0)
            if weight <= 0:
                continue
            share = weight / grand
            n_tagged = tagged.get(topic.id, 0)
            if ((n_tagged >= required and share >= self.DOC_MIN_WEIGHT_SHARE)
                    or (n_tagged >= 1 and share >= self.DOC_DOMINANT_SHARE)
                    or (present.get(topic.id, 0) >= 2 * required
                        and weight >= 2 * topic.min_hits
                        and share >= self.DOC_MIN_WEIGHT_SHARE)):
                out.append(topic.id)
        return out
