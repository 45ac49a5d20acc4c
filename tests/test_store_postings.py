"""Reading a term's positions in some documents only (indexer/store/postings.py
`term_positions_in`), from the positions files and from Whoosh's own blocks alike; and
title phrases found once per statement give what the passages' own positions give."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from indexer.query.evaluate import Evaluator
from indexer.query.positions import phrase_docs
from indexer.query.state import IndexState
from indexer.store import generations as store
from indexer.store.postings import term_positions_in, term_postings_positions, term_runs
from indexer.store.schema import ANALYZER
from indexer.write.build import build_index

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.fixture(scope="module")
def state(tmp_path_factory):
    src = tmp_path_factory.mktemp("src")
    for f in SEEDS.glob("*.txt"):
        shutil.copy(f, src / f.name)
    index = tmp_path_factory.mktemp("postings") / "index"
    build_index(src, index, procs=1, progress=False)
    st = IndexState(store.current_generation(index))
    yield st
    st.close()


def _sampled_terms(r, step: int):
    """(field, term, its bytes, pos_docs, positions, [leaves, the same segments read from
    Whoosh alone]) of every step-th title and text term, the pairs read from the leaves."""
    leaves = r._leaves
    both = [leaves, [(reader, offset) for reader, offset, _ in leaves]]
    for field in ("title", "text"):
        for term in list(r._all_terms(field))[::step]:
            b = term.encode("utf-8")
            _, _, pos_docs, positions = term_postings_positions(leaves, field, b)
            yield field, term, b, pos_docs, positions, both


def test_positions_in_some_documents_are_those_of_all_of_them_kept(state):
    rng = np.random.default_rng(5)
    with state.reader() as r:
        checked = 0
        for field, term, b, pos_docs, positions, both in _sampled_terms(r, 7):
            wanted = rng.random(state.n_docs) < 0.3
            keep = wanted[pos_docs]
            for ls in both:
                d, p = term_positions_in(ls, field, b, wanted)
                order = np.lexsort((p, d))
                assert d.dtype == p.dtype == np.int64
                assert np.array_equal(d[order], pos_docs[keep]), term
                assert np.array_equal(p[order], positions[keep]), term
            checked += 1
        assert checked > 50


def test_runs_are_int32_and_spell_out_the_positions_pairs(state):
    with state.reader() as r:
        checked = 0
        for field, term, b, pos_docs, positions, both in _sampled_terms(r, 11):
            for ls in both:
                docs, npos, p = term_runs(ls, field, b)
                assert docs.dtype == npos.dtype == p.dtype == np.int32
                assert np.all(np.diff(docs) > 0) and np.all(npos > 0), term
                assert np.repeat(docs, npos).tolist() == pos_docs.tolist(), term
                assert p.tolist() == positions.tolist(), term
            checked += 1
        assert checked > 30
        for ls in both:
            assert [(a.dtype, len(a)) for a in term_runs(ls, "text", b"qqqnotaword")] == [(np.int32, 0)] * 3


def test_title_positions_per_statement_find_the_passages_positions_find(state):
    pairs = set()
    for rec in state.snapshot.documents.values():
        words = [t.text for t in ANALYZER(rec.get("title") or "")]
        pairs.update(zip(words, words[1:]))
    pairs.update((b, a) for a, b in list(pairs))  # and the same words the other way round
    found_some = 0
    with state.reader() as r:
        ev = Evaluator(state, r)
        for a, b in sorted(pairs):
            common = np.intersect1d(ev.postings("title", a)[0], ev.postings("title", b)[0])
            by_passage = phrase_docs([ev.positions("title", a), ev.positions("title", b)], common)
            found = phrase_docs([ev.statement_positions("title", a), ev.statement_positions("title", b)],
                                np.flatnonzero(state.stmt_mask(common)))
            held = np.zeros(state.n_statements + 1, dtype=bool)
            held[found] = True
            assert np.array_equal(common[held[state.p2s_slot[common]]], by_passage), (a, b)
            found_some += len(by_passage) > 0
    assert found_some >= 10
