"""The fast segment writer writes exactly the bytes Whoosh's own writer writes (and the
same positions file)."""

from __future__ import annotations

import random
import zlib
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh.codec import whoosh3
from whoosh.index import open_dir
from whoosh.writing import SegmentWriter

from indexer.read.document import read_source
from indexer.store.positions_file import Recorder
from indexer.store.segment_writer import FastSegmentWriter, GroupedPool, POSTING_COMPRESSION, posting_codec
from indexer.store import whoosh_tuning
from indexer.store.writer import create_index, save_positions
from indexer.write.records import passage_fields
from indexer.write.workers import warm_analyser

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
UK = CORPUS / "uk_manifestos"


def _records() -> list[dict]:
    """Passages of real manifestos, then generated ones: a word in hundreds of passages
    (several posting blocks), words outside ASCII, a repeated title (and a passage without
    it), a text repeated, empty facets, no year."""
    analyser = warm_analyser()
    recs = []
    for path in sorted((UK / "docs").glob("*.txt"))[:3]:
        doc = analyser.analyse(read_source(path, UK, None))
        recs.extend(passage_fields(doc, p) for p in doc.passages)
    rng = random.Random(7)
    words = ["peace", "workers", "Ελλάδα", "naïve", "Zürich", "über", "strike", "strikes", "the", "2015", "300,000",
             "U.S.", "déjà", "Ωμέγα", "labour", "nationalisation", "şehir", "peace"]
    for i in range(700):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(0, 40)))
        rec = {"chunk_id": f"gen#{i}", "doc_id": f"gen/{i // 50}", "kind": "paragraph", "point": None,
               "position": i % 50, "title": f"Generated statement {i // 50} über peace", "text": text,
               "party": "kke-gr" if i % 3 else "", "mentioned": "pcf-fr pce-es" if i % 5 == 0 else "",
               "topic": "labour peace" if i % 2 else "", "passage_topic": "labour" if i % 7 == 0 else ""}
        if i % 11:
            rec["year"] = 1990 + i % 30
        if i % 13 == 0:
            rec["title"] = None  # a passage without the statement's title between two with it
        if i % 17 == 0:
            rec["text"] = recs[-1]["text"]  # the same text on two passages running
        recs.append(rec)
    return recs


class WhooshRecording(SegmentWriter):
    """Whoosh's own writer, its sorted postings also passed through a positions file's
    `Recorder`."""

    def _flush_segment(self):
        self.recorder = Recorder(["text", "title"])
        pool_iter = self.pool.iter_postings
        self.pool.iter_postings = lambda: self.recorder.tee(pool_iter())
        super()._flush_segment()


def _segment_files(tmp: Path, writer_class, recs, positions: bool = True) -> dict[str, bytes]:
    gen = tmp / writer_class.__name__
    gen.mkdir()
    create_index(gen)
    w = writer_class(open_dir(str(gen)), _lk=False, compound=False, codec=posting_codec())
    for rec in recs:
        w.add_document(**rec)
    seg = w._finalize_segment()
    if positions:
        save_positions(w)
    return {f.name.replace(seg.segid, "SEG"): f.read_bytes() for f in gen.iterdir() if seg.segid in f.name}


def test_fast_writer_writes_the_bytes_whoosh_writes(tmp_path):
    recs = _records()
    ours = _segment_files(tmp_path, FastSegmentWriter, recs)
    whoosh = _segment_files(tmp_path, WhooshRecording, recs)
    assert sorted(ours) == sorted(whoosh)
    assert {n for n in ours if n.endswith((".pst", ".trm", ".pos"))} == {"MAIN_SEG.pst", "MAIN_SEG.trm", "MAIN_SEG.pos"}
    for name in whoosh:
        assert ours[name] == whoosh[name], name
    assert len(ours["MAIN_SEG.pst"]) > 100_000


def test_segments_are_written_with_the_posting_codec(tmp_path):
    create_index(tmp_path)
    w = FastSegmentWriter(open_dir(str(tmp_path)), _lk=False)
    assert w.codec._compression == POSTING_COMPRESSION == 1
    w.cancel()


def _postings_whoosh_reads(gen: Path, monkeypatch, protocol: int) -> tuple[dict, list[bytes]]:
    """Write `_records()` into `gen` with Whoosh's codec pickling at `protocol`; then what
    Whoosh reads back: {(field, term): (docs, weights, values)}, and the first bytes of
    every posting block's unpickled data."""
    monkeypatch.setattr(whoosh_tuning, "POSTING_PICKLE_PROTOCOL", protocol)
    gen.mkdir()
    create_index(gen)
    w = FastSegmentWriter(open_dir(str(gen)), _lk=False)
    for rec in _records():
        w.add_document(**rec)
    w.commit()
    monkeypatch.undo()
    read, heads = {}, []
    with open_dir(str(gen)).searcher() as s:
        r = s.reader()
        for field, btext in r.all_terms():
            m = r.postings(field, btext)
            docs, weights, values = [], [], []
            while m.is_active():
                if isinstance(m, whoosh3.W3LeafMatcher) and m._i == 0:  # a block's first posting
                    raw = m._postfile.get(m._dataoffset, m._nextoffset - m._dataoffset)
                    heads.append(zlib.decompress(raw)[:2] if m._compression else raw[:2])
                docs.append(m.id())
                weights.append(m.weight())
                values.append(m.value())
                m.next()
            read[field, btext] = (docs, weights, values)
    return read, heads


def test_posting_blocks_pickled_at_protocol_4_read_back_as_at_whoosh_s_2(tmp_path, monkeypatch):
    old, old_heads = _postings_whoosh_reads(tmp_path / "p2", monkeypatch, 2)
    new, new_heads = _postings_whoosh_reads(tmp_path / "p4", monkeypatch, 4)
    assert whoosh_tuning.POSTING_PICKLE_PROTOCOL == 4
    assert new == old
    assert len(new) > 2000 and max(len(d) for d, _, _ in new.values()) > 900  # terms of several blocks
    assert sum(isinstance(v, bytes) for _, _, values in new.values() for v in values) > 20_000  # positions
    assert len(new_heads) == len(old_heads) > 2000
    assert set(old_heads) == {b"\x80\x02"} and set(new_heads) == {b"\x80\x04"}
    size = lambda gen: sum(f.stat().st_size for f in gen.glob("*.seg"))  # noqa: E731
    assert size(tmp_path / "p4") < 0.9 * size(tmp_path / "p2")


postings = st.lists(st.tuples(st.sampled_from(["text", "title", "party"]),
                              st.sampled_from([b"a", b"b", b"\xc3\xa9", b"zz"]),
                              st.integers(0, 500), st.floats(0.5, 8.0), st.sampled_from([b"", b"\x01\x02"])),
                    max_size=60, unique_by=lambda p: (p[0], p[1], p[2]))


@settings(max_examples=200, deadline=None)
@given(postings)
def test_grouped_pool_gives_postings_in_whoosh_order(items):
    pool = GroupedPool()
    for item in items:
        pool.add(item)
    assert list(pool.iter_postings()) == sorted(items)


def test_a_text_already_cut_into_words_keeps_the_postings_in_document_order(tmp_path):
    """A list of words (which Whoosh indexes as it is) between plain texts: the passages
    gathered before it reach the pool first, so the bytes are Whoosh's own (no positions
    file here: it reads a passage's surface words from its text as written)."""
    recs = [{"chunk_id": f"c{i}", "doc_id": "d/0", "kind": "paragraph", "point": None, "position": i,
             "title": "Peace", "text": text, "party": "kke-gr", "mentioned": "", "topic": "", "passage_topic": ""}
            for i, text in enumerate(["peace workers", ["peace"], "peace", ("strike", "peace"), "workers peace"])]
    ours = _segment_files(tmp_path, FastSegmentWriter, recs, positions=False)
    whoosh = _segment_files(tmp_path, SegmentWriter, recs, positions=False)
    assert sorted(ours) == sorted(whoosh)
    for name in whoosh:
        assert ours[name] == whoosh[name], name
    root = tmp_path / "index"
    root.mkdir()
    create_index(root)
    w = FastSegmentWriter(open_dir(str(root)), codec=posting_codec())
    for rec in recs:
        w.add_document(**rec)
    w.commit()
    with open_dir(str(root)).searcher() as s:
        assert list(s.reader().postings("text", b"peace").all_ids()) == [0, 1, 2, 3, 4]
        assert list(s.reader().postings("text", b"strike").all_ids()) == [3]


def _postings_after_updates(root: Path, writer_class) -> dict:
    """Every posting (document, weight, value) of an index written in three commits: the
    third deletes two statements, adds passages with boosts (Whoosh's own add_document)
    and one cut into words, and merges the segments."""
    rng = random.Random(1)
    words = ["peace", "the", "strike", "strikes", "workers", "Ελλάδα", "of", "naïve", "labour", "2015"]
    recs = [{"chunk_id": f"c{i}", "doc_id": f"d/{i // 4}", "kind": "paragraph", "point": None, "position": i % 4,
             "title": f"Title {i // 4} peace", "text": " ".join(rng.choice(words) for _ in range(rng.randint(0, 30))),
             "party": "kke-gr", "mentioned": "", "topic": "labour", "passage_topic": "", "year": 2000 + i % 5}
            for i in range(60)]
    recs[51] = dict(recs[51], _boost=2.0)
    recs[53] = dict(recs[53], _text_boost=3.0)
    recs[55] = dict(recs[55], text=["peace", "workers"])
    root.mkdir()
    create_index(root)
    for k, batch in enumerate([recs[:40], recs[40:48], recs[48:]]):
        w = writer_class(open_dir(str(root)), codec=posting_codec())
        if k == 2:
            w.delete_by_term("doc_id", "d/1")
            w.delete_by_term("doc_id", "d/10")
        for rec in batch:
            w.add_document(**rec)
        w.commit(optimize=k == 2)
    ix = open_dir(str(root))
    assert len(ix._segments()) == 1
    out = {}
    with ix.searcher() as s:
        reader = s.reader()
        for field, term in reader.all_terms():
            m = reader.postings(field, term)
            out[field, term] = []
            while m.is_active():
                out[field, term].append((m.id(), m.weight(), m.value()))
                m.next()
    return out


def test_updates_with_deletions_then_a_merge_give_whoosh_s_postings(tmp_path):
    ours = _postings_after_updates(tmp_path / "fast", FastSegmentWriter)
    whoosh = _postings_after_updates(tmp_path / "whoosh", SegmentWriter)
    assert ours == whoosh
    peace = [d for d, _, _ in ours["text", b"peace"]]
    assert len(ours) > 40 and len(peace) > 10 and peace == sorted(peace)
