"""Surface words (indexer/store/surface.py): a quoted phrase found by the positions of its
words as written equals the phrase checked against the text (query/phrases.py)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.query import SearchIndex, phrases
from indexer.query.positions import Runs, phrase_docs, surface_phrase_docs
from indexer.store.positions_file import FieldPostings
from indexer.store.surface import WORD, field_name, is_word, surface_arrays

_PIECES = ["Council", "council", "houses", "housing", "of", "the", "Church", "England", "U.S", "300,000",
           "world", "that", "İstanbul", "straße", "ſo", "café", "x_y", "Ω", "e-mail", "e", "mail"]
_GAPS = [" ", ", ", ".", "_", "-", "\n", "'", "—", ""]


def _postings(texts):
    return FieldPostings(surface_arrays(texts))


def _phrase(fp: FieldPostings, words, candidates):
    """The phrase over (pos_docs, positions) pairs and over runs, which must agree."""
    pairs, runs = [], []
    for w in words:
        docs, _, npos, positions = fp.positions_of(w.encode("utf-8"))
        pairs.append((np.repeat(docs.astype(np.int64), npos), positions.astype(np.int64)))
        runs.append(Runs.of(docs.astype(np.int64), npos.astype(np.int64), positions.astype(np.int32)))
    found = phrase_docs(pairs, candidates)
    assert phrase_docs(runs, candidates).tolist() == found.tolist()
    return found


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.tuples(st.sampled_from(_PIECES), st.sampled_from(_GAPS)), max_size=12),
                min_size=1, max_size=6),
       st.lists(st.sampled_from(_PIECES), min_size=1, max_size=3))
def test_phrases_by_surface_position_equal_phrases_checked_in_the_text(docs, query):
    texts = ["".join(w + g for w, g in doc) for doc in docs]
    words = phrases.surface_words(" ".join(query))
    if not words or not all(is_word(w) for w in words):
        return
    fp = _postings(texts)
    candidates = np.arange(len(texts), dtype=np.int32)
    want = [i for i, t in enumerate(texts) if phrases.holds(t, words)]
    assert _phrase(fp, words, candidates).tolist() == want


def test_surface_words_keep_stop_words_and_forms():
    texts = ["The Church of England and council houses.", "Church, England; council housing", "COUNCIL-HOUSES"]
    fp = _postings(texts)
    every = np.arange(3, dtype=np.int32)
    assert _phrase(fp, ("church", "of", "england"), every).tolist() == [0]
    assert _phrase(fp, ("council", "houses"), every).tolist() == [0, 2]
    assert _phrase(fp, ("council", "housing"), every).tolist() == [1]
    assert _phrase(fp, ("council", "houses"), np.array([2], dtype=np.int32)).tolist() == [2]
    assert WORD.findall("x_y") == ["x", "y"] and not is_word("i̇")


def test_the_index_answers_phrases_by_surface_position(web_index_dir):
    index = SearchIndex(web_index_dir)
    state = index._state
    with state.reader() as reader:
        assert reader.has_surface("text")
        assert state.snapshot.positions and all(pf.field(field_name("text")) for pf in state.snapshot.positions.values())
        every = np.nonzero(state.live)[0].astype(np.int32)
        texts = {int(d): reader.stored(int(d)).get("text") or "" for d in every}
        checked = 0
        for d in every[::3].tolist():
            ws = phrases.surface_words(texts[d])
            for k in range(0, max(0, len(ws) - 2), 7):
                words = tuple(ws[k:k + 2 + k % 2])
                want = [x for x in every.tolist() if phrases.holds(texts[x], words)]
                assert surface_phrase_docs(state, reader, "text", words, every).tolist() == want, words
                assert surface_phrase_docs(state, reader, "text", words).tolist() == want, words
                checked += 1
        assert checked > 50


def _surface_by_hand(texts):
    """{word bytes: [(docnum, [places])]} of texts, word by word."""
    out: dict[bytes, list] = {}
    for d, text in enumerate(texts):
        for place, w in enumerate(WORD.findall(text.lower())):
            postings = out.setdefault(w.encode("utf-8"), [])
            if not postings or postings[-1][0] != d:
                postings.append((d, []))
            postings[-1][1].append(place)
    return out


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.tuples(st.sampled_from(_PIECES), st.sampled_from(_GAPS)), max_size=30), max_size=8))
def test_surface_arrays_hold_every_word_in_its_passages_at_its_places(docs):
    texts = ["".join(w + g for w, g in doc) for doc in docs]
    a = surface_arrays(texts)
    want = _surface_by_hand(texts)
    terms = a["terms"].tobytes()
    off, post, pos = a["term_off"].tolist(), a["post_ptr"].tolist(), a["pos_ptr"].tolist()
    got = {}
    for i in range(len(off) - 1):
        at = pos[i]
        postings = []
        for k in range(post[i], post[i + 1]):
            n = int(a["npos"][k])
            postings.append((int(a["docs"][k]), a["positions"][at:at + n].tolist()))
            at += n
        assert at == pos[i + 1]
        got[terms[off[i]:off[i + 1]]] = postings
    assert list(got) == sorted(want) and got == want
    assert a["npos"].dtype == a["positions"].dtype == np.uint16 and a["weight_scale"].tolist() == [1.0]
