"""Where an index lives on disk, and how a new version replaces the old one atomically.

Layout of an index directory (``--index DIR``)::

    DIR/current        -> symlink to the generation being served (e.g. gen-20261124T101500-1234)
    DIR/gen-…/         a Whoosh index, documents.json, vocabulary.json and, written last,
                       the marker complete.json
    DIR/.build.lock    held (flock) by the one build or update running

A build writes a whole new generation, syncs its files to disk, writes the marker that says
it is complete, and then swaps the ``current`` symlink with one ``rename``: a reader opens
either the old or the new generation, never a half-built one. A published generation is
never written again (an update makes a new one). A failed or interrupted build leaves
``current`` untouched; generations without the marker are never served nor kept as the
previous generation, and are removed by the next build.

The lock dies with the process that took it: its file descriptor is closed in every child
forked while it is held (the build's workers), so no child can keep it after the parent is
killed.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from indexer.write import faults

CURRENT = "current"
LOCK_FILE = ".build.lock"
DOCUMENTS_FILE = "documents.json"
VOCABULARY_FILE = "vocabulary.json"
COMPLETE_FILE = "complete.json"
WHOOSH_LOCK_FILE = "MAIN_WRITELOCK"
GEN_PREFIX = "gen-"
FORMAT_VERSION = 1
DEFAULT_INDEX_DIR = "index"
INDEX_ENV = "STATEMENT_SEARCH_INDEX"


class IndexError_(Exception):
    """Base error of the index store (named with a trailing _ to keep the builtin)."""


class IndexMissing(IndexError_):
    pass


class BuildRunning(IndexError_):
    pass


def default_index_dir() -> Path:
    return Path(os.environ.get(INDEX_ENV) or DEFAULT_INDEX_DIR)


def current_generation(index_dir: Path) -> Path | None:
    """The generation directory being served, or None when no index was ever published."""
    link = Path(index_dir) / CURRENT
    try:
        target = os.readlink(link)
    except OSError:
        return None
    gen = (Path(index_dir) / target).resolve()
    return gen if gen.is_dir() else None


def require_generation(index_dir: Path) -> Path:
    gen = current_generation(index_dir)
    if gen is None:
        raise IndexMissing(
            f"no index at {index_dir}: build one with "
            f"'python -m indexer build --source DIR --index {index_dir}'"
        )
    return gen


def new_generation(index_dir: Path) -> Path:
    """Create an empty directory for a new generation inside index_dir."""
    index_dir = Path(index_dir)
    index_dir.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
    for n in range(1000):
        gen = index_dir / f"{GEN_PREFIX}{stamp}-{os.getpid()}-{n:03d}"
        try:
            gen.mkdir()
            return gen
        except FileExistsError:
            continue
    raise IndexError_(f"cannot create a new generation in {index_dir}")


def is_complete(gen: Path) -> bool:
    """True when the generation's marker says every file of it was written."""
    return (Path(gen) / COMPLETE_FILE).is_file()


def seal(gen: Path) -> None:
    """Sync every file of the generation to disk, then write its marker (synced too):
    from now on the generation is complete and never written again."""
    gen = Path(gen)
    names = sorted(f.name for f in gen.iterdir() if f.is_file() and f.name != COMPLETE_FILE)
    for name in names:
        fd = os.open(gen / name, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    faults.point("files-synced")
    tmp = gen / (COMPLETE_FILE + ".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump({"format": FORMAT_VERSION, "generation": gen.name,
                   "completed_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "files": names}, f)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, gen / COMPLETE_FILE)
    _fsync_dir(gen)


def publish(index_dir: Path, gen: Path, keep: int = 1) -> None:
    """Seal gen, point ``current`` at it atomically, then remove all but `keep` older
    complete generations (and every incomplete one)."""
    index_dir = Path(index_dir)
    seal(gen)
    faults.point("marker-written")
    tmp_link = index_dir / f".current-{os.getpid()}"
    if tmp_link.is_symlink() or tmp_link.exists():
        tmp_link.unlink()
    os.symlink(gen.name, tmp_link)
    os.replace(tmp_link, index_dir / CURRENT)
    _fsync_dir(index_dir)
    faults.point("swapped")
    prune(index_dir, keep=keep)
    faults.point("pruned")


def generations(index_dir: Path) -> list[Path]:
    """Every generation directory in index_dir, complete or not."""
    return [p for p in Path(index_dir).iterdir() if p.is_dir() and p.name.startswith(GEN_PREFIX)]


def prune(index_dir: Path, keep: int = 1) -> None:
    """Remove generations other than the current one and the `keep` newest older complete
    ones (call it holding the build lock: an incomplete generation is being written or
    was left by a killed build)."""
    index_dir = Path(index_dir)
    cur = current_generation(index_dir)
    older = [g for g in generations(index_dir) if cur is None or g.resolve() != cur]
    complete = sorted((g for g in older if is_complete(g)),
                      key=lambda g: ((g / COMPLETE_FILE).stat().st_mtime_ns, g.name), reverse=True)
    kept = set(complete[:keep])
    for g in older:
        if g not in kept:
            shutil.rmtree(g, ignore_errors=True)


def link_segments(src: Path, dst: Path) -> None:
    """Share the Whoosh files of generation `src` with the new generation `dst` by hard
    link (copied where links are impossible). Whoosh never rewrites one of them in place:
    it writes new segments and a new table of contents. The generation's own files
    (documents.json, vocabulary.json) are not shared: the new generation writes its own."""
    own = {DOCUMENTS_FILE, VOCABULARY_FILE, WHOOSH_LOCK_FILE}
    for f in src.iterdir():
        if f.is_file() and f.name not in own and not f.name.endswith(".tmp"):
            try:
                os.link(f, dst / f.name)
            except OSError:
                shutil.copy2(f, dst / f.name)


def discard(gen: Path) -> None:
    shutil.rmtree(gen, ignore_errors=True)


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


_HELD_LOCK_FDS: set[int] = set()


def _close_held_locks_in_child() -> None:
    """In a freshly forked child: close the inherited descriptors of held build locks, so
    that the lock lives exactly as long as the process that took it."""
    for fd in list(_HELD_LOCK_FDS):
        try:
            os.close(fd)
        except OSError:
            pass
    _HELD_LOCK_FDS.clear()


os.register_at_fork(after_in_child=_close_held_locks_in_child)


@dataclass
class BuildLock:
    """An exclusive lock on an index directory, so two builds never run at once."""

    index_dir: Path
    timeout: float = 0.0
    _fd: int | None = None
    _pid: int = 0

    def __enter__(self) -> "BuildLock":
        index_dir = Path(self.index_dir)
        index_dir.mkdir(parents=True, exist_ok=True)
        path = index_dir / LOCK_FILE
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES):
                    os.close(fd)
                    raise
                if time.monotonic() >= deadline:
                    holder = os.pread(fd, 200, 0).decode("ascii", "replace").strip()
                    os.close(fd)
                    who = f" (process {holder})" if holder else ""
                    raise BuildRunning(
                        f"a build or update of {index_dir} is already running{who}; "
                        "wait for it to finish or pass --wait SECONDS"
                    ) from None
                time.sleep(0.2)
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        self._fd = fd
        self._pid = os.getpid()
        _HELD_LOCK_FDS.add(fd)
        return self

    def __exit__(self, *exc) -> None:
        if self._fd is not None and self._pid != os.getpid():
            self._fd = None  # a forked child: its copy of the descriptor is already closed
            return
        if self._fd is not None:
            _HELD_LOCK_FDS.discard(self._fd)
            try:
                os.ftruncate(self._fd, 0)
                fcntl.flock(self._fd, fcntl.LOCK_UN)
            finally:
                os.close(self._fd)
                self._fd = None


def write_documents(gen: Path, payload: dict) -> None:
    """Write documents.json (statement-level metadata) into a generation directory."""
    payload = {"format": FORMAT_VERSION, **payload}
    tmp = gen / (DOCUMENTS_FILE + ".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        # json.dumps, not json.dump: only the one-shot encoder is the fast C one
        f.write(json.dumps(payload, ensure_ascii=False, separators=(",", ":")))
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, gen / DOCUMENTS_FILE)


def read_documents(gen: Path) -> dict:
    with open(gen / DOCUMENTS_FILE, encoding="utf-8") as f:
        return json.load(f)
