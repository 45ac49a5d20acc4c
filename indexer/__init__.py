"""statement-search's indexer: statements on disk -> a Whoosh index of passages -> search.

The Python API under the command line (`python -m indexer --help`)::

    from indexer import build_index, update_index, SearchIndex, SearchRequest

    build_index("seeds", "index")                 # full rebuild, swapped in atomically
    update_index("seeds", "index")                # new, changed and deleted files only
    index_stats("index").to_dict()                # what `python -m indexer stats --json` prints
    hits = SearchIndex("index").search(SearchRequest(q="strikes", parties=["kke-gr"]))
"""

from __future__ import annotations

__all__ = ["build_index", "update_index", "index_stats", "IndexStats", "BuildFailed", "BuildReport",
           "SearchIndex", "SearchRequest", "Snapshot"]


def __getattr__(name: str):
    # Imported on first use, so that `python -m indexer --help` stays quick.
    if name == "build_index":
        from indexer.write.build import build_index

        return build_index
    if name == "update_index":
        from indexer.write.update import update_index

        return update_index
    if name in ("BuildFailed", "BuildReport"):
        from indexer.write import report

        return getattr(report, name)
    if name in ("index_stats", "IndexStats"):
        from indexer import stats

        return getattr(stats, name)
    if name == "SearchIndex":
        from indexer.query import SearchIndex

        return SearchIndex
    if name == "SearchRequest":
        from indexer.query.results import SearchRequest

        return SearchRequest
    if name == "Snapshot":
        from indexer.store.reader import Snapshot

        return Snapshot
    raise AttributeError(f"module 'indexer' has no attribute {name!r}")
