"""Time the extraction pipeline alone (no index writing) on a sample of a corpus.

    python benchmarks/bench_extract.py [--source ../shared/corpus/ungdc] [--files 1000] [--repeat 3]

Reads every n-th file of the corpus (so the sample spans it), then times
`Analyser.analyse` over the sample; prints the median of the repeats.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from indexer.pipeline import Analyser
from indexer.read.document import read_source
from indexer.read.files import iter_source_files
from indexer.read.sidecars import Sidecars


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--source", default="../shared/corpus/ungdc")
    ap.add_argument("--files", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    root = Path(args.source)
    files = iter_source_files(root)
    step = max(1, len(files) // args.files)
    sample = files[::step][: args.files]
    sidecars = Sidecars.load(root)
    t0 = time.perf_counter()
    srcs = [read_source(p, root, sidecars) for p in sample]
    read_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    analyser = Analyser()
    analyser.analyse(srcs[0])
    warm_s = time.perf_counter() - t0
    runs, cpu = [], []
    for _ in range(args.repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        for src in srcs:
            analyser.analyse(src)
        runs.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    print(f"{len(srcs)} files: read {read_s:.2f} s, analyser warm-up {warm_s:.2f} s, "
          f"extraction median {statistics.median(runs):.2f} s wall, "
          f"{statistics.median(cpu):.2f} s CPU (runs: {', '.join(f'{r:.2f}' for r in runs)})")


if __name__ == "__main__":
    main()
