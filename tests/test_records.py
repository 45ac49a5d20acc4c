"""Index records: the did-you-mean vocabulary counted from the surface words (what the
build does, from the positions file) is the one counted text by text (what an update does)."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.store.surface import words_of
from indexer.store.writer import SegmentSink, create_index
from indexer.write.records import vocabulary_of, words

TEXTS = [
    "The Workers' Party of Korea, 300,000 workers and the U.N. in 2015!",
    "abc123def x2y Zürich über-ALL naïve ½dozen Ölpreis ΣΟΦΟΣ Σίσυφος İstanbul",
    "",
    "of to an",
]


def _by_text(texts):
    return Counter(w for t in texts for w in words(t))


def test_vocabulary_of_surface_words_is_the_texts_vocabulary():
    surface = Counter(w for t in TEXTS for w in words_of(t))
    vocab = vocabulary_of(surface.items())
    assert vocab == _by_text(TEXTS)
    assert vocab["workers"] == 2 and vocab["abc"] == 1 and vocab["def"] == 1 and vocab["½dozen"] == 1
    assert "x2y" not in vocab and "the" in vocab and "stanbul" in vocab


_PIECES = st.sampled_from(["the", "Workers'", "abc123def", "½", "ΣΟΦΟΣ.", "İ", "ß", "ǅ", "x_y", "2015", " ", "\n",
                           "-", "café", "ﬁne", "Ⅻ", "٣"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.one_of(_PIECES, st.text(max_size=8)), max_size=12).map("".join), max_size=6))
def test_vocabulary_of_surface_words_on_any_texts(texts):
    surface = Counter(w for t in texts for w in words_of(t))
    assert vocabulary_of(surface.items()) == _by_text(texts)


def test_a_segment_counts_its_surface_words(tmp_path):
    gen = tmp_path / "gen"
    gen.mkdir()
    create_index(gen)
    texts = ["Peace and bread, peace and land", "The land of the Soviets", "of the", "½ and ½"]
    sink = SegmentSink(gen, tmp_path)
    for i, text in enumerate(texts):
        sink.add({"chunk_id": f"d#{i}", "doc_id": "d", "kind": "paragraph", "position": i, "text": text})
    assert sink.finish() is not None
    counts = dict(sink.word_counts())
    assert counts == Counter(w for t in texts for w in words_of(t))
    assert counts["peace"] == 2 and counts["the"] == 3 and counts["½"] == 2
    assert vocabulary_of(counts.items()) == _by_text(texts)


def test_an_empty_segment_counts_no_words(tmp_path):
    gen = tmp_path / "gen"
    gen.mkdir()
    create_index(gen)
    sink = SegmentSink(gen, tmp_path)
    assert sink.finish() is None
    assert list(sink.word_counts()) == []
