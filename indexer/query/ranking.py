"""Ranking statements by their best passages, and passages by their scores.

A statement matches when the query holds over the statement as a whole (its words may sit
in different passages). Each passage that matches any positive clause is scored with
BM25F (scoring.py), times a factor:

* a passage that satisfies the whole query by itself counts fully; one that holds only
  some of the query's words (the statement matches across passages) counts SCATTER_FACTOR;
* a signatory list counts SIGNATORIES_FACTOR, so a long list of party names never drowns
  the statement's own text.

A statement scores its best passage times a small bonus for its further matching
passages: best * (1 + BONUS * ln(1 + n)), n capped at BONUS_CAP. Equal scores go newest
first. Everything is numpy over the matching passages, so the order is exact at any page.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

SIGNATORIES_FACTOR = 0.3
SCATTER_FACTOR = 0.5
BONUS = 0.05
BONUS_CAP = 50
PASSAGES_PER_RESULT = 3


def bonus(extra) -> np.ndarray | float:
    """The multiplier for a statement with `extra` further matching passages."""
    return 1.0 + BONUS * np.log1p(np.clip(extra, 0, BONUS_CAP))


def passage_factors(state, docs: np.ndarray, strict: np.ndarray | None) -> np.ndarray:
    """Score factors of the given passages (signatory lists and partial matches weigh less)."""
    f = state.base_factor[docs].astype(np.float64)
    if strict is not None:
        f *= np.where(strict[docs], 1.0, SCATTER_FACTOR)
    return f


@dataclass
class Scored:
    """Scored passages of one query inside the allowed statements."""

    docs: np.ndarray  # sorted docnums
    scores: np.ndarray  # final passage scores (factors applied)
    stmts: np.ndarray  # statement ordinal of each passage


def rank_statements(scored: Scored, n_statements: int, per_statement: np.ndarray,
                    tiebreak: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Statements with scored passages, best first, and their scores (indexed by ordinal).

    per_statement[s]: the statement's matching passages (for the bonus); tiebreak[s]: rank
    among equal scores (newest first).
    """
    best = np.zeros(n_statements, dtype=np.float64)
    if len(scored.docs):
        np.maximum.at(best, scored.stmts, scored.scores)
    has = np.zeros(n_statements, dtype=bool)
    has[scored.stmts] = True
    final = np.where(has, best * bonus(per_statement - 1), 0.0)
    cand = np.nonzero(has)[0]
    order = cand[np.lexsort((tiebreak[cand], -final[cand]))]
    return order, final


def top_passages(scored: Scored, stmt: int, k: int = PASSAGES_PER_RESULT + 1) -> list[tuple[float, int]]:
    """The best k passages of one statement as (score, docnum), best first."""
    sel = np.nonzero(scored.stmts == stmt)[0]
    if not len(sel):
        return []
    order = np.lexsort((scored.docs[sel], -scored.scores[sel]))[:k]
    return [(float(scored.scores[sel[i]]), int(scored.docs[sel[i]])) for i in order]


def best_passages_order(scored: Scored, limit: int | None) -> np.ndarray:
    """Indices into scored, best passage first (ties: lower docnum), at most `limit`."""
    n = len(scored.docs)
    if limit is not None and limit < n:
        part = np.argpartition(-scored.scores, limit - 1)[:limit]
        # include every passage tied with the last kept score, for a stable cut
        cut = scored.scores[part].min()
        part = np.nonzero(scored.scores >= cut)[0]
    else:
        part = np.arange(n)
    order = part[np.lexsort((scored.docs[part], -scored.scores[part]))]
    return order if limit is None else order[:limit]
