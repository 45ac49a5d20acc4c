"""Search over a small written index: ranking, query language, sorting, paging, views."""

from __future__ import annotations

import pytest

from indexer.query import QueryError, SearchIndex
from indexer.query.results import SearchRequest
from tests.fixtures.query.builder import St, write_index
from tests.fixtures.query.corpus import PARTIES, STATEMENTS, TOPICS


@pytest.fixture(scope="module")
def ix(tmp_path_factory):
    d = tmp_path_factory.mktemp("qindex")
    write_index(d, STATEMENTS, PARTIES, TOPICS)
    index = SearchIndex(d)
    yield index
    index.close()


def search(ix, q="", **kw):
    return ix.search(SearchRequest(q=q, **kw))


def ids(resp):
    return [r.doc_id for r in resp.results]


# -- ranking -----------------------------------------------------------------------------


def test_title_match_outranks_body_match(ix):
    resp = search(ix, "dockers")
    assert ids(resp) == ["s11", "s05"]
    assert resp.results[0].score > resp.results[1].score


def test_words_in_one_passage_outrank_scattered_words(ix):
    resp = search(ix, "kazakhstan repression")
    # s10 has the words in different passages: it matches, but ranks below s09
    assert ids(resp)[:2] == ["s09", "s10"]
    assert resp.all_words == 2
    # fewer than a page hold both words: the statements holding one follow, and say so
    assert ids(resp)[2:] == ["s01"] and resp.results[2].missing == ["repression"]
    assert resp.total == 3


def test_signatory_lists_rank_below_text(ix):
    resp = search(ix, "communist", view="passages")
    assert resp.results[0].doc_id == "s12"
    assert resp.results[0].passages[0].kind in ("paragraph", "title")
    kinds = [r.passages[0].kind for r in resp.results]
    first_sig = kinds.index("signatories")
    assert all(k != "signatories" for k in kinds[:first_sig])
    assert set(kinds[:first_sig]) <= {"paragraph", "title"}


def test_statement_results_hold_best_passages(ix):
    resp = search(ix, "strikes")
    top = resp.results[0]
    assert top.doc_id == "s01"
    assert 1 <= len(top.passages) <= 3
    assert "<mark>strikes</mark>" in top.passages[0].html
    assert top.passages[0].kind == "paragraph"
    assert [p.id for p in top.parties] == ["kke-gr", "pcf-fr", "dkp-de"]
    assert top.parties[0].name == "Communist Party of Greece" and top.parties[0].acronym == "KKE"
    assert top.topics == ["labour"]
    assert top.date == "2017-05-10" and top.year == 2017


# -- query language ------------------------------------------------------------------------


def test_phrase_versus_words(ix):
    assert set(ids(search(ix, '"trade union"'))) == {"s01", "s05"}
    # s09 has "trade unionists": another word, matched by neither; it follows, lacking "union"
    resp = search(ix, "trade union")
    assert {r.doc_id for r in resp.results if not r.missing} == {"s01", "s04", "s05"} and resp.all_words == 3
    assert [(r.doc_id, r.missing) for r in resp.results[3:]] == [("s09", ["union"])]


def test_words_match_across_passages_but_phrase_does_not(ix):
    words = set(ids(search(ix, "trade union")))
    assert "s04" in words  # "trade" in one passage, "Union" in another
    assert "s04" not in set(ids(search(ix, '"trade union"')))


def test_stemming(ix):
    assert set(ids(search(ix, "strikes"))) == {"s01", "s05"}
    assert set(ids(search(ix, "strike"))) == {"s01", "s05"}
    assert set(ids(search(ix, "hospital"))) == {"s02"}


def test_prefix(ix):
    assert set(ids(search(ix, "dock*"))) == {"s05", "s11"}
    assert set(ids(search(ix, "imperiali*"))) == {"s03"}


def test_prefix_of_an_inflected_word(ix):
    # the index holds stems ("struggl"): "struggles*" still finds at least what
    # "struggles" finds, though no stem starts with "struggles"
    assert set(ids(search(ix, "struggles*"))) == set(ids(search(ix, "struggles"))) == {"s03", "s05", "s07"}


def test_fuzzy(ix):
    found = set(ids(search(ix, "solidarty~")))
    assert {"s01", "s02", "s07"} <= found
    # "hospitals" occurs once (not in the vocabulary): found through the index's stems
    assert set(ids(search(ix, "hospitls~"))) == {"s02"}
    assert set(ids(search(ix, "hspitls~2"))) == {"s02"}
    assert search(ix, "hspitls~1").total == 0


def test_not_and_minus(ix):
    assert set(ids(search(ix, "solidarity"))) == {"s01", "s02", "s07"}
    assert set(ids(search(ix, "solidarity -kazakhstan"))) == {"s02", "s07"}
    assert set(ids(search(ix, "solidarity NOT kazakhstan"))) == {"s02", "s07"}
    # a statement mentioning the word anywhere is left out
    assert "s10" not in ids(search(ix, "repression -energy"))


def test_or_and_groups(ix):
    assert set(ids(search(ix, "hospitals OR dockers"))) == {"s02", "s05", "s11"}
    assert set(ids(search(ix, "(hospitals OR dockers) strike"))) == {"s05"}


def test_fielded_title(ix):
    assert ids(search(ix, "title:pandemic")) == ["s02"]
    assert ids(search(ix, "title:dockers")) == ["s11"]


def test_party_by_acronym_name_alias_and_id(ix):
    kke = {"s01", "s02", "s05", "s09", "s12"}
    for q in ("party:KKE", "party:kke", 'party:"Communist Party of Greece"',
              'party:"Greek Communist Party"', "party:kke-gr", 'party:"CP of Greece"'):
        assert set(ids(search(ix, q))) == kke, q


def test_party_by_name_words(ix):
    resp = search(ix, "party:turkey")
    assert set(ids(resp)) == {"s02", "s05", "s09"}
    assert any("matched 1 party by name" in m for m in resp.messages)


def test_unknown_party_matches_nothing_with_message(ix):
    resp = search(ix, "party:XYZ")
    assert resp.total == 0
    assert any("No party known as 'XYZ'" in m for m in resp.messages)


def test_bare_acronym_also_matches_signed_statements(ix):
    resp = search(ix, "KKE")
    found = set(ids(resp))
    assert found == {"s01", "s02", "s05", "s09", "s12", "s13"}
    assert resp.results[0].doc_id == "s13"  # the text mentions KKE twice, the title once
    assert any("Communist Party of Greece (KKE)" in m for m in resp.messages)
    # lower case is a plain word
    assert set(ids(search(ix, "kke"))) >= {"s13"}


def test_topic_by_id_and_label_word(ix):
    labour = {"s01", "s02", "s05", "s07", "s09", "s11"}
    assert set(ids(search(ix, "topic:labour"))) == labour
    resp = search(ix, "topic:workers")
    assert set(ids(resp)) == labour
    assert any("Labour and workers' rights" in m for m in resp.messages)
    assert set(ids(search(ix, "topic:war"))) == {"s03", "s08"}


def test_year_ranges(ix):
    expect = {"s03", "s07", "s11", "s01"}  # 2015, 2016, 2016, 2017
    assert set(ids(search(ix, "year:2015-2017"))) == expect
    assert set(ids(search(ix, "year:2015..2017"))) == expect
    assert set(ids(search(ix, "year:2017"))) == {"s01"}
    assert set(ids(search(ix, "year:>2020"))) == {"s06", "s13", "s09", "s10"}
    assert set(ids(search(ix, "year:<=2015"))) == {"s03", "s12"}
    assert set(ids(search(ix, "workers year:2016"))) == {"s07"}


def test_year_filter_parameter(ix):
    assert search(ix, years=["2015-2017"]).total == 4
    assert search(ix, years=["2016", "2022"]).total == 4
    assert search(ix, years=["2022-"]).total == 2


def test_mentioned_is_not_signed(ix):
    assert search(ix, "party:akel").total == 3


# -- sorting, paging, views ------------------------------------------------------------------


def test_empty_query_browses_newest_first(ix):
    resp = search(ix, "")
    assert resp.total == len(STATEMENTS)
    assert ids(resp)[:3] == ["s10", "s09", "s06"]
    # undated last
    assert ids(resp)[-1] == "s08"
    # previews are the opening passages, not the title line
    assert resp.results[0].passages[0].text.startswith("Energy prices")
    assert resp.results[0].score == 0.0


def test_sort_by_date(ix):
    resp = search(ix, "workers", sort="date")
    years = [r.year for r in resp.results]
    assert years == sorted(years, reverse=True)
    asc = search(ix, "workers", sort="date_asc")
    assert ids(asc) == list(reversed(ids(resp)))
    assert search(ix, "", sort="date_asc").results[0].doc_id == "s12"
    assert search(ix, "", sort="date_asc", per_page=100).results[-1].doc_id == "s08"


def test_sort_by_date_keeps_best_passages(ix):
    resp = search(ix, "strike", sort="date")
    assert ids(resp) == ["s05", "s01"]
    assert "<mark>" in resp.results[0].passages[0].html


def test_pagination(ix):
    full = ids(search(ix, "", per_page=100))
    pages = []
    for p in range(1, 5):
        pages += ids(search(ix, "", page=p, per_page=4))
    assert pages == full
    resp = search(ix, "", page=4, per_page=4)
    assert resp.pages == 4 and len(resp.results) == 1
    past = search(ix, "", page=9, per_page=4)
    assert past.results == [] and past.total == len(STATEMENTS)
    assert any("past the last page" in m for m in past.messages)


def test_relevance_pagination_is_consistent(ix):
    full = ids(search(ix, "workers OR peace OR solidarity", per_page=100))
    paged = []
    for p in range(1, 6):
        paged += ids(search(ix, "workers OR peace OR solidarity", page=p, per_page=2))
    assert paged == full
    assert len(full) == len(set(full))


def test_passages_view(ix):
    resp = search(ix, "strike", view="passages")
    assert resp.total == 2
    assert all(len(r.passages) == 1 for r in resp.results)
    assert {r.passages[0].chunk_id for r in resp.results} == {"s01#1", "s05#1"}
    everything = search(ix, "", view="passages", per_page=100)
    assert everything.total == sum(len(s.passages) for s in STATEMENTS)
    assert everything.results[0].doc_id == "s10"


def test_passages_view_with_phrase_counts_passages(ix):
    resp = search(ix, '"trade union"', view="passages")
    assert resp.total == 2
    assert resp.view == "passages"


def test_filter_only_query_orders_by_date(ix):
    resp = search(ix, "party:kke")
    assert ids(resp) == ["s09", "s02", "s05", "s01", "s12"]


def test_invalid_parameters_raise_query_error(ix):
    for kw in ({"sort": "best"}, {"view": "grid"}, {"page": 0}, {"per_page": 0},
               {"per_page": 101}, {"years": ["20x5"]}, {"years": ["2020-2015"]}, {"page": "two"}):
        with pytest.raises(QueryError):
            search(ix, "peace", **kw)
    assert issubclass(QueryError, ValueError)


# -- statements, parties, topics, years --------------------------------------------------------


def test_document_with_highlights_and_anchors(ix):
    doc = ix.document("s03", q="peace")
    assert doc["title"] == "Against the imperialist war in Syria"
    anchors = [p["anchor"] for p in doc["passages"]]
    assert anchors == ["c-0", "p-1", "p-2", "p-II-2", "c-4"]
    assert doc["passages"][2]["html"] == "<mark>Peace</mark> will not come from the bombs of NATO."
    assert [s["id"] for s in doc["signatories"]] == ["pcf-fr", "cpb-gb", "pcv-ve"]
    plain = ix.document("s06")
    assert "&lt;script&gt;" in plain["passages"][1]["html"]
    assert ix.document("nope") is None


def test_parties_listing(ix):
    parties = ix.parties()
    assert parties[0] == {"id": "kke-gr", "name": "Communist Party of Greece", "acronym": "KKE",
                          "country": "Greece", "known": True, "count": 5}
    assert [p["id"] for p in ix.parties(q="greek")] == ["kke-gr"]
    assert [p["id"] for p in ix.parties(q="cyprus")] == ["akel-cy"]


def test_party_page(ix):
    p = ix.party("kke-gr")
    assert p["count"] == 5
    assert [s["doc_id"] for s in p["statements"]] == ["s12", "s01", "s05", "s02", "s09"]
    assert p["co_signers"][0] == {"id": "tkp-tr", "name": "Communist Party of Turkey", "acronym": "TKP",
                                  "country": "Turkey", "count": 3}
    assert ix.party("KKE")["id"] == "kke-gr"
    assert ix.party("no-such-party") is None


def test_topics_years_info(ix):
    topics = {t["id"]: t for t in ix.topics()}
    assert topics["labour"]["count"] == 6 and topics["labour"]["label"] == "Labour and workers' rights"
    assert ix.topics()[0]["id"] == "labour"
    years = ix.years()
    assert years[0] == {"year": 2014, "count": 1}
    assert {"year": 2022, "count": 2} in years
    info = ix.info()
    assert info["documents"] == len(STATEMENTS)
    assert info["passages"] == sum(len(s.passages) for s in STATEMENTS)
    assert info["generation"].startswith("gen-")


# -- reopening ---------------------------------------------------------------------------------


def test_reopens_after_a_rebuild(tmp_path):
    write_index(tmp_path, STATEMENTS[:3], PARTIES, TOPICS)
    index = SearchIndex(tmp_path)
    try:
        assert search(index, "").total == 3
        assert search(index, "dockers").total == 0
        write_index(tmp_path, STATEMENTS, PARTIES, TOPICS)
        assert search(index, "dockers").total == 2
        assert search(index, "").total == len(STATEMENTS)
        extra = St("s99", "Dockers again", [("paragraph", "The dockers won.")], date="2023-01-01")
        write_index(tmp_path, STATEMENTS + [extra], PARTIES, TOPICS)
        assert search(index, "dockers").total == 3
        assert index.info()["documents"] == len(STATEMENTS) + 1
    finally:
        index.close()


def test_multi_segment_index(tmp_path):
    write_index(tmp_path, STATEMENTS, PARTIES, TOPICS, segments=3)
    index = SearchIndex(tmp_path)
    try:
        assert ids(search(index, "dockers")) == ["s11", "s05"]
        assert set(ids(search(index, "party:KKE"))) == {"s01", "s02", "s05", "s09", "s12"}
        assert search(index, "", view="passages").total == sum(len(s.passages) for s in STATEMENTS)
        doc = index.document("s03", q="peace")
        assert [p["anchor"] for p in doc["passages"]] == ["c-0", "p-1", "p-2", "p-II-2", "c-4"]
    finally:
        index.close()


# -- threads -------------------------------------------------------------------------------------


def test_concurrent_searches_agree_with_sequential(tmp_path):
    import threading

    write_index(tmp_path, STATEMENTS, PARTIES, TOPICS, segments=2)
    index = SearchIndex(tmp_path)
    queries = ["strikes", '"trade union"', "party:KKE", "peace OR solidarity", "dock*", "",
               "kazakhstan repression", "solidarty~", "-kazakhstan workers"]
    try:
        expected = {q: (ids(search(index, q)), search(index, q).facets) for q in queries}
        errors: list = []

        def worker(n):
            try:
                for k in range(30):
                    q = queries[(n + k) % len(queries)]
                    resp = search(index, q)
                    assert (ids(resp), resp.facets) == expected[q], q
            except Exception as exc:  # pragma: no cover - reported below
                errors.append(exc)

        threads = [threading.Thread(target=worker, args=(n,)) for n in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
    finally:
        index.close()


def test_rebuild_while_searching(tmp_path):
    import threading

    write_index(tmp_path, STATEMENTS, PARTIES, TOPICS)
    index = SearchIndex(tmp_path)
    stop = threading.Event()
    errors: list = []
    totals: set = set()

    def worker():
        try:
            while not stop.is_set():
                totals.add(search(index, "dockers").total)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(3)]
    try:
        for t in threads:
            t.start()
        extra = St("s99", "Dockers again", [("paragraph", "The dockers won.")], date="2023-01-01")
        for n in range(3):
            write_index(tmp_path, STATEMENTS + ([extra] if n % 2 == 0 else []), PARTIES, TOPICS)
        stop.set()
        for t in threads:
            t.join()
        assert errors == []
        assert totals <= {2, 3}
        assert search(index, "dockers").total == 3
    finally:
        stop.set()
        index.close()


def test_search_results_are_escaped(ix):
    resp = search(ix, "censored")
    html = resp.results[0].passages[0].html
    assert "&lt;script&gt;alert(&#x27;<mark>censored</mark>&#x27;)&lt;/script&gt;" in html
    assert "&amp; removed" in html
    assert "<script>" not in html


def test_negation_alone(ix):
    resp = search(ix, "-workers")
    assert resp.total == len(STATEMENTS) - 4
    assert "s01" not in ids(resp)
    # nothing to score: newest first, with the opening passages
    assert ids(resp)[0] == "s10"


def test_passages_view_lists_passages_matching_in_their_own_text(ix):
    # "pandemic" is in the title of s02 (copied onto every passage) and in one body passage
    resp = search(ix, "pandemic", view="passages", per_page=50)
    chunks = {r.passages[0].chunk_id for r in resp.results}
    assert resp.total == len(chunks) == 2
    assert chunks == {"s02#0", "s02#2"}  # the title passage and the body passage naming it


def test_unknown_facet_values_say_so(ix):
    resp = search(ix, "", parties=["no-such-party"], topics=["no-such-topic"])
    assert resp.total == 0
    assert resp.messages == ["No party 'no-such-party' in this index: no statement matches it.",
                             "No topic 'no-such-topic' in this index: no statement matches it."]
    assert search(ix, "", parties=["kke-gr"]).messages == []
