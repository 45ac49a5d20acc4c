"""The search state carried in the URL: parsing and validating the query string, and writing it back.

Every page and API call that searches takes the same parameters::

    q=…  party=ID (repeatable)  year=2017 | 2015-2020 | 2015- | -2020 (repeatable)  topic=ID (repeatable)
    sort=relevance|newest|oldest  view=statements|passages  page=N  per_page=N
    year_from=YYYY  year_to=YYYY   (a range typed into the form; folded into one year=A-B)
    expand=party|year|topic        (page only: show every value of a long facet)
    facet=FIELD (repeatable)       a sidecar field to count (the page shows it open)
    filter=FIELD:VALUE (repeatable) a sidecar field's value; OR-ed within a field
    literal=1                      search the words as typed, without auto-correction

`parse_search_args` turns a request's arguments into a `SearchState` or raises `ParamError`
with a sentence fit to show the user (the views answer 400 with it). `SearchState.query_items`
writes the state back as query-string pairs, leaving out defaults, so that a URL built from
a state and parsed again gives the same state.

Only what is searched is kept: a query longer than the query layer reads is cut here the
same way (`clip_query`), so no page, link or redirect echoes more than was searched.
The limits and vocabularies are the query layer's (`indexer.query.settings`); years follow
`indexer.query.years`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from indexer.query.results import SearchRequest
from indexer.query.settings import (
    DEFAULT_PER_PAGE,
    MAX_FILTER_VALUES,
    MAX_ID_CHARS,
    MAX_PAGE,
    MAX_PER_PAGE,
    MAX_QUERY_CHARS,
    MAX_URL_CHARS,
    VIEWS,
    clip_query,
)
from indexer.query.years import YearError, YearSpan, parse_year, span_between

# The sort names of the URL, and what the query layer calls them.
SORT_TO_QUERY = {"relevance": "relevance", "newest": "date", "oldest": "date_asc"}
SORT_ALIASES = {"date": "newest", "date_asc": "oldest"}
SORT_LABELS = {"relevance": "Relevance", "newest": "Newest first", "oldest": "Oldest first"}
VIEW_LABELS = {"statements": "Statements", "passages": "Passages"}
FACETS = ("party", "year", "topic")
PER_PAGE_CHOICES = (10, 20, 50, 100)


class ParamError(ValueError):
    """A query-string parameter that cannot be used; the message says which and why."""


@dataclass
class SearchState:
    """What the user asked for, as the URL says it (sort under its URL name, "" = default)."""

    q: str = ""
    parties: list[str] = field(default_factory=list)
    years: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    sort: str = ""
    view: str = "statements"
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE
    expand: tuple[str, ...] = ()
    folded_range: bool = False  # year_from/year_to were given and folded into `years`
    typed_chars: int = 0  # length of the query as typed when it was cut to what is searched
    facets: list[str] = field(default_factory=list)  # sidecar fields asked for (facet=)
    filters: list[str] = field(default_factory=list)  # sidecar filters, "FIELD:VALUE"
    literal: bool = False  # no auto-correction of a query that finds nothing

    @property
    def effective_sort(self) -> str:
        """The sort in force: the one asked for, else relevance with a query, newest without.

        Relevance means nothing without a query, so an empty query with sort=relevance
        browses newest first.
        """
        if not self.q and self.sort in ("", "relevance"):
            return "newest"
        return self.sort or "relevance"

    def values(self, facet: str) -> list[str]:
        """The selected values of one facet ("party", "year" or "topic")."""
        return {"party": self.parties, "year": self.years, "topic": self.topics,
                "filter": self.filters}[facet]

    def to_request(self, *, page: int | None = None, per_page: int | None = None,
                   view: str | None = None, facets: list[str] | None = None) -> SearchRequest:
        """The query layer's request for this state (page, per_page, view and the sidecar
        facets counted may be overridden; facets=["*"] counts every one)."""
        return SearchRequest(
            q=self.q,
            parties=list(self.parties),
            years=list(self.years),
            topics=list(self.topics),
            filters=filter_fields(self.filters),
            facets=list(self.facets if facets is None else facets),
            literal=self.literal,
            sort=SORT_TO_QUERY[self.effective_sort],
            view=view or self.view,
            page=page or self.page,
            per_page=per_page or self.per_page,
        )

    # -- writing the state back into a URL ------------------------------------------

    def with_changes(self, **changes) -> "SearchState":
        """A copy with some fields replaced; any change but a page change goes back to page 1."""
        if "page" not in changes:
            changes["page"] = 1
        return replace(self, **changes)

    def toggle(self, facet: str, value: str) -> "SearchState":
        """A copy with `value` added to or removed from a facet's selection, on page 1."""
        current = self.values(facet)
        new = [v for v in current if v != value] if value in current else [*current, value]
        return self.with_changes(**{_FACET_FIELD[facet]: new})

    def only(self, facet: str, value: str) -> "SearchState":
        """A copy whose selection in `facet` is just `value`, on page 1."""
        return self.with_changes(**{_FACET_FIELD[facet]: [value]})

    def without_filters(self) -> "SearchState":
        return self.with_changes(parties=[], years=[], topics=[], filters=[])

    def query_items(self, *, keep_expand: bool = True) -> list[tuple[str, str]]:
        """The state as (key, value) pairs in a stable order, defaults left out."""
        items: list[tuple[str, str]] = []
        if self.q:
            items.append(("q", self.q))
        items += [("party", v) for v in self.parties]
        items += [("year", v) for v in self.years]
        items += [("topic", v) for v in self.topics]
        items += [("filter", v) for v in self.filters]
        items += [("facet", v) for v in self.facets]
        if self.literal:
            items.append(("literal", "1"))
        if self.sort:
            items.append(("sort", self.sort))
        if self.view != "statements":
            items.append(("view", self.view))
        if self.page != 1:
            items.append(("page", str(self.page)))
        if self.per_page != DEFAULT_PER_PAGE:
            items.append(("per_page", str(self.per_page)))
        if keep_expand:
            items += [("expand", f) for f in self.expand]
        return items

    def query_string(self, *, keep_expand: bool = True) -> str:
        """The state as a query string without the leading "?" ("" for the default state)."""
        return urlencode(self.query_items(keep_expand=keep_expand))


_FACET_FIELD = {"party": "parties", "year": "years", "topic": "topics", "filter": "filters"}


def parse_search_args(args, *, lenient: bool = False) -> SearchState:
    """Read a `SearchState` from a request's arguments (a werkzeug MultiDict or a dict of lists).

    Raises ParamError for a value that cannot be used (page=abc, page=0, per_page=1000,
    sort=bogus, view=bogus, year=abc, …). With `lenient`, such values fall back to their
    defaults instead (used where the state only feeds a "back to results" link).
    """
    getlist = args.getlist if hasattr(args, "getlist") else (lambda k: list(args.get(k, [])))

    def first(key: str) -> str:
        values = getlist(key)
        return values[-1].strip() if values else ""

    def guard(fn, default):
        if not lenient:
            return fn()
        try:
            return fn()
        except ParamError:
            return default

    state = SearchState()
    typed = guard(lambda: _parse_q(getlist("q")), "")
    state.q = clip_query(typed)
    state.typed_chars = len(typed) if state.q != typed else 0
    state.parties = guard(lambda: _parse_ids("party", getlist("party")), [])
    state.topics = guard(lambda: _parse_ids("topic", getlist("topic")), [])
    years = guard(lambda: _parse_years(getlist("year")), [])
    folded = guard(lambda: _fold_range(first("year_from"), first("year_to")), None)
    if folded and folded not in years:
        years.append(folded)
    state.years = years
    state.folded_range = bool(folded)
    state.sort = guard(lambda: _parse_sort(first("sort")), "")
    state.view = guard(lambda: _parse_view(first("view")), "statements")
    state.page = guard(lambda: parse_int("page", first("page"), 1, 1, MAX_PAGE), 1)
    state.per_page = guard(
        lambda: parse_int("per_page", first("per_page"), DEFAULT_PER_PAGE, 1, MAX_PER_PAGE),
        DEFAULT_PER_PAGE)
    state.expand = tuple(dict.fromkeys(v for v in getlist("expand") if v in FACETS))
    state.facets = guard(lambda: _parse_ids("facet", getlist("facet")), [])
    state.filters = guard(lambda: _parse_filters(getlist("filter")), [])
    state.literal = guard(lambda: _parse_flag("literal", first("literal")), False)
    return state


# -- one parameter each -------------------------------------------------------------


def _shown(value: str, chars: int = 40) -> str:
    """A value as an error message quotes it: repr, cut to `chars` characters with "…"."""
    return repr(value) if len(value) <= chars else repr(value[:chars]) + "…"


def _parse_q(values: list[str]) -> str:
    """The query as typed (several q= are joined); refused only past what a URL may hold."""
    q = " ".join(v.strip() for v in values if v.strip())
    if len(q) > MAX_URL_CHARS:
        raise ParamError(f"The query is too long ({len(q):,} characters; "
                         f"only the first {MAX_QUERY_CHARS} are searched).")
    return q


def _parse_ids(name: str, values: list[str]) -> list[str]:
    out = list(dict.fromkeys(v.strip() for v in values if v.strip()))
    if len(out) > MAX_FILTER_VALUES:
        raise ParamError(f"Too many {name} filters ({len(out)}; at most {MAX_FILTER_VALUES}).")
    for v in out:
        if len(v) > MAX_ID_CHARS:
            raise ParamError(f"The {name} value {_shown(v)} is too long to be an id.")
    return out


def _parse_filters(values: list[str]) -> list[str]:
    """filter=FIELD:VALUE values, each as "FIELD:VALUE" with the spaces around ":" removed."""
    out = []
    for v in _parse_ids("filter", values):
        name, sep, value = v.partition(":")
        if not sep or not name.strip() or not value.strip():
            raise ParamError(f"filter={v!r} is not a filter: write FIELD:VALUE, such as election_type:natl.")
        item = f"{name.strip()}:{value.strip()}"
        if item not in out:
            out.append(item)
    return out


def filter_fields(filters: list[str]) -> dict[str, list[str]]:
    """["election_type:natl", "genre:speech"] -> {"election_type": ["natl"], "genre": ["speech"]}."""
    out: dict[str, list[str]] = {}
    for item in filters:
        name, _, value = item.partition(":")
        out.setdefault(name, []).append(value)
    return out


def _parse_flag(name: str, value: str) -> bool:
    v = value.lower()
    if v in ("", "0", "false", "no", "off"):
        return False
    if v in ("1", "true", "yes", "on"):
        return True
    raise ParamError(f"{name}={value!r} is not a yes or no: use {name}=1.")


def year_span(value: str) -> YearSpan:
    """A year filter as `indexer.query.years` reads it; ParamError for anything else."""
    try:
        return parse_year(value)
    except YearError as exc:
        raise ParamError(str(exc)) from None


def normalise_year(value: str) -> str:
    """ "2017" -> "2017", "2015 – 2020" -> "2015-2020", "2015-9999" -> "2015-"; ParamError else."""
    return year_span(value).value


def _parse_years(values: list[str]) -> list[str]:
    out = list(dict.fromkeys(normalise_year(v) for v in values if v.strip()))
    if len(out) > MAX_FILTER_VALUES:
        raise ParamError(f"Too many year filters ({len(out)}; at most {MAX_FILTER_VALUES}).")
    return out


def _fold_range(start: str, end: str) -> str | None:
    """year_from/year_to as one year value ("2015-2020", an open end for a missing one)."""
    try:
        span = span_between(start, end, names=("year_from", "year_to"))
    except YearError as exc:
        raise ParamError(str(exc)) from None
    return span.value if span else None


def _parse_sort(value: str) -> str:
    if not value:
        return ""
    v = SORT_ALIASES.get(value.lower(), value.lower())
    if v not in SORT_TO_QUERY:
        raise ParamError(f"sort={_shown(value)} is not a sort order: use relevance, newest or oldest.")
    return v


def _parse_view(value: str) -> str:
    if not value:
        return "statements"
    v = value.lower()
    if v not in VIEWS:
        raise ParamError(f"view={_shown(value)} is not a view: use statements or passages.")
    return v


def parse_int(name: str, value: str, default: int, low: int, high: int) -> int:
    """A whole-number parameter within [low, high]; `default` when empty; ParamError else."""
    if not value:
        return default
    try:
        n = int(value)
    except ValueError:
        raise ParamError(f"{name}={_shown(value)} is not a whole number.") from None
    if not low <= n <= high:
        raise ParamError(f"{name}={n} is out of range: it must be between {low} and {high}.")
    return n


def year_label(value: str) -> str:
    """How a year filter reads on a chip and in the facet: "2017", "2015–2020", "from 2015"."""
    try:
        return parse_year(value).label
    except YearError:
        return value
