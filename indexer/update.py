"""Bringing an index up to date with its source folder without a full rebuild.

New files are added, changed ones (by content hash, and by their sidecar row) re-indexed,
deleted ones removed, in a new generation that is swapped in when complete.
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

from indexer.build import build_index
from indexer.publish import load_sidecars, locked, new_generation, publish, read_vocabulary
from indexer.read.document import SourceError, read_source
from indexer.read.files import iter_source_files
from indexer.read.sidecars import path_id
from indexer.records import merge_parties, party_records, sidecar_hash, words
from indexer.report import BuildFailed, BuildReport, skip_summary
from indexer.store import generations as store
from indexer.store.writer import IndexUpdater
from indexer.workers import analyse_source, progress_bar, write_document


def update_index(source: Path | str, index_dir: Path | str, *, progress: bool | None = None,
                 wait: float = 0.0) -> BuildReport:
    """Add new, re-index changed (by content hash) and remove deleted files, then swap in.

    Works on a new generation that shares the current one's segment files, so readers keep
    the old one until the swap. Without an index yet, it builds one.
    """
    from indexer.extract.topics import Taxonomy
    from indexer.pipeline import Analyser

    source = Path(source)
    index_dir = Path(index_dir)
    if store.current_generation(index_dir) is None:
        return build_index(source, index_dir, progress=progress, wait=wait)
    t0 = time.perf_counter()
    report = BuildReport()
    with locked(source, index_dir, wait):
        cur = store.require_generation(index_dir)
        old = store.read_documents(cur)
        records: dict[str, dict] = old["documents"]
        parties: dict[str, dict] = old.get("parties", {})
        used = Counter(p for r in records.values() for p in [*r["signatories"], *r["mentioned"]])
        votes = {pid: Counter({rec["name"]: used[pid]}) for pid, rec in parties.items()}
        sidecars = load_sidecars(source, report)
        files = iter_source_files(source)
        by_id = {}
        for f in files:
            by_id[sidecars.doc_id_for(f) or path_id(f.relative_to(source).as_posix())] = f
        removed = [d for d in records if d not in by_id]

        with new_generation(index_dir) as gen:
            store.link_segments(cur, gen)
            analyser = Analyser(taxonomy=Taxonomy.default())
            vocab = read_vocabulary(cur)
            bar = progress_bar(len(by_id), progress)
            try:
                with IndexUpdater(gen, timeout=max(wait, 5.0)) as up:
                    for doc_id in removed:
                        vocab.subtract(w for t in up.passage_texts(doc_id) for w in words(t))
                        up.delete(doc_id)
                        del records[doc_id]
                    for doc_id, path in sorted(by_id.items()):
                        bar.update(1)
                        try:
                            src = read_source(path, source, sidecars)
                        except SourceError as exc:
                            report.skipped.append((path.relative_to(source).as_posix(), exc.reason))
                            continue
                        prev = records.get(doc_id)
                        if prev and prev.get("content_hash") == src.content_hash and \
                                prev.get("sidecar_hash") == sidecar_hash(src.sidecar):
                            report.unchanged += 1
                            continue
                        try:
                            doc = analyse_source(analyser, src)
                        except SourceError as exc:
                            report.skipped.append((path.relative_to(source).as_posix(), exc.reason))
                            continue
                        if prev:
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
            report.removed = len(removed)
            if not records:
                raise BuildFailed("nothing left to index: " + skip_summary(report.skipped))
            report.passages = sum(r["passages"] for r in records.values())
            publish(index_dir, gen, source, records, parties, vocab, report, t0)
    report.seconds = time.perf_counter() - t0
    return report
