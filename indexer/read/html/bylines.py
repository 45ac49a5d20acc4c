"""The article's own post-meta or byline line and heading, when the article root chosen
for the text leaves them out: "Statements | 21/11/2019" or "Published on 2 October 2016
by …" in a `post-meta` element, and the heading above it, next to the article body.

    article_byline(root) -> {"byline_date": text, "heading": text} (keys only when found)

Only the elements just before the root (and before its nearest ancestors) are read, never
a sidebar, a list of related articles, an "updated" line or a copyright line, so the date
is the article's own. The text is handed on as it is written: the extractor reads the
date in it (`indexer.extract.dates`).
"""

from __future__ import annotations

import re

from bs4.element import Tag

from indexer.read.html.dom import class_words, collapse, first_parts

_BYLINE_CLASSES = {"byline", "meta", "postmeta", "post-meta", "entry-meta", "article-meta",
                   "posted-on", "posted", "published", "pubdate", "date", "dateline",
                   "entry-date", "post-date", "article-date", "info", "post-info", "entry-info",
                   "submitted", "datum", "fecha", "data"}
_OTHER_CLASSES = {"sidebar", "widget", "related", "aside", "latest", "recent", "popular", "comments",
                  "comment", "footer", "nav", "menu", "older", "newer", "previous", "next", "pager",
                  "pagination", "breadcrumb", "breadcrumbs", "share", "tags"}
_BYLINE_TEXT_RE = re.compile(
    r"^(?:posted|published|publicado|publié|veröffentlicht|pubblicato|by\s)|\s[|·•]\s", re.IGNORECASE)
_CHROME_TEXT_RE = re.compile(r"updated|modified|edited|revised|©|copyright|\(c\)\s*\d", re.IGNORECASE)
_DIGIT_RE = re.compile(r"\d")
_MAX_CHARS = 160
_LEVELS = 3  # the root and its nearest ancestors ...
_SIBLINGS = 4  # ... and this many elements before each


def _words(el: Tag) -> set[str]:
    words, whole = class_words(el)
    return words | set(whole)


def _is_byline(el: Tag, text: str) -> bool:
    if not text or len(text) > _MAX_CHARS or not _DIGIT_RE.search(text) or _CHROME_TEXT_RE.search(text):
        return False
    return bool(_words(el) & _BYLINE_CLASSES) or bool(_BYLINE_TEXT_RE.search(text)) or el.name == "time"


def article_byline(root: Tag) -> dict[str, str]:
    """The byline's text and the heading just before the root (see the module docstring)."""
    out: dict[str, str] = {}
    node = root
    for _ in range(_LEVELS):
        if node is None or node.name in (None, "body", "html", "[document]"):
            break
        seen = 0
        for sib in node.previous_siblings:
            if not isinstance(sib, Tag):
                continue
            seen += 1
            if seen > _SIBLINGS or _words(sib) & _OTHER_CLASSES or sib.name in ("nav", "aside", "footer"):
                break
            if sib.name in ("h1", "h2", "h3"):
                text, whole = collapse(sib.get_text(" ")), True
            else:  # only the start of a long block is read: a byline is short
                text, _, whole = first_parts(sib, _MAX_CHARS)
            if "byline_date" not in out and whole and _is_byline(sib, text):
                out["byline_date"] = text
            elif "heading" not in out and sib.name in ("h1", "h2", "h3") and text:
                out["heading"] = text
        if out:
            return out
        node = node.parent
    return out
