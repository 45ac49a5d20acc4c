"""Scoring passages with Whoosh (BM25F) and ranking statements by their best passages.

A statement matches when the query holds over the statement as a whole (its words may sit
in different passages). It is ranked by its best passage: BM25F over title and text (the
schema's title boost of 3 is in the postings), times a per-passage factor:

* a passage that satisfies the whole query by itself counts fully; one that only holds
  some of the query's words (the statement matches across passages) counts SCATTER_FACTOR;
* a signatory list counts SIGNATORIES_FACTOR, so a long list of party names never drowns
  the statement's own text.

Then a small bonus for further matching passages: score = best * (1 + BONUS * ln(1 + n))
with n the statement's other matching passages, capped at BONUS_CAP. Only the top of the
ranking is scored: Whoosh collects the best K passages inside the allowed set, and K grows
until the page's statements are certain (the K-th passage score times the largest bonus
cannot beat the last statement of the page).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from whoosh.idsets import DocIdSet
from whoosh.scoring import BaseScorer, BM25F

SIGNATORIES_FACTOR = 0.3
SCATTER_FACTOR = 0.5
BONUS = 0.05
BONUS_CAP = 50
MAX_BONUS = 1.0 + BONUS * math.log1p(BONUS_CAP)
PASSAGES_PER_RESULT = 3
MIN_COLLECT = 64


class _FactorScorer(BaseScorer):
    """Wraps a term scorer: multiplies each score by a per-document factor (<= 1).

    Factors never exceed 1, so the wrapped scorer's quality bounds stay valid and Whoosh's
    block-skipping optimisations keep working.
    """

    def __init__(self, base, factors, offset: int):
        self.base = base
        self.factors = factors
        self.offset = offset

    def supports_block_quality(self):
        return self.base.supports_block_quality()

    def score(self, matcher):
        return self.base.score(matcher) * self.factors[self.offset + matcher.id()]

    def max_quality(self):
        return self.base.max_quality()

    def block_quality(self, matcher):
        return self.base.block_quality(matcher)


class PassageWeighting(BM25F):
    """BM25F with a per-passage factor array set for the current search (None: plain BM25F).

    Each pooled searcher owns one instance; `factors` is set by the request holding it.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.factors = None

    def scorer(self, searcher, fieldname, text, qf=1):
        base = super().scorer(searcher, fieldname, text, qf=qf)
        factors = self.factors
        if factors is None:
            return base
        parent = searcher.get_parent()
        offset = 0
        if parent is not searcher:
            offset = parent._offset_for_subsearcher(searcher) or 0
        return _FactorScorer(base, factors, offset)


class MaskSet(DocIdSet):
    """A read-only docnum set over a numpy boolean mask, for Whoosh's `filter=`."""

    def __init__(self, mask: np.ndarray):
        self._bytes = np.ascontiguousarray(mask, dtype=np.uint8).tobytes()
        self._count = int(np.count_nonzero(mask))

    def __contains__(self, docnum):
        return 0 <= docnum < len(self._bytes) and self._bytes[docnum] == 1

    def __len__(self):
        return self._count

    def __bool__(self):
        return True

    def __iter__(self):
        return iter(np.nonzero(np.frombuffer(self._bytes, dtype=np.uint8))[0].tolist())


def passage_factors(base_factor: np.ndarray, strict: np.ndarray | None) -> memoryview:
    """Per-passage score factors: signatory lists and partial matches weigh less."""
    if strict is None:
        f = base_factor
    else:
        f = base_factor * np.where(strict, np.float32(1.0), np.float32(SCATTER_FACTOR))
    return memoryview(np.ascontiguousarray(f, dtype=np.float32)).cast("B").cast("f")


def score_passages(searcher, q, allowed: np.ndarray | None, factors, limit: int | None
                   ) -> list[tuple[float, int]]:
    """The best `limit` (None: all) passages for q inside `allowed`, as (score, docnum)."""
    searcher.weighting.factors = factors
    try:
        filt = MaskSet(allowed) if allowed is not None else None
        res = searcher.search(q, limit=limit, filter=filt)
        return [(float(s), int(d)) for s, d in res.top_n]
    finally:
        searcher.weighting.factors = None


def bonus(extra: int) -> float:
    """The multiplier for a statement with `extra` further matching passages."""
    return 1.0 + BONUS * math.log1p(min(max(extra, 0), BONUS_CAP))


@dataclass
class RankedStatements:
    """Statements in rank order with their scores and collected passage hits."""

    order: list[int]  # statement ordinals, best first
    scores: dict[int, float]
    hits: dict[int, list[tuple[float, int]]] = field(default_factory=dict)  # best first
    complete: bool = False  # every scorable statement is in `order`


def rank_statements(searcher, q, allowed: np.ndarray, factors, p2s: np.ndarray,
                    extra: np.ndarray, tiebreak: np.ndarray, need: int, candidates: int
                    ) -> RankedStatements:
    """Rank statements by best passage (see module doc), exactly for the first `need`.

    allowed: passage mask to score in; extra[s]: further matching passages of statement s;
    tiebreak[s]: rank used for equal scores (newest first); candidates: allowed.sum().
    """
    k = max(MIN_COLLECT, need * 4)
    while True:
        hits = score_passages(searcher, q, allowed, factors, None if k >= candidates else k)
        by_stmt: dict[int, list[tuple[float, int]]] = {}
        for score, doc in hits:
            by_stmt.setdefault(int(p2s[doc]), []).append((score, doc))
        scores = {s: h[0][0] * bonus(int(extra[s])) for s, h in by_stmt.items()}
        order = sorted(scores, key=lambda s: (-scores[s], int(tiebreak[s])))
        exhausted = k >= candidates or len(hits) < k
        if exhausted:
            return RankedStatements(order, scores, by_stmt, complete=True)
        kth = hits[-1][0]
        if len(order) >= need and scores[order[need - 1]] >= kth * MAX_BONUS:
            return RankedStatements(order[:need], scores, by_stmt)
        k *= 4
