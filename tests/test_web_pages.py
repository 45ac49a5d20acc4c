"""The HTML pages on a real index (seeds + tests/fixtures/web/statements, see conftest.py)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from bs4 import BeautifulSoup

KAZ_2022 = "000_f6e28804950bea45"
KAZ_2017 = "004_3211777dd4a43931"
DOCKERS = "2015/dockers_piraeus"
BALTIC = "2019/baltic_exercises"
SECURITY = "2019/security_law"
VACCINES = "archive/2021/vaccine_patents"


def page(client, url: str, status: int = 200) -> BeautifulSoup:
    resp = client.get(url)
    assert resp.status_code == status, resp.get_data(as_text=True)[:500]
    assert resp.mimetype == "text/html"
    return BeautifulSoup(resp.get_data(as_text=True), "html.parser")


def result_ids(soup: BeautifulSoup) -> list[str]:
    """The doc ids of the result titles, in order."""
    out = []
    for a in soup.select("ol.results h2.result-title a"):
        path = urlsplit(a["href"]).path
        assert path.startswith("/doc/")
        out.append(path[len("/doc/"):])
    return out


def facet_counts(soup: BeautifulSoup, facet: str) -> dict[str, int]:
    out = {}
    for li in soup.select(f"#fv-{facet} li"):
        box = li.find("input")
        out[box["value"]] = int(li.select_one(".count").contents[0].replace(",", ""))
    return out


def checked(soup: BeautifulSoup, facet: str) -> list[str]:
    return [i["value"] for i in soup.select(f'#facets input[type=checkbox][name="{facet}"]') if i.has_attr("checked")]


def qs(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


# -- search page ------------------------------------------------------------------


def test_browse_everything_newest_first(client):
    soup = page(client, "/")
    assert soup.select_one("#status").get_text(strip=True) == "6 statements, newest first"
    assert result_ids(soup) == [KAZ_2022, VACCINES, SECURITY, BALTIC, KAZ_2017, DOCKERS]
    assert soup.select_one("#q")["value"] == ""
    assert soup.select_one('label[for="q"]').get_text(strip=True) == "Search statements"


def test_landmarks_skip_link_and_live_region(client):
    soup = page(client, "/?q=strikes")
    assert soup.select_one("a.skip-link")["href"] == "#main"
    assert soup.select_one("main#main") is not None
    assert soup.select_one("header.site-header") is not None
    assert soup.select_one("aside#facets") is not None
    assert soup.select_one('nav[aria-label="Site"]') is not None
    status = soup.select_one("#status")
    assert status["role"] == "status" and status["aria-live"] == "polite"
    for control in soup.select("select, input[type=search], input[type=number]"):
        assert soup.select_one(f'label[for="{control["id"]}"]') is not None, control["id"]
    for box in soup.select("input[type=checkbox]"):
        assert soup.select_one(f'label[for="{box["id"]}"]') is not None


def test_query_results_with_highlights_and_point_links(client):
    soup = page(client, "/?q=strikes")
    assert soup.select_one("#status").get_text(strip=True) == "4 statements for “strikes”"
    assert sorted(result_ids(soup)) == sorted([KAZ_2022, KAZ_2017, SECURITY, DOCKERS])
    marks = {m.get_text().lower() for m in soup.select("ol.results mark")}
    assert marks == {"strikes", "strike"}
    security = next(li for li in soup.select("li.result")
                    if li.select_one("h2 a")["href"].startswith("/doc/2019/security_law"))
    label = security.select_one("a.passage-label")
    assert label.get_text(strip=True) == "Point 1"
    assert label["href"] == "/doc/2019/security_law?q=strikes#p-1"
    assert security.select_one("h2 a")["href"] == "/doc/2019/security_law?q=strikes"
    assert "20 November 2019" in security.select_one(".result-meta").get_text()


def test_facets_with_counts_and_show_all(client):
    soup = page(client, "/")
    parties = facet_counts(soup, "party")
    assert len(parties) == 34
    assert list(parties.items())[:2] == [("kke-gr", 6), ("tkp-tr", 4)]
    assert parties["skp-se"] == 3 and parties["pcp-pt"] == 3
    hidden = soup.select("#fv-party li[hidden]")
    assert len(hidden) == 24
    show_all = soup.select_one(".facet-party a.show-all")
    assert show_all.get_text(strip=True) == "Show all 34 parties"
    assert qs(show_all["href"]) == {"expand": ["party"]}
    assert soup.select_one("#ff-party") is not None  # the filter-as-you-type box (shown by JS)
    assert facet_counts(soup, "year") == {"2022": 1, "2021": 1, "2019": 2, "2017": 1, "2015": 1}
    topics = facet_counts(soup, "topic")
    assert topics["labour"] == 5
    assert list(topics.values()) == sorted(topics.values(), reverse=True)
    for topic, count in topics.items():  # each count is what ticking the value gives
        assert len(result_ids(page(client, f"/?topic={topic}"))) == count
    labels = [lab.get_text(" ", strip=True) for lab in soup.select("#fv-topic label")]
    assert "Labour and trade unions 5 results" in labels


def test_expanded_facet_shows_every_value(client):
    soup = page(client, "/?expand=party")
    assert not soup.select("#fv-party li[hidden]")
    assert soup.select_one(".facet-party a.show-all") is None
    # the expansion survives a new search from the form
    assert soup.select_one('#search input[type=hidden][name="expand"]')["value"] == "party"


def test_two_parties_are_ored_and_counted(client):
    soup = page(client, "/?party=tkp-tr&party=skp-se")
    assert soup.select_one("#status").get_text(strip=True) == "5 statements, newest first"
    assert result_ids(soup) == [KAZ_2022, SECURITY, BALTIC, KAZ_2017, DOCKERS]
    assert checked(soup, "party") == ["tkp-tr", "skp-se"]
    # counts in the party facet ignore the party filter itself: ticking another adds to it
    assert facet_counts(soup, "party")["kke-gr"] == 6
    # other facets are counted within the selection
    assert facet_counts(soup, "year") == {"2022": 1, "2019": 2, "2017": 1, "2015": 1}


def test_filters_across_facets_are_anded(client):
    soup = page(client, "/?party=tkp-tr&year=2019")
    assert result_ids(soup) == [SECURITY]
    soup = page(client, "/?topic=health")
    assert VACCINES in result_ids(soup)
    assert DOCKERS not in result_ids(soup)
    soup = page(client, "/?year=2015-2019&sort=oldest")
    assert result_ids(soup) == [DOCKERS, KAZ_2017, BALTIC, SECURITY]


def test_chips_remove_one_filter_each(client):
    soup = page(client, "/?q=workers&party=tkp-tr&year=2019")
    chips = soup.select("a.chip")
    assert [c.get_text(" ", strip=True) for c in chips] == [
        "Party: Communist Party of Turkey (TKP) ×", "Year: 2019 ×"]
    assert qs(chips[0]["href"]) == {"q": ["workers"], "year": ["2019"]}
    assert qs(chips[1]["href"]) == {"q": ["workers"], "party": ["tkp-tr"]}
    assert qs(soup.select_one("a.clear-all")["href"]) == {"q": ["workers"]}
    assert chips[0]["aria-label"] == "Remove filter Party: Communist Party of Turkey (TKP)"


def test_state_round_trip_from_the_url(client):
    url = ("/?q=workers&party=tkp-tr&party=skp-se&year=2015-2019&topic=labour"
           "&sort=oldest&view=passages&per_page=10&page=1&expand=topic")
    soup = page(client, url)
    assert soup.select_one("#q")["value"] == "workers"
    assert soup.select_one("#sort option[selected]")["value"] == "oldest"
    assert soup.select_one("#view option[selected]")["value"] == "passages"
    assert soup.select_one("#per_page option[selected]")["value"] == "10"
    assert checked(soup, "party") == ["tkp-tr", "skp-se"]
    assert checked(soup, "topic") == ["labour"]
    # a range is shown in the From/To boxes, not listed among the single years
    assert checked(soup, "year") == []
    assert (soup.select_one("#year_from")["value"], soup.select_one("#year_to")["value"]) == ("2015", "2019")
    assert [c.get_text(" ", strip=True) for c in soup.select("a.chip")][-2:] == [
        "Year: 2015–2019 ×", "Topic: Labour and trade unions ×"]
    assert soup.select_one("#status").get_text(strip=True).endswith("passages for “workers”")
    # links keep the whole state
    title = soup.select_one("h2.result-title a")["href"]
    assert qs(title) == {"q": ["workers"], "party": ["tkp-tr", "skp-se"], "year": ["2015-2019"],
                         "topic": ["labour"], "sort": ["oldest"], "view": ["passages"], "per_page": ["10"]}


def test_passages_view_counts_passages(client):
    soup = page(client, "/?q=Kazakhstan&view=passages&per_page=100")
    status = soup.select_one("#status").get_text(strip=True)
    n = int(status.split()[0])
    assert status == f"{n} passages for “Kazakhstan”"
    assert n > 2  # more passages than the two statements
    assert len(soup.select("li.result")) == n
    for li in soup.select("li.result"):
        assert len(li.select(".passages .passage")) == 1


def test_pagination(client):
    soup = page(client, "/?per_page=2&page=2")
    assert result_ids(soup) == [SECURITY, BALTIC]
    assert soup.select_one("ol.results")["start"] == "3"
    nav = soup.select_one('nav.pagination[aria-label="Pages of results"]')
    links = {a.get_text(strip=True): a["href"] for a in nav.select("a")}
    assert qs(links["‹ Previous"]) == {"per_page": ["2"]}
    assert qs(links["Next ›"]) == {"per_page": ["2"], "page": ["3"]}
    assert set(links) == {"‹ Previous", "1", "2", "3", "Next ›"}
    current = nav.select_one('a[aria-current="page"]')
    assert current.get_text(strip=True) == "2"
    last = page(client, "/?per_page=2&page=3")
    assert last.select_one(".pagination .disabled").get_text(strip=True) == "Next ›"


def test_page_past_the_end(client):
    soup = page(client, "/?per_page=2&page=9")
    assert result_ids(soup) == []
    link = next(a for a in soup.select(".notice a") if "last page" in a.get_text())
    assert qs(link["href"]) == {"per_page": ["2"], "page": ["3"]}


def test_did_you_mean(client):
    soup = page(client, "/?q=strke&party=kke-gr&literal=1")
    link = soup.select_one("a.suggestion-link")
    assert link.get_text(strip=True) == "strike"
    assert qs(link["href"]) == {"q": ["strike"], "party": ["kke-gr"]}
    assert soup.select_one("#status").get_text(strip=True) == "No statements found for “strke”"
    assert "Nothing matches" in soup.select_one(".empty").get_text()


def test_messages_about_how_the_query_was_read(client):
    soup = page(client, '/?q="trade+union')
    notices = [p.get_text(" ", strip=True) for p in soup.select("#results .notice")]
    assert "Unbalanced quote: searched for trade union as words." in notices
    # three statements hold both words; one holding "trade" alone follows them
    assert soup.select_one("#status").get_text(strip=True) == '4 statements for "trade union'  # no quotes in quotes


def test_year_histogram(client):
    soup = page(client, "/?q=the+parties&year=2019")
    assert soup.select_one("#status").get_text(strip=True) == "2 statements for “the parties”"
    bars = soup.select(".histogram li")
    assert len(bars) == 8  # 2015 … 2022, empty years included
    links = soup.select(".histogram a.bar-link")
    labels = [a["aria-label"] for a in links]
    assert "2019: 2 statements, selected" in labels
    assert "2015: 1 statement" in labels
    a2015 = next(a for a in links if a["aria-label"].startswith("2015"))
    assert qs(a2015["href"]) == {"q": ["the parties"], "year": ["2015"]}
    heights = {a["aria-label"][:4]: [c for c in a.select_one(".bar")["class"] if c.startswith("h")]
               for a in links}
    assert heights["2019"] == ["h20"] and heights["2015"] == ["h10"]
    assert len(soup.select(".histogram .bar-empty")) == 3  # 2016, 2018, 2020


def test_an_active_year_range_is_visible(client):
    """year=2015-2019: the boxes hold it, its bars are marked, it is not among the years."""
    soup = page(client, "/?q=the+parties&year=2015-2019")
    assert (soup.select_one("#year_from")["value"], soup.select_one("#year_to")["value"]) == ("2015", "2019")
    labels = [li.select_one("input")["value"] for li in soup.select("#fv-year li")]
    assert labels and all(v.isdigit() for v in labels)
    assert not soup.select("#facets input[type=hidden][name=year]")  # the boxes carry the range
    marked = [li.select_one("[title]")["title"].split(":")[0] for li in soup.select(".histogram li.selected")]
    assert marked == ["2015", "2016", "2017", "2018", "2019"]
    assert [c.get_text(" ", strip=True) for c in soup.select("a.chip")] == ["Year: 2015–2019 ×"]
    soup = page(client, "/?year=2015-&year=-2016")  # a second range rides along, hidden
    assert soup.select_one("#year_from")["value"] == "2015" and soup.select_one("#year_to")["value"] == ""
    assert [i["value"] for i in soup.select("#facets input[type=hidden][name=year]")] == ["-2016"]


def test_sort_box_agrees_with_the_order_without_a_query(client):
    soup = page(client, "/")
    assert soup.select_one("#status").get_text(strip=True) == "6 statements, newest first"
    assert soup.select_one("#sort option[selected]").get_text() == "Newest first"
    soup = page(client, "/?q=strikes")
    assert soup.select_one("#sort option[selected]").get_text() == "Relevance"


def test_quoted_phrase_is_not_quoted_again(client):
    soup = page(client, '/?q="oil+workers"')
    assert soup.select_one("#status").get_text(strip=True) == '1 statement for "oil workers"'


def test_only_helpful_passage_kinds_are_labelled(client):
    soup = page(client, "/?q=workers&per_page=100")
    labels = {a.get_text(strip=True) for a in soup.select("ol.results .passage-label")}
    assert labels and all(lab.startswith("Point ") or lab in ("Heading", "Signatories") for lab in labels)
    assert "Passage" not in soup.select_one("ol.results").get_text(" ")
    unlabelled = [li for li in soup.select("li.passage") if not li.select_one(".passage-label")]
    assert unlabelled and all(li.select_one("a.passage-link")["href"].startswith("/doc/") for li in unlabelled)


def test_year_range_fields_redirect_to_the_canonical_url(client):
    resp = client.get("/?year_from=2017&year_to=2019&sort=oldest")
    assert resp.status_code == 303
    assert resp.headers["Location"] == "/?year=2017-2019&sort=oldest"
    soup = page(client, resp.headers["Location"])
    assert result_ids(soup) == [KAZ_2017, BALTIC, SECURITY]
    assert (soup.select_one("#year_from")["value"], soup.select_one("#year_to")["value"]) == ("2017", "2019")


def test_export_links_carry_the_state(client):
    soup = page(client, "/?q=strikes&party=kke-gr&page=1&expand=party")
    links = [(a.get_text(strip=True), a["href"]) for a in soup.select(".export a")]
    assert [(text, urlsplit(href).path) for text, href in links] == [
        ("CSV", "/export.csv"), ("JSON", "/export.json"), ("CSV", "/export.csv"), ("JSON", "/export.json")]
    assert qs(links[0][1]) == qs(links[1][1]) == {"q": ["strikes"], "party": ["kke-gr"]}
    # the matching passages, keyword in context
    assert qs(links[2][1]) == qs(links[3][1]) == {"q": ["strikes"], "party": ["kke-gr"], "view": ["passages"]}
    feed = soup.select_one(".feed a")
    assert feed["href"] == "/feed.atom?q=strikes&party=kke-gr"
    assert soup.select_one("link[rel=alternate]")["href"] == feed["href"]


def test_no_javascript_form_submits_everything(client):
    """Without JS the facets are submitted by the same GET form: check the wiring."""
    soup = page(client, "/?q=workers")
    form = soup.select_one("form#search")
    assert form["method"] == "get" and form["action"] == "/"
    assert form["role"] == "search"
    for box in soup.select("#facets input[type=checkbox]"):
        assert box["form"] == "search"
    apply_btn = soup.select_one(".apply-filters button")
    assert apply_btn["type"] == "submit" and apply_btn["form"] == "search"
    assert apply_btn.get_text(strip=True) == "Apply filters"


def test_results_escape_markup_in_titles_and_text(client):
    resp = client.get("/?q=security+law")
    html = resp.get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    soup = BeautifulSoup(html, "html.parser")
    scripts = soup.find_all("script")
    assert [s.get("src") for s in scripts] == ["/static/search.js"]


# -- statement page ---------------------------------------------------------------


def test_statement_page(client):
    soup = page(client, f"/doc/{KAZ_2022}")
    assert soup.select_one("h1").get_text(strip=True).startswith("On the valuable experience of the great strikes")
    meta = soup.select_one("dl.doc-meta").get_text(" ", strip=True)
    assert "18 January 2022" in meta and f"{KAZ_2022}.txt" in meta
    sig = soup.select(".signatories li")
    assert len(sig) == 18
    assert soup.select_one("#sig-title").get_text(strip=True) == "Signed by 18 parties"
    first = sig[0]
    assert first.select_one("a.party-link")["href"] == "/party/pda-at"
    assert first.select_one("a.party-link").get_text(strip=True) == "Party of Labour of Austria (PdA)"
    assert first.select_one(".party-sub a")["href"] == "/?party=pda-at"
    anchors = [d["id"] for d in soup.select(".doc-text .passage") if d["id"].startswith("p-")]
    assert anchors == [f"p-{n}" for n in range(1, 9)]
    p4 = soup.select_one("#p-4")
    assert p4.select_one(".passage-label").get_text(strip=True) == "Point 4"
    # the photo caption under the lead is no passage of the statement
    texts = [p.get_text(" ", strip=True) for p in soup.select(".doc-text .passage-body")]
    assert "KKE HQ in Athens" not in texts and len(texts) == 21  # 22 passages, the title shown as the h1
    assert p4.select_one(".passage-label")["href"] == "#p-4"
    topics = {a.get_text(strip=True): a["href"] for a in soup.select(".doc-meta .tags a")}
    assert topics["Labour and trade unions"] == "/?topic=labour"
    assert not soup.select(".doc-text mark")
    assert soup.select_one(".crumbs a")["href"] == "/"


def test_statement_page_highlights_the_query(client):
    soup = page(client, f"/doc/{KAZ_2022}?q=strikes&party=kke-gr&page=2")
    marks = soup.select(".doc-text mark")
    assert marks and {m.get_text().lower() for m in marks} == {"strikes"}
    note = soup.select_one(".hl-note")
    first = note.select_one("a")["href"]
    assert soup.select_one(first).select_one("mark") is not None
    assert qs(soup.select_one(".crumbs a")["href"]) == {"q": ["strikes"], "party": ["kke-gr"], "page": ["2"]}
    assert "Back to the results for “strikes”" in soup.select_one(".crumbs").get_text()


def test_statement_id_with_slashes_and_html_source(client):
    soup = page(client, f"/doc/{VACCINES}")
    assert soup.select_one("h1").get_text(strip=True) == "Lift the patents on vaccines now"
    assert len(soup.select(".signatories li")) == 5
    assert "7 April 2021" in soup.select_one("dl.doc-meta").get_text()


def test_statement_page_escapes_markup(client):
    resp = client.get(f"/doc/{SECURITY}?q=security")
    html = resp.get_data(as_text=True)
    assert resp.status_code == 200
    assert "<script>alert(1)</script>" not in html
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one("h1").get_text() == "Statement on the new security law <script>alert(1)</script>"
    text = soup.select_one(".doc-text").get_text(" ")
    assert "published with the markup <script>alert(1)</script> still in it" in text
    assert [s.get("src") for s in soup.find_all("script")] == ["/static/search.js"]


def test_unknown_statement_is_a_404_page(client):
    soup = page(client, "/doc/no/such/statement", status=404)
    assert soup.select_one("h1").get_text(strip=True) == "Not found"
    assert "'no/such/statement'" in soup.select_one(".error-message").get_text()


# -- party pages ------------------------------------------------------------------


def test_party_page(client):
    soup = page(client, "/party/kke-gr")
    assert soup.select_one("h1").get_text(" ", strip=True) == "Communist Party of Greece (KKE)"
    meta = soup.select_one("dl.doc-meta").get_text(" ", strip=True)
    assert "Greece" in meta and "Greek Communist Party" in meta
    years = [h.get_text(" ", strip=True) for h in soup.select(".timeline-year h3")]
    assert years == ["2015 (1)", "2017 (1)", "2019 (2)", "2021 (1)", "2022 (1)"]
    links = [a["href"] for a in soup.select(".timeline a")]
    assert links == [f"/doc/{d}" for d in (DOCKERS, KAZ_2017, BALTIC, SECURITY, VACCINES, KAZ_2022)]
    rows = soup.select(".cosigners table.data tbody tr")
    first = rows[0]
    assert first.select_one("a")["href"] == "/party/tkp-tr"
    assert first.select_one("td.num").get_text(strip=True) == "4"
    total_rows = len(soup.select(".cosigners tbody tr"))
    assert total_rows == 33  # every other party signed with KKE at least once
    search_link = soup.select_one("a.button-link")
    assert search_link["href"] == "/?party=kke-gr"
    assert search_link.get_text() == "Search the statements signed by KKE"
    assert soup.select_one("#tl-title").get_text() == "Statements signed, by year"


def test_unknown_party_is_a_404(client):
    page(client, "/party/no-such-party", status=404)


def test_parties_index(client):
    soup = page(client, "/parties")
    rows = soup.select("#party-table tbody tr")
    assert len(rows) == 34
    assert rows[0].select_one("a")["href"] == "/party/kke-gr"
    assert rows[0].select_one("td.num a")["href"] == "/?party=kke-gr"
    assert soup.select_one("#party-status").get_text(strip=True) == "34 parties"
    assert soup.select_one('label[for="party-filter"]') is not None
    soup = page(client, "/parties?q=greece")
    rows = soup.select("#party-table tbody tr")
    assert [r.select_one("a").get_text() for r in rows] == ["Communist Party of Greece"]
    assert soup.select_one("#party-status").get_text(strip=True) == "1 party of 34 match “greece”"


@pytest.mark.parametrize("url", ["/", "/?q=strikes", f"/doc/{KAZ_2022}", "/party/kke-gr", "/parties"])
def test_static_assets_are_local(client, url):
    soup = page(client, url)
    for tag, attr in (("link", "href"), ("script", "src"), ("img", "src")):
        for el in soup.find_all(tag):
            if el.get(attr) and "alternate" not in el.get("rel", []):  # not the feed of the search
                assert el[attr].startswith("/static/"), el
    assert client.get("/static/style.css").status_code == 200
    assert client.get("/static/search.js").status_code == 200


def test_typed_query_is_escaped_everywhere(client):
    evil = "<img src=x onerror=alert(1)>"
    for url in (f"/?q={evil}", f"/doc/{KAZ_2022}?q={evil}", f"/?q=strikes&party={evil}"):
        resp = client.get(url)
        assert resp.status_code == 200, url
        html = resp.get_data(as_text=True)
        assert "<img" not in html, url
        assert "&lt;img src=x onerror=alert(1)&gt;" in html, url


# -- typo tolerance, sidecar facets, more like this, title highlights ---------------------


def test_corrected_search_says_so_and_links_the_literal_search(client):
    soup = page(client, "/?q=strkes&party=kke-gr")
    note = soup.select_one("p.corrected")
    assert note.get_text(" ", strip=True) == "Showing results for strikes . Search instead for strkes"
    assert qs(soup.select_one("a.corrected-link")["href"]) == {"q": ["strikes"], "party": ["kke-gr"]}
    assert qs(soup.select_one("a.literal-link")["href"]) == {"q": ["strkes"], "party": ["kke-gr"],
                                                             "literal": ["1"]}
    assert soup.select_one("#status").get_text(strip=True) == "4 statements for “strikes”"
    assert soup.select_one("a.suggestion-link") is None
    assert soup.select_one("#q")["value"] == "strkes"


def test_result_titles_mark_the_query_words(client):
    soup = page(client, "/?q=vaccine")
    title = soup.select_one("ol.results h2.result-title a")
    assert title.select("mark") and title.select_one("mark").get_text().lower().startswith("vaccine")


def test_more_filters_lists_the_sidecar_fields(client):
    soup = page(client, "/?q=strikes")
    more = soup.select_one("section.more-filters")
    assert more.select_one("h3").get_text(strip=True) == "More filters"
    genre = more.select_one("details[data-field=genre]")
    assert genre.select_one("summary").get_text(strip=True) == "Genre"
    assert not genre.has_attr("open")
    boxes = {i["value"]: int(i.find_next("span", class_="count").contents[0])
             for i in genre.select("input[name=filter]")}
    for value, count in boxes.items():
        filtered = page(client, "/?" + urlencode({"q": "strikes", "filter": value}))
        assert filtered.select_one("#status").get_text().startswith(f"{count} statement")
    soup = page(client, "/?q=strikes&filter=genre:press+release")
    genre = soup.select_one("details[data-field=genre]")
    assert genre.has_attr("open") and genre.select_one("input[checked]")["value"] == "genre:press release"
    chip = next(c for c in soup.select("a.chip") if "Genre" in c.get_text())
    assert qs(chip["href"]) == {"q": ["strikes"]}
    assert page(client, "/?facet=genre").select_one("details[data-field=genre]").has_attr("open")


def test_statement_page_lists_similar_statements(client):
    soup = page(client, f"/doc/{KAZ_2022}")
    section = soup.select_one("section#similar")
    links = [urlsplit(a["href"]).path for a in section.select("ol.similar-list a")]
    assert links[0] == "/doc/004_3211777dd4a43931"
    assert f"/doc/{KAZ_2022}" not in links
    result = page(client, "/?q=zhanaozen").select_one("a.similar-link")
    assert urlsplit(result["href"]).fragment == "similar"


def test_one_more_co_signer_is_singular(client):
    soup = page(client, "/party/pkp-ph")
    assert soup.select_one(".more-cosigners summary").get_text(strip=True) == "1 more co-signer"
    soup = page(client, "/party/tkp-tr")
    assert soup.select_one(".more-cosigners summary").get_text(strip=True) == "5 more co-signers"
    assert not soup.select(".per-year")


def test_party_that_nobody_co_signs_with_shows_statements_per_year(tmp_path):
    """Manifestos and speeches: one party each, so the co-signer panel gives way to a chart."""
    import json

    from indexer.write.build import build_index
    from search_web import create_app

    src = tmp_path / "src"
    src.mkdir()
    rows = []
    for i, year in enumerate([1997, 1997, 2001, 2005]):
        (src / f"lab{i}.txt").write_text(f"Manifesto {year}\n\nNew Labour because Britain deserves better.\n",
                                         "utf-8")
        rows.append({"file": f"lab{i}.txt", "title": f"Labour manifesto {year} ({i})", "year": year,
                     "party": "Labour Party"})
    (src / "metadata.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n", "utf-8")
    build_index(src, tmp_path / "index", procs=1, progress=False)
    client = create_app(tmp_path / "index", {"TESTING": True}).test_client()
    party_id = client.get("/api/parties").get_json()["parties"][0]["id"]
    soup = page(client, f"/party/{party_id}")
    assert not soup.select(".cosigners")
    # a party's own statements are not "signed" by it
    assert soup.select_one("#tl-title").get_text() == "Statements, by year"
    assert soup.select_one(".doc-meta dt").get_text() == "Statements"
    assert soup.select_one(".button-link").get_text() == "Search the statements of Labour Party"
    chart = soup.select_one(".per-year .histogram")
    assert chart.select_one("h2") is None and soup.select_one("#py-title").get_text() == "Statements per year"
    bars = [a["aria-label"] for a in chart.select("a.bar-link")]
    assert bars == ["1997: 2 statements", "2001: 1 statement", "2005: 1 statement"]
    assert len(chart.select(".bar-empty")) == 6  # 1998-2000, 2002-2004
    first = chart.select_one("a.bar-link")["href"]
    assert qs(first) == {"party": [party_id], "year": ["1997"]}


def test_a_party_chart_over_sixty_years_says_it_counts_decades(tmp_path):
    from indexer.write.build import build_index
    from search_web import create_app

    src = tmp_path / "src"
    src.mkdir()
    for year in (1945, 1950, 2005):
        (src / f"con{year}.txt").write_text(f"Manifesto {year}\n\nA strong Britain in a free world.\n", "utf-8")
    (src / "metadata.csv").write_text("file,year,party\n" + "".join(
        f"con{y}.txt,{y},Conservative Party\n" for y in (1945, 1950, 2005)), "utf-8")
    build_index(src, tmp_path / "index", procs=1, progress=False)
    client = create_app(tmp_path / "index", {"TESTING": True}).test_client()
    party_id = client.get("/api/parties").get_json()["parties"][0]["id"]
    soup = page(client, f"/party/{party_id}")
    assert soup.select_one("#py-title").get_text() == "Statements per decade"
    chart = soup.select_one(".per-year .histogram")
    assert chart["aria-label"] == "Statements per decade"
    assert [a["aria-label"] for a in chart.select("a.bar-link")] == [
        "1940s: 1 statement", "1950s: 1 statement", "2000s: 1 statement"]


def test_a_heading_is_labelled_in_results_but_set_as_a_heading_on_its_statement(tmp_path):
    from indexer.write.build import build_index
    from search_web import create_app

    src = tmp_path / "src"
    src.mkdir()
    (src / "m.txt").write_text("Our programme\n\nHOUSING FOR ALL\n\nWe will build council houses in every town "
                               "and repair the ones that stand empty.\n", "utf-8")
    build_index(src, tmp_path / "index", procs=1, progress=False)
    client = create_app(tmp_path / "index", {"TESTING": True}).test_client()
    results = page(client, "/?q=housing")
    assert [a.get_text(strip=True) for a in results.select("ol.results .passage-label")] == ["Heading"]
    doc = page(client, "/doc/m")
    heading = doc.select_one(".doc-text .kind-heading")
    assert heading.select_one("h3").get_text(strip=True) == "HOUSING FOR ALL"
    assert heading.select_one(".passage-label") is None


def test_a_party_of_one_year_has_no_empty_chart(tmp_path):
    from indexer.write.build import build_index
    from search_web import create_app

    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text("Manifesto\n\nA strong Britain in a free world.\n", "utf-8")
    (src / "metadata.csv").write_text("file,year,party\na.txt,1997,Referendum Party\n", "utf-8")
    build_index(src, tmp_path / "index", procs=1, progress=False)
    client = create_app(tmp_path / "index", {"TESTING": True}).test_client()
    party_id = client.get("/api/parties").get_json()["parties"][0]["id"]
    soup = page(client, f"/party/{party_id}")
    assert soup.select_one("#py-title") is None and soup.select_one(".per-year .histogram") is None
    assert soup.select_one(".per-year p").get_text() == "No other party signed a statement with this one."
    assert [h.get_text(" ", strip=True) for h in soup.select(".timeline-year h3")] == ["1997 (1)"]


def test_results_say_which_words_they_miss(client):
    """No statement holds every word: each result says what it lacks, the page says so."""
    soup = page(client, "/?q=strikes+zhanaozen+vaccine")
    assert soup.select_one(".all-words").get_text(" ", strip=True) == \
        "None holds every word; the results below lack some of them."
    missing = {result_ids_one(li): li.select_one(".missing").get_text(" ", strip=True)
               for li in soup.select("li.result")}
    assert missing[KAZ_2017] == "Missing: vaccine"
    assert missing[KAZ_2022] == "Missing: zhanaozen , vaccine"
    assert [s.get_text() for s in soup.select("li.result .missing s")].count("vaccine") == 4  # struck through
    soup = page(client, "/?q=strikes")
    assert not soup.select(".missing") and not soup.select(".all-words")


def result_ids_one(li) -> str:
    return urlsplit(li.select_one("h2.result-title a")["href"]).path[len("/doc/"):]
