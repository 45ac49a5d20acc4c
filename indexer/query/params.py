"""Checking a SearchRequest's parameters (not its query string) before a search runs.

A bad *query string* never raises: the parser reads what it can. A bad *parameter* (an
unknown sort, a page below 1, a malformed year range) is a caller's mistake and raises
`QueryError`, a ValueError, so the web layer can answer 400 with its message.
"""

from __future__ import annotations

from dataclasses import dataclass

from indexer.query.results import SearchRequest
from indexer.query.settings import MAX_PAGE, MAX_PER_PAGE, SORTS, VIEWS
from indexer.query.years import MAX_YEAR, MIN_YEAR, YearError, YearSpan, parse_year  # noqa: F401


class QueryError(ValueError):
    """An invalid search parameter (sort, view, page, per_page, a year value)."""


def parse_year_value(value: str) -> YearSpan:
    """A year or a range as `indexer.query.years` reads it; QueryError for anything else."""
    try:
        return parse_year(value)
    except YearError as exc:
        raise QueryError(str(exc)) from None


@dataclass(frozen=True)
class CheckedRequest:
    """A SearchRequest whose parameters have been validated and normalised."""

    q: str
    parties: tuple[str, ...]
    years: tuple[YearSpan, ...]
    topics: tuple[str, ...]
    filters: tuple[tuple[str, tuple[str, ...]], ...]
    facets: tuple[str, ...]
    literal: bool
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


def _filters(raw) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """{field: values} as ((field, values), ...), empty fields left out."""
    if not raw:
        return ()
    if not isinstance(raw, dict):
        raise QueryError(f"filters must map a field to its values, not {raw!r}")
    out = []
    for name, values in raw.items():
        vals = _values(values, f"{name} filter")
        if vals:
            out.append((str(name).strip(), vals))
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
        filters=_filters(req.filters),
        facets=_values(req.facets, "facet"),
        literal=bool(req.literal),
        sort=sort,
        view=view,
        page=page,
        per_page=per_page,
    )
