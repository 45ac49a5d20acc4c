"""Head metadata of a page: publication date, site name, canonical URL, author, language,
and the title candidates (og:title, JSON-LD headline, <title>); the article's <time>s."""

from __future__ import annotations

import json
import re

from bs4 import BeautifulSoup
from bs4.element import Tag

from indexer.read.html.dom import attr, class_words, collapse, descendant_tags, first_parts, is_inside
from indexer.read.html.measure import spans

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


def head_info(soup: BeautifulSoup) -> dict[str, str]:
    """Title candidates and metadata from <head> (and page-wide meta/JSON-LD).

    Keys: "og_title", "doc_title", "ld_headline" (title candidates) and "date", "site",
    "url", "author", "lang" (metadata).
    """
    info: dict[str, str] = {}
    metas: dict[str, str] = {}
    for meta in soup.find_all("meta"):
        key = (attr(meta, "property") or attr(meta, "name") or attr(meta, "itemprop")).lower()
        content = collapse(attr(meta, "content"))
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
        for el in descendant_tags(soup):
            if el.name == "meta":
                continue
            value = attr(el, "content") or attr(el, "datetime")
            if not value or not re.search(r"\d", value):
                continue
            itemprop = attr(el, "itemprop").lower()
            rdfa = attr(el, "property").lower().split()
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
    url = (attr(canonical, "href") if canonical else "") or metas.get("og:url", "")
    if url.startswith(("http://", "https://")):
        info["url"] = url
    html = soup.find("html")
    if html is not None and attr(html, "lang"):
        info["lang"] = attr(html, "lang")
    head = soup.head
    title_tag = head.find("title") if head is not None else None
    if title_tag is None:
        title_tag = next((t for t in soup.find_all("title") if not is_inside(t, lambda p: p.name == "svg")), None)
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


def publication_times(body: Tag) -> tuple[list[tuple[str, int]], dict[int, tuple[int, int]]]:
    """Every publication <time> of the page (modified/updated times skipped), in document
    order, with its position; and the position ranges of the page's elements (so that the
    times can be matched against the article root after the chrome around them is gone)."""
    elements = descendant_tags(body)
    ranges = spans([body] + elements)
    found = []
    for time in elements:
        if time.name != "time":
            continue
        words, _ = class_words(time)
        itemprop = attr(time, "itemprop").lower()
        if words & {"modified", "updated", "update", "edited"} or itemprop in ("datemodified", "dateupdated"):
            continue
        value = attr(time, "datetime") or first_parts(time, 200)[0]  # a date is short
        if re.search(r"\d", value):
            found.append((value, ranges[id(time)][0]))
    return found, ranges


def first_time(root: Tag, times: tuple[list[tuple[str, int]], dict[int, tuple[int, int]]]) -> str:
    """The first publication time inside the article root."""
    found, ranges = times
    span = ranges.get(id(root))
    if span is None:
        return ""
    for value, position in found:
        if span[0] <= position <= span[1]:
            return value
    return ""
