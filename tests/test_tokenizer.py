"""The analyzer: the fused index loop gives the tokens of the reference chain; spelling
folding; numbers with separators; the stemmer keeps different words apart."""

from __future__ import annotations

import pytest

from indexer.store.schema import ANALYZER
from indexer.store.spelling import fold
from indexer.store.tokenizer import stem

TEXTS = [
    "The nationalisation of 300,000 Labour homes in the centre; strikes!",
    "Workers' organisations and the U.S. defence programme, 1,250,000.50 dollars",
    "  Anti-communist e-mail: the PRIVATISATION of the N.H.S. in 1997 — “quoted” words… ",
    "a I of the to 2015, 17 x-ray Ölpreis café naïve",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_fused_index_tokens_equal_the_reference_chain(text):
    fused = [(t.text, t.pos) for t in ANALYZER(text, positions=True, mode="index")]
    chain = [(t.text, t.pos) for t in ANALYZER.chain(text, positions=True, mode="index")]
    assert fused == chain


def test_positions_start_at_the_first_word_kept_and_skip_stop_words():
    toks = [(t.text, t.pos) for t in ANALYZER("the strikes of the miners", positions=True, mode="index")]
    assert toks == [("strike", 1), ("miner", 2)]


@pytest.mark.parametrize("british, american", [
    ("nationalisation", "nationalization"), ("privatised", "privatized"), ("organise", "organize"),
    ("labour", "labor"), ("labourers", "laborers"), ("favourable", "favorable"),
    ("neighbourhood", "neighborhood"), ("defence", "defense"), ("programme", "program"),
    ("programmes", "programs"), ("centre", "center"), ("centred", "centered"),
    ("kilometres", "kilometers"), ("travelled", "traveled"), ("cancelling", "canceling"),
    ("analyse", "analyze"), ("judgement", "judgment"),
])
def test_british_spellings_fold_to_american(british, american):
    assert fold(british) == american
    assert stem(british) == stem(american)


@pytest.mark.parametrize("word", [
    "advertise", "exercise", "promise", "surprising", "enterprise", "otherwise", "raise", "rising",
    "premises", "crisis", "hour", "four", "tour", "our", "controlled", "filled", "called", "literate",
    "this", "his", "bring", "sunrise", "uprising",
])
def test_words_that_are_not_variants_stay(word):
    assert fold(word) == word


def test_numbers_with_separators_are_one_term():
    assert [t.text for t in ANALYZER("300,000 jobs")] == ["300000", "job"]
    assert [t.text for t in ANALYZER("300000 jobs")] == ["300000", "job"]
    assert [t.text for t in ANALYZER("1,250,000.50")] == ["1250000.50"]
    assert [t.text for t in ANALYZER("1,2,3")] == ["1", "2", "3"]


def test_inflections_meet_and_different_words_stay_apart():
    assert stem("strikes") == stem("strike")
    assert stem("workers") == stem("worker")
    assert stem("policies") == stem("policy")
    assert stem("privatization") != stem("privately")
    assert stem("privatisation") == stem("privatization")
    assert stem("nationalization") != stem("nation")
    assert stem("organization") != stem("organic")


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_WORDS = st.sampled_from(["the", "of", "Labour", "labours", "nationalised", "300,000", "1,2", "U.S.A.",
                          "anti-war", "naïve", "Ölpreis", "centred", "x", "2015", "e-mail", "…", "\n"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(_WORDS, st.text(max_size=12)), max_size=30).map(" ".join))
def test_fused_tokens_equal_the_chain_on_any_text(text):
    fused = [(t.text, t.pos) for t in ANALYZER(text, positions=True, mode="index")]
    chain = [(t.text, t.pos) for t in ANALYZER.chain(text, positions=True, mode="index")]
    assert fused == chain


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.sampled_from(["nationalise", "centre", "labour", "travelled", "programme", "analyse",
                                  "organisations", "kilometres", "favourable"]),
                 st.text(alphabet="abcdeilnorstuyz", min_size=1, max_size=14)))
def test_folding_twice_is_folding_once(word):
    assert fold(fold(word)) == fold(word)


def _grouped(text):
    out: dict[str, list[int]] = {}
    for t in ANALYZER.chain(text, positions=True, mode="index"):
        if not t.stopped:
            out.setdefault(t.text, []).append(t.pos)
    return out


@pytest.mark.parametrize("text", TEXTS)
def test_term_positions_group_the_reference_tokens(text):
    assert ANALYZER.term_positions(text) == _grouped(text)
    assert list(ANALYZER.term_positions(text)) == list(_grouped(text))  # first occurrence first


def test_term_positions_of_a_text_with_repeats():
    assert ANALYZER.term_positions("The strikes, the strike and the miners' strikes") == {
        "strike": [1, 2, 4], "miner": [3]}


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(_WORDS, st.text(max_size=12)), max_size=30).map(" ".join))
def test_term_positions_group_the_chain_on_any_text(text):
    assert ANALYZER.term_positions(text) == _grouped(text)
