"""What the query layer returns: plain dataclasses, shared by the web views and the JSON API."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields, is_dataclass

from indexer.query.settings import SORTS, VIEWS  # noqa: F401 - re-exported


@dataclass
class SearchRequest:
    q: str = ""
    parties: list[str] = field(default_factory=list)  # canonical party ids, OR-ed
    years: list[str] = field(default_factory=list)  # "2017" or "2015-2020", OR-ed
    topics: list[str] = field(default_factory=list)  # topic ids, OR-ed
    # sidecar fields: {field: values}, values OR-ed within a field, fields AND-ed
    filters: dict[str, list[str]] = field(default_factory=dict)
    facets: list[str] = field(default_factory=list)  # sidecar fields to count
    literal: bool = False  # True: never search a corrected query instead of this one
    sort: str = "relevance"  # one of SORTS; an empty query sorts by date (newest first)
    view: str = "statements"  # one of VIEWS
    page: int = 1
    per_page: int = 20


@dataclass
class PassageHit:
    chunk_id: str
    kind: str
    point: str | None
    text: str
    html: str  # text with matched words in <mark>, everything else HTML-escaped
    position: int = 0


@dataclass
class PartyRef:
    id: str
    name: str
    acronym: str = ""
    country: str = ""


@dataclass
class Result:
    doc_id: str
    title: str
    date: str | None
    year: int | None
    parties: list[PartyRef]
    topics: list[str]
    score: float
    passages: list[PassageHit]
    source_file: str = ""
    source: str = ""  # the publisher, where the statement or its sidecar names one
    extra: dict = field(default_factory=dict)  # the statement's own sidecar fields
    title_html: str = ""  # the title HTML-escaped, the query's words in <mark>
    missing: list[str] = field(default_factory=list)  # query words (as typed) the result lacks


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class SearchResponse:
    query: str
    total: int  # statements (view=statements) or passages (view=passages) matching
    page: int
    per_page: int
    results: list[Result]
    facets: dict[str, list[FacetValue]]  # "party", "year", "topic", and sidecar fields asked for
    suggestion: str | None = None  # did-you-mean query, None when nothing better
    corrected: str | None = None  # the query searched instead of `query`, which found nothing
    sidecar_facets: dict[str, str] = field(default_factory=dict)  # sidecar field -> label
    messages: list[str] = field(default_factory=list)  # e.g. how a bad query was read
    interpreted: str = ""  # the query as understood, when it differs from what was typed
    sort: str = "relevance"
    view: str = "statements"
    took_ms: float = 0.0
    # results holding every query word; when fewer than a page, the results holding only
    # some of the words follow them and count in `total` (each says what it is `missing`)
    all_words: int = 0

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    def as_dict(self) -> dict:
        """The response as plain dicts and lists (what `dataclasses.asdict` gives, made
        without its deep copies: a page with its facets is thousands of small values)."""
        d = plain(self)
        d["pages"] = self.pages
        return d


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}
_ATOMS = (str, int, float, bool, type(None))


def plain(value):
    """A dataclass value as `dataclasses.asdict` converts it: dataclasses to dicts, lists,
    tuples and dicts rebuilt, anything else copied."""
    if isinstance(value, _ATOMS):
        return value
    cls = type(value)
    names = _FIELD_NAMES.get(cls)
    if names is None and is_dataclass(cls):
        names = _FIELD_NAMES[cls] = tuple(f.name for f in fields(cls))
    if names is not None:
        return {n: plain(getattr(value, n)) for n in names}
    if cls is list:
        return [plain(v) for v in value]
    if cls is dict:
        return {plain(k): plain(v) for k, v in value.items()}
    if cls is tuple:
        return tuple(plain(v) for v in value)
    return asdict_value(value)


def asdict_value(value):
    """Anything else (named tuples, subclasses): exactly as `dataclasses.asdict` would."""
    return asdict(_Box(value))["value"]


@dataclass
class _Box:
    value: object
