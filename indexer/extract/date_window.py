"""The lines of a document read for its date: the first 40 and the last 20 non-empty
lines within character budgets, each marked as edge, lead paragraph or standalone line,
and the dates found there (`FoundDate`).
"""

from __future__ import annotations

from dataclasses import dataclass

from indexer.extract.datelines import DATELINE_MAX


_TOP_LINES = 40  # non-empty lines read from the top ...
_BOTTOM_LINES = 20  # ... and from the bottom
_TOP_CHARS = 8000  # character budgets of the two ends
_BOTTOM_CHARS = 3000
_MAX_LINE_CHARS = 1500  # a date tied to the statement sits in the lead of a paragraph
EDGE_LINES = 5  # datelines rank highest among the first and last five lines
_LEAD_PARAGRAPHS = 3  # long lines searched for "issued <date>" at either end

# Reading a document


@dataclass
class WindowLine:
    number: int  # index in the document's lines
    text: str  # stripped, cut to _MAX_LINE_CHARS
    edge: bool  # among the first or last EDGE_LINES non-empty lines
    lead: bool  # a long line among the first or last _LEAD_PARAGRAPHS long lines
    standalone: bool  # not a piece of a hard-wrapped sentence (see `_standalone`)
    opening: bool = False  # the statement's first paragraph of prose (after its title)


@dataclass
class FoundDate:
    kind: str  # "full", "partial" (day and month), "month" (month and year)
    year: int | None
    month: int
    day: int | None
    score: int
    order: int  # position in the window, for ties (earlier first)
    source: str | None = None
    how: str = "text"  # provenance: "dateline", "byline" or "text"


def read_window(lines: list[str]) -> list[WindowLine]:
    """The lines to read: the first 40 and the last 20 non-empty lines, within budgets."""
    top: list[tuple[int, str]] = []
    budget = _TOP_CHARS
    for i, ln in enumerate(lines):
        if len(top) >= _TOP_LINES or budget <= 0:
            break
        text = ln.strip() if ln else ""
        if text:
            text = text[:_MAX_LINE_CHARS]
            top.append((i, text))
            budget -= len(text)
    first_after_top = top[-1][0] + 1 if top else 0
    bottom: list[tuple[int, str]] = []
    budget = _BOTTOM_CHARS
    for i in range(len(lines) - 1, first_after_top - 1, -1):
        if len(bottom) >= _BOTTOM_LINES or budget <= 0:
            break
        text = lines[i].strip() if lines[i] else ""
        if text:
            text = text[:_MAX_LINE_CHARS]
            bottom.append((i, text))
            budget -= len(text)
    bottom.reverse()
    # Without a bottom part, the top part reached the end of the document.
    tail = bottom if bottom else top
    picked = top + bottom
    first_tail = len(picked) - len(tail)
    long_top = [k for k, (_, t) in enumerate(top) if len(t) > DATELINE_MAX]
    long_tail = [first_tail + k for k, (_, t) in enumerate(tail) if len(t) > DATELINE_MAX]
    lead = set(long_top[:_LEAD_PARAGRAPHS]) | set(long_tail[-_LEAD_PARAGRAPHS:])
    edge_tail = max(first_tail, len(picked) - EDGE_LINES)
    opening = next((k for k, (_, t) in enumerate(top) if k > 0 and _is_prose(t)), -1)
    return [
        WindowLine(i, text, k < EDGE_LINES or k >= edge_tail, k in lead, _standalone(lines, i),
                   k == opening)
        for k, (i, text) in enumerate(picked)
    ]


def _is_prose(text: str) -> bool:
    """A paragraph of running text: ten words or more, ending like a sentence (or long)."""
    return len(text.split()) >= 10 and (text.rstrip()[-1:] in ".!?:;\"”’)" or len(text) > 200)


def _standalone(lines: list[str], i: int) -> bool:
    """True when line i stands on its own: a blank line next to it, or the previous line
    ends a sentence. A dateline inside hard-wrapped prose is a piece of a sentence."""
    if i == 0 or i + 1 >= len(lines) or not lines[i - 1].strip() or not lines[i + 1].strip():
        return True
    return lines[i - 1].rstrip()[-1:] in ".!?:;\"”’)]»"


def sentence_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind(". ", 0, start), text.rfind("! ", 0, start), text.rfind("? ", 0, start))
    rights = [p for p in (text.find(". ", end), text.find("! ", end), text.find("? ", end))
              if p != -1]
    return text[left + 1: (min(rights) if rights else len(text)) + 1]
