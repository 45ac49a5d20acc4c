"""The one grammar and label of a year or a range (indexer/query/years.py), and that the
web parameters, the query layer's filter and facet, and the query language all use it."""

from __future__ import annotations

import pytest

from indexer.query.params import QueryError, check_request
from indexer.query.results import SearchRequest
from indexer.query.years import YearError, YearSpan, parse_year, span_between
from search_web.params import ParamError, parse_search_args

from werkzeug.datastructures import MultiDict


@pytest.mark.parametrize("text, lo, hi, value, label", [
    ("2017", 2017, 2017, "2017", "2017"),
    (" 2015 – 2020 ", 2015, 2020, "2015-2020", "2015\u20132020"),
    ("2015..2020", 2015, 2020, "2015-2020", "2015\u20132020"),
    ("2015 to 2020", 2015, 2020, "2015-2020", "2015\u20132020"),
    ("2015-2015", 2015, 2015, "2015", "2015"),
    ("2015-", 2015, 9999, "2015-", "from 2015"),
    ("2015-9999", 2015, 9999, "2015-", "from 2015"),
    ("-2020", 0, 2020, "-2020", "up to 2020"),
    ("0-2020", 0, 2020, "-2020", "up to 2020"),
])
def test_one_spelling_and_one_label(text, lo, hi, value, label):
    span = parse_year(text)
    assert (span.lo, span.hi, span.value, span.label) == (lo, hi, value, label)
    assert parse_year(span.value) == span  # the canonical spelling reads back the same


@pytest.mark.parametrize("text, message", [
    ("abc", "'abc' is not a year"),
    ("20155", "is not a year"),
    ("-", "is not a year"),
    ("2020-2015", "runs backwards; write it as 2015-2020"),
])
def test_what_is_not_a_year(text, message):
    with pytest.raises(YearError, match=message):
        parse_year(text)


def test_from_and_to_boxes():
    assert span_between("2015", "2020") == YearSpan(2015, 2020)
    assert span_between("2015", "").value == "2015-"
    assert span_between("", "2020").value == "-2020"
    assert span_between("", "") is None
    with pytest.raises(YearError, match="year_from='19x0' is not a year"):
        span_between("19x0", "", names=("year_from", "year_to"))


@pytest.mark.parametrize("value", ["2015-", "-2020", "0-2020", "2015..2020", "2017"])
def test_web_and_query_layer_accept_the_same_values(value):
    web = parse_search_args(MultiDict([("year", value)]))
    checked = check_request(SearchRequest(years=[value]))
    assert web.years == [checked.years[0].value] == [parse_year(value).value]


@pytest.mark.parametrize("value", ["abc", "2020-2015", "1999-2000-2001"])
def test_web_and_query_layer_refuse_the_same_values(value):
    with pytest.raises(ParamError):
        parse_search_args(MultiDict([("year", value)]))
    with pytest.raises(QueryError):
        check_request(SearchRequest(years=[value]))


def test_chip_and_facet_say_the_same(client):
    """`0-2020` reads "up to 2020" on its chip and in the year facet, and `2015-` works."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(client.get("/?year=0-2020").get_data(as_text=True), "lxml")
    chip = soup.select_one(".chips .chip").get_text(" ", strip=True)
    assert "up to 2020" in chip
    facet = client.get("/api/search?year=0-2020").get_json()["facets"]["year"]
    selected = [f for f in facet if f["selected"]]
    assert [(f["value"], f["label"]) for f in selected] == [("-2020", "up to 2020")]
    resp = client.get("/api/search?year=2015-")
    assert resp.status_code == 200 and resp.get_json()["total"] == 6
