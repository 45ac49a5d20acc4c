"""`statement-search-web --workers N` (search_web/prefork.py): N processes on one socket,
each serving the generation `current` points to and following it without a restart."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from indexer import build_index

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc to find the workers")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


def get(port: int, path: str) -> tuple[int, dict]:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as r:  # a new connection each time
        return r.status, json.loads(r.read())


def wait_until(check, timeout: float = 60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = check()
            if value:
                return value
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError("timed out")


def opens_generation(pid: int, gen: Path) -> bool:
    """Whether the process holds files of the generation open (its segments and positions
    files are read with pread through descriptors of their own, not mapped)."""
    try:
        fds = list(Path(f"/proc/{pid}/fd").iterdir())
    except OSError:
        return False
    for fd in fds:
        try:
            if os.readlink(fd).startswith(str(gen) + os.sep):
                return True
        except OSError:
            continue
    return False


@pytest.fixture(scope="module")
def two_workers(tmp_path_factory):
    index = tmp_path_factory.mktemp("workers") / "ix"
    build_index(ROOT / "seeds", index)
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "search_web", "--index", str(index), "--port", str(port),
                             "--workers", "2", "--threads", "2"], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        yield proc, port, index
    finally:
        proc.terminate()
        proc.wait(30)


def test_two_workers_start_open_the_index_and_answer(two_workers):
    proc, port, index = two_workers
    gen = (index / "current").resolve()
    workers = wait_until(lambda: len(children(proc.pid)) == 2 and children(proc.pid))
    # each worker opened the generation itself (its segment files open), before serving
    wait_until(lambda: all(opens_generation(w, gen) for w in workers))
    for _ in range(12):
        status, body = get(port, "/api/search?q=strike")
        assert status == 200 and body["total"] >= 1
    assert children(proc.pid) == workers


def smaps_kb(pid: int) -> dict[str, int]:
    rows = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]
    return {k: int(v.split()[0]) for k, _, v in (r.partition(":") for r in rows)}


def test_workers_share_what_the_parent_loaded_before_forking(two_workers):
    """The parent opens the index and warms it up once; the workers start from its pages,
    shared copy-on-write, instead of each loading a private copy."""
    proc, port, index = two_workers
    gen = (index / "current").resolve()
    workers = wait_until(lambda: len(children(proc.pid)) == 2 and children(proc.pid))
    assert opens_generation(proc.pid, gen)  # opened by the parent, before the fork
    for _ in range(6):
        assert get(port, "/api/search?q=strike")[0] == 200
    for w in workers:
        mem = smaps_kb(w)
        # the records, arrays and modules the parent loaded are still shared after searches
        assert mem["Shared_Dirty"] > 2 * mem["Private_Dirty"] and mem["Shared_Dirty"] > 10_000


def test_every_worker_follows_a_new_generation_without_restart(two_workers, tmp_path):
    """(The test above runs first, on the same server.)"""
    proc, port, index = two_workers
    wait_until(lambda: get(port, "/api/search?q=strike")[0] == 200)
    workers = children(proc.pid)
    assert get(port, "/api/search?q=zanzibarite")[1]["total"] == 0
    source = tmp_path / "src"
    source.mkdir()
    (source / "one.txt").write_text("Statement on the zanzibarite miners\n\nWe stand with the zanzibarite "
                                    "miners on strike.\n", "utf-8")
    build_index(source, index)
    new_gen = (index / "current").resolve()
    for _ in range(16):  # new connections: the kernel spreads them over both workers
        assert get(port, "/api/search?q=zanzibarite")[1]["total"] == 1

    def both_switched() -> bool:
        assert get(port, "/api/search?q=zanzibarite")[1]["total"] == 1
        return all(opens_generation(w, new_gen) for w in workers)

    wait_until(both_switched)
    assert children(proc.pid) == workers


def test_a_dead_worker_is_replaced_and_all_end_with_the_parent(two_workers):
    proc, port, index = two_workers
    workers = wait_until(lambda: len(children(proc.pid)) == 2 and children(proc.pid))
    os.kill(workers[0], signal.SIGKILL)
    renewed = wait_until(lambda: len(children(proc.pid)) == 2 and workers[0] not in children(proc.pid)
                         and children(proc.pid))
    assert workers[1] in renewed
    wait_until(lambda: get(port, "/api/search?q=strike")[0] == 200)
    proc.terminate()
    proc.wait(30)
    wait_until(lambda: not any(Path(f"/proc/{w}").exists() for w in renewed), timeout=30)
