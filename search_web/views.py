"""The HTML pages: search, statement, party and the parties index."""

from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, request, url_for
from markupsafe import Markup, escape

from indexer.query.settings import PARTY_FILTER_MAX

from . import present
from .index_holder import current_index
from .params import ParamError, SearchState, parse_search_args
from .feed import feed_state
from .service import run_search, topic_labels

bp = Blueprint("views", __name__)


def _search_href(state: SearchState) -> str:
    qs = state.query_string()
    return url_for("views.search") + (f"?{qs}" if qs else "")


@bp.get("/")
def search():
    """The search page: query box, results, facets, pagination; all state in the URL."""
    state = parse_search_args(request.args)
    if state.folded_range:
        # A range typed into the year boxes: answer with the canonical URL (year=A-B).
        return redirect(_search_href(state), code=303)
    index = current_index()
    resp = run_search(index, state, facets=["*"])
    labels = present.facet_labels(resp)
    topics = dict(labels.get("topic", {}))
    if any(t not in topics for r in resp.results for t in r.topics):
        topics = {**topic_labels(index), **topics}
    out_of_range = resp.total > 0 and not resp.results and state.page > resp.pages
    ctx = {
        "state": state,
        "resp": resp,
        "count_text": present.result_count_text(resp, state.view),
        "facets": present.facet_blocks(resp, state),
        "histogram": present.year_histogram(resp, state),
        "chips": present.chips(state, labels),
        "clear_qs": state.without_filters().query_string(),
        "page_links": present.page_window(resp.page, resp.pages),
        "page_qs": lambda n: state.with_changes(page=n).query_string(),
        "topic_labels": topics,
        "offset": (resp.page - 1) * resp.per_page,
        "export_qs": state.with_changes(expand=(), view="statements").query_string(),
        "export_passages_qs": state.with_changes(expand=(), view="passages").query_string(),
        "feed_url": url_for("feed.atom") + (f"?{feed_qs}" if (feed_qs := feed_state(state).query_string()) else ""),
        "sort_options": present.sort_options(state),
        "year_box": present.year_range_box(state),
        "doc_qs": state.with_changes(page=state.page, expand=()).query_string(),
        "suggestion_qs": state.with_changes(q=resp.suggestion, literal=False).query_string() if resp.suggestion else "",
        "corrected_qs": state.with_changes(q=resp.corrected, literal=False).query_string() if resp.corrected else "",
        "literal_qs": state.with_changes(literal=True).query_string(),
        "more_filters": present.more_filters(resp, state),
        "out_of_range": out_of_range,
        "info": index.info(),
    }
    return render_template("search.html", **ctx)


@bp.get("/doc/<path:doc_id>")
def document(doc_id: str):
    """One statement: metadata, signatories, every passage with anchors, query words marked."""
    index = current_index()
    back = parse_search_args(request.args, lenient=True)
    doc = index.document(doc_id, q=back.q)
    if doc is None:
        abort(404, description=f"There is no statement with the id {doc_id!r} in the index.")
    passages = []
    title = (doc.get("title") or "").strip()
    for p in doc.get("passages", []):
        if p.get("kind") == "title" and (p.get("text") or "").strip() == title:
            continue  # the heading of the page already shows it
        html = p.get("html")
        passages.append({
            **p,
            "html": Markup(html) if html is not None else escape(p.get("text", "")),
            "anchor": p.get("anchor") or present.passage_anchor(p.get("point"), p.get("position", 0)),
            # a heading is set as a heading here: a "Heading" label over it says nothing
            "label": "" if p.get("kind") == "heading" else present.passage_label(p.get("kind", ""), p.get("point")),
            "hit": bool(back.q and html and "<mark>" in html),
        })
    first_hit = next((p["anchor"] for p in passages if p["hit"]), None)
    labels = topic_labels(index)
    return render_template(
        "document.html",
        doc=doc,
        passages=passages,
        hits=sum(1 for p in passages if p["hit"]),
        first_hit=first_hit,
        q=back.q,
        back_qs=back.with_changes(page=back.page, expand=()).query_string(),
        topics=[{"id": t, "label": labels.get(t, t)} for t in doc.get("topics", [])],
        similar=index.similar(doc["doc_id"]) or [],
        info=index.info(),
    )


@bp.get("/party/<path:party_id>")
def party(party_id: str):
    """One party: names, every statement it signed by year, its most frequent co-signers."""
    index = current_index()
    rec = index.party(party_id)
    if rec is None:
        abort(404, description=f"There is no party with the id {party_id!r} in the index.")
    return render_template(
        "party.html",
        party=rec,
        years=present.group_by_year(rec.get("statements", [])),
        year_bars=present.party_year_bars(rec),
        info=index.info(),
    )


@bp.get("/parties")
def parties():
    """Every party with the number of statements it signed; ?q= filters by name, acronym, country."""
    q = request.args.get("q", "").strip()
    if len(q) > PARTY_FILTER_MAX:
        raise ParamError(f"The filter is too long (at most {PARTY_FILTER_MAX} characters).")
    index = current_index()
    rows = index.parties(q=q)
    total = len(index.parties()) if q else len(rows)
    return render_template("parties.html", parties=rows, q=q, total=total, info=index.info())
