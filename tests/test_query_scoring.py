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
