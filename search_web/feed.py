"""Follow a search: /feed.atom?q=…&party=…&year=…&topic=… is an Atom feed of the newest
statements matching it, so that a feed reader shows each new statement as it is indexed.

The feed takes the search page's query and filters (sort, page, per_page and view are
fixed: the FEED_ENTRIES newest statements). Each entry is a statement: its title, date,
signatories and best passages, and a link that opens it with the query's words marked.
Like the API, the feed carries Cache-Control and an ETag per index generation.
"""

from __future__ import annotations

from flask import Blueprint, Response, current_app, render_template, request, url_for

from . import present
from .caching import cached
from .index_holder import current_index
from .params import SearchState, parse_search_args
from .service import run_search

bp = cached(Blueprint("feed", __name__))


def feed_state(state: SearchState) -> SearchState:
    """The state a feed follows: the query and the filters, nothing else."""
    return SearchState(q=state.q, parties=list(state.parties), years=list(state.years),
                       topics=list(state.topics), filters=list(state.filters), literal=state.literal)


def atom_time(iso_date: str | None, year: int | None, fallback: str) -> str:
    """An RFC 3339 time for Atom: a statement's date at midnight UTC, else the first day of
    its year (so that an entry's time does not move with every rebuild), else `fallback`."""
    if iso_date and len(iso_date) == 10:
        return f"{iso_date}T00:00:00Z"
    if year:
        return f"{int(year):04d}-01-01T00:00:00Z"
    return fallback


def feed_title(state: SearchState, labels: dict[str, dict[str, str]] | None = None) -> str:
    """ "Statements matching “strikes”, party Communist Party of Turkey (TKP), year 2019" /
    "Newest statements": the filters named as the page's chips name them."""
    parts = []
    if state.q:
        parts.append(f"Statements matching {present.quoted_query(state.q)}")
    groups: dict[str, list[str]] = {}
    for chip in present.chips(state, labels or {}):
        groups.setdefault(chip.title, []).append(chip.label)
    for title, values in groups.items():
        parts.append(f"{title.lower()} {' or '.join(values)}")
    return ", ".join(parts) if parts else "Newest statements"


@bp.get("/feed.atom")
def atom():
    """The newest statements matching the search, as an Atom 1.0 feed."""
    state = feed_state(parse_search_args(request.args))
    index = current_index()
    n = int(current_app.config["FEED_ENTRIES"])
    resp = run_search(index, state.with_changes(sort="newest", per_page=n))
    built = index.info().get("built_at") or "1970-01-01T00:00:00Z"
    qs = state.query_string()
    entries = []
    for r in resp.results:
        link = url_for("views.document", doc_id=r.doc_id, _external=True, **({"q": state.q} if state.q else {}))
        entries.append({
            "id": url_for("views.document", doc_id=r.doc_id, _external=True),
            "title": r.title or r.doc_id,
            "link": link,
            "updated": atom_time(r.date, r.year, built),
            "parties": [present.party_full(p) for p in r.parties],
            "summary": " … ".join(p.text for p in r.passages),
        })
    body = render_template(
        "feed.xml",
        title=feed_title(state, present.facet_labels(resp)),
        self_url=url_for("feed.atom", _external=True) + (f"?{qs}" if qs else ""),
        page_url=url_for("views.search", _external=True) + (f"?{qs}" if qs else ""),
        updated=max([e["updated"] for e in entries], default=built),
        entries=entries,
        total=resp.total,
    )
    return Response(body, mimetype="application/atom+xml", content_type="application/atom+xml; charset=utf-8")
