"""The article's title: page titles without their site part, and which heading is the title."""

from __future__ import annotations

import re
from urllib.parse import urlparse

from bs4.element import Tag

from indexer.read.html.dom import attr, class_words, collapse, descendant_tags, first_parts, inline_text

_LOGO_WORDS = {"logo", "sitetitle", "sitename", "brand", "branding", "sitebranding", "masthead"}


def is_logo_heading(h: Tag, site: str = "") -> bool:
    """An <h1> that carries the site's name or logo, not an article title."""
    node: Tag | None = h
    for _ in range(3):
        if node is None or not isinstance(node, Tag):
            break
        words, _ = class_words(node)
        if words & _LOGO_WORDS:
            return True
        node = node.parent
    # A site name is short: the first 300 characters (and the links among them) tell.
    text, links, whole = first_parts(h, 300)
    if not text:
        return not whole
    if not whole:
        return False
    if site and same_name(text, site):
        return True
    if len(links) == 1 and collapse(links[0].get_text(" ")) == text:
        href = attr(links[0], "href")
        if href in ("/", "./", "#", "index.html", "index.php") or re.match(r"^https?://[^/]+/?$", href):
            return True
    return False


_TITLE_SEPARATORS = (" | ", " || ", " – ", " — ", " :: ", " » ", " « ", " · ", " - ", " ~ ")
_DOMAIN_RE = re.compile(r"^(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)+/?$", re.I)


def simple_form(text: str) -> str:
    return re.sub(r"[^\w]+", "", text.casefold())


def same_name(a: str, b: str) -> bool:
    """Two spellings of a site name ("SolidNet" / "solidnet.org" / "SOLIDNET")?"""
    sa, sb = simple_form(re.sub(r"^(?:https?://)?(?:www\.)?", "", a, flags=re.I)), simple_form(b)
    if not sa or not sb:
        return False
    if sa == sb:
        return True
    for one, other in ((a, sb), (b, sa)):  # "kke.gr" is "KKE"
        if simple_form(re.sub(r"^(?:https?://)?(?:www\.)?|\.[a-z]{2,6}/?$", "", one.strip().lower())) == other:
            return True
    # "SolidNet" / "SolidNet Online": one is the other plus a short tail
    short, long = sorted((sa, sb), key=len)
    return len(short) >= 4 and len(long) - len(short) <= 8 and long.startswith(short)


def site_names_of(info: dict[str, str]) -> list[str]:
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
            return bool(_DOMAIN_RE.match(part)) or any(same_name(part, name) for name in site_names)

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


def choose_title(root: Tag, info: dict[str, str], site_names: list[str]) -> str | None:
    site = info.get("site", "")
    fallback = ""
    for key in ("og_title", "ld_headline"):
        if info.get(key):
            fallback = clean_title(info[key], site_names)
            break
    if not fallback and info.get("doc_title"):
        fallback = clean_title(info["doc_title"], site_names, guess=True)
    for h1 in descendant_tags(root, "h1"):
        if is_logo_heading(h1, site):
            continue
        text = inline_text(h1)
        if not text:
            continue
        # A short section name ("News", "Statements") above the real title: prefer the page title.
        if (fallback and len(text.split()) <= 2 and len(fallback.split()) > len(text.split()) + 1
                and not simple_form(fallback).startswith(simple_form(text)) and not same_name(fallback, site)):
            return fallback
        return text
    return fallback or None
