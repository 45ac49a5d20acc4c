"""CSV and JSON export of result lists (real index, see conftest.py)."""

from __future__ import annotations

import csv
import io
import json

from search_web import create_app

KAZ_2022 = "000_f6e28804950bea45"
# `genre` is a field of the statements' own (extracted from 2015/dockers_piraeus): a column
HEADER = "doc_id,title,date,year,source,parties,party_ids,topics,topic_ids,score,genre,url\r\n"
PASSAGE_HEADER = ("doc_id,title,date,year,source,parties,party_ids,topics,topic_ids,score,genre,"
                  "passage_kind,passage_point,passage_text,passage_url,url\r\n")


def read_csv(resp, header: str = HEADER) -> list[dict]:
    text = resp.get_data(as_text=True)
    assert text.startswith(header)
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_csv_rows_and_headers(client):
    resp = client.get("/export.csv?q=strikes&sort=oldest")
    assert resp.status_code == 200
    assert resp.headers["Content-Type"] == "text/csv; charset=utf-8"
    disposition = resp.headers["Content-Disposition"]
    assert disposition.startswith('attachment; filename="statements-strikes-') and disposition.endswith('.csv"')
    assert resp.headers["X-Total-Count"] == "4"
    rows = read_csv(resp)
    assert [r["doc_id"] for r in rows] == ["2015/dockers_piraeus", "004_3211777dd4a43931",
                                           "2019/security_law", KAZ_2022]
    kaz = rows[-1]
    assert kaz["date"] == "2022-01-18" and kaz["year"] == "2022"
    assert rows[1]["source"] == "ICP" and kaz["source"] == ""  # the publisher, where one is named
    assert kaz["parties"].split("; ")[:2] == ["Party of Labour of Austria", "Communist Party of Greece"]
    assert len(kaz["party_ids"].split()) == 18
    assert "Labour and trade unions" in kaz["topics"].split("; ")
    assert "labour" in kaz["topic_ids"].split()
    assert kaz["url"] == f"http://localhost/doc/{KAZ_2022}?q=strikes"  # the statement, the query marked
    assert float(kaz["score"]) > 0


def test_csv_quotes_commas_quotes_and_markup(client):
    resp = client.get("/export.csv?party=tkp-tr&year=2019")
    rows = read_csv(resp)
    assert len(rows) == 1
    assert rows[0]["title"] == "Statement on the new security law <script>alert(1)</script>"
    resp = client.get("/export.csv?party=skp-fi")
    text = resp.get_data(as_text=True)
    assert text.count("\r\n") == 2  # the header and one row
    assert ',"No to war, no to ""exercises"" in the Baltic Sea",2019-06-02,' in text
    rows = read_csv(resp)
    assert rows[0]["title"] == 'No to war, no to "exercises" in the Baltic Sea'
    assert rows[0]["party_ids"].split() == ["skp-se", "skp-fi", "lsp-lv", "nkp-no", "kke-gr"]


def test_csv_export_ignores_paging(client):
    rows = read_csv(client.get("/export.csv?per_page=1&page=3"))
    assert len(rows) == 6


def test_passage_rows_are_keyword_in_context(client):
    """view=passages: one row per matching passage, its text, score and address."""
    resp = client.get("/export.csv?q=dockers&view=passages&per_page=1&page=2")
    assert resp.headers["Content-Disposition"].startswith('attachment; filename="passages-dockers-')
    rows = read_csv(resp, PASSAGE_HEADER)
    api = client.get("/api/search?q=dockers&view=passages&per_page=100").get_json()
    assert resp.headers["X-Total-Count"] == str(api["total"]) == str(len(rows))
    assert len(rows) >= 2
    for row, res in zip(rows, api["results"]):
        p = res["passages"][0]
        assert (row["doc_id"], row["passage_text"], row["passage_kind"]) == (res["doc_id"], p["text"], p["kind"])
        assert float(row["score"]) == res["score"]
        assert row["passage_url"] == f"http://localhost{p['url']}"
        assert "#" in row["passage_url"] and "q=dockers" in row["passage_url"]
        assert "docker" in row["passage_text"].lower()
    data = client.get("/export.json?q=dockers&view=passages").get_json()
    assert (data["view"], data["total"], len(data["passages"])) == ("passages", api["total"], api["total"])
    assert data["passages"][0]["passage_text"] == rows[0]["passage_text"]


def test_csv_for_nothing_found_has_only_the_header(client):
    resp = client.get("/export.csv?q=zzzzqqq")
    assert resp.status_code == 200
    assert resp.get_data(as_text=True) == HEADER


def test_json_export(client):
    resp = client.get("/export.json?party=skp-se&sort=oldest")
    assert resp.status_code == 200
    assert resp.headers["Content-Disposition"].startswith('attachment; filename="statements-')
    data = resp.get_json()
    assert data["filters"] == {"party": ["skp-se"], "year": [], "topic": [], "filter": []}
    assert (data["total"], data["exported"], data["truncated"], data["sort"]) == (3, 3, False, "oldest")
    assert [s["doc_id"] for s in data["statements"]] == ["2015/dockers_piraeus", "2019/baltic_exercises", KAZ_2022]
    first = data["statements"][0]
    assert first["parties"][0] == {"id": "kke-gr", "name": "Communist Party of Greece",
                                   "acronym": "KKE", "country": "Greece"}
    assert {"id": "labour", "label": "Labour and trade unions"} in first["topics"]
    assert first["url"] == "http://localhost/doc/2015/dockers_piraeus"
    assert (first["fields"], data["fields"]) == ({"genre": "joint statement"}, ["genre"])
    assert data["statements"][1]["fields"] == {}


def test_export_cap_and_paging_through_the_query_layer(web_index_dir, client, monkeypatch):
    everything = [r["doc_id"] for r in read_csv(client.get("/export.csv"))]
    assert len(everything) == 6
    monkeypatch.setattr("search_web.service.EXPORT_PAGE", 2)  # page through two at a time
    assert [r["doc_id"] for r in read_csv(client.get("/export.csv"))] == everything
    app = create_app(web_index_dir, {"TESTING": True, "EXPORT_LIMIT": 3})
    capped = app.test_client()
    data = capped.get("/export.json").get_json()
    assert (data["total"], data["exported"], data["truncated"], data["limit"]) == (6, 3, True, 3)
    assert [s["doc_id"] for s in data["statements"]] == everything[:3]
    assert len(read_csv(capped.get("/export.csv"))) == 3


def test_export_bad_parameters(client):
    resp = client.get("/export.json?year=abc")
    assert resp.status_code == 400 and "'abc' is not a year" in resp.get_json()["error"]
    resp = client.get("/export.csv?sort=bogus")
    assert resp.status_code == 400 and resp.mimetype == "text/html"


def test_spreadsheet_formulas_are_defused():
    from search_web.export import _cell

    assert _cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert _cell("@SUM") == "'@SUM"
    assert _cell("Plain title") == "Plain title"
    assert _cell(None) == ""


def test_sidecar_fields_are_columns(tmp_path):
    """Every sidecar field is a column (one named like a built-in column gets "sidecar_")."""
    from indexer.write.build import build_index

    src = tmp_path / "src"
    src.mkdir()
    rows = []
    for i, kind in enumerate(["general", "general", "european"]):
        (src / f"m{i}.txt").write_text(f"Manifesto {i}\n\nWe promise council houses and fair wages {i}.\n",
                                       "utf-8")
        rows.append({"file": f"m{i}.txt", "title": f"Manifesto {i}", "year": 2000 + i,
                     "election_type": kind, "url": f"https://example.org/{i}", "pages": i + 1})
    (src / "metadata.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n", "utf-8")
    build_index(src, tmp_path / "index", procs=1, progress=False)
    client = create_app(tmp_path / "index", {"TESTING": True}).test_client()
    resp = client.get("/export.csv?q=council+houses&sort=oldest")
    header = resp.get_data(as_text=True).split("\r\n", 1)[0].split(",")
    assert header == ["doc_id", "title", "date", "year", "source", "parties", "party_ids", "topics", "topic_ids", "score",
                      "election_type", "pages", "sidecar_url", "url"]
    got = read_csv(resp, ",".join(header) + "\r\n")
    assert [(r["election_type"], r["pages"], r["sidecar_url"]) for r in got] == [
        ("general", "1", "https://example.org/0"), ("general", "2", "https://example.org/1"),
        ("european", "3", "https://example.org/2")]
    data = client.get("/export.json?q=council+houses&sort=oldest").get_json()
    assert data["fields"] == ["election_type", "pages", "url"]
    assert data["statements"][2]["fields"] == {"election_type": "european", "url": "https://example.org/2",
                                               "pages": 3}


def test_exports_at_once_are_bounded(web_index_dir):
    """EXPORT_SLOTS exports stream at once; another gets 429 with Retry-After at once, a
    search is still answered, and a finished export frees its slot."""
    app = create_app(web_index_dir, {"TESTING": True, "EXPORT_SLOTS": 2})
    client = app.test_client()
    running = [client.get("/export.csv", buffered=False), client.get("/export.json", buffered=False)]
    assert [r.status_code for r in running] == [200, 200]
    refused = client.get("/export.csv")
    assert refused.status_code == 429 and refused.headers["Retry-After"] == "10"
    assert "2 exports are running" in refused.get_data(as_text=True)
    assert client.get("/export.json").get_json()["status"] == 429
    assert client.get("/?q=strikes").status_code == 200
    assert len(read_csv(running[0])) == 6  # read to the end, then closed
    running[0].close()
    again = client.get("/export.csv")
    assert again.status_code == 200
    again.close()
    running[1].close()


def test_a_refused_export_frees_its_slot(web_index_dir):
    app = create_app(web_index_dir, {"TESTING": True, "EXPORT_SLOTS": 1})
    client = app.test_client()
    for _ in range(3):
        assert client.get("/export.csv?page=0&year=abc").status_code == 400
    ok = client.get("/export.csv")
    assert ok.status_code == 200 and len(read_csv(ok)) == 6


def test_exports_stream_page_by_page(web_index_dir, monkeypatch):
    """The first rows leave before the later pages are searched: nothing is built whole."""
    monkeypatch.setattr("search_web.service.EXPORT_PAGE", 1)
    monkeypatch.setattr("search_web.export.FLUSH_ROWS", 1)
    app = create_app(web_index_dir, {"TESTING": True})
    index = app.extensions["statement_search"].get()
    pages = []
    real = index.search
    monkeypatch.setattr(index, "search", lambda req: pages.append(req.page) or real(req))
    for path in ("/export.csv", "/export.json"):
        pages.clear()
        resp = app.test_client().get(path, buffered=False)
        chunks = (c.decode() if isinstance(c, bytes) else c for c in resp.response)
        sent = ""
        while KAZ_2022 not in sent:  # the newest statement: the first row
            sent += next(chunks)
        assert pages == [1]  # one statement searched, and already sent
        rest = "".join(chunks)
        assert pages == [1, 2, 3, 4, 5, 6] and rest
        resp.close()
