"""Highlighting: whole words, phrases only where they occur, escaping, fragments."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.query import tree as wq
from indexer.query.highlight import FRAGMENT_CHARS, HighlightTerms, highlight, marked_spans, terms_from_queries
from indexer.query.textutil import STOP_WORDS, stem


def terms(*qs):
    return terms_from_queries(list(qs))


def test_whole_words_are_marked_not_stems():
    t = terms(wq.Term("text", "strike"))
    html = highlight("Strikes, a strike and the striking workers; strikers too.", t)
    # "striking" has the stem "strike" too (the index finds it); "strikers" does not
    assert html == ("<mark>Strikes</mark>, a <mark>strike</mark> and the <mark>striking</mark> "
                    "workers; strikers too.")


def test_escaping_everything_but_marks():
    t = terms(wq.Term("text", "script"))
    html = highlight("Beware <script>alert('x') & \"y\"</script>", t)
    assert html == ("Beware &lt;<mark>script</mark>&gt;alert(&#x27;x&#x27;) &amp; &quot;y&quot;"
                    "&lt;/<mark>script</mark>&gt;")
    assert "<script>" not in highlight("<script>bad()</script>", terms())


def test_phrase_marked_only_where_its_words_follow_each_other():
    t = terms(wq.Phrase("text", ("trade", "union")))
    html = highlight("Trade agreements. The union of trade unions met.", t)
    assert html == "Trade agreements. The union of <mark>trade unions</mark> met."


def test_phrase_skips_stop_words_like_the_index():
    t = terms(wq.Phrase("text", (stem("party"), stem("labour"))))
    assert highlight("the party of labour", t) == "the <mark>party of labour</mark>"


def test_negated_words_are_not_marked():
    t = terms(wq.And((wq.Term("text", stem("peace")), wq.Not(wq.Term("text", "war")))))
    assert highlight("peace not war", t) == "<mark>peace</mark> not war"


def test_prefix_and_wildcard_patterns():
    t = terms(wq.Prefix("text", "dock"), wq.Wildcard("text", "l?bo*"))
    assert highlight("Dockers and docks; labour.", t) == "<mark>Dockers</mark> and <mark>docks</mark>; <mark>labour</mark>."


def test_long_passage_cut_around_the_densest_matches():
    filler = " ".join(f"word{i}" for i in range(120))
    text = f"Peace at the start. {filler}. Here strikes and more strikes and strikes end here. {filler}"
    t = terms(wq.Term("text", "strike"))
    html = highlight(text, t)
    assert html.startswith("…") and html.endswith("…")
    assert html.count("<mark>strikes</mark>") == 3
    plain = html.replace("<mark>", "").replace("</mark>", "")
    assert len(plain) <= FRAGMENT_CHARS + 2
    # cut at word boundaries
    inner = plain.strip("…")
    assert inner.split()[0] in text.split() or inner.split()[0].rstrip(".") in text.replace(".", "").split()
    assert inner.split()[-1].rstrip(".") in text.replace(".", "").split()


def test_fragment_starts_at_the_sentence_of_the_match():
    text = ("An opening sentence that goes on for a while about other things entirely. " * 6
            + "The strike began on Monday. " + "Closing words follow here. " * 10)
    html = highlight(text, terms(wq.Term("text", "strike")))
    assert html.startswith("…The <mark>strike</mark> began")


def test_long_passage_without_matches_shows_its_start():
    text = "First words. " + "more text " * 80
    html = highlight(text, terms(wq.Term("text", "absent")))
    assert html.startswith("First words.") and html.endswith("…")


def test_full_text_when_no_fragment():
    text = "strike " * 200
    html = highlight(text.strip(), terms(wq.Term("text", "strike")), fragment=None)
    assert html.count("<mark>") == 1  # adjacent words merge into one mark
    assert not html.endswith("…")


def test_marked_spans_are_character_offsets():
    t = terms(wq.Term("text", stem("peace")))
    assert marked_spans("war and peace", t) == [(8, 13)]


def test_words_with_dots_and_accents():
    t = terms(wq.Term("text", "u.s.a"), wq.Term("text", stem("naïve")))
    assert highlight("In the U.S.A. a naïve view", t) == "In the <mark>U.S.A</mark>. a <mark>naïve</mark> view"


# -- marking by position (held_spans): the same marks without stemming the text ---------------

_WORDS = ["the", "of", "workers", "worker", "Workers'", "strikes", "striking", "strike", "U.S", "300,000",
          "labour", "labor", "nationalisation", "and", "General", "assembly", "a", "is", "Kazakhstan"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), min_size=0, max_size=30),
       st.lists(st.sampled_from([" ", ", ", ". ", " - ", "\n", "'s "]), min_size=30, max_size=30),
       st.lists(st.sampled_from(_WORDS), min_size=1, max_size=3), st.booleans())
def test_marks_by_position_equal_marks_by_stem(words, gaps, query, phrase):
    from indexer.store.schema import ANALYZER

    text = "".join(w + g for w, g in zip(words, gaps))
    stems = [stem(w.lower()) for w in query if w.lower() not in STOP_WORDS]
    if phrase and len(stems) > 1:
        terms = HighlightTerms(phrases=(tuple(stems),))
    else:
        terms = HighlightTerms(frozenset(stems))
    held: dict[str, set] = {s: set() for s in stems}
    for t in ANALYZER(text, positions=True, mode="index"):
        if t.text in held:
            held[t.text].add(t.pos)
    assert marked_spans(text, terms, held) == marked_spans(text, terms)
