"""The query layer: search with facets, highlights and did-you-mean over a built index.

    from indexer.query import SearchIndex, QueryError
    ix = SearchIndex(index_dir)
    resp = ix.search(SearchRequest(q="strikes", parties=["kke-gr"]))

See engine.py for the steps of a search and parse.py for the query language.
"""

from indexer.query.engine import SearchIndex, anchor
from indexer.query.params import QueryError

__all__ = ["SearchIndex", "QueryError", "anchor"]
