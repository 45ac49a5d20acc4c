"""Query-time variants: the synonyms file, compounds with and without hyphens, and the
spelling and number variants the analyzer folds, searched on a tiny index."""

from __future__ import annotations

import pytest

from indexer.query import SearchIndex
from indexer.query.results import SearchRequest
from indexer.query.synonyms import ENV, load_synonyms, parse_synonyms
from indexer.query.numbers import number_forms
from indexer.query.variants import compound_forms
from tests.fixtures.query.builder import St, write_index


def test_synonym_groups_and_capitals():
    syn = parse_synonyms("# comment\nNATO, North Atlantic Treaty Organization\nUS, United States\n"
                         "jobless, unemployed  # words\n\nlonely\n")
    assert syn.alternatives("NATO") == ["North Atlantic Treaty Organization"]
    assert syn.alternatives("nato") == ["North Atlantic Treaty Organization"]  # not an English word
    assert syn.alternatives("north atlantic treaty organization") == ["NATO"]
    assert syn.alternatives("US") == ["United States"]
    assert syn.alternatives("us") == []  # an English word: only as typed in capitals
    assert syn.alternatives("U.S.") == ["United States"]
    assert syn.alternatives("Jobless") == ["unemployed"]
    assert syn.alternatives("lonely") == []  # a group of one form is no group
    assert syn.starts(["north", "atlantic", "treaty", "organization", "summit"]) == 4
    assert syn.starts(["united", "nations"]) == 0


def test_the_shipped_file_has_the_domain_groups():
    syn = load_synonyms()
    assert "North Atlantic Treaty Organization" in syn.alternatives("NATO")
    assert "USSR" in syn.alternatives("Soviet Union")
    assert "National Health Service" in syn.alternatives("NHS")
    assert "Communist Party" in syn.alternatives("CP")
    assert "European Union" in syn.alternatives("EU")


def test_compound_forms():
    assert compound_forms("anti-communist") == ["anticommunist"]
    assert compound_forms("anticommunist") == ["anti-communist"]
    assert compound_forms("e-mail") == ["email"]
    assert compound_forms("email") == ["e-mail"]
    assert compound_forms("ease") == []
    assert compound_forms("covid-19") == []
    assert compound_forms("miners") == []
    # the rest after a prefix must be a word: no "e-mployment", "re-form" is kept
    assert compound_forms("employment") == [] and compound_forms("election") == []
    assert compound_forms("cooperation") == ["co-operation"]


def test_number_forms():
    assert number_forms("13") == ["thirteen"]
    assert number_forms("Thirteen") == ["13"]
    assert number_forms("24") == ["twenty-four"]
    assert number_forms("twenty-four") == ["24"]
    assert number_forms("99th") == ["ninety-ninth"]
    assert number_forms("nineteenth") == ["19th"]
    assert number_forms("second") == ["2nd"]
    # "one" and "first" are mostly not counts; 100 and more, years, words: no variant
    assert number_forms("one") == [] and number_forms("first") == [] and number_forms("1") == []
    assert number_forms("100") == [] and number_forms("1831") == [] and number_forms("colonies") == []


STATEMENTS = [
    St("a", "Alliance", [("title", "Alliance"),
                         ("paragraph", "We oppose the North Atlantic Treaty Organization and its bases.")], year=1980),
    St("b", "Union", [("title", "Union"), ("paragraph", "Relations with the USSR must improve.")], year=1981),
    St("c", "Cold war", [("title", "Cold war"), ("paragraph", "An anti-communist campaign in the press.")], year=1982),
    St("d", "Post", [("title", "Post"), ("paragraph", "Write to us by email or by post.")], year=1983),
    St("e", "Coal", [("title", "Coal"), ("paragraph", "The nationalization of coal saved 300,000 jobs.")], year=1984),
    St("f", "Jobs", [("title", "Jobs"), ("paragraph", "Help for the unemployed in the valleys.")], year=1985),
    St("g", "Growth", [("title", "Growth"), ("paragraph", "From 13 separate colonies to 24 united States.")], year=1831),
    St("h", "Care", [("title", "Care"), ("paragraph", "Nurses on call twenty-four hours in the nineteenth ward.")],
       year=1986),
]


@pytest.fixture()
def ix(tmp_path):
    write_index(tmp_path / "index", STATEMENTS)
    index = SearchIndex(tmp_path / "index")
    yield index
    index.close()


def _docs(ix, q):
    """The statements of the passages holding every word of q."""
    return sorted({r.doc_id for r in ix.search(SearchRequest(q=q, view="passages")).results if not r.missing})


@pytest.mark.parametrize("q, docs", [
    ("NATO bases", ["a"]),
    ("nato", ["a"]),
    ("Soviet Union", ["b"]),
    ("relations soviet union", ["b"]),
    ("anticommunist", ["c"]),
    ("anti-communist", ["c"]),
    ("e-mail", ["d"]),
    ("nationalisation", ["e"]),
    ("300000", ["e"]),
    ("300,000 jobs", ["e"]),
    ("jobless", ["f"]),
    ("thirteen colonies", ["g"]),
    ("twenty-four states", ["g"]),
    ("24 hours", ["h"]),
    ("19th ward", ["h"]),
])
def test_variants_find_the_other_form(ix, q, docs):
    assert _docs(ix, q) == docs


def test_quoted_phrases_and_negation_keep_their_meaning(ix):
    assert _docs(ix, '"soviet union"') == []  # a quoted phrase is searched as written
    assert _docs(ix, "cold -anticommunist") == []  # the negated word drops its other forms too


def test_the_synonyms_file_is_read_from_the_environment(tmp_path, monkeypatch):
    write_index(tmp_path / "index", STATEMENTS)
    own = tmp_path / "syn.txt"
    own.write_text("valleys, dales\n")
    monkeypatch.setenv(ENV, str(own))
    ix = SearchIndex(tmp_path / "index")
    assert _docs(ix, "dales") == ["f"]
    assert _docs(ix, "jobless") == []  # the shipped list is not read
    import os
    import time

    own.write_text("valleys, glens\n")  # edited while the index is open: no restart needed
    os.utime(own, (time.time() + 5, time.time() + 5))
    assert _docs(ix, "glens") == ["f"]
    assert _docs(ix, "dales") == []
    monkeypatch.setenv(ENV, str(tmp_path / "missing.txt"))
    assert _docs(ix, "glens") == []  # a missing file is no synonyms, not an error
    ix.close()


def test_a_long_form_weighs_as_the_one_word_typed(tmp_path):
    # "un", "united" and "nations" each stand in one passage of three indexed words: the
    # long form scores the mean of its two words, as much as the short form (not twice)
    write_index(tmp_path, [St("short", "Report", [("paragraph", "The UN met today.")], date="2020-01-01"),
                           St("long", "Report", [("paragraph", "The United Nations met.")], date="2019-01-01")])
    ix = SearchIndex(tmp_path)
    resp = ix.search(SearchRequest(q="UN"))
    scores = {r.doc_id: r.score for r in resp.results}
    assert set(scores) == {"short", "long"} and scores["long"] == pytest.approx(scores["short"], rel=1e-3)
    ix.close()
