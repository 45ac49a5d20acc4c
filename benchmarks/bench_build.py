"""Benchmark: build the index of a whole corpus, beside SQLite FTS5 loading the same passages.

    python benchmarks/bench_build.py --corpus ../shared/corpus/ungdc [--runs 1] [--procs N]

Prints documents, passages, seconds, MB/s, index size and peak memory (the build's whole
process tree, sampled from /proc), then the seconds SQLite FTS5 (porter tokenizer) takes to
load the very same passages in the same run, and the ratio. Budget: the whole UN corpus,
extraction included, in <= 120 s on a 2-core machine.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUDGET_SECONDS = 120.0


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


def run_build(corpus: Path, index_dir: Path, procs: int | None) -> tuple[float, int, str]:
    cmd = [sys.executable, "-m", "indexer", "build", "--source", str(corpus), "--index", str(index_dir),
           "--no-progress"]
    if procs:
        cmd += ["--procs", str(procs)]
    peak = 0
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
    done.set()
    th.join()
    if proc.returncode != 0:
        print(out)
        raise SystemExit(f"build failed with exit code {proc.returncode}")
    return seconds, peak, out


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
    args = ap.parse_args()
    if not args.corpus.is_dir():
        raise SystemExit(f"corpus {args.corpus} not found")
    corpus_bytes = sum(f.stat().st_size for f in args.corpus.rglob("*")
                       if f.suffix in (".txt", ".html", ".htm", ".md"))
    work = Path(tempfile.mkdtemp(prefix="bench-build-"))
    index_dir = args.keep or (work / "index")
    times, peaks = [], []
    out = ""
    for _ in range(args.runs):
        seconds, peak, out = run_build(args.corpus, index_dir, args.procs)
        times.append(seconds)
        peaks.append(peak)
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
    print(f"throughput:        {corpus_bytes / 1e6 / med:.2f} MB/s")
    print(f"index size:        {dir_size(gen) / 1e6:.1f} MB")
    print(f"peak memory:       {max(peaks) / 1024:.0f} MB (whole process tree)")
    print(f"sqlite fts5 load:  {fts:.1f} s for the same passages ({fts_size / 1e6:.1f} MB)")
    print(f"ratio build/fts5:  {med / fts:.1f}x")
    print(f"budget:            {BUDGET_SECONDS:.0f} s -> {'within' if med <= BUDGET_SECONDS else 'OVER'} budget")


if __name__ == "__main__":
    main()
