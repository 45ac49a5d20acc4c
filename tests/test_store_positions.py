"""Each segment's positions file (indexer/store/positions_file.py): the full-text postings
and word positions read from flat arrays equal those decoded from Whoosh's posting blocks,
after a build, after an update that merges segments, and for any positions."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh.formats import Positions

from indexer.query import SearchIndex
from indexer.query.results import SearchRequest
from indexer.store import generations as store
from indexer.store.positions_file import EXT, decode_values
from indexer.store.postings import term_postings, term_postings_positions
from indexer.store.reader import Snapshot
from indexer.write.build import build_index
from indexer.write.update import update_index

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.integers(0, 70_000), min_size=1, max_size=40, unique=True), min_size=1, max_size=30))
def test_decoding_many_values_at_once_equals_whoosh(postings):
    fmt = Positions()
    values = [fmt.encode(sorted(p)) for p in postings]
    npos, positions = decode_values(values)
    assert npos.tolist() == [len(p) for p in postings]
    assert positions.tolist() == [x for p in postings for x in fmt.decode_positions(fmt.encode(sorted(p)))]


def test_decoding_the_common_and_the_rare_encodings():
    fmt = Positions()
    cases = [[0], [7], [255], [256], [3, 4], [1, 200, 455], [0, 300, 301], list(range(0, 2000, 7))]
    npos, positions = decode_values([fmt.encode(c) for c in cases])
    assert npos.tolist() == [1, 1, 1, 1, 2, 3, 3, len(cases[-1])]
    assert positions.tolist() == [x for c in cases for x in c]


def _same_as_whoosh(gen: Path) -> int:
    """Compare every title and text term of a generation read both ways; the terms checked."""
    snap = Snapshot(gen)
    try:
        assert snap.positions and all(pf is not None for pf in snap.positions.values())
        checked = 0
        with snap.reading() as r:
            ours = r._leaves
            whoosh = [(reader, offset) for reader, offset, _ in ours]
            for field in ("title", "text"):
                for term in r._all_terms(field):
                    b = term.encode("utf-8")
                    old = term_postings_positions(whoosh, field, b)
                    new = term_postings_positions(ours, field, b)
                    assert np.array_equal(old[0], new[0]) and np.array_equal(old[1], new[1]), term
                    assert old[1].dtype == new[1].dtype == np.float32
                    order = np.lexsort((old[3], old[2]))
                    assert np.array_equal(old[2][order], new[2]) and np.array_equal(old[3][order], new[3]), term
                    docs, weights = term_postings(ours, field, b)
                    assert np.array_equal(docs, old[0]) and np.array_equal(weights, old[1])
                    checked += 1
        return checked
    finally:
        snap.close()


def test_build_and_update_write_positions_equal_to_whoosh(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    for f in SEEDS.glob("*.txt"):
        shutil.copy(f, src / f.name)
    index = tmp_path / "index"
    build_index(src, index, procs=2, progress=False)
    first = store.current_generation(index)
    assert len(list(first.glob(f"*.{EXT}"))) == len(list(first.glob("*.seg")))
    assert _same_as_whoosh(first) > 400

    # an update: one statement changed, one added; Whoosh merges the small segments into
    # the new one, whose file is written too, and the first generation is left as it was
    before = {p.name: p.read_bytes() for p in first.iterdir() if p.suffix == f".{EXT}"}
    seed = sorted(src.glob("*.txt"))[0]
    seed.write_text(seed.read_text("utf-8") + "\n\nThe zzyzx harbour workers stand united.\n", "utf-8")
    (src / "new.txt").write_text("Zzyzx solidarity\n\nWe greet the zzyzx harbour workers of Piraeus.\n")
    update_index(src, index, progress=False)
    second = store.current_generation(index)
    assert second != first
    assert {p.name: p.read_bytes() for p in first.iterdir() if p.suffix == f".{EXT}"} == before
    assert _same_as_whoosh(second) > 400
    segments = {p.stem for p in second.glob("*.seg")}
    assert {p.stem for p in second.glob(f"*.{EXT}")} == segments
    assert segments - {p.stem for p in first.glob("*.seg")}  # the update's own segment
    got = SearchIndex(index).search(SearchRequest(q='"zzyzx harbour workers"', view="passages"))
    assert got.total == 2


def test_segments_merged_into_one_get_their_file(web_index_dir, tmp_path):
    """Whoosh merges segments through the writer's pool (an update's commit may): the
    merged segment's file holds what the files of the segments merged held."""
    from whoosh.index import open_dir

    from indexer.store.segment_writer import FastSegmentWriter
    from indexer.store.writer import save_positions

    gen = tmp_path / "gen"
    shutil.copytree(store.current_generation(web_index_dir), gen)
    ix = open_dir(str(gen))
    w = FastSegmentWriter(ix)
    w.add_document(doc_id="extra", kind="passage", text="Harbour workers of Zzyzx", title="Zzyzx")
    w.commit(optimize=True)
    save_positions(w)
    ix.close()
    assert len(list(gen.glob("*.seg"))) == len(list(gen.glob(f"*.{EXT}"))) == 1
    assert _same_as_whoosh(gen) > 400


def test_a_segment_without_the_file_is_read_from_whoosh(web_index_dir):
    with_files = SearchIndex(web_index_dir)
    without = SearchIndex(web_index_dir)
    without._state.snapshot.positions = {}
    for q in ('"oil workers"', "kazakhstan strike", '"dock workers of piraeus"', "title:vaccine", "workers~"):
        for view in ("passages", "statements"):
            a = with_files.search(SearchRequest(q=q, view=view)).as_dict()
            b = without.search(SearchRequest(q=q, view=view)).as_dict()
            a.pop("took_ms"), b.pop("took_ms")
            assert a == b and a["total"] > 0, q


_WORDS = ["the", "of", "council", "houses", "workers", "ω", "straße", "peace", "a"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_WORDS), max_size=30), min_size=1, max_size=40))
def test_a_file_read_in_slices_gives_the_arrays_it_was_written_from(tmp_path_factory, texts):
    """Every term's docnums, weights and positions read from the file with `pread` equal
    those of the arrays the file was written from; a word it lacks gives empty arrays."""
    from indexer.store.positions_file import FieldPostings, PositionsFile, Recorder
    from indexer.store.surface import surface_arrays

    texts = [" ".join(t) for t in texts]
    arrays = surface_arrays(texts)
    path = tmp_path_factory.mktemp("pos") / "seg.pos"
    rec = Recorder([])
    rec.extra["text~surface"] = arrays
    rec.write(path)
    read = PositionsFile(path).field("text~surface")
    given_ = FieldPostings(arrays)
    for word in _WORDS + ["absent"]:
        a, b = given_.positions_of(word.encode("utf-8")), read.positions_of(word.encode("utf-8"))
        for x, y in zip(a, b):
            assert x.dtype == y.dtype and x.tolist() == y.tolist(), word
        for x, y in zip(read.runs(word.encode("utf-8")), (b[0], b[2], b[3])):  # the same, without weights
            assert x.dtype == y.dtype and x.tolist() == y.tolist(), word
        assert [x.tolist() for x in given_.postings(word.encode("utf-8"))] == \
            [y.tolist() for y in read.postings(word.encode("utf-8"))]
        assert len(b[0]) == sum(1 for t in texts if word in t.split())


def test_a_cut_short_file_is_not_opened_and_its_segment_is_read_from_whoosh(tmp_path):
    from indexer.store.positions_file import PositionsFile, Recorder
    from indexer.store.surface import surface_arrays

    rec = Recorder([])
    rec.extra["text~surface"] = surface_arrays(["council houses of the workers"] * 50)
    rec.write(tmp_path / "seg.pos")
    assert PositionsFile.open(tmp_path, "seg") is not None
    data = (tmp_path / "seg.pos").read_bytes()
    (tmp_path / "seg.pos").write_bytes(data[:-100])
    assert PositionsFile.open(tmp_path, "seg") is None
    (tmp_path / "seg.pos").write_bytes(b"garbage" * 10)
    assert PositionsFile.open(tmp_path, "seg") is None


def test_positions_files_are_read_without_mapping_them(web_index_dir):
    """A query reads the positions files through the page cache, not a memory map: the
    process maps no `.pos` file, so its pages never count in the server's resident memory,
    and the arrays a query gets are its own (not views of a map)."""
    import mmap

    index = SearchIndex(web_index_dir)
    got = index.search(SearchRequest(q='"oil workers" kazakhstan', view="passages"))
    assert got.total > 0
    state = index._state
    with state.reader() as r:
        docs, weights, pos_docs, positions = r.postings_positions("text", "worker")
        assert len(docs) and len(positions)
        for arr in (docs, weights, pos_docs, positions):
            base = arr
            while isinstance(base, np.ndarray) and base.base is not None:
                base = base.base
            assert not isinstance(base.obj if isinstance(base, memoryview) else base, mmap.mmap)
    maps = Path("/proc/self/maps")
    if maps.exists():
        gen = str(state.gen)
        mapped = [line for line in maps.read_text().splitlines() if gen in line]
        assert not [line for line in mapped if line.endswith(f".{EXT}")], mapped
    index.close()
