"""A full rebuild of the index on all cores, swapped in atomically when complete.

The work is split by job: `workers` reads, analyses and writes the files in parallel
(one Whoosh segment per worker, through `store.writer`), `records` turns a statement into
index records, `publish` writes the generation's metadata and swaps it in, and `update`
brings an index up to date without a full rebuild.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from indexer.write import faults
from indexer.write.budget import DEFAULT_FILE_SECONDS
from indexer.write.publish import locked, new_generation, publish, source_fingerprint
from indexer.write.sidecar_cache import load_sidecars, save_sidecars
from indexer.read.files import list_source
from indexer.write.report import BuildFailed, BuildReport, skip_summary
from indexer.store.writer import commit_segments, create_index
from indexer.write.workers import jobs_by_size, write_parallel

__all__ = ["build_index", "BuildFailed", "BuildReport"]


def build_index(source: Path | str, index_dir: Path | str, *, procs: int | None = None,
                progress: bool | None = None, wait: float = 0.0,
                file_seconds: float | None = DEFAULT_FILE_SECONDS) -> BuildReport:
    """Rebuild the whole index of `source` into a new generation of `index_dir`, then swap it in.

    Raises BuildFailed (leaving the previous index serving) when nothing could be indexed
    or a worker failed, and store.BuildRunning when another build holds the index.
    A file that takes longer than
    `file_seconds` to read and analyse is reported as skipped (None: no limit).
    """
    source = Path(source)
    index_dir = Path(index_dir)
    t0 = time.perf_counter()
    report = BuildReport()
    with locked(source, index_dir, wait):
        listing = list_source(source)  # the one walk of the folder
        files = listing.files
        if not files:
            raise BuildFailed(f"no .txt, .html, .htm or .md files under {source}")
        fingerprint = source_fingerprint(source, listing)
        sidecars, sidecar_key, _ = load_sidecars(source, report, listing)
        jobs, total_bytes = jobs_by_size(source, files)
        procs = max(1, min(procs or os.cpu_count() or 1, len(jobs)))
        with new_generation(index_dir) as gen:
            create_index(gen)
            written = write_parallel(gen, source, sidecars, jobs, len(files), procs, progress,
                                     file_seconds)
            faults.point("segments-written")
            report.skipped.extend(sorted(written.skipped))
            if not written.records:
                raise BuildFailed("nothing could be indexed: " + skip_summary(report.skipped))
            commit_segments(gen, written.segments)
            faults.point("toc-joined")
            report.passages = written.passages
            report.bytes = total_bytes
            report.added = len(written.records)
            save_sidecars(gen, sidecar_key, sidecars)
            publish(index_dir, gen, source, written.records, written.parties, written.vocab, report, t0,
                    written.skipped_hashes, fingerprint)
    report.seconds = time.perf_counter() - t0
    return report
