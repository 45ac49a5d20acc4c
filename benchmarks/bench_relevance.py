"""Benchmark: relevance on the known-item queries of benchmarks/relevance/, beside plain BM25.

    python benchmarks/bench_relevance.py [--corpus ../shared/corpus] [--rebuild] [--only uk_manifestos]

For each corpus (uk_manifestos, us_sotu, ungdc, and the repository's seeds) and each view
(passages, statements), prints MRR@10, nDCG@10, success@1, success@10, recall@100 and the
queries with no results, for the engine and for the BM25 baseline on the same index.
Indexes live in benchmarks/out/<corpus>-index and are reused when present (--rebuild builds
them again, as after a change of the analyzer); the UNGDC index is the one bench_build.py
keeps (benchmarks/out/ungdc-index). `--scripted N` also scores N known-item queries made by a
script over each corpus (indexer/relevance/synthetic.py: random words of a random paragraph,
most with one word it lacks), the same N and seed giving the same queries.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from indexer.relevance.metrics import METRICS  # noqa: E402
from indexer.relevance.qrels import load_qrels  # noqa: E402
from indexer.relevance.run import VIEWS, evaluate_qrels  # noqa: E402
from indexer.relevance.synthetic import scripted_queries  # noqa: E402

OUT = ROOT / "benchmarks" / "out"
QRELS = ROOT / "benchmarks" / "relevance"
CORPORA = ("uk_manifestos", "us_sotu", "ungdc", "seeds")


def source_of(name: str, corpus_root: Path) -> Path:
    return ROOT / "seeds" if name == "seeds" else corpus_root / name


def ensure_index(name: str, corpus_root: Path, rebuild: bool) -> Path:
    index = OUT / f"{name}-index"
    if rebuild or not (index / "current").exists():
        print(f"building {index} from {source_of(name, corpus_root)} …", flush=True)
        subprocess.run([sys.executable, "-m", "indexer", "build", "--source", str(source_of(name, corpus_root)),
                        "--index", str(index), "--no-progress"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return index


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus",
                    help="folder holding uk_manifestos/, us_sotu/ and ungdc/")
    ap.add_argument("--only", action="append", choices=CORPORA, help="run only these corpora")
    ap.add_argument("--rebuild", action="store_true", help="build the indexes again")
    ap.add_argument("--json", type=Path, default=None, help="also write the full reports here")
    ap.add_argument("--scripted", type=int, default=0, metavar="N",
                    help="also score N scripted known-item queries per corpus")
    ap.add_argument("--seed", type=int, default=11, help="seed of the scripted queries")
    args = ap.parse_args()
    names = args.only or list(CORPORA)
    head = f"{'corpus':<15}{'view':<12}{'':<8}" + "".join(f"{m:>12}" for m in METRICS) + f"{'no results':>12}"
    rows, full = [head], {}
    for name in names:
        index = ensure_index(name, args.corpus, args.rebuild)
        sets = [(name, load_qrels(QRELS / f"{name}.jsonl"))]
        if args.scripted:
            sets.append((f"{name}*", scripted_queries(index, args.scripted, args.seed)))
        for label, qrels in sets:
            for view in VIEWS:
                report = evaluate_qrels(index, qrels, view)
                full[f"{label}/{view}"] = report.as_dict()
                for side, scores, zero in (("engine", report.engine, report.zero_results("engine")),
                                           ("bm25", report.baseline, report.zero_results("baseline"))):
                    d = scores.as_dict()
                    rows.append(f"{label:<15}{view:<12}{side:<8}" + "".join(f"{d[m]:>12.3f}" for m in METRICS)
                                + f"{zero:>12}")
                print(f"{label} {view}: engine MRR@10 {report.engine.mrr10:.3f}, "
                      f"bm25 {report.baseline.mrr10:.3f}", flush=True)
    if args.scripted:
        rows.append(f"(* {args.scripted} scripted queries, seed {args.seed})")
    print("\n" + "\n".join(rows))
    if args.json:
        args.json.write_text(json.dumps(full, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
