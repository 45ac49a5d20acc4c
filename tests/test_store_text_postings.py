"""A segment's text postings grouped at once (indexer/store/text_postings.py) equal the
ones made passage by passage (segment_writer.PositionsIndexer): the same documents,
weights, field lengths and encoded positions, byte for byte, whatever the text."""

from __future__ import annotations

import pickle
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.store import text_postings
from indexer.store.schema import build_schema
from indexer.store.segment_writer import PositionsIndexer
from indexer.store.text_postings import TextPostings

FIELD = build_schema()["text"]
_WORDS = ["the", "of", "strike", "strikes", "workers", "Ελλάδα", "naïve", "300,000", "U.S.", "a", "I", "x_y",
          "labour", "2015", "İstanbul", "ΣΑΣ", "peace", "and", "—", "", "e-mail", "café"]


def _per_passage(texts: list[str], docnums: list[int]):
    indexer = PositionsIndexer(FIELD)
    terms: dict[bytes, tuple] = {}
    lengths = []
    for text, d in zip(texts, docnums):
        items, length = indexer.postings(text)
        lengths.append(length)
        for b, weight, value in items:
            group = terms.setdefault(b, ([], [], []))
            group[0].append(d)
            group[1].append(weight)
            group[2].append(value)
    return lengths, {t: (list(g[0]), list(g[1]), list(g[2])) for t, g in terms.items()}


def _at_once(texts: list[str], docnums: list[int], batches: int = 1):
    tp = TextPostings(FIELD)
    terms: dict[bytes, tuple] = {}
    lengths = []
    cut = max(1, len(texts) // batches)
    for i, (text, d) in enumerate(zip(texts, docnums)):
        lengths.append(tp.add(text, d))
        if (i + 1) % cut == 0:
            tp.into(terms)  # postings handed over part way, as before a merge
    tp.into(terms)
    assert not tp.pending
    return lengths, {t: (list(g[0]), list(g[1]), list(g[2])) for t, g in terms.items()}


def _check(texts, docnums=None, batches=1):
    docnums = docnums if docnums is not None else list(range(len(texts)))
    want_lengths, want = _per_passage(texts, docnums)
    got_lengths, got = _at_once(texts, docnums, batches)
    assert got_lengths == want_lengths
    assert sorted(got) == sorted(want)
    for term, (docs, weights, values) in want.items():
        assert got[term] == (docs, weights, values), term
    return got


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_WORDS), max_size=40).map(" ".join), max_size=12),
       st.integers(1, 3))
def test_postings_grouped_at_once_equal_the_per_passage_ones(texts, batches):
    _check(texts, [3 * i + 1 for i in range(len(texts))], batches)


_PARTS = st.lists(st.sampled_from(_WORDS), max_size=8).map(" ".join)
_FILLER = st.tuples(st.sampled_from(["zzyzx", "peace", "the"]),  # another term, a word of the text, a stop word
                    st.one_of(st.integers(0, 300), st.integers(0, 70_000)))


@st.composite
def _long_texts(draw):
    """Passages of a few words around runs of one filler word as long as 70,000: places
    one byte and two bytes apart, gaps past 65,535, a term more than 1,000 times."""
    texts = []
    for _ in range(draw(st.integers(0, 4))):
        parts = [draw(_PARTS)]
        for _ in range(draw(st.integers(0, 2))):
            word, n = draw(_FILLER)
            parts += [(word + " ") * n, draw(_PARTS)]
        texts.append(" ".join(parts))
    return texts


@settings(max_examples=40, deadline=None)
@given(_long_texts(), st.integers(1, 2), st.sampled_from([1, 3, 1 << 16]), st.sampled_from([1, 5, 200_000]))
def test_long_passages_grouped_at_once_equal_the_per_passage_ones(texts, batches, chunk, cache_limit):
    """Any length of text, chunk of postings and size of the word cache (cleared when full)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(text_postings, "CHUNK", chunk)
        mp.setattr(text_postings, "WORD_CACHE_LIMIT", cache_limit)
        _check(texts, [2 * i for i in range(len(texts))], batches)


@pytest.mark.parametrize("chunk", [1, 5, 1 << 16])
def test_long_texts_and_every_encoding_of_a_place(monkeypatch, chunk):
    """Places past 255 (two bytes) and past 65,535 (left to the format's encoder), a word
    more than 1,000 times in one passage (the pickler's batches), any chunk size."""
    monkeypatch.setattr(text_postings, "CHUNK", chunk)
    rng = random.Random(3)
    long_text = " ".join(rng.choice(_WORDS) for _ in range(3000))
    huge = "The of strike " + "peace " * 69_999 + "strike workers"
    gaps = "peace " * 500 + "zzyzx " + "strike " + "peace " * 300 + "strike"  # one place, then a gap, past 255
    texts = ["the workers", long_text, "", "the of and", huge, long_text[:900], "workers", gaps]
    got = _check(texts)
    value = lambda term, doc: got[term][2][got[term][0].index(doc)]  # noqa: E731
    assert value(b"strike", 4) == FIELD.format.encode([2, 70_002])  # places of the words kept
    assert value(b"worker", 4) == FIELD.format.encode([70_003])
    assert max(got[b"peace"][1]) == 69_999.0
    deltas = [pickle.loads(v[4:]) for _, _, values in got.values() for v in values]
    assert any(len(d) <= 1000 and any(256 <= x < 65536 for x in d) for d in deltas)  # two bytes a delta


def test_a_text_without_a_word_kept_has_no_postings_and_length_0():
    tp = TextPostings(FIELD)
    assert tp.add("the of and a", 0) == 0 and tp.add("", 1) == 0
    terms: dict = {}
    tp.into(terms)
    assert terms == {}


@pytest.mark.parametrize("text", [
    "peace " * 1000, "peace " * 1001,  # the pickler's batches of 1,000 items
    "peace " * 999 + "zzyzx " * 70_000 + "peace",
    "peace " + "zzyzx " * 254 + "peace", "peace " + "zzyzx " * 255 + "peace",  # one byte, two bytes
    "peace " + "zzyzx " * 65_534 + "peace", "peace " + "zzyzx " * 65_535 + "peace",  # two, then the format's
    "zzyzx " * 65_535 + "peace", "zzyzx " * 65_536 + "peace",  # the first place
], ids=["1000 places", "1001 places", "999 and a far one", "gap 255", "gap 256", "gap 65535", "gap 65536",
        "first at 65535", "first at 65536"])
def test_each_edge_of_the_encoding(text):
    got = _check(["the workers", text])
    assert max(got[b"peace"][1]) == text.split().count("peace")
