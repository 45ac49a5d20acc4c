"""The year of a date written without one, from what the text says of its own time.

A present-time phrase ("At the beginning of 2022", "this year, 2022") settles it when no
later year is mentioned; otherwise the latest dated event, when the day and month fall
within three months after it. Years after "by", "until" ... and in "2030 Agenda" are
targets and do not count.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from indexer.extract.date_parse import ANCHOR_YEAR_RE, DIGIT_RE, valid_date
from indexer.extract.date_window import FoundDate, WindowLine, sentence_around
from indexer.extract.datelines import CHROME_LINE_RE, CHROME_RE


_PRESENT_BEFORE_RE = re.compile(
    r"\b(?:at\s+the\s+(?:very\s+)?(?:beginning|start|outset)\s+of|so\s+far\s+in|"
    r"this\s+year,?|today,?\s+in|now,?\s+in|(?:in\s+)?the\s+(?:current|present)\s+year,?|"
    r"as\s+we\s+enter)\s+$",
    re.IGNORECASE,
)
# A sentence about plans speaks of the future: its years are neither present nor past.
_FUTURE_SENTENCE_RE = re.compile(
    r"\b(?:will|shall|would|to\s+be\s+(?:held|convened|adopted|organi[sz]ed)|scheduled|"
    r"planned|plans?\s+to|expected|next|upcoming|forthcoming|going\s+to|prepar(?:e|es|ing)|"
    r"intends?\s+to|aims?\s+to|hopes?\s+to|look(?:s|ing)?\s+forward)\b",
    re.IGNORECASE,
)
# Years after these words are targets or deadlines, not past events.
_FUTURE_BEFORE_RE = re.compile(
    r"\b(?:by|until|till|before|to|through|towards?|up\s+to|horizon|beyond|agenda|"
    r"plan|vision|target|goal)\W*$",
    re.IGNORECASE,
)
_FUTURE_AFTER_RE = re.compile(r"^\W?\s*(?:agenda|vision|plan|target|goals?|horizon)\b",
                              re.IGNORECASE)

_REACTION_DAYS = 92  # see `infer_year`

@dataclass
class YearHints:
    present: list[int]  # years of present-time phrases ("At the beginning of 2022")
    latest: int | None  # the latest year mentioned (not chrome, not a target)


def year_hints(window: list[WindowLine]) -> YearHints:
    """Collect the years the window's text speaks of (see `YearHints`)."""
    present: list[int] = []
    latest: int | None = None
    this_year = _dt.date.today().year
    for line in window:
        text = line.text
        if not DIGIT_RE.search(text) or CHROME_LINE_RE.search(text):
            continue
        for m in ANCHOR_YEAR_RE.finditer(text):
            s, e = m.start(), m.end()
            if s > 0 and text[s - 1] in "0123456789.,/-":
                continue
            if e < len(text) and (text[e].isalnum() or text[e] == "_"):
                continue
            y = int(m.group(0))
            if y < 1800 or y > this_year:
                continue
            if _FUTURE_SENTENCE_RE.search(sentence_around(text, s, e)):
                continue
            before = text[max(0, s - 60): s]
            if _PRESENT_BEFORE_RE.search(before):
                present.append(y)
            if _FUTURE_BEFORE_RE.search(before[-12:]) or _FUTURE_AFTER_RE.match(text[e: e + 12]):
                continue
            if CHROME_RE.search(before):
                continue
            if latest is None or y > latest:
                latest = y
    return YearHints(present, latest)


def present_year(hints: YearHints) -> int | None:
    """The year the text speaks from, or None when a later mentioned year contradicts it."""
    if not hints.present:
        return None
    year = max(hints.present)
    if hints.latest is not None and hints.latest > year:
        return None
    return year


def infer_year(month: int, day: int, hints: YearHints, dated: list[FoundDate]) -> int | None:
    """The year of a date written without one ("issued January 18"), or None.

    1. The year of a present-time phrase ("At the beginning of 2022"), unless the text
       mentions a later year as well.
    2. Otherwise the year that puts the date within `_REACTION_DAYS` after the latest
       dated event of the text ("On 17 January 2022 … issued January 18"), if no later
       year is mentioned anywhere in the window.
    """
    if hints.present:
        return present_year(hints)
    events = [c for c in dated if c.kind in ("full", "month") and c.year]
    if not events:
        return None
    last = max(events, key=lambda c: (c.year, c.month, c.day or 1))
    if hints.latest is not None and hints.latest > last.year:
        return None
    start = _dt.date(last.year, last.month, last.day or 1)
    for year in (last.year, last.year + 1):
        if valid_date(year, month, day) and 0 <= (_dt.date(year, month, day) - start).days <= _REACTION_DAYS:
            return year
    return None
