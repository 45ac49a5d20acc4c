"""Reading queries: repairs of bad input, what is understood, and the Whoosh query built."""

from __future__ import annotations

import pytest

from indexer.query import SearchIndex
from indexer.query.lexer import MAX_QUERY_CHARS, read_query, render
from indexer.query.results import SearchRequest
from tests.fixtures.query.builder import write_index
from tests.fixtures.query.corpus import PARTIES, STATEMENTS, TOPICS


def clean(q):
    r = read_query(q)
    return render(r.tokens), r.messages


@pytest.mark.parametrize("q, expected, message", [
    ('"trade union', "trade union", "Unbalanced quote: searched for trade union as words."),
    ("(strike OR lockout", "(strike OR lockout)", "closed the open '('"),
    ("strike)", "strike", "ignored a ')'"),
    ("AND", "", "Ignored 'AND'"),
    ("-", "", "Ignored a lone '-'"),
    ("OR OR", "", "Ignored 'OR'"),
    ("strike OR", "strike", "Ignored 'OR'"),
    ("strike NOT", "strike", "Ignored 'NOT'"),
    ("title:", "", "'title:' needs a word"),
    ("title: peace", "peace", "'title:' needs a word"),
    ("a\x00b\x07c", "a b c", "Removed control characters"),
    ("strike AND OR lockout", "strike OR lockout", "Ignored 'AND'"),
    ("word~7", "word~2", "at most 2 edits"),
    ("st*", "st", "too short to expand"),
])
def test_repairs(q, expected, message):
    text, messages = clean(q)
    assert text == expected
    assert any(message in m for m in messages), messages


def test_good_queries_are_left_alone():
    for q in ('strikes "trade union"', "a OR b", "NOT war", "(a OR b) c", "title:peace",
              'party:"Communist Party of Greece"', "year:2015-2020", "strik*", "solidarty~",
              "word~2", "peace^2"):
        text, messages = clean(q)
        assert text == q and messages == [], q


def test_minus_becomes_not_and_fields_spread_over_groups():
    assert clean("strikes -kazakhstan")[0] == "strikes NOT kazakhstan"
    assert clean('title:(peace "trade union")')[0] == '(title:peace title:"trade union")'
    assert clean("a -(b OR c)")[0] == "a NOT (b OR c)"
    assert clean("Party:KKE")[0] == "party:KKE"
    assert clean("“trade union”")[0] == '"trade union"'


def test_very_long_query_is_truncated():
    text, messages = clean("word " * 2000)
    assert len(text) <= MAX_QUERY_CHARS
    assert any("10,000 characters" in m and "first" in m for m in messages)


def test_too_many_expansions():
    text, messages = clean("abc* bcd* cde* def* efg* fgh* ghi* hij*")
    assert text == "abc* bcd* cde* def* efg* fgh* ghi hij"
    assert any("Too many wildcard" in m for m in messages)


@pytest.fixture(scope="module")
def ix(tmp_path_factory):
    d = tmp_path_factory.mktemp("parse")
    write_index(d, STATEMENTS, PARTIES, TOPICS)
    index = SearchIndex(d)
    yield index
    index.close()


BAD = ['"unbalanced', "(strike", "strike))", "AND", "-", "OR OR", "title:", "x" * 10_000,
       "peace\x00\x1b[31m", "the of and", "NOT", "()", '""', "*", "?", "~", "^", ":", "title:title:",
       "party:", "year:abc", "year:2020-2010", "topic:", '"the of"', "((((a", "a" * 300 + "*",
       "party:\"", "\\", "AND OR NOT", "-(", "+", "*:*", "strik*" * 50, "#$%&", "\u202e\u200b"]


@pytest.mark.parametrize("q", BAD)
def test_bad_queries_never_raise(ix, q):
    resp = ix.search(SearchRequest(q=q))
    assert resp.total >= 0
    assert isinstance(resp.messages, list)


@pytest.mark.parametrize("q, fragment", [
    ('"unbalanced', "Unbalanced quote"),
    ("(strike", "Unbalanced bracket"),
    ("AND", "Ignored 'AND'"),
    ("-", "lone '-'"),
    ("OR OR", "Ignored 'OR'"),
    ("title:", "needs a word"),
    ("x" * 10_000, "characters long"),
    ("peace\x00", "control characters"),
    ("the of and", "only very common words"),
    ("year:abc", "not a year"),
    ("party:nosuchparty", "No party known"),
    ("topic:nosuchtopic", "No topic known"),
])
def test_bad_queries_explain_themselves(ix, q, fragment):
    resp = ix.search(SearchRequest(q=q))
    assert any(fragment in m for m in resp.messages), resp.messages


def test_best_reading_of_a_broken_query(ix):
    resp = ix.search(SearchRequest(q='"trade union'))
    assert resp.interpreted == "trade union"
    assert {r.doc_id for r in resp.results if not r.missing} == {"s01", "s04", "s05"}
    resp = ix.search(SearchRequest(q="(dockers OR hospitals"))
    assert resp.interpreted == "(dockers OR hospitals)"
    assert {r.doc_id for r in resp.results} == {"s02", "s05", "s11"}


def test_only_stop_words_find_nothing(ix):
    resp = ix.search(SearchRequest(q="the of and"))
    assert resp.total == 0 and resp.results == []
    assert any("the, of, and" in m for m in resp.messages)


def test_lone_operator_reads_as_empty_query(ix):
    resp = ix.search(SearchRequest(q="AND"))
    assert resp.total == len(STATEMENTS)


def test_star_alone_is_everything(ix):
    resp = ix.search(SearchRequest(q="*"))
    assert resp.total == len(STATEMENTS)
    assert any("every statement" in m for m in resp.messages)


def test_unreadable_filter_is_ignored(ix):
    resp = ix.search(SearchRequest(q="dockers year:abc"))
    assert {r.doc_id for r in resp.results} == {"s05", "s11"}


def test_interpreted_empty_when_typed_as_understood(ix):
    assert ix.search(SearchRequest(q="dockers  strike")).interpreted == ""
    assert ix.search(SearchRequest(q="dockers -strike")).interpreted == "dockers NOT strike"


def test_hyphenated_word_is_a_phrase(ix):
    resp = ix.search(SearchRequest(q="rank-and-file"))
    assert resp.total == 0  # not in the corpus as a sequence
    resp = ix.search(SearchRequest(q="trade-union"))
    assert {r.doc_id for r in resp.results} == {"s01", "s05"}


def test_control_characters_inside_words(ix):
    resp = ix.search(SearchRequest(q="dock\x00ers"))
    assert resp.total == 0
    assert any("control characters" in m for m in resp.messages)
