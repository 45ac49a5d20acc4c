"""Benchmark: searches and memory while exports stream, through HTTP on waitress.

    python benchmarks/bench_exports.py --index DIR [--corpus ../shared/corpus/ungdc]
                                       [--clients 20] [--queries 200] [--word peace]

Two phases, each on a freshly started server (`statement-search-web`, 4 threads, 2 export
slots), whose memory is read from /proc (VmHWM, the peak resident set). Each starts with a
warm-up: the 200 mixed queries of bench_search.py sent by 4 clients at once, twice, so
that the idle peak counts what searching itself holds (a searcher per thread, caches).

1. "peace": after the warm-up, export every passage that matches the word
   (`/export.csv?q=peace&view=passages`), read to the end; prints its rows, size, time and
   the server's peak memory against its idle peak.
2. "20 exporters": the same warm-up, then `--clients` clients export at once (statement
   and passage exports of common words, each client starting another when one ends; a
   429 is retried after one second, not after the Retry-After the server asks for), while
   one more client sends the 200 mixed queries of bench_search.py one after another;
   prints the searches' p50/p95 under that load (and alone, just before, on the same
   server: the machine's own noise), the exports finished and refused, and the
   server's peak memory against its idle peak. The exporters stop when the searches end.

Budgets: a search's p95 under 200 ms while 20 clients export, and the
server's peak memory under 1.5x its idle peak in both phases.
"""

from __future__ import annotations

import argparse
import http.client
import os
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from bench_search import free_port, make_queries, ours_path, pct, timed_get, wait_for  # noqa: E402

P95_BUDGET_MS = 200.0
MEMORY_BUDGET = 1.5
EXPORT_WORDS = ("peace", "development", "security", "nations", "people", "international", "world", "economic")


def memory_mb(pid: int) -> tuple[float, float]:
    """(current, peak) resident memory of a process in MB, from /proc/<pid>/status."""
    fields = {}
    with open(f"/proc/{pid}/status", encoding="ascii") as f:
        for line in f:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                fields[key] = int(value.split()[0]) / 1024
    return fields["VmRSS"], fields["VmHWM"]


class Server:
    """statement-search-web on a free port, in its own process."""

    def __init__(self, index_dir: Path, threads: int, exports: int):
        self.port = free_port()
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "search_web", "--index", str(index_dir), "--host", "127.0.0.1",
             "--port", str(self.port), "--threads", str(threads), "--exports", str(exports)],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for(self.port, "/api/search?q=peace")

    def connection(self, timeout: float = 600) -> http.client.HTTPConnection:
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)

    def memory(self) -> tuple[float, float]:
        return memory_mb(self.proc.pid)

    def warm_up(self, queries: list[dict], clients: int = 4, rounds: int = 2) -> float:
        """Every query `rounds` times, from `clients` clients at once; returns the idle peak
        memory (MB) after it."""

        def client(k: int) -> None:
            conn = self.connection()
            for item in queries[k::clients] * rounds:
                timed_get(conn, ours_path(item))
            conn.close()

        threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return self.memory()[1]

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(10)


def download(conn: http.client.HTTPConnection, path: str, received=None) -> tuple[int, int, int]:
    """GET path, read the body in 64 KB pieces; (status, bytes, lines). received(n) is told
    of every piece as it arrives."""
    conn.request("GET", path)
    r = conn.getresponse()
    size = lines = 0
    while True:
        piece = r.read(65536)
        if not piece:
            break
        size += len(piece)
        lines += piece.count(b"\n")
        if received:
            received(len(piece))
    return r.status, size, lines


def search_times(server: Server, queries: list[dict]) -> tuple[list[float], int]:
    """The queries one after another from one client: (milliseconds each, errors)."""
    conn = server.connection()
    times, errors = [], 0
    for item in queries:
        ms, status, _ = timed_get(conn, ours_path(item))
        times.append(ms)
        errors += status != 200
    conn.close()
    return times, errors


def phase_word(index_dir: Path, queries: list[dict], word: str) -> bool:
    server = Server(index_dir, threads=4, exports=2)
    try:
        idle = server.warm_up(queries)
        path = "/export.csv?" + urllib.parse.urlencode({"q": word, "view": "passages"})
        t0 = time.perf_counter()
        status, size, lines = download(server.connection(), path)
        seconds = time.perf_counter() - t0
        peak = server.memory()[1]
    finally:
        server.stop()
    ratio = peak / idle
    print(f"export of every passage matching {word!r}: HTTP {status}, {lines - 1:,} rows (CSV lines), "
          f"{size / 1e6:.1f} MB in {seconds:.1f} s ({size / 1e6 / max(seconds, 1e-9):.1f} MB/s)")
    print(f"  server memory: idle peak {idle:.0f} MB, peak {peak:.0f} MB, {ratio:.2f}x "
          f"(budget {MEMORY_BUDGET}x: {'met' if ratio < MEMORY_BUDGET else 'NOT met'})")
    return status == 200 and ratio < MEMORY_BUDGET


def phase_exporters(index_dir: Path, queries: list[dict], clients: int) -> bool:
    server = Server(index_dir, threads=4, exports=2)
    stop = threading.Event()
    counts = {"finished": 0, "refused": 0, "failed": 0, "bytes": 0}
    lock = threading.Lock()

    def exporter(k: int) -> None:
        conn = server.connection()
        n = k
        while not stop.is_set():
            word = EXPORT_WORDS[n % len(EXPORT_WORDS)]
            fmt = "csv" if n % 2 else "json"
            params = {"q": word, **({"view": "passages"} if n % 3 == 0 else {})}
            n += 1
            def received(n: int) -> None:
                with lock:
                    counts["bytes"] += n

            try:
                status, size, _ = download(conn, f"/export.{fmt}?" + urllib.parse.urlencode(params), received)
            except (OSError, http.client.HTTPException):
                if stop.is_set():
                    return  # the server is stopping under this export
                with lock:
                    counts["failed"] += 1
                conn = server.connection()
                continue
            with lock:
                if status == 200:
                    counts["finished"] += 1
                elif status == 429:
                    counts["refused"] += 1
                else:
                    counts["failed"] += 1
            if status == 429:
                stop.wait(1.0)

    threads = [threading.Thread(target=exporter, args=(k,), daemon=True) for k in range(clients)]
    try:
        idle = server.warm_up(queries)
        alone, _ = search_times(server, queries)
        for t in threads:
            t.start()
        time.sleep(2.0)  # let the exports get going
        times, errors = search_times(server, queries)
        peak = server.memory()[1]
    finally:
        stop.set()
        server.stop()
        for t in threads:
            t.join(timeout=5)
    p50, p95 = statistics.median(times), pct(times, 95)
    ratio = peak / idle
    print(f"{len(queries)} searches alone (same server, just before): p50 {statistics.median(alone):.1f} ms, "
          f"p95 {pct(alone, 95):.1f} ms")
    print(f"{len(queries)} searches while {clients} clients export: p50 {p50:.1f} ms, p95 {p95:.1f} ms, "
          f"max {max(times):.1f} ms, errors {errors} "
          f"(budget p95 < {P95_BUDGET_MS:.0f} ms: {'met' if p95 < P95_BUDGET_MS else 'NOT met'})")
    print(f"  exports: {counts['finished']} finished (others cut short when the searches ended), "
          f"{counts['refused']} refused with 429, "
          f"{counts['failed']} failed, {counts['bytes'] / 1e6:.0f} MB sent")
    print(f"  server memory: idle peak {idle:.0f} MB, peak {peak:.0f} MB, {ratio:.2f}x "
          f"(budget {MEMORY_BUDGET}x: {'met' if ratio < MEMORY_BUDGET else 'NOT met'})")
    return p95 < P95_BUDGET_MS and ratio < MEMORY_BUDGET and errors == 0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "ungdc")
    ap.add_argument("--index", type=Path, required=True, help="the index (built from --corpus if missing)")
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--word", default="peace", help="the word whose every passage is exported")
    ap.add_argument("--phase", choices=("all", "word", "exporters"), default="all")
    args = ap.parse_args()
    if not (args.index / "current").exists():
        print(f"building the index of {args.corpus} …", flush=True)
        subprocess.run([sys.executable, "-m", "indexer", "build", "--source", str(args.corpus),
                        "--index", str(args.index), "--no-progress"], cwd=ROOT, check=True)
    queries = make_queries(args.index, args.queries)
    ok = True
    if args.phase in ("all", "word"):
        ok = phase_word(args.index, queries, args.word) and ok
    if args.phase in ("all", "exporters"):
        ok = phase_exporters(args.index, queries, args.clients) and ok
    print(f"all budgets {'met' if ok else 'NOT met'}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
