"""Calls into the query layer that several views share, with its errors turned into ours."""

from __future__ import annotations

from collections.abc import Iterator

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


def iter_results(index, state: SearchState, limit: int) -> tuple[SearchResponse, Iterator[Result]]:
    """Every result matching `state` in its view and sort order, at most `limit`.

    Returns (first response, an iterator of Result) at once: the first page is searched now
    (so a bad parameter raises here), the others only as the iterator is read, EXPORT_PAGE
    at a time, so that no more than one page is held.
    """
    first = run_search(index, state, page=1, per_page=EXPORT_PAGE)
    wanted = min(first.total, limit)

    def results() -> Iterator[Result]:
        sent, page, resp = 0, 1, first
        while True:
            for res in resp.results:
                if sent >= wanted:
                    return
                yield res
                sent += 1
            if sent >= wanted or not resp.results:
                return
            page += 1
            resp = run_search(index, state, page=page, per_page=EXPORT_PAGE)

    return first, results()
