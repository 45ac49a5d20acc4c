"""Benchmark: search latency through HTTP, beside Datasette over SQLite FTS5, in one run.

    python benchmarks/bench_search.py --corpus ../shared/corpus/ungdc [--index DIR] [--queries 200]
                                      [--views passages,statements] [--label 1x]

1. Builds the index of the corpus (or reuses --index).
2. Loads the very same passages into SQLite (an FTS5 table with the porter tokenizer and
   indexed year and party columns; a statement signed by several parties has their ids
   space-separated) for Datasette, with suggested facets off, as a tuned deployment has.
3. Serves our app with waitress and the database with Datasette, both on 127.0.0.1.
4. Sends the same 200 mixed queries (words, phrases, with and without party/year filters)
   to both, interleaved, each asking for the top 10 with facet counts by party and year
   (ours also highlights the passages), once per view of ours (passages, statements),
   and prints p50/p95 latency and the ratios.
5. Prints how long our server took from its start to its first answer, and the memory of
   both servers (RSS, and ours split into private memory and mapped code pages; the index
   is read with pread, so its pages in the page cache count in neither) once
   warmed up and after the queries. With --label, the figures are also written to
   benchmarks/out/search-<label>.json for bench_table.py.

Budget: our p95 <= 150 ms, our p50 no slower than Datasette's.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"
sys.path.insert(0, str(ROOT))

P95_BUDGET_MS = 150.0
WORD = re.compile(r"^[a-z]{4,14}$")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port: int, path: str, timeout: float = 300.0, pause: float = 0.3) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            c.request("GET", path)
            r = c.getresponse()
            r.read()
            if r.status < 500:
                return
        except OSError:
            pass
        time.sleep(pause)
    raise SystemExit(f"server on port {port} did not come up")


def build_sqlite(index_dir: Path, db: Path) -> float:
    """Load the passages into SQLite FTS5; the seconds SQLite took (reading our index not counted)."""
    from indexer.store.reader import Snapshot

    snap = Snapshot.open(index_dir)
    docs = snap.documents
    if db.exists():
        db.unlink()
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE passages (id INTEGER PRIMARY KEY, doc_id TEXT, title TEXT, text TEXT, "
                "year INTEGER, party TEXT)")
    rows = []
    with snap.ix.searcher() as s:
        for i, f in enumerate(s.all_stored_fields()):
            d = docs[f["doc_id"]]
            rows.append((i, f["doc_id"], d["title"], f["text"], d["year"], " ".join(d["signatories"])))
    t0 = time.perf_counter()
    con.executemany("INSERT INTO passages VALUES (?, ?, ?, ?, ?, ?)", rows)
    con.execute("CREATE INDEX passages_year ON passages(year)")
    con.execute("CREATE INDEX passages_party ON passages(party)")
    con.execute("CREATE VIRTUAL TABLE passages_fts USING fts5(title, text, content=passages, "
                "content_rowid=id, tokenize='porter')")
    con.execute("INSERT INTO passages_fts(passages_fts) VALUES ('rebuild')")
    con.commit()
    con.close()
    seconds = time.perf_counter() - t0
    snap.close()
    return seconds


def make_queries(index_dir: Path, n: int, seed: int = 7) -> list[dict]:
    """Deterministic mixed queries from the index's own vocabulary, passages and facets.

    A quarter single words, a quarter two words, half two-word phrases taken from real
    passages; a third of them filtered by a party and a fifth by a year, both taken from
    the statement the phrase came from, so that most filtered queries still find something.
    """
    from indexer.store.reader import Snapshot

    rnd = random.Random(seed)
    snap = Snapshot.open(index_dir)
    vocab = sorted((w for w, c in snap.vocabulary.items() if WORD.match(w) and 50 <= c <= 20000))
    samples = []
    with snap.ix.searcher() as s:
        for i, f in enumerate(s.all_stored_fields()):
            if i % 97 == 0:
                samples.append((f["text"], snap.documents[f["doc_id"]]))
    snap.close()
    queries = []
    for i in range(n):
        text, doc = rnd.choice(samples)
        kind = i % 4
        words = re.findall(r"[A-Za-z]+", text)
        pairs = [(a.lower(), b.lower()) for a, b in zip(words, words[1:]) if len(a) >= 4 and len(b) >= 4]
        if kind == 0 or (kind >= 2 and not pairs):
            q = rnd.choice(vocab)
        elif kind == 1:
            q = " ".join(rnd.sample(vocab, 2))
        else:
            q = '"%s %s"' % rnd.choice(pairs)
        item = {"q": q}
        if i % 3 == 1 and doc["signatories"]:
            item["party"] = rnd.choice(doc["signatories"])
        if i % 5 == 2 and doc["year"]:
            item["year"] = doc["year"]
        queries.append(item)
    return queries


def ours_path(item: dict, view: str | None = None) -> str:
    params = [("q", item["q"]), ("per_page", "10")] + ([("view", view)] if view else [])
    if "party" in item:
        params.append(("party", item["party"]))
    if "year" in item:
        params.append(("year", str(item["year"])))
    return "/api/search?" + urllib.parse.urlencode(params)


def datasette_path(item: dict) -> str:
    q = item["q"]
    params = [("_search", q), ("_size", "10"), ("_facet", "year"), ("_facet", "party"),
              ("_col", "doc_id"), ("_col", "title"), ("_col", "year")]
    if q.startswith('"'):
        params.append(("_searchmode", "raw"))
    if "party" in item:
        params.append(("party", item["party"]))
    if "year" in item:
        params.append(("year", str(item["year"])))
    return "/bench/passages.json?" + urllib.parse.urlencode(params)


def timed_get(conn: http.client.HTTPConnection, path: str) -> tuple[float, int, bytes]:
    """One GET on a kept-alive connection; a connection the server closed while idle (uvicorn
    closes them after 5 s) is opened again and the request sent again, timed alone."""
    for attempt in (1, 2):
        t0 = time.perf_counter()
        try:
            conn.request("GET", path)
            r = conn.getresponse()
            body = r.read()
        except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
            conn.close()
            if attempt == 2:
                raise
            continue
        return (time.perf_counter() - t0) * 1000, r.status, body
    raise AssertionError("unreachable")


def memory_mb(pid: int) -> dict:
    """VmRSS, and its private (RssAnon) and file-backed (RssFile: mapped files, shared
    through the page cache: the libraries' code; the index is read with pread) parts, in MB."""
    out = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmRSS", "RssAnon", "RssFile", "VmHWM"):
                out[key] = int(value.split()[0]) / 1024
    except OSError:
        pass
    return out


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds a process has used (on a shared machine the wall time to
    the first answer also counts the waits for a core)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return float("nan")


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    k = max(0, min(len(values) - 1, round(p / 100 * (len(values) - 1))))
    return values[k]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "ungdc")
    ap.add_argument("--index", type=Path, default=None, help="reuse an index built from the corpus")
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--views", default="passages,statements", help="our views to time, comma-separated")
    ap.add_argument("--label", default="", help="write the figures to benchmarks/out/search-<label>.json")
    args = ap.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bench-search-"))
    index_dir = args.index
    if index_dir is None or not (index_dir / "current").exists():
        index_dir = index_dir or work / "index"
        print(f"building the index of {args.corpus} …", flush=True)
        subprocess.run([sys.executable, "-m", "indexer", "build", "--source", str(args.corpus),
                        "--index", str(index_dir), "--no-progress"], cwd=ROOT, check=True)
    db = work / "bench.db"
    fts_seconds = build_sqlite(index_dir, db)
    print(f"sqlite database loaded in {fts_seconds:.1f} s", flush=True)
    queries = make_queries(index_dir, args.queries)
    views = [v for v in args.views.split(",") if v]

    ours_port, ds_port = free_port(), free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    started = time.perf_counter()
    ours = subprocess.Popen([sys.executable, "-m", "search_web", "--index", str(index_dir), "--host",
                             "127.0.0.1", "--port", str(ours_port)], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ds = subprocess.Popen([sys.executable, "-m", "datasette", "serve", str(db), "--host", "127.0.0.1",
                           "--port", str(ds_port), "--setting", "sql_time_limit_ms", "20000",
                           "--setting", "facet_time_limit_ms", "20000",
                           "--setting", "suggest_facets", "off"],
                          cwd=work, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(ours_port, "/api/search?q=peace", pause=0.05)
        first_answer = time.perf_counter() - started
        first_cpu = cpu_seconds(ours.pid)
        wait_for(ds_port, "/bench/passages.json?_size=1")
        c_ours = http.client.HTTPConnection("127.0.0.1", ours_port, timeout=60)
        c_ds = http.client.HTTPConnection("127.0.0.1", ds_port, timeout=60)
        for item in queries[:10]:  # warm-up: caches, first searcher, facet arrays
            for view in views:
                timed_get(c_ours, ours_path(item, view))
            timed_get(c_ds, datasette_path(item))
        mem_idle, ds_idle = memory_mb(ours.pid), memory_mb(ds.pid)
        t_ours = {v: [] for v in views}
        t_ds = []
        errors = {"ours": 0, "datasette": 0}
        zero = 0
        for view in views:
            for item in queries:
                ms, status, body = timed_get(c_ours, ours_path(item, view))
                if status != 200:
                    errors["ours"] += 1
                elif json.loads(body).get("total", 0) == 0:
                    zero += 1
                t_ours[view].append(ms)
                ms, status, _ = timed_get(c_ds, datasette_path(item))
                if status != 200:
                    errors["datasette"] += 1
                t_ds.append(ms)
        mem_after, ds_after = memory_mb(ours.pid), memory_mb(ds.pid)
    finally:
        ours.terminate()
        ds.terminate()
        ours.wait(10)
        ds.wait(10)

    d50, d95 = statistics.median(t_ds), pct(t_ds, 95)
    print(f"queries:                {len(queries)} per view ({zero} with no result; errors {errors})")
    ok = True
    result = {"label": args.label, "index": str(index_dir), "queries": len(queries), "errors": errors,
              "fts_seconds": fts_seconds, "first_answer_s": first_answer, "first_answer_cpu_s": first_cpu,
              "load_average": os.getloadavg()[0],
              "datasette": {"p50": d50, "p95": d95, "rss_idle": ds_idle.get("VmRSS"), "rss_after": ds_after.get("VmRSS")},
              "ours": {"rss_idle": mem_idle, "rss_after": mem_after}}
    for view in views:
        o50, o95 = statistics.median(t_ours[view]), pct(t_ours[view], 95)
        result["ours"][view] = {"p50": o50, "p95": o95}
        print(f"statement-search HTTP:  p50 {o50:6.1f} ms   p95 {o95:6.1f} ms   max {max(t_ours[view]):6.1f} ms  "
              f"({view} view)")
        print(f"  ratio datasette/ours: p50 {d50 / o50:.2f}x   p95 {d95 / o95:.2f}x")
        ok &= o95 <= P95_BUDGET_MS and o50 <= d50
    print(f"datasette + FTS5 HTTP:  p50 {d50:6.1f} ms   p95 {d95:6.1f} ms   max {max(t_ds):6.1f} ms")
    print(f"first search answered:  {first_answer:.2f} s after the server started, {first_cpu:.2f} CPU s "
          f"(goal <= 3 s; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    for name, m in (("warmed up", mem_idle), ("after the queries", mem_after)):
        print(f"server memory, {name}: RSS {m.get('VmRSS', 0):.0f} MB (private {m.get('RssAnon', 0):.0f} MB, "
              f"mapped files {m.get('RssFile', 0):.0f} MB); datasette "
              f"{(ds_idle if name == 'warmed up' else ds_after).get('VmRSS', 0):.0f} MB")
    print(f"budget (p95 <= {P95_BUDGET_MS:.0f} ms, p50 <= datasette's): {'met' if ok else 'NOT met'}")
    if args.label:
        OUT.mkdir(parents=True, exist_ok=True)
        (OUT / f"search-{args.label}.json").write_text(json.dumps(result, indent=1), "utf-8")


if __name__ == "__main__":
    main()
