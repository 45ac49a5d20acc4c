"""Statement records kept compact and decoded when asked for (indexer/store/records.py)."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.store import generations as store
from indexer.store.reader import Snapshot
from indexer.store.records import Records

_JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
                     lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
                     max_leaves=12)


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.text(min_size=1).filter(lambda s: "\0" not in s),
                       st.dictionaries(st.text(), _JSON, max_size=6), max_size=20))
def test_records_give_back_what_they_were_given_in_order(records):
    expected = json.loads(json.dumps(records))  # what documents.json gives
    given_ = json.loads(json.dumps(records))
    got = Records(given_)
    assert given_ == {}  # taken over
    assert len(got) == len(expected) and list(got) == list(expected)
    for doc_id, rec in expected.items():
        assert doc_id in got and got[doc_id] == rec and got.get(doc_id) == rec
    assert dict(got.items()) == expected and got == expected


def test_a_record_handed_out_is_the_callers_own_copy():
    got = Records({"a/1": {"title": "One", "signatories": ["kke"], "extra": {"genre": "x"}}, "b": {}})
    rec = got["a/1"]
    rec["title"] = "changed"
    rec["signatories"].append("pcf")
    assert got["a/1"] == {"title": "One", "signatories": ["kke"], "extra": {"genre": "x"}}
    assert got["b"] == {} and "c" not in got and got.get("c", 7) == 7
    with pytest.raises(KeyError):
        got["c"]
    assert len(Records({})) == 0 and list(Records({})) == []


def test_a_snapshot_holds_the_records_of_documents_json(web_index_dir):
    gen = store.current_generation(web_index_dir)
    on_disk = json.loads((gen / "documents.json").read_text("utf-8"))
    snap = Snapshot(gen)
    try:
        assert isinstance(snap.documents, Records)
        assert dict(snap.documents.items()) == on_disk["documents"] and len(snap.documents) >= 6
        assert snap.meta["built_at"] == on_disk["built_at"] and "documents" not in snap.meta
        doc_id = next(iter(on_disk["documents"]))
        assert snap.document(doc_id)["title"] == on_disk["documents"][doc_id]["title"]
    finally:
        snap.close()
