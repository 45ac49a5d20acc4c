"""Segments are read in place with pread, never copied whole nor mapped
(indexer/store/segment_files.py, indexer/store/file_slices.py)."""

from __future__ import annotations

import io
import os
import pickle
from pathlib import Path

import pytest

from whoosh.filedb.structfile import BufferFile

from indexer.store.file_slices import FileRange, FileSlices
from indexer.store.reader import Snapshot
from indexer.store.segment_files import RangeReader


def _ranges(data: bytes, tmp_path):
    """The same bytes as a memoryview and as a FileRange in the middle of a file."""
    path = tmp_path / "f.bin"
    path.write_bytes(b"HEAD" + data + b"REST")
    return [memoryview(bytearray(data)), FileRange(FileSlices(path), 4, len(data))]


@pytest.mark.parametrize("kind", [0, 1], ids=["memoryview", "file range"])
def test_range_reader_reads_like_bytesio(kind, tmp_path):
    data = b"first line\nsecond\n" + pickle.dumps({"a": [1, 2, 3]}) + b"tail"
    ours, theirs = RangeReader(_ranges(data, tmp_path)[kind]), io.BytesIO(data)
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


@pytest.mark.parametrize("kind", [0, 1], ids=["memoryview", "file range"])
def test_lines_longer_than_one_read_and_lines_cut_by_a_limit(kind, tmp_path):
    data = b"x" * 1000 + b"\n" + b"y" * 300 + b"\nlast"
    ours, theirs = RangeReader(_ranges(data, tmp_path)[kind]), io.BytesIO(data)
    assert ours.readline() == theirs.readline() == b"x" * 1000 + b"\n"
    assert ours.readline(10) == theirs.readline(10) == b"y" * 10
    assert list(ours) == list(theirs) == [b"y" * 290 + b"\n", b"last"]
    assert ours.readline() == b""


def test_a_file_range_reads_only_its_own_bytes(tmp_path):
    path = tmp_path / "f.bin"
    path.write_bytes(bytes(range(100)))
    r = FileRange(FileSlices(path), 10, 20)
    assert len(r) == 20
    assert r[0:3] == bytes([10, 11, 12]) and r[18:50] == bytes([28, 29]) and r[-2:] == bytes([28, 29])
    assert r[5:5] == b"" and r[30:40] == b""
    with pytest.raises(ValueError):
        FileRange(FileSlices(path), 90, 20)[0:20]  # past the end of the file


def test_a_positions_files_array_is_sliced_like_the_numpy_array(tmp_path):
    import numpy as np

    from indexer.store.positions_file import DiskArray

    arr = np.arange(-7, 50, 3, dtype=np.int32)
    path = tmp_path / "a.bin"
    path.write_bytes(b"HEAD" + arr.tobytes() + b"REST")
    disk = DiskArray(FileSlices(path), 4, np.dtype(np.int32), len(arr))
    assert len(disk) == len(arr)
    for a, b in [(0, 3), (5, 19), (-4, None), (None, None), (7, 7), (12, 3), (17, 40)]:
        got = disk[a:b]
        assert got.dtype == np.int32 and got.tolist() == arr[a:b].tolist(), (a, b)
    with pytest.raises(TypeError):
        disk[3]
    with pytest.raises(ValueError):
        disk[0:10:2]


def test_a_sub_file_reads_on_after_its_segment_is_closed(tmp_path):
    """The descriptor a segment is read through is its own and outlives Whoosh's close,
    while a reader still holds a sub-file (as a map outlived it before)."""
    from whoosh.filedb.compound import CompoundStorage
    from whoosh.filedb.structfile import StructFile

    path = tmp_path / "one.seg"
    with open(path, "wb") as f:
        CompoundStorage.assemble(StructFile(f), _Store({"a": b"alpha" * 10, "b": b"beta\n" * 5}), ["a", "b"])
    storage = CompoundStorage(StructFile(open(path, "rb")), use_mmap=True)
    sub = storage.open_file("b")
    assert isinstance(sub.file, RangeReader)
    assert storage.open_file("a").read(7) == b"alphaal"
    storage.close()
    assert sub.readline() == b"beta\n" and sub.get(5, 4) == b"beta"


class _Store:
    """The least of a storage that CompoundStorage.assemble reads files from."""

    def __init__(self, files: dict[str, bytes]):
        self.files = files

    def open_file(self, name):
        return BufferFile(self.files[name], name=name)

    def file_modified(self, name):
        return 0

    def file_length(self, name):
        return len(self.files[name])


def test_a_served_generation_maps_no_index_file(tmp_path):
    """Searches read the generation's files through descriptors (pread), not maps: no file
    of it is mapped into the process, so none of its pages counts in the RSS."""
    from indexer import build_index
    from indexer.query import SearchIndex
    from indexer.query.results import SearchRequest

    build_index("seeds", tmp_path / "ix")
    index = SearchIndex(tmp_path / "ix")
    try:
        for q in ('"oil workers"', "kazakhstan strike", "work*"):
            assert index.search(SearchRequest(q=q)).total > 0
        gen = str(index._state.gen) + os.sep
        maps = Path("/proc/self/maps")
        if maps.exists():
            assert not [line for line in maps.read_text().splitlines() if gen in line]
        fds = Path("/proc/self/fd")
        if fds.exists():
            opened = []
            for fd in fds.iterdir():
                try:
                    opened.append(os.readlink(fd))
                except OSError:
                    pass
            assert any(o.startswith(gen) and o.endswith(".seg") for o in opened)
    finally:
        index.close()


def test_buffer_file_does_not_copy_the_segment():
    data = bytearray(b"x" * 1000)
    f = BufferFile(memoryview(data), name="t")
    assert isinstance(f.file, RangeReader)
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
