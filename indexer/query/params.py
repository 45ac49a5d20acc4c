"""Checking a SearchRequest's parameters (not its query string) before a search runs.

A bad *query string* never raises: the parser reads what it can. A bad *parameter* (an
unknown sort, a page below 1, a malformed year range) is a caller's mistake and raises
`QueryError`, a ValueError, so the web layer can answer 400 with its message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.query.results import SORTS, VIEWS, SearchRequest

MAX_PER_PAGE = 100
MAX_PAGE = 10_000
MIN_YEAR = 0
MAX_YEAR = 9999

_YEAR_RE = re.compile(r"^\s*(\d{1,4})\s*$")
_RANGE_RE = re.compile(r"^\s*(\d{1,4})?\s*(?:-|\.\.|–|—|to)\s*(\d{1,4})?\s*$", re.IGNORECASE)


class QueryError(ValueError):
    """An invalid search parameter (sort, view, page, per_page, a year value)."""


@dataclass(frozen=True)
class YearSpan:
    """An inclusive span of years; `value` is the request's spelling, normalised."""

    lo: int
    hi: int
    value: str

    def contains(self, year: int) -> bool:
        return self.lo <= year <= self.hi


def parse_year_value(value: str) -> YearSpan:
    """Read "2017", "2015-2020", "2015..2020", "2015-" or "-2020" into a YearSpan.

    Raises QueryError for anything else, or when the range runs backwards.
    """
    text = str(value).strip()
    m = _YEAR_RE.match(text)
    if m:
        y = int(m.group(1))
        return YearSpan(y, y, str(y))
    m = _RANGE_RE.match(text)
    if m and (m.group(1) or m.group(2)):
        lo = int(m.group(1)) if m.group(1) else MIN_YEAR
        hi = int(m.group(2)) if m.group(2) else MAX_YEAR
        if lo > hi:
            raise QueryError(f"year range {value!r} runs backwards (write {hi}-{lo})")
        if lo == hi:
            return YearSpan(lo, hi, str(lo))
        norm = f"{m.group(1) or ''}-{m.group(2) or ''}"
        return YearSpan(lo, hi, norm)
    raise QueryError(f"invalid year {value!r}: use a year like 2017 or a range like 2015-2020")


@dataclass(frozen=True)
class CheckedRequest:
    """A SearchRequest whose parameters have been validated and normalised."""

    q: str
    parties: tuple[str, ...]
    years: tuple[YearSpan, ...]
    topics: tuple[str, ...]
    sort: str
    view: str
    page: int
    per_page: int

    @property
    def start(self) -> int:
        return (self.page - 1) * self.per_page

    @property
    def end(self) -> int:
        return self.page * self.per_page


def _values(raw, name: str) -> tuple[str, ...]:
    if raw is None:
        return ()
    if isinstance(raw, str):
        raw = [raw]
    out: list[str] = []
    for v in raw:
        if v is None:
            continue
        if not isinstance(v, (str, int)):
            raise QueryError(f"invalid {name} value {v!r}")
        s = str(v).strip()
        if s and s not in out:
            out.append(s)
    return tuple(out)


def _int(value, name: str) -> int:
    if isinstance(value, bool):
        raise QueryError(f"{name} must be a whole number, not {value!r}")
    try:
        return int(value)
    except (TypeError, ValueError):
        raise QueryError(f"{name} must be a whole number, not {value!r}") from None


def check_request(req: SearchRequest) -> CheckedRequest:
    """Validate a request's parameters; returns the normalised request or raises QueryError."""
    sort = (req.sort or "relevance").strip().lower()
    if sort not in SORTS:
        raise QueryError(f"unknown sort {req.sort!r}: use one of {', '.join(SORTS)}")
    view = (req.view or "statements").strip().lower()
    if view not in VIEWS:
        raise QueryError(f"unknown view {req.view!r}: use one of {', '.join(VIEWS)}")
    page = _int(req.page, "page")
    if page < 1:
        raise QueryError(f"page must be 1 or more, not {page}")
    if page > MAX_PAGE:
        raise QueryError(f"page must be at most {MAX_PAGE}, not {page}")
    per_page = _int(req.per_page, "per_page")
    if not 1 <= per_page <= MAX_PER_PAGE:
        raise QueryError(f"per_page must be between 1 and {MAX_PER_PAGE}, not {per_page}")
    years: list[YearSpan] = []
    for v in _values(req.years, "year"):
        span = parse_year_value(v)
        if span not in years:
            years.append(span)
    q = req.q if isinstance(req.q, str) else ("" if req.q is None else str(req.q))
    return CheckedRequest(
        q=q,
        parties=_values(req.parties, "party"),
        years=tuple(years),
        topics=_values(req.topics, "topic"),
        sort=sort,
        view=view,
        page=page,
        per_page=per_page,
    )
