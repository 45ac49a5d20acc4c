"""Scores of one ranked list against a known-item query's targets (pure arithmetic).

A ranked list is given as `hits`: for each rank (1, 2, …), the index of the target that
result matches, or None. A target found again lower down earns nothing the second time.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

METRICS = ("mrr@10", "ndcg@10", "success@1", "success@10", "recall@100")


@dataclass(frozen=True)
class Scores:
    mrr10: float
    ndcg10: float
    success1: float
    success10: float
    recall100: float

    def as_dict(self) -> dict[str, float]:
        return dict(zip(METRICS, (self.mrr10, self.ndcg10, self.success1, self.success10,
                                  self.recall100)))


def first_finds(hits: list[int | None]) -> list[bool]:
    """For each rank, whether it finds a target not found above it."""
    seen: set[int] = set()
    out = []
    for h in hits:
        new = h is not None and h not in seen
        if new:
            seen.add(h)
        out.append(new)
    return out


def score(hits: list[int | None], n_targets: int) -> Scores:
    """MRR@10 (1/rank of the first target in the top 10), nDCG@10 (binary gains, each
    target counted once, ideal = all targets at the top), success@1 and @10 (a target in the
    top 1 / 10) and recall@100 (the share of targets in the top 100)."""
    if n_targets < 1:
        raise ValueError("a query needs at least one target")
    new = first_finds(hits[:100])
    first = next((i + 1 for i, f in enumerate(new) if f), None)
    mrr = 1.0 / first if first is not None and first <= 10 else 0.0
    dcg = sum(1.0 / math.log2(i + 2) for i, f in enumerate(new[:10]) if f)
    idcg = sum(1.0 / math.log2(i + 2) for i in range(min(10, n_targets)))
    return Scores(
        mrr10=mrr,
        ndcg10=dcg / idcg,
        success1=1.0 if first == 1 else 0.0,
        success10=1.0 if first is not None and first <= 10 else 0.0,
        recall100=sum(new) / n_targets,
    )


def mean(rows: list[Scores]) -> Scores:
    """The mean of each metric over queries (all zeros for no queries)."""
    n = len(rows) or 1
    return Scores(*(sum(getattr(r, f) for r in rows) / n
                    for f in ("mrr10", "ndcg10", "success1", "success10", "recall100")))
