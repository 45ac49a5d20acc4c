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
    is_inside,
    text_len,
)
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


def _holds_article(el: Tag, count_h1: bool, site: str) -> bool:
    """True when `el` contains the article (so it must not be removed as chrome)."""
    for node in el.descendants:
        if not isinstance(node, Tag):
            continue
        if is_article_marker(node):
            return True
        if count_h1 and node.name == "h1" and not is_logo_heading(node, site):
            return True
    return False


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
    for heading in [el for el in soup.descendants if isinstance(el, Tag) and el.name in HEADINGS]:
        for anchor in descendant_tags(heading, "a"):
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


def _chrome_kind(el: Tag) -> str | None:
    """"tag", "role", "comments", "class" when `el` is page chrome, else None."""
    if el.name in _CHROME_TAGS:
        return "tag"
    if attr(el, "role").lower() in _CHROME_ROLES:
        return "role"
    words, _ = class_words(el)
    hits = words & _CHROME_WORDS
    if hits == {"header"} and is_inside(el, is_article_marker):
        return None  # a section header inside the article ("section-header", "entry-header")
    if hits:
        return "comments" if hits <= _COMMENT_WORDS else "class"
    return None


def _in_running_text(el: Tag) -> bool:
    """An inline element inside a paragraph, list item, heading or cell: part of a sentence."""
    if el.name in BLOCK_TAGS:
        return False
    return is_inside(el, lambda p: p.name in PARAGRAPH_LIKE or p.name in ("td", "th"))


def remove_chrome(body: Tag, site: str) -> None:
    """Remove navigation, sidebars, banners, share bars, comments and the like from `body`,
    keeping anything that holds the article (an <article>, <main>, content container or h1)."""
    total = max(text_len(body), 1)
    doomed: list[Tag] = []
    for el in descendant_tags(body):
        if el.name in ("html", "body", "article", "main"):
            continue
        if _is_hidden(el):
            if not _holds_article(el, True, site) and text_len(el) < total * 0.5:
                doomed.append(el)
            continue
        if el.name == "header":
            if is_inside(el, is_article_marker) or _holds_article(el, True, site):
                continue
            doomed.append(el)
            continue
        if el.name == "form":
            if text_len(el) < total * 0.5 and not _holds_article(el, True, site):
                doomed.append(el)
            continue
        kind = _chrome_kind(el)
        if kind is None:
            continue
        if kind in ("class", "comments") and (el.name in HEADINGS or _in_running_text(el)):
            continue  # a heading's anchor (class "header") or a link inside a sentence
        if _holds_article(el, kind in ("class", "comments"), site):
            continue
        if kind == "class" and text_len(el) > total * 0.6:
            continue  # a layout wrapper whose name merely mentions a sidebar
        doomed.append(el)
    for el in doomed:
        if not getattr(el, "decomposed", False) and el.parent is not None:
            el.decompose()
