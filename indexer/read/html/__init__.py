"""HTML page -> the article's blocks, its title and the page's head metadata.

`parse_html(text)` keeps the article and drops the page around it: scripts and styles,
navigation, menus, sidebars, "related"/"most read" lists, breadcrumbs, share buttons,
comments, cookie banners and the page header and footer. The article root is the
`<article>` / `[role=main]` / `<main>` / known content container, else the element with
the most paragraph text. Blocks come out in document order (see `indexer.model.BLOCK_KINDS`).

Modules, in the order a page goes through them: `dom` (parser and shared helpers), `head`
(head metadata), `chrome` (removal of page chrome), `root` (the article root), `titles`
(the title), `blocks` (the block writer), `clean` (clean-up of the blocks) and `page`
(the entry point).
"""

from indexer.read.html.page import HtmlContent, looks_like_html, parse_html
from indexer.read.html.titles import clean_title

__all__ = ["HtmlContent", "clean_title", "looks_like_html", "parse_html"]
