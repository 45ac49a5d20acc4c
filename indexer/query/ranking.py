"""Ranking statements by their best passages, and passages by their scores.

A statement matches when the query holds over the statement as a whole (its words may sit
in different passages). Each passage that matches any positive clause is scored with
BM25F (scoring.py), times a factor:

* a passage that satisfies the whole query by itself counts fully; one that holds only
  some of the query's words (the statement matches across passages) counts SCATTER_FACTOR;
* a signatory list counts SIGNATORIES_FACTOR, so a long list of party names never drowns
  the statement's own text;
* a passage shorter than SHORT_WORDS words scores as if it had that many (BM25 would
  otherwise lift a name or a heading, "DAVID STEEL" for `steel`, above the passages about
  the query), and a heading counts HEADING_FACTOR: it is context of the passages under it
  (they hold its words for coverage, see evaluate.Partial).

When results holding only some of the words are listed (evaluate.Partial), a passage's
score is also multiplied by the share of the query's weight (idf) it holds, to the power
COVERAGE_POWER: among passages holding most of the query, one missing a rare word falls
below one missing a common word, and a passage scoring high on one repeated word falls
below one holding more of the words.

A statement scores its best passage: a known statement is sought by the passage remembered,
and a bonus for further matching passages (tried: x(1 + 0.05 ln(1 + n))) only lifted long
statements that mention the words often. Equal scores go newest first, except copies: statements whose passages (titles aside) are word for word the same (an archive
holding one speech or manifesto under two names) stand together, the oldest first, as
the original (copies_oldest_first). Everything is numpy over the matching passages, so the
order is exact at any page.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from indexer.query.scoring import B, K1

SIGNATORIES_FACTOR = 0.3
SHORT_WORDS = 12  # a passage of fewer indexed words scores as if it had this many
HEADING_FACTOR = 0.5  # a heading is context of the passages under it, not a result to outrank them
SCATTER_FACTOR = 0.5
COVERAGE_POWER = 1.5  # chosen on benchmarks/relevance (1 to 2 score alike; 0 is far lower)
PASSAGES_PER_RESULT = 3


def passage_factors(state, docs: np.ndarray, strict: np.ndarray | None) -> np.ndarray:
    """Score factors of the given passages (signatory lists and partial matches weigh less)."""
    f = state.base_factor[docs].astype(np.float64)
    if strict is not None:
        f *= np.where(strict[docs], 1.0, SCATTER_FACTOR)
    fl = state.field_lengths("text")[docs]
    avg = state.avg_field_length("text")

    def norm(length):  # BM25's length normalisation of one occurrence
        return 1 + K1 * ((1 - B) + B * length / avg)

    f *= np.where(fl < SHORT_WORDS, norm(fl) / norm(SHORT_WORDS), 1.0)
    f *= np.where(state.p_heading[docs], HEADING_FACTOR, 1.0)
    return f


@dataclass
class Scored:
    """Scored passages of one query inside the allowed statements."""

    docs: np.ndarray  # sorted docnums
    scores: np.ndarray  # final passage scores (factors applied)
    stmts: np.ndarray  # statement ordinal of each passage


def by_coverage(scored: Scored | None, partial) -> Scored | None:
    """The scores times the share of the query each passage holds (see the module doc);
    unchanged when no result may lack a word (partial is None)."""
    if scored is None or partial is None or not len(scored.docs):
        return scored
    return Scored(scored.docs, scored.scores * partial.held(scored.docs) ** COVERAGE_POWER, scored.stmts)


def rank_statements(scored: Scored, n_statements: int, tiebreak: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Statements with scored passages, best first, and their scores (indexed by ordinal):
    each its best passage's. tiebreak[s]: rank among equal scores (newest first)."""
    best = np.zeros(n_statements, dtype=np.float64)
    if len(scored.docs):
        np.maximum.at(best, scored.stmts, scored.scores)
    has = np.zeros(n_statements, dtype=bool)
    has[scored.stmts] = True
    final = np.where(has, best, 0.0)
    cand = np.nonzero(has)[0]
    order = cand[np.lexsort((tiebreak[cand], -final[cand]))]
    return order, final


def copies_oldest_first(state, reader, order: np.ndarray, final: np.ndarray, upto: int) -> np.ndarray:
    """The ranked statements with each run of copies (equal scores, equal lengths, the same
    passages word for word) in date order, oldest first; other ties as they were. Only
    the runs that start among the first `upto` (the page asked for and those before it)
    are ordered, and only statements tied in score and length are compared."""
    if len(order) < 2:
        return order
    f = final[order]
    w = state.s_words[order]
    pairs = np.flatnonzero((f[1:] == f[:-1]) & (w[1:] == w[:-1]) & (f[1:] > 0))
    if not len(pairs):
        return order
    order = order.copy()
    run_start = None
    for i in pairs.tolist():
        continues = run_start is not None and run_start[1] == i
        if i >= upto and not continues:
            break
        if not _copies(state, reader, int(order[i]), int(order[i + 1])):
            continue
        if not continues:
            run_start = [i, i]
        run_start[1] = i + 1
        a, b = run_start
        run = order[a:b + 1]
        order[a:b + 1] = run[np.argsort(state.s_rank_old[run], kind="stable")]
    return order


def _copies(state, reader, a: int, b: int) -> bool:
    """Whether two statements' passages are the same, word for word (their titles, which
    name the date, aside): by the hash each statement's record keeps, or, in an index
    written before it was kept, by their stored texts."""
    docs = state.snapshot.documents
    ha = docs[state.stmt_ids[a]].get("passages_hash")
    hb = docs[state.stmt_ids[b]].get("passages_hash")
    if ha is not None and hb is not None:
        return ha == hb
    pa, pb = state.statement_passages(a), state.statement_passages(b)
    pa, pb = pa[~state.p_title[pa]], pb[~state.p_title[pb]]
    if len(pa) != len(pb):
        return False
    lengths = state.field_lengths("text")
    if not np.array_equal(lengths[pa], lengths[pb]):
        return False
    return all(reader.stored(int(x)).get("text") == reader.stored(int(y)).get("text") for x, y in zip(pa, pb))


def top_passages(scored: Scored, stmt: int, k: int = PASSAGES_PER_RESULT + 1,
                 cover: np.ndarray | None = None) -> list[tuple[float, int]]:
    """The best k passages of one statement as (score, docnum), best first; with cover
    (float[N]: how much of the query each passage holds), those holding more come first."""
    sel = np.nonzero(scored.stmts == stmt)[0]
    if not len(sel):
        return []
    keys = (scored.docs[sel], -scored.scores[sel])
    if cover is not None:
        keys += (-cover[scored.docs[sel]],)
    order = np.lexsort(keys)[:k]
    return [(float(scored.scores[sel[i]]), int(scored.docs[sel[i]])) for i in order]


def best_passages_order(scored: Scored, limit: int | None, cover: np.ndarray | None = None) -> np.ndarray:
    """Indices into scored, best passage first (ties: lower docnum), at most `limit`;
    with cover (a whole-number tier per scored passage), passages holding more of the query first."""
    n = len(scored.docs)
    key = scored.scores
    if cover is not None and n:
        key = cover * (float(scored.scores.max()) + 1.0) + scored.scores  # cover: whole tiers
    if limit is not None and limit < n:
        part = np.argpartition(-key, limit - 1)[:limit]
        # include every passage tied with the last kept score, for a stable cut
        cut = key[part].min()
        part = np.nonzero(key >= cut)[0]
    else:
        part = np.arange(n)
    order = part[np.lexsort((scored.docs[part], -key[part]))]
    return order if limit is None else order[:limit]
