"""Find the date of a statement in its text.

The date of a statement is when it was issued, not the date of an event it discusses.
`find_date` reads a bounded window of the document (the first 40 and the last 20
non-empty lines, within character budgets) and ranks every date written there:

1. ``html_meta["date"]`` (the page's published-time meta) wins when it parses.
2. A dateline: a short line that is mostly a date, alone or as "Place, date",
   "Publisher, date", "Source: …, date", "Posted on date", "date, Place". Among the
   first or the last five non-empty lines it ranks highest (100); elsewhere in the
   window 70. A lead dateline at the top ("ATHENS, 12.04.2020 – The party …") ranks 95.
3. A date tied to a publication verb ("issued", "adopted", "signed", "published", …) in
   a sentence that names the statement itself ("statement", "declaration", "appeal", …),
   in the first or last three paragraphs, ranks 90. Dates in running prose without such
   a tie are events ("in December 2011, when the police fired") and are never taken.
4. Page chrome is ignored: "Last updated …", "Modified …", "Retrieved …", "© 2023",
   "Copyright 2010-2023". "Posted on …" is the publication date and counts.

Ties go to the date nearer the top.

A day and month without a year ("issued January 18") take their year from:

a. a present-time phrase in the text ("At the beginning of 2022", "today, in 2022", "so
   far in 2022", "this year, 2022"), provided no year mentioned in the window is later
   (a statement cannot discuss events after it was issued);
b. otherwise the latest dated event of the text, when the day and month fall within
   three months after it ("On 17 January 2022 …, issued January 18" -> 2022; "December
   2011" + "issued January 18" -> 2012), again only if no later year is mentioned.

Years after "by", "until", "before" … and in "2030 Agenda" are targets and do not count.
Otherwise the year stays unknown: no year is better than a wrong one.

When no full date is found, the year alone comes from a dateline or publication-verb
"Month Year" ("May 2017"), and failing that from a present-time phrase under rule (a).

Numeric dates are day-first ("05/07/2023" is 5 July) unless that is impossible
("12/25/2020" is 25 December); year-first dates ("2020-04-12") are year-month-day.
Month names are read in English, Spanish, Portuguese, French, German, Italian, Greek
(script and transliteration) and Russian.

Reading one date string is `date_parse`; datelines are `datelines`; the year of a date
written without one is `date_years`.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field

from indexer.extract.date_parse import (
    ANCHOR_YEAR_RE, DIGIT_RE, MONTHS, dates_in, iso_date, parse_date_string, year_of,
)
from indexer.extract.date_window import EDGE_LINES, FoundDate, WindowLine, read_window, sentence_around
from indexer.extract.date_years import YearHints, infer_year, present_year, year_hints
from indexer.extract.datelines import (
    CHROME_RE, DATELINE_MAX, SOURCE_LINE_RE, dateline_source, is_dateline, is_name_like, strip_weekday,
)

__all__ = ["DateInfo", "find_date", "parse_date_string", "year_of", "is_dateline", "MONTHS"]


@dataclass(frozen=True)
class DateInfo:
    """The date of a statement: ISO date (or None), year (or None), dateline source."""

    date: str | None = None
    year: int | None = None
    source_line: str | None = None
    how: str | None = field(default=None, compare=False)  # where it was read: "html-meta", "dateline", "byline", "text",
    #                         "inferred-year" (a year the text settles, not written with the date)

# A publication verb ties a date to the statement; the noun says the sentence is about
# the statement itself rather than a law, a strike or a meeting.
_CUE_BEFORE_RE = re.compile(
    r"\b(?:issued|published|adopted|signed|released|dated|posted|approved|made\s+public|"
    r"endorsed)\W+(?:[\w’'.]+\W+){0,4}$",
    re.IGNORECASE,
)
# "the statement of 10 May 2017": the noun names the statement and dates it at once.
_NOUN_OF_RE = re.compile(
    r"\b(?:statement|declaration|communiqu[ée]|appeal|resolution|press\s+release)"
    r"\s+(?:of|dated|from)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_CUE_AFTER_RE = re.compile(
    r"^\W{0,3}(?:[\w’'.()]+\W+){0,8}?(?:issued|published|adopted|signed|released|"
    r"approved|made\s+public|endorsed)\b",
    re.IGNORECASE,
)
_CUE_WORDS = ("issued", "published", "adopted", "signed", "released", "dated", "posted",
              "approved", "endorsed", "made public", "statement of", "declaration of")
# A "resolution 71/222" is a numbered act of an assembly, not a statement.
_NOUN = (r"(?:statements?|declarations?|communiqu[ée]s?|appeals?|resolutions?(?!\s+\d)|"
         r"press\s+releases?|letters?|manifestos?|calls?|documents?|text)")
_VERB = r"(?:issued|published|adopted|signed|released|dated|posted|approved|made\s+public|endorsed)"
_NOUN_VERB_RE = re.compile(r"\b" + _NOUN + r"\b\W+(?:[\w’'()]+\W+){0,3}?" + _VERB + r"\b",
                           re.IGNORECASE)
_VERB_NOUN_RE = re.compile(r"\b" + _VERB + r"\W+(?:[\w’'()]+\W+){0,3}?" + _NOUN + r"\b",
                           re.IGNORECASE)
# "At the beginning of 2022": the text speaks from inside that year. Matched against the
# text right before a year.

_MIN_SCORE = 50  # below: a date in running prose, only evidence of the years spoken of

# Words that may open the first sentence before its date: "Today, 1 December 2021, …",
# "On the 9th of May, 2020, …", "This 1 May …".
_OPENING_BEFORE_RE = re.compile(
    r"^(?:(?:today|tonight|yesterday|now|here|on|this|the|at|in)\b[\s,]*){0,4}$", re.IGNORECASE)
# "In 2019 the peoples of the world …": a statement that gives only its year, first thing.
_OPENING_YEAR_RE = re.compile(
    r"^(?:(?:today|now|here|this\s+year),?\s+)?(?:in|during|throughout)\s+(?:the\s+year\s+)?"
    r"((?:19|20)\d\d)\b(?![-–/]\d)[,\s]+(?!(?:and|to|until|till|through)\b)", re.IGNORECASE)
_PRESENT_WORD_RE = re.compile(r"\b(?:today|tonight|now|here|this)\b", re.IGNORECASE)
# A byline: a label or a field separator before the date ("Published on …", "News | …").
_BYLINE_RE = re.compile(r"^\W*(?:by\b|posted|published|publicado|publié|veröffentlicht)|[|·•]\s*$",
                        re.IGNORECASE)


def _score(text: str, m: re.Match, line: WindowLine, kind: str = "full") -> tuple[int, str | None, str]:
    """Score one date in its line (see the module docstring); return (score, source, how).

    -1 marks page chrome, left out even as evidence of years.
    """
    prefix, suffix = text[: m.start()], text[m.end():]
    if CHROME_RE.search(prefix[-60:]):
        return -1, None, "text"
    prefix = strip_weekday(prefix)
    if len(text) <= DATELINE_MAX:
        ok, source = dateline_source(prefix, suffix)
        how = "byline" if _BYLINE_RE.search(prefix.strip()) or re.match(r"^\s*by\s", suffix) else "dateline"
        if ok and line.edge:
            return 100, source, how
        if ok and line.standalone:
            return 70, source, how
    # Lead dateline: "ATHENS, 12.04.2020 – The Communist Party …"
    pre = prefix.strip()
    if (line.edge and len(pre) <= 40 and re.match(r"^\s*[-–—:(|]", suffix)
            and (not pre or (pre.endswith((",", "-", "–", "—")) and is_name_like(pre)))):
        return 95, (pre.rstrip(" ,-–—") or None), "dateline"
    if (line.lead or line.edge) and _NOUN_OF_RE.search(prefix[-40:]):
        return 90, None, "text"
    if line.lead or len(text) <= DATELINE_MAX:
        cue = _CUE_BEFORE_RE.search(prefix[-80:]) or _CUE_AFTER_RE.match(suffix[:90])
        if cue and (line.lead or line.edge) and _names_statement(
                sentence_around(text, m.start(), m.end())):
            return 90, None, "text"
        if cue:
            return 40, None, "text"
    if line.opening and kind == "full" and _OPENING_BEFORE_RE.match(prefix) and (
                _PRESENT_WORD_RE.search(prefix) or re.match(r"^\s*,", suffix)):
        # The date opens the statement's first sentence, said of the present ("Today,
        # 1 December 2021, …") or set apart ("On the 9th of May, 2020, seventy-five years
        # after …"): the day the statement speaks from.
        return 60, None, "text"
    return 10, None, "text"


def _names_statement(sentence: str) -> bool:
    """True when a sentence speaks of issuing a statement.

    A statement noun must stand within three words of a publication verb: "a joint
    statement signed by …", "the parties adopted a declaration".
    """
    return bool(_NOUN_VERB_RE.search(sentence) or _VERB_NOUN_RE.search(sentence))


def _spans_around_years(text: str) -> list[tuple[int, int]]:
    """Where a date with a year can be: around each four-digit number."""
    return [(m.start() - 36, m.end() + 1) for m in ANCHOR_YEAR_RE.finditer(text)]


def _spans_around_cues(text: str) -> list[tuple[int, int]]:
    """Where "issued January 18" can be: around each publication verb."""
    low = text.lower()
    spans = []
    for word in _CUE_WORDS:
        pos = low.find(word)
        while pos != -1:
            spans.append((pos - 70, pos + len(word) + 60))
            pos = low.find(word, pos + 1)
    return spans


def _dates_in_spans(text: str, spans: list[tuple[int, int]]):
    """The dates found in the given spans of `text` (widened to whole words), once each."""
    seen: set[int] = set()
    n = len(text)
    for start, end in sorted(spans):
        start = max(0, start)
        while start > 0 and text[start - 1].isalnum():
            start -= 1
        end = min(n, end)
        while end < n and text[end].isalnum():
            end += 1
        for m, decoded in dates_in(text, start, end):
            if m.start() not in seen:
                seen.add(m.start())
                yield m, decoded


def _scan(window: list[WindowLine], events: bool = False) -> list[FoundDate]:
    """The dates written in the window, scored; chrome is left out.

    Without `events`, the candidates: short lines (possible datelines) are read whole,
    the lead paragraphs around years and publication verbs. With `events`, the other
    long lines are read around years, for the dated events that can complete a date
    written without its year.
    """
    found: list[FoundDate] = []
    for order, line in enumerate(window):
        text = line.text
        if not DIGIT_RE.search(text):
            continue
        short = len(text) <= DATELINE_MAX
        if events:
            if short or line.lead:
                continue
            matches = _dates_in_spans(text, _spans_around_years(text))
        elif short:
            matches = dates_in(text)
        elif line.lead or line.opening:
            matches = _dates_in_spans(text, _spans_around_years(text) + _spans_around_cues(text))
        else:
            continue
        for m, (kind, y, mo, d) in matches:
            score, source, how = _score(text, m, line, kind)
            if score >= 0:
                found.append(FoundDate(kind, y, mo, d, score, order * 10_000 + m.start(), source, how))
    return found

def source_label_line(lines: list[str]) -> str | None:
    """The value of a "Source: …" line among the first or last five non-empty lines."""
    head = [ln for ln in lines[:40] if ln and ln.strip()][:EDGE_LINES]
    tail = [ln for ln in lines[-40:] if ln and ln.strip()][-EDGE_LINES:]
    for ln in head + tail:
        m = SOURCE_LINE_RE.match(ln)
        if m and len(m.group(1)) <= 120:
            return m.group(1).rstrip(" .,;")
    return None


def find_date(lines: list[str], html_meta: dict[str, str] | None = None) -> DateInfo:
    """Find the date a statement was issued.

    `lines` are the document's text lines (or paragraphs) in order; `html_meta` may hold
    a "date" from the page's published-time meta, which wins when it parses. Returns a
    DateInfo with the ISO date, the year (set also when only the year is knowable), and
    the source or place named in the dateline ("ICP" in "ICP, 10 May 2017") or in a
    "Source: …" line. See the module docstring for the rules.
    """
    window = read_window(lines)
    found = _scan(window)
    ranked = sorted(found, key=lambda c: (-c.score, c.order))
    source = next((c.source for c in ranked if c.source and c.score >= 70), None)
    if source is None:
        source = source_label_line(lines)

    meta = html_meta or {}
    for key, how in (("date", "html-meta"), ("byline_date", "byline")):
        meta_value = meta.get(key)
        if not meta_value:
            continue
        iso = parse_date_string(meta_value)
        if iso:
            return DateInfo(iso, int(iso[:4]), source, how)
        meta_year = year_of(meta_value)
        if meta_year:
            for c in ranked:
                if c.kind == "full" and c.year == meta_year and c.score >= _MIN_SCORE:
                    return DateInfo(iso_date(c.year, c.month, c.day), c.year, source, c.how)
            return DateInfo(None, meta_year, source, how)

    hints: YearHints | None = None
    today = _dt.date.today()
    year_only: int | None = None
    for c in ranked:
        if c.score < _MIN_SCORE:
            break
        if c.kind == "full":
            return DateInfo(iso_date(c.year, c.month, c.day), c.year, source, c.how)
        if c.kind == "partial":
            if hints is None:
                hints = year_hints(window)
                found = found + _scan(window, events=True)
            year = infer_year(c.month, c.day, hints, found)
            if year is None or _dt.date(year, c.month, c.day) > today:
                continue
            return DateInfo(iso_date(year, c.month, c.day), year, source, "inferred-year")
        if c.kind == "month" and year_only is None:
            year_only, year_how = c.year, c.how
    if year_only is not None:
        return DateInfo(None, year_only, source, year_how)
    opening = next((ln for ln in window if ln.opening), None)
    m = _OPENING_YEAR_RE.match(opening.text) if opening is not None else None
    if m and int(m.group(1)) <= today.year:
        return DateInfo(None, int(m.group(1)), source, "text")
    if hints is None:
        hints = year_hints(window)
    year = present_year(hints)
    return DateInfo(None, year, source, "inferred-year" if year else None)
