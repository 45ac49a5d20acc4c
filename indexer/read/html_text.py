"""HTML page -> the article's blocks, its title and the page's head metadata.

`parse_html(text)` keeps the article and drops the page around it: scripts and styles,
navigation, menus, sidebars, "related"/"most read" lists, breadcrumbs, share buttons,
comments, cookie banners and the page header and footer. The article root is the
`<article>` / `[role=main]` / `<main>` / known content container, else the element with
the most paragraph text. Blocks come out in document order (see `indexer.model.BLOCK_KINDS`).
"""

from __future__ import annotations

import json
import re
import warnings
from dataclasses import dataclass, field
from urllib.parse import urlparse

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

from indexer.model import Block

try:  # bs4 >= 4.10 gives the text of <script>/<style>/<template> its own string classes
    from bs4.element import Script, Stylesheet, TemplateString

    _SKIPPED_STRINGS: tuple[type, ...] = (Comment, Declaration, Doctype, ProcessingInstruction,
                                          Script, Stylesheet, TemplateString)
except ImportError:  # pragma: no cover
    _SKIPPED_STRINGS = (Comment, Declaration, Doctype, ProcessingInstruction)


@dataclass
class HtmlContent:
    """What a page yields: article blocks, the article title and head metadata."""

    blocks: list[Block]
    title: str | None = None
    meta: dict[str, str] = field(default_factory=dict)  # "date", "site", "url", "author", "lang"


# --------------------------------------------------------------------------- vocabulary

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
_LOGO_WORDS = {"logo", "sitetitle", "sitename", "brand", "branding", "sitebranding", "masthead"}

_BLOCK_TAGS = {
    "p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "blockquote",
    "pre", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "dt", "dd", "li", "table",
    "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "figure", "figcaption", "address",
    "center", "hr", "form", "fieldset", "legend", "details", "summary", "hgroup", "body", "html",
    "menu", "dir", "search", "listing", "xmp", "plaintext", "colgroup", "col",
}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_LISTS = {"ul", "ol", "dl", "menu", "dir"}
_PARAGRAPH_LIKE = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "dd", "dt",
                   "figcaption", "caption", "address", "summary"}
_STRUCTURE_IN_CELL = {"table", "ul", "ol", "dl", "h1", "h2", "h3", "h4", "h5", "h6",
                      "blockquote", "pre", "section", "article", "form"}

_BR = "\u2028"  # stands for <br> inside a block's text until the block is written
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u2060\ufeff"), None)
_SPACE_RE = re.compile(r"\s+")
_WORD_SPLIT_RE = re.compile(r"[-_\s:.]+")
_CAMEL_RE = re.compile(r"(?<=[a-z])(?=[A-Z])")
_STYLE_HIDDEN_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)

_TAG_RE = re.compile(r"<(?:[a-zA-Z][a-zA-Z0-9:-]*[\s/>]|/[a-zA-Z]|!--|!doctype)", re.I)
_HTML_START_RE = re.compile(
    r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S
)


def looks_like_html(text: str, loose: bool = False) -> bool:
    """True when `text` is an HTML page.

    Strict (for files named .txt): it must start with a doctype or an <html> tag.
    Loose (for files named .html): any tag or comment counts.
    """
    if _HTML_START_RE.match(text[:4096]):
        return True
    return bool(loose and _TAG_RE.search(text[:200000]))


def collapse(text: str) -> str:
    """Whitespace runs (NBSP included) to one space, soft hyphens and zero-width marks removed."""
    return _SPACE_RE.sub(" ", text.translate(_INVISIBLE)).strip()


# --------------------------------------------------------------------------- parsing


def _soup(html: str) -> BeautifulSoup:
    """lxml when it copes, html.parser when lxml fails or loses much of the text."""
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


def _words(el: Tag) -> tuple[set[str], list[str]]:
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


def _tags(el: Tag, name: str | None = None) -> list[Tag]:
    """The descendant elements of `el` in document order (only those named `name` if given);
    a plain walk, much faster than `find_all` with its filter machinery."""
    if name is None:
        return [node for node in el.descendants if isinstance(node, Tag)]
    return [node for node in el.descendants if isinstance(node, Tag) and node.name == name]


def _attr(el: Tag, name: str) -> str:
    value = el.get(name)
    if isinstance(value, list):
        value = " ".join(value)
    return value.strip() if isinstance(value, str) else ""


def _is_content_container(el: Tag) -> bool:
    _, whole = _words(el)
    return any(_CONTENT_RE.match(value) for value in whole)


def _is_article_marker(el: Tag) -> bool:
    return (
        el.name in ("article", "main")
        or _attr(el, "role").lower() == "main"
        or _attr(el, "itemprop").lower() == "articlebody"
        or _is_content_container(el)
    )


def _is_logo_heading(h: Tag, site: str = "") -> bool:
    """An <h1> that carries the site's name or logo, not an article title."""
    node: Tag | None = h
    for _ in range(3):
        if node is None or not isinstance(node, Tag):
            break
        words, _ = _words(node)
        if words & _LOGO_WORDS:
            return True
        node = node.parent
    text = collapse(h.get_text(" "))
    if not text:
        return True
    if site and _same_name(text, site):
        return True
    links = _tags(h, "a")
    if len(links) == 1 and collapse(links[0].get_text(" ")) == text:
        href = _attr(links[0], "href")
        if href in ("/", "./", "#", "index.html", "index.php") or re.match(r"^https?://[^/]+/?$", href):
            return True
    return False


def _holds_article(el: Tag, count_h1: bool, site: str) -> bool:
    """True when `el` contains the article (so it must not be removed as chrome)."""
    for node in el.descendants:
        if not isinstance(node, Tag):
            continue
        if _is_article_marker(node):
            return True
        if count_h1 and node.name == "h1" and not _is_logo_heading(node, site):
            return True
    return False


def _inside(el: Tag, predicate) -> bool:
    parent = el.parent
    while parent is not None and isinstance(parent, Tag):
        if predicate(parent):
            return True
        parent = parent.parent
    return False


def _text_len(el: Tag) -> int:
    return len(collapse(el.get_text(" ")))


# --------------------------------------------------------------------------- head metadata

# Publication dates in order of trust; generic "date" names come after the article's <time>.
_PUBLISHED_META = (
    "article:published_time", "og:article:published_time", "og:published_time",
    "datepublished", "article.published", "published_time", "publishdate", "publish-date",
    "publish_date", "citation_publication_date", "parsely-pub-date", "sailthru.date",
    "article_date_original", "original-publish-date",
)
_GENERIC_DATE_META = (
    "date", "dc.date", "dc.date.issued", "dc.date.created", "dcterms.date", "dcterms.issued",
    "dcterms.created", "pubdate",
)


def _json_ld(soup: BeautifulSoup) -> list[dict]:
    """Every object in the page's JSON-LD scripts (including "@graph" members)."""
    objects: list[dict] = []
    for script in soup.find_all("script", attrs={"type": re.compile(r"ld\+json", re.I)}):
        raw = script.string or script.get_text()
        raw = re.sub(r"^\s*(?:<!\[CDATA\[|//\s*<!\[CDATA\[)|(?://\s*)?\]\]>\s*$", "", raw or "")
        try:
            data = json.loads(raw)
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                objects.append(item)
                graph = item.get("@graph")
                if isinstance(graph, list):
                    stack.extend(reversed(graph))
    return objects


def _ld_type(obj: dict) -> str:
    kind = obj.get("@type", "")
    if isinstance(kind, list):
        kind = " ".join(str(k) for k in kind)
    return str(kind)


def _head_info(soup: BeautifulSoup) -> dict[str, str]:
    """Title candidates and metadata from <head> (and page-wide meta/JSON-LD).

    Keys: "og_title", "doc_title", "ld_headline" (title candidates) and "date", "site",
    "url", "author", "lang" (metadata).
    """
    info: dict[str, str] = {}
    metas: dict[str, str] = {}
    for meta in soup.find_all("meta"):
        key = (_attr(meta, "property") or _attr(meta, "name") or _attr(meta, "itemprop")).lower()
        content = collapse(_attr(meta, "content"))
        if key and content and key not in metas:
            metas[key] = content
    for key in _PUBLISHED_META:
        if metas.get(key):
            info["date"] = metas[key]
            break
    for key in _GENERIC_DATE_META:
        if metas.get(key):
            info["meta_date"] = metas[key]
            break
    if "date" not in info or "meta_date" not in info:
        # microdata / RDFa on body elements: itemprop="datePublished", property="dc:date"
        for el in _tags(soup):
            if el.name == "meta":
                continue
            value = _attr(el, "content") or _attr(el, "datetime")
            if not value or not re.search(r"\d", value):
                continue
            itemprop = _attr(el, "itemprop").lower()
            rdfa = _attr(el, "property").lower().split()
            if itemprop == "datepublished" and "date" not in info:
                info["date"] = value
            elif ({"dc:date", "dc:created", "dcterms:created", "dcterms:issued"} & set(rdfa)
                  and "meta_date" not in info):
                info["meta_date"] = value
    for key in ("og:title", "twitter:title", "dc.title", "dcterms.title"):
        if metas.get(key):
            info["og_title"] = metas[key]
            break
    for key in ("og:site_name", "application-name", "twitter:site"):
        value = metas.get(key, "")
        if value and not (key == "twitter:site" and value.startswith("@")):
            info["site"] = value
            break
    if metas.get("author") and not metas["author"].startswith(("http://", "https://")):
        info["author"] = metas["author"]
    canonical = soup.find("link", rel=lambda v: v and "canonical" in (v if isinstance(v, list) else [v]))
    url = (_attr(canonical, "href") if canonical else "") or metas.get("og:url", "")
    if url.startswith(("http://", "https://")):
        info["url"] = url
    html = soup.find("html")
    if html is not None and _attr(html, "lang"):
        info["lang"] = _attr(html, "lang")
    head = soup.head
    title_tag = head.find("title") if head is not None else None
    if title_tag is None:
        title_tag = next((t for t in soup.find_all("title") if not _inside(t, lambda p: p.name == "svg")), None)
    if title_tag is not None and collapse(title_tag.get_text(" ")):
        info["doc_title"] = collapse(title_tag.get_text(" "))

    objects = _json_ld(soup)
    articles = [o for o in objects if re.search(r"Article|Posting|Report|Release", _ld_type(o))]
    for obj in articles + objects:
        published = obj.get("datePublished") or obj.get("dateCreated")
        if "date" not in info and isinstance(published, str) and published.strip():
            info["date"] = published.strip()
        headline = obj.get("headline")
        if "ld_headline" not in info and obj in articles and isinstance(headline, str) and headline.strip():
            info["ld_headline"] = collapse(headline)
        publisher = obj.get("publisher")
        if "site" not in info and isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
            info["site"] = collapse(publisher["name"])
    return info


# --------------------------------------------------------------------------- titles

_TITLE_SEPARATORS = (" | ", " || ", " – ", " — ", " :: ", " » ", " « ", " · ", " - ", " ~ ")
_DOMAIN_RE = re.compile(r"^(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)+/?$", re.I)


def _simple(text: str) -> str:
    return re.sub(r"[^\w]+", "", text.casefold())


def _same_name(a: str, b: str) -> bool:
    """Two spellings of a site name ("SolidNet" / "solidnet.org" / "SOLIDNET")?"""
    sa, sb = _simple(re.sub(r"^(?:https?://)?(?:www\.)?", "", a, flags=re.I)), _simple(b)
    if not sa or not sb:
        return False
    if sa == sb:
        return True
    for one, other in ((a, sb), (b, sa)):  # "kke.gr" is "KKE"
        if _simple(re.sub(r"^(?:https?://)?(?:www\.)?|\.[a-z]{2,6}/?$", "", one.strip().lower())) == other:
            return True
    # "SolidNet" / "SolidNet Online": one is the other plus a short tail
    short, long = sorted((sa, sb), key=len)
    return len(short) >= 4 and len(long) - len(short) <= 8 and long.startswith(short)


def _site_names(info: dict[str, str]) -> list[str]:
    names = [info["site"]] if info.get("site") else []
    url = info.get("url")
    if url:
        host = urlparse(url).hostname or ""
        host = re.sub(r"^www\.", "", host)
        if host:
            names.append(host)
            names.append(host.split(".")[0])
    return names


def clean_title(raw: str, site_names: list[str] | tuple[str, ...] = (), guess: bool = False) -> str:
    """A page title without its site part ("Statement | Site Name" -> "Statement").

    A part is dropped when it matches one of `site_names` or looks like a domain; with
    `guess`, also a short last part (at most 6 words, no longer than the rest). Never
    returns "" for a non-empty title.
    """
    title = collapse(raw)
    for _ in range(3):
        sep = next((s for s in _TITLE_SEPARATORS if s in title), None)
        if sep is None:
            break
        parts = title.split(sep)
        first, last = parts[0].strip(), parts[-1].strip()
        rest_after_last = sep.join(parts[:-1]).strip()
        rest_after_first = sep.join(parts[1:]).strip()

        def is_site(part: str) -> bool:
            return bool(_DOMAIN_RE.match(part)) or any(_same_name(part, name) for name in site_names)

        if is_site(last) and rest_after_last:
            title = rest_after_last
        elif is_site(first) and rest_after_first:
            title = rest_after_first
        elif guess and rest_after_last and len(last.split()) <= 6 and len(last) <= len(rest_after_last):
            title = rest_after_last
            guess = False  # guess once; further parts go only on evidence
        else:
            break
    return title or collapse(raw)


# --------------------------------------------------------------------------- removal


def _remove_junk(soup: BeautifulSoup) -> None:
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
    for heading in [el for el in soup.descendants if isinstance(el, Tag) and el.name in _HEADINGS]:
        for anchor in _tags(heading, "a"):
            text = collapse(anchor.get_text(" "))
            if text and len(text) <= 2 and not any(ch.isalnum() for ch in text):
                junk.append(anchor)  # a permalink mark such as "¶" or "#"
    for el in junk:
        if not getattr(el, "decomposed", False):
            el.decompose()


def _is_hidden(el: Tag) -> bool:
    if el.has_attr("hidden") or _attr(el, "aria-hidden").lower() == "true":
        return True
    if _STYLE_HIDDEN_RE.search(_attr(el, "style")):
        return True
    _, whole = _words(el)
    return any(value in _HIDDEN_CLASSES for value in whole)


def _chrome_kind(el: Tag) -> str | None:
    """"tag", "role", "comments", "class" when `el` is page chrome, else None."""
    if el.name in _CHROME_TAGS:
        return "tag"
    if _attr(el, "role").lower() in _CHROME_ROLES:
        return "role"
    words, _ = _words(el)
    hits = words & _CHROME_WORDS
    if hits == {"header"} and _inside(el, _is_article_marker):
        return None  # a section header inside the article ("section-header", "entry-header")
    if hits:
        return "comments" if hits <= _COMMENT_WORDS else "class"
    return None


def _in_running_text(el: Tag) -> bool:
    """An inline element inside a paragraph, list item, heading or cell: part of a sentence."""
    if el.name in _BLOCK_TAGS:
        return False
    return _inside(el, lambda p: p.name in _PARAGRAPH_LIKE or p.name in ("td", "th"))


def _remove_chrome(body: Tag, site: str) -> None:
    """Remove navigation, sidebars, banners, share bars, comments and the like from `body`,
    keeping anything that holds the article (an <article>, <main>, content container or h1)."""
    total = max(_text_len(body), 1)
    doomed: list[Tag] = []
    for el in _tags(body):
        if el.name in ("html", "body", "article", "main"):
            continue
        if _is_hidden(el):
            if not _holds_article(el, True, site) and _text_len(el) < total * 0.5:
                doomed.append(el)
            continue
        if el.name == "header":
            if _inside(el, _is_article_marker) or _holds_article(el, True, site):
                continue
            doomed.append(el)
            continue
        if el.name == "form":
            if _text_len(el) < total * 0.5 and not _holds_article(el, True, site):
                doomed.append(el)
            continue
        kind = _chrome_kind(el)
        if kind is None:
            continue
        if kind in ("class", "comments") and (el.name in _HEADINGS or _in_running_text(el)):
            continue  # a heading's anchor (class "header") or a link inside a sentence
        if _holds_article(el, kind in ("class", "comments"), site):
            continue
        if kind == "class" and _text_len(el) > total * 0.6:
            continue  # a layout wrapper whose name merely mentions a sidebar
        doomed.append(el)
    for el in doomed:
        if not getattr(el, "decomposed", False) and el.parent is not None:
            el.decompose()


# --------------------------------------------------------------------------- article root


def _owner(node) -> Tag | None:
    parent = node.parent
    while parent is not None and parent.name not in _BLOCK_TAGS:
        parent = parent.parent
    return parent


def _densest(body: Tag) -> Tag | None:
    """The element with the most paragraph text (link text counts for a fifth)."""
    scores: dict[int, float] = {}
    elements: dict[int, Tag] = {}

    def add(el: Tag | None, value: float) -> None:
        if el is None or not isinstance(el, Tag):
            return
        scores[id(el)] = scores.get(id(el), 0.0) + value
        elements[id(el)] = el

    for string in body.descendants:
        if not isinstance(string, NavigableString) or isinstance(string, _SKIPPED_STRINGS):
            continue
        text = collapse(str(string))
        if not text:
            continue
        weight = 0.2 if _inside(string, lambda p: p.name == "a") else 1.0
        value = len(text) * weight
        owner = _owner(string)
        if owner is None:
            continue
        if owner.name in _PARAGRAPH_LIKE:
            add(owner.parent, value)
            add(owner.parent.parent if owner.parent is not None else None, value / 2)
        else:
            add(owner, value)
            add(owner.parent, value / 2)
    if not scores:
        return None
    best = max(scores, key=lambda key: scores[key])
    return elements[best]


def _tightest(candidates: list[Tag], total: int) -> Tag | None:
    """Among candidates holding at least a quarter of the page's non-link text (`total`), the
    smallest one that still holds 70 % of the biggest candidate's text."""
    sized = [(c, _text_len(c)) for c in candidates]
    sized = [(c, n) for c, n in sized if n and n >= total * 0.25]
    if not sized:
        return None
    biggest = max(n for _, n in sized)
    fitting = [(c, n) for c, n in sized if n >= biggest * 0.7]
    return min(fitting, key=lambda item: item[1])[0]


def _link_len(el: Tag) -> int:
    return sum(len(collapse(a.get_text(" "))) for a in _tags(el, "a"))


def _climb(el: Tag, body: Tag) -> Tag:
    """Widen `el` while its parent adds little text, and that text is not mostly links
    (a lead paragraph in a sibling div comes in; a menu does not)."""
    size = _text_len(el)
    links = _link_len(el)
    while el.parent is not None and el is not body and el.parent.name not in ("html", "[document]"):
        parent_size = _text_len(el.parent)
        parent_links = _link_len(el.parent)
        added = parent_size - size
        if added > size * 0.25 + 200:
            break
        if added > 0 and (parent_links - links) * 2 > added:
            break
        el, size, links = el.parent, parent_size, parent_links
    return el


def _common_ancestor(a: Tag, b: Tag) -> Tag | None:
    seen = set()
    node = a
    while node is not None:
        seen.add(id(node))
        node = node.parent
    node = b
    while node is not None:
        if id(node) in seen:
            return node
        node = node.parent
    return None


def _with_heading(root: Tag, body: Tag, site: str) -> Tag:
    """Widen `root` to take in the page's h1 when that adds little else."""
    if root.find("h1") is not None or root is body:
        return root
    elements = _tags(body)
    order = {id(el): i for i, el in enumerate(elements)}
    start = order.get(id(root), 0)
    before = [h for h in elements
              if h.name == "h1" and order.get(id(h), 0) < start and not _is_logo_heading(h, site)]
    if not before:
        return root
    heading = before[-1]
    ancestor = _common_ancestor(root, heading)
    if ancestor is None:
        return root
    extra = max(300, _text_len(root) * 0.2)
    if _text_len(ancestor) <= _text_len(root) + _text_len(heading) + extra:
        return ancestor
    return root


def _choose_root(body: Tag, site: str) -> Tag:
    """The element that holds the article (see module docstring); `body` when unsure."""
    if not _text_len(body):
        return body
    total = max(_text_len(body) - _link_len(body), 1)  # link lists left over weigh nothing
    elements = _tags(body)
    groups = (
        [el for el in elements if _attr(el, "itemprop").lower() == "articlebody"],
        [el for el in elements if el.name == "article"],
        [el for el in elements if el.name == "main" or _attr(el, "role").lower() == "main"],
        [el for el in elements if _is_content_container(el)],
    )
    for group in groups:
        root = _tightest(group, total)
        if root is not None:
            return _with_heading(root, body, site)
    dense = _densest(body)
    if dense is None:
        return body
    return _with_heading(_climb(dense, body), body, site)


# --------------------------------------------------------------------------- blocks


_OL_TYPES = {"a": "alpha", "A": "ALPHA", "i": "roman", "I": "ROMAN"}


def _roman(n: int) -> str:
    out = []
    for value, numeral in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out.append(numeral)
            n -= value
    return "".join(out)


def _ol_marker(number: int, style: str) -> str:
    if style in ("alpha", "ALPHA") and 1 <= number <= 26:
        letter = chr(ord("a") + number - 1)
        return (letter.upper() if style == "ALPHA" else letter) + "."
    if style in ("roman", "ROMAN") and number >= 1:
        numeral = _roman(number)
        return (numeral if style == "ROMAN" else numeral.lower()) + "."
    return f"{number}."


def _int_attr(el: Tag, name: str, default: int) -> int:
    try:
        return int(_attr(el, name))
    except ValueError:
        return default


def _inline_text(el: Tag) -> str:
    """The text of `el` on one line (<br> as a space)."""
    parts = []
    for node in el.descendants:
        if isinstance(node, Tag):
            if node.name in ("br", "p", "div", "li"):
                parts.append(" ")
        elif isinstance(node, NavigableString) and not isinstance(node, _SKIPPED_STRINGS):
            parts.append(str(node))
    return collapse("".join(parts))


def _own_rows(table: Tag) -> list[Tag]:
    return [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]


def _row_cells(tr: Tag) -> list[Tag]:
    return [c for c in tr.find_all(["td", "th"], recursive=False)]


def _is_data_table(table: Tag) -> bool:
    """A table of data (rows of short cells) rather than a page layout grid."""
    if table.find("table") is not None:
        return False
    rows = _own_rows(table)
    if not rows:
        return False
    cells = [_row_cells(tr) for tr in rows]
    if len(rows) == 1 and max((len(c) for c in cells), default=0) <= 1:
        return False
    for row in cells:
        for cell in row:
            if cell.find(list(_STRUCTURE_IN_CELL)) is not None:
                return False
            if len(cell.find_all(["p", "div"])) > 3 or _text_len(cell) > 1500:
                return False
    return True


class _BlockWriter:
    """Walks an element in document order and writes `Block`s."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.buffer: list[str] = []
        self.pending_break = False
        self.prefix = ""  # an <ol> item's number, put before the item's first text

    # -- output helpers
    def _add(self, block: Block) -> None:
        if self.prefix and block.text:
            block = Block(f"{self.prefix} {block.text}", block.kind, block.cells)
            self.prefix = ""
        if self.pending_break and self.blocks and self.blocks[-1].kind != "break":
            self.blocks.append(Block("", "break"))
        self.pending_break = False
        self.blocks.append(block)

    def _hard_break(self) -> None:
        self.pending_break = True

    def flush(self, kind: str) -> None:
        """Write the buffered inline text as one block of `kind` (or as lines at <br>s)."""
        if not self.buffer:
            return
        text = "".join(self.buffer)
        self.buffer.clear()
        if _BR in text:
            pieces = [collapse(piece) for piece in text.split(_BR)]
            filled = [piece for piece in pieces if piece]
            if kind == "paragraph" and len(filled) >= 2:
                self._hard_break()
                blank = False
                for piece in pieces:
                    if piece:
                        if blank and self.blocks and self.blocks[-1].kind == "line" and self.blocks[-1].text:
                            self._add(Block("", "line"))
                        self._add(Block(piece, "line"))
                        blank = False
                    else:
                        blank = True
                self._hard_break()
                return
            text = " ".join(filled)
        text = collapse(text)
        if text:
            self._add(Block(text, kind))

    def _write_pre(self, pre: Tag) -> None:
        text = pre.get_text().translate(_INVISIBLE).replace("\xa0", " ")
        lines = [line.rstrip() for line in text.split("\n")]
        while lines and not lines[0].strip():
            lines.pop(0)
        while lines and not lines[-1].strip():
            lines.pop()
        if not lines:
            return
        self._hard_break()
        previous_blank = False
        for line in lines:
            if not line.strip():
                if not previous_blank:
                    self._add(Block("", "line"))
                previous_blank = True
                continue
            previous_blank = False
            self._add(Block(line, "line"))
        self._hard_break()

    def _write_table(self, table: Tag) -> None:
        self._hard_break()
        caption = table.find("caption")
        if caption is not None and caption.find_parent("table") is table:
            text = _inline_text(caption)
            if text:
                self._add(Block(text, "paragraph"))
        for tr in _own_rows(table):
            cells = tuple(_inline_text(cell) for cell in _row_cells(tr))
            filled = [cell for cell in cells if cell]
            if filled:
                self._add(Block(" | ".join(filled), "row", cells))
        self._hard_break()

    # -- the walk
    def write(self, root: Tag) -> list[Block]:
        """All blocks of `root`, in document order."""
        kinds: list[str] = ["paragraph"]
        list_depth = 0
        # Stack entries: (node, None) to enter, or (tag, "exit") to close a block element.
        stack: list[tuple[object, str | None]] = [(root, None)]
        ol_counters: list[tuple[int, str, bool]] = []  # (next number, style, reversed)
        item_starts: list[int] = []  # len(self.blocks) when each open <li> began
        while stack:
            node, action = stack.pop()
            if action == "exit":
                tag = node
                self.flush(kinds[-1])
                kinds.pop()
                if tag.name == "li" and item_starts:
                    item_starts.pop()
                    self.prefix = ""
                if tag.name in _LISTS:
                    list_depth -= 1
                    if tag.name == "ol":
                        ol_counters.pop()
                    if list_depth == 0:
                        self._hard_break()
                elif tag.name == "blockquote":
                    self._hard_break()
                continue
            if isinstance(node, NavigableString):
                if not isinstance(node, _SKIPPED_STRINGS) or isinstance(node, CData):
                    self.buffer.append(str(node))
                continue
            if not isinstance(node, Tag):
                continue
            name = node.name
            if name == "br":
                self.buffer.append(_BR)
                continue
            if name == "hr":
                self.flush(kinds[-1])
                self._hard_break()
                continue
            if name in ("pre", "xmp", "listing", "plaintext"):
                self.flush(kinds[-1])
                self._write_pre(node)
                continue
            if name == "table" and _is_data_table(node):
                self.flush(kinds[-1])
                self._write_table(node)
                continue
            children = list(node.children)
            if name not in _BLOCK_TAGS:
                stack.extend((child, None) for child in reversed(children))
                continue
            self.flush(kinds[-1])
            if name in _HEADINGS:
                kind = "heading"
            elif name == "li" or (name in _LISTS and name != "dl"):
                kind = "item"
            elif kinds[-1] == "item" and item_starts and len(self.blocks) == item_starts[-1]:
                kind = "item"  # <li><p>text</p></li>: the first paragraph is the item itself
            else:
                kind = "paragraph"
            if name == "li":
                item_starts.append(len(self.blocks))
            if name in _LISTS:
                if list_depth == 0:
                    self._hard_break()
                list_depth += 1
                if name == "ol":
                    style = _OL_TYPES.get(_attr(node, "type"), "decimal")
                    backwards = node.has_attr("reversed")
                    own_items = len(node.find_all("li", recursive=False))
                    start = _int_attr(node, "start", own_items if backwards else 1)
                    ol_counters.append((start, style, backwards))
            elif name == "blockquote":
                self._hard_break()
            if name == "li" and ol_counters and node.parent is not None and node.parent.name == "ol":
                number, style, backwards = ol_counters[-1]
                number = _int_attr(node, "value", number)
                ol_counters[-1] = (number - 1 if backwards else number + 1, style, backwards)
                marker = _ol_marker(number, style)
                first_text = collapse(node.get_text(" "))[:12]
                if not re.match(r"^\(?(?:\d{1,3}|[ivxlcdm]{1,6}|[IVXLCDM]{1,6}|[a-zA-Z])[.)](?:\s|$)", first_text):
                    self.prefix = marker
            kinds.append(kind)
            stack.append((node, "exit"))
            stack.extend((child, None) for child in reversed(children))
        self.flush(kinds[-1])
        return self.blocks


# --------------------------------------------------------------------------- clean-up of blocks

_CHROME_LINE_RE = re.compile(
    r"""^(?:
      (?:last\s+)?(?:updated|modified)(?:\s+on)?\b.{0,60}
    | (?:©|\(c\)\s*\d|copyright\b).{0,200}
    | share(?:\s+(?:this|on|via|the)\b.{0,40})?\s*:?
    | (?:print|e-?mail|tweet|facebook|twitter|x|linkedin|whatsapp|telegram|reddit|pinterest|vk|
         copy\s+link|print\s+this(?:\s+\w+)?|e-?mail\s+this(?:\s+\w+)?|pdf|download\s+(?:as\s+)?pdf|
         print(?:\s*/\s*|\s+)pdf|printer[\s-]friendly(?:\s+version)?)
    | back\s+to\s+top|to\s+top|top|skip\s+to\s+(?:main\s+)?content|skip\s+navigation
    | read\s+more|continue\s+reading|more
    | (?:\d+\s+)?comments?(?:\s*\(\d+\))?|leave\s+a\s+(?:comment|reply)|add\s+(?:a\s+)?comment|
      no\s+comments(?:\s+yet)?|post\s+a\s+comment
    | (?:tags?|categories|category|filed\s+under|posted\s+in|topics?|keywords)\s*:.{0,200}
    | follow\s+us\b.{0,60}
    | advertisement|sponsored(?:\s+content)?
    | you\s+are\s+here\s*:?.{0,150}
    | home\s*(?:[>»›/|]\s*[^>»›/|]{1,80}){1,6}
    | font\s+size\s*:?.{0,20}|a\s*\+\s*a\s*-|a-\s*a\s*\+
    )$""",
    re.I | re.X,
)
_RELATED_HEAD_RE = re.compile(
    r"^(?:related(?:\s+(?:articles?|news|posts?|stories|content|links|topics|reading|items))?|"
    r"read\s+also|also\s+read|see\s+also|read\s+more|"
    r"more\s+(?:news|stories|articles|posts|on\s+this(?:\s+topic)?|from\s+.{1,40})|"
    r"you\s+(?:may|might)\s+(?:also\s+)?(?:like|enjoy|be\s+interested\s+in)|"
    r"recommended(?:\s+(?:for\s+you|articles|stories))?|"
    r"most\s+(?:read|popular|viewed|shared|commented)|popular(?:\s+(?:posts|articles|stories|now))?|"
    r"trending(?:\s+now)?|latest\s+(?:news|posts|articles|stories)|recent\s+(?:posts|articles|news)|"
    r"(?:in\s+)?other\s+news|further\s+reading)\s*:?$",
    re.I,
)
_TEASER_RE = re.compile(
    r"^(?:read\s+also|also\s+read|see\s+also|related(?:\s+(?:article|story|news))?|read\s+more|"
    r"recommended)\s*[:»›>|–—-]\s*.{3,200}$",
    re.I,
)


def _drop_related_tail(blocks: list[Block]) -> list[Block]:
    """Cut a trailing "Related" / "Read also" / "Most read" section: a marker followed only by
    short blocks that together are small next to the text before the marker."""
    before = 0
    for i, block in enumerate(blocks):
        if block.kind in ("heading", "paragraph", "line", "item") and _RELATED_HEAD_RE.match(block.text):
            tail = blocks[i + 1:]
            after = sum(len(b.text) for b in tail)
            if all(len(b.text) <= 300 for b in tail) and after <= max(600, before // 2):
                return blocks[:i]
        before += len(block.text)
    return blocks


def _is_chrome_line(block: Block) -> bool:
    return block.kind != "break" and len(block.text) <= 250 and bool(_CHROME_LINE_RE.match(block.text))


def _trim_chrome_lines(blocks: list[Block], reach: int = 12) -> list[Block]:
    """Drop chrome lines ("Share this", "Print", "© 2023 ...") among the first and last
    blocks; headings and short lines around them stay."""
    drop = _chrome_at_edge(blocks, range(len(blocks)), reach, headings_pass=True)
    drop |= _chrome_at_edge(blocks, range(len(blocks) - 1, -1, -1), reach, headings_pass=False)
    return [b for i, b in enumerate(blocks) if i not in drop]


def _chrome_at_edge(blocks: list[Block], order: range, reach: int, headings_pass: bool) -> set[int]:
    """Indexes of chrome lines among the first `reach` text blocks taken in `order`,
    stopping at the first long line (a heading does not stop it when `headings_pass`)."""
    drop: set[int] = set()
    seen = 0
    for i in order:
        block = blocks[i]
        if seen >= reach:
            break
        if block.kind == "break" or not block.text:
            continue
        seen += 1
        if _is_chrome_line(block):
            drop.add(i)
        elif len(block.text) > 60 and not (headings_pass and block.kind == "heading"):
            break
    return drop


def _tidy(blocks: list[Block]) -> list[Block]:
    """No leading/trailing/double breaks; no blank lines next to breaks or each other."""
    out: list[Block] = []
    for block in blocks:
        if block.kind == "break":
            while out and out[-1].kind == "line" and not out[-1].text:
                out.pop()
            if out and out[-1].kind != "break":
                out.append(block)
            continue
        if block.kind == "line" and not block.text:
            if not out or out[-1].kind == "break" or (out[-1].kind == "line" and not out[-1].text):
                continue
        out.append(block)
    while out and (out[-1].kind == "break" or (out[-1].kind == "line" and not out[-1].text)):
        out.pop()
    return out


def clean_blocks(blocks: list[Block]) -> list[Block]:
    """Remove "Read also" teasers, a trailing related section and chrome lines; tidy breaks."""
    blocks = [b for b in blocks if not (b.kind != "break" and _TEASER_RE.match(b.text))]
    blocks = _drop_related_tail(blocks)
    blocks = _trim_chrome_lines(blocks)
    return _tidy(blocks)


# --------------------------------------------------------------------------- entry point


def _publication_times(body: Tag) -> list[tuple[str, set[int]]]:
    """Every publication <time> of the page (modified/updated times skipped), in document
    order, with the ids of its ancestors (so they can be matched against the article root
    after the chrome around them is gone)."""
    found = []
    for time in _tags(body, "time"):
        words, _ = _words(time)
        itemprop = _attr(time, "itemprop").lower()
        if words & {"modified", "updated", "update", "edited"} or itemprop in ("datemodified", "dateupdated"):
            continue
        value = _attr(time, "datetime") or collapse(time.get_text(" "))
        if re.search(r"\d", value):
            ancestors = {id(time)}
            parent = time.parent
            while parent is not None:
                ancestors.add(id(parent))
                parent = parent.parent
            found.append((value, ancestors))
    return found


def _first_time(root: Tag, times: list[tuple[str, set[int]]]) -> str:
    """The first publication time inside the article root."""
    for value, ancestors in times:
        if id(root) in ancestors:
            return value
    return ""


def _title(root: Tag, info: dict[str, str], site_names: list[str]) -> str | None:
    site = info.get("site", "")
    fallback = ""
    for key in ("og_title", "ld_headline"):
        if info.get(key):
            fallback = clean_title(info[key], site_names)
            break
    if not fallback and info.get("doc_title"):
        fallback = clean_title(info["doc_title"], site_names, guess=True)
    for h1 in _tags(root, "h1"):
        if _is_logo_heading(h1, site):
            continue
        text = _inline_text(h1)
        if not text:
            continue
        # A short section name ("News", "Statements") above the real title: prefer the page title.
        if (fallback and len(text.split()) <= 2 and len(fallback.split()) > len(text.split()) + 1
                and not _simple(fallback).startswith(_simple(text)) and not _same_name(fallback, site)):
            return fallback
        return text
    return fallback or None


def _parse(html: str, strict: bool) -> HtmlContent:
    soup = _soup(html)
    info = _head_info(soup)
    site_names = _site_names(info)
    site = info.get("site", "")
    _remove_junk(soup)
    body = soup.body or soup
    times = _publication_times(body)
    if strict:
        _remove_chrome(body, site)
        root = _choose_root(body, site)
    else:
        root = body
    meta = {key: info[key] for key in ("date", "site", "url", "author", "lang") if info.get(key)}
    if "date" not in meta:
        published = _first_time(root, times) or info.get("meta_date", "")
        if published:
            meta["date"] = published
    blocks = clean_blocks(_BlockWriter().write(root))
    return HtmlContent(blocks=blocks, title=_title(root, info, site_names), meta=meta)


def parse_html(html: str) -> HtmlContent:
    """Article blocks, title and metadata of an HTML page (see the module docstring).

    When removing the page chrome leaves no text, the whole body is used instead.
    """
    content = _parse(html, strict=True)
    if not any(block.text for block in content.blocks):
        content = _parse(html, strict=False)
    return content
