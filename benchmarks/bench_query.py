"""In-process latency of the query layer: search with facets and highlights.

    python benchmarks/bench_query.py --index /tmp/ungdc-index [--queries 200] [--seed 7]

Builds a fixed, seeded mix of queries from the index's own vocabulary (single words,
two and three words, phrases taken from real passages, OR, NOT, prefixes, with and without
party/year/topic filters), runs each through SearchIndex.search (the statements view with
facets, highlights and did-you-mean), and prints p50/p95/max. As a baseline it runs the
same queries' facet counting with Whoosh's own `groupedby` facets (the obvious way to
count with Whoosh: collect every hit, group by party/year/topic) and prints the ratio.

The first pass runs on a cold index (postings read from disk); a second pass shows the
same queries warm (cached postings), which is what facet clicks on a query see.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from indexer.query import SearchIndex  # noqa: E402
from indexer.query.results import SearchRequest  # noqa: E402


def _percentile(values: list[float], p: float) -> float:
    s = sorted(values)
    if not s:
        return 0.0
    k = max(0, min(len(s) - 1, int(round(p / 100 * (len(s) - 1)))))
    return s[k]


def make_queries(ix: SearchIndex, n: int, seed: int) -> list[SearchRequest]:
    """A deterministic mix of queries drawn from the index vocabulary and passages."""
    rng = random.Random(seed)
    state = ix._current()
    vocab = state.vocabulary
    # words of mid to high frequency make realistic queries (not stop words, not noise)
    words = sorted((w for w, c in vocab.items() if c >= 20 and len(w) >= 4), key=lambda w: -vocab[w])
    common = words[:3000] or sorted(vocab)
    parties = [p for p in state.parties.ids if state.parties.totals[state.parties.index[p]] > 0]
    topics = [t for t in state.topics.ids if state.topics.totals[state.topics.index[t]] > 0]
    years = sorted({int(y) for y in state.s_year if y > 0})
    # phrases: adjacent word pairs from a sample of passages
    phrases: list[str] = []
    with state.reader() as r:
        live = [int(d) for d in state.s_pass_docs[:: max(1, len(state.s_pass_docs) // 400)]]
        for d in live:
            text = (r.stored(d).get("text") or "").lower().split()
            clean = [w.strip(".,;:!?()\"'") for w in text]
            pairs = [f"{a} {b}" for a, b in zip(clean, clean[1:])
                     if a in vocab and b in vocab and len(a) > 3 and len(b) > 3]
            if pairs:
                phrases.append(rng.choice(pairs))
    out = []
    for i in range(n):
        kind = rng.random()
        if kind < 0.30:
            q = rng.choice(common)
        elif kind < 0.50:
            q = " ".join(rng.sample(common, 2))
        elif kind < 0.58:
            q = " ".join(rng.sample(common, 3))
        elif kind < 0.75 and phrases:
            q = f'"{rng.choice(phrases)}"'
        elif kind < 0.83:
            q = f"{rng.choice(common)} OR {rng.choice(common)}"
        elif kind < 0.90:
            q = f"{rng.choice(common)} -{rng.choice(common)}"
        elif kind < 0.95:
            q = rng.choice(common)[:5] + "*"
        else:
            q = ""
        req = SearchRequest(q=q)
        f = rng.random()
        if f < 0.25 and parties:
            req.parties = rng.sample(parties, min(len(parties), rng.randint(1, 2)))
        elif f < 0.40 and years:
            a = rng.choice(years)
            req.years = [f"{a}-{min(years[-1], a + rng.randint(0, 8))}"]
        elif f < 0.50 and topics:
            req.topics = [rng.choice(topics)]
        out.append(req)
    return out


def run_ours(ix: SearchIndex, reqs: list[SearchRequest]) -> list[float]:
    times = []
    for req in reqs:
        t = time.perf_counter()
        ix.search(req)
        times.append((time.perf_counter() - t) * 1000)
    return times


def run_whoosh_groupedby(ix: SearchIndex, reqs: list[SearchRequest]) -> list[float]:
    """Baseline: Whoosh's own search with groupedby facets (counts per passage group)."""
    from whoosh import sorting
    from whoosh import query as wq

    from indexer.query.parse import parse_query
    from indexer.store.whoosh_query import to_whoosh

    state = ix._current()
    facets = {
        "party": sorting.FieldFacet("party", allow_overlap=True),
        "year": sorting.FieldFacet("year"),
        "topic": sorting.FieldFacet("topic", allow_overlap=True),
    }
    times = []
    with state.reader() as r, state.snapshot.ix.searcher() as s:
        for req in reqs:
            t = time.perf_counter()
            parsed = parse_query(req.q, state, r)
            q = to_whoosh(parsed.query) if parsed.query is not None else wq.Every()
            filters = []
            if req.parties:
                filters.append(wq.Or([wq.Term("party", p) for p in req.parties]))
            if req.topics:
                filters.append(wq.Or([wq.Term("topic", p) for p in req.topics]))
            if req.years:
                lo, _, hi = req.years[0].partition("-")
                filters.append(wq.NumericRange("year", int(lo), int(hi or lo)))
            fq = wq.And(filters) if filters else None
            r = s.search(q, limit=req.per_page, groupedby=facets, filter=fq, maptype=sorting.Count)
            for name in facets:
                r.groups(name)
            times.append((time.perf_counter() - t) * 1000)
    return times


def report(label: str, times: list[float]) -> None:
    print(f"{label:38} n={len(times):4}  p50 {_percentile(times, 50):7.1f} ms   "
          f"p95 {_percentile(times, 95):7.1f} ms   max {max(times):7.1f} ms   "
          f"mean {statistics.fmean(times):6.1f} ms")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--index", required=True, help="index directory (holding 'current')")
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--no-baseline", action="store_true", help="skip the Whoosh groupedby baseline")
    args = ap.parse_args(argv)

    t = time.perf_counter()
    ix = SearchIndex(args.index)
    info = ix.info()
    print(f"index: {info['documents']} statements, {info['passages']} passages "
          f"(opened in {time.perf_counter() - t:.2f} s)")
    reqs = make_queries(ix, args.queries, args.seed)
    cold = run_ours(ix, reqs)
    report("search+facets+highlights (cold)", cold)
    warm = run_ours(ix, reqs)
    report("search+facets+highlights (warm)", warm)
    if not args.no_baseline:
        base = run_whoosh_groupedby(ix, reqs)
        report("Whoosh groupedby facets (baseline)", base)
        print(f"baseline / ours (cold): p50 x{_percentile(base, 50) / max(_percentile(cold, 50), 1e-9):.1f}, "
              f"p95 x{_percentile(base, 95) / max(_percentile(cold, 95), 1e-9):.1f}")
    slow = sorted(zip(cold, reqs), key=lambda t: -t[0])[:5]
    print("slowest (cold):")
    for ms, req in slow:
        print(f"  {ms:7.1f} ms  q={req.q!r} parties={req.parties} years={req.years} topics={req.topics}")
    ix.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
