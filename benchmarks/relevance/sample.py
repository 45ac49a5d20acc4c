"""Pick passages at random (seeded) from a built index, for writing known-item queries.

    python benchmarks/relevance/sample.py --index benchmarks/out/us_sotu-index --seed 7 --n 32

Prints, for each pick, the document's id, year, signatories and one passage of it (a
paragraph or a numbered point of at least --min-chars characters): the material from which
one query of benchmarks/relevance/*.jsonl was written, by reading the passage and describing
it as a user who remembers it would.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from indexer.store.reader import Snapshot  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--index", required=True)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--n", type=int, default=32)
    ap.add_argument("--min-chars", type=int, default=120)
    args = ap.parse_args()
    snap = Snapshot.open(args.index)
    rng = random.Random(args.seed)
    ids = sorted(snap.documents)
    for i in range(args.n):
        doc_id = rng.choice(ids)
        rec = snap.documents[doc_id]
        passages = [p for p in snap.passages(doc_id)
                    if p["kind"] in ("paragraph", "point") and len(p["text"]) >= args.min_chars]
        if not passages:
            continue
        p = rng.choice(passages)
        print(f"## {i} {doc_id} year={rec['year']} signatories={rec['signatories']} chunk={p['chunk_id']}")
        print(p["text"])
        print()


if __name__ == "__main__":
    main()
