"""Years: the one grammar, canonical spelling and label of a year or a range of years.

The web's `year=` parameter, the query layer's year filter and facet, and the query
language's `year:` field all read a year value here::

    2017            one year
    2015-2020       a range, both ends included ("2015 – 2020", "2015..2020", "2015 to 2020")
    2015-           from 2015 on (an open end)
    -2020           up to 2020

`parse_year` gives a `YearSpan` whose `value` is the canonical spelling (the one written
back into URLs and facet values: "2017", "2015-2020", "2015-", "-2020") and whose `label`
is how it reads on a page ("2017", "2015–2020", "from 2015", "up to 2020"). A range whose
ends are the same year is that year; an end at MIN_YEAR or MAX_YEAR is an open end, so
"0-2020" and "-2020" are one value. Anything else raises YearError (a ValueError) with a
sentence fit to show the user.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MIN_YEAR = 0
MAX_YEAR = 9999

_YEAR_RE = re.compile(r"^\s*(\d{1,4})\s*$")
_RANGE_RE = re.compile(r"^\s*(\d{1,4})?\s*(?:-|\.\.|\u2013|\u2014|to)\s*(\d{1,4})?\s*$", re.IGNORECASE)


class YearError(ValueError):
    """A value that is not a year or a range of years."""


@dataclass(frozen=True)
class YearSpan:
    """An inclusive span of years, MIN_YEAR and MAX_YEAR standing for open ends."""

    lo: int
    hi: int

    def contains(self, year: int) -> bool:
        return self.lo <= year <= self.hi

    @property
    def value(self) -> str:
        """The canonical spelling: "2017", "2015-2020", "2015-", "-2020"."""
        if self.lo == self.hi:
            return str(self.lo)
        lo = "" if self.lo <= MIN_YEAR else str(self.lo)
        hi = "" if self.hi >= MAX_YEAR and lo else str(self.hi)
        return f"{lo}-{hi}"

    @property
    def label(self) -> str:
        """How the span reads on a page: "2017", "2015–2020", "from 2015", "up to 2020"."""
        if self.lo == self.hi:
            return str(self.lo)
        if self.lo <= MIN_YEAR:
            return f"up to {self.hi}"
        if self.hi >= MAX_YEAR:
            return f"from {self.lo}"
        return f"{self.lo}\u2013{self.hi}"


def parse_year(value) -> YearSpan:
    """Read a year or a range (see the module docstring); YearError for anything else."""
    text = str(value).strip()
    m = _YEAR_RE.match(text)
    if m:
        y = int(m.group(1))
        return YearSpan(y, y)
    m = _RANGE_RE.match(text)
    if m and (m.group(1) or m.group(2)):
        lo = int(m.group(1)) if m.group(1) else MIN_YEAR
        hi = int(m.group(2)) if m.group(2) else MAX_YEAR
        if lo > hi:
            raise YearError(f"The year range {text!r} runs backwards; write it as {hi}-{lo}.")
        return YearSpan(lo, hi)
    shown = text if len(text) <= 40 else text[:40] + "…"
    raise YearError(f"{shown!r} is not a year: use a year such as 2017 or a range such as 2015-2020.")


def span_between(start: str, end: str, names: tuple[str, str] = ("from", "to")) -> YearSpan | None:
    """The span of a From/To pair of single years, either of which may be empty (an open end);
    None when both are. YearError (naming the field by `names`) when one is not a single
    year or they run backwards."""
    start, end = str(start or "").strip(), str(end or "").strip()
    if not start and not end:
        return None
    for name, v in zip(names, (start, end)):
        if v and not _YEAR_RE.match(v):
            shown = v if len(v) <= 40 else v[:40] + "…"
            raise YearError(f"{name}={shown!r} is not a year (use four digits, such as 2017).")
    lo = int(start) if start else MIN_YEAR
    hi = int(end) if end else MAX_YEAR
    if lo > hi:
        raise YearError(f"The year range {lo}-{hi} runs backwards.")
    return YearSpan(lo, hi)
