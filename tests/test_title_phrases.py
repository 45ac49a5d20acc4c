"""Title phrases over every statement at once (indexer/query/title_phrases.py): the scan of the
joined titles finds exactly the titles `phrases.holds` finds one by one."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.query.phrases import holds
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


def test_a_title_phrase_is_found_by_its_rarest_word_or_by_the_scan_alike(web_index_dir, monkeypatch):
    """The evaluator finds a quoted title phrase among the statements holding its rarest word
    (few) or by scanning every title (a common word): both give the passages of exactly the
    statements whose title holds the phrase as written."""
    from indexer.query import SearchIndex, evaluate
    from indexer.query.parse import parse_query
    from indexer.query.tree import Phrase

    state = SearchIndex(web_index_dir)._current()
    titles = state.title_text.titles
    phrases = {tuple(t.lower().split()[i:i + 2]) for t in titles for i in range(3)}
    phrases = sorted(p for p in phrases if len(p) == 2 and all(w.isalpha() for w in p))
    assert len(phrases) >= 5
    with state.reader() as reader:
        for share in (0, 10 ** 9):  # the rarest word's statements, and the scan of every title
            monkeypatch.setattr(evaluate, "SCAN_SHARE", share)
            for words in phrases:
                state.leaf_cache.clear()
                state.title_text._held.clear()
                q = parse_query('title:"%s"' % " ".join(words), state, reader).query
                assert isinstance(q, Phrase) and q.field == "title"
                want = np.array([holds(titles[s], words) for s in range(len(titles))] + [False])
                found = evaluate.Evaluator(state, reader).leaf_docs(q)
                assert len(found) and found.tolist() == np.flatnonzero(
                    want[state.p2s_slot] & state.live).tolist(), words
