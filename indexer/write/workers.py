"""The build's worker processes: read, analyse and write files in parallel.

N workers take jobs (a few files each, largest first) off a shared queue; each reads and
analyses its files (read -> pipeline) and writes their passages into a segment of its own
(`store.writer.SegmentSink`). The parent only collects per-document summaries and draws the
progress bar. Extraction and writing thus share every core and nothing is merged at the end.
"""

from __future__ import annotations

import ctypes
import multiprocessing as mp
import os
import queue as queue_mod
import shutil
import signal
import sys
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from indexer.write import faults
from indexer.write.budget import FileTimedOut, time_budget
from indexer.model import Document
from indexer.read.document import SourceError, read_source
from indexer.write.records import (doc_record, file_hash, merge_parties, party_records, passage_fields, sidecar_hash,
                                   vocabulary_of, words)
from indexer.write.report import BuildFailed
from indexer.store.tokenizer import stem
from indexer.store.writer import SegmentSink

JOB_FILES = 8  # files per job handed to a worker
PR_SET_PDEATHSIG = 1  # prctl option: the signal a process gets when its parent dies


def analyse_source(analyser, src) -> Document:
    """Analyse one read file; any failure becomes a SourceError with a readable reason,
    so that a bug on one file never loses the others."""
    try:
        doc = analyser.analyse(src)
    except SourceError:
        raise
    except Exception as exc:
        raise SourceError(src.source_file, f"could not be analysed ({type(exc).__name__}: {exc})") from exc
    if not doc.passages:
        raise SourceError(src.source_file, "no text to index")
    return doc


def write_document(sink, doc: Document, src, vocab: Counter | None = None) -> dict:
    """Add a statement's passages to a writer (anything with `add(fields)`), and their
    words to `vocab` when given; return its documents.json record."""
    for p in doc.passages:
        sink.add(passage_fields(doc, p))
        if vocab is not None:
            vocab.update(words(p.text))
    rec = doc_record(doc)
    rec["sidecar_hash"] = sidecar_hash(src.sidecar)
    return rec


_ANALYSER = None


def warm_analyser():
    """The process's Analyser with its patterns compiled (done once in the parent, before
    the workers fork, so that they share it instead of compiling it again)."""
    global _ANALYSER
    if _ANALYSER is None:
        from indexer.model import Block, SourceDoc
        from indexer.pipeline import Analyser

        analyser = Analyser()
        analyser.registry.prepare_mentions()  # every statement will need them
        analyser.analyse(SourceDoc(doc_id="warm-up", source_file="warm-up.txt", format="txt", blocks=[
            Block("A statement"), Block(""), Block("The Communist Party of Greece (KKE) on 1 May 2020.")]))
        stem("warming")  # the stemmer's dictionary, loaded once for every worker
        _ANALYSER = analyser
    return _ANALYSER


def die_with_parent(parent_pid: int) -> None:
    """Make this worker die as soon as its parent does, even by SIGKILL: the kernel sends
    it SIGKILL then (Linux), and a parent already gone is caught by the pid check."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent_pid:
        os._exit(1)


def _next_job(jobs, parent_pid: int):
    """The next job off the queue; exits when the parent is gone (where the kernel cannot
    be asked to kill this worker with its parent)."""
    while True:
        try:
            return jobs.get(timeout=1.0)
        except queue_mod.Empty:
            if os.getppid() != parent_pid:
                os._exit(1)


def read_and_analyse(analyser, path: Path, root: Path, sidecars, file_seconds: float | None):
    """(source, Document) of one file, within its time budget; raises SourceError or
    FileTimedOut."""
    with time_budget(file_seconds):
        faults.slow_file(path.relative_to(root).as_posix())
        src = read_source(path, root, sidecars)
        return src, analyse_source(analyser, src)


def _worker(parent_pid: int, gen: str, root: str, sidecars, jobs, results, tmpdir: str,
            file_seconds: float | None) -> None:
    """Worker main: analyse and write files from `jobs` until it reads None."""
    die_with_parent(parent_pid)
    try:
        sink = SegmentSink(Path(gen), tmpdir)
        analyser = warm_analyser()
        rootp = Path(root)
        while True:
            job = _next_job(jobs, parent_pid)
            if job is None:
                break
            out = []
            for rel in job:
                faults.point("worker-file")
                try:
                    src, doc = read_and_analyse(analyser, rootp / rel, rootp, sidecars, file_seconds)
                except (SourceError, FileTimedOut) as exc:
                    out.append(("skip", rel, exc.reason, file_hash(rootp / rel)))
                    continue
                rec = write_document(sink, doc, src)
                out.append(("ok", rel, rec, party_records(doc), len(doc.passages)))
            results.put(("docs", out))
        segment = sink.finish()
        # the vocabulary from the words the positions file counted, not a pass over every text
        results.put(("done", segment, dict(vocabulary_of(sink.word_counts()))))
    except BaseException:
        results.put(("error", traceback.format_exc()))


def jobs_by_size(root: Path, files: list[Path]) -> tuple[list[list[str]], int]:
    """Split files into small jobs, largest first, so the workers finish together."""
    sized = []
    total = 0
    for f in files:
        try:
            size = f.stat().st_size
        except OSError:
            size = 0
        total += size
        sized.append((size, f.relative_to(root).as_posix()))
    sized.sort(key=lambda t: -t[0])
    jobs = [[rel for _, rel in sized[i : i + JOB_FILES]] for i in range(0, len(sized), JOB_FILES)]
    return jobs, total


def progress_bar(total: int, enabled: bool | None):
    from tqdm import tqdm

    return tqdm(total=total, unit="file", desc="indexing", disable=(None if enabled is None else not enabled),
                file=sys.stderr, dynamic_ncols=True)


@dataclass
class Written:
    """What the workers wrote: statement records, parties, skipped files, segments."""

    records: dict[str, dict] = field(default_factory=dict)
    parties: dict[str, dict] = field(default_factory=dict)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    skipped_hashes: dict[str, str] = field(default_factory=dict)  # file -> content hash
    segments: list = field(default_factory=list)
    vocab: Counter = field(default_factory=Counter)
    passages: int = 0


def write_parallel(gen: Path, root: Path, sidecars, jobs_list: list[list[str]], nfiles: int, procs: int,
                   progress: bool | None, file_seconds: float | None) -> Written:
    """Run `procs` workers over the jobs, writing segments into `gen`; a file that takes
    longer than `file_seconds` is skipped."""
    warm_analyser()
    ctx = mp.get_context("fork")
    jobs = ctx.Queue()
    results = ctx.Queue()
    for job in jobs_list:
        jobs.put(job)
    tmpdirs = []
    workers = []
    for n in range(procs):
        tmp = gen.parent / f".tmp-{gen.name}-w{n}"
        tmp.mkdir(exist_ok=True)
        tmpdirs.append(tmp)
        jobs.put(None)
        w = ctx.Process(target=_worker, args=(os.getpid(), str(gen), str(root), sidecars, jobs, results, str(tmp),
                                              file_seconds), daemon=True)
        w.start()
        workers.append(w)
    faults.point("workers-started")

    out = Written()
    votes: dict[str, Counter] = {}
    done = 0
    bar = progress_bar(nfiles, progress)
    try:
        while done < procs:
            try:
                msg = results.get(timeout=1.0)
            except queue_mod.Empty:
                dead = [w for w in workers if not w.is_alive() and w.exitcode not in (0, None)]
                if dead:
                    raise BuildFailed(f"a worker process died (exit code {dead[0].exitcode})")
                continue
            kind = msg[0]
            if kind == "docs":
                for item in msg[1]:
                    if item[0] == "ok":
                        _, rel, rec, prec, n = item
                        out.records[rec["doc_id"]] = rec
                        merge_parties(out.parties, votes, prec)
                        out.passages += n
                    else:
                        _, rel, reason, digest = item
                        out.skipped.append((rel, reason))
                        if digest:
                            out.skipped_hashes[rel] = digest
                bar.update(len(msg[1]))
                if bar.n >= nfiles:
                    bar.set_description("writing the index")
            elif kind == "done":
                done += 1
                if msg[1] is not None:
                    out.segments.append(msg[1])
                out.vocab.update(msg[2])
            else:
                raise BuildFailed("a worker failed:\n" + msg[1])
        for w in workers:
            w.join()
    except BaseException:
        for w in workers:
            if w.is_alive():
                w.terminate()
        for w in workers:
            w.join(timeout=5)
        raise
    finally:
        bar.close()
        for tmp in tmpdirs:
            shutil.rmtree(tmp, ignore_errors=True)
    return out
