"""Browser tests: headless Chromium (Debian's /usr/bin/chromium) driven by Playwright.

The app is served by waitress on 127.0.0.1 (a free port) in a background thread, over the
real index of conftest.py. Without Chromium or the playwright package these tests are
skipped with the reason, except when the environment variable CI is set: there they
fail, so a CI run cannot pass without them.

Screenshots of the search page and of a statement page are written to /tmp
(statement-search-search.png, statement-search-statement.png).
"""

from __future__ import annotations

import os
import re
import threading
from pathlib import Path

import pytest

try:
    from playwright.sync_api import expect, sync_playwright
except ImportError:  # the reason is reported by the `browser` fixture
    expect = sync_playwright = None

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SCREENSHOT_DIR = Path(os.environ.get("SCREENSHOT_DIR", "/tmp"))
KAZ_2022 = "000_f6e28804950bea45"


def _missing() -> str | None:
    if sync_playwright is None:
        return "the playwright package is not installed (pip install playwright)"
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        return f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)"
    return None


@pytest.fixture(scope="module")
def browser():
    reason = _missing()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"browser tests cannot run in CI: {reason}")
        pytest.skip(f"browser tests skipped: {reason}")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        expect.set_options(timeout=10_000)
        yield b
        b.close()


@pytest.fixture(scope="module")
def base_url(web_app):
    from waitress.server import create_server

    server = create_server(web_app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}"
    server.close()
    thread.join(timeout=5)


class PageProblems:
    """Console errors and uncaught exceptions of a page (a CSP violation is a console error)."""

    def __init__(self, page):
        self.items: list[str] = []
        page.on("console", lambda m: self.items.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.items.append(str(e)))


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.problems = PageProblems(pg)
    yield pg
    problems = pg.problems.items
    context.close()
    assert problems == [], problems


@pytest.fixture()
def nojs_page(browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    yield pg
    context.close()


def party_box(page, party_id: str):
    return page.locator(f'#facets input[type=checkbox][name="party"][value="{party_id}"]')


def result_titles(page) -> list[str]:
    return page.locator("ol.results h2.result-title a").all_inner_texts()


# -- with JavaScript --------------------------------------------------------------


def test_search_facets_and_history_with_javascript(page, base_url):
    page.goto(base_url + "/")
    status = page.locator("#status")
    expect(status).to_have_text("6 statements, newest first")
    assert "js" in page.evaluate("document.documentElement.className")
    expect(page.locator(".apply-filters button")).to_be_hidden()

    page.locator("#q").press_sequentially("strikes", delay=30)  # search as you type
    expect(page).to_have_url(re.compile(r"\?q=strikes$"))
    expect(status).to_have_text("4 statements for “strikes”")
    expect(page.locator("ol.results > li")).to_have_count(4)
    assert page.evaluate("document.activeElement.id") == "q"  # typing is not interrupted

    party_box(page, "skp-se").check()
    expect(page).to_have_url(re.compile(r"party=skp-se"))
    expect(status).to_have_text("2 statements for “strikes”")
    assert page.evaluate("document.activeElement.dataset.key") == "party:skp-se"
    two = result_titles(page)

    party_box(page, "pcp-pt").check()
    expect(page).to_have_url(re.compile(r"party=skp-se&party=pcp-pt"))
    expect(status).to_have_text("3 statements for “strikes”")
    three = result_titles(page)
    assert set(two) < set(three)
    expect(page.locator("a.chip")).to_have_count(2)

    page.go_back()
    expect(page).to_have_url(re.compile(r"\?q=strikes&party=skp-se$"))
    expect(status).to_have_text("2 statements for “strikes”")
    expect(party_box(page, "skp-se")).to_be_checked()
    expect(party_box(page, "pcp-pt")).not_to_be_checked()
    assert result_titles(page) == two

    page.go_back()
    expect(page).to_have_url(re.compile(r"\?q=strikes$"))
    expect(status).to_have_text("4 statements for “strikes”")
    expect(party_box(page, "skp-se")).not_to_be_checked()

    page.go_forward()
    expect(status).to_have_text("2 statements for “strikes”")
    expect(page.locator("#q")).to_have_value("strikes")

    # a shared link restores the same state from scratch
    page.goto(base_url + "/?q=strikes&party=skp-se&party=pcp-pt")
    expect(status).to_have_text("3 statements for “strikes”")
    assert result_titles(page) == three


def test_statement_and_party_pages_from_a_result(page, base_url):
    page.goto(base_url + "/?q=strikes&sort=newest")
    page.locator("ol.results h2.result-title a").first.click()
    expect(page).to_have_url(re.compile(rf"/doc/{KAZ_2022}\?q=strikes&sort=newest$"))
    expect(page.locator("h1")).to_contain_text("On the valuable experience of the great strikes")
    assert page.locator(".doc-text mark").count() >= 2
    expect(page.locator(".signatories li")).to_have_count(18)

    page.locator(".signatories a.party-link", has_text="Communist Party of Sweden").click()
    expect(page).to_have_url(re.compile(r"/party/skp-se$"))
    expect(page.locator("h1")).to_have_text("Communist Party of Sweden (SKP)")
    expect(page.locator(".timeline-year h3")).to_have_count(3)

    page.go_back()
    page.locator(".signatories li", has_text="Communist Party of Sweden").get_by_role("link", name=re.compile("Search the statements")).click()
    expect(page).to_have_url(re.compile(r"/\?party=skp-se$"))
    expect(page.locator("#status")).to_have_text("3 statements, newest first")
    expect(party_box(page, "skp-se")).to_be_checked()

    page.go_back()
    page.locator(".crumbs a").click()
    expect(page).to_have_url(re.compile(r"/\?q=strikes&sort=newest$"))
    expect(page.locator("#status")).to_have_text("4 statements for “strikes”")


def test_did_you_mean_link_updates_the_query_box(page, base_url):
    page.goto(base_url + "/?q=strke&literal=1")
    expect(page.locator("#status")).to_have_text("No statements found for “strke”")
    page.locator("a.suggestion-link").click()
    expect(page).to_have_url(re.compile(r"/\?q=strike$"))
    expect(page.locator("#status")).to_have_text("4 statements for “strike”")
    expect(page.locator("#q")).to_have_value("strike")
    expect(page).to_have_title("strike · Statement search")


def test_point_link_opens_the_passage(page, base_url):
    page.goto(base_url + "/?q=strikes&party=tkp-tr&year=2019")
    page.locator("a.passage-label", has_text="Point 1").click()
    expect(page).to_have_url(re.compile(r"/doc/2019/security_law\?.*#p-1$"))
    target = page.locator("#p-1")
    expect(target.locator("mark")).to_have_text("strikes")
    assert page.evaluate("document.querySelector(':target').id") == "p-1"


def test_long_facet_filter_and_show_all(page, base_url):
    page.goto(base_url + "/")
    visible = page.locator("#fv-party li:visible")
    expect(visible).to_have_count(10)
    page.fill("#ff-party", "swed")
    expect(visible).to_have_count(1)
    expect(visible.first).to_contain_text("Communist Party of Sweden")
    page.fill("#ff-party", "")
    expect(visible).to_have_count(10)
    page.get_by_role("link", name="Show all 34 parties").click()
    expect(visible).to_have_count(34)
    expect(page).to_have_url(re.compile(r"expand=party"))
    party_box(page, "ucu-ua").check()  # one from the long tail
    expect(page.locator("#status")).to_have_text("1 statement")
    expect(page).to_have_url(re.compile(r"party=ucu-ua.*expand=party|expand=party.*party=ucu-ua"))
    expect(visible).to_have_count(34)  # still expanded after the refresh


def test_histogram_bar_and_sort_select(page, base_url):
    page.goto(base_url + "/")
    page.get_by_role("link", name="2019: 2 statements").click()
    expect(page).to_have_url(re.compile(r"/\?year=2019$"))
    expect(page.locator("#status")).to_have_text("2 statements, newest first")
    expect(page.locator("a.chip")).to_have_text(re.compile("Year: 2019"))
    page.select_option("#sort", "oldest")
    expect(page).to_have_url(re.compile(r"year=2019&sort=oldest"))
    expect(page.locator("#status")).to_have_text("2 statements, oldest first")
    assert result_titles(page)[0].startswith("No to war")


def test_pagination_with_javascript(page, base_url):
    page.goto(base_url + "/?q=Kazakhstan&view=passages")
    page.select_option("#per_page", "10")
    expect(page).to_have_url(re.compile(r"view=passages&per_page=10$"))
    expect(page.locator("ol.results > li")).to_have_count(10)
    page.locator(".pagination a[rel=next]").click()
    expect(page).to_have_url(re.compile(r"page=2"))
    expect(page.locator(".pagination a[aria-current=page]")).to_have_text("2")
    assert page.evaluate("document.activeElement.id") == "main"
    page.go_back()
    expect(page.locator(".pagination a[aria-current=page]")).to_have_text("1")


def test_keyboard_skip_link_and_focus_style(page, base_url):
    page.goto(base_url + "/?q=strikes")
    page.keyboard.press("Tab")
    skip = page.locator("a.skip-link")
    expect(skip).to_be_focused()
    assert skip.bounding_box()["y"] >= 0  # moved into view when focused
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_phone_layout_puts_facets_under_results(browser, base_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    pg = context.new_page()
    pg.goto(base_url + "/?q=strikes")
    main_box = pg.locator("#main").bounding_box()
    aside_box = pg.locator("#facets").bounding_box()
    assert aside_box["y"] >= main_box["y"] + main_box["height"] - 1
    assert main_box["width"] <= 390
    assert pg.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling
    expect(pg.locator("a.jump-filters")).to_be_visible()
    context.close()


def test_sort_box_and_status_agree(page, base_url):
    """Without a query the page is newest first and the sort box says so; typing a query
    turns both to relevance."""
    page.goto(base_url + "/")
    expect(page.locator("#status")).to_have_text("6 statements, newest first")
    expect(page.locator("#sort option:checked")).to_have_text("Newest first")
    page.fill("#q", "strikes")
    expect(page.locator("#status")).to_have_text("4 statements for “strikes”")
    expect(page.locator("#sort option:checked")).to_have_text("Relevance")


def test_an_active_year_range_is_shown(page, base_url):
    page.goto(base_url + "/?year=2015-2019")
    expect(page.locator("#year_from")).to_have_value("2015")
    expect(page.locator("#year_to")).to_have_value("2019")
    marked = page.locator(".histogram li.selected [title]")
    assert [t.split(":")[0] for t in marked.evaluate_all("els => els.map(e => e.title)")] == [
        "2015", "2016", "2017", "2018", "2019"]
    assert all("-" not in v for v in page.locator("#fv-year input").evaluate_all("els => els.map(e => e.value)"))
    page.fill("#year_to", "2017")
    page.locator("#year_to").dispatch_event("change")
    expect(page).to_have_url(re.compile(r"/\?year=2015-2017$"))
    expect(page.locator("#status")).to_have_text("2 statements, newest first")
    expect(page.locator("#year_to")).to_have_value("2017")


def test_feed_link_on_the_page(page, base_url):
    page.goto(base_url + "/?q=strikes&party=kke-gr")
    link = page.get_by_role("link", name="Follow this search")
    expect(link).to_have_attribute("href", "/feed.atom?q=strikes&party=kke-gr")
    page.fill("#q", "workers")
    expect(page.get_by_role("link", name="Follow this search")).to_have_attribute(
        "href", "/feed.atom?q=workers&party=kke-gr")
    resp = page.request.get(base_url + "/feed.atom?q=workers&party=kke-gr")
    assert resp.ok and resp.headers["content-type"].startswith("application/atom+xml")


# -- no page scrolls sideways -------------------------------------------------------

LONG_SOURCE = "https://www.example.org/" + "archive-of-statements-" * 12 + "final.html"
LONG_WORD = "Antidisestablishmentarianism" * 4


@pytest.fixture(scope="module")
def layout_url(tmp_path_factory):
    """A server over an index holding long unbroken values: a source URL, a title word, a
    party name, and the seeds' statements with many topics."""
    import json
    import shutil

    from waitress.server import create_server

    from indexer.write.build import build_index
    from search_web import create_app

    src = tmp_path_factory.mktemp("layout-source")
    for f in sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt")):
        shutil.copy(f, src / f.name)
    (src / "long.txt").write_text(f"{LONG_WORD} strikes\n\nThe dockers' strike of {LONG_WORD} goes on. "
                                  f"See {LONG_SOURCE}\n", "utf-8")
    row = {"file": "long.txt", "title": f"On {LONG_WORD} strikes", "source": LONG_SOURCE, "year": 2020,
           "party": f"Party of {LONG_WORD}", "reference": LONG_WORD}
    (src / "metadata.jsonl").write_text(json.dumps(row) + "\n", "utf-8")
    index = tmp_path_factory.mktemp("layout-index")
    build_index(src, index, procs=1, progress=False)
    server = create_server(create_app(index, {"TESTING": True}), host="127.0.0.1", port=0, threads=2)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}"
    server.close()
    thread.join(timeout=5)


LAYOUT_PAGES = ["/?q=strikes", "/?q=kazakhstan&view=passages", "/doc/long", f"/doc/{KAZ_2022}",
                "/party/kke-gr", "/parties", "/no/such/page", "/?page=0"]


@pytest.mark.parametrize("width", [390, 1280])
def test_no_page_scrolls_sideways(browser, layout_url, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, is_mobile=width < 600)
    pg = context.new_page()
    party = pg.request.get(layout_url + "/api/parties?q=antidis").json()["parties"][0]["id"]
    wide = {}
    for path in [*LAYOUT_PAGES, f"/party/{party}"]:
        pg.goto(layout_url + path)
        scroll = pg.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        if scroll[0] > scroll[1]:
            wide[path] = scroll
    context.close()
    assert wide == {}, f"pages wider than {width} px: {wide}"


# -- without JavaScript -----------------------------------------------------------


def test_search_without_javascript(nojs_page, base_url):
    page = nojs_page
    page.goto(base_url + "/")
    status = page.locator("#status")
    expect(status).to_have_text("6 statements, newest first")
    assert "js" not in (page.locator("html").get_attribute("class") or "")
    page.fill("#q", "strikes")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(status).to_have_text("4 statements for “strikes”")
    assert "q=strikes" in page.url

    apply_btn = page.get_by_role("button", name="Apply filters")
    expect(apply_btn).to_be_visible()
    party_box(page, "skp-se").check()
    party_box(page, "pcp-pt").check()
    apply_btn.click()
    expect(status).to_have_text("3 statements for “strikes”")
    assert "party=skp-se" in page.url and "party=pcp-pt" in page.url
    expect(party_box(page, "skp-se")).to_be_checked()

    page.locator("a.chip", has_text="Portuguese Communist Party").click()
    expect(status).to_have_text("2 statements for “strikes”")
    page.go_back()
    expect(status).to_have_text("3 statements for “strikes”")

    page.get_by_role("link", name=re.compile(r"Show all \d+ parties")).click()
    assert "expand=party" in page.url
    expect(page.locator("#fv-party li:visible")).to_have_count(page.locator("#fv-party li").count())

    page.fill("#year_from", "2017")
    page.fill("#year_to", "2019")
    apply_btn.click()
    expect(page).to_have_url(re.compile(r"year=2017-2019"))
    expect(status).to_have_text("1 statement for “strikes”")
    expect(page.locator("a.chip", has_text="Year: 2017–2019")).to_be_visible()


def test_pagination_and_statement_without_javascript(nojs_page, base_url):
    page = nojs_page
    page.goto(base_url + "/?per_page=2")
    page.get_by_role("link", name="Page 3").click()
    expect(page.locator(".pagination a[aria-current=page]")).to_have_text("3")
    assert "page=3" in page.url
    page.locator("ol.results h2.result-title a").first.click()
    expect(page.locator("h1")).to_be_visible()
    page.locator(".signatories a.party-link").first.click()
    expect(page).to_have_url(re.compile(r"/party/"))


# -- typo tolerance, sidecar facets, more like this -------------------------------


def test_a_typo_is_searched_corrected_and_the_literal_search_is_one_click_away(page, base_url):
    page.goto(base_url + "/?q=strkes")
    status = page.locator("#status")
    expect(status).to_have_text("4 statements for “strikes”")
    expect(page.locator("p.corrected")).to_have_text("Showing results for strikes. Search instead for strkes")
    expect(page.locator("#q")).to_have_value("strkes")
    expect(page.locator("ol.results h2.result-title mark").first).to_be_visible()
    page.locator("a.literal-link").click()
    expect(page).to_have_url(re.compile(r"/\?q=strkes&literal=1$"))
    expect(status).to_have_text("No statements found for “strkes”")
    expect(page.locator("a.suggestion-link")).to_have_text("strikes")


def test_a_sidecar_field_is_a_facet_under_more_filters(page, base_url):
    page.goto(base_url + "/?facet=genre")
    more = page.locator("section.more-filters")
    expect(more.locator("h3")).to_have_text("More filters")
    genre = more.locator("details[data-field=genre]")
    expect(genre).to_have_attribute("open", "")
    expect(genre.locator("summary")).to_have_text("Genre")
    labels = genre.locator(".facet-values label")
    expect(labels).to_have_text([re.compile(r"joint statement\s*3"), re.compile(r"press release\s*2")])
    genre.locator("input[value='genre:press release']").check()  # the page refreshes itself
    expect(page.locator("#status")).to_have_text(re.compile(r"^2 statements"))
    expect(page).to_have_url(re.compile(r"filter=genre%3Apress\+release"))
    expect(page.locator("a.chip", has_text="Genre: press release")).to_be_visible()
    expect(genre.locator("input[value='genre:press release']")).to_be_checked()


def test_similar_link_opens_the_statements_most_like_a_result(page, base_url):
    page.goto(base_url + "/?q=zhanaozen")
    page.locator("a.similar-link").first.click()
    expect(page).to_have_url(re.compile(r"/doc/004_3211777dd4a43931\?q=zhanaozen#similar$"))
    section = page.locator("#similar")
    expect(section.locator("h2")).to_have_text("Similar statements")
    first = section.locator("ol.similar-list li a").first
    expect(first).to_have_attribute("href", re.compile(KAZ_2022 + "$"))
    first.click()
    expect(page).to_have_url(re.compile(KAZ_2022 + "$"))


def test_titles_labels_quotes_and_captions_as_a_reader_sees_them(page, base_url):
    page.goto(base_url + '/?q="trade union"')
    # a quoted query is shown as typed, never in quotes within quotes
    expect(page.locator("#status")).to_have_text(re.compile(r'^\d+ statements? for "trade union"$'))
    page.goto(base_url + "/?q=kazakhstan")
    # the title's matching word is marked like the passages'
    title_mark = page.locator("ol.results h2.result-title mark").first
    expect(title_mark).to_have_text(re.compile("^kazakhstan$", re.I))
    # and it shows: the bold title's mark has the passages' background, not bold on bold
    background = "el => getComputedStyle(el).backgroundColor"
    assert title_mark.evaluate(background) == "rgb(255, 235, 138)"
    assert page.locator("ol.results .passage mark").first.evaluate(background) == "rgb(255, 235, 138)"
    # only the kinds that help are labelled: never "Passage" or "Paragraph"
    labels = set(page.locator("ol.results .passage-label").all_inner_texts())
    assert not {label.strip().lower() for label in labels} & {"passage", "paragraph"}
    # the photo caption under the seed's lead is no passage, neither in results nor on its page
    page.fill("#q", "athens")
    expect(page.locator("#status")).to_have_text(re.compile(r"^\d+ statements? for “athens”$"))
    assert "KKE HQ in Athens" not in page.locator("ol.results").inner_text()
    page.goto(base_url + f"/doc/{KAZ_2022}")
    expect(page.locator(".doc-text")).to_contain_text("demonstrated outside of the embassy of Kazakhstan in Athens")
    expect(page.locator(".doc-text")).not_to_contain_text("KKE HQ in Athens")


# -- screenshots ------------------------------------------------------------------


def test_screenshots(page, base_url):
    page.goto(base_url + "/?q=strikes&party=kke-gr")
    expect(page.locator("#status")).to_have_text("4 statements for “strikes”")
    search_png = SCREENSHOT_DIR / "statement-search-search.png"
    page.screenshot(path=str(search_png), full_page=True)
    page.goto(base_url + f"/doc/{KAZ_2022}?q=strikes")
    statement_png = SCREENSHOT_DIR / "statement-search-statement.png"
    page.screenshot(path=str(statement_png), full_page=True)
    assert search_png.stat().st_size > 10_000 and statement_png.stat().st_size > 10_000
