"""More like this (indexer/query/similar.py): term choice, statement scores, and the
statements most like one statement in a small written index."""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pytest

from indexer.query import SearchIndex
from indexer.query.similar import MAX_TERMS, most_similar, query_terms, statement_scores, stem_counts
from tests.fixtures.query.builder import St, write_index


def test_stem_counts_tokenise_as_the_index_does():
    counts, forms = stem_counts(["The strikes of the dockers; a strike, 300 dockers."])
    assert counts == Counter({"strike": 2, "docker": 2})  # stop words, numbers out; stemmed
    assert forms["strike"] == {"strikes", "strike"}
    counts, _ = stem_counts(["one two three four"], max_words=2)
    assert sum(counts.values()) == 2


def test_query_terms_weigh_rare_repeated_stems_highest():
    counts = Counter({"docker": 3, "piraeus": 2, "worker": 4, "once": 1})
    forms = {"docker": {"dockers"}, "piraeus": {"piraeus"}, "worker": {"workers"}, "once": {"once"}}
    words = {"dockers": 10, "piraeus": 3, "workers": 5000}
    terms = dict(query_terms(counts, forms, words, total=100_000, n_passages=1_000_000))
    # tf x (ln(total / count) + 1); a word seen once counts in a statement this short
    expected = {"docker": 3 * (math.log(10_000) + 1), "piraeus": 2 * (math.log(100_000 / 3) + 1),
                "worker": 4 * (math.log(20) + 1), "once": 1 * (math.log(100_000) + 1)}
    top = max(expected.values())
    assert terms == pytest.approx({k: v / top for k, v in expected.items()})
    assert list(terms)[:2] == ["docker", "piraeus"]
    # counted more than 2% of 100,000 passages (and more than 1,000 times): left out
    assert "worker" not in dict(query_terms(counts, forms, words, total=100_000, n_passages=100_000))
    many = Counter({f"w{i}": 2 for i in range(100)})
    assert len(query_terms(many, {}, {}, 1000)) == MAX_TERMS
    # in a statement of 40 stems or more, a stem seen once is left out
    assert "w99" not in dict(query_terms(Counter({**many, "w99": 1}), {}, {}, 1000, max_terms=200))


def test_statement_scores_by_hand():
    # passages 0-1 statement 0, 2 statement 1, 3 statement 2; one stem in passages 1, 2, 3
    p2s_slot = np.array([0, 0, 1, 2])
    lengths = np.array([10.0, 10.0, 10.0])
    live = np.array([True, True, True])
    scores = statement_scores([(1.0, np.array([1, 2, 3]), np.array([1.0, 3.0, 1.0]))],
                              p2s_slot, 3, lengths, live)
    idf = math.log(3 / 4) + 1  # the stem is in all 3 statements
    # equal lengths: BM25's length norm is K1; tf 1 -> idf * 2.2 / 2.2, tf 3 -> idf * 6.6 / 4.2
    assert scores.tolist() == pytest.approx([idf, idf * 6.6 / 4.2, idf])
    assert most_similar(scores, 1, np.array([2, 1, 0]), 5) == [(2, scores[2]), (0, scores[0])]


@pytest.fixture(scope="module")
def six(tmp_path_factory):
    d = tmp_path_factory.mktemp("similar")
    statements = [
        St("dock1", "Dockers of Piraeus", [("paragraph", "The dockers of Piraeus strike against the port "
           "privatisation. Dockers, port workers and seamen stand together in Piraeus.")], date="2015-01-01"),
        St("dock2", "Port privatisation", [("paragraph", "Port privatisation in Piraeus: the dockers' strike "
           "goes on. The port of Piraeus must stay public; dockers resist.")], date="2016-01-01"),
        St("vacc", "Vaccine patents", [("paragraph", "Lift the vaccine patents. Vaccines for all peoples, "
           "vaccine production in public hands, no patents on health.")], date="2021-01-01"),
        St("vacc2", "Health before profit", [("paragraph", "Patents on vaccines kill: vaccine patents must be "
           "waived, health systems must be public.")], date="2021-02-01"),
        St("other", "Elections", [("paragraph", "The elections in Greece and the votes of the people.")],
           date="2019-01-01"),
    ]
    write_index(d, statements)
    index = SearchIndex(d)
    yield index
    index.close()


def test_the_most_similar_statement_comes_first(six):
    assert [r["doc_id"] for r in six.similar("dock1")][:1] == ["dock2"]
    assert [r["doc_id"] for r in six.similar("vacc")][:1] == ["vacc2"]
    rows = six.similar("dock2")
    assert rows[0]["doc_id"] == "dock1" and rows[0]["title"] == "Dockers of Piraeus"
    assert set(rows[0]) == {"doc_id", "title", "date", "year", "score"}
    assert "dock2" not in [r["doc_id"] for r in rows]  # never itself
    assert all(r["doc_id"] != "other" for r in rows)  # shares none of the chosen words
    assert six.similar("dock1", limit=1) == six.similar("dock1")[:1]


def test_an_unknown_statement_has_no_similar_list(six):
    assert six.similar("no-such-statement") is None
