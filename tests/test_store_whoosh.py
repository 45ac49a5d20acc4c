"""The Whoosh internals the store relies on are the ones of the pinned version.

indexer/store reads posting blocks, length columns and the reader's term encoding through
private parts of Whoosh 2.7.5 (postings.py, whoosh_tuning.py). A different Whoosh must
fail here first, not as wrong search results.
"""

from __future__ import annotations

import importlib.metadata
import re
from pathlib import Path

import numpy as np
from whoosh.codec import whoosh3
from whoosh.reading import SegmentReader
from whoosh.util.numeric import byte_to_length

from indexer.query import tree
from indexer.store.postings import field_lengths
from indexer.store.reader import Snapshot
from indexer.store.whoosh_tuning import _cached_reader
from indexer.store import generations as store
from tests.fixtures.query.builder import St, write_index


def test_whoosh_version_is_the_one_the_private_calls_were_written_for():
    assert importlib.metadata.version("whoosh-reloaded") == "2.7.5"


def test_private_parts_used_by_the_store_exist():
    for name in ("_read_data", "_goto"):
        assert callable(getattr(whoosh3.W3LeafMatcher, name))
    assert whoosh3.LENGTHS_COLUMN is not None
    assert whoosh3.W3PerDocReader._cached_reader is _cached_reader  # the tuning patch is applied
    assert callable(SegmentReader._text_to_bytes)
    assert [byte_to_length(i) for i in (0, 1, 2, 10)] == [0, 1, 2, 10]


def test_decoded_postings_and_lengths_equal_whoosh_walking_them(tmp_path):
    text = "strike " * 3 + "workers strike again; " * 2
    sts = [St(f"d{i}", f"Title {i}", [("paragraph", text if i % 2 else "other words here"),
                                      ("paragraph", "strike " * (i + 1))], date="2020-01-01")
           for i in range(300)]  # more than one posting block of 128
    write_index(tmp_path, sts)
    snap = Snapshot(store.current_generation(tmp_path))
    try:
        with snap.reading() as r:
            docs, weights = r.postings("text", "strike")
            _, _, pos_docs, positions = r.postings_positions("text", "strike")
        with snap.ix.searcher() as s:
            m = s.postings("text", b"strike")
            want_docs, want_w, want_pos = [], [], []
            while m.is_active():
                want_docs.append(m.id())
                want_w.append(m.weight())
                want_pos.extend((m.id(), p) for p in m.value_as("positions"))
                m.next()
            want_len = [s.reader().doc_field_length(d, "text", 0) for d in range(s.doc_count_all())]
        assert docs.tolist() == want_docs and len(docs) == 450
        assert weights.tolist() == want_w
        assert list(zip(pos_docs.tolist(), positions.tolist())) == want_pos
        lengths = snap.field_lengths("text")
        np.testing.assert_array_equal(lengths, np.array(want_len, dtype=np.float64))
        with snap.ix.searcher() as s:
            assert field_lengths(s.reader(), "text", s.doc_count_all()).tolist() == want_len
    finally:
        snap.close()


def test_only_the_store_imports_whoosh():
    root = Path(__file__).resolve().parents[1]
    found = sorted(
        str(p.relative_to(root)) for folder in ("indexer", "search_web") for p in (root / folder).rglob("*.py")
        if re.search(r"^\s*(import whoosh|from whoosh)", p.read_text("utf-8"), re.M)
        and (root / "indexer" / "store") not in p.parents
    )
    assert found == []
    assert tree.and_([tree.Term("text", "a"), tree.NULL]) == tree.Term("text", "a")
