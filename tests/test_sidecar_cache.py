"""The sidecars kept with a generation: an update reads them back while no sidecar file and
no document path changed, and reads the files again as soon as one did."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from indexer.read.sidecars import Sidecars
from indexer.store import generations as store
from indexer.store.reader import Snapshot
from indexer.write.build import build_index
from indexer.write.sidecar_cache import CACHE_FILE, sidecar_key
from indexer.write.update import update_index
from indexer.read.files import list_source
from tests.test_update import THIRD as NATO
from tests.test_update import src  # noqa: F401  (the fixture extended below)


@pytest.fixture
def sidecar_src(src: Path) -> Path:  # noqa: F811
    """The update tests' source folder (two seeds and nato.txt) with a sidecar: nato.txt's
    row, and a row naming no file (a warning)."""
    (src / "metadata.jsonl").write_text('{"file": "nato.txt", "title": "Bases", "id": "bases"}\n'
                                        '{"file": "gone.txt", "title": "No such file"}\n')
    return src


@pytest.fixture
def loads(monkeypatch) -> list[str]:
    """The source folders whose sidecar files are read."""
    seen: list[str] = []
    real = Sidecars.load.__func__

    def spy(cls, root, listing=None):
        seen.append(Path(root).name)
        return real(cls, root, listing)

    monkeypatch.setattr(Sidecars, "load", classmethod(spy))
    return seen


def test_an_update_of_a_document_reads_the_sidecars_kept_with_the_index(tmp_path, sidecar_src, loads):
    src = sidecar_src
    index = tmp_path / "index"
    built = build_index(src, index, procs=1, progress=False)
    assert loads == ["src"] and (store.current_generation(index) / CACHE_FILE).is_file()
    warning = [r for f, r in built.skipped if f == "metadata"]
    assert len(warning) == 1 and "gone.txt" in warning[0]
    (src / "nato.txt").write_text(NATO.replace("region", "Baltic region"))
    loads.clear()
    report = update_index(src, index, progress=False)
    assert loads == []  # read back, not parsed
    assert (report.changed, report.unchanged) == (1, 2)
    assert [r for f, r in report.skipped if f == "metadata"] == warning  # its problems still reported
    snap = Snapshot.open(index)
    assert snap.documents["bases"]["title"] == "Bases"
    assert "Baltic" in " ".join(p["text"] for p in snap.document("bases")["passages"])


def test_a_changed_sidecar_or_a_new_document_is_read_again(tmp_path, sidecar_src, loads):
    src = sidecar_src
    index = tmp_path / "index"
    build_index(src, index, procs=1, progress=False)
    (src / "metadata.jsonl").write_text('{"file": "nato.txt", "title": "Bases abroad", "id": "bases"}\n')
    loads.clear()
    report = update_index(src, index, progress=False)
    assert loads == ["src"] and report.changed == 1
    assert Snapshot.open(index).documents["bases"]["title"] == "Bases abroad"
    (src / "later.txt").write_text("A later statement\n\nOn the Zzyzx harbour.\n")
    loads.clear()
    report = update_index(src, index, progress=False)
    assert loads == ["src"] and report.added == 1


def test_the_key_follows_the_sidecar_files_and_the_document_paths(sidecar_src):
    src = sidecar_src
    key = sidecar_key(src, list_source(src))
    (src / "nato.txt").write_text("Other words")  # a document's content is no part of it
    assert sidecar_key(src, list_source(src)) == key
    fewer = list_source(src)
    fewer.documents = fewer.documents[:-1]
    assert sidecar_key(src, fewer) != key  # its path is
    st = (src / "metadata.jsonl").stat()
    os.utime(src / "metadata.jsonl", ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    assert sidecar_key(src, list_source(src)) != key


def test_a_build_and_an_update_walk_the_source_folder_once(tmp_path, sidecar_src, monkeypatch):
    src = sidecar_src
    index = tmp_path / "index"
    walks: list[str] = []
    real = os.walk

    def counting(top, *args, **kwargs):
        walks.append(Path(top).name)
        return real(top, *args, **kwargs)

    monkeypatch.setattr(os, "walk", counting)
    build_index(src, index, procs=1, progress=False)
    assert walks == ["src"]
    walks.clear()
    assert update_index(src, index, progress=False).generation  # nothing changed
    assert walks == ["src"]
    (src / "nato.txt").write_text(NATO.replace("region", "Baltic region"))
    (src / "metadata.jsonl").write_text('{"file": "nato.txt", "title": "Bases abroad", "id": "bases"}\n')
    walks.clear()
    report = update_index(src, index, progress=False)
    assert walks == ["src"] and report.changed == 1
    assert Snapshot.open(index).documents["bases"]["title"] == "Bases abroad"
