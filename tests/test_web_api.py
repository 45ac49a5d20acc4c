"""The JSON API on a real index (seeds + tests/fixtures/web/statements, see conftest.py)."""

from __future__ import annotations

import pytest

KAZ_2022 = "000_f6e28804950bea45"
KAZ_2017 = "004_3211777dd4a43931"
SECURITY = "2019/security_law"
VACCINES = "archive/2021/vaccine_patents"


def get_json(client, url: str, status: int = 200):
    resp = client.get(url)
    assert resp.status_code == status, resp.get_data(as_text=True)[:500]
    assert resp.mimetype == "application/json"
    return resp.get_json()


def test_search_kazakhstan(client):
    data = get_json(client, "/api/search?q=Kazakhstan")
    assert data["total"] == 2
    assert (data["query"], data["page"], data["per_page"], data["pages"]) == ("Kazakhstan", 1, 20, 1)
    assert (data["sort"], data["view"]) == ("relevance", "statements")
    assert {r["doc_id"] for r in data["results"]} == {KAZ_2022, KAZ_2017}
    for key in ("facets", "suggestion", "messages"):
        assert key in data
    res = next(r for r in data["results"] if r["doc_id"] == KAZ_2022)
    assert (res["date"], res["year"]) == ("2022-01-18", 2022)
    assert len(res["parties"]) == 18
    assert res["parties"][1] == {"id": "kke-gr", "name": "Communist Party of Greece",
                                 "acronym": "KKE", "country": "Greece"}
    assert "labour" in res["topics"]
    assert isinstance(res["score"], float) and res["score"] > 0
    assert res["url"] == f"/doc/{KAZ_2022}?q=Kazakhstan"
    assert res["passages"]
    for p in res["passages"]:
        assert set(p) >= {"chunk_id", "kind", "point", "text", "html", "anchor", "url"}
        assert "<mark>" in p["html"]
        assert p["chunk_id"].startswith(KAZ_2022 + "#")
        assert p["url"] == f"/doc/{KAZ_2022}?q=Kazakhstan#{p['anchor']}"


def test_search_facets(client):
    data = get_json(client, "/api/search?party=tkp-tr&party=skp-se")
    assert data["total"] == 5
    assert data["sort"] == "newest"
    party = {f["value"]: f for f in data["facets"]["party"]}
    assert party["tkp-tr"] == {"value": "tkp-tr", "label": "Communist Party of Turkey (TKP)",
                               "count": 4, "selected": True}
    assert party["skp-se"]["count"] == 3 and party["skp-se"]["selected"]
    assert party["kke-gr"]["count"] == 6 and not party["kke-gr"]["selected"]
    years = [(f["value"], f["count"]) for f in data["facets"]["year"]]
    assert years == [("2022", 1), ("2019", 2), ("2017", 1), ("2015", 1)]
    topic = {f["value"]: f["label"] for f in data["facets"]["topic"]}
    assert topic["labour"] == "Labour and trade unions"


def test_search_passages_view_and_paging(client):
    data = get_json(client, "/api/search?q=Kazakhstan&view=passages&per_page=3&page=2")
    assert data["view"] == "passages"
    assert data["page"] == 2 and data["per_page"] == 3
    assert data["pages"] == -(-data["total"] // 3)
    assert len(data["results"]) == 3
    assert all(len(r["passages"]) == 1 for r in data["results"])


def test_search_suggestion_and_messages(client):
    assert get_json(client, "/api/search?q=strke&literal=1")["suggestion"] == "strike"
    data = get_json(client, "/api/search?q=strikes+AND")
    assert data["messages"] == ["Ignored 'AND' with nothing to combine on one side."]
    assert data["total"] == 4


def test_search_sort_orders(client):
    newest = [r["doc_id"] for r in get_json(client, "/api/search?sort=newest")["results"]]
    oldest = [r["doc_id"] for r in get_json(client, "/api/search?sort=oldest")["results"]]
    assert newest == list(reversed(oldest))
    assert oldest[0] == "2015/dockers_piraeus"
    assert [r["doc_id"] for r in get_json(client, "/api/search?sort=date_asc")["results"]] == oldest


@pytest.mark.parametrize("qs, fragment", [
    ("page=abc", "page='abc' is not a whole number"),
    ("page=0", "page=0 is out of range"),
    ("per_page=1000", "per_page=1000 is out of range"),
    ("sort=bogus", "sort='bogus' is not a sort order"),
    ("view=bogus", "view='bogus' is not a view"),
    ("year=abc", "'abc' is not a year"),
])
def test_search_bad_parameters_are_400_json(client, qs, fragment):
    data = get_json(client, f"/api/search?{qs}", status=400)
    assert set(data) == {"error", "status"}
    assert data["status"] == 400
    assert fragment in data["error"]


def test_document(client):
    data = get_json(client, f"/api/documents/{KAZ_2022}")
    assert data["doc_id"] == KAZ_2022
    assert len(data["signatories"]) == 18
    assert data["signatories"][0] == {"id": "pda-at", "name": "Party of Labour of Austria",
                                      "acronym": "PdA", "country": "Austria"}
    assert data["url"] == f"/doc/{KAZ_2022}"
    points = [p["point"] for p in data["passages"] if p["kind"] == "point"]
    assert points == [str(n) for n in range(1, 9)]
    assert [p["anchor"] for p in data["passages"] if p["kind"] == "point"] == [f"p-{n}" for n in range(1, 9)]
    assert not any("<mark>" in p["html"] for p in data["passages"])
    marked = get_json(client, f"/api/documents/{KAZ_2022}?q=strikes")
    assert any("<mark>strikes</mark>" in p["html"] for p in marked["passages"])


def test_document_with_slashes_and_escaped_html(client):
    data = get_json(client, f"/api/documents/{VACCINES}")
    assert data["title"] == "Lift the patents on vaccines now"
    assert data["source_file"] == "archive/2021/vaccine_patents.html"
    sec = get_json(client, f"/api/documents/{SECURITY}")
    assert sec["title"] == "Statement on the new security law <script>alert(1)</script>"
    body = next(p for p in sec["passages"] if "markup" in p["text"])
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body["html"]
    assert "<script>" not in body["html"]


def test_unknown_ids_are_404_json(client):
    data = get_json(client, "/api/documents/no/such/doc", status=404)
    assert data["status"] == 404 and "'no/such/doc'" in data["error"]
    assert get_json(client, "/api/parties/no-such-party", status=404)["status"] == 404
    assert get_json(client, "/api/no-such-endpoint", status=404)["error"] == \
        "There is no API endpoint /api/no-such-endpoint."


def test_parties(client):
    data = get_json(client, "/api/parties")
    assert data["total"] == 34 and data["q"] == ""
    first = data["parties"][0]
    assert (first["id"], first["count"], first["url"]) == ("kke-gr", 6, "/party/kke-gr")
    counts = [p["count"] for p in data["parties"]]
    assert counts == sorted(counts, reverse=True)
    filtered = get_json(client, "/api/parties?q=sweden")
    assert [p["id"] for p in filtered["parties"]] == ["skp-se"]


def test_party(client):
    data = get_json(client, "/api/parties/skp-se")
    assert (data["name"], data["acronym"], data["country"], data["count"]) == (
        "Communist Party of Sweden", "SKP", "Sweden", 3)
    assert [s["doc_id"] for s in data["statements"]] == ["2015/dockers_piraeus", "2019/baltic_exercises", KAZ_2022]
    assert data["statements"][0]["url"] == "/doc/2015/dockers_piraeus"
    co = {p["id"]: p["count"] for p in data["co_signers"]}
    assert co["kke-gr"] == 3 and co["tkp-tr"] == 2
    assert data["co_signers"][0]["id"] == "kke-gr"
    assert data["co_signers"][0]["url"] == "/party/kke-gr"


def test_topics_years_info(client):
    topics = get_json(client, "/api/topics")["topics"]
    by_id = {t["id"]: t for t in topics}
    assert by_id["labour"] == {"id": "labour", "label": "Labour and trade unions", "count": 5}
    health = get_json(client, "/api/search?topic=health")
    assert by_id["health"]["count"] == health["total"] >= 1
    assert VACCINES in [r["doc_id"] for r in health["results"]]
    years = get_json(client, "/api/years")["years"]
    assert {y["year"]: y["count"] for y in years} == {2015: 1, 2017: 1, 2019: 2, 2021: 1, 2022: 1}
    info = get_json(client, "/api/info")
    assert info["documents"] == 6 and info["passages"] > 6
    assert info["generation"].startswith("gen-")


def test_api_sends_security_headers(client):
    resp = client.get("/api/search?q=strikes")
    assert resp.headers["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'self'" in resp.headers["Content-Security-Policy"]


def test_a_ten_thousand_character_query_is_read_not_refused(client):
    resp = client.get("/api/search", query_string={"q": "strike " * 1430})
    assert resp.status_code == 200
    data = resp.get_json()
    assert any("long" in m for m in data["messages"])
    assert data["total"] >= 1


# -- typo tolerance, sidecar facets, more like this, title highlights ---------------------


def test_a_query_that_finds_nothing_is_searched_corrected(client):
    data = get_json(client, "/api/search?q=strkes")
    assert (data["query"], data["corrected"], data["suggestion"]) == ("strkes", "strikes", None)
    assert data["total"] == get_json(client, "/api/search?q=strikes")["total"] == 4
    literal = get_json(client, "/api/search?q=strkes&literal=1")
    assert (literal["total"], literal["corrected"], literal["suggestion"]) == (0, None, "strikes")
    assert get_json(client, "/api/search?q=strikes")["corrected"] is None


def test_titles_are_highlighted(client):
    res = get_json(client, "/api/search?q=oil+workers")["results"]
    kaz = next(r for r in res if r["doc_id"] == KAZ_2017)
    assert "<mark>" in kaz["title_html"] and kaz["title"] in kaz["title_html"].replace("<mark>", "").replace(
        "</mark>", "")
    script = get_json(client, "/api/search?q=security")["results"]
    sec = next(r for r in script if r["doc_id"] == SECURITY)
    assert "<script" not in sec["title_html"]  # escaped like passages


def test_sidecar_facets_and_filters(client):
    data = get_json(client, "/api/search?facet=genre")
    assert data["sidecar_facets"] == {"genre": "Genre"}
    # the seeds and 2015/dockers_piraeus (its genre read from its text); press releases by sidecar
    assert [(f["value"], f["count"]) for f in data["facets"]["genre"]] == [("joint statement", 3),
                                                                          ("press release", 2)]
    assert "genre" not in get_json(client, "/api/search")["facets"]  # counted when asked
    assert set(get_json(client, "/api/search?facet=*")["facets"]) == {"party", "year", "topic", "genre"}
    filtered = get_json(client, "/api/search?filter=genre:press+release&facet=genre")
    assert filtered["total"] == 2
    assert {r["doc_id"] for r in filtered["results"]} == {SECURITY, VACCINES}
    # disjunctive within the field: the other value keeps its count
    assert {f["value"]: (f["count"], f["selected"]) for f in filtered["facets"]["genre"]} == {
        "joint statement": (3, False), "press release": (2, True)}
    both = get_json(client, "/api/search?filter=genre:press+release&filter=genre:joint+statement")
    assert both["total"] == 5  # 2019/baltic_exercises has no genre
    # the counts equal what the filters return
    for f in get_json(client, "/api/search?q=strikes&facet=genre")["facets"]["genre"]:
        got = get_json(client, f"/api/search?q=strikes&filter=genre:{f['value']}")
        assert got["total"] == f["count"]


def test_bad_sidecar_parameters_are_clear_errors(client):
    err = get_json(client, "/api/search?facet=speaker", status=400)
    assert "speaker" in err["error"] and "genre" in err["error"]
    err = get_json(client, "/api/search?filter=genre", status=400)
    assert "FIELD:VALUE" in err["error"]
    get_json(client, "/api/search?filter=nope:x", status=400)
    get_json(client, "/api/search?literal=maybe", status=400)
    data = get_json(client, "/api/search?filter=genre:poem")
    assert data["total"] == 0 and any("poem" in m for m in data["messages"])


def test_similar_statements(client):
    data = get_json(client, f"/api/documents/{KAZ_2017}/similar")
    assert data["doc_id"] == KAZ_2017
    first = data["similar"][0]
    assert first["doc_id"] == KAZ_2022 and first["url"] == f"/doc/{KAZ_2022}"
    assert set(first) == {"doc_id", "title", "date", "year", "score", "url"}
    assert KAZ_2017 not in [r["doc_id"] for r in data["similar"]]
    assert len(get_json(client, f"/api/documents/{KAZ_2017}/similar?limit=1")["similar"]) == 1
    get_json(client, f"/api/documents/{KAZ_2017}/similar?limit=0", status=400)
    get_json(client, f"/api/documents/{KAZ_2017}/similar?limit=x", status=400)
    get_json(client, "/api/documents/no-such-doc/similar", status=404)
    # the document itself is still served under its own path
    assert get_json(client, f"/api/documents/{KAZ_2017}")["doc_id"] == KAZ_2017
