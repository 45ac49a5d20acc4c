"""Print the scale table (1x and 3x beside Datasette) from the figures `make bench` wrote under benchmarks/out.

    python benchmarks/bench_table.py

Reads build.json (bench_build.py), search-1x.json, search-3x.json (bench_search.py
--label 1x / 3x) and workers.json (bench_workers.py), and prints, for 1x and 3x, build
seconds (with our build's CPU seconds: on a shared machine the wall time also counts the
waits for a core), p50/p95 of both views and the server's memory, our rows beside
Datasette's, then the scale goals as ratios of the same run, the requests per second of
1 and 2 server processes, and the load average each figure was taken at.
"""

from __future__ import annotations

import json
import os
import statistics
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "benchmarks" / "out"


def load(name: str) -> dict:
    path = OUT / name
    return json.loads(path.read_text("utf-8")) if path.exists() else {}


def ms(view: dict) -> str:
    return f"{view['p50']:.1f} / {view['p95']:.1f}" if view else "—"


def main() -> None:
    build = load("build.json")
    runs = {label: load(f"search-{label}.json") for label in ("1x", "3x")}
    rows = []
    for label, run in runs.items():
        if not run:
            continue
        ds, ours = run["datasette"], run["ours"]
        built = (build.get(label) or {}).get("seconds")
        cpu = (build.get(label) or {}).get("cpu_seconds")
        built_text = ("%.1f" % built + (f" ({cpu:.0f} CPU s)" if cpu else "")) if built else "—"
        rows.append(f"| FTS5 + Datasette, {label} | {run['fts_seconds']:.1f} | {ms(ds)} | — | "
                    f"{ds.get('rss_after') or 0:.0f} MB |")
        idle, after = ours["rss_idle"].get("VmRSS", 0), ours["rss_after"].get("VmRSS", 0)
        rows.append(f"| statement-search, {label} | {built_text} | "
                    f"{ms(ours.get('passages'))} | {ms(ours.get('statements'))} | "
                    f"{idle:.0f} MB idle, {after:.0f} MB after the queries "
                    f"({ours['rss_after'].get('RssAnon', 0):.0f} MB private) |")
    if not rows:
        raise SystemExit("no figures under benchmarks/out: run make bench")
    print("| | build s | p50 / p95 ms (passages view) | p50 / p95 ms (statements view) | server RSS |")
    print("|---|---|---|---|---|")
    print("\n".join(rows))
    one, three = runs["1x"], runs["3x"]
    print()
    b1, b3 = build.get("1x"), build.get("3x")
    if b1 and b3:
        t, c = b3["seconds"] / b1["seconds"], b3.get("cpu_seconds", 0) / max(b1.get("cpu_seconds", 0), 1e-9)
        print(f"build 3x / 1x: {t:.2f}x the time, {c:.2f}x the CPU (goal <= 3.3x) -> "
              f"{'met' if max(t, c) <= 3.3 else 'NOT met'}; peak memory of the build tree "
              f"{b1['peak_mb']:.0f} MB at 1x, {b3['peak_mb']:.0f} MB at 3x")
    if one and three:
        for view in ("passages", "statements"):
            if view in one["ours"] and view in three["ours"]:
                r = three["ours"][view]["p95"] / one["ours"][view]["p95"]
                print(f"p95 3x / 1x ({view}): {r:.2f}x (goal <= 2x) -> {'met' if r <= 2 else 'NOT met'}")
    if three:
        ds = three["datasette"]
        for view in ("passages", "statements"):
            v = three["ours"].get(view)
            if v:
                a, b = ds["p50"] / v["p50"], ds["p95"] / v["p95"]
                ok = a >= 3 and b >= 3
                print(f"3x, Datasette / ours ({view}): p50 {a:.1f}x, p95 {b:.1f}x (goal >= 3x) -> "
                      f"{'met' if ok else 'NOT met'}")
        print(f"3x, first search {three['first_answer_s']:.2f} s after start, "
              f"{three.get('first_answer_cpu_s', float('nan')):.2f} CPU s (goal <= 3 s)")
    for label, goal in (("1x", 400), ("3x", 1024)):
        if runs[label]:
            rss = runs[label]["ours"]["rss_after"].get("VmRSS", 0)
            print(f"{label}, server RSS after the queries {rss:.0f} MB (goal <= {goal} MB) -> "
                  f"{'met' if rss <= goal else 'NOT met'}")
    workers = load("workers.json")
    if workers.get("ratio") is not None:
        print(workers_line(workers))
    loads = [f"{what} {fig['load_average']:.1f}" for what, fig in
             [(f"build {k}", v) for k, v in build.items()] + [(f"search {k}", v) for k, v in runs.items()]
             if fig and fig.get("load_average") is not None]
    if loads:
        print(f"load average ({os.cpu_count()} cores) when each was taken: {', '.join(loads)}")


def workers_line(workers: dict) -> str:
    """Requests per second of 1 and of N workers (medians of the rounds), the cores the
    server got and the load generator's share, from bench_workers.py's figures."""
    median = {int(k): v for k, v in workers["median_rps"].items()}
    base, last = min(median), max(median)
    runs = workers["runs"][str(last)]
    cores = statistics.median(r["server_cores"] for r in runs)
    client = statistics.median(r["client_core_share"] for r in runs)
    load_avg = statistics.median(r["load_average"] for r in runs)
    ratio = workers["ratio"]
    return (f"{workers['clients']} clients: {last} workers {median[last]:.1f} requests/s, {base} worker "
            f"{median[base]:.1f}: {ratio:.2f}x (goal >= 1.7x) -> {'met' if ratio >= 1.7 else 'NOT met'}; "
            f"the {last} workers got {cores:.2f} cores, the load generator {100 * client:.1f}% of one, "
            f"load average {load_avg:.1f}")


if __name__ == "__main__":
    main()
