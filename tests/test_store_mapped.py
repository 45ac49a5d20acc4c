"""Segments are read in place through the memory map (indexer/store/mapped_files.py)."""

from __future__ import annotations

import io
import pickle

from whoosh.filedb.structfile import BufferFile

from indexer.store.mapped_files import MappedReader
from indexer.store.reader import Snapshot


def test_mapped_reader_reads_like_bytesio():
    data = b"first line\nsecond\n" + pickle.dumps({"a": [1, 2, 3]}) + b"tail"
    view = memoryview(bytearray(data))
    ours, theirs = MappedReader(view), io.BytesIO(data)
    assert ours.readline() == theirs.readline() == b"first line\n"
    assert ours.read(3) == theirs.read(3) == b"sec"
    assert ours.tell() == theirs.tell() == 14
    ours.seek(18), theirs.seek(18)
    assert pickle.load(ours) == pickle.load(theirs) == {"a": [1, 2, 3]}
    assert ours.read() == theirs.read() == b"tail"
    assert ours.read(5) == b""
    ours.seek(-4, 2)
    assert ours.read(2) == b"ta"
    ours.seek(-2, 1)
    buf = bytearray(4)
    assert ours.readinto(buf) == 4 and bytes(buf) == b"tail"


def test_buffer_file_does_not_copy_the_segment():
    data = bytearray(b"x" * 1000)
    f = BufferFile(memoryview(data), name="t")
    assert isinstance(f.file, MappedReader)
    data[0:3] = b"abc"  # the file reads the buffer itself, not a copy taken when opened
    assert f.read(3) == b"abc"
    assert f.get(1, 2) == b"bc"


def test_a_generation_reads_the_same_through_the_map(tmp_path):
    from indexer import build_index

    build_index("seeds", tmp_path / "ix")
    snap = Snapshot.open(tmp_path / "ix")
    try:
        with snap.reading() as r:
            docs, weights = r.postings("text", "strike")
            assert len(docs) > 0 and (weights > 0).all()
            stored = r.stored(int(docs[0]))
            assert stored["text"] and stored["chunk_id"]
        doc_id = next(iter(snap.documents))
        assert snap.passages(doc_id)[0]["text"]
    finally:
        snap.close()


def test_length_columns_read_in_one_piece_equal_walking_them(tmp_path):
    from whoosh.codec import whoosh3

    from indexer.store.whoosh_tuning import column_bytes
    from tests.fixtures.query.builder import St, write_index

    # the last statements have no text passage, so the length column ends before the documents do
    sts = [St(f"d{i}", f"Title {i}", [("paragraph", "strike " * (i % 7 + 1))] if i < 40 else [],
              date="2020-01-01") for i in range(50)]
    write_index(tmp_path, sts)
    snap = Snapshot.open(tmp_path)
    try:
        with snap.ix.searcher() as s:
            for seg, _ in s.reader().leaf_readers():
                perdoc = seg._perdoc
                for field in ("_text_len", "_title_len"):
                    if perdoc.has_column(field):
                        col = perdoc.column_reader(field, whoosh3.LENGTHS_COLUMN)
                        fast = column_bytes(col)
                        assert fast == bytes(perdoc.column_reader(field, whoosh3.LENGTHS_COLUMN))
                        assert len(fast) == seg.doc_count_all()
    finally:
        snap.close()


def test_doc_id_column_read_in_one_piece_equals_walking_it(tmp_path):
    from indexer import build_index
    from indexer.store.reader import column_strings

    build_index("seeds", tmp_path / "ix")
    snap = Snapshot.open(tmp_path / "ix")
    try:
        with snap.ix.searcher() as s:
            for seg, _ in s.reader().leaf_readers():
                fast = column_strings(seg.column_reader("doc_id"))
                assert fast == list(seg.column_reader("doc_id"))
                assert len(fast) == seg.doc_count_all() and set(fast) <= set(snap.documents)
        doc_ids, live = snap.passage_table()
        assert len(doc_ids) == len(live) and None not in doc_ids
    finally:
        snap.close()
