"""All words first, then the rest: relaxed matching, what each result lacks, explicit
syntax never relaxed, short passages and headings, and identical passages shown once."""

from __future__ import annotations

import pytest

from indexer.query import SearchIndex
from indexer.query.results import SearchRequest
from tests.fixtures.query.builder import St, write_index
from tests.fixtures.query.corpus import PARTIES, STATEMENTS, TOPICS


@pytest.fixture(scope="module")
def ix(tmp_path_factory):
    d = tmp_path_factory.mktemp("relax")
    write_index(d, STATEMENTS, PARTIES, TOPICS)
    index = SearchIndex(d)
    yield index
    index.close()


def search(ix, q, **kw):
    return ix.search(SearchRequest(q=q, **kw))


def test_words_nobody_wrote_do_not_empty_the_results(ix):
    resp = search(ix, "kazakhstan zzyzx qwertyuiop")
    assert resp.all_words == 0
    assert {r.doc_id for r in resp.results} == {"s01", "s09", "s10"}
    assert all(r.missing == ["zzyzx", "qwertyuiop"] for r in resp.results)
    assert resp.as_dict()["results"][0]["missing"] == ["zzyzx", "qwertyuiop"]
    assert resp.as_dict()["all_words"] == 0


def test_passages_view_relaxes_too(ix):
    resp = search(ix, "kazakhstan zzyzx", view="passages")
    assert resp.total > 0 and resp.all_words == 0
    assert all(r.missing == ["zzyzx"] for r in resp.results)
    assert all("<mark>" in r.passages[0].html for r in resp.results)


def test_results_holding_more_of_the_query_come_first(ix):
    resp = search(ix, "kazakhstan repression zzyzx")
    # s09 holds both words in one passage; s10 and s01 in none
    assert resp.results[0].doc_id == "s09"
    assert {r.doc_id: r.missing for r in resp.results} == {
        "s09": ["zzyzx"], "s10": ["zzyzx"], "s01": ["repression", "zzyzx"]}


@pytest.mark.parametrize("q", ["+zzyzx kazakhstan", '"zzyzx kazakhstan" repression', "title:zzyzx kazakhstan",
                               "kazakhstan AND zzyzx", "party:nosuchparty kazakhstan"])
def test_explicit_syntax_is_never_relaxed(ix, q):
    resp = search(ix, q)
    assert resp.total == 0 and resp.results == []


def test_negation_keeps_its_meaning(ix):
    resp = search(ix, "repression kazakhstan zzyzx -strikes")
    assert resp.total > 0
    for r in resp.results:
        assert all("strike" not in p.text.lower() for p in r.passages)


def test_a_full_page_of_all_words_results_is_not_relaxed(tmp_path):
    sts = [St(f"a{i:02d}", f"Statement {i}", [("paragraph", "Steel workers marched on the capital.")],
              date="2020-01-01") for i in range(25)]
    sts.append(St("b00", "Other", [("paragraph", "Steel prices rose.")], date="2020-01-01"))
    write_index(tmp_path, sts)
    ix = SearchIndex(tmp_path)
    resp = ix.search(SearchRequest(q="steel workers"))
    assert resp.total == resp.all_words == 25
    assert "b00" not in {r.doc_id for r in ix.search(SearchRequest(q="steel workers", page=2)).results}
    ix.close()


def test_names_and_headings_do_not_outrank_passages_about_the_query(tmp_path):
    sts = [
        St("names", "Conference", [("paragraph", "DAVID STEEL"), ("paragraph", "Other business of the day.")],
           date="2020-01-01"),
        St("about", "Industry", [
            ("heading", "Steel"),
            ("paragraph", "The steel industry employs thousands of workers in the north, and the "
                          "closures of steel works have hit whole towns that depended on them."),
        ], date="2019-01-01"),
    ]
    write_index(tmp_path, sts)
    ix = SearchIndex(tmp_path)
    resp = ix.search(SearchRequest(q="steel", view="passages"))
    assert resp.results[0].doc_id == "about" and resp.results[0].passages[0].kind == "paragraph"
    assert [r.passages[0].text for r in resp.results].index("DAVID STEEL") > 0
    # a heading is the context of the passages under it: they hold its words
    resp = ix.search(SearchRequest(q="steel towns zzyzx", view="passages"))
    assert resp.results[0].doc_id == "about"
    ix.close()


def test_identical_passages_of_one_statement_are_shown_once(tmp_path):
    same = "Workers of all countries, unite in solidarity against the closures."
    write_index(tmp_path, [St("dup", "Repeated", [("paragraph", same), ("paragraph", "Between."),
                                                  ("paragraph", same)], date="2020-01-01")])
    ix = SearchIndex(tmp_path)
    resp = ix.search(SearchRequest(q="solidarity closures"))
    assert [p.text for p in resp.results[0].passages] == [same]
    resp = ix.search(SearchRequest(q="solidarity closures", view="passages"))
    assert [r.passages[0].text for r in resp.results] == [same]
    ix.close()


def test_copies_of_one_statement_stand_together_the_oldest_first(tmp_path):
    body = [("paragraph", "Revenue from the customs will keep rising, as the Treasury reports."),
            ("paragraph", "The post office grew.")]
    other = [("paragraph", "Revenue from the customs fell short of the Treasury estimate, it reports.")]
    sts = [St("speech-1821", "Address, 1821", [("title", "Address, 1821")] + body, date="1821-12-03"),
           St("speech-1820", "Address, 1820", [("title", "Address, 1820")] + body, date="1820-11-14"),
           St("speech-1822", "Address, 1822", [("title", "Address, 1822")] + body[:1], date="1822-12-03"),
           St("other-1823", "Address, 1823", [("title", "Address, 1823")] + other, date="1823-12-02")]
    write_index(tmp_path, sts)
    ix = SearchIndex(tmp_path)
    resp = ix.search(SearchRequest(q="revenue rising treasury"))
    ids = [r.doc_id for r in resp.results]
    # the two copies tie: the original (1820) first; 1822 holds the same passage but is no
    # copy (it lacks a passage), so it keeps the newest-first order of equal scores
    assert ids[:3] == ["speech-1822", "speech-1820", "speech-1821"]
    assert resp.results[1].score == resp.results[2].score
    # page by page, a run of copies across a page's end in the same order
    paged = [ix.search(SearchRequest(q="revenue rising treasury", per_page=1, page=k)).results[0].doc_id
             for k in (1, 2, 3)]
    assert paged == ids[:3]
    # an index written before each record kept its passages' hash: the stored texts tell
    for rec in ix._state.snapshot.documents.values():
        rec.pop("passages_hash")
    ix._state.query_cache.clear()
    assert [r.doc_id for r in ix.search(SearchRequest(q="revenue rising treasury", per_page=3)).results] == ids[:3]
    ix.close()


def test_a_statements_passages_hash_leaves_its_title_aside():
    from indexer.model import Document, Passage
    from indexer.write.records import passages_hash

    def doc(title, texts):
        return Document(doc_id=title, source_file=f"{title}.txt", date=None, year=None, title=title, passages=[Passage("title", title)] + [
            Passage("paragraph", t, position=i + 1) for i, t in enumerate(texts)])

    assert passages_hash(doc("Address, 1820", ["a b", "c"])) == passages_hash(doc("Address, 1821", ["a b", "c"]))
    assert passages_hash(doc("A", ["a b", "c"])) != passages_hash(doc("A", ["a", "b c"]))
    assert passages_hash(doc("A", ["a b", "c"])) != passages_hash(doc("A", ["a b"]))


_FILLER = "hit the valley towns while new schools opened and roads were mended across the county"


@pytest.mark.parametrize("view", ["passages", "statements"])
def test_words_standing_together_rank_above_the_same_words_scattered(tmp_path, view):
    # the same words, as often, in passages as long: only their distance differs; the
    # scattered one is newer, so it would come first on equal scores
    sts = [St("far", "Report", [("paragraph", f"Pit {_FILLER} closures.")], date="2021-01-01"),
           St("near", "Report", [("paragraph", f"Pit closures {_FILLER}.")], date="2020-01-01")]
    write_index(tmp_path, sts)
    ix = SearchIndex(tmp_path)
    resp = ix.search(SearchRequest(q="pit closures", view=view))
    assert [r.doc_id for r in resp.results] == ["near", "far"]
    # side by side: 1 + 0.25; 13 indexed words apart (stop words are not indexed): 1 + 0.25 / 13
    assert resp.results[0].score / resp.results[1].score == pytest.approx(1.25 / (1 + 0.25 / 13), rel=1e-3)
    # a single word has no distance: equal scores, newest first
    assert [r.doc_id for r in ix.search(SearchRequest(q="closures", view=view)).results] == ["far", "near"]
    ix.close()


def test_min_window_is_the_smallest_stretch_holding_every_word():
    from indexer.query.proximity import min_window

    # word 0 at 1 and 9, word 1 at 5, word 2 at 10: the window 5..10 holds all three
    assert min_window([1, 5, 9, 10], [0, 1, 0, 2]) == (3, 5)
    assert min_window([3, 4], [0, 1]) == (2, 1)
    assert min_window([7], [0]) == (1, 0)


_LONG = ("harbour bridges railway stations market squares county councils river valleys farming "
         "villages hospital wards school buildings library services museum collections").split()


def _long_paragraphs(word_at: dict[int, str], n: int = 60) -> list[tuple]:
    """n paragraphs of 20 indexed words each (1,200 in all), paragraph i holding word_at[i]."""
    out = []
    for i in range(n):
        words = [_LONG[(i + j) % len(_LONG)] for j in range(20)]
        if i in word_at:
            words[10] = word_at[i]
        out.append(("paragraph", " ".join(words) + "."))
    return out


@pytest.mark.parametrize("view", ["passages", "statements"])
def test_a_long_statement_holds_every_word_only_in_one_passage(tmp_path, view):
    # 22 long speeches each hold the three words, far apart; one holds two of them in one
    # paragraph and never the third; a short statement holds all three over two paragraphs
    sts = [St(f"long{i:02d}", f"Speech {i}", _long_paragraphs({3: "pit", 30: "closures", 50: "miners"}),
              date="2021-01-01") for i in range(22)]
    sts.append(St("target", "Speech", _long_paragraphs({}) + [
        ("paragraph", "The pit closures left whole valleys without work for a generation.")],
        date="2000-01-01"))
    sts.append(St("short", "Note", [("paragraph", "The pit closures were announced."),
                                    ("paragraph", "The miners marched.")], date="1990-01-01"))
    write_index(tmp_path, sts)
    ix = SearchIndex(tmp_path)
    resp = ix.search(SearchRequest(q="pit closures miners", view=view))
    ids = [r.doc_id for r in resp.results]
    if view == "statements":
        # only the short statement holds every word; the target's paragraph holds most of them
        assert resp.all_words == 1 and ids[:2] == ["short", "target"]
        assert resp.results[1].missing == ["miners"]
    else:
        assert resp.all_words == 0 and ids[0] == "target"
        assert resp.results[0].missing == ["miners"]
    ix.close()


def test_a_statement_scores_its_best_passage_however_many_match(tmp_path):
    # "many" mentions the miners in four passages, "one" in a single passage that also
    # says where: "one" is the statement sought, whatever the count of "many"
    sts = [St("many", "Report", [("paragraph", f"The miners met on day {i}.") for i in range(4)],
              date="2021-01-01"),
           St("one", "Report", [("paragraph", "The miners of the valley pit met."),
                                ("paragraph", "Roads were mended.")], date="2000-01-01")]
    write_index(tmp_path, sts)
    ix = SearchIndex(tmp_path)
    whole = ix.search(SearchRequest(q="miners valley"))
    parts = ix.search(SearchRequest(q="miners valley", view="passages"))
    assert [r.doc_id for r in whole.results] == ["one", "many"]
    best = {}
    for r in parts.results:
        best.setdefault(r.doc_id, r.score)
    assert [r.score for r in whole.results] == [best["one"], best["many"]]
    ix.close()


def test_a_word_of_several_parts_found_nowhere_is_searched_as_its_words(tmp_path):
    sts = [St("mills", "Mills", [("paragraph", "In the 1990s the cotton mills closed.")], date="2000-01-01"),
           St("anti", "Anti", [("paragraph", "An anti-communist campaign and cotton prices.")], date="2001-01-01")]
    write_index(tmp_path, sts)
    ix = SearchIndex(tmp_path)
    for view in ("passages", "statements"):
        resp = ix.search(SearchRequest(q="mid-1990s", view=view))
        assert [(r.doc_id, r.missing) for r in resp.results] == [("mills", ["mid"])]
        assert resp.interpreted == "mid 1990s"
        assert resp.messages == ["mid-1990s is nowhere in the index as written: searched as its words, mid 1990s."]
    # found as written (or in another form): kept as one word, a phrase
    resp = ix.search(SearchRequest(q="anti-communist cotton"))
    assert [r.doc_id for r in resp.results] == ["anti", "mills"] and resp.all_words == 1
    assert resp.interpreted == "" and resp.messages == []
    assert ix.search(SearchRequest(q="anticommunist")).total == 1
    # explicit syntax is never split
    assert ix.search(SearchRequest(q='"mid-1990s"')).total == 0
    assert ix.search(SearchRequest(q="+mid-1990s")).total == 0
    ix.close()


def test_a_statement_of_two_pages_or_more_holds_every_word_only_in_one_passage(tmp_path):
    # 700 indexed words (a short speech) with the words far apart holds them no more than a
    # long one does; 200 (a note) is read as one passage
    sts = [St("speech", "Speech", _long_paragraphs({3: "pit", 20: "closures", 33: "miners"}, n=35),
              date="2021-01-01"),
           St("note", "Note", _long_paragraphs({1: "pit", 5: "closures", 8: "miners"}, n=10),
              date="2000-01-01")]
    write_index(tmp_path, sts)
    ix = SearchIndex(tmp_path)
    resp = ix.search(SearchRequest(q="pit closures miners"))
    assert resp.all_words == 1
    assert [(r.doc_id, r.missing) for r in resp.results] == [("note", []), ("speech", [])]
    ix.close()


@pytest.mark.parametrize("view", ["passages", "statements"])
def test_among_results_lacking_a_word_those_holding_more_of_the_query_rank_first(tmp_path, view):
    # no passage holds all four words; "more" holds three of them once, "repeats" two of
    # them three times each, which BM25 alone scores higher
    filler = "across the county roads were mended and new schools opened in every town"
    sts = [St("more", "Report", [("paragraph", f"Pit closures hit miners {filler}.")], date="2000-01-01"),
           St("repeats", "Report", [("paragraph", f"Pit closures, pit closures, pit closures {filler}.")],
              date="2021-01-01")]
    sts += [St(f"other{i}", "Other", [("paragraph", f"Harbour bridges {filler}.")], date="2010-01-01")
            for i in range(6)]
    sts += [St("ballots", "Other", [("paragraph", f"Miners ballots {filler}.")], date="2010-01-01"),
            St("counted", "Other", [("paragraph", f"Ballots counted {filler}.")], date="2010-01-01")]
    write_index(tmp_path, sts)
    ix = SearchIndex(tmp_path)
    resp = ix.search(SearchRequest(q="pit closures miners ballots", view=view))
    # every word is held by two passages: equal weights; "more" holds 3/4 of the query,
    # "repeats" 2/4, so its higher BM25 (x 0.35 against x 0.65) no longer puts it first
    assert [r.doc_id for r in resp.results] == ["more", "repeats", "ballots", "counted"]
    assert [r.missing for r in resp.results][:2] == [["ballots"], ["miners", "ballots"]]
    ix.close()


def test_passages_view_facet_counts_equal_the_statements_listed(tmp_path):
    """Short statements hold both words only across two passages: they count as holding
    every word in the statements view, never in the passages view, whose facet counts are
    the statements its listed passages come from, for every value ticked."""
    sts = [St(f"far{i:02d}", f"Far {i}", [("paragraph", "Miners met at the pit gate."),
                                           ("paragraph", "Later the union voted on closures.")],
              date="2020-01-01", signatories=["p1"]) for i in range(24)]
    sts += [St(f"near{i}", f"Near {i}", [("paragraph", "Pit closures left the miners without work.")],
               date="2021-01-01", signatories=["p1"]) for i in range(3)]
    sts += [St(f"one{i}", f"One {i}", [("paragraph", "Pit ponies were retired that year.")],
               date="2020-01-01", signatories=["p1"]) for i in range(2)]
    write_index(tmp_path, sts)
    ix = SearchIndex(tmp_path)
    whole = ix.search(SearchRequest(q="pit closures", view="statements", per_page=50))
    assert whole.all_words == 27  # a short statement is read as one passage
    resp = ix.search(SearchRequest(q="pit closures", view="passages", per_page=100))
    assert resp.all_words == 3
    assert {r.doc_id for r in resp.results[:3]} == {"near0", "near1", "near2"}
    for name in ("party", "year"):
        for fv in resp.facets[name]:
            kw = {"parties": [fv.value]} if name == "party" else {"years": [fv.value]}
            ticked = ix.search(SearchRequest(q="pit closures", view="passages", per_page=100, **kw))
            assert len({r.doc_id for r in ticked.results}) == fv.count, (name, fv.value)
    ix.close()
