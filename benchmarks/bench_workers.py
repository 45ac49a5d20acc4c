"""Benchmark: requests per second of 1 and of N server processes at 8 concurrent clients.

    python benchmarks/bench_workers.py --index DIR [--workers 1,2] [--clients 8] [--requests 300]
                                       [--rounds 3] [--threads 4]

For each worker count, starts `python -m search_web --workers N` on 127.0.0.1 and warms
every worker up (searches of their own, not the timed ones, until each worker has answered
some), then lets `--clients` threads send `--requests` searches in all (the mixed queries of
bench_search.py, each with facets and highlights, a new connection each, as browsers behind
a load balancer arrive). The worker counts take turns for `--rounds` rounds (1, 2, 1, 2, …)
so that a change in the machine's load falls on both, and the median of the rounds counts.

Each run prints requests per second, p50/p95 latency, and where the CPU went:
- server cores: the workers' CPU seconds over the run's wall seconds (what the scheduler
  gave the server; N workers can serve N times the requests only if they get N cores),
- CPU ms per request, summed over the workers (what a request costs; flat if nothing
  in the server grows with the number of workers),
- the load generator's own CPU, as a share of one core and of all the CPU of the run,
- the whole machine's busy cores (/proc/stat) and the load average: on a shared machine
  the other users' processes take cores the server then cannot get,
and the memory of the workers: RSS each, their private memory, and PSS summed over the
workers and their parent (pages shared between them, the libraries' code and what the
parent loaded before forking, count once in the sum; the index is read with pread, its
pages in the page cache count in none of these figures).
Loopback only; the number of requests is bounded. The figures are also written to
benchmarks/out/workers.json for bench_table.py.
Goal: at 8 clients, 2 workers serve >= 1.7x the requests per second of 1.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_search import cpu_seconds, free_port, make_queries, ours_path, pct, wait_for  # noqa: E402

SPEEDUP_GOAL = 1.7
WARM_PER_WORKER = 40  # warm-up searches per worker, none of them timed


def proc_mb(pid: int) -> dict:
    """RSS, private memory and PSS (shared pages divided among their sharers) of a process, in MB."""
    out = {"rss": 0.0, "private": 0.0, "pss": 0.0}
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            key, _, value = line.partition(":")
            kb = int(value.split()[0]) if value.split() else 0
            if key == "Rss":
                out["rss"] = kb / 1024
            elif key == "Pss":
                out["pss"] = kb / 1024
            elif key in ("Private_Clean", "Private_Dirty"):
                out["private"] += kb / 1024
    except (OSError, ValueError):
        pass
    return out


def serving_pids(proc: subprocess.Popen) -> list[int]:
    try:
        kids = Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split()
    except OSError:
        kids = []
    return [int(k) for k in kids] or [proc.pid]


def machine_busy_jiffies() -> tuple[int, int]:
    """(busy, all) clock ticks of every core since boot, from /proc/stat."""
    fields = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return sum(fields) - idle, sum(fields)


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


def warm(port: int, pids: list[int], paths: list[str], clients: int) -> list[float]:
    """Send the warm-up searches; then more, a few at a time, while a worker has used
    less than half the CPU of the busiest (it took too few of them). The CPU seconds
    each worker spent warming up."""
    start = {p: cpu_seconds(p) for p in pids}
    load(port, paths, clients)
    for extra in range(5):
        spent = [cpu_seconds(p) - start[p] for p in pids]
        if min(spent) >= max(spent) / 2:
            break
        load(port, paths[: clients * 2], clients)
    return [round(cpu_seconds(p) - start[p], 2) for p in pids]


def run(index: Path, workers: int, paths: list[str], warm_paths: list[str], clients: int, threads: int) -> dict:
    port = free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "search_web", "--index", str(index), "--host", "127.0.0.1",
                             "--port", str(port), "--workers", str(workers), "--threads", str(threads)],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(port, "/api/search?q=peace")
        deadline = time.monotonic() + 60
        while len(serving_pids(proc)) < workers and time.monotonic() < deadline:
            time.sleep(0.1)
        pids = serving_pids(proc)
        warmed = warm(port, pids, warm_paths[: WARM_PER_WORKER * workers], clients)
        cpu0 = {p: cpu_seconds(p) for p in pids}
        busy0, all0 = machine_busy_jiffies()
        client0 = time.process_time()
        seconds, times, errors = load(port, paths, clients)
        client_cpu = time.process_time() - client0
        busy1, all1 = machine_busy_jiffies()
        server_cpu = sum(cpu_seconds(p) - cpu0[p] for p in pids)
        mem = [proc_mb(p) for p in pids]
        parent = proc_mb(proc.pid) if workers > 1 else None
    finally:
        proc.terminate()
        proc.wait(30)
    tick = os.sysconf("SC_CLK_TCK")
    machine_cores = (busy1 - busy0) / tick / seconds
    return {"workers": workers, "rps": len(paths) / seconds, "p50": statistics.median(times),
            "p95": pct(times, 95), "errors": errors, "server_cores": server_cpu / seconds,
            "cpu_ms_per_request": server_cpu / len(paths) * 1000, "warm_cpu_s": warmed,
            "client_core_share": client_cpu / seconds, "client_cpu_share": client_cpu / max(server_cpu + client_cpu, 1e-9),
            "machine_busy_cores": machine_cores, "load_average": os.getloadavg()[0],
            "rss": [m["rss"] for m in mem], "private": [m["private"] for m in mem],
            "pss": sum(m["pss"] for m in mem) + (parent["pss"] if parent else 0), "parent_rss": parent and parent["rss"]}


def describe(r: dict, base: float) -> str:
    rss = " + ".join(f"{m:.0f}" for m in r["rss"])
    private = " + ".join(f"{m:.0f}" for m in r["private"])
    return (f"workers {r['workers']}: {r['rps']:6.1f} requests/s ({r['rps'] / base:.2f}x)  p50 {r['p50']:6.1f} ms  "
            f"p95 {r['p95']:6.1f} ms  errors {r['errors']}  | server {r['server_cores']:.2f} cores, "
            f"{r['cpu_ms_per_request']:.1f} CPU ms/request | client {100 * r['client_core_share']:.1f}% of a core "
            f"({100 * r['client_cpu_share']:.1f}% of the run's CPU) | machine {r['machine_busy_cores']:.2f} of "
            f"{os.cpu_count()} cores busy, load {r['load_average']:.1f} | RSS {rss} MB, private {private} MB, "
            f"PSS sum {r['pss']:.0f} MB" + (f" (with the parent's, RSS {r['parent_rss']:.0f} MB)" if r["parent_rss"] else ""))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--index", type=Path, required=True)
    ap.add_argument("--workers", default="1,2", help="worker counts to compare, the first is the base")
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--requests", type=int, default=300)
    ap.add_argument("--rounds", type=int, default=3, help="turns of every worker count (the median counts)")
    ap.add_argument("--threads", type=int, default=4, help="waitress threads per worker")
    args = ap.parse_args()
    counts = [int(w) for w in args.workers.split(",")]
    queries = [ours_path(q) for q in make_queries(args.index, args.requests + WARM_PER_WORKER * max(counts))]
    paths = queries[: args.requests]
    timed = set(paths)
    warm_paths = [p for p in queries[args.requests:] if p not in timed]  # no timed answer is cached
    print(f"{args.requests} searches a run, {args.clients} concurrent clients, {args.threads} threads a worker, "
          f"{args.rounds} rounds, {os.cpu_count()} cores", flush=True)
    runs: dict[int, list[dict]] = {w: [] for w in counts}
    for n in range(args.rounds):
        for w in counts:
            r = run(args.index, w, paths, warm_paths, args.clients, args.threads)
            runs[w].append(r)
            print(f"round {n + 1}, {describe(r, runs[counts[0]][-1]['rps'])}", flush=True)
    medians = {w: statistics.median(r["rps"] for r in rs) for w, rs in runs.items()}
    base = medians[counts[0]]
    print()
    for w, rs in runs.items():
        print(f"workers {w}: median {medians[w]:6.1f} requests/s ({medians[w] / base:.2f}x), server "
              f"{statistics.median(r['server_cores'] for r in rs):.2f} cores, "
              f"{statistics.median(r['cpu_ms_per_request'] for r in rs):.1f} CPU ms/request, client "
              f"{100 * statistics.median(r['client_core_share'] for r in rs):.1f}% of a core, machine "
              f"{statistics.median(r['machine_busy_cores'] for r in rs):.2f} cores busy, load "
              f"{statistics.median(r['load_average'] for r in rs):.1f}")
    result = {"clients": args.clients, "requests": args.requests, "threads": args.threads, "runs": runs,
              "median_rps": medians}
    if len(counts) > 1:
        last = counts[-1]
        ratio = medians[last] / base
        result["ratio"] = ratio
        print(f"goal ({last} workers >= {SPEEDUP_GOAL}x the requests/s of {counts[0]}): "
              f"{'met' if ratio >= SPEEDUP_GOAL else 'NOT met'} ({ratio:.2f}x)")
        cores = statistics.median(r["server_cores"] for r in runs[last])
        if cores < last * 0.9:
            print(f"  the {last} workers got {cores:.2f} cores of the machine's {os.cpu_count()} (other processes "
                  f"held the rest): the ratio measures the cores the server was given, not what it can serve")
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "workers.json").write_text(json.dumps(result, indent=1), "utf-8")


if __name__ == "__main__":
    main()
