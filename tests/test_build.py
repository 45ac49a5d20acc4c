"""Building and updating the index: the seeds, bad files, atomic swaps, incremental updates."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from indexer.write import build as build_mod
from indexer.store import generations as store
from indexer.write.build import BuildFailed, build_index
from indexer.write.update import update_index
from indexer.store.reader import Snapshot

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
CORPUS = ROOT.parent / "shared" / "corpus"

SHARED_SIX = 6


def _copy_seeds(dst: Path) -> Path:
    dst.mkdir(parents=True, exist_ok=True)
    for f in SEEDS.glob("*.txt"):
        shutil.copy(f, dst / f.name)
    return dst


@pytest.fixture(scope="module")
def seed_index(tmp_path_factory):
    index = tmp_path_factory.mktemp("seed-index")
    report = build_index(SEEDS, index, procs=2, progress=False)
    return index, report


def test_seed_build_report(seed_index):
    _, report = seed_index
    assert report.documents == 2
    assert report.skipped == []
    assert report.passages >= 8 + 8  # at least the 8 points of 000 and 8 paragraphs of 004
    assert report.unknown_parties == {}


def test_seed_000_document(seed_index):
    index, _ = seed_index
    doc = Snapshot.open(index).document("000_f6e28804950bea45")
    assert doc["title"] == (
        "On the valuable experience of the great strikes and demonstrations of the working "
        "class and the people of Kazakhstan"
    )
    assert doc["date"] == "2022-01-18"
    assert doc["year"] == 2022
    assert doc["source_file"] == "000_f6e28804950bea45.txt"
    assert len(doc["signatories"]) == 18
    points = [p for p in doc["passages"] if p["kind"] == "point"]
    assert [p["point"] for p in points] == [str(i) for i in range(1, 9)]
    assert points[0]["text"].startswith("1. At the beginning of 2022, Kazakhstan")
    sig = [p for p in doc["passages"] if p["kind"] == "signatories"]
    assert len(sig) == 1 and "Party of Labour of Austria" in sig[0]["text"]
    assert all(set(p) == {"chunk_id", "kind", "point", "text", "topics"} for p in doc["passages"])
    assert doc["passages"][0]["chunk_id"] == "000_f6e28804950bea45#0"
    for party in doc["signatories"]:
        assert set(party) == {"id", "name", "acronym", "country"}


def test_seed_004_document(seed_index):
    index, _ = seed_index
    doc = Snapshot.open(index).document("004_3211777dd4a43931")
    assert doc["title"] == "Internationalist solidarity with the oil workers of Kazakhstan"
    assert doc["date"] == "2017-05-10"
    assert len(doc["signatories"]) == 15
    assert not [p for p in doc["passages"] if p["kind"] == "point"]


def test_six_shared_signatories(seed_index):
    index, _ = seed_index
    snap = Snapshot.open(index)
    a = {p["id"] for p in snap.document("000_f6e28804950bea45", with_passages=False)["signatories"]}
    b = {p["id"] for p in snap.document("004_3211777dd4a43931", with_passages=False)["signatories"]}
    shared = a & b
    assert len(shared) == SHARED_SIX
    names = {snap.party(p)["name"] for p in shared}
    assert "Communist Party of Greece" in names


def test_bad_files_are_reported_and_skipped(tmp_path):
    src = _copy_seeds(tmp_path / "src")
    (src / "empty.txt").write_text("   \n\n")
    (src / "picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    (src / "cp1252.txt").write_bytes(
        "Statement on wages\n\nThe \u201cworkers\u2019 rights\u201d \u2013 and strikes.\n".encode("cp1252"))
    report = build_index(src, tmp_path / "index", procs=1, progress=False)
    skipped = dict(report.skipped)
    assert set(skipped) == {"empty.txt", "picture.txt"}
    assert report.documents == 3
    snap = Snapshot.open(tmp_path / "index")
    text = " ".join(p["text"] for p in snap.document("cp1252")["passages"])
    assert "\u201cworkers\u2019 rights\u201d" in text


def test_nothing_indexable_fails_and_keeps_previous_index(tmp_path):
    src = _copy_seeds(tmp_path / "src")
    index = tmp_path / "index"
    build_index(src, index, procs=1, progress=False)
    before = store.current_generation(index)
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_text("")
    with pytest.raises(BuildFailed, match="nothing could be indexed"):
        build_index(bad, index, procs=1, progress=False)
    assert store.current_generation(index) == before
    assert len(Snapshot.open(index).documents) == 2
    assert [p.name for p in index.iterdir() if p.name.startswith(".tmp-")] == []


def test_failed_build_leaves_old_index_serving(tmp_path, monkeypatch):
    src = _copy_seeds(tmp_path / "src")
    index = tmp_path / "index"
    build_index(src, index, procs=1, progress=False)
    before = store.current_generation(index)

    def boom(*a, **k):
        raise RuntimeError("disk full")

    monkeypatch.setattr(build_mod, "commit_segments", boom)
    with pytest.raises(RuntimeError, match="disk full"):
        build_index(src, index, procs=1, progress=False)
    assert store.current_generation(index) == before
    gens = [p for p in index.iterdir() if p.name.startswith(store.GEN_PREFIX)]
    assert gens == [before]


def test_build_while_another_runs(tmp_path):
    src = _copy_seeds(tmp_path / "src")
    with store.BuildLock(tmp_path / "index"):
        with pytest.raises(store.BuildRunning, match="already running"):
            build_index(src, tmp_path / "index", procs=1, progress=False)


def test_update_adds_changes_and_removes(tmp_path):
    src = _copy_seeds(tmp_path / "src")
    index = tmp_path / "index"
    build_index(src, index, procs=1, progress=False)
    (src / "new.txt").write_text("A new statement on NATO bases\n\nWe oppose the new NATO bases in the region.\n")
    seed = src / "004_3211777dd4a43931.txt"
    seed.write_text(seed.read_text(encoding="utf-8").replace("oil workers", "oil and gas workers"), encoding="utf-8")
    (src / "000_f6e28804950bea45.txt").unlink()
    report = update_index(src, index, progress=False)
    assert (report.added, report.changed, report.removed, report.unchanged) == (1, 1, 1, 0)
    snap = Snapshot.open(index)
    assert sorted(snap.documents) == ["004_3211777dd4a43931", "new"]
    doc = snap.document("004_3211777dd4a43931")
    assert doc["title"] == "Internationalist solidarity with the oil and gas workers of Kazakhstan"
    with snap.ix.searcher() as s:
        assert s.doc_count() == sum(r["passages"] for r in snap.documents.values())
        assert not list(s.document_numbers(doc_id="000_f6e28804950bea45"))
    again = update_index(src, index, progress=False)
    assert (again.added, again.changed, again.removed, again.unchanged) == (0, 0, 0, 2)


def test_sidecar_fields_win(tmp_path):
    src = tmp_path / "src"
    (src / "docs").mkdir(parents=True)
    (src / "docs" / "a.txt").write_text("Some heading\n\nWorkers went on strike on 3 March 2001.\n")
    (src / "metadata.jsonl").write_text(json.dumps({
        "id": "a", "file": "docs/a.txt", "title": "Sidecar title", "date": "2019-09-30",
        "party": "Communist Party of Greece", "session": 74}) + "\n")
    build_index(src, tmp_path / "index", procs=1, progress=False)
    doc = Snapshot.open(tmp_path / "index").document("a")
    assert doc["doc_id"] == "a"  # the id the sidecar row gives
    assert doc["source_file"] == "docs/a.txt"
    assert doc["title"] == "Sidecar title"
    assert doc["date"] == "2019-09-30" and doc["year"] == 2019
    assert [p["name"] for p in doc["signatories"]] == ["Communist Party of Greece"]
    assert doc["extra"] == {"session": 74}


@pytest.mark.skipif(not (CORPUS / "uk_manifestos").is_dir(), reason="shared corpus not present")
def test_corpus_sidecar_parties_and_years(tmp_path):
    src = tmp_path / "uk"
    (src / "docs").mkdir(parents=True)
    rows = [json.loads(line) for line in (CORPUS / "uk_manifestos" / "metadata.jsonl").open()]
    picked = [r for r in rows if r["party"] in ("Labour Party", "Communist Party of Great Britain")][:6]
    with open(src / "metadata.jsonl", "w") as f:
        for r in picked:
            shutil.copy(CORPUS / "uk_manifestos" / r["file"], src / r["file"])
            f.write(json.dumps(r) + "\n")
    build_index(src, tmp_path / "index", procs=2, progress=False)
    snap = Snapshot.open(tmp_path / "index")
    assert len(snap.documents) == len(picked)
    for r in picked:
        doc = snap.documents[r["id"]]  # the id the sidecar row gives
        assert doc["source_file"] == r["file"]
        assert doc["year"] == r["year"]
        assert doc["title"] == r["title"]
        names = [snap.party(p)["name"] for p in doc["signatories"]]
        assert len(names) == 1
        assert ("Communist" in names[0]) == ("Communist" in r["party"])


def test_speakers_keyed_by_code_and_named_by_most_common_spelling(tmp_path):
    src = tmp_path / "src"
    (src / "docs").mkdir(parents=True)
    rows = [("a", "Afghanistan"), ("b", "Afghanistan"), ("c", "Afganistan"), ("d", "Angola")]
    with open(src / "metadata.jsonl", "w") as f:
        for i, (name, country) in enumerate(rows):
            (src / "docs" / f"{name}.txt").write_text(f"Statement {name}\n\nWe speak for peace in {1990 + i}.\n")
            code = "AFG" if country.startswith("Afg") else "AGO"
            f.write(json.dumps({"file": f"docs/{name}.txt", "country": country, "iso3": code,
                                "year": 1990 + i}) + "\n")
    report = build_index(src, tmp_path / "index", procs=2, progress=False)
    assert report.unknown_parties == {}  # speakers are not unknown parties
    snap = Snapshot.open(tmp_path / "index")
    assert {d: r["signatories"] for d, r in snap.documents.items()} == {
        "docs/a": ["afg"], "docs/b": ["afg"], "docs/c": ["afg"], "docs/d": ["ago"]}
    assert snap.party("afg") == {"id": "afg", "name": "Afghanistan", "acronym": "AFG", "country": "Afghanistan"}
    assert snap.parties["afg"]["kind"] == "speaker" and snap.parties["afg"]["aliases"] == []


def test_interrupted_build_leaves_old_index_and_no_debris(tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time

    src = _copy_seeds(tmp_path / "src")
    index = tmp_path / "index"
    build_index(src, index, procs=1, progress=False)
    before = store.current_generation(index)
    text = (SEEDS / "000_f6e28804950bea45.txt").read_text(encoding="utf-8")
    for i in range(600):
        (src / f"copy_{i:04d}.txt").write_text(text.replace("January 18", f"January {i % 28 + 1}"),
                                                 encoding="utf-8")
    # One file hangs when read (a fault point), so the build is surely still running when
    # Ctrl-C comes, however fast the machine.
    env = dict(os.environ, STATEMENT_SEARCH_FAULT="slow:copy_0300.txt")
    proc = subprocess.Popen([sys.executable, "-m", "indexer", "build", "--source", str(src), "--index",
                             str(index), "--procs", "2", "--no-progress"], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
                            # a job started in the background inherits Ctrl-C ignored: restore it
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not any(p.name.startswith(".tmp-") for p in index.iterdir()):
        time.sleep(0.05)
    time.sleep(0.5)
    os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C reaches the whole process group
    proc.communicate(timeout=60)
    assert proc.returncode != 0
    assert store.current_generation(index) == before
    assert sorted(p.name for p in index.iterdir() if p.name != ".build.lock") == sorted(["current", before.name])
    assert len(Snapshot.open(index).documents) == 2


def test_python_api_from_the_package(tmp_path):
    import indexer

    report = indexer.build_index(SEEDS, tmp_path / "index", procs=1, progress=False)
    assert report.documents == 2
    resp = indexer.SearchIndex(tmp_path / "index").search(indexer.SearchRequest(q="oil workers"))
    assert [r.doc_id for r in resp.results if not r.missing] == ["004_3211777dd4a43931"]


def test_update_takes_removed_words_out_of_the_vocabulary(tmp_path):
    src = _copy_seeds(tmp_path / "src")
    (src / "odd.txt").write_text("Statement on Zzyzx\n\nThe Zzyzx workers of Zzyzx went on strike.\n")
    index = tmp_path / "index"
    build_index(src, index, procs=1, progress=False)
    assert Snapshot.open(index).vocabulary["zzyzx"] == 3
    (src / "odd.txt").unlink()
    update_index(src, index, progress=False)
    vocab = Snapshot.open(index).vocabulary
    assert "zzyzx" not in vocab
    assert vocab["kazakhstan"] >= 2
