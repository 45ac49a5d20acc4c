"""Calls into the query layer that several views share, with its errors turned into ours."""

from __future__ import annotations

from indexer.query.results import Result, SearchResponse
from indexer.query.settings import clip_note

from .params import ParamError, SearchState

EXPORT_PAGE = 100  # the query layer's largest page


def run_search(index, state: SearchState, **overrides) -> SearchResponse:
    """`index.search` for a state; a parameter the query layer refuses becomes a ParamError (400)."""
    try:
        resp = index.search(state.to_request(**overrides))
    except ValueError as exc:
        raise ParamError(str(exc) or "The search parameters could not be used.") from None
    if state.typed_chars:
        resp.messages.insert(0, clip_note(state.typed_chars, len(state.q)))
    return resp


def topic_labels(index) -> dict[str, str]:
    """{topic id: label} of every topic the index knows."""
    return {t["id"]: t["label"] for t in index.topics()}


def iter_all_statements(index, state: SearchState, limit: int):
    """Every statement matching `state` (statements view, in its sort order), at most `limit`.

    Returns (first response, list of Result). Pages through the query layer 100 at a time.
    """
    first = run_search(index, state, view="statements", page=1, per_page=EXPORT_PAGE)
    results: list[Result] = list(first.results[:limit])
    total = min(first.total, limit)
    page = 1
    while len(results) < total:
        page += 1
        resp = run_search(index, state, view="statements", page=page, per_page=EXPORT_PAGE)
        if not resp.results:
            break
        results.extend(resp.results[: total - len(results)])
    return first, results
