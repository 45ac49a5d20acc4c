"""Shared reading of a parsed page: the parser, tag vocabularies, element predicates and text.

Every module of `indexer.read.html` walks the BeautifulSoup tree through these helpers.
"""

from __future__ import annotations

import re
import warnings

from bs4 import BeautifulSoup
from bs4.element import (
    CData,
    Comment,
    Declaration,
    Doctype,
    NavigableString,
    ProcessingInstruction,
    Tag,
)

from indexer.read.html.depth import limit_depth

try:  # bs4 >= 4.10 gives the text of <script>/<style>/<template> its own string classes
    from bs4.element import Script, Stylesheet, TemplateString

    SKIPPED_STRINGS: tuple[type, ...] = (Comment, Declaration, Doctype, ProcessingInstruction,
                                          Script, Stylesheet, TemplateString)
except ImportError:  # pragma: no cover
    SKIPPED_STRINGS = (Comment, Declaration, Doctype, ProcessingInstruction)

# Class values that classify a post rather than describe a page part (WordPress and alike).
_TAXONOMY_PREFIXES = ("category-", "tag-", "term-", "taxonomy-", "has-", "with-", "no-", "postid-")
# Whole class/id values of containers that hold the article text.
_CONTENT_RE = re.compile(
    r"^(?:content|main|main-?content|page-?content|site-?content|primary-?content|entry|"
    r"entry-?content|entry-?body|post|post-?content|post-?body|post-?text|single-?post|"
    r"article|article-?body|article-?content|article-?text|articlebody|story|story-?body|"
    r"story-?content|text|body-?text|node__content|node-?content|field-?item|field-?items|"
    r"field--name-body|field-name-body|itemfulltext|item-?page|news-?text|news-?body|"
    r"news-?content|statement|document|publication|rich-?text|richtext|prose|maincontent|"
    r"mw-parser-output|mw-content-text)$",
    re.I,
)

BLOCK_TAGS = {
    "p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "blockquote",
    "pre", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "dt", "dd", "li", "table",
    "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "figure", "figcaption", "address",
    "center", "hr", "form", "fieldset", "legend", "details", "summary", "hgroup", "body", "html",
    "menu", "dir", "search", "listing", "xmp", "plaintext", "colgroup", "col",
}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
LISTS = {"ul", "ol", "dl", "menu", "dir"}
PARAGRAPH_LIKE = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "dd", "dt",
                   "figcaption", "caption", "address", "summary"}

INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u2060\ufeff"), None)
_SPACE_RE = re.compile(r"\s+")
_WORD_SPLIT_RE = re.compile(r"[-_\s:.]+")
_CAMEL_RE = re.compile(r"(?<=[a-z])(?=[A-Z])")


def collapse(text: str) -> str:
    """Whitespace runs (NBSP included) to one space, soft hyphens and zero-width marks removed."""
    return _SPACE_RE.sub(" ", text.translate(INVISIBLE)).strip()


def make_soup(html: str) -> BeautifulSoup:
    """lxml when it copes, html.parser when lxml fails or loses much of the text; the
    page's nesting limited first (see `depth`)."""
    html = limit_depth(html)
    with warnings.catch_warnings():
        # bs4 warns about XHTML ("looks like XML") and about short strings that look like
        # file names; neither matters for reading a page.
        warnings.simplefilter("ignore")
        try:
            soup = BeautifulSoup(html, "lxml")
        except Exception:  # noqa: BLE001 - any lxml failure falls back to the pure-Python parser
            return BeautifulSoup(html, "html.parser")
        rough = len(collapse(re.sub(r"<[^>]*>", " ", html)))
        if rough > 500 and len(collapse(soup.get_text(" "))) < rough * 0.5:
            other = BeautifulSoup(html, "html.parser")
            if len(other.get_text(" ")) > len(soup.get_text(" ")):
                return other
    return soup


def class_words(el: Tag) -> tuple[set[str], list[str]]:
    """(words of the element's class and id values, its whole lower-cased class values)."""
    values: list[str] = []
    classes = el.get("class") or []
    if isinstance(classes, str):
        classes = classes.split()
    values.extend(c for c in classes if c)
    ident = el.get("id")
    if isinstance(ident, str) and ident:
        values.append(ident)
    words: set[str] = set()
    whole: list[str] = []
    for value in values:
        lower = value.lower()
        whole.append(lower)
        if lower.startswith(_TAXONOMY_PREFIXES) or re.match(r"post-\d+$", lower):
            continue
        parts = [p.lower() for p in _WORD_SPLIT_RE.split(_CAMEL_RE.sub("-", value)) if p]
        words.update(parts)
        words.update(a + b for a, b in zip(parts, parts[1:]))
        if len(parts) > 2:
            words.update(a + b + c for a, b, c in zip(parts, parts[1:], parts[2:]))
    return words, whole


def descendant_tags(el: Tag, name: str | None = None) -> list[Tag]:
    """The descendant elements of `el` in document order (only those named `name` if given);
    a plain walk, much faster than `find_all` with its filter machinery."""
    if name is None:
        return [node for node in el.descendants if isinstance(node, Tag)]
    return [node for node in el.descendants if isinstance(node, Tag) and node.name == name]


def attr(el: Tag, name: str) -> str:
    value = el.get(name)
    if isinstance(value, list):
        value = " ".join(value)
    return value.strip() if isinstance(value, str) else ""


def is_content_container(el: Tag) -> bool:
    _, whole = class_words(el)
    return any(_CONTENT_RE.match(value) for value in whole)


def is_article_marker(el: Tag) -> bool:
    return (
        el.name in ("article", "main")
        or attr(el, "role").lower() == "main"
        or attr(el, "itemprop").lower() == "articlebody"
        or is_content_container(el)
    )


def is_inside(el: Tag, predicate) -> bool:
    parent = el.parent
    while parent is not None and isinstance(parent, Tag):
        if predicate(parent):
            return True
        parent = parent.parent
    return False


def text_len(el: Tag) -> int:
    return len(collapse(el.get_text(" ")))


def inline_text(el: Tag) -> str:
    """The text of `el` on one line (<br> as a space)."""
    parts = []
    for node in el.descendants:
        if isinstance(node, Tag):
            if node.name in ("br", "p", "div", "li"):
                parts.append(" ")
        elif isinstance(node, NavigableString) and not isinstance(node, SKIPPED_STRINGS):
            parts.append(str(node))
    return collapse("".join(parts))


def first_parts(el: Tag, max_chars: int, max_nodes: int = 200) -> tuple[str, list[Tag], bool]:
    """The start of `el`'s text (`get_text(" ")` collapsed, at least `max_chars` characters
    when it has them), the <a> elements met on the way, and whether the whole of `el` was
    read. The walk stops there, or after `max_nodes` nodes, so that asking each of many
    nested elements for its first words stays cheap."""
    pieces: list[str] = []
    links: list[Tag] = []
    chars = 0
    seen = 0
    stack = list(reversed(el.contents))
    while stack:
        node = stack.pop()
        seen += 1
        if chars > max_chars or seen > max_nodes:
            return collapse(" ".join(pieces)), links, False
        if isinstance(node, Tag):
            if node.name == "a":
                links.append(node)
            stack.extend(reversed(node.contents))
        elif type(node) in (NavigableString, CData):
            pieces.append(node)
            chars += len("".join(node.translate(INVISIBLE).split()))
    return collapse(" ".join(pieces)), links, True
