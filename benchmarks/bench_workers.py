"""Benchmark: requests per second of 1 and of N server processes at 8 concurrent clients.

    python benchmarks/bench_workers.py --index DIR [--workers 1,2] [--clients 8] [--requests 400]

For each worker count, starts `python -m search_web --workers N` on 127.0.0.1, warms it up,
then lets `--clients` threads send `--requests` searches in all (the mixed queries of
bench_search.py, each with facets and highlights, a new connection each, as browsers behind
a load balancer arrive), and prints requests per second, p50/p95 latency and the memory of
the workers: RSS each, and PSS summed (pages shared between the workers through the page
cache count once in the sum). Loopback only; the number of requests is bounded.
Goal: at 8 clients, 2 workers serve >= 1.7x the requests per second of 1.
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
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_search import free_port, make_queries, ours_path, pct, wait_for  # noqa: E402

SPEEDUP_GOAL = 1.7


def proc_mb(pid: int) -> tuple[float, float]:
    """(RSS, PSS) of a process in MB (PSS: shared pages divided among their sharers)."""
    rss = pss = 0
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Rss:"):
                rss = int(line.split()[1])
            elif line.startswith("Pss:"):
                pss = int(line.split()[1])
    except OSError:
        pass
    return rss / 1024, pss / 1024


def serving_pids(proc: subprocess.Popen) -> list[int]:
    try:
        kids = Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split()
    except OSError:
        kids = []
    return [int(k) for k in kids] or [proc.pid]


def load(port: int, paths: list[str], clients: int) -> tuple[float, list[float], int]:
    """Send every path once, `clients` at a time; (seconds, latencies ms, errors)."""
    lock = threading.Lock()
    todo = list(reversed(paths))
    times: list[float] = []
    errors = [0]

    def client() -> None:
        while True:
            with lock:
                if not todo:
                    return
                path = todo.pop()
            t0 = time.perf_counter()
            try:
                c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                c.request("GET", path, headers={"Connection": "close"})
                r = c.getresponse()
                r.read()
                c.close()
                ok = r.status == 200
            except OSError:
                ok = False
            ms = (time.perf_counter() - t0) * 1000
            with lock:
                times.append(ms)
                errors[0] += not ok

    threads = [threading.Thread(target=client) for _ in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - t0, times, errors[0]


def run(index: Path, workers: int, paths: list[str], clients: int, threads: int) -> dict:
    port = free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "search_web", "--index", str(index), "--host", "127.0.0.1",
                             "--port", str(port), "--workers", str(workers), "--threads", str(threads)],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(port, "/api/search?q=peace")
        load(port, paths[:4 * clients], clients)  # warm every worker's caches a little
        seconds, times, errors = load(port, paths, clients)
        mem = [proc_mb(p) for p in serving_pids(proc)]
    finally:
        proc.terminate()
        proc.wait(30)
    return {"workers": workers, "rps": len(paths) / seconds, "p50": statistics.median(times),
            "p95": pct(times, 95), "errors": errors, "rss": [m[0] for m in mem], "pss": sum(m[1] for m in mem)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--index", type=Path, required=True)
    ap.add_argument("--workers", default="1,2", help="worker counts to compare, the first is the base")
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--requests", type=int, default=400)
    ap.add_argument("--threads", type=int, default=4, help="waitress threads per worker")
    args = ap.parse_args()
    queries = make_queries(args.index, args.requests)
    paths = [ours_path(q) for q in queries]
    rows = [run(args.index, int(w), paths, args.clients, args.threads) for w in args.workers.split(",")]
    base = rows[0]["rps"]
    print(f"{args.requests} searches, {args.clients} concurrent clients, {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f}")
    for r in rows:
        rss = " + ".join(f"{m:.0f}" for m in r["rss"])
        print(f"workers {r['workers']}: {r['rps']:6.1f} requests/s ({r['rps'] / base:.2f}x)   "
              f"p50 {r['p50']:6.1f} ms  p95 {r['p95']:6.1f} ms  errors {r['errors']}   "
              f"RSS {rss} MB, PSS sum {r['pss']:.0f} MB")
    if len(rows) > 1:
        ratio = rows[-1]["rps"] / base
        print(f"goal ({rows[-1]['workers']} workers >= {SPEEDUP_GOAL}x of {rows[0]['workers']}): "
              f"{'met' if ratio >= SPEEDUP_GOAL else 'NOT met'} ({ratio:.2f}x)")


if __name__ == "__main__":
    main()
