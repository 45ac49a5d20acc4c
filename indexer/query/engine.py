"""SearchIndex: the query layer's entry point (search, statements, parties, topics, years).

One SearchIndex serves one index directory. It keeps the generation that `current` points
to open (an IndexState) and, at most once per call, checks whether `current` has moved;
if so it opens the new generation and serves from it. Every call borrows a store reader
of its own, so the object can be shared by the web server's threads.

The work is done by search.py (a search, in steps), browse.py (a statement, the
parties, topics and years) and similar.py (more like this).
"""

from __future__ import annotations

import threading
from pathlib import Path

from indexer.query import browse, similar
from indexer.query.browse import anchor
from indexer.query.results import SearchRequest, SearchResponse
from indexer.query.search import parsed_query, search
from indexer.query.state import IndexState
from indexer.store import generations as store

__all__ = ["SearchIndex", "anchor"]


class SearchIndex:
    """Search over the index in `index_dir`; re-opens by itself when `current` moves."""

    def __init__(self, index_dir: Path | str):
        self.index_dir = Path(index_dir)
        self._lock = threading.Lock()
        self._retired: list[IndexState] = []
        gen = store.require_generation(self.index_dir)
        self._state = IndexState(gen)

    def _current(self) -> IndexState:
        """The state of the generation `current` points to (opened when it moved)."""
        state = self._state
        gen = store.current_generation(self.index_dir)
        if gen is None or gen == state.gen:
            return state
        with self._lock:
            state = self._state
            if gen == state.gen:
                return state
            try:
                new = IndexState(gen)
            except Exception:
                return state  # a generation being replaced again: keep serving the old one
            # keep the previous state one swap longer, for requests still using it
            for old in self._retired:
                old.close()
            self._retired = [state]
            self._state = new
            return new

    def close(self) -> None:
        with self._lock:
            for old in self._retired:
                old.close()
            self._retired = []
            self._state.close()

    def search(self, request: SearchRequest) -> SearchResponse:
        """Run a search. Raises QueryError (a ValueError) for invalid parameters only."""
        return search(self._current(), request)

    def document(self, doc_id: str, q: str = "") -> dict | None:
        """The statement with its passages highlighted for q (see browse.document)."""
        return browse.document(self._current(), doc_id, parsed_query, q)

    def similar(self, doc_id: str, limit: int = similar.DEFAULT_LIMIT) -> list[dict] | None:
        """The statements most like one statement by their text (see similar.py)."""
        return similar.similar(self._current(), doc_id, limit)

    def parties(self, q: str = "") -> list[dict]:
        return browse.parties(self._current(), q)

    def party(self, party_id: str) -> dict | None:
        return browse.party(self._current(), party_id)

    def topics(self) -> list[dict]:
        return browse.topics(self._current())

    def years(self) -> list[dict]:
        return browse.years(self._current())

    def info(self) -> dict:
        return browse.info(self._current())

    def sidecar_fields(self) -> list[str]:
        """Names of the sidecar fields the statements carry (the exports' extra columns)."""
        return browse.sidecar_fields(self._current())
