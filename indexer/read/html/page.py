"""An HTML page -> `HtmlContent`: the article's blocks, its title and the page's head metadata."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from indexer.model import Block
from indexer.read.html.blocks import BlockWriter
from indexer.read.html.bylines import article_byline
from indexer.read.html.chrome import remove_chrome, remove_junk
from indexer.read.html.clean import clean_blocks
from indexer.read.html.dom import make_soup
from indexer.read.html.head import first_time, head_info, publication_times
from indexer.read.html.root import choose_root
from indexer.read.html.titles import choose_title, site_names_of


@dataclass
class HtmlContent:
    """What a page yields: article blocks, the article title and head metadata."""

    blocks: list[Block]
    title: str | None = None
    meta: dict[str, str] = field(default_factory=dict)  # "date", "site", "url", "author", "lang",
    #                     "byline_date", "heading" (see `bylines`)


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


def _parse(html: str, strict: bool) -> HtmlContent:
    soup = make_soup(html)
    info = head_info(soup)
    site_names = site_names_of(info)
    site = info.get("site", "")
    remove_junk(soup)
    body = soup.body or soup
    times = publication_times(body)
    if strict:
        remove_chrome(body, site)
        root = choose_root(body, site)
        byline = article_byline(root)  # post-meta line and heading the root leaves out
    else:
        root = body
        byline = {}
    meta = {key: info[key] for key in ("date", "site", "url", "author", "lang") if info.get(key)}
    meta.update(byline)
    if "date" not in meta:
        published = first_time(root, times) or info.get("meta_date", "")
        if published:
            meta["date"] = published
    blocks = clean_blocks(BlockWriter().write(root))
    return HtmlContent(blocks=blocks, title=choose_title(root, info, site_names), meta=meta)


def parse_html(html: str) -> HtmlContent:
    """Article blocks, title and metadata of an HTML page (see the module docstring).

    When removing the page chrome leaves no text, the whole body is used instead.
    """
    content = _parse(html, strict=True)
    if not any(block.text for block in content.blocks):
        content = _parse(html, strict=False)
    return content
