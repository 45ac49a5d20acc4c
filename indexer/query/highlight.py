"""Marking the query's words in passage text: whole words, HTML-escaped, cut to a window.

The index holds stems, so a passage is tokenised the way the index tokenises it and each
word's stem is compared with the query's: the *whole* word as written is marked
("strikes", never "strike"+"s"). Phrases are marked only where their words follow each
other (stop words in between are skipped, as the index skips them). Everything outside
the <mark> tags is HTML-escaped. A long passage is cut to a window of about
FRAGMENT_CHARS around its densest cluster of matches, at word boundaries, with "…".
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from indexer.query.phrases import spans as phrase_spans
from indexer.query.textutil import STOP_WORDS, TOKEN_RE, stem
from indexer.query.tree import And, Fuzzy, Not, Or, Phrase, Prefix, Term, Wildcard

FRAGMENT_CHARS = 360
_SENTENCE_END = re.compile(r"[.!?;:]\s+")


@dataclass(frozen=True)
class HighlightTerms:
    """What to mark: single stems, stem sequences (phrases) and stem patterns."""

    stems: frozenset = frozenset()
    phrases: tuple = ()
    patterns: tuple = ()
    surfaces: tuple = ()  # quoted phrases' words as written (phrases.py)
    _memo: dict = field(default_factory=dict, compare=False, repr=False)

    def __bool__(self) -> bool:
        return bool(self.stems or self.phrases or self.patterns or self.surfaces)

    def word_matches(self, s: str) -> bool:
        if s in self.stems:
            return True
        return any(p.fullmatch(s) for p in self.patterns)

    def hits(self, word: str) -> bool:
        """Whether a word as written (any case) is to be marked; remembered per word."""
        h = self._memo.get(word)
        if h is None:
            lower = word.lower()
            h = lower not in STOP_WORDS and self.word_matches(stem(lower))
            if len(self._memo) < 100_000:
                self._memo[word] = h
        return h


def terms_from_queries(queries) -> HighlightTerms:
    """Highlight terms from the positive title/text clauses of a query."""
    stems: set[str] = set()
    phrases: list[tuple[str, ...]] = []
    patterns: list[re.Pattern] = []
    surfaces: list[tuple[str, ...]] = []

    def walk(q):
        if isinstance(q, Not):
            return
        if isinstance(q, (And, Or)):
            for s in q.children:
                walk(s)
        elif isinstance(q, Term):
            stems.add(q.text)
        elif isinstance(q, Phrase) and q.surface:
            surfaces.append(q.surface)
        elif isinstance(q, Phrase):
            if q.slop > 1 or len(q.words) < 2:
                stems.update(q.words)
            else:
                phrases.append(tuple(q.words))
        elif isinstance(q, (Prefix, Fuzzy)) and q.terms:
            stems.update(q.terms)
        elif isinstance(q, Prefix):
            patterns.append(re.compile(re.escape(q.text) + ".*", re.DOTALL))
        elif isinstance(q, Wildcard):
            rx = "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in q.pattern)
            patterns.append(re.compile(rx, re.DOTALL))
        elif isinstance(q, Fuzzy):
            stems.add(q.text)

    for q in queries:
        walk(q)
    return HighlightTerms(frozenset(stems), tuple(dict.fromkeys(phrases)), tuple(patterns),
                          tuple(dict.fromkeys(surfaces)))


def _tokens(text: str) -> list[tuple[int, int, str | None]]:
    """(start, end, stem) of each word; stem None for stop words."""
    out = []
    for m in TOKEN_RE.finditer(text):
        w = m.group(0).lower()
        out.append((m.start(), m.end(), None if w in STOP_WORDS else stem(w)))
    return out


def held_spans(text: str, terms: HighlightTerms, held: dict[str, set]) -> list[tuple[int, int]]:
    """The spans of the query's words and phrases, found by word position: `held` maps each
    of the query's stems (terms.stems and the phrases' words) to its positions in this
    text as the index counts them (stop words left out, the first word counting from its
    place among all words), so no word is stemmed here."""
    single = set().union(*(held.get(s, ()) for s in terms.stems)) if terms.stems else set()
    starts = {phrase: {p for p in held.get(phrase[0], ())
                       if all(p + i in held.get(w, ()) for i, w in enumerate(phrase[1:], 1))}
              for phrase in terms.phrases}
    wanted = set(single)
    for phrase, ps in starts.items():
        wanted.update(p + i for p in ps for i in range(len(phrase)))
    if not wanted:
        return []
    last = max(wanted)
    span_at: dict[int, tuple[int, int]] = {}
    pos = None
    stops = STOP_WORDS
    for i, m in enumerate(TOKEN_RE.finditer(text)):
        if m.group().lower() in stops:
            continue
        pos = i if pos is None else pos + 1
        if pos in wanted:
            span_at[pos] = m.span()
            if pos >= last:
                break
    raw = [span_at[p] for p in single if p in span_at]
    for phrase, ps in starts.items():
        n = len(phrase)
        raw += [(span_at[p][0], span_at[p + n - 1][1]) for p in ps if p in span_at and p + n - 1 in span_at]
    return raw


def marked_spans(text: str, terms: HighlightTerms, held: dict[str, set] | None = None) -> list[tuple[int, int]]:
    """Character spans to mark, in order: matching words, and whole phrase occurrences
    (stop words inside them included); spans separated only by spaces are merged.
    With `held` (see held_spans) words and phrases are found by position instead."""
    if not terms or not text:
        return []
    raw: list[tuple[int, int]] = []
    if held is not None and not terms.patterns:
        raw = held_spans(text, terms, held)
    elif terms.stems or terms.patterns:
        hits = terms.hits
        for m in TOKEN_RE.finditer(text):
            if hits(m.group()):
                raw.append(m.span())
    if terms.phrases and (held is None or terms.patterns):
        toks = _tokens(text)
        content = [t for t in toks if t[2] is not None]
        seq = [t[2] for t in content]
        for phrase in terms.phrases:
            n = len(phrase)
            for k in range(len(seq) - n + 1):
                if seq[k] == phrase[0] and tuple(seq[k:k + n]) == phrase:
                    raw.append((content[k][0], content[k + n - 1][1]))
    for words in terms.surfaces:
        raw.extend(phrase_spans(text, words))
    raw.sort()
    spans: list[list[int]] = []
    for a, b in raw:
        if spans and (a <= spans[-1][1] or text[spans[-1][1]:a].isspace()):
            spans[-1][1] = max(spans[-1][1], b)
        else:
            spans.append([a, b])
    return [(a, b) for a, b in spans]


def _window(text: str, spans: list[tuple[int, int]], size: int) -> tuple[int, int]:
    """Start and end of a window of about `size` characters around the densest spans."""
    n = len(text)
    if n <= size:
        return 0, n
    if spans:
        best_i, best_j, best = 0, 0, -1
        j = 0
        for i in range(len(spans)):
            if j < i:
                j = i
            while j + 1 < len(spans) and spans[j + 1][1] - spans[i][0] <= size:
                j += 1
            if j - i > best:
                best_i, best_j, best = i, j, j - i
        cs, ce = spans[best_i][0], spans[best_j][1]
        slack = max(size - (ce - cs), 0)
        a = max(0, cs - slack // 3)
        # start at the sentence holding the first match, when it fits in the window
        lo = max(0, ce - size)
        starts = [m.end() for m in _SENTENCE_END.finditer(text, lo, cs)]
        if starts:
            a = starts[-1] if starts[-1] <= cs else a
        elif lo == 0:
            a = 0
        if a < 40 and ce <= size:
            a = 0
        b = min(n, a + size)
        if b - a < size:
            # near the end: use the room before, from a sentence start if there is one
            a0 = max(0, b - size)
            starts = [m.end() for m in _SENTENCE_END.finditer(text, a0, a)] if a0 else []
            a = starts[0] if starts else a0
    else:
        a, b = 0, size
    # snap to word boundaries: never start or end inside a word
    if a > 0:
        while a < n and (text[a - 1].isalnum() and text[a].isalnum()):
            a += 1
        while a < n and text[a].isspace():
            a += 1
    if b < n:
        while b > a and text[b - 1].isalnum() and text[b].isalnum():
            b -= 1
        while b > a and text[b - 1].isspace():
            b -= 1
    return a, b


def highlight(text: str, terms: HighlightTerms, fragment: int | None = FRAGMENT_CHARS,
              held: dict[str, set] | None = None) -> str:
    """HTML of text with the query's words in <mark>; cut to a fragment unless None.
    `held`: the query's stems' positions in this text, when known (see held_spans)."""
    text = text or ""
    spans = marked_spans(text, terms, held)
    a, b = (0, len(text)) if fragment is None else _window(text, spans, fragment)
    out = []
    if a > 0:
        out.append("…")
    pos = a
    for s, e in spans:
        if e <= a or s >= b:
            continue
        s, e = max(s, a), min(e, b)
        out.append(html.escape(text[pos:s]))
        out.append("<mark>" + html.escape(text[s:e]) + "</mark>")
        pos = e
    out.append(html.escape(text[pos:b]))
    if b < len(text):
        out.append("…")
    return "".join(out)


def escape(text: str) -> str:
    return html.escape(text or "")
