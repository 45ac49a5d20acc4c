"""`update_index`: hashing before parsing, no new generation for nothing, files that turned
bad leave the index, duplicates reported, and the per-file time budget."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from indexer import index_stats
from indexer.write import workers
from indexer.write.build import build_index
from indexer.cli import main
from indexer.write.faults import FAULT_ENV
from indexer.query import SearchIndex
from indexer.query.results import SearchRequest
from indexer.store import generations as store
from indexer.store.reader import Snapshot
from indexer.write.update import update_index

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
THIRD = "Against the Zzyzx bases\n\nWe oppose the Zzyzx bases of Zzyzx in the region.\n"


@pytest.fixture
def src(tmp_path) -> Path:
    dst = tmp_path / "src"
    dst.mkdir()
    for f in SEEDS.glob("*.txt"):
        shutil.copy(f, dst / f.name)
    (dst / "nato.txt").write_text(THIRD)
    return dst


@pytest.fixture
def reads(monkeypatch) -> list[str]:
    """The files the indexer parses, by name."""
    seen: list[str] = []
    real = workers.read_source

    def spy(path, root, sidecars=None):
        seen.append(Path(path).name)
        return real(path, root, sidecars)

    monkeypatch.setattr(workers, "read_source", spy)
    return seen


def _hits(index: Path, q: str) -> list[str]:
    """The statements holding every word of q."""
    return [r.doc_id for r in SearchIndex(index).search(SearchRequest(q=q)).results if not r.missing]


def test_update_parses_only_what_changed(tmp_path, src, reads):
    index = tmp_path / "index"
    build_index(src, index, procs=1, progress=False)
    (src / "nato.txt").write_text(THIRD.replace("region", "Baltic region"))
    reads.clear()
    report = update_index(src, index, progress=False)
    assert reads == ["nato.txt"]
    assert (report.added, report.changed, report.removed, report.unchanged) == (0, 1, 0, 2)
    assert _hits(index, "Baltic") == ["nato"]


def test_nothing_changed_publishes_no_generation(tmp_path, src, reads):
    index = tmp_path / "index"
    build_index(src, index, procs=1, progress=False)
    before = store.current_generation(index)
    gens = sorted(g.name for g in store.generations(index))
    reads.clear()
    report = update_index(src, index, progress=False)
    assert reads == []
    assert report.generation == before.name
    assert (report.added, report.changed, report.removed, report.unchanged) == (0, 0, 0, 3)
    assert report.documents == 3 and report.passages == sum(r["passages"] for r in
                                                             Snapshot.open(index).documents.values())
    assert store.current_generation(index) == before
    assert sorted(g.name for g in store.generations(index)) == gens


@pytest.mark.parametrize(("content", "reason"), [(b"", "empty file"),
                                                  (b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)) * 4,
                                                   "binary file")])
def test_a_file_that_turned_bad_leaves_the_index(tmp_path, src, content, reason):
    index = tmp_path / "index"
    build_index(src, index, procs=1, progress=False)
    assert _hits(index, "Zzyzx") == ["nato"]
    (src / "nato.txt").write_bytes(content)
    report = update_index(src, index, progress=False)
    assert report.removed == 1 and ("nato.txt", reason) in report.skipped
    assert "nato" not in Snapshot.open(index).documents
    assert _hits(index, "Zzyzx") == []
    assert "zzyzx" not in Snapshot.open(index).vocabulary


def test_a_skipped_file_is_not_parsed_again_while_unchanged(tmp_path, src, reads):
    index = tmp_path / "index"
    (src / "empty.txt").write_text("  \n")
    build_index(src, index, procs=1, progress=False)
    reads.clear()
    report = update_index(src, index, progress=False)
    assert reads == []
    assert report.skipped == [("empty.txt", "empty file")]
    assert index_stats(index).skipped == [{"file": "empty.txt", "reason": "empty file"}]
    (src / "empty.txt").write_text("A statement\n\nNow it has text about dockers.\n")
    report = update_index(src, index, progress=False)
    assert reads == ["empty.txt"] and report.added == 1 and report.skipped == []
    assert _hits(index, "dockers") == ["empty"]


def test_duplicates_in_the_summary_and_in_stats(tmp_path, src):
    index = tmp_path / "index"
    (src / "sub").mkdir()
    shutil.copy(src / "nato.txt", src / "sub" / "nato-copy.txt")
    report = build_index(src, index, procs=2, progress=False)
    assert report.duplicates == [["nato", "sub/nato-copy"]]
    assert report.as_dict()["duplicates"] == [["nato", "sub/nato-copy"]]
    assert index_stats(index).duplicates == [["nato", "sub/nato-copy"]]
    shutil.copy(src / "nato.txt", src / "again.txt")
    report = update_index(src, index, progress=False)
    assert report.duplicates == [["again", "nato", "sub/nato-copy"]]
    res = CliRunner().invoke(main, ["stats", "--index", str(index)])
    assert "duplicates: 1 groups of files with the same content:\n  again = nato = sub/nato-copy" in res.output


def test_a_slow_file_is_skipped_and_the_build_goes_on(tmp_path, src, monkeypatch):
    monkeypatch.setenv(FAULT_ENV, "slow:nato.txt")
    index = tmp_path / "index"
    report = build_index(src, index, procs=2, progress=False, file_seconds=0.5)
    assert report.skipped == [("nato.txt", "took longer than 0.5 s to read and analyse")]
    assert report.documents == 2
    assert _hits(index, "oil workers") == ["004_3211777dd4a43931"]


def test_a_slow_file_is_skipped_by_the_update(tmp_path, src, monkeypatch):
    index = tmp_path / "index"
    build_index(src, index, procs=1, progress=False)
    (src / "strike.txt").write_text("On the strike\n\nThe dockers' strike goes on.\n")
    (src / "nato.txt").write_text(THIRD.replace("region", "Baltic region"))
    monkeypatch.setenv(FAULT_ENV, "slow:strike.txt")
    res = CliRunner().invoke(main, ["update", "--source", str(src), "--index", str(index), "--file-seconds", "0.3"])
    assert res.exit_code == 0, res.output
    assert "strike.txt: took longer than 0.3 s to read and analyse" in res.output
    assert "added 0, changed 1, removed 0, unchanged 2" in res.output
    assert _hits(index, "Baltic") == ["nato"]


def test_an_untouched_folder_is_not_even_hashed(tmp_path, src, reads, monkeypatch):
    import indexer.write.update as update_mod

    index = tmp_path / "index"
    build_index(src, index, procs=1, progress=False)
    hashed: list[str] = []
    real = update_mod.file_hash
    monkeypatch.setattr(update_mod, "file_hash", lambda path: hashed.append(Path(path).name) or real(path))
    report = update_index(src, index, progress=False)
    assert hashed == [] and reads == []
    assert (report.unchanged, report.documents) == (3, 3)
    # a touched file (same content) is hashed, not parsed, and no generation is made
    before = store.current_generation(index)
    os.utime(src / "nato.txt", ns=(1_000_000_000, 1_000_000_000))
    report = update_index(src, index, progress=False)
    assert hashed == sorted(p.name for p in src.glob("*.txt")) and reads == []
    assert report.unchanged == 3 and store.current_generation(index) == before
    # a changed sidecar is seen although no document file changed
    (src / "metadata.jsonl").write_text('{"file": "nato.txt", "title": "Bases"}\n')
    report = update_index(src, index, progress=False)
    assert report.changed == 1 and reads == ["nato.txt"]
    assert Snapshot.open(index).documents["nato"]["title"] == "Bases"
