"""What build and update share: the lock, a new generation, its metadata files, the swap.

A generation is written whole into its own directory, completed with documents.json and
vocabulary.json, and only then swapped in (`store.generations.publish`).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

from indexer.write import faults
from indexer.read.files import SourceListing
from indexer.write.records import VOCAB_MIN_COUNT, duplicate_groups, signatory_counts, unknown_parties
from indexer.write.report import BuildFailed, BuildReport
from indexer.store import generations as store

@contextmanager
def locked(source: Path, index_dir: Path, wait: float):
    """Check the source folder, hold the index's build lock, clear what an interrupted
    build left behind."""
    if not source.is_dir():
        raise BuildFailed(f"source folder {source} does not exist or is not a folder")
    with store.BuildLock(index_dir, timeout=wait):
        remove_stale(index_dir)
        faults.point("locked")
        yield


@contextmanager
def new_generation(index_dir: Path):
    """A new, empty generation directory, removed again if what writes it fails."""
    gen = store.new_generation(index_dir)
    try:
        yield gen
    except BaseException:
        store.discard(gen)
        raise


def remove_stale(index_dir: Path) -> None:
    """Remove what an interrupted build left behind (called while holding the lock)."""
    cur = store.current_generation(index_dir)
    for p in index_dir.iterdir():
        if p.name.startswith(".tmp-"):
            shutil.rmtree(p, ignore_errors=True)
        elif p.is_dir() and p.name.startswith(store.GEN_PREFIX) and (cur is None or p.resolve() != cur):
            if not store.is_complete(p):
                shutil.rmtree(p, ignore_errors=True)
        elif p.name.startswith(".current-") and p.is_symlink():
            p.unlink()  # the swap's temporary link, left by a process killed mid-swap


def source_fingerprint(source: Path, listing: SourceListing) -> str:
    """A fingerprint of the source folder's state (walked: `listing`): the path, size and
    modification time of every source file and sidecar. Taken before a build or update
    reads anything, so that a later update whose folder has the same fingerprint knows
    that nothing changed without reading a file."""
    h = hashlib.sha1()
    for path in sorted([*listing.files, *listing.sidecar_paths]):
        try:
            st = path.stat()
        except OSError:
            h.update(f"{path}\0missing\n".encode("utf-8", "surrogatepass"))
            continue
        h.update(f"{path.relative_to(source).as_posix()}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ino}\n"
                 .encode("utf-8", "surrogateescape"))
    return h.hexdigest()


def summarise(report: BuildReport, records: dict, parties: dict) -> None:
    report.documents = len(records)
    report.duplicates = duplicate_groups(records.values())
    used = signatory_counts(records.values())
    report.parties = len(used)
    report.unknown_parties = unknown_parties(used, parties)


def _payload(source: Path, records: dict, parties: dict, report: BuildReport, skipped_hashes: dict,
             fingerprint: str | None) -> dict:
    from indexer.extract.topics import Taxonomy

    tax = Taxonomy.default()
    used = set()
    for rec in records.values():
        used.update(rec["signatories"])
        used.update(rec["mentioned"])
    return {
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "source": str(Path(source).resolve()),
        "source_fingerprint": fingerprint,
        "documents": records,
        "parties": {k: v for k, v in parties.items() if k in used},
        "topics": {t: tax.label(t) for t in tax.ids()},
        "skipped": [{"file": f, "reason": r, **({"content_hash": skipped_hashes[f]} if f in skipped_hashes else {})}
                    for f, r in report.skipped],
        "stats": {k: v for k, v in report.as_dict().items() if k not in ("skipped",)},
    }


def read_vocabulary(gen: Path) -> Counter:
    path = gen / store.VOCABULARY_FILE
    return Counter(json.loads(path.read_text("utf-8"))) if path.exists() else Counter()


def write_vocabulary(gen: Path, vocab: Counter) -> None:
    """Write the did-you-mean vocabulary as a new file of the new generation (through a
    temporary name, so no reader ever sees part of it)."""
    words = {w: c for w, c in vocab.items() if c >= VOCAB_MIN_COUNT}
    text = json.dumps(words, ensure_ascii=False, separators=(",", ":"))
    path = gen / store.VOCABULARY_FILE
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "x", encoding="utf-8") as f:
        half = len(text) // 2
        f.write(text[:half])
        f.flush()
        faults.point("vocabulary-writing")
        f.write(text[half:])
    os.replace(tmp, path)


def publish(index_dir: Path, gen: Path, source: Path, records: dict, parties: dict, vocab: Counter,
            report: BuildReport, t0: float, skipped_hashes: dict[str, str] | None = None,
            fingerprint: str | None = None) -> None:
    """Complete the report, write the statement records and vocabulary, swap gen in.
    `skipped_hashes` ({file: content hash}) lets the next update pass over a skipped file
    that has not changed; `fingerprint` is the source folder's `source_fingerprint` taken
    before anything was read."""
    summarise(report, records, parties)
    report.generation = gen.name
    report.seconds = time.perf_counter() - t0
    write_vocabulary(gen, vocab)
    store.write_documents(gen, _payload(source, records, parties, report, skipped_hashes or {}, fingerprint))
    faults.point("documents-written")
    store.publish(index_dir, gen)
