"""What build and update share: the lock, a new generation, its metadata files, the swap.

A generation is written whole into its own directory, completed with documents.json and
vocabulary.json, and only then swapped in (`store.generations.publish`).
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

from indexer import faults
from indexer.read.sidecars import Sidecars
from indexer.records import VOCAB_MIN_COUNT, duplicate_groups, signatory_counts, unknown_parties
from indexer.report import BuildFailed, BuildReport
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


def load_sidecars(source: Path, report: BuildReport) -> Sidecars:
    """The source's metadata sidecars; their unreadable rows are reported as skipped."""
    sidecars = Sidecars.load(source)
    for warning in sidecars.warnings:
        report.skipped.append(("metadata", str(warning)))
    return sidecars


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


def summarise(report: BuildReport, records: dict, parties: dict) -> None:
    report.documents = len(records)
    report.duplicates = duplicate_groups(records.values())
    used = signatory_counts(records.values())
    report.parties = len(used)
    report.unknown_parties = unknown_parties(used, parties)


def _payload(source: Path, records: dict, parties: dict, report: BuildReport, skipped_hashes: dict) -> dict:
    from indexer.extract.topics import Taxonomy

    tax = Taxonomy.default()
    used = set()
    for rec in records.values():
        used.update(rec["signatories"])
        used.update(rec["mentioned"])
    return {
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "source": str(Path(source).resolve()),
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
            report: BuildReport, t0: float, skipped_hashes: dict[str, str] | None = None) -> None:
    """Complete the report, write the statement records and vocabulary, swap gen in.
    `skipped_hashes` ({file: content hash}) lets the next update pass over a skipped file
    that has not changed."""
    summarise(report, records, parties)
    report.generation = gen.name
    report.seconds = time.perf_counter() - t0
    write_vocabulary(gen, vocab)
    store.write_documents(gen, _payload(source, records, parties, report, skipped_hashes or {}))
    faults.point("documents-written")
    store.publish(index_dir, gen)
