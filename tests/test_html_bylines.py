"""Tests of indexer.read.html.bylines: the article's post-meta line and heading beside the
article root, never a sidebar's, an "updated" or a copyright line."""

from __future__ import annotations

from indexer.read.html.page import parse_html

BODY = ("<div class='entry'><p>The bus drivers of the capital have been on strike since Monday "
        "against the new rosters that add two hours to their day.</p><p>We support their demands "
        "and call on passengers to stand with them in the days to come.</p></div>")


def _page(before: str) -> str:
    return (f"<!DOCTYPE html><html><head><title>Party of Atlantis</title></head><body>"
            f"<div id='main'>{before}{BODY}</div></body></html>")


def test_post_meta_line_and_heading_before_the_root():
    meta = parse_html(_page("<h2>Solidarity with the drivers</h2><div class='entry-meta'>"
                            "Statements | 21/11/2019</div>")).meta
    assert meta["byline_date"] == "Statements | 21/11/2019"
    assert meta["heading"] == "Solidarity with the drivers"


def test_updated_and_copyright_lines_are_no_byline():
    meta = parse_html(_page("<h2>Solidarity</h2><div class='post-meta'>Last updated 3/2/2020</div>"
                            "<p class='meta'>© 2024 Party of Atlantis</p>")).meta
    assert "byline_date" not in meta


def test_a_sidebar_before_the_article_is_not_read():
    meta = parse_html(_page("<div class='sidebar'><p class='date'>Posted 12/03/2023</p></div>")).meta
    assert "byline_date" not in meta
