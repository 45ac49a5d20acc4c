"""CSV and JSON export of result lists (real index, see conftest.py)."""

from __future__ import annotations

import csv
import io

from search_web import create_app

KAZ_2022 = "000_f6e28804950bea45"


def read_csv(resp) -> list[dict]:
    text = resp.get_data(as_text=True)
    assert text.startswith("doc_id,title,date,year,parties,party_ids,topics,topic_ids,url\r\n")
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
    assert kaz["parties"].split("; ")[:2] == ["Party of Labour of Austria", "Communist Party of Greece"]
    assert len(kaz["party_ids"].split()) == 18
    assert "Labour and trade unions" in kaz["topics"].split("; ")
    assert "labour" in kaz["topic_ids"].split()
    assert kaz["url"] == f"http://localhost/doc/{KAZ_2022}"


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


def test_csv_export_ignores_paging_and_view(client):
    rows = read_csv(client.get("/export.csv?per_page=1&page=3&view=passages"))
    assert len(rows) == 6


def test_csv_for_nothing_found_has_only_the_header(client):
    resp = client.get("/export.csv?q=zzzzqqq")
    assert resp.status_code == 200
    assert resp.get_data(as_text=True) == "doc_id,title,date,year,parties,party_ids,topics,topic_ids,url\r\n"


def test_json_export(client):
    resp = client.get("/export.json?party=skp-se&sort=oldest")
    assert resp.status_code == 200
    assert resp.headers["Content-Disposition"].startswith('attachment; filename="statements-')
    data = resp.get_json()
    assert data["filters"] == {"party": ["skp-se"], "year": [], "topic": []}
    assert (data["total"], data["exported"], data["truncated"], data["sort"]) == (3, 3, False, "oldest")
    assert [s["doc_id"] for s in data["statements"]] == ["2015/dockers_piraeus", "2019/baltic_exercises", KAZ_2022]
    first = data["statements"][0]
    assert first["parties"][0] == {"id": "kke-gr", "name": "Communist Party of Greece",
                                   "acronym": "KKE", "country": "Greece"}
    assert {"id": "labour", "label": "Labour and trade unions"} in first["topics"]
    assert first["url"] == "http://localhost/doc/2015/dockers_piraeus"


def test_export_cap_and_paging_through_the_query_layer(web_index_dir, client, monkeypatch):
    everything = [r["doc_id"] for r in read_csv(client.get("/export.csv"))]
    assert len(everything) == 6
    monkeypatch.setattr("search_web.service.EXPORT_PAGE", 2)  # collect the rows two at a time
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
