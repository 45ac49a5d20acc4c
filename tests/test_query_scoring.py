"""The numpy BM25F scores equal Whoosh's own BM25F scores, passage by passage."""

from __future__ import annotations

import numpy as np
import pytest
from whoosh.scoring import BM25F

from indexer.query import tree as wq
from indexer.query.evaluate import Evaluator
from indexer.query.parse import parse_query
from indexer.query.scoring import Scorer
from indexer.query.state import IndexState
from indexer.store import generations as store
from indexer.store.whoosh_query import to_whoosh
from tests.fixtures.query.builder import write_index
from tests.fixtures.query.corpus import PARTIES, STATEMENTS, TOPICS


@pytest.fixture(scope="module", params=[1, 3])
def state(request, tmp_path_factory):
    d = tmp_path_factory.mktemp("scoring")
    write_index(d, STATEMENTS, PARTIES, TOPICS, segments=request.param)
    st = IndexState(store.current_generation(d))
    yield st
    st.close()


@pytest.mark.parametrize("q", [
    "workers", "solidarity workers", "dockers OR hospitals", '"trade union"', "title:dockers",
    "peace^2 war", "strikes repression kazakhstan", '"health workers" pandemic',
])
def test_scores_equal_whoosh_bm25f(state, q):
    with state.reader() as r:
        parsed = parse_query(q, state, r)
        scorer = Scorer(state, Evaluator(state, r))
        docs, ours = scorer.passages(parsed.positive)
        with state.snapshot.ix.searcher(weighting=BM25F()) as ws:
            res = ws.search(to_whoosh(parsed.relaxed), limit=None)
            theirs = {d: sc for sc, d in res.top_n}
    assert len(docs) == len(theirs) > 0
    assert set(docs.tolist()) == set(theirs)
    want = np.array([theirs[d] for d in docs.tolist()])
    np.testing.assert_allclose(ours, want, rtol=1e-5)


def test_multi_term_clause_sums_its_terms(state):
    with state.reader() as r:
        scorer = Scorer(state, Evaluator(state, r))
        a = scorer.leaf(wq.Term("text", "dock"))
        b = scorer.leaf(wq.Term("text", "docker"))
        both = scorer.leaf(wq.Or((wq.Term("text", "dock"), wq.Term("text", "docker"))))
    expect = {}
    for docs, sc in (a, b):
        for d, v in zip(docs.tolist(), sc.tolist()):
            expect[d] = expect.get(d, 0) + v
    assert dict(zip(both[0].tolist(), both[1].tolist())) == pytest.approx(expect)


@pytest.mark.parametrize("q", ["title:workers", 'title:"health workers"', "workers pandemic", "title:solidar*"])
def test_a_title_scored_once_per_statement_scores_as_every_passage_would(state, q, monkeypatch):
    """The title is the same on every passage of a statement: scored on each statement's
    first passage and given to the others, the scores are those of each passage, exactly."""
    import indexer.query.scoring as scoring

    calls = []
    by_statement = Scorer._by_statement

    def spy(self, fieldname, docs, score):
        got = by_statement(self, fieldname, docs, score)
        calls.append(got is not None)
        return got

    runs = []
    for least in (0, 10 ** 9):  # every title scored per statement, and none
        monkeypatch.setattr(scoring, "BY_STATEMENT_MIN", least)
        monkeypatch.setattr(Scorer, "_by_statement", spy)
        state.leaf_cache.clear()
        with state.reader() as r:
            runs.append(Scorer(state, Evaluator(state, r)).passages(parse_query(q, state, r).positive))
    assert any(calls) and not all(calls)
    (d1, s1), (d2, s2) = runs
    assert len(d1) and d1.tolist() == d2.tolist()
    assert s1.tolist() == s2.tolist()
