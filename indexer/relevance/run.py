"""Run known-item queries through the search the web uses and through the BM25 baseline.

    report = evaluate_qrels(index_dir, load_qrels(path), view="passages")
    report.engine.mrr10, report.baseline.mrr10

Each query goes to `SearchIndex.search` with its words and filters, the given view and
100 results a page, as the web would ask; the baseline (indexer/store/baseline.py) ranks the
same index's passages, within the statements the same filters allow.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from indexer.query import SearchIndex
from indexer.query.results import SearchRequest
from indexer.query.settings import VIEWS as SEARCH_VIEWS
from indexer.relevance.metrics import Scores, mean, score
from indexer.relevance.qrels import KnownItemQuery, matches_passage, matches_statement
from indexer.store.baseline import BM25Baseline

DEPTH = 100
VIEWS = tuple(sorted(SEARCH_VIEWS))  # passages, statements


@dataclass
class Ranked:
    """One ranked list: the target each rank finds (or None), the results and the scores."""

    hits: list[int | None]
    total: int
    scores: Scores

    @property
    def rank(self) -> int | None:
        """The rank of the first target found, or None."""
        return next((i + 1 for i, h in enumerate(self.hits) if h is not None), None)


@dataclass
class QueryRun:
    query: KnownItemQuery
    engine: Ranked
    baseline: Ranked


@dataclass
class Report:
    view: str
    index: str
    runs: list[QueryRun] = field(default_factory=list)

    @property
    def engine(self) -> Scores:
        return mean([r.engine.scores for r in self.runs])

    @property
    def baseline(self) -> Scores:
        return mean([r.baseline.scores for r in self.runs])

    def zero_results(self, side: str) -> int:
        return sum(1 for r in self.runs if getattr(r, side).total == 0)

    def as_dict(self) -> dict:
        def side(x: Ranked) -> dict:
            return {**x.scores.as_dict(), "rank": x.rank, "total": x.total}

        return {
            "view": self.view,
            "index": self.index,
            "queries": len(self.runs),
            "engine": {**self.engine.as_dict(), "zero_results": self.zero_results("engine")},
            "baseline": {**self.baseline.as_dict(), "zero_results": self.zero_results("baseline")},
            "per_query": [{"id": r.query.id, "query": r.query.query, "engine": side(r.engine),
                           "baseline": side(r.baseline)} for r in self.runs],
        }


def _first_target(q: KnownItemQuery, test) -> int | None:
    return next((i for i, t in enumerate(q.targets) if test(t)), None)


def _ranked(q: KnownItemQuery, hits: list[int | None], total: int) -> Ranked:
    return Ranked(hits, total, score(hits, len(q.targets)))


def _request(q: KnownItemQuery, view: str, text: str, page: int = 1) -> SearchRequest:
    return SearchRequest(q=text, parties=list(q.parties), years=list(q.years), view=view,
                         page=page, per_page=DEPTH)


def engine_run(ix: SearchIndex, q: KnownItemQuery, view: str) -> Ranked:
    resp = ix.search(_request(q, view, q.query))
    hits = []
    for r in resp.results[:DEPTH]:
        if view == "passages":
            hits.append(_first_target(q, lambda t: any(
                matches_passage(t, r.doc_id, p.chunk_id, p.text) for p in r.passages)))
        else:
            hits.append(_first_target(q, lambda t: matches_statement(t, r.doc_id)))
    return _ranked(q, hits, resp.total)


def allowed_statements(ix: SearchIndex, q: KnownItemQuery) -> set[str] | None:
    """The statements the query's filters allow (None when it has none), as the engine
    reads its filters: every statement an empty query with those filters lists."""
    if not q.parties and not q.years:
        return None
    out: set[str] = set()
    page = 1
    while True:
        resp = ix.search(_request(q, "statements", "", page))
        out.update(r.doc_id for r in resp.results)
        if page >= resp.pages or not resp.results:
            return out
        page += 1


def baseline_run(base: BM25Baseline, q: KnownItemQuery, view: str, docs: set[str] | None) -> Ranked:
    if view == "passages":
        found = base.passages(q.query, DEPTH, docs)
        hits = [_first_target(q, lambda t: matches_passage(t, h.doc_id, h.chunk_id, h.text))
                for h in found]
    else:
        found = base.statements(q.query, DEPTH, docs)
        hits = [_first_target(q, lambda t: matches_statement(t, h.doc_id)) for h in found]
    return _ranked(q, hits, len(found))


def evaluate_qrels(index_dir: Path | str, queries: list[KnownItemQuery], view: str = "passages") -> Report:
    """Every query through the engine and the baseline on the same index, in one run."""
    if view not in VIEWS:
        raise ValueError(f"unknown view {view!r}: use one of {', '.join(VIEWS)}")
    ix = SearchIndex(index_dir)
    base = BM25Baseline(index_dir)
    report = Report(view=view, index=str(index_dir))
    try:
        for q in queries:
            docs = allowed_statements(ix, q)
            report.runs.append(QueryRun(q, engine_run(ix, q, view), baseline_run(base, q, view, docs)))
    finally:
        ix.close()
        base.close()
    return report
