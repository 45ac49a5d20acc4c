"""Benchmark: build the index of a whole corpus, beside SQLite FTS5 loading the same passages;
then the same corpus three times over, and updates.

    python benchmarks/bench_build.py --corpus ../shared/corpus/ungdc [--runs 1] [--procs N] [--times 3]

Prints documents, passages, seconds, MB/s, index size and peak memory (the build's whole
process tree, sampled from /proc), then the seconds SQLite FTS5 (porter tokenizer) takes to
load the very same passages in the same run, and the ratio. Then it builds the corpus
`--times` times over (its files hard-linked into that many sub-folders under
benchmarks/out, nothing copied, nothing committed) and prints the ratio of the two build
times beside the ratio of the work, and it times an update with nothing changed and one
with one changed document on the 1x index. Goals: the 1x build in <= 50 s and the 3x
build in <= 3.3x the 1x time, extraction included, on a 2-core machine; an update of one
document in <= 2 s, with nothing changed in <= 1 s.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sqlite3
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"
BUDGET_SECONDS = 50.0
SCALE_BUDGET = 1.1  # N times the corpus in at most 1.1 x N times the 1x time
UPDATE_ONE_BUDGET = 2.0
UPDATE_NONE_BUDGET = 1.0
SOURCE_SUFFIXES = (".txt", ".html", ".htm", ".md")


def tree_rss_kb(pid: int) -> int:
    """Resident memory of a process and all its descendants, in KB."""
    total = 0
    stack = [pid]
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
                        break
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    stack.extend(int(c) for c in f.read().split())
        except (OSError, ValueError):
            continue
    return total


def children_cpu() -> float:
    """CPU seconds (user + system) of every finished child process and its descendants."""
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


LAST_CPU = [0.0]  # CPU seconds of the last run_build's process tree


def run_build(corpus: Path, index_dir: Path, procs: int | None, command: str = "build") -> tuple[float, int, str]:
    cmd = [sys.executable, "-m", "indexer", command, "--source", str(corpus), "--index", str(index_dir),
           "--no-progress"]
    if procs and command == "build":
        cmd += ["--procs", str(procs)]
    peak = 0
    cpu0 = children_cpu()
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    done = threading.Event()

    def sample():
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss_kb(proc.pid))
            time.sleep(0.2)

    th = threading.Thread(target=sample, daemon=True)
    th.start()
    out, _ = proc.communicate()
    seconds = time.perf_counter() - t0
    LAST_CPU[0] = children_cpu() - cpu0
    done.set()
    th.join()
    if proc.returncode != 0:
        print(out)
        raise SystemExit(f"build failed with exit code {proc.returncode}")
    return seconds, peak, out


def link_tree(src: Path, dst: Path) -> None:
    """Mirror the corpus `src` at `dst`: its files hard-linked (copied across file systems),
    so that the copies cost no space and a source file is never written through them. A
    file already there is kept only when it is the source's (the same file, or a copy of
    the same size and time): one left edited by an interrupted run is linked anew."""
    for f in src.rglob("*"):
        if not f.is_file():
            continue
        target = dst / f.relative_to(src)
        if target.exists():
            if _same(f, target):
                continue
            target.unlink()
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(f, target)
        except OSError:
            shutil.copy2(f, target)


def _same(src: Path, target: Path) -> bool:
    a, b = src.stat(), target.stat()
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino) or (a.st_size, a.st_mtime_ns) == (b.st_size, b.st_mtime_ns)


def corpus_copies(corpus: Path, times: int) -> tuple[Path, Path]:
    """(the corpus once, the corpus `times` times over in sub-folders copy1 … copyN), both
    linked under benchmarks/out."""
    once = OUT / f"{corpus.name}-1x"
    many = OUT / f"{corpus.name}-{times}x"
    link_tree(corpus, once)
    for n in range(1, times + 1):
        link_tree(corpus, many / f"copy{n}")
    return once, many


def time_updates(corpus: Path, index_dir: Path) -> tuple[float, float, float, float]:
    """Seconds of an update with nothing changed, then of one with one changed document
    (a linked file replaced by an edited copy, put back afterwards), then their CPU seconds."""
    from indexer.read.files import list_source

    nothing, _, _ = run_build(corpus, index_dir, None, "update")
    nothing_cpu = LAST_CPU[0]
    # a statement's file, as the indexer lists them (never the corpus's read-me, which it skips)
    victim = sorted(list_source(corpus).files)[0]
    original = victim.read_bytes()
    saved = victim.with_name(victim.name + ".orig")
    os.replace(victim, saved)  # never write through the link into the shared corpus
    try:
        victim.write_bytes(original + b"\n\nA closing paragraph added for the update benchmark.\n")
        one, _, out = run_build(corpus, index_dir, None, "update")
        one_cpu = LAST_CPU[0]
        if "changed 1," not in out:
            raise SystemExit(f"the update did not see {victim.name} change:\n{out}")
    finally:
        os.replace(saved, victim)
    run_build(corpus, index_dir, None, "update")
    return nothing, one, nothing_cpu, one_cpu


def dir_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def load_passages(index_dir: Path) -> list[tuple[str, str, str]]:
    sys.path.insert(0, str(ROOT))
    from indexer.store.reader import Snapshot

    snap = Snapshot.open(index_dir)
    titles = {d: r["title"] for d, r in snap.documents.items()}
    out = []
    with snap.ix.searcher() as s:
        for fields in s.all_stored_fields():
            out.append((fields["doc_id"], titles.get(fields["doc_id"], ""), fields["text"]))
    snap.close()
    return out


def fts5_load(passages, db_path: Path) -> float:
    if db_path.exists():
        db_path.unlink()
    con = sqlite3.connect(db_path)
    t0 = time.perf_counter()
    con.execute("CREATE VIRTUAL TABLE passages USING fts5(doc_id UNINDEXED, title, text, tokenize='porter')")
    con.executemany("INSERT INTO passages(doc_id, title, text) VALUES (?, ?, ?)", passages)
    con.commit()
    seconds = time.perf_counter() - t0
    con.close()
    return seconds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "ungdc")
    ap.add_argument("--runs", type=int, default=1, help="builds to run (the median is reported)")
    ap.add_argument("--procs", type=int, default=None)
    ap.add_argument("--keep", type=Path, default=None, help="keep the built index in this directory")
    ap.add_argument("--times", type=int, default=3,
                    help="also build the corpus this many times over (1: only once)")
    ap.add_argument("--keep-many", type=Path, default=None,
                    help="keep the index of the corpus --times over in this directory")
    args = ap.parse_args()
    if not args.corpus.is_dir():
        raise SystemExit(f"corpus {args.corpus} not found")
    corpus_bytes = sum(f.stat().st_size for f in args.corpus.rglob("*") if f.suffix in SOURCE_SUFFIXES)
    once, many = corpus_copies(args.corpus, max(args.times, 1))
    work = Path(tempfile.mkdtemp(prefix="bench-build-"))
    index_dir = args.keep or (work / "index")
    times, peaks, cpus = [], [], []
    out = ""
    for _ in range(args.runs):
        seconds, peak, out = run_build(once, index_dir, args.procs)
        times.append(seconds)
        peaks.append(peak)
        cpus.append(LAST_CPU[0])
    update_none, update_one, update_none_cpu, update_one_cpu = time_updates(once, index_dir)
    gen = (index_dir / "current").resolve()
    passages = load_passages(index_dir)
    docs = len({p[0] for p in passages})
    fts = fts5_load(passages, work / "fts5.db")
    fts_size = (work / "fts5.db").stat().st_size
    med = statistics.median(times)
    print(out.strip())
    print()
    print(f"corpus:            {args.corpus} ({corpus_bytes / 1e6:.1f} MB)")
    print(f"documents:         {docs}")
    print(f"passages:          {len(passages)}")
    print(f"build seconds:     {med:.1f} (median of {len(times)}: {', '.join(f'{t:.1f}' for t in times)})")
    print(f"build CPU seconds: {statistics.median(cpus):.1f} (user + system of the whole process tree)")
    print(f"throughput:        {corpus_bytes / 1e6 / med:.2f} MB/s")
    print(f"index size:        {dir_size(gen) / 1e6:.1f} MB")
    print(f"1x build:          {med:.1f} s wall, {statistics.median(cpus):.1f} CPU s, peak memory "
          f"{max(peaks) / 1024:.0f} MB (whole process tree)")
    from indexer.read.sidecars import Sidecars
    started = time.perf_counter()
    rows = Sidecars.load(Path(args.corpus))
    print(f"sidecar load:      {time.perf_counter() - started:.2f} s (goal <= 2 s; {len(rows.warnings)} warnings)")
    print(f"sqlite fts5 load:  {fts:.1f} s for the same passages ({fts_size / 1e6:.1f} MB)")
    print(f"ratio build/fts5:  {med / fts:.1f}x")
    print(f"budget:            {BUDGET_SECONDS:.0f} s -> {'within' if med <= BUDGET_SECONDS else 'OVER'} budget")
    print(f"update, nothing changed: {update_none:.2f} s, {update_none_cpu:.2f} CPU s (goal <= {UPDATE_NONE_BUDGET:.0f} s) -> "
          f"{'within' if update_none <= UPDATE_NONE_BUDGET else 'OVER'}")
    print(f"update, one document:    {update_one:.2f} s, {update_one_cpu:.2f} CPU s (goal <= {UPDATE_ONE_BUDGET:.0f} s) -> "
          f"{'within' if update_one <= UPDATE_ONE_BUDGET else 'OVER'}")
    figures = {"1x": {"seconds": med, "cpu_seconds": statistics.median(cpus), "fts_seconds": fts,
                      "peak_mb": max(peaks) / 1024, "load_average": os.getloadavg()[0]}}
    if args.times > 1:
        many_index = args.keep_many or (work / f"index-{args.times}x")
        seconds, peak, out_many = run_build(many, many_index, args.procs)
        cpu = LAST_CPU[0]
        last = out_many.strip().splitlines()[0] if out_many.strip() else ""
        goal = SCALE_BUDGET * args.times
        cpu_once = statistics.median(cpus)
        print()
        print(f"{args.times}x corpus:         {many} ({last})")
        print(f"{args.times}x build seconds:  {seconds:.1f} ({cpu:.1f} CPU s), peak memory {peak / 1024:.0f} MB "
              f"(whole process tree)")
        print(f"{args.times}x / 1x:           {seconds / med:.2f}x the time, {cpu / max(cpu_once, 1e-9):.2f}x the CPU, "
              f"{peak / max(max(peaks), 1):.2f}x the peak memory, "
              f"for {args.times}x the work (goal <= {goal:.1f}x, both) -> "
              f"{'within' if max(seconds / med, cpu / max(cpu_once, 1e-9)) <= goal else 'OVER'}")
        figures[f"{args.times}x"] = {"seconds": seconds, "cpu_seconds": cpu, "peak_mb": peak / 1024,
                                     "load_average": os.getloadavg()[0]}
        if not args.keep_many:
            shutil.rmtree(many_index, ignore_errors=True)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "build.json").write_text(json.dumps(figures, indent=1), "utf-8")  # for bench_table.py


if __name__ == "__main__":
    main()
