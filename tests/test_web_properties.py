"""Property-based tests (Hypothesis) of the server: arbitrary URL parameters and arbitrary
queries, sent through HTTP with Flask's test client, never raise and never answer 5xx."""

from __future__ import annotations

from urllib.parse import urlencode

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

PARAMS = ("q", "party", "year", "topic", "sort", "view", "page", "per_page", "year_from", "year_to",
          "expand", "facet")
PATHS = ("/", "/api/search", "/export.csv", "/export.json", "/doc/000_f6e28804950bea45",
         "/api/documents/000_f6e28804950bea45", "/parties", "/api/parties", "/party/kke-gr")

SETTINGS = settings(max_examples=60, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

# Text of every kind: letters of any script, digits, punctuation, control characters.
any_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)
numberish = st.one_of(st.integers(-10**6, 10**6).map(str), st.sampled_from(["", "0", "1", "100", "101", "10000",
                                                                             "10001", "1e3", " 2 ", "٣"]))
yearish = st.one_of(
    st.sampled_from(["2017", "2015-2020", "2015-", "-2020", "0-2020", "2020-2015", "2015..2020", "2015 to 2020",
                     "–", "9999-", "0", "00000", "1999-2000-2001", "-"]),
    st.builds(lambda a, sep, b: f"{a}{sep}{b}", st.integers(-5, 12000).map(str),
              st.sampled_from(["-", "–", "—", "..", " to ", "", "/"]), st.integers(-5, 12000).map(str)),
)
value_for = {
    "page": numberish, "per_page": numberish, "year": yearish, "year_from": st.one_of(yearish, numberish),
    "year_to": st.one_of(yearish, numberish),
    "sort": st.sampled_from(["relevance", "newest", "oldest", "date", "date_asc", "NEWEST", "bogus", ""]),
    "view": st.sampled_from(["statements", "passages", "PASSAGES", "bogus", ""]),
    "expand": st.sampled_from(["party", "year", "topic", "bogus"]),
    "party": st.sampled_from(["kke-gr", "KKE", "tkp-tr", "nope", "", "kke-gr kke-gr"]),
    "topic": st.sampled_from(["labour", "Labour and trade unions", "nope", ""]),
}


@st.composite
def query_pairs(draw):
    """A list of (name, value): known parameters with likely and unlikely values, and junk."""
    pairs = []
    for _ in range(draw(st.integers(0, 6))):
        name = draw(st.one_of(st.sampled_from(PARAMS), any_text))
        strategy = value_for.get(name, any_text)
        pairs.append((name, draw(st.one_of(strategy, any_text))))
    return pairs


QUERY_TOKENS = st.sampled_from([
    "strikes", "workers", "Kazakhstan", "KKE", '"trade union"', '"', "OR", "AND", "NOT", "-", "-war", "(", ")",
    "*", "strik*", "st*", "peace~", "peace~2", "~", "title:", "title:workers", "party:", "party:KKE",
    "party:\"Communist Party\"", "year:", "year:2017", "year:2015-2020", "year:>2015", "year:<=0", "year:abc",
    "topic:labour", "topic:", "mentioned:kke-gr", ":", "^", "\\", "/", "?", "&", "=", "%", "'", "\u00a0",
    "\x00", "\u200b", "\u202e", "ΚΚΕ", "Κομμουνιστικό", "рабочие", "工人", "🙂", "a" * 80,
])


@st.composite
def queries(draw):
    words = draw(st.lists(st.one_of(QUERY_TOKENS, any_text), max_size=12))
    joiner = draw(st.sampled_from([" ", "", "  ", "\t", "\n"]))
    return joiner.join(words)


def _check(resp) -> None:
    assert resp.status_code < 500, resp.get_data(as_text=True)[:500]
    body = resp.get_data(as_text=True)
    assert "Traceback" not in body


@SETTINGS
@given(pairs=query_pairs(), path=st.sampled_from(PATHS))
def test_any_parameters_never_give_a_server_error(web_app, pairs, path):
    client = web_app.test_client()
    resp = client.get(path + "?" + urlencode(pairs))
    _check(resp)
    assert resp.status_code in (200, 303, 400, 404), (path, pairs, resp.status_code)
    if resp.status_code == 400 and resp.is_json:
        assert resp.get_json()["status"] == 400


@SETTINGS
@given(q=queries(), view=st.sampled_from(["statements", "passages"]),
       sort=st.sampled_from(["", "relevance", "newest", "oldest"]))
def test_any_query_is_read_never_refused(web_app, q, view, sort):
    client = web_app.test_client()
    args = {"q": q, "view": view, **({"sort": sort} if sort else {})}
    api = client.get("/api/search", query_string=args)
    _check(api)
    assert api.status_code == 200, (q, api.get_data(as_text=True)[:300])
    data = api.get_json()
    assert len(data["query"]) <= 500
    assert data["total"] >= len(data["results"])
    page = client.get("/", query_string=args)
    _check(page)
    assert page.status_code == 200


@SETTINGS
@given(raw=st.binary(max_size=200))
def test_any_bytes_in_the_query_string(web_app, raw):
    """Percent-encoded bytes that are not UTF-8, stray % signs, & and = anywhere."""
    client = web_app.test_client()
    for path in ("/", "/api/search"):
        qs = "".join(chr(b) if 0x21 <= b < 0x7F and chr(b) not in "#" else f"%{b:02X}" for b in raw)
        _check(client.get(path + "?" + qs))
