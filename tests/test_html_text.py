"""Tests for indexer.read.html: the article of an HTML page as blocks, its title and metadata."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.read.html import clean_title, looks_like_html, parse_html
from indexer.model import Block

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "sources"


def texts(html: str) -> list[str]:
    return [block.text for block in parse_html(html).blocks]


def page(body: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


# --------------------------------------------------------------------------- the news page fixture


@pytest.fixture(scope="module")
def news():
    return parse_html((FIXTURES / "news_page.html").read_text(encoding="utf-8"))


def test_news_page_blocks_exactly(news):
    assert news.blocks == [
        Block("Solidarity with the dock workers of Piraeus", "heading"),
        Block("Posted on 2 November 2021", "paragraph"),
        Block("The undersigned parties express their full solidarity with the dock workers of Piraeus, "
              "who have been on strike since the death of a colleague in an accident that could have "
              "been prevented.", "paragraph"),
        Block("We condemn the \u201cflexible\u201d shift system imposed by the port operator, which turns "
              "every working day into a danger for the lives of the workers.", "paragraph"),
        Block("Our demands", "heading"),
        Block("", "break"),
        Block("Collective agreements for all port workers.", "item"),
        Block("Health and safety committees", "item"),
        Block("elected by the workers themselves", "item"),
        Block("", "break"),
        Block("1. Stop the repression of strikers.", "item"),
        Block("2. Hire permanent staff.", "item"),
        Block("", "break"),
        Block("Signed by:", "line"),
        Block("Communist Party of Greece", "line"),
        Block("Portuguese Communist Party", "line"),
        Block("Communist Party of Britain", "line"),
        Block("", "break"),
        Block("Port | Strike days", "row", ("Port", "Strike days")),
        Block("Piraeus | 14", "row", ("Piraeus", "14")),
    ]


@pytest.mark.parametrize(
    "chrome",
    ["SCRIPT TEXT", "STYLE TEXT", "TRAILING SCRIPT", "cookies", "Home", "Statements", "Facebook",
     "Share this", "Read also", "Another strike elsewhere", "Hidden paragraph", "ICON TEXT",
     "Last updated", "Tags", "ports", "Related", "Teachers strike", "comment", "Most read",
     "Sidebar story", "Search", "\u00a9 2021", "Contact us", "Workers' Voice Online"],
)
def test_news_page_chrome_is_absent(news, chrome):
    assert not any(chrome.lower() in block.text.lower() for block in news.blocks)


def test_news_page_title_and_meta(news):
    assert news.title == "Solidarity with the dock workers of Piraeus"
    assert news.meta == {
        "date": "2021-11-03T09:30:00+02:00",  # article:published_time, not the modified time
        "site": "Workers' Voice Online",
        "url": "https://www.workersvoice.example/statements/piraeus-dockers",
        "lang": "en",
    }


# --------------------------------------------------------------------------- titles


def test_title_from_title_tag_without_site_suffix():
    assert parse_html(page("<p>Text.</p>", "<title>Statement | Site Name</title>")).title == "Statement"


def test_title_with_site_name_first():
    head = "<title>SolidNet :: Joint statement on the war</title><meta property='og:site_name' content='SolidNet'>"
    assert parse_html(page("<p>Text.</p>", head)).title == "Joint statement on the war"


def test_title_with_domain_suffix_and_long_last_part_kept():
    assert parse_html(page("<p>x</p>", "<title>Appeal - www.party.example</title>")).title == "Appeal"
    # the last part is longer than the rest: not a site name, keep it all
    head = "<title>KKE - Statement of the Communist Party of Greece on the elections</title>"
    assert parse_html(page("<p>x</p>", head)).title == "KKE - Statement of the Communist Party of Greece on the elections"


def test_title_prefers_article_h1_over_title_tag():
    html = page("<article><h1>Stop the repression!</h1><p>Text of the appeal.</p></article>",
                "<title>Home page | Party</title>")
    assert parse_html(html).title == "Stop the repression!"


def test_title_ignores_logo_h1_and_uses_og_title():
    html = page('<header><h1 class="logo"><a href="/">Red Site</a></h1></header>'
                "<div><p>Body text of a statement without its own heading.</p></div>",
                "<meta property='og:title' content='On the general strike'><title>x | Red Site</title>")
    content = parse_html(html)
    assert content.title == "On the general strike"
    assert "Red Site" not in [b.text for b in content.blocks]


def test_title_h1_that_starts_with_the_site_name_is_not_a_logo():
    html = page("<article><h1>Communist Party of Greece statement on the strike</h1><p>Text.</p></article>",
                "<meta property='og:site_name' content='Communist Party of Greece'>")
    assert parse_html(html).title == "Communist Party of Greece statement on the strike"


def test_title_section_h1_gives_way_to_page_title():
    html = page("<main><h1>Statements</h1><h2>Joint statement on the strike of dockers</h2><p>Text.</p></main>",
                "<meta property='og:title' content='Joint statement on the strike of dockers'>")
    assert parse_html(html).title == "Joint statement on the strike of dockers"


def test_title_none_when_nothing_names_the_page():
    assert parse_html(page("<p>Only text.</p>")).title is None


@pytest.mark.parametrize(
    "raw, sites, guess, expected",
    [
        ("Statement | Site Name", (), True, "Statement"),
        ("Statement | Site Name", (), False, "Statement | Site Name"),
        ("Statement \u2013 Workers Voice", ("Workers Voice",), False, "Statement"),
        ("Title - Section | solidnet.org", (), False, "Title - Section"),
        ("Title \u00bb News \u00bb SolidNet", ("SolidNet",), False, "Title \u00bb News"),
        ("  | ", (), True, "|"),
        ("Only a title", ("Site",), True, "Only a title"),
        ("On the strike - KKE", ("kke.gr", "kke"), False, "On the strike"),
        ("SolidNet Online | Appeal for peace", ("SolidNet",), False, "Appeal for peace"),
    ],
)
def test_clean_title(raw, sites, guess, expected):
    assert clean_title(raw, sites, guess=guess) == expected


# --------------------------------------------------------------------------- metadata


def test_date_from_time_in_article_when_head_has_none():
    html = page('<aside><time datetime="2000-01-01">old</time></aside>'
                '<article><h1>T</h1><time class="updated" datetime="2019-02-02">u</time>'
                '<time datetime="2018-05-10">10 May 2018</time><p>Text of the article body.</p></article>',
                '<meta name="date" content="2017-01-01">')
    assert parse_html(html).meta["date"] == "2018-05-10"


def test_date_from_generic_meta_and_json_ld():
    assert parse_html(page("<p>Text.</p>", '<meta name="dc.date" content="2016-03-08">')).meta == {"date": "2016-03-08"}
    ld = ('<script type="application/ld+json">{"@context": "https://schema.org", "@graph": ['
          '{"@type": "WebSite", "name": "Site"}, {"@type": "NewsArticle", "headline": "LD headline",'
          ' "dateModified": "2022-02-02", "datePublished": "2021-12-01T10:00:00Z",'
          ' "publisher": {"@type": "Organization", "name": "Party Press"}}]}</script>')
    content = parse_html(page("<p>Text.</p>", ld))
    assert content.meta == {"date": "2021-12-01T10:00:00Z", "site": "Party Press"}
    assert content.title == "LD headline"


def test_date_from_microdata_and_rdfa_in_the_body():
    html = page('<article><span property="dc:date dc:created" content="2023-10-09T10:00:00+03:00">'
                'Mon, 09/10/2023</span><p>Text.</p></article>')
    assert parse_html(html).meta == {"date": "2023-10-09T10:00:00+03:00"}
    html = page('<article><span itemprop="dateModified" content="2020-02-02"></span>'
                '<span itemprop="datePublished" content="2019-12-31">31 Dec</span><p>Text.</p></article>')
    assert parse_html(html).meta == {"date": "2019-12-31"}


def test_modified_time_is_never_the_date():
    head = '<meta property="article:modified_time" content="2022-01-01">'
    assert "date" not in parse_html(page("<p>Text.</p>", head)).meta


# --------------------------------------------------------------------------- block kinds


def test_br_lines_blank_lines_and_paragraph_separation():
    html = page("<div class='entry-content'><p>First paragraph of the text.</p>"
                "<p>Party A<br>Party B<br/>Party C</p>"
                "<p>Para one of an old page.<br><br>Para two of an old page.</p>"
                "<p>Closing paragraph.<br></p></div>")
    assert parse_html(html).blocks == [
        Block("First paragraph of the text.", "paragraph"),
        Block("", "break"),
        Block("Party A", "line"),
        Block("Party B", "line"),
        Block("Party C", "line"),
        Block("", "break"),
        Block("Para one of an old page.", "line"),
        Block("", "line"),
        Block("Para two of an old page.", "line"),
        Block("", "break"),
        Block("Closing paragraph.", "paragraph"),
    ]


def test_headings_div_text_blockquote_and_entities():
    html = page("<article><h2>Part&nbsp;I</h2><div>Direct text &amp; more <span>inline</span> words"
                "<p>Inner paragraph</p>tail text</div><blockquote><p>Quoted \u201cwords\u201d</p></blockquote>"
                "<h3>Part   II</h3><p>Soft\u00adhyphen and zero\u200bwidth</p></article>")
    assert parse_html(html).blocks == [
        Block("Part I", "heading"),
        Block("Direct text & more inline words", "paragraph"),
        Block("Inner paragraph", "paragraph"),
        Block("tail text", "paragraph"),
        Block("", "break"),
        Block("Quoted \u201cwords\u201d", "paragraph"),
        Block("", "break"),
        Block("Part II", "heading"),
        Block("Softhyphen and zerowidth", "paragraph"),
    ]


def test_ordered_lists_keep_their_numbers():
    html = page('<article><ol start="4"><li>Four</li><li value="9">Nine</li><li>Ten</li></ol>'
                '<ol type="I"><li>Roman one</li><li>2) already numbered</li></ol>'
                '<ol type="a"><li>letter</li></ol></article>')
    assert [b.text for b in parse_html(html).blocks if b.kind == "item"] == [
        "4. Four", "9. Nine", "10. Ten", "I. Roman one", "2) already numbered", "a. letter"]


def test_list_items_holding_paragraphs_and_heading_permalinks():
    html = page("<article><h2 id='p'>Points <a class='headerlink' href='#p'>\u00b6</a></h2>"
                "<ol><li><p>First point</p><p>its second paragraph</p></li><li><div><p>Second point</p></div></li>"
                "<li></li><li>Fourth<br>on two lines</li></ol></article>")
    assert parse_html(html).blocks == [
        Block("Points", "heading"),
        Block("", "break"),
        Block("1. First point", "item"),
        Block("its second paragraph", "paragraph"),
        Block("2. Second point", "item"),
        Block("4. Fourth on two lines", "item"),
    ]


def test_links_inside_sentences_are_kept_whatever_their_class():
    html = page("<article><p>As we said in <a class='related-link' href='/x'>our statement</a>, "
                "the <span class='header-note'>strike</span> goes on.</p></article>")
    assert texts(html) == ["As we said in our statement, the strike goes on."]


def test_pre_keeps_lines_and_indentation():
    html = page("<article><p>Intro.</p><pre>\n  Line one\n  Line two\n\n\n  Line three\n</pre><p>After.</p></article>")
    assert parse_html(html).blocks == [
        Block("Intro.", "paragraph"),
        Block("", "break"),
        Block("  Line one", "line"),
        Block("  Line two", "line"),
        Block("", "line"),
        Block("  Line three", "line"),
        Block("", "break"),
        Block("After.", "paragraph"),
    ]


def test_data_table_rows_and_layout_table_cells():
    data = page("<article><table><caption>Signatories</caption><thead><tr><th>Party</th><th>Country</th></tr></thead>"
                "<tbody><tr><td>KKE</td><td>Greece</td></tr><tr><td>PCP</td><td></td></tr>"
                "<tr><td></td><td></td></tr></tbody></table></article>")
    assert parse_html(data).blocks == [
        Block("Signatories", "paragraph"),
        Block("Party | Country", "row", ("Party", "Country")),
        Block("KKE | Greece", "row", ("KKE", "Greece")),
        Block("PCP", "row", ("PCP", "")),
    ]
    layout = page("<table><tr><td><h2>Heading in a layout cell</h2><p>First paragraph of the body.</p>"
                  "<p>Second paragraph of the body.</p></td></tr></table>")
    assert parse_html(layout).blocks == [
        Block("Heading in a layout cell", "heading"),
        Block("First paragraph of the body.", "paragraph"),
        Block("Second paragraph of the body.", "paragraph"),
    ]


# --------------------------------------------------------------------------- chrome and article root


def test_related_tail_teasers_and_chrome_lines_are_dropped():
    html = page("<article><p>Share this</p><h1>Title of the statement</h1><p>Print</p>"
                "<p>Main text of the statement, long enough to be the body of the article and more.</p>"
                "<p>Read also: Another statement from last year</p>"
                "<p>Print</p>"  # in the middle: kept, it is not at either end
                "<p>" + "Final paragraph of the statement. " * 5 + "</p>"
                "<p>\u00a9 2023 The Party</p><h3>Read also</h3><ul><li><a href='/a'>Teaser one</a></li>"
                "<li><a href='/b'>Teaser two</a></li></ul></article>")
    assert texts(html) == [
        "Title of the statement",
        "Main text of the statement, long enough to be the body of the article and more.",
        "Print",
        ("Final paragraph of the statement. " * 5).strip(),
    ]


def test_related_marker_before_most_of_the_text_cuts_nothing():
    items = "".join(f"<li>Point number {i} of the short-line programme</li>" for i in range(40))
    html = page(f"<article><h1>Programme</h1><p>Related links</p><ul>{items}</ul></article>")
    assert texts(html)[:3] == ["Programme", "Related links", ""]
    assert texts(html)[-1] == "Point number 39 of the short-line programme"
    assert len(texts(html)) == 43


def test_article_root_is_the_biggest_article_not_a_teaser():
    html = page("<main><article class='teaser'><h2>Teaser</h2><p>Short teaser.</p></article>"
                "<article><h1>The statement</h1><p>" + "Long statement text. " * 30 + "</p></article>"
                "<div class='box'><p>Unmarked box below the article</p></div></main>")
    assert texts(html)[0] == "The statement"
    assert "Short teaser." not in texts(html)
    assert "Unmarked box below the article" not in texts(html)


def test_article_root_by_text_density_without_markers():
    html = page("<div id='top'><a href='/'>Home</a> | <a href='/a'>Archive</a> | <a href='/c'>Contact</a></div>"
                "<div id='x1'><div id='x2'><h2>Statement on the strike</h2>"
                "<p>A long paragraph of the statement that talks about the strike and the solidarity of the "
                "parties, and it goes on for a while.</p><p>Another paragraph that continues.</p></div></div>"
                "<div id='bottom'><a href='/p'>Privacy</a></div>")
    assert texts(html) == [
        "Statement on the strike",
        "A long paragraph of the statement that talks about the strike and the solidarity of the parties, "
        "and it goes on for a while.",
        "Another paragraph that continues.",
    ]


def test_content_container_widened_to_its_heading():
    html = page("<div class='wrap'><div class='entry-header'><h1>Heading of the post</h1></div>"
                "<div class='entry-content'><p>" + "Body text of the post. " * 10 + "</p></div></div>"
                "<div class='widget'><p>Widget text</p></div>")
    content = parse_html(html)
    assert [b.text for b in content.blocks][0] == "Heading of the post"
    assert content.title == "Heading of the post"
    assert "Widget text" not in [b.text for b in content.blocks]


def test_page_wrapped_in_a_form_keeps_its_text():
    html = page("<form id='aspnetForm'><div id='header'><a href='/'>Logo</a></div>"
                "<div id='menu'><a href='/'>Home</a> <a href='/n'>News</a></div>"
                "<div id='main-col'><h1>Joint Statement</h1><p>We the undersigned parties declare our "
                "solidarity with the people.</p></div><div class='footer'>Copyright 2020</div>"
                "<form class='search'><input name='q'><p>Search the site</p></form></form>")
    assert texts(html) == ["Joint Statement", "We the undersigned parties declare our solidarity with the people."]


def test_layout_wrapper_named_after_its_sidebar_is_kept():
    html = page("<div class='content-sidebar-wrap'><div class='inner'><h1>A title here</h1>"
                "<p>Body paragraph one.</p></div><div class='sidebar'><p>Sidebar stuff</p></div></div>")
    assert texts(html) == ["A title here", "Body paragraph one."]


def test_section_headers_inside_the_article_stay():
    html = page("<div class='site-header'><a href='/'>Site</a> <a href='/about'>About</a></div>"
                "<article><h1>Resolution</h1><div class='section-header'><h2>On peace</h2></div>"
                "<p>Text on peace.</p></article>")
    assert texts(html) == ["Resolution", "On peace", "Text on peace."]


def test_hidden_elements_are_dropped():
    html = page("<article><p>Visible.</p><p style='display: none'>Styled away</p>"
                "<p class='sr-only'>Screen reader</p><div hidden><p>Attribute hidden</p></div>"
                "<span aria-hidden='true'>Icon</span><p>Also visible.</p></article>")
    assert texts(html) == ["Visible.", "Also visible."]


def test_only_chrome_falls_back_to_the_whole_page():
    html = page("<aside><p>The only text of this page sits in an aside element.</p></aside>")
    assert texts(html) == ["The only text of this page sits in an aside element."]


def test_broken_markup_still_gives_blocks():
    html = ("<html><body><div><p>First para <b>bold<p>Second para</div></div></span>"
            "<ul><li>one<li>two</ul><table><tr><td>a<td>b</table><p>Truncated at the end <a hre")
    assert parse_html(html).blocks == [
        Block("First para bold", "paragraph"),
        Block("Second para", "paragraph"),
        Block("", "break"),
        Block("one", "item"),
        Block("two", "item"),
        Block("", "break"),
        Block("a | b", "row", ("a", "b")),
        Block("", "break"),
        Block("Truncated at the end", "paragraph"),
    ]


def test_fragment_without_html_or_body():
    assert texts("<h2>Appeal</h2>\n<p>To the workers.</p>") == ["Appeal", "To the workers."]


def test_no_text_gives_no_blocks():
    assert parse_html(page("<script>app()</script><div class='app'></div>", "<title>App</title>")).blocks == []


def test_word_export_conditional_comments():
    html = ("<html><head><style>p.MsoNormal{margin:0}</style></head><body><div class=WordSection1>"
            "<p class=MsoNormal><b>Statement</b><o:p></o:p></p><p class=MsoNormal><o:p>&nbsp;</o:p></p>"
            "<p class=MsoListParagraph><![if !supportLists]><span>1.<span>&nbsp;&nbsp;&nbsp;</span></span>"
            "<![endif]>First point.</p></div></body></html>")
    assert texts(html) == ["Statement", "1. First point."]


def test_looks_like_html():
    assert looks_like_html("<!DOCTYPE html><html><body>x</body></html>")
    assert looks_like_html('<?xml version="1.0"?>\n<!-- saved -->\n<html xmlns="x">')
    assert not looks_like_html("A statement that mentions <html> in the middle.")
    assert looks_like_html("<p>fragment</p>", loose=True)
    assert not looks_like_html("Plain text, 3 < 4 and 5 > 2.", loose=True)


# --------------------------------------------------------------------------- no page stalls the reader


def _deep_pages(depth: int) -> dict[str, str]:
    return {
        "nested divs": "<html><body>" + "<div>" * depth + "<p>Deep text here.</p>" + "</div>" * depth + "</body></html>",
        "nested sidebars with text": "<html><body>" + '<div class="sidebar">x ' * depth + "</body></html>",
        "nested spans and links": "<html><body><p>" + '<span><a href="/">x</a> ' * depth + "</p></body></html>",
        "nested lists": "<html><body>" + "<ol><li>" * (depth // 2) + "text" + "</body></html>",
        "nested tables": "<html><body>" + "<table><tr><td>" * (depth // 3) + "text" + "</body></html>",
        "nested headings": "<html><body>" + "<h1>x" * depth + "</body></html>",
        "nested times": "<html><body>" + "<time>2020-01-01 " * depth + "</body></html>",
    }


def test_a_page_nested_50000_deep_reads_in_linear_time():
    import time

    html = _deep_pages(50_000)["nested divs"]
    assert len(html) == 550_048  # the 550 KB page that took 534 s
    started = time.perf_counter()
    content = parse_html(html)
    elapsed = time.perf_counter() - started
    assert [b.text for b in content.blocks] == ["Deep text here."]
    assert elapsed < 15, f"{elapsed:.1f} s"  # a generous guard; about 0.4 s on a quiet machine


def test_every_kind_of_deep_nesting_reads_quickly():
    import time

    for name, html in _deep_pages(20_000).items():
        started = time.perf_counter()
        content = parse_html(html)
        elapsed = time.perf_counter() - started
        assert elapsed < 15, f"{name}: {elapsed:.1f} s"
        assert any(b.text for b in content.blocks), name


def test_nesting_is_limited_before_parsing_and_text_is_kept():
    from indexer.read.html.depth import limit_depth

    html = "<div>" * 150 + "deep" + "</div>" * 150
    limited = limit_depth(html, 100)
    assert limited == "<div>" * 100 + "deep" + "</div>" * 100
    shallow = "<ul>" + "<li>item" * 500 + "</ul>"  # end tags left out do not count as nesting
    assert limit_depth(shallow, 100) == shallow
    assert limit_depth("<p>a<br>b</p>", 1) == "<p>a<br>b</p>"


def test_photo_captions_are_not_article_text():
    html = """<html><body><article><h1>Solidarity with the workers of Kazakhstan</h1>
    <figure><img src="kke.jpg"><figcaption>KKE HQ in Athens</figcaption></figure>
    <p>A joint statement signed by 18 Communist and Workers' parties was issued on 18 January.</p>
    <div class="wp-caption"><img src="a.jpg"><p class="wp-caption-text">Demonstrators at the embassy</p></div>
    <p>The demonstrators expressed their solidarity with the people of Kazakhstan.</p>
    <span class="photo-credit">Photo: 902.gr</span>
    <table><caption>Strikes by year</caption><tr><td>2021</td><td>12</td></tr><tr><td>2022</td><td>30</td></tr></table>
    <div class="caption-free-zone">""" + "A long block whose class merely mentions a caption. " * 10 + """</div>
    </article></body></html>"""
    texts = [b.text for b in parse_html(html).blocks if b.text]
    assert "KKE HQ in Athens" not in texts
    assert "Demonstrators at the embassy" not in texts
    assert "Photo: 902.gr" not in texts
    assert "The demonstrators expressed their solidarity with the people of Kazakhstan." in texts
    assert "Strikes by year" in texts  # a table's caption names its data
    assert any(t.startswith("A long block whose class merely mentions a caption.") for t in texts)
