"""Presentation helpers of the web front end: anchors, labels, pages, facets, histogram."""

from indexer.query.results import FacetValue, SearchResponse

from search_web import present
from search_web.params import SearchState


def response(facets, total=0, page=1, per_page=20) -> SearchResponse:
    return SearchResponse(query="", total=total, page=page, per_page=per_page, results=[], facets=facets)


def test_passage_anchor():
    assert present.passage_anchor("4", 7) == "p-4"
    assert present.passage_anchor("II.2", 7) == "p-II-2"
    assert present.passage_anchor(None, 7) == "c-7"
    assert present.passage_anchor("", 0) == "c-0"


def test_passage_label():
    assert present.passage_label("point", "4") == "Point 4"
    assert present.passage_label("heading", None) == "Heading"
    assert present.passage_label("signatories", None) == "Signatories"
    assert present.passage_label("paragraph", None) == ""
    assert present.passage_label("title", None) == ""  # only the kinds that help are labelled
    assert present.passage_label("caption", None) == ""


def test_quoted_query_never_nests_quotes():
    assert present.quoted_query("strikes") == "\u201cstrikes\u201d"
    assert present.quoted_query('"council houses"') == '"council houses"'
    assert present.quoted_query('housing "council houses"') == 'housing "council houses"'


def test_sort_box_names_the_order_shown():
    def selected(state):
        return [(label, value) for value, label, chosen in present.sort_options(state) if chosen]

    assert selected(SearchState()) == [("Newest first", "")]
    assert [label for _, label, _ in present.sort_options(SearchState())] == ["Newest first", "Oldest first"]
    assert selected(SearchState(sort="relevance")) == [("Newest first", "")]
    assert selected(SearchState(sort="oldest")) == [("Oldest first", "oldest")]
    assert selected(SearchState(q="x")) == [("Relevance", "")]
    assert selected(SearchState(q="x", sort="newest")) == [("Newest first", "newest")]


def test_year_range_box_and_marked_bars():
    state = SearchState(years=["1970-1990", "2001"])
    assert present.year_range_box(state) == ("1970", "1990", "1970-1990")
    assert present.year_range_box(SearchState(years=["1970-"])) == ("1970", "", "1970-")
    assert present.year_range_box(SearchState(years=["-1990"])) == ("", "1990", "-1990")
    assert present.year_range_box(SearchState(years=["2001"])) == ("", "", "")
    bars = present.year_bars({1968: 1, 1970: 2, 1990: 3, 1991: 1, 2001: 1}, state.years, lambda v: v)
    assert [b.label for b in bars if b.selected] == [str(y) for y in range(1970, 1991)] + ["2001"]


def test_dates_and_counts():
    assert present.display_date("2022-01-18") == "18 January 2022"
    assert present.display_date(None, 2017) == "2017"
    assert present.display_date(None, None) == ""
    assert present.display_date("2022-13-45") == "2022-13-45"
    assert present.count_phrase(1, "statement") == "1 statement"
    assert present.count_phrase(1234, "party", "parties") == "1,234 parties"


def test_result_count_text():
    assert present.result_count_text(response({}, total=23), "statements") == "23 statements"
    assert present.result_count_text(response({}, total=1), "passages") == "1 passage"
    assert present.result_count_text(response({}, total=0), "statements") == "No statements found"


def test_party_names():
    p = {"id": "kke-gr", "name": "Communist Party of Greece", "acronym": "KKE"}
    assert present.party_full(p) == "Communist Party of Greece (KKE)"
    assert present.party_short(p) == "KKE"
    q = {"id": "x", "name": "Socialist Movement of Kazakhstan", "acronym": ""}
    assert present.party_full(q) == "Socialist Movement of Kazakhstan"
    assert present.party_short(q) == "Socialist Movement of Kazakhstan"


def test_page_window():
    assert present.page_window(1, 1) == [1]
    assert present.page_window(1, 3) == [1, 2, 3]
    assert present.page_window(6, 50) == [1, None, 4, 5, 6, 7, 8, None, 50]
    assert present.page_window(4, 50) == [1, 2, 3, 4, 5, 6, None, 50]  # no gap of one page
    assert present.page_window(50, 50) == [1, None, 48, 49, 50]


def test_facet_blocks_hide_the_long_tail_but_keep_selected_values():
    parties = [FacetValue(f"p{i}", f"Party {i}", 100 - i) for i in range(14)]
    parties[12].selected = True
    resp = response({"party": parties, "year": [], "topic": []})
    state = SearchState(parties=["p12", "gone"])
    blocks = {b.name: b for b in present.facet_blocks(resp, state)}
    party = blocks["party"]
    assert party.total == 14
    assert not party.expanded and party.filterable
    hidden = [i.value for i in party.items if i.hidden]
    assert hidden == ["p10", "p11", "p13"]
    assert party.extra_selected == ["gone"]
    assert party.expand_url_qs == "party=p12&party=gone&expand=party"
    expanded = {b.name: b for b in present.facet_blocks(resp, SearchState(expand=("party",)))}["party"]
    assert expanded.expanded and not any(i.hidden for i in expanded.items)
    assert blocks["year"].items == [] and blocks["year"].expanded


def test_chips_remove_one_value_each():
    state = SearchState(q="x", parties=["kke-gr"], years=["2015-2020"], topics=["labour"])
    chips = present.chips(state, {"party": {"kke-gr": "Communist Party of Greece (KKE)"},
                                  "topic": {"labour": "Labour"}})
    assert [(c.title, c.label) for c in chips] == [
        ("Party", "Communist Party of Greece (KKE)"), ("Year", "2015\u20132020"), ("Topic", "Labour")]
    assert chips[0].remove_qs == "q=x&year=2015-2020&topic=labour"
    assert chips[1].remove_qs == "q=x&party=kke-gr&topic=labour"


def test_year_histogram_fills_gaps_and_scales():
    years = [FacetValue("2022", "2022", 4), FacetValue("2019", "2019", 2), FacetValue("2017", "2017", 1)]
    bars = present.year_histogram(response({"year": years}), SearchState(q="x", years=["2019"]))
    assert [b.label for b in bars] == ["2017", "2018", "2019", "2020", "2021", "2022"]
    assert [b.count for b in bars] == [1, 0, 2, 0, 0, 4]
    assert [b.height for b in bars] == [5, 0, 10, 0, 0, 20]
    assert [b.selected for b in bars] == [False, False, True, False, False, False]
    assert bars[0].qs == "q=x&year=2017"
    assert bars[1].qs == ""


def test_year_histogram_by_decade_for_a_long_span():
    years = [FacetValue(str(y), str(y), 1) for y in (1790, 1791, 1850, 1990, 2024)]
    bars = present.year_histogram(response({"year": years}), SearchState())
    assert bars[0].label == "1790s" and bars[0].value == "1790-1799" and bars[0].count == 2
    assert bars[-1].label == "2020s" and bars[-1].count == 1
    assert len(bars) == 24


def test_year_histogram_needs_two_years():
    assert present.year_histogram(response({"year": [FacetValue("2017", "2017", 3)]}), SearchState()) == []


def test_group_by_year():
    sts = [{"doc_id": "a", "year": 2015}, {"doc_id": "b", "year": None}, {"doc_id": "c", "year": 2015},
           {"doc_id": "d", "year": 2012}]
    groups = present.group_by_year(sts)
    assert [(y, [s["doc_id"] for s in items]) for y, items in groups] == [
        ("2012", ["d"]), ("2015", ["a", "c"]), ("Undated", ["b"])]
