"""The server's memory and answers are bounded: only what was searched is echoed, an
over-long address is refused with 414, no redirect carries an over-long query, and the API
is cacheable with an ETag per index generation."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from bs4 import BeautifulSoup

from indexer.query.settings import MAX_QUERY_CHARS, MAX_URL_CHARS

LONG_Q = ("strike " * 2000).strip()  # 13,999 characters, under the address limit


def test_page_echoes_only_what_was_searched(client):
    resp = client.get("/", query_string={"q": LONG_Q})
    assert resp.status_code == 200
    html = resp.get_data(as_text=True)
    assert len(html) < 60_000  # not 20 links times 14,000 characters
    soup = BeautifulSoup(html, "lxml")
    box = soup.select_one("input#q")["value"]
    assert len(box) <= MAX_QUERY_CHARS and LONG_Q.startswith(box)
    assert "characters long; only the first" in soup.get_text()
    for a in soup.select("a[href]"):
        q = parse_qs(urlsplit(a["href"]).query).get("q", [""])[0]
        assert len(q) <= MAX_QUERY_CHARS


def test_api_echoes_only_what_was_searched(client):
    data = client.get("/api/search", query_string={"q": LONG_Q}).get_json()
    assert len(data["query"]) <= MAX_QUERY_CHARS
    assert data["messages"][0].startswith("The query was 13,999 characters long")
    assert all(len(parse_qs(urlsplit(r["url"]).query)["q"][0]) <= MAX_QUERY_CHARS for r in data["results"])
    doc = client.get("/doc/000_f6e28804950bea45", query_string={"q": LONG_Q}).get_data(as_text=True)
    assert LONG_Q[:MAX_QUERY_CHARS + 10] not in doc


def test_an_over_long_address_is_refused_with_414(client):
    for path in ("/", "/api/search", "/export.csv", "/doc/x", "/party/x"):
        resp = client.get(path, query_string={"q": "a" * MAX_URL_CHARS})
        assert resp.status_code == 414, path
        assert len(resp.get_data()) < 10_000
    assert client.get("/api/search", query_string={"q": "a" * MAX_URL_CHARS}).get_json()["status"] == 414
    assert client.get("/doc/" + "x" * MAX_URL_CHARS).status_code == 414


def test_a_redirect_never_carries_an_over_long_query(client):
    resp = client.get("/", query_string={"q": LONG_Q, "year_from": "2015", "year_to": "2019"})
    assert resp.status_code == 303
    location = resp.headers["Location"]
    assert len(location) < MAX_QUERY_CHARS * 3 + 100
    assert parse_qs(urlsplit(location).query)["year"] == ["2015-2019"]


def test_error_messages_quote_a_value_briefly(client):
    for param in ("sort", "view", "page", "per_page"):
        resp = client.get("/api/search", query_string={param: "x" * 5000})
        assert resp.status_code == 400
        assert len(resp.get_json()["error"]) < 200


def test_api_answers_are_cacheable_per_generation(client, web_index_dir):
    from indexer.store import generations as store

    gen = store.current_generation(web_index_dir).name
    resp = client.get("/api/search?q=strikes")
    assert resp.status_code == 200
    assert resp.headers["Cache-Control"] == "public, max-age=60"
    etag = resp.headers["ETag"]
    assert etag.startswith(f'W/"{gen}-')
    again = client.get("/api/search?q=strikes", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b"" and again.headers["ETag"] == etag
    assert client.get("/api/parties", headers={"If-None-Match": etag}).status_code == 304
    stale = client.get("/api/search?q=strikes", headers={"If-None-Match": 'W/"gen-old-0.1.0"'})
    assert stale.status_code == 200 and stale.get_json()["total"] == 4
    bad = client.get("/api/search?page=0")
    assert bad.status_code == 400 and bad.headers["Cache-Control"] == "no-store" and "ETag" not in bad.headers
    missing = client.get("/api/documents/nope")
    assert missing.status_code == 404 and missing.headers["Cache-Control"] == "no-store"


def test_a_new_generation_changes_the_etag(tmp_path):
    from indexer.write.build import build_index
    from search_web import create_app

    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text("Statement on strikes\n\nThe dockers strike.\n", "utf-8")
    build_index(src, tmp_path / "ix", procs=1, progress=False)
    client = create_app(tmp_path / "ix", {"TESTING": True}).test_client()
    first = client.get("/api/search?q=strike").headers["ETag"]
    (src / "b.txt").write_text("Statement on wages\n\nThe strike goes on.\n", "utf-8")
    build_index(src, tmp_path / "ix", procs=1, progress=False)
    resp = client.get("/api/search?q=strike", headers={"If-None-Match": first})
    assert resp.status_code == 200 and resp.headers["ETag"] != first and resp.get_json()["total"] == 2
