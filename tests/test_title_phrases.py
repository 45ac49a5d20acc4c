"""Title phrases over every statement at once (indexer/query/title_phrases.py): the scan of the
joined titles finds exactly the titles `phrases.holds` finds one by one."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.query.phrases import holds, surface_words
from indexer.query.title_phrases import TitleText

TITLES = [
    "Colombia, General Debate of the 45th Session",
    "general",  # ends a line with the phrase's first word ...
    "debate of Norway",  # ... and the next opens with its second: no match across lines
    "ba a a",  # a match inside a word ("ba a") hides a whole-word one ("a a")
    "a",
    "a a",
    "",
    "GENERAL-DEBATE",
    "Ünïted Nations\nGeneral debate",  # a title holding a line break
    "disunited nations, then United  Nations",
    "generaldebate",
]


def scan(titles, words):
    """TitleText.holding with every statement a candidate (so the titles are scanned)."""
    return TitleText(titles).holding(words, np.ones(len(titles), dtype=bool)).tolist()


def test_the_scan_finds_the_titles_holds_finds():
    for words in [("general", "debate"), ("a", "a"), ("a",), ("united", "nations"), ("debate", "of"),
                  ("ünïted", "nations", "general"), ("session",), ("nowhere",)]:
        assert scan(TITLES, words) == [holds(t, words) for t in TITLES], words
    assert scan(TITLES, ("general", "debate")) == [True, False, False, False, False, False, False,
                                                   True, True, False, False]
    assert scan(TITLES, ("a", "a")) == [False, False, False, True, False, True] + [False] * 5


def test_only_candidates_are_returned():
    tt = TitleText(TITLES)
    cand = np.zeros(len(TITLES), dtype=bool)
    cand[[0, 2]] = True
    assert np.flatnonzero(tt.holding(("general", "debate"), cand)).tolist() == [0]
    one = np.zeros(len(TITLES), dtype=bool)
    one[7] = True  # few candidates: checked one by one
    assert np.flatnonzero(tt.holding(("general", "debate"), one)).tolist() == [7]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="ab -\n_é", max_size=12), min_size=1, max_size=12),
       st.lists(st.sampled_from(["a", "b", "ab", "é", "ba"]), min_size=1, max_size=3))
def test_scan_equals_holds_on_any_titles(titles, words):
    words = tuple(words)
    assert scan(titles, words) == [holds(t, words) for t in titles]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="abİ .,-\n_é\u0307", max_size=14), min_size=1, max_size=40),
       st.text(alphabet="abİ .,-é", min_size=1, max_size=8))
def test_found_by_the_rarest_word_equals_holds_on_any_titles(titles, typed):
    """find() looks only at the titles holding the query's rarest word as written (one by
    one, or scanned when many do): the same titles as holds() title by title."""
    words = surface_words(typed)
    if not words:
        return
    tt = TitleText(titles)
    got = tt.find(words, np.ones(len(titles), dtype=bool)).tolist()
    assert got == [holds(t, words) for t in titles]


def test_a_title_phrase_is_found_by_its_rarest_word_or_by_the_scan_alike(web_index_dir, monkeypatch):
    """The evaluator finds a quoted title phrase among the statements holding its rarest word
    (few) or by scanning every title (a common word): both give the passages of exactly the
    statements whose title holds the phrase as written."""
    from indexer.query import SearchIndex, evaluate, title_phrases
    from indexer.query.parse import parse_query
    from indexer.query.tree import Phrase

    state = SearchIndex(web_index_dir)._current()
    titles = state.title_text.titles
    phrases = {tuple(t.lower().split()[i:i + 2]) for t in titles for i in range(3)}
    phrases = sorted(p for p in phrases if len(p) == 2 and all(w.isalpha() for w in p))
    assert len(phrases) >= 5
    with state.reader() as reader:
        for share in (1, 10 ** 9):  # the rarest word's titles one by one, and the scan of every title
            monkeypatch.setattr(title_phrases, "SCAN_SHARE", share)
            for words in phrases:
                state.leaf_cache.clear()
                state.title_text._held.clear()
                q = parse_query('title:"%s"' % " ".join(words), state, reader).query
                assert isinstance(q, Phrase) and q.field == "title"
                want = np.array([holds(titles[s], words) for s in range(len(titles))] + [False])
                found = evaluate.Evaluator(state, reader).leaf_docs(q)
                assert len(found) and found.tolist() == np.flatnonzero(
                    want[state.p2s_slot] & state.live).tolist(), words


def test_titles_with_dotted_words_match_the_words_as_written_and_score(tmp_path, monkeypatch):
    """The search's analyzer keeps "U.S." and "300,000" as one word each; the words as
    written are u, s and 300, 000. A title "U. S. policy on trade" holds `"U.S. policy"` as
    written though it lacks the stem "u.s": it is found by both ways of checking titles,
    in a title search and in a plain quoted one, and scores (that word scoring nothing)."""
    from indexer.query import SearchIndex, title_phrases
    from indexer.query.results import SearchRequest
    from tests.fixtures.query.builder import St, write_index

    statements = [St("a", "Farming", [("paragraph", "Fields and harvests of the year.")]),
                  St("b", "The U.S. economy", [("paragraph", "Growth and prices.")]),
                  St("c", "U. S. policy on trade", [("paragraph", "Tariffs and quotas.")]),
                  St("d", "300 000 people fled", [("paragraph", "Refugees and camps.")])]
    write_index(tmp_path, statements)
    index = SearchIndex(tmp_path)
    for share in (1, 10 ** 9):  # the rarest word's titles one by one, and the scan of every title
        monkeypatch.setattr(title_phrases, "SCAN_SHARE", share)
        for q, want in (('title:"U.S. policy"', ["c"]), ('"U.S. policy"', ["c"]), ('"U.S. economy"', ["b"]),
                        ('title:"300,000 people"', ["d"]), ('"u.s. trade"', [])):
            index._current().leaf_cache.clear()
            index._current().query_cache.clear()
            index._current().title_text._held.clear()
            resp = index.search(SearchRequest(q=q))
            assert [r.doc_id for r in resp.results] == want, (q, share)
            assert all(r.score > 0 for r in resp.results)
