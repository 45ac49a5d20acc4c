"""The one `SearchIndex` of an app, opened on first use and retried while there is none.

A server may start before the first build has published an index: every request then
gets a 503 page saying how to build one, and the first request after the build opens it
without a restart. Once open, the query layer follows `current` to new generations itself.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from indexer.store import generations as store

log = logging.getLogger(__name__)

BUILD_HINT = "build the index with python -m indexer build --source DIR --index DIR"


class IndexUnavailable(Exception):
    """No index can be served; the message says why and how to build one."""


class IndexHolder:
    """Opens `indexer.query.SearchIndex(index_dir)` once, thread-safely, and hands it out."""

    def __init__(self, index_dir: Path | str, factory=None):
        self.index_dir = Path(index_dir)
        self._factory = factory
        self._index = None
        self._lock = threading.Lock()

    def _make(self):
        if self._factory is not None:
            return self._factory(self.index_dir)
        from indexer.query import SearchIndex

        return SearchIndex(self.index_dir)

    def get(self):
        """The open SearchIndex; raises IndexUnavailable when there is no index to serve."""
        index = self._index
        if index is not None:
            return index
        with self._lock:
            if self._index is not None:
                return self._index
            if store.current_generation(self.index_dir) is None:
                raise IndexUnavailable(f"There is no search index at {self.index_dir}: {BUILD_HINT}.")
            try:
                self._index = self._make()
            except store.IndexMissing:
                raise IndexUnavailable(f"There is no search index at {self.index_dir}: {BUILD_HINT}.") from None
            except Exception as exc:  # a damaged or half-copied index: say so, keep serving pages
                log.exception("could not open the index at %s", self.index_dir)
                raise IndexUnavailable(
                    f"The search index at {self.index_dir} could not be opened "
                    f"({type(exc).__name__}); rebuild it: {BUILD_HINT}.") from None
            return self._index


EXTENSION_KEY = "statement_search"


def current_index():
    """The SearchIndex of the app handling the current request (raises IndexUnavailable)."""
    from flask import current_app

    return current_app.extensions[EXTENSION_KEY].get()
