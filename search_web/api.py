"""The JSON API under /api: search, documents, parties, topics, years, info (see docs/api.md)."""

from __future__ import annotations

from flask import Blueprint, abort, jsonify, request, url_for

from indexer.query.settings import PARTY_FILTER_MAX, clip_query, SIMILAR_DEFAULT, SIMILAR_MAX

from . import present
from .caching import cached
from .index_holder import current_index
from .params import ParamError, parse_int, parse_search_args
from .service import run_search

bp = cached(Blueprint("api", __name__, url_prefix="/api"))


def _doc_url(doc_id: str, q: str = "") -> str:
    return url_for("views.document", doc_id=doc_id, **({"q": q} if q else {}))


@bp.get("/search")
def search():
    """The search page's parameters in, the query layer's SearchResponse out (plus urls)."""
    state = parse_search_args(request.args)
    resp = run_search(current_index(), state)
    data = resp.as_dict()
    data["sort"] = state.effective_sort
    data["view"] = state.view
    for res in data["results"]:
        url = res["url"] = _doc_url(res["doc_id"], q=state.q)
        for p in res["passages"]:
            p["anchor"] = present.passage_anchor(p.get("point"), p.get("position", 0))
            p["url"] = url + f"#{p['anchor']}" if p["anchor"] else url
    return jsonify(data)


@bp.get("/documents/<path:doc_id>")
def document(doc_id: str):
    """One statement with its passages; ?q= marks the query words in each passage's html."""
    q = clip_query(request.args.get("q", ""))
    doc = current_index().document(doc_id, q=q)
    if doc is None:
        abort(404, description=f"There is no statement with the id {doc_id!r}.")
    return jsonify({**doc, "url": _doc_url(doc_id)})


@bp.get("/documents/<path:doc_id>/similar")
def similar(doc_id: str):
    """The statements most similar to one statement by their text; ?limit=N (1-50, default 10)."""
    limit = parse_int("limit", request.args.get("limit", "").strip(), SIMILAR_DEFAULT, 1, SIMILAR_MAX)
    rows = current_index().similar(doc_id, limit=limit)
    if rows is None:
        abort(404, description=f"There is no statement with the id {doc_id!r}.")
    return jsonify({"doc_id": doc_id, "similar": [{**r, "url": _doc_url(r["doc_id"])} for r in rows]})


@bp.get("/parties")
def parties():
    """Every party that signed or is mentioned, with its count of signed statements; ?q= filters."""
    q = request.args.get("q", "").strip()
    if len(q) > PARTY_FILTER_MAX:
        raise ParamError(f"The filter is too long (at most {PARTY_FILTER_MAX} characters).")
    rows = [{**row, "url": url_for("views.party", party_id=row["id"])}
            for row in current_index().parties(q=q)]
    return jsonify({"q": q, "total": len(rows), "parties": rows})


@bp.get("/parties/<path:party_id>")
def party(party_id: str):
    rec = current_index().party(party_id)
    if rec is None:
        abort(404, description=f"There is no party with the id {party_id!r}.")
    out = {**rec, "url": url_for("views.party", party_id=party_id)}
    out["statements"] = [{**st, "url": _doc_url(st["doc_id"])} for st in rec.get("statements", [])]
    out["co_signers"] = [{**p, "url": url_for("views.party", party_id=p["id"])}
                         for p in rec.get("co_signers", [])]
    return jsonify(out)


@bp.get("/topics")
def topics():
    return jsonify({"topics": current_index().topics()})


@bp.get("/years")
def years():
    return jsonify({"years": current_index().years()})


@bp.get("/info")
def info():
    return jsonify(current_index().info())


@bp.route("/", defaults={"rest": ""})
@bp.route("/<path:rest>")
def unknown(rest: str):
    """Anything else under /api is a JSON 404 (not the HTML page)."""
    abort(404, description=f"There is no API endpoint /api/{rest}.")
