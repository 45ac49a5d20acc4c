"""Did-you-mean and the speller behind fuzzy and prefix terms."""

from __future__ import annotations

import pytest

from indexer.query import SearchIndex
from indexer.query.lexer import read_query
from indexer.query.suggest import Speller, corrections
from indexer.query.results import SearchRequest
from tests.fixtures.query.builder import St, write_index
from tests.fixtures.query.corpus import PARTIES, STATEMENTS, TOPICS


def _osa(a: str, b: str) -> int:
    d = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        d[i][0] = i
    for j in range(len(b) + 1):
        d[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[-1][-1]


def test_vectorised_distance_equals_reference():
    import random

    rng = random.Random(7)
    words = {"".join(rng.choice("abcde") for _ in range(rng.randint(1, 9))) for _ in range(800)}
    sp = Speller({w: 2 for w in words})
    for _ in range(120):
        q = "".join(rng.choice("abcde") for _ in range(rng.randint(1, 9)))
        got = {w: d for w, d, _ in sp.within(q, 2)}
        want = {w: _osa(q, w) for w in words if _osa(q, w) <= 2}
        assert got == want, q


def test_correct_prefers_nearest_then_most_frequent():
    sp = Speller({"solidarity": 500, "solidary": 3, "society": 300, "strike": 90, "stroke": 200,
                  "people": 40, "peoples": 10})
    assert sp.correct("solidarty") == "solidarity"
    assert sp.correct("strke") == "stroke"  # both one edit away: the more frequent
    assert sp.correct("peopel") == "people"  # a swap is one edit
    assert sp.correct("zzzzzz") is None


def test_same_first_letter_preferred():
    sp = Speller({"nation": 5, "ration": 50})
    assert sp.within("nation")[0][0] == "nation"
    assert sp.correct("natoin") == "nation"


def test_prefix_words_most_frequent_first():
    sp = Speller({"strike": 5, "strikes": 50, "striking": 7, "string": 1000})
    assert sp.with_prefix("strik") == (["strikes", "striking", "strike"], False)
    assert sp.with_prefix("strik", limit=1) == (["strikes"], True)
    assert sp.with_prefix("zz") == ([], False)


def test_corrections_leave_fielded_values_and_wildcards_alone():
    sp = Speller({"solidarity": 50, "greece": 20})
    toks = read_query('party:grece solidarty strik* "solidarty greece" title:solidarty').tokens
    fixed = corrections(toks, sp, few=False)
    from indexer.query.lexer import render

    assert render(fixed) == 'party:grece solidarity strik* "solidarity greece" title:solidarity'


def test_case_is_kept():
    sp = Speller({"solidarity": 50})
    from indexer.query.lexer import render

    assert render(corrections(read_query("Solidarty").tokens, sp, few=False)) == "Solidarity"


@pytest.fixture(scope="module")
def ix(tmp_path_factory):
    d = tmp_path_factory.mktemp("suggest")
    extra = [
        St("t1", "Greetings", [("paragraph", "International solidarity, solidarity again, solidarity "
                                             "forever, solidarity now, solidarity always, solidarity.")],
           date="2012-01-01"),
        # a misspelling that occurs twice is in the vocabulary, but rare
        St("t2", "Typo", [("paragraph", "Our solidarty with the workers; solidarty forever.")], date="2012-02-01"),
    ]
    write_index(d, STATEMENTS + extra, PARTIES, TOPICS)
    index = SearchIndex(d)
    yield index
    index.close()


def test_did_you_mean_unknown_word(ix):
    # literal: the words as typed, so the correction is offered, not searched
    resp = ix.search(SearchRequest(q="solidaryty", literal=True))
    assert resp.total == 0
    assert resp.suggestion == "solidarity"
    assert resp.corrected is None


def test_a_query_that_finds_nothing_is_searched_corrected(ix):
    resp = ix.search(SearchRequest(q="solidaryty"))
    assert resp.query == "solidaryty"
    assert resp.corrected == "solidarity"
    assert resp.suggestion is None
    same = ix.search(SearchRequest(q="solidarity"))
    # (s07's one short sentence ranks below s02's longer passage: short passages are damped)
    assert [r.doc_id for r in resp.results] == [r.doc_id for r in same.results] == ["s01", "t1", "s02", "s07"]
    assert resp.total == same.total == 4
    # the rest of the query and its case are kept
    resp = ix.search(SearchRequest(q='Solidaryty -war', view="passages"))
    assert resp.corrected == "Solidarity NOT war" and resp.total == 5


def test_only_an_obvious_correction_is_searched(ix):
    # "dockrs" is one edit from "dockers" (6 letters: one typo allowed)
    assert ix.search(SearchRequest(q="dockrs")).corrected == "dockers"
    # a word of four letters or fewer is too short to guess at
    resp = ix.search(SearchRequest(q="dok"))
    assert resp.corrected is None
    # a first letter typed wrong is not guessed at: offered as did-you-mean instead
    resp = ix.search(SearchRequest(q="xockers"))
    assert resp.corrected is None and resp.suggestion == "dockers"
    # a known word is never replaced, even when the query finds nothing
    resp = ix.search(SearchRequest(q="solidarity dockers"))
    assert resp.all_words == 0 and resp.corrected is None


def test_no_correction_within_filters_that_find_nothing(ix):
    resp = ix.search(SearchRequest(q="solidaryty", years=["1990"]))
    assert resp.corrected is None and resp.total == 0


def test_did_you_mean_rare_word_when_few_results(ix):
    resp = ix.search(SearchRequest(q="solidarty"))
    assert resp.total == 1  # the statement with the typo
    assert resp.suggestion == "solidarity"


def test_no_suggestion_for_good_queries(ix):
    assert ix.search(SearchRequest(q="solidarity")).suggestion is None
    assert ix.search(SearchRequest(q="")).suggestion is None
    assert ix.search(SearchRequest(q="party:KKE")).suggestion is None


def test_suggestion_only_when_it_finds_more(ix):
    # corrected, the query still finds nothing within the filter: no suggestion
    resp = ix.search(SearchRequest(q="solidaryty", years=["1990"]))
    assert resp.total == 0 and resp.suggestion is None


def test_suggestion_keeps_the_rest_of_the_query(ix):
    resp = ix.search(SearchRequest(q='pandemc "health workers" -war', literal=True))
    assert resp.suggestion == 'pandemic "health workers" NOT war'
    resp = ix.search(SearchRequest(q='pandemc "health workers" -war'))
    assert resp.corrected == 'pandemic "health workers" NOT war' and resp.total > 0


def test_no_suggestion_for_fielded_values(ix):
    resp = ix.search(SearchRequest(q="party:grece"))
    assert resp.total == 0 and resp.suggestion is None
