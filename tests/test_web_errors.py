"""Errors, security headers and app configuration of the web front end."""

from __future__ import annotations

import logging
import os

import pytest
from bs4 import BeautifulSoup

from search_web import create_app
from search_web.app import resolve_index_dir

BUILD_HINT = "build the index with python -m indexer build --source DIR --index DIR"


def text_of(resp) -> str:
    return BeautifulSoup(resp.get_data(as_text=True), "html.parser").get_text(" ", strip=True)


# -- no index yet ----------------------------------------------------------------


def test_missing_index_is_a_503_with_instructions(tmp_path, web_source_dir):
    from indexer.write.build import build_index

    index_dir = tmp_path / "index"
    app = create_app(index_dir, {"TESTING": True})
    client = app.test_client()
    for url in ("/", "/?q=strikes", "/doc/x", "/party/kke-gr", "/parties"):
        resp = client.get(url)
        assert resp.status_code == 503, url
        assert resp.mimetype == "text/html"
        assert BUILD_HINT in text_of(resp)
        assert "Traceback" not in resp.get_data(as_text=True)
    for url in ("/api/search?q=x", "/export.json", "/api/parties"):
        resp = client.get(url)
        assert resp.status_code == 503
        assert BUILD_HINT in resp.get_json()["error"]
    # once an index is built the same app serves it, without a restart
    build_index(web_source_dir, index_dir, procs=1, progress=False)
    resp = client.get("/api/search?q=Kazakhstan")
    assert resp.status_code == 200 and resp.get_json()["total"] == 2


def test_damaged_index_is_a_503(tmp_path):
    index_dir = tmp_path / "index"
    (index_dir / "gen-broken").mkdir(parents=True)
    os.symlink("gen-broken", index_dir / "current")
    client = create_app(index_dir, {"TESTING": True}).test_client()
    resp = client.get("/")
    assert resp.status_code == 503
    assert "could not be opened" in text_of(resp)
    assert "Traceback" not in resp.get_data(as_text=True)


# -- bad parameters, unknown pages -------------------------------------------------


@pytest.mark.parametrize("qs, fragment", [
    ("page=abc", "page='abc' is not a whole number."),
    ("page=0", "page=0 is out of range: it must be between 1 and 10000."),
    ("per_page=1000", "per_page=1000 is out of range: it must be between 1 and 100."),
    ("sort=bogus", "sort='bogus' is not a sort order: use relevance, newest or oldest."),
    ("view=bogus", "view='bogus' is not a view: use statements or passages."),
    ("year=abc", "'abc' is not a year: use a year such as 2017 or a range such as 2015-2020."),
])
def test_bad_parameters_are_a_400_page(client, qs, fragment):
    resp = client.get(f"/?{qs}")
    assert resp.status_code == 400
    assert resp.mimetype == "text/html"
    soup = BeautifulSoup(resp.get_data(as_text=True), "html.parser")
    assert soup.select_one("h1").get_text(strip=True) == "Bad request"
    assert soup.select_one(".error-message").get_text(strip=True) == fragment


def test_bad_parameter_message_is_escaped(client):
    resp = client.get("/?year=<b>x</b>")
    assert resp.status_code == 400
    html = resp.get_data(as_text=True)
    assert "<b>x</b>" not in html and "&lt;b&gt;x&lt;/b&gt;" in html


def test_unknown_page_and_method(client):
    resp = client.get("/no/such/page")
    assert resp.status_code == 404 and resp.mimetype == "text/html"
    assert "There is no page at this address." in text_of(resp)
    resp = client.post("/")
    assert resp.status_code == 405 and resp.mimetype == "text/html"
    resp = client.post("/api/search")
    assert resp.status_code == 405 and resp.get_json()["status"] == 405


def test_parties_filter_too_long(client):
    assert client.get("/parties?q=" + "x" * 300).status_code == 400
    assert client.get("/api/parties?q=" + "x" * 300).status_code == 400


# -- unexpected errors -------------------------------------------------------------


class ExplodingIndex:
    """A stand-in SearchIndex whose every call fails the way a bug would."""

    def __init__(self, index_dir):
        pass

    def __getattr__(self, name):
        def fail(*args, **kwargs):
            raise RuntimeError("secret internal detail")
        return fail


def test_unexpected_exception_is_a_plain_500(web_index_dir, caplog):
    app = create_app(web_index_dir, {"TESTING": True, "SEARCH_INDEX_FACTORY": ExplodingIndex})
    client = app.test_client()
    with caplog.at_level(logging.ERROR, logger="search_web.errors"):
        resp = client.get("/?q=strikes")
    assert resp.status_code == 500
    body = resp.get_data(as_text=True)
    assert "secret internal detail" not in body and "Traceback" not in body
    assert "The server could not answer this request" in text_of(resp)
    assert any("unhandled error on GET /?q=strikes" in r.getMessage() for r in caplog.records)
    assert any(r.exc_info and "secret internal detail" in str(r.exc_info[1]) for r in caplog.records)
    resp = client.get("/api/topics")
    assert resp.status_code == 500
    assert resp.get_json() == {"error": "The server could not answer this request. The error has been "
                                        "logged; please try again later.", "status": 500}


def test_value_error_from_the_query_layer_is_a_400(web_index_dir):
    class Refusing:
        def __init__(self, index_dir):
            pass

        def search(self, request):
            raise ValueError("per_page must be between 1 and 100")

    client = create_app(web_index_dir, {"TESTING": True, "SEARCH_INDEX_FACTORY": Refusing}).test_client()
    resp = client.get("/api/search")
    assert resp.status_code == 400
    assert resp.get_json()["error"] == "per_page must be between 1 and 100"


# -- headers ---------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/", "/doc/000_f6e28804950bea45", "/no/such/page", "/?page=abc",
                                 "/static/style.css", "/export.csv"])
def test_security_headers(client, url):
    resp = client.get(url)
    assert resp.headers["X-Content-Type-Options"] == "nosniff"
    csp = resp.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "style-src 'self'" in csp
    assert "unsafe-inline" not in csp and "http" not in csp
    assert resp.headers["X-Frame-Options"] == "DENY"


def test_no_inline_scripts_or_styles(client):
    """The CSP forbids inline code, so no page may rely on it."""
    for url in ("/", "/?q=strikes&party=kke-gr", "/doc/000_f6e28804950bea45", "/party/kke-gr",
                "/parties", "/no/such/page"):
        soup = BeautifulSoup(client.get(url).get_data(as_text=True), "html.parser")
        assert not soup.find_all("style"), url
        assert not soup.select("[style]"), url
        for script in soup.find_all("script"):
            assert script.get("src") and not script.string, url
        assert not [el for el in soup.find_all(True) if any(a.startswith("on") for a in el.attrs)], url


# -- configuration ---------------------------------------------------------------


def test_index_dir_resolution(tmp_path, monkeypatch):
    monkeypatch.delenv("STATEMENT_SEARCH_INDEX", raising=False)
    assert str(resolve_index_dir(None, None)) == "index"
    monkeypatch.setenv("STATEMENT_SEARCH_INDEX", str(tmp_path / "env"))
    assert resolve_index_dir(None, None) == tmp_path / "env"
    assert resolve_index_dir(None, {"INDEX_DIR": tmp_path / "cfg"}) == tmp_path / "cfg"
    assert resolve_index_dir(tmp_path / "arg", {"INDEX_DIR": tmp_path / "cfg"}) == tmp_path / "arg"
    assert create_app(None, {"INDEX_DIR": str(tmp_path / "cfg")}).config["INDEX_DIR"] == str(tmp_path / "cfg")
    assert create_app().config["INDEX_DIR"] == str(tmp_path / "env")


def test_one_search_index_per_app(web_index_dir):
    made = []

    def factory(index_dir):
        from indexer.query import SearchIndex

        made.append(index_dir)
        return SearchIndex(index_dir)

    client = create_app(web_index_dir, {"TESTING": True, "SEARCH_INDEX_FACTORY": factory}).test_client()
    for url in ("/", "/api/search?q=strikes", "/parties", "/doc/000_f6e28804950bea45"):
        assert client.get(url).status_code == 200
    assert made == [web_index_dir]


def test_main_serves_with_waitress(monkeypatch, capsys, web_index_dir):
    import waitress

    from search_web import __main__ as entry

    calls = {}

    def fake_serve(app, **kwargs):
        calls.update(kwargs, app=app)

    monkeypatch.setattr(waitress, "serve", fake_serve)
    entry.main(["--index", str(web_index_dir), "--host", "127.0.0.1", "--port", "5123", "--exports", "3"],
               standalone_mode=False)
    out = capsys.readouterr().out
    assert "at http://127.0.0.1:5123/" in out
    assert (calls["host"], calls["port"], calls["threads"]) == ("127.0.0.1", 5123, 4)
    assert calls["app"].config["INDEX_DIR"] == str(web_index_dir)
    assert calls["app"].config["EXPORT_SLOTS"] == 3
