"""Follow a search: the Atom feed of any search (search_web/feed.py)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from urllib.parse import parse_qs, urlsplit

ATOM = "{http://www.w3.org/2005/Atom}"
KAZ_2022 = "000_f6e28804950bea45"


def feed(client, url: str) -> ET.Element:
    resp = client.get(url)
    assert resp.status_code == 200, resp.get_data(as_text=True)[:300]
    assert resp.headers["Content-Type"] == "application/atom+xml; charset=utf-8"
    return ET.fromstring(resp.data)


def test_feed_of_a_search_newest_first(client):
    root = feed(client, "/feed.atom?q=strikes&page=3&sort=oldest&per_page=1")
    assert root.tag == f"{ATOM}feed"
    assert root.findtext(f"{ATOM}title") == "Statements matching “strikes”"
    self_link = root.find(f"{ATOM}link[@rel='self']").get("href")
    assert self_link == "http://localhost/feed.atom?q=strikes"  # paging and sort are not the feed's
    assert root.findtext(f"{ATOM}id") == self_link
    assert root.find(f"{ATOM}link[@rel='alternate']").get("href") == "http://localhost/?q=strikes"
    entries = root.findall(f"{ATOM}entry")
    updated = [e.findtext(f"{ATOM}updated") for e in entries]
    assert updated == ["2022-01-18T00:00:00Z", "2019-11-20T00:00:00Z", "2017-05-10T00:00:00Z",
                       "2015-03-12T00:00:00Z"]
    assert len(entries) == 4 and root.findtext(f"{ATOM}updated") == updated[0]
    kaz = entries[0]
    assert kaz.findtext(f"{ATOM}id") == f"http://localhost/doc/{KAZ_2022}"
    link = kaz.find(f"{ATOM}link").get("href")
    assert urlsplit(link).path == f"/doc/{KAZ_2022}" and parse_qs(urlsplit(link).query) == {"q": ["strikes"]}
    assert "Communist Party of Greece (KKE)" in [c.findtext(f"{ATOM}name") for c in kaz.findall(f"{ATOM}contributor")]
    assert "strike" in kaz.findtext(f"{ATOM}summary").lower()


def test_feed_filters_and_escaping(client):
    root = feed(client, "/feed.atom?party=tkp-tr&year=2019")
    # the filters are named as the page's chips name them, never by their ids
    assert root.findtext(f"{ATOM}title") == "party Communist Party of Turkey (TKP), year 2019"
    titles = [e.findtext(f"{ATOM}title") for e in root.findall(f"{ATOM}entry")]
    assert titles == ["Statement on the new security law <script>alert(1)</script>"]  # escaped, read back whole
    assert b"<script>" not in client.get("/feed.atom?party=tkp-tr&year=2019").data


def test_feed_without_a_query_lists_the_newest(client):
    root = feed(client, "/feed.atom")
    assert root.findtext(f"{ATOM}title") == "Newest statements"
    assert len(root.findall(f"{ATOM}entry")) == 6


def test_feed_is_cacheable_and_bad_parameters_are_400(client):
    resp = client.get("/feed.atom?q=strikes")
    assert resp.headers["Cache-Control"] == "public, max-age=60" and resp.headers["ETag"]
    assert client.get("/feed.atom?q=strikes", headers={"If-None-Match": resp.headers["ETag"]}).status_code == 304
    assert client.get("/feed.atom?year=abc").status_code == 400


def test_an_entry_without_a_full_date_keeps_its_time_across_rebuilds():
    from search_web.feed import atom_time

    assert atom_time("2022-01-18", 2022, "2026-11-30T09:00:00Z") == "2022-01-18T00:00:00Z"
    assert atom_time(None, 2005, "2026-11-30T09:00:00Z") == "2005-01-01T00:00:00Z"
    assert atom_time("2005", 2005, "2026-11-30T09:00:00Z") == "2005-01-01T00:00:00Z"
    assert atom_time(None, None, "2026-11-30T09:00:00Z") == "2026-11-30T09:00:00Z"


def test_feed_title_names_every_filter(client):
    root = feed(client, "/feed.atom?q=strikes&party=kke-gr&party=tkp-tr&topic=solidarity&year=2015-2022")
    assert root.findtext(f"{ATOM}title") == (
        "Statements matching “strikes”, party Communist Party of Greece (KKE) or Communist Party of Turkey (TKP), "
        "year 2015–2022, topic Solidarity")
