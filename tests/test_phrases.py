"""Quoted phrases match the words as written (indexer/query/phrases.py): stop words inside
count, stems do not, case and punctuation between the words do not matter; highlighting
marks the same occurrences."""

from __future__ import annotations

import pytest

from indexer.query import SearchIndex
from indexer.query.phrases import spans, surface_words
from indexer.query.results import SearchRequest
from tests.fixtures.query.builder import St, write_index

TEXTS = {
    "coe": "We will separate the Church of England from the state.",
    "comma": "In every church, England has a history to keep.",
    "in": "The church in England and the chapels of Wales.",
    "houses": "Tenants may buy their council houses at a discount.",
    "hyphen": "Council-houses built since the war need repair.",
    "house": "Every council house tenant gets the right to buy.",
    "housing": "Council housing departments will be broken up.",
}


@pytest.fixture(scope="module")
def ix(tmp_path_factory):
    d = tmp_path_factory.mktemp("phrases")
    sts = [St(k, "Manifesto", [("paragraph", t)], date="2000-01-01") for k, t in TEXTS.items()]
    sts.append(St("titled", "The Church of England and the State", [("paragraph", "Disestablishment now.")],
                  date="2001-01-01"))
    write_index(d, sts)
    index = SearchIndex(d)
    yield index
    index.close()


def ids(ix, q, view="statements"):
    return sorted(r.doc_id for r in ix.search(SearchRequest(q=q, view=view)).results)


def test_surface_words_keep_stop_words_and_drop_case_and_punctuation():
    assert surface_words("Church of England") == ("church", "of", "england")
    assert surface_words("council-houses,") == ("council", "houses")


def test_spans_are_whole_words_in_order_with_any_punctuation_between():
    text = "The Church of England. CHURCH OF\nENGLAND; church-of-england, churches of England"
    assert [text[a:b] for a, b in spans(text, ("church", "of", "england"))] == [
        "Church of England", "CHURCH OF\nENGLAND", "church-of-england"]
    assert spans("council housing", ("council", "houses")) == []
    assert spans("councils houses", ("council", "houses")) == []


def test_stop_words_inside_a_phrase_count(ix):
    assert ids(ix, '"Church of England"') == ["coe", "titled"]
    assert ids(ix, '"church england"') == ["comma"]  # punctuation between the words does not count
    assert ids(ix, '"church in England"') == ["in"]


def test_a_phrase_matches_its_words_as_written_not_their_stems(ix):
    assert ids(ix, '"council houses"') == ["houses", "hyphen"]
    assert ids(ix, '"council housing"') == ["housing"]
    assert ids(ix, '"council house"') == ["house"]
    # a quoted single word too; unquoted, the word finds its other forms
    assert ids(ix, '"houses"') == ["houses", "hyphen"]
    assert ids(ix, "houses") == ["house", "houses", "hyphen"]


def test_the_passages_view_and_negation_use_the_same_match(ix):
    assert ids(ix, '"council houses"', view="passages") == ["houses", "hyphen"]
    assert ids(ix, 'council -"council houses"') == ["house", "housing"]


def test_a_sloppy_phrase_still_matches_stems(ix):
    assert ids(ix, '"council houses"~2') == ["house", "houses", "hyphen"]


def test_a_title_phrase_is_checked_against_the_title(ix):
    assert ids(ix, 'title:"Church of England"') == ["titled"]
    assert ids(ix, 'title:"church england"') == []
    assert ids(ix, 'title:"church of england"') == ["titled"]


def test_highlighting_marks_the_phrase_as_written(ix):
    resp = ix.search(SearchRequest(q='"council houses"', view="passages"))
    html = {r.doc_id: r.passages[0].html for r in resp.results}
    assert html["houses"] == "Tenants may buy their <mark>council houses</mark> at a discount."
    assert html["hyphen"] == "<mark>Council-houses</mark> built since the war need repair."
    resp = ix.search(SearchRequest(q='"Church of England" separate'))
    assert resp.results[0].passages[0].html == (
        "We will <mark>separate</mark> the <mark>Church of England</mark> from the state.")


def test_holds_finds_a_whole_word_occurrence_after_a_part_word_one():
    from indexer.query.phrases import holds

    assert holds("disunited nations, then United  Nations", ("united", "nations"))
    assert not holds("disunited nations", ("united", "nations"))
    assert holds("ba a a", ("a", "a"))
    assert not holds("united nationsx", ("united", "nations"))



STOP_TEXTS = {"coe": TEXTS["coe"], "houses": TEXTS["houses"],
              "notwe": "On the strike\n\nNot all of it: will we stop? We will.\n"}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """An index built by the indexer, which keeps each segment's surface words (the
    Whoosh-written fixture above has none, and finds a phrase of stop words alone nowhere)."""
    from indexer.write.build import build_index

    src = tmp_path_factory.mktemp("stop-phrases-src")
    for key, text in STOP_TEXTS.items():
        (src / f"{key}.txt").write_text(text, encoding="utf-8")
    index_dir = tmp_path_factory.mktemp("stop-phrases-index")
    build_index(src, index_dir, procs=1, progress=False)
    index = SearchIndex(index_dir)
    yield index
    index.close()


def test_a_phrase_of_stop_words_alone_is_found_as_written(built, ix):
    # No stemmed posting holds "we will": the words as written decide.
    assert ids(built, '"we will"') == ["coe", "notwe"]
    assert ids(built, '"will we"') == ["notwe"]
    assert ids(built, '"we will" separate') == ["coe"]
    assert ids(built, '"we will not"') == []
    assert ids(built, '"of it"', view="passages") == ["notwe"]
    html = built.search(SearchRequest(q='"will we"', view="passages")).results[0].passages[0].html
    assert html == "Not all of it: <mark>will we</mark> stop? We will."
    assert ids(ix, '"we will"') == []  # an index without surface words: not by reading every text


def test_a_query_of_stop_words_alone_is_searched_as_a_phrase_and_says_so(built):
    resp = built.search(SearchRequest(q="we will"))
    assert sorted(r.doc_id for r in resp.results) == ["coe", "notwe"]
    assert any('searched for them side by side as written, "we will"' in m for m in resp.messages)
    assert ids(built, "the of and") == []
