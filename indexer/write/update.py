"""Bringing an index up to date with its source folder without a full rebuild.

When no source file or sidecar changed path, size or modification time since the last
build or update (the folder's fingerprint), nothing is read at all. Otherwise every file
is hashed before anything is parsed: a file whose content and sidecar row are
unchanged is never read again, nor is a file skipped before with the same content. New
files are added, changed ones re-indexed, deleted ones removed, and a file that became
empty or unreadable is removed and reported, all in a new generation that shares the
current one's segment files and is swapped in when complete. When nothing changed, no new
generation is made.
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

from indexer.write import faults
from indexer.write.budget import DEFAULT_FILE_SECONDS, FileTimedOut
from indexer.write.build import build_index
from indexer.write.publish import (locked, new_generation, publish, read_vocabulary, source_fingerprint,
                             summarise)
from indexer.write.sidecar_cache import load_sidecars, save_sidecars
from indexer.read.document import SourceError
from indexer.read.files import list_source
from indexer.read.sidecars import path_id
from indexer.write.records import file_hash, merge_parties, party_records, sidecar_hash, words
from indexer.write.report import BuildFailed, BuildReport, skip_summary
from indexer.store import generations as store
from indexer.store.writer import IndexUpdater
from indexer.write.workers import progress_bar, read_and_analyse, write_document


def update_index(source: Path | str, index_dir: Path | str, *, progress: bool | None = None,
                 wait: float = 0.0, file_seconds: float | None = DEFAULT_FILE_SECONDS) -> BuildReport:
    """Add new, re-index changed (by content hash and sidecar row) and remove deleted or
    no longer readable files, then swap the result in. Without an index yet, it builds one.

    `report.generation` names the generation served afterwards: the current one when
    nothing changed.
    """
    source = Path(source)
    index_dir = Path(index_dir)
    if store.current_generation(index_dir) is None:
        return build_index(source, index_dir, progress=progress, wait=wait, file_seconds=file_seconds)
    t0 = time.perf_counter()
    report = BuildReport()
    with locked(source, index_dir, wait):
        cur = store.require_generation(index_dir)
        old = store.read_documents(cur)
        records: dict[str, dict] = old["documents"]
        parties: dict[str, dict] = old.get("parties", {})
        listing = list_source(source)  # the one walk of the folder
        fingerprint = source_fingerprint(source, listing)
        if fingerprint == old.get("source_fingerprint") and str(source.resolve()) == old.get("source"):
            # not a file, sidecar, size or time changed since the last build or update
            report.unchanged = len(records)
            report.skipped = [(s["file"], s["reason"]) for s in old.get("skipped", [])]
            return _unchanged(report, cur, records, parties, t0)
        sidecars, sidecar_key, rows_unchanged = load_sidecars(source, report, listing, cur)
        by_id = {}
        for rel, f in listing.documents:  # paths under source, as Sidecars.doc_id_for looks them up
            by_id[sidecars.ids.get(rel) or path_id(rel)] = f
        removed = [d for d in records if d not in by_id]
        to_read, skipped_hashes = _changed_files(source, by_id, records, old.get("skipped", []),
                                                 None if rows_unchanged else sidecars, report)
        if not to_read and not removed:
            return _unchanged(report, cur, records, parties, t0)

        used = Counter(p for r in records.values() for p in [*r["signatories"], *r["mentioned"]])
        votes = {pid: Counter({rec["name"]: used[pid]}) for pid, rec in parties.items()}
        with new_generation(index_dir) as gen:
            store.link_segments(cur, gen)
            faults.point("segments-linked")
            from indexer.extract.topics import Taxonomy
            from indexer.pipeline import Analyser

            analyser = Analyser(taxonomy=Taxonomy.default())
            vocab = read_vocabulary(cur)
            bar = progress_bar(len(to_read), progress)
            try:
                with IndexUpdater(gen, timeout=max(wait, 5.0)) as up:

                    def drop(doc_id: str) -> None:
                        vocab.subtract(w for t in up.passage_texts(doc_id) for w in words(t))
                        up.delete(doc_id)
                        del records[doc_id]

                    for doc_id in removed:
                        drop(doc_id)
                    report.removed = len(removed)
                    for doc_id, path, rel, digest in to_read:
                        bar.update(1)
                        try:
                            src, doc = read_and_analyse(analyser, path, source, sidecars, file_seconds)
                        except (SourceError, FileTimedOut) as exc:
                            report.skipped.append((rel, exc.reason))
                            if digest:
                                skipped_hashes[rel] = digest
                            if doc_id in records:  # its old text must not stay searchable
                                drop(doc_id)
                                report.removed += 1
                            continue
                        if doc_id in records:
                            vocab.subtract(w for t in up.passage_texts(doc_id) for w in words(t))
                            up.delete(doc_id)
                            report.changed += 1
                        else:
                            report.added += 1
                        records[doc_id] = write_document(up, doc, src, vocab)
                        merge_parties(parties, votes, party_records(doc))
                    up.commit()
            finally:
                bar.close()
            faults.point("index-committed")
            if not records:
                raise BuildFailed("nothing left to index: " + skip_summary(report.skipped))
            report.passages = sum(r["passages"] for r in records.values())
            save_sidecars(gen, sidecar_key, sidecars)
            publish(index_dir, gen, source, records, parties, vocab, report, t0, skipped_hashes, fingerprint)
    report.seconds = time.perf_counter() - t0
    return report


def _unchanged(report: BuildReport, cur: Path, records: dict, parties: dict, t0: float) -> BuildReport:
    """The report of an update that found nothing to change: the current generation stays."""
    summarise(report, records, parties)
    report.passages = sum(r["passages"] for r in records.values())
    report.generation = cur.name
    report.seconds = time.perf_counter() - t0
    return report


def _changed_files(source: Path, by_id: dict[str, Path], records: dict, old_skipped: list[dict], sidecars,
                   report: BuildReport):
    """Hash every file (nothing is parsed here): count the unchanged ones, carry over the
    skips of files that are still the same, and return the files to read
    [(doc_id, path, rel, hash)] with {file: hash} of the skips carried over. `sidecars` is
    None when they are those the index was built with: no row changed."""
    old_skips = {s["file"]: s for s in old_skipped if s.get("content_hash")}
    to_read = []
    skipped_hashes: dict[str, str] = {}
    for doc_id, path in sorted(by_id.items()):
        rel = path.relative_to(source).as_posix()
        digest = file_hash(path)
        prev = records.get(doc_id)
        if digest is not None and prev is not None and prev.get("content_hash") == digest \
                and (sidecars is None or prev.get("sidecar_hash") == sidecar_hash(sidecars.row_for(path))):
            report.unchanged += 1
            continue
        skip = old_skips.get(rel)
        if digest is not None and prev is None and skip is not None and skip["content_hash"] == digest:
            report.skipped.append((rel, skip["reason"]))
            skipped_hashes[rel] = digest
            continue
        to_read.append((doc_id, path, rel, digest))
    return to_read, skipped_hashes
