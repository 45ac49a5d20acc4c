"""The search state in the URL: parsing, validation and writing it back."""

from urllib.parse import parse_qs

import pytest
from werkzeug.datastructures import MultiDict

from search_web.params import (
    DEFAULT_PER_PAGE,
    ParamError,
    SearchState,
    normalise_year,
    parse_search_args,
    year_label,
)


def parse(qs: str, **kw) -> SearchState:
    return parse_search_args(MultiDict([(k, v) for k, vs in parse_qs(qs, keep_blank_values=True).items()
                                        for v in vs]), **kw)


def test_defaults():
    s = parse("")
    assert (s.q, s.parties, s.years, s.topics) == ("", [], [], [])
    assert (s.sort, s.view, s.page, s.per_page) == ("", "statements", 1, DEFAULT_PER_PAGE)
    assert s.effective_sort == "newest"  # an empty query browses newest first
    assert s.query_string() == ""


def test_full_state_round_trip():
    qs = ("q=trade+unions&party=kke-gr&party=tkp-tr&year=2017&year=2015-2020&topic=labour"
          "&sort=oldest&view=passages&page=3&per_page=50&expand=party")
    s = parse(qs)
    assert s.q == "trade unions"
    assert s.parties == ["kke-gr", "tkp-tr"]
    assert s.years == ["2017", "2015-2020"]
    assert s.topics == ["labour"]
    assert (s.sort, s.view, s.page, s.per_page, s.expand) == ("oldest", "passages", 3, 50, ("party",))
    assert s.query_string() == qs
    assert parse(s.query_string()) == s


def test_request_for_query_layer():
    r = parse("q=strikes&party=kke-gr&sort=newest&page=2&per_page=10").to_request()
    assert (r.q, r.parties, r.sort, r.view, r.page, r.per_page) == ("strikes", ["kke-gr"], "date", "statements", 2, 10)
    assert parse("q=strikes").to_request().sort == "relevance"
    assert parse("").to_request().sort == "date"
    assert parse("sort=relevance").to_request().sort == "date"  # relevance without a query: newest
    assert parse("sort=oldest").to_request().sort == "date_asc"


def test_sort_aliases_and_case():
    assert parse("sort=date").sort == "newest"
    assert parse("sort=date_asc").sort == "oldest"
    assert parse("sort=Newest").sort == "newest"
    assert parse("sort=").sort == ""


def test_blank_form_fields_are_ignored():
    s = parse("q=&party=&year=&topic=&sort=&view=&page=&per_page=&year_from=&year_to=")
    assert s == SearchState()


def test_duplicate_values_collapse_and_whitespace_is_trimmed():
    s = parse("party=kke-gr&party=+kke-gr+&year=2017&year=2017&q=++strikes++")
    assert s.parties == ["kke-gr"]
    assert s.years == ["2017"]
    assert s.q == "strikes"


@pytest.mark.parametrize("qs, fragment", [
    ("page=abc", "page='abc' is not a whole number"),
    ("page=0", "page=0 is out of range"),
    ("page=-3", "page=-3 is out of range"),
    ("page=10001", "page=10001 is out of range"),
    ("per_page=1000", "per_page=1000 is out of range"),
    ("per_page=0", "per_page=0 is out of range"),
    ("sort=bogus", "sort='bogus' is not a sort order"),
    ("view=bogus", "view='bogus' is not a view"),
    ("year=abc", "'abc' is not a year"),
    ("year=2020-2015", "runs backwards"),
    ("year=20155", "is not a year"),
    ("year_from=19x0", "year_from='19x0' is not a year"),
    ("year_from=2020&year_to=2010", "runs backwards"),
    ("q=" + "a" * 100_001, "too long"),
])
def test_bad_parameters_raise_with_a_message(qs, fragment):
    with pytest.raises(ParamError) as exc:
        parse(qs)
    assert fragment in str(exc.value)


def test_lenient_parsing_falls_back_to_defaults():
    s = parse("q=strikes&page=abc&sort=bogus&year=abc&party=kke-gr", lenient=True)
    assert (s.q, s.page, s.sort, s.years, s.parties) == ("strikes", 1, "", [], ["kke-gr"])


def test_year_range_fields_fold_into_one_value():
    s = parse("year_from=2015&year_to=2020")
    assert s.years == ["2015-2020"] and s.folded_range
    assert parse("year_from=2015").years == ["2015-"]
    assert parse("year_to=2015").years == ["-2015"]
    assert parse("year_from=2016&year_to=2016").years == ["2016"]
    assert parse("year=2015-2020&year_from=2015&year_to=2020").years == ["2015-2020"]
    assert not parse("year=2015").folded_range


def test_normalise_year():
    assert normalise_year("2017") == "2017"
    assert normalise_year(" 2015 – 2020 ") == "2015-2020"
    assert normalise_year("2015-2015") == "2015"
    assert normalise_year("2015-") == "2015-"  # the query layer's open range is the web's too
    assert normalise_year("0-2020") == "-2020"
    assert normalise_year("2015-9999") == "2015-"


def test_year_labels():
    assert year_label("2017") == "2017"
    assert year_label("2015-2020") == "2015\u20132020"
    assert year_label("2015-9999") == "from 2015"
    assert year_label("0-2015") == "up to 2015"
    assert year_label("-2015") == "up to 2015"
    assert year_label("2015-") == "from 2015"


def test_toggle_only_and_changes_reset_the_page():
    s = parse("q=x&party=a&page=4")
    assert s.toggle("party", "b").parties == ["a", "b"]
    assert s.toggle("party", "a").parties == []
    assert s.toggle("party", "b").page == 1
    assert s.only("year", "2017").years == ["2017"]
    assert s.with_changes(page=7).page == 7
    assert s.without_filters().query_string() == "q=x"
    assert s.query_string(keep_expand=False) == "q=x&party=a&page=4"


def test_too_many_filter_values():
    qs = "&".join(f"party=p{i}" for i in range(101))
    with pytest.raises(ParamError, match="Too many party filters"):
        parse(qs)
