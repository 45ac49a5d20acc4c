"""The article root: the `<article>` / `[role=main]` / `<main>` / known content container,
else the element with the most paragraph text, widened to take in the page's title."""

from __future__ import annotations

from bs4.element import NavigableString, Tag

from indexer.read.html.dom import (
    BLOCK_TAGS,
    PARAGRAPH_LIKE,
    SKIPPED_STRINGS,
    attr,
    collapse,
    descendant_tags,
    is_content_container,
    is_inside,
    text_len,
)
from indexer.read.html.titles import is_logo_heading

def _owner(node) -> Tag | None:
    parent = node.parent
    while parent is not None and parent.name not in BLOCK_TAGS:
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
        if not isinstance(string, NavigableString) or isinstance(string, SKIPPED_STRINGS):
            continue
        text = collapse(str(string))
        if not text:
            continue
        weight = 0.2 if is_inside(string, lambda p: p.name == "a") else 1.0
        value = len(text) * weight
        owner = _owner(string)
        if owner is None:
            continue
        if owner.name in PARAGRAPH_LIKE:
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
    sized = [(c, text_len(c)) for c in candidates]
    sized = [(c, n) for c, n in sized if n and n >= total * 0.25]
    if not sized:
        return None
    biggest = max(n for _, n in sized)
    fitting = [(c, n) for c, n in sized if n >= biggest * 0.7]
    return min(fitting, key=lambda item: item[1])[0]


def _link_len(el: Tag) -> int:
    return sum(len(collapse(a.get_text(" "))) for a in descendant_tags(el, "a"))


def _climb(el: Tag, body: Tag) -> Tag:
    """Widen `el` while its parent adds little text, and that text is not mostly links
    (a lead paragraph in a sibling div comes in; a menu does not)."""
    size = text_len(el)
    links = _link_len(el)
    while el.parent is not None and el is not body and el.parent.name not in ("html", "[document]"):
        parent_size = text_len(el.parent)
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
    elements = descendant_tags(body)
    order = {id(el): i for i, el in enumerate(elements)}
    start = order.get(id(root), 0)
    before = [h for h in elements
              if h.name == "h1" and order.get(id(h), 0) < start and not is_logo_heading(h, site)]
    if not before:
        return root
    heading = before[-1]
    ancestor = _common_ancestor(root, heading)
    if ancestor is None:
        return root
    extra = max(300, text_len(root) * 0.2)
    if text_len(ancestor) <= text_len(root) + text_len(heading) + extra:
        return ancestor
    return root


def choose_root(body: Tag, site: str) -> Tag:
    """The element that holds the article (see module docstring); `body` when unsure."""
    if not text_len(body):
        return body
    total = max(text_len(body) - _link_len(body), 1)  # link lists left over weigh nothing
    elements = descendant_tags(body)
    groups = (
        [el for el in elements if attr(el, "itemprop").lower() == "articlebody"],
        [el for el in elements if el.name == "article"],
        [el for el in elements if el.name == "main" or attr(el, "role").lower() == "main"],
        [el for el in elements if is_content_container(el)],
    )
    for group in groups:
        root = _tightest(group, total)
        if root is not None:
            return _with_heading(root, body, site)
    dense = _densest(body)
    if dense is None:
        return body
    return _with_heading(_climb(dense, body), body, site)
