"""CPU time per search API request, in process: the measure that holds on a shared machine.

    python benchmarks/bench_api_cpu.py --index DIR [--views passages,statements] [--queries 200]
                                       [--against CHECKOUT] [--slowest 10]

Sends bench_search.py's queries (the same 200: words, phrases, party and year filters,
top 10 with facets) to `/api/search` through the Flask app's test client (no socket, no
server threads), each once on a freshly opened index, and prints the CPU time each request
took (`time.process_time`: what the request cost, whatever else the machine runs), p50,
p95 and max per view, the mean response size and a digest of the answers (took_ms left
out), so two runs answering alike show the same digest.

With --against, the same is run first by another checkout of the project (a directory
holding `indexer/` and `search_web/`, e.g. an earlier commit exported with `git archive`)
on the same index, in a process of its own, and both are printed: an A/B in one run.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def measure(checkout: Path, index: Path, view: str, n: int, slowest: int) -> None:
    """Run with `checkout`'s code; prints one line for the view (and the slowest)."""
    from bench_search import make_queries, ours_path, pct  # (this directory; it puts its own root first)

    sys.path.insert(0, str(checkout))
    for name in [m for m in sys.modules if m.split(".")[0] in ("indexer", "search_web")]:
        del sys.modules[name]
    import indexer
    from search_web import create_app

    assert Path(indexer.__file__).resolve().is_relative_to(Path(checkout).resolve()), indexer.__file__

    queries = make_queries(index, n)
    client = create_app(index, {}).test_client()
    client.get("/api/search?q=peace")  # the first searcher and lazily built arrays
    times, size, digest = [], 0, hashlib.sha1()
    for item in queries:
        t0 = time.process_time()
        r = client.get(ours_path(item, view))
        times.append(time.process_time() - t0)
        body = r.get_json()
        body.pop("took_ms", None)
        digest.update(json.dumps(body, sort_keys=True).encode("utf-8"))
        size += len(r.data)
    print(f"{view:10s} CPU per request: p50 {pct(times, 50) * 1000:6.1f} ms  p95 {pct(times, 95) * 1000:6.1f} ms  "
          f"max {max(times) * 1000:6.1f} ms  "
          f"mean body {size / len(queries) / 1000:.1f} kB  answers {digest.hexdigest()[:12]}", flush=True)
    for t, item in sorted(zip(times, queries), key=lambda x: x[0])[len(queries) - slowest:]:
        print(f"    {t * 1000:7.1f} ms  {item}")


def run(checkout: Path, args, view: str) -> None:
    code = (f"import sys; sys.path[:0] = [{str(HERE)!r}]; "
            f"from bench_api_cpu import measure; from pathlib import Path; "
            f"measure(Path({str(checkout)!r}), Path({str(args.index)!r}), {view!r}, {args.queries}, {args.slowest})")
    subprocess.run([sys.executable, "-c", code], cwd=checkout, check=True,
                   env={**os.environ, "PYTHONPATH": ""})


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--index", type=Path, required=True)
    ap.add_argument("--views", default="passages,statements")
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--against", type=Path, default=None, help="another checkout to run first, on the same index")
    ap.add_argument("--slowest", type=int, default=0, help="list the slowest requests")
    args = ap.parse_args()
    args.index = args.index.resolve()
    for view in [v for v in args.views.split(",") if v]:
        if args.against is not None:
            print(f"{args.against}:")
            run(args.against.resolve(), args, view)
        print(f"{ROOT} (this checkout):")
        run(ROOT, args, view)
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
