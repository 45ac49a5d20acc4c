"""The query layer's caches are bounded by the bytes they hold in private memory."""

from __future__ import annotations

import mmap

import numpy as np

from indexer.query import SearchIndex
from indexer.query.cache import LRUCache
from indexer.query.results import SearchRequest
from indexer.query.state import QUERY_CACHE_BYTES, _weigh
from tests.fixtures.query.builder import write_index
from tests.fixtures.query.corpus import PARTIES, STATEMENTS, TOPICS


def test_weight_is_bytes_of_owned_arrays_and_nothing_for_mapped_slices(tmp_path):
    a = np.zeros(1000, dtype=np.int64)
    assert _weigh(a) == 8000 + 64
    assert _weigh((a, a.astype(np.int32))) == 8064 + 4064 + 64
    f = tmp_path / "blob"
    f.write_bytes(b"\0" * 8000)
    with open(f, "rb") as fh:
        m = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        mapped = np.frombuffer(memoryview(m), dtype=np.int64)[10:]
        assert _weigh(mapped) == 64
        assert _weigh(np.frombuffer(m, dtype=np.uint8)) == 64
        del mapped
        m.close()


def test_a_parsed_query_weighs_its_stated_weight_and_its_matches_their_arrays(tmp_path):
    from indexer.query.parse import ParsedQuery
    from indexer.query.search import parsed_query

    write_index(tmp_path, STATEMENTS, PARTIES, TOPICS)
    state = SearchIndex(tmp_path)._current()
    with state.reader() as reader:
        parsed, matches = parsed_query(state, reader, "strike workers")
    assert isinstance(parsed, ParsedQuery) and parsed.tokens
    assert _weigh(parsed) == ParsedQuery.CACHE_WEIGHT == 4096

    def arrays(value, seen=()):  # the premise of a stated weight: no array anywhere inside
        if isinstance(value, np.ndarray):
            return 1
        if id(value) in seen or isinstance(value, (str, bytes, int, float, bool, type(None))):
            return 0
        seen = seen + (id(value),)
        if isinstance(value, dict):
            value = list(value.values())
        elif hasattr(value, "__dict__"):
            value = list(vars(value).values())
        elif not isinstance(value, (list, tuple, set, frozenset)):
            return 0
        return sum(arrays(v, seen) for v in value)

    assert arrays(parsed) == 0 and arrays(matches) >= 4
    arrays = matches.statements.nbytes + matches.strict.nbytes + matches.relaxed.nbytes + matches.in_text.nbytes
    assert arrays <= _weigh(matches) <= arrays + 64 * 10
    assert _weigh((parsed, matches)) == 4096 + _weigh(matches) + 64


def test_a_value_grown_past_the_bound_leaves_the_cache():
    cache = LRUCache(10, 1000, weigh=lambda v: len(v))
    cache.put("q", [1] * 100)
    cache.put("other", [1] * 100)
    assert cache.get("q") is not None
    cache.put("q", [1] * 5000)  # re-put after growing heavier than the bound
    assert cache.get("q") is None and cache.get("other") is not None
    assert cache._total == 100


def test_query_cache_keeps_its_byte_bound_and_weighs_matches_after_they_grow(tmp_path):
    write_index(tmp_path, STATEMENTS, PARTIES, TOPICS)
    ix = SearchIndex(tmp_path)
    for q in ("workers", "kazakhstan zzyzx", "peace workers strikes", '"trade union"'):
        for view in ("statements", "passages"):
            ix.search(SearchRequest(q=q, view=view))
    state = ix._state
    cache = state.query_cache
    assert 0 < cache._total <= QUERY_CACHE_BYTES
    parsed, matches = cache.get("kazakhstan zzyzx")
    assert matches.partial is not None  # filled by the search after the first put ...
    assert cache._weights["kazakhstan zzyzx"] == _weigh((parsed, matches))  # ... and weighed
    ix.close()
