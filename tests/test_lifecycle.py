"""The build lifecycle survives kill -9 at any step: fault points, the lock, workers, generations.

Each fault case runs a build or an update in a process of its own (forked from this one,
so that it starts warm) with STATEMENT_SEARCH_FAULT naming a step; the process kills
itself with SIGKILL there. Then the generation served before must be byte-identical (or,
when the swap happened, the new one complete), a fresh reader and SearchIndex open what is
served, and the next build and update succeed at once.
"""

from __future__ import annotations

import hashlib
import multiprocessing as mp
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from indexer.write.build import build_index
from indexer.write.faults import BUILD_STEPS, FAULT_ENV, PUBLISH_STEPS, UPDATE_STEPS
from indexer.query import SearchIndex
from indexer.query.results import SearchRequest
from indexer.store import generations as store
from indexer.store.reader import Snapshot
from indexer.write.update import update_index

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SWAP_DONE = ("swapped", "pruned")  # steps after which the new generation is the one served


def _source(dst: Path) -> Path:
    dst.mkdir(parents=True)
    for f in SEEDS.glob("*.txt"):
        shutil.copy(f, dst / f.name)
    (dst / "nato.txt").write_text("Against NATO bases\n\nWe oppose the NATO bases in the region.\n")
    return dst


def _fingerprint(gen: Path) -> dict[str, str]:
    return {f.name: hashlib.sha256(f.read_bytes()).hexdigest() for f in sorted(gen.iterdir()) if f.is_file()}


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    """A source folder and an index built from it once; each case works on copies."""
    root = tmp_path_factory.mktemp("lifecycle")
    src = _source(root / "src")
    build_index(src, root / "index", procs=2, progress=False)
    return src, root / "index"


def _run_killed(command: str, step: str, src: Path, index: Path) -> int:
    """Run build or update in a forked process that dies at `step`; its exit code."""

    def target():
        os.environ[FAULT_ENV] = step
        if command == "build":
            build_index(src, index, procs=2, progress=False)
        else:
            update_index(src, index, progress=False)

    proc = mp.get_context("fork").Process(target=target)
    proc.start()
    proc.join(60)
    assert not proc.is_alive()
    return proc.exitcode


def _assert_serves(index: Path, expected_docs: set[str]) -> None:
    gen = store.current_generation(index)
    assert store.is_complete(gen)
    snap = Snapshot.open(index)
    assert set(snap.documents) == expected_docs
    if "nato" in expected_docs:
        assert snap.vocabulary["bases"] >= 2
    resp = SearchIndex(index).search(SearchRequest(q="oil workers"))
    assert [r.doc_id for r in resp.results if not r.missing] == ["004_3211777dd4a43931"]


CASES = [("build", s) for s in BUILD_STEPS + PUBLISH_STEPS] + [("update", s) for s in UPDATE_STEPS + PUBLISH_STEPS]


@pytest.mark.parametrize(("command", "step"), CASES, ids=[f"{c}-{s}" for c, s in CASES])
def test_kill_at_every_step(tmp_path, base, command, step):
    src0, index0 = base
    src = tmp_path / "src"
    shutil.copytree(src0, src)
    index = tmp_path / "index"
    shutil.copytree(index0, index, symlinks=True)
    before = store.current_generation(index)
    served = _fingerprint(before)
    old_docs = set(Snapshot.open(index).documents)
    if command == "update":  # give the update work: one new file, one deleted
        (src / "strike.txt").write_text("On the strike\n\nThe dockers' strike goes on in 2021.\n")
        (src / "nato.txt").unlink()
        new_docs = old_docs - {"nato"} | {"strike"}
    else:
        new_docs = old_docs

    code = _run_killed(command, step, src, index)

    # a worker killed at worker-file makes the build fail cleanly; every other step kills the process
    assert code == (1 if step == "worker-file" else -signal.SIGKILL)
    if step in SWAP_DONE:
        after = store.current_generation(index)
        assert after != before and store.is_complete(after)
        _assert_serves(index, new_docs)
        assert _fingerprint(before) == served  # kept as the previous generation, untouched
    else:
        assert store.current_generation(index) == before
        assert _fingerprint(before) == served
        _assert_serves(index, old_docs)
    # the next build and update start at once (no lock left behind) and succeed
    report = update_index(src, index, progress=False)
    assert set(Snapshot.open(index).documents) == new_docs
    if step in SWAP_DONE:
        assert report.generation == store.current_generation(index).name  # nothing left to do
        assert (report.added, report.changed, report.removed) == (0, 0, 0)
    report = build_index(src, index, procs=2, progress=False)
    assert report.documents == len(new_docs)
    _assert_serves(index, new_docs)
    # only complete generations are left: the served one and one previous
    gens = store.generations(index)
    assert all(store.is_complete(g) for g in gens) and len(gens) == 2


def _pgroup_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def test_kill_9_of_the_build_takes_its_workers_and_lock_with_it(tmp_path, base):
    """The command line killed right after starting its workers: the workers die with it
    and the next build starts at once."""
    src0, index0 = base
    index = tmp_path / "index"
    shutil.copytree(index0, index, symlinks=True)
    before = store.current_generation(index)
    served = _fingerprint(before)
    env = {**os.environ, FAULT_ENV: "workers-started"}
    proc = subprocess.Popen([sys.executable, "-m", "indexer", "build", "--source", str(src0), "--index", str(index),
                             "--procs", "2", "--no-progress"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    assert proc.wait(timeout=120) == -signal.SIGKILL
    deadline = time.monotonic() + 10  # start_new_session: the process group is the child's pid
    while _pgroup_alive(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _pgroup_alive(proc.pid), "worker processes outlived their parent"
    assert _fingerprint(before) == served
    with store.BuildLock(index, timeout=0):  # free at once
        pass
    assert build_index(src0, index, procs=2, progress=False).documents == 3


def test_lock_never_outlives_the_process_that_took_it(tmp_path):
    """A process takes the lock, forks a child that lives on, and is killed: the lock is
    free at once although the child still runs."""
    index = tmp_path / "index"
    script = (
        "import os, signal, sys, time\n"
        "from indexer.store import generations as store\n"
        f"lock = store.BuildLock({str(index)!r}).__enter__()\n"
        "pid = os.fork()\n"
        "if pid == 0:\n"
        "    null = os.open(os.devnull, os.O_WRONLY); os.dup2(null, 1); os.dup2(null, 2)\n"
        "    time.sleep(30); os._exit(0)\n"
        "print(pid, flush=True)\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode == -signal.SIGKILL
    child = int(proc.stdout.strip())
    try:
        os.kill(child, 0)  # the child is still alive ...
        with store.BuildLock(index, timeout=0):  # ... and the lock is free
            pass
    finally:
        os.kill(child, signal.SIGKILL)


def test_marker_is_written_last_and_incomplete_generations_are_never_kept(tmp_path):
    index = tmp_path / "index"
    first = store.new_generation(index)
    (first / "documents.json").write_text("{}")
    store.publish(index, first)
    assert store.is_complete(first)
    assert sorted(f.name for f in first.iterdir()) == ["complete.json", "documents.json"]
    second = store.new_generation(index)
    store.publish(index, second)
    half = store.new_generation(index)  # a newer generation a killed update left behind
    (half / "documents.json").write_text('{"trunc')
    third = store.new_generation(index)
    store.publish(index, third, keep=1)
    assert {g.name for g in store.generations(index)} == {second.name, third.name}
