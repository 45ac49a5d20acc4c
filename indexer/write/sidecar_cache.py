"""The source's sidecars kept with each generation, so that an update reads them back
instead of parsing every row again when no sidecar file and no document path changed.

Reading and checking the sidecars of a large archive (thousands of rows, matched against
every document file) is most of what an update of one document costs. What they give
depends only on the sidecar files and the list of document paths, so each generation
keeps them (`sidecars.pickle`) under a key of exactly that: the source folder, each
sidecar's path, size, modification time and inode, and each document's path and whether
it is a link. An update whose key matches reads them back; anything else reads the files.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

from indexer.read.files import SourceListing
from indexer.read.sidecars import Sidecars
from indexer.write.report import BuildReport

CACHE_FILE = "sidecars.pickle"


def sidecar_key(source: Path, listing: SourceListing) -> str:
    """What the sidecars read from `source` (walked: `listing`) depend on, as a fingerprint."""
    source = Path(source)
    h = hashlib.sha1(os.path.abspath(source).encode("utf-8", "surrogateescape") + b"\n")
    for path in listing.sidecar_paths:
        try:
            st = path.stat()
            stamp = f"{st.st_size}\0{st.st_mtime_ns}\0{st.st_ino}"
        except OSError:
            stamp = "missing"
        h.update(f"s\0{path.relative_to(source).as_posix()}\0{stamp}\n".encode("utf-8", "surrogateescape"))
    for rel, path in listing.documents:
        h.update(f"d\0{rel}\0{int(os.path.islink(path))}\n"
                 .encode("utf-8", "surrogateescape"))
    return h.hexdigest()


def report_warnings(sidecars: Sidecars, report: BuildReport) -> None:
    """The sidecars' problems, reported as skipped."""
    for warning in sidecars.warnings:
        report.skipped.append(("metadata", str(warning)))


def load_sidecars(source: Path, report: BuildReport, listing: SourceListing,
                  cur: Path | None = None) -> tuple[Sidecars, str, bool]:
    """(the source's sidecars, their key, whether they are those of generation `cur`):
    read back from `cur` when its key matches, else read from the files (`listing`: the
    source folder's walk); their problems are reported as skipped either way."""
    key = sidecar_key(source, listing)
    sidecars = _cached(cur, key) if cur is not None else None
    cached = sidecars is not None
    if sidecars is None:
        sidecars = Sidecars.load(source, listing)
    report_warnings(sidecars, report)
    return sidecars, key, cached


def _cached(cur: Path, key: str) -> Sidecars | None:
    try:
        with open(Path(cur) / CACHE_FILE, "rb") as f:
            stored_key, sidecars = pickle.load(f)
    except Exception:  # missing, or written by another version: read the files instead
        return None
    return sidecars if stored_key == key and isinstance(sidecars, Sidecars) else None


def save_sidecars(gen: Path, key: str, sidecars: Sidecars) -> None:
    """Keep the sidecars with the new generation (a new file: never written through a
    link shared with the generation before)."""
    path = Path(gen) / CACHE_FILE
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as f:
        pickle.dump((key, sidecars), f, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)
