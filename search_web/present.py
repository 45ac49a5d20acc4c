"""Turning query-layer answers into what the templates draw: labels, anchors, pages, facets.

Nothing here searches: these functions take the plain values of `indexer.results` (or the
dicts of `SearchIndex.document` / `.party`) and return small dicts and lists for Jinja.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date as date_cls

from indexer.query.results import FacetValue, SearchResponse
from indexer.query.sidecar_facets import field_label

from .params import FACETS, SORT_LABELS, SearchState, year_label, year_span

FACET_TOP = 10  # values shown before "Show all N"
FACET_TITLES = {"party": "Party", "year": "Year", "topic": "Topic"}
FACET_PLURALS = {"party": "parties", "year": "years", "topic": "topics"}
# Passage kinds labelled before their text: only those a reader can use (a paragraph, a
# title or any other kind goes unlabelled; a numbered point reads "Point 4").
KIND_LABELS = {"heading": "Heading", "signatories": "Signatories"}
HISTOGRAM_STEPS = 20  # bar heights are drawn in 5 % steps (CSS classes h0…h20)
HISTOGRAM_MAX_BARS = 60  # a longer span of years is drawn by decade

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


# -- passages ----------------------------------------------------------------------


def passage_anchor(point: str | None, position: int) -> str:
    """The element id of a passage on its statement page ("p-4", "p-II-2", else "c-<position>").

    The query layer owns the rule (its `document()` gives the same ids); this only forwards.
    """
    from indexer.query import anchor

    return anchor(point, position)


def passage_label(kind: str, point: str | None) -> str:
    """The short label shown before a passage: "Point 4", "Heading", "" for a plain paragraph."""
    if point:
        return f"Point {point}"
    return KIND_LABELS.get(kind, "")


# -- dates and numbers ---------------------------------------------------------------


def display_date(iso: str | None, year: int | None = None) -> str:
    """ "2022-01-18" -> "18 January 2022"; falls back to the year, then to ""."""
    if iso:
        try:
            d = date_cls.fromisoformat(iso)
            return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"
        except ValueError:
            return iso
    return str(year) if year else ""


def number(n: int) -> str:
    """1234567 -> "1,234,567"."""
    return f"{n:,}"


def count_phrase(n: int, singular: str, plural: str | None = None) -> str:
    """(1, "statement") -> "1 statement"; (23, "statement") -> "23 statements"."""
    word = singular if n == 1 else (plural or singular + "s")
    return f"{number(n)} {word}"


def quoted_query(q: str) -> str:
    """The query as a sentence quotes it: “strikes”; a query with quotes of its own is shown
    as typed ("council houses"), never quotes within quotes."""
    return q if '"' in q else f"\u201c{q}\u201d"


def sort_options(state: SearchState) -> list[tuple[str, str, bool]]:
    """(value, label, selected) of the sort box, agreeing with the order the page is in.

    The first option is the default (value ""): "Relevance" with a query, "Newest first"
    without one (relevance means nothing then), so the box never names another order than
    the one shown."""
    effective = state.effective_sort
    if state.q:
        options = [("", SORT_LABELS["relevance"], "relevance"), ("newest", SORT_LABELS["newest"], "newest")]
    else:
        options = [("", SORT_LABELS["newest"], "newest")]
    options.append(("oldest", SORT_LABELS["oldest"], "oldest"))
    return [(value, label, sort == effective) for value, label, sort in options]


def result_count_text(resp: SearchResponse, view: str) -> str:
    """The sentence the status region reads out: "23 statements" / "57 passages" / "No statements"."""
    noun = "passage" if view == "passages" else "statement"
    if resp.total == 0:
        return f"No {noun}s found"
    return count_phrase(resp.total, noun)


def party_short(p) -> str:
    """A party's short display name: its acronym when it has one, else its name."""
    get = p.get if isinstance(p, dict) else (lambda k, d="": getattr(p, k, d))
    return get("acronym", "") or get("name", "") or get("id", "")


def party_full(p) -> str:
    """ "Communist Party of Greece (KKE)" — name with acronym when it adds something."""
    get = p.get if isinstance(p, dict) else (lambda k, d="": getattr(p, k, d))
    name, acr = get("name", "") or get("id", ""), get("acronym", "")
    if acr and acr.lower() not in name.lower():
        return f"{name} ({acr})"
    return name


# -- pagination ----------------------------------------------------------------------


def page_window(page: int, pages: int, radius: int = 2) -> list[int | None]:
    """Page numbers to link, None marking a gap: (6, 50) -> [1, None, 4, 5, 6, 7, 8, None, 50]."""
    if pages <= 1:
        return [1]
    wanted = {1, pages, *range(max(1, page - radius), min(pages, page + radius) + 1)}
    out: list[int | None] = []
    prev = 0
    for n in sorted(wanted):
        if n - prev == 2:
            out.append(n - 1)
        elif n - prev > 2:
            out.append(None)
        out.append(n)
        prev = n
    return out


# -- facets --------------------------------------------------------------------------


@dataclass
class FacetItem:
    value: str
    label: str
    count: int
    selected: bool
    hidden: bool  # beyond the top values and not expanded (shown by "Show all" or the filter box)
    key: str  # "party:kke", for keeping focus across a JS refresh


@dataclass
class FacetBlock:
    name: str
    title: str
    plural: str
    items: list[FacetItem]
    total: int  # values in the facet
    expanded: bool
    expand_url_qs: str  # query string that shows every value
    filterable: bool
    extra_selected: list[str] = field(default_factory=list)  # selected values the list lacks


def year_range_box(state: SearchState) -> tuple[str, str, str]:
    """(from, to, value) of the year range the From/To boxes show: the first range selected
    (an open end stays empty); ("", "", "") when only single years are."""
    for v in state.years:
        span = year_span(v)
        if span.lo != span.hi:
            lo = "" if span.value.startswith("-") else str(span.lo)
            hi = "" if span.value.endswith("-") else str(span.hi)
            return lo, hi, span.value
    return "", "", ""


def _is_range(value: str) -> bool:
    try:
        span = year_span(value)
    except ValueError:
        return False
    return span.lo != span.hi


def facet_blocks(resp: SearchResponse, state: SearchState, top: int = FACET_TOP) -> list[FacetBlock]:
    """The sidebar's facets in order party, year, topic, with the long tails marked hidden.

    A year range is not listed among the single years: the From/To boxes show it (and any
    further range rides along as a hidden value)."""
    blocks = []
    boxed = year_range_box(state)[2]
    for name in FACETS:
        values: list[FacetValue] = list(resp.facets.get(name, []))
        if name == "year":
            values = [fv for fv in values if not _is_range(fv.value)]
        selected = set(state.values(name))
        expanded = name in state.expand
        items = []
        for i, fv in enumerate(values):
            is_sel = fv.selected or fv.value in selected
            label = fv.label or fv.value
            items.append(FacetItem(
                value=fv.value, label=label, count=fv.count, selected=is_sel,
                hidden=not expanded and i >= top and not is_sel, key=f"{name}:{fv.value}"))
        listed = {fv.value for fv in values}
        expand_state = state.with_changes(page=state.page, expand=tuple(dict.fromkeys([*state.expand, name])))
        blocks.append(FacetBlock(
            name=name, title=FACET_TITLES[name], plural=FACET_PLURALS[name], items=items,
            total=len(items), expanded=expanded or len(items) <= top,
            expand_url_qs=expand_state.query_string(),
            filterable=len(items) > top,
            extra_selected=[v for v in state.values(name) if v not in listed and v != boxed]))
    return blocks


@dataclass
class MoreFilter:
    """A sidecar field's facet under "More filters": checkboxes named filter=FIELD:VALUE."""

    field: str
    title: str
    items: list[FacetItem]
    open: bool  # named by facet= or filtered on


def more_filters(resp: SearchResponse, state: SearchState) -> list[MoreFilter]:
    """The faceted sidecar fields of the index, each with its values and counts."""
    out = []
    chosen = set(state.filters)
    for name, title in resp.sidecar_facets.items():
        items = []
        for fv in resp.facets.get(name, []):
            value = f"{name}:{fv.value}"
            items.append(FacetItem(value=value, label=fv.label or fv.value, count=fv.count,
                                   selected=fv.selected or value in chosen, hidden=False,
                                   key=f"filter:{value}"))
        is_open = name in state.facets or any(i.selected for i in items)
        out.append(MoreFilter(field=name, title=title, items=items, open=is_open))
    return out


def facet_labels(resp: SearchResponse) -> dict[str, dict[str, str]]:
    """{facet: {value: label}} from a response's facets (for chips and result lines)."""
    return {name: {fv.value: fv.label for fv in values} for name, values in resp.facets.items()}


@dataclass
class Chip:
    facet: str
    title: str  # "Party"
    label: str
    remove_qs: str  # query string of the state without this value


def chips(state: SearchState, labels: dict[str, dict[str, str]], extra_party_labels=None) -> list[Chip]:
    """One removable chip per selected filter value, in facet order."""
    out = []
    extra_party_labels = extra_party_labels or {}
    for name in FACETS:
        for v in state.values(name):
            if name == "year":
                label = year_label(v)
            else:
                label = labels.get(name, {}).get(v) or (extra_party_labels.get(v) if name == "party" else None) or v
            out.append(Chip(facet=name, title=FACET_TITLES[name], label=label,
                            remove_qs=state.toggle(name, v).query_string()))
    for item in state.filters:
        name, _, value = item.partition(":")
        out.append(Chip(facet="filter", title=field_label(name), label=value,
                        remove_qs=state.toggle("filter", item).query_string()))
    return out


# -- the year histogram -------------------------------------------------------------


@dataclass
class Bar:
    label: str  # "2017" or "1990s"
    value: str  # the year filter it sets: "2017" or "1990-1999"
    count: int
    height: int  # 0…HISTOGRAM_STEPS
    selected: bool
    qs: str  # query string of the state filtered to this bar ("" when count is 0)


def year_histogram(resp: SearchResponse, state: SearchState) -> list[Bar]:
    """Bars for every year (or decade, for a long span) between the first and last with results.

    Years without results inside the span get an empty bar, so the axis stays even; the
    bars inside a selected year or range are marked. Returns [] when fewer than two years
    have results.
    """
    counts: dict[int, int] = {}
    for fv in resp.facets.get("year", []):
        if fv.value.isdigit() and fv.count > 0:
            counts[int(fv.value)] = fv.count
    return year_bars(counts, state.years, lambda value: state.only("year", value).query_string())


def year_bars(counts: dict[int, int], selected: list[str], qs_for) -> list[Bar]:
    """Bars of counts per year (see year_histogram); qs_for(year value) is a bar's link."""
    if len(counts) < 2:
        return []
    lo, hi = min(counts), max(counts)
    if hi - lo + 1 <= HISTOGRAM_MAX_BARS:
        buckets = [(str(y), str(y), counts.get(y, 0)) for y in range(lo, hi + 1)]
    else:
        buckets = []
        for start in range(lo - lo % 10, hi + 1, 10):
            total = sum(c for y, c in counts.items() if start <= y <= start + 9)
            buckets.append((f"{start}s", f"{start}-{start + 9}", total))
    peak = max(c for _, _, c in buckets) or 1
    spans = [year_span(v) for v in selected]
    bars = []
    for label, value, count in buckets:
        height = 0 if count == 0 else max(1, math.ceil(count / peak * HISTOGRAM_STEPS))
        bar = year_span(value)
        in_range = any(s.lo <= bar.lo and bar.hi <= s.hi for s in spans)  # inside a selected span
        bars.append(Bar(label=label, value=value, count=count, height=height,
                        selected=value in selected or in_range, qs=qs_for(value) if count else ""))
    return bars


def bar_unit(bars: list[Bar]) -> str:
    """What one bar counts: "decade" when the span of years was drawn by decade, else "year"."""
    return "decade" if bars and bars[0].label.endswith("s") else "year"


def party_year_bars(party: dict) -> list[Bar]:
    """A party's statements per year as bars, each linking to its statements of that year."""
    counts: dict[int, int] = {}
    for st in party.get("statements", []):
        if isinstance(st.get("year"), int):
            counts[st["year"]] = counts.get(st["year"], 0) + 1
    return year_bars(counts, [], lambda value: SearchState(parties=[party["id"]], years=[value]).query_string())


# -- statement and party pages ----------------------------------------------------


def group_by_year(statements: list[dict]) -> list[tuple[str, list[dict]]]:
    """Statements (each with "year") grouped oldest year first; undated ones last, as "Undated"."""
    groups: dict[int | None, list[dict]] = {}
    for st in statements:
        groups.setdefault(st.get("year"), []).append(st)
    dated = sorted(k for k in groups if k is not None)
    out = [(str(y), groups[y]) for y in dated]
    if None in groups:
        out.append(("Undated", groups[None]))
    return out
