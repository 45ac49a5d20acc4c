"""Writing the index: a full rebuild on all cores, and an incremental update.

A full build runs N worker processes. Each takes files off a shared queue, reads and
analyses them (sources -> analyse) and writes their passages into a Whoosh segment of its
own; the parent only collects per-document summaries, draws the progress bar and, when
every worker is done, writes one table of contents naming all the segments. Extraction
and writing thus share both cores and nothing is merged at the end.

Whoosh is used through this module, `schema` and `query` only.
"""

from __future__ import annotations

import json
import multiprocessing as mp
import os
import queue as queue_mod
import re
import shutil
import sys
import tempfile
import time
import traceback
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from indexer.store import generations as store
from indexer.model import Document, Passage
from indexer.store.schema import build_schema
from indexer.read.sources import SourceError, Sidecars, iter_source_files, read_source

WORD_RE = re.compile(r"[^\W\d_]{3,}")
JOB_FILES = 8  # files per job handed to a worker
WRITER_LIMIT_MB = 1024  # posting-pool memory of each worker before it spills a sorted run to disk
VOCAB_MIN_COUNT = 2


class BuildFailed(Exception):
    """The build could not produce an index; the previous index (if any) stays in place."""


@dataclass
class BuildReport:
    documents: int = 0
    passages: int = 0
    bytes: int = 0
    seconds: float = 0.0
    parties: int = 0
    unknown_parties: dict[str, int] = field(default_factory=dict)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    added: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0
    generation: str = ""

    def as_dict(self) -> dict:
        return {
            "documents": self.documents,
            "passages": self.passages,
            "bytes": self.bytes,
            "seconds": round(self.seconds, 3),
            "parties": self.parties,
            "unknown_parties": self.unknown_parties,
            "skipped": [{"file": f, "reason": r} for f, r in self.skipped],
            "added": self.added,
            "changed": self.changed,
            "removed": self.removed,
            "unchanged": self.unchanged,
            "generation": self.generation,
        }


# -- what goes into the index ------------------------------------------------------


def passage_fields(doc: Document, passage: Passage) -> dict:
    """The Whoosh fields of one passage: its own text plus its statement's facets."""
    fields = {
        "chunk_id": passage.chunk_id(doc.doc_id),
        "doc_id": doc.doc_id,
        "kind": passage.kind,
        "point": passage.point,
        "position": passage.position,
        "title": doc.title,
        "text": passage.text,
        "party": " ".join(p.id for p in doc.signatories),
        "mentioned": " ".join(p.id for p in doc.mentioned),
        "topic": " ".join(doc.topics),
        "passage_topic": " ".join(passage.topics),
    }
    if doc.year is not None:
        fields["year"] = doc.year
    return fields


def doc_record(doc: Document) -> dict:
    """The statement-level record kept in documents.json."""
    return {
        "doc_id": doc.doc_id,
        "source_file": doc.source_file,
        "title": doc.title,
        "date": doc.date,
        "year": doc.year,
        "source": doc.source,
        "signatories": [p.id for p in doc.signatories],
        "mentioned": [p.id for p in doc.mentioned],
        "topics": doc.topics,
        "country": doc.country,
        "content_hash": doc.content_hash,
        "passages": len(doc.passages),
        "extra": doc.extra,
    }


def merge_parties(parties: dict[str, dict], votes: dict[str, Counter], new: dict[str, dict]) -> None:
    """Add a document's party records. A party outside the registry is named by the
    spelling most documents use for it (the registry's own parties have one name)."""
    for pid, rec in new.items():
        if rec.get("known", True):
            parties[pid] = rec
            continue
        count = votes.setdefault(pid, Counter())
        count[rec["name"]] += 1
        best = count.most_common(1)[0][0]
        if pid not in parties or parties[pid]["name"] != best:
            parties[pid] = {**rec, "name": best}


def party_records(doc: Document) -> dict[str, dict]:
    out = {}
    for p in [*doc.signatories, *doc.mentioned]:
        out[p.id] = {
            "id": p.id,
            "name": p.name,
            "acronym": p.acronym,
            "country": p.country,
            "known": p.known,
            "aliases": list(p.aliases),
        }
    return out


# -- worker processes --------------------------------------------------------------


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


def write_document(writer, doc: Document, src, vocab: Counter) -> dict:
    """Add a statement's passages to a Whoosh writer; return its documents.json record."""
    for p in doc.passages:
        writer.add_document(**passage_fields(doc, p))
        vocab.update(WORD_RE.findall(p.text.lower()))
    rec = doc_record(doc)
    rec["sidecar_hash"] = _sidecar_hash(src.sidecar)
    return rec


_ANALYSER = None


def _warm_analyser():
    """The process's Analyser with its patterns compiled (done once in the parent, before
    the workers fork, so that they share it instead of compiling it again)."""
    global _ANALYSER
    if _ANALYSER is None:
        from indexer.pipeline import Analyser
        from indexer.model import Block, SourceDoc

        analyser = Analyser()
        analyser.analyse(SourceDoc(doc_id="warm-up", source_file="warm-up.txt", format="txt", blocks=[
            Block("A statement"), Block(""), Block("The Communist Party of Greece (KKE) on 1 May 2020.")]))
        _ANALYSER = analyser
    return _ANALYSER


def _worker(gen: str, root: str, sidecars, jobs, results, tmpdir: str, limit_mb: int) -> None:
    """Worker main: analyse and write files from `jobs` until it reads None."""
    try:
        tempfile.tempdir = tmpdir  # Whoosh keeps its posting runs in a temp dir per writer
        from whoosh.index import open_dir
        from whoosh.writing import SegmentWriter

        ix = open_dir(gen)
        writer = SegmentWriter(ix, _lk=False, limitmb=limit_mb)
        analyser = _warm_analyser()
        rootp = Path(root)
        vocab: Counter = Counter()
        while True:
            job = jobs.get()
            if job is None:
                break
            out = []
            for rel in job:
                try:
                    src = read_source(rootp / rel, rootp, sidecars)
                    doc = analyse_source(analyser, src)
                except SourceError as exc:
                    out.append(("skip", rel, exc.reason))
                    continue
                rec = write_document(writer, doc, src, vocab)
                out.append(("ok", rel, rec, party_records(doc), len(doc.passages)))
            results.put(("docs", out))
        if writer._added:
            segment = writer._finalize_segment()
        else:
            writer._close_segment()
            segment = None
        results.put(("done", segment, dict(vocab)))
    except BaseException:
        results.put(("error", traceback.format_exc()))


def _jobs_by_size(root: Path, files: list[Path]) -> tuple[list[list[str]], int]:
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


def _progress(total: int, enabled: bool | None):
    from tqdm import tqdm

    return tqdm(total=total, unit="file", desc="indexing", disable=(None if enabled is None else not enabled),
                file=sys.stderr, dynamic_ncols=True)


def _write_parallel(gen: Path, root: Path, sidecars, rel_files_jobs, nfiles: int, procs: int,
                    progress: bool | None, limit_mb: int):
    """Run the workers over the jobs; return (records, parties, skipped, segments, vocab, passages)."""
    _warm_analyser()
    ctx = mp.get_context("fork")
    jobs = ctx.Queue()
    results = ctx.Queue()
    for job in rel_files_jobs:
        jobs.put(job)
    tmpdirs = []
    workers = []
    for n in range(procs):
        tmp = gen.parent / f".tmp-{gen.name}-w{n}"
        tmp.mkdir(exist_ok=True)
        tmpdirs.append(tmp)
        jobs.put(None)
        w = ctx.Process(target=_worker, args=(str(gen), str(root), sidecars, jobs, results, str(tmp), limit_mb),
                        daemon=True)
        w.start()
        workers.append(w)

    records: dict[str, dict] = {}
    parties: dict[str, dict] = {}
    votes: dict[str, Counter] = {}
    skipped: list[tuple[str, str]] = []
    segments = []
    vocab: Counter = Counter()
    passages = 0
    done = 0
    bar = _progress(nfiles, progress)
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
                        records[rec["doc_id"]] = rec
                        merge_parties(parties, votes, prec)
                        passages += n
                    else:
                        skipped.append((item[1], item[2]))
                bar.update(len(msg[1]))
                if bar.n >= nfiles:
                    bar.set_description("writing the index")
            elif kind == "done":
                done += 1
                if msg[1] is not None:
                    segments.append(msg[1])
                vocab.update(msg[2])
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
    return records, parties, skipped, segments, vocab, passages


def _commit_segments(gen: Path, segments) -> None:
    """Write the table of contents that makes the workers' segments one index."""
    from whoosh.index import open_dir
    from whoosh.writing import SegmentWriter

    ix = open_dir(str(gen))
    w = SegmentWriter(ix)
    w._close_segment()
    w._commit_toc(list(w.segments) + list(segments))
    w._finish()


def _summarise(report: BuildReport, records: dict, parties: dict) -> None:
    report.documents = len(records)
    used: Counter = Counter()
    for rec in records.values():
        used.update(rec["signatories"])
    report.parties = len(used)
    unknown = {}
    for pid, count in used.items():
        p = parties.get(pid, {})
        if not p.get("known", True) and "speaker" not in p.get("aliases", []):
            unknown[p.get("name", pid)] = count
    report.unknown_parties = dict(sorted(unknown.items(), key=lambda kv: (-kv[1], kv[0])))


def _payload(source: Path, records: dict, parties: dict, skipped, report: BuildReport) -> dict:
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
        "skipped": [{"file": f, "reason": r} for f, r in skipped],
        "stats": {k: v for k, v in report.as_dict().items() if k not in ("skipped",)},
    }


def _write_vocab(gen: Path, vocab: Counter) -> None:
    words = {w: c for w, c in vocab.items() if c >= VOCAB_MIN_COUNT}
    with open(gen / "vocabulary.json", "w", encoding="utf-8") as f:
        json.dump(words, f, ensure_ascii=False, separators=(",", ":"))


def build_index(source: Path | str, index_dir: Path | str, *, procs: int | None = None,
                progress: bool | None = None, wait: float = 0.0,
                memory_mb: int = WRITER_LIMIT_MB) -> BuildReport:
    """Rebuild the whole index of `source` into a new generation of `index_dir`, then swap it in.

    Raises BuildFailed (leaving the previous index serving) when nothing could be indexed
    or a worker failed, and store.BuildRunning when another build holds the index.
    `memory_mb` is each worker's posting pool; below about 1 GB a large corpus spills
    sorted runs to disk and merges them, which is slower.
    """
    source = Path(source)
    index_dir = Path(index_dir)
    t0 = time.perf_counter()
    report = BuildReport()
    with _locked(source, index_dir, wait):
        files = iter_source_files(source)
        if not files:
            raise BuildFailed(f"no .txt, .html, .htm or .md files under {source}")
        sidecars = _sidecars(source, report)
        jobs, total_bytes = _jobs_by_size(source, files)
        procs = max(1, min(procs or os.cpu_count() or 1, len(jobs)))
        with _generation(index_dir) as gen:
            from whoosh.index import create_in

            create_in(str(gen), build_schema())
            records, parties, skipped, segments, vocab, passages = _write_parallel(
                gen, source, sidecars, jobs, len(files), procs, progress, memory_mb)
            report.skipped.extend(sorted(skipped))
            if not records:
                raise BuildFailed("nothing could be indexed: " + _skip_summary(report.skipped))
            _commit_segments(gen, segments)
            report.passages = passages
            report.bytes = total_bytes
            report.added = len(records)
            _publish(index_dir, gen, source, records, parties, vocab, report, t0)
    report.seconds = time.perf_counter() - t0
    return report


def _publish(index_dir: Path, gen: Path, source: Path, records: dict, parties: dict, vocab: Counter,
             report: BuildReport, t0: float) -> None:
    """Complete the report, write the statement records and vocabulary, swap gen in."""
    _summarise(report, records, parties)
    report.generation = gen.name
    report.seconds = time.perf_counter() - t0
    _write_vocab(gen, vocab)
    store.write_documents(gen, _payload(source, records, parties, report.skipped, report))
    store.publish(index_dir, gen)


def _skip_summary(skipped) -> str:
    if not skipped:
        return "no readable files"
    return "; ".join(f"{f}: {r}" for f, r in skipped[:5]) + (" …" if len(skipped) > 5 else "")


@contextmanager
def _locked(source: Path, index_dir: Path, wait: float):
    """Check the source folder, hold the index's build lock, clear what an interrupted
    build left behind."""
    if not source.is_dir():
        raise BuildFailed(f"source folder {source} does not exist or is not a folder")
    with store.BuildLock(index_dir, timeout=wait):
        _remove_stale(index_dir)
        yield


@contextmanager
def _generation(index_dir: Path):
    """A new, empty generation directory, removed again if what writes it fails."""
    gen = store.new_generation(index_dir)
    try:
        yield gen
    except BaseException:
        store.discard(gen)
        raise


def _sidecars(source: Path, report: BuildReport) -> Sidecars:
    """The source's metadata sidecars; their unreadable rows are reported as skipped."""
    sidecars = Sidecars.load(source)
    for warning in sidecars.warnings:
        report.skipped.append(("metadata", str(warning)))
    return sidecars


def _remove_stale(index_dir: Path) -> None:
    """Remove what an interrupted build left behind (called while holding the lock)."""
    cur = store.current_generation(index_dir)
    for p in index_dir.iterdir():
        if p.name.startswith(".tmp-"):
            shutil.rmtree(p, ignore_errors=True)
        elif p.is_dir() and p.name.startswith(store.GEN_PREFIX) and (cur is None or p.resolve() != cur):
            if not (p / store.DOCUMENTS_FILE).exists():
                shutil.rmtree(p, ignore_errors=True)


# -- incremental update -------------------------------------------------------------


def _link_copy(src: Path, dst: Path) -> None:
    """Copy a generation by hard links (Whoosh never rewrites a file in place)."""
    for f in src.iterdir():
        if f.is_file():
            try:
                os.link(f, dst / f.name)
            except OSError:
                shutil.copy2(f, dst / f.name)


def update_index(source: Path | str, index_dir: Path | str, *, progress: bool | None = None,
                 wait: float = 0.0) -> BuildReport:
    """Add new, re-index changed (by content hash) and remove deleted files, then swap in.

    Works on a hard-linked copy of the current generation, so readers keep the old one
    until the swap. Without an index yet, it builds one.
    """
    from whoosh.index import open_dir

    from indexer.pipeline import Analyser
    from indexer.extract.topics import Taxonomy

    source = Path(source)
    index_dir = Path(index_dir)
    if store.current_generation(index_dir) is None:
        return build_index(source, index_dir, progress=progress, wait=wait)
    t0 = time.perf_counter()
    report = BuildReport()
    with _locked(source, index_dir, wait):
        cur = store.require_generation(index_dir)
        old = store.read_documents(cur)
        records: dict[str, dict] = old["documents"]
        parties: dict[str, dict] = old.get("parties", {})
        used = Counter(p for r in records.values() for p in [*r["signatories"], *r["mentioned"]])
        votes = {pid: Counter({rec["name"]: used[pid]}) for pid, rec in parties.items()}
        sidecars = _sidecars(source, report)
        files = iter_source_files(source)
        by_id = {}
        for f in files:
            rel = f.relative_to(source)
            by_id[rel.with_suffix("").as_posix()] = f
        removed = [d for d in records if d not in by_id]

        with _generation(index_dir) as gen:
            _link_copy(cur, gen)
            ix = open_dir(str(gen))
            writer = ix.writer(timeout=max(wait, 5.0))
            analyser = Analyser(taxonomy=Taxonomy.default())
            vocab_path = gen / "vocabulary.json"
            vocab = Counter(json.loads(vocab_path.read_text("utf-8"))) if vocab_path.exists() else Counter()
            bar = _progress(len(by_id), progress)
            old_searcher = ix.searcher()
            try:
                for doc_id in removed:
                    _forget_words(old_searcher, doc_id, vocab)
                    writer.delete_by_term("doc_id", doc_id)
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
                            _sidecar_unchanged(prev, src):
                        report.unchanged += 1
                        continue
                    try:
                        doc = analyse_source(analyser, src)
                    except SourceError as exc:
                        report.skipped.append((path.relative_to(source).as_posix(), exc.reason))
                        continue
                    if prev:
                        _forget_words(old_searcher, doc_id, vocab)
                        writer.delete_by_term("doc_id", doc_id)
                        report.changed += 1
                    else:
                        report.added += 1
                    records[doc_id] = write_document(writer, doc, src, vocab)
                    merge_parties(parties, votes, party_records(doc))
                writer.commit()
            except BaseException:
                writer.cancel()
                raise
            finally:
                old_searcher.close()
                bar.close()
            report.removed = len(removed)
            if not records:
                raise BuildFailed("nothing left to index: " + _skip_summary(report.skipped))
            report.passages = sum(r["passages"] for r in records.values())
            _publish(index_dir, gen, source, records, parties, vocab, report, t0)
    report.seconds = time.perf_counter() - t0
    return report


def _forget_words(searcher, doc_id: str, vocab: Counter) -> None:
    """Take a statement's words out of the did-you-mean vocabulary before it is replaced."""
    for docnum in searcher.document_numbers(doc_id=doc_id):
        vocab.subtract(WORD_RE.findall(searcher.stored_fields(docnum)["text"].lower()))


def _sidecar_hash(row: dict) -> str:
    import hashlib

    return hashlib.sha1(json.dumps(row or {}, sort_keys=True, default=str).encode()).hexdigest()


def _sidecar_unchanged(prev: dict, src) -> bool:
    return prev.get("sidecar_hash") == _sidecar_hash(src.sidecar)
