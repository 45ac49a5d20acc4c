"""Page chrome removal: tags that are never content, hidden elements, navigation, sidebars,
banners, share bars, comments, kept wherever they hold the article."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup
from bs4.element import Comment, Declaration, ProcessingInstruction, Tag

from indexer.read.html.dom import (
    BLOCK_TAGS,
    HEADINGS,
    PARAGRAPH_LIKE,
    attr,
    class_words,
    collapse,
    descendant_tags,
    is_article_marker,
)
from indexer.read.html.measure import Measures, with_ancestor, with_descendant
from indexer.read.html.titles import is_logo_heading

# Never content, wherever they are.
_JUNK_TAGS = {
    "script", "style", "noscript", "template", "svg", "math", "iframe", "frame", "frameset",
    "canvas", "object", "embed", "applet", "link", "meta", "base", "input", "select", "option",
    "optgroup", "textarea", "button", "video", "audio", "source", "track", "picture", "img",
    "map", "area", "dialog", "head", "title",
}
# Page chrome by tag (removed unless they hold the article).
_CHROME_TAGS = {"nav", "aside", "menu", "footer"}
_CHROME_ROLES = {
    "navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar",
    "dialog", "alertdialog", "toolbar", "tablist", "directory",
}
# Words of class/id values that name page chrome (after splitting on "-", "_" and camelCase;
# two-word compounds are also checked joined: "side-bar" -> "sidebar").
_CHROME_WORDS = {
    "nav", "navbar", "navigation", "navi", "menu", "menus", "menubar", "submenu", "megamenu",
    "dropdown", "header", "sidebar", "sidebars", "breadcrumb", "breadcrumbs", "crumbs", "footer",
    "masthead", "topbar", "cookie", "cookies", "consent", "gdpr", "share", "shares", "sharing",
    "sharethis", "addthis", "addtoany", "sharebar", "social", "socials", "comments", "comment",
    "disqus", "widget", "widgets", "widgetarea", "advert", "adverts", "advertisement",
    "advertising", "ads", "ad", "adsense", "adslot", "dfp", "sponsor", "sponsored", "promo",
    "related", "popular", "trending", "newsletter", "subscribe", "subscription", "signup",
    "pagination", "pager", "paging", "toolbar", "skiplink", "logo", "branding", "tags",
    "tagcloud", "taglist", "modal", "popup", "overlay", "lightbox", "offcanvas", "hamburger",
    "search", "searchform", "login", "outbrain", "taboola", "recommended", "recommendations",
    "copyright", "colophon", "readalso", "alsoread", "seealso", "mostread", "mostviewed",
    "mostpopular", "mostshared", "mostcommented", "morestories", "morenews", "morearticles",
    "alsolike", "topstories", "latestnews", "latestposts", "recentposts", "recentcomments",
    "postnav", "sitetitle", "sitename", "sitebranding", "readmore", "printfriendly",
}
_COMMENT_WORDS = {"comments", "comment", "disqus"}
# Whole class values that mean "not shown".
_HIDDEN_CLASSES = {
    "hidden", "hide", "d-none", "sr-only", "screen-reader-text", "visually-hidden",
    "visuallyhidden", "screenreader", "element-invisible", "invisible", "offscreen", "u-hidden",
}
_STYLE_HIDDEN_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def remove_junk(soup: BeautifulSoup) -> None:
    """Drop tags that are never content, comments and hidden elements."""
    strings, junk = [], []
    for node in soup.descendants:
        if isinstance(node, Tag):
            if node.name in _JUNK_TAGS:
                junk.append(node)
        elif isinstance(node, (Comment, Declaration, ProcessingInstruction)):
            strings.append(node)
    for node in strings:
        node.extract()
    elements = descendant_tags(soup)
    in_heading = with_ancestor(soup, elements, lambda p: p.name in HEADINGS)
    for anchor in elements:
        if anchor.name == "a" and id(anchor) in in_heading:
            text = collapse(anchor.get_text(" "))
            if text and len(text) <= 2 and not any(ch.isalnum() for ch in text):
                junk.append(anchor)  # a permalink mark such as "¶" or "#"
    for el in junk:
        if not getattr(el, "decomposed", False):
            el.decompose()


def _is_hidden(el: Tag) -> bool:
    if el.has_attr("hidden") or attr(el, "aria-hidden").lower() == "true":
        return True
    if _STYLE_HIDDEN_RE.search(attr(el, "style")):
        return True
    _, whole = class_words(el)
    return any(value in _HIDDEN_CLASSES for value in whole)


def _chrome_kind(el: Tag, in_article: bool) -> str | None:
    """"tag", "role", "comments", "class" when `el` is page chrome, else None
    (`in_article`: `el` sits inside an article marker)."""
    if el.name in _CHROME_TAGS:
        return "tag"
    if attr(el, "role").lower() in _CHROME_ROLES:
        return "role"
    words, _ = class_words(el)
    hits = words & _CHROME_WORDS
    if hits == {"header"} and in_article:
        return None  # a section header inside the article ("section-header", "entry-header")
    if hits:
        return "comments" if hits <= _COMMENT_WORDS else "class"
    return None


def _in_sentence(p: Tag) -> bool:
    return p.name in PARAGRAPH_LIKE or p.name in ("td", "th")


def remove_chrome(body: Tag, site: str) -> None:
    """Remove navigation, sidebars, banners, share bars, comments and the like from `body`,
    keeping anything that holds the article (an <article>, <main>, content container or h1).

    What each element holds and sits in is found in one pass over the page (`measure`), so
    that a page nested thousands deep is read in linear time."""
    elements = descendant_tags(body)
    sizes = Measures(body)
    total = max(sizes.text_len(body), 1)
    in_article = with_ancestor(body, elements, is_article_marker)
    in_sentence = with_ancestor(body, elements, _in_sentence)
    holds_marker = with_descendant(elements, is_article_marker)
    holds_title = with_descendant(elements, lambda el: el.name == "h1" and not is_logo_heading(el, site))

    def holds_article(el: Tag, count_h1: bool) -> bool:
        return id(el) in holds_marker or (count_h1 and id(el) in holds_title)

    doomed: list[Tag] = []
    for el in elements:
        if el.name in ("html", "body", "article", "main"):
            continue
        if _is_hidden(el):
            if not holds_article(el, True) and sizes.text_len(el) < total * 0.5:
                doomed.append(el)
            continue
        if el.name == "header":
            if id(el) in in_article or holds_article(el, True):
                continue
            doomed.append(el)
            continue
        if el.name == "form":
            if sizes.text_len(el) < total * 0.5 and not holds_article(el, True):
                doomed.append(el)
            continue
        kind = _chrome_kind(el, id(el) in in_article)
        if kind is None:
            continue
        running = el.name not in BLOCK_TAGS and id(el) in in_sentence
        if kind in ("class", "comments") and (el.name in HEADINGS or running):
            continue  # a heading's anchor (class "header") or a link inside a sentence
        if holds_article(el, kind in ("class", "comments")):
            continue
        if kind == "class" and sizes.text_len(el) > total * 0.6:
            continue  # a layout wrapper whose name merely mentions a sidebar
        doomed.append(el)
    for el in doomed:
        if not getattr(el, "decomposed", False) and el.parent is not None:
            el.decompose()
