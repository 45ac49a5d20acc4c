"""The article root: the `<article>` / `[role=main]` / `<main>` / known content container,
else the element with the most paragraph text, widened to take in the page's title.

Every step is linear in the size of the page (see `measure`): text lengths are measured
once for all elements, never walked again per element.
"""

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
)
from indexer.read.html.measure import Measures
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

    # Per element: its nearest block ancestor-or-self, and whether it is or sits in a link;
    # both carried down from the parent, so that no string walks up the tree.
    owner_of: dict[int, Tag | None] = {id(body): body if body.name in BLOCK_TAGS else _owner(body)}
    in_link: dict[int, bool] = {id(body): body.name == "a" or is_inside(body, lambda p: p.name == "a")}
    for node in body.descendants:
        parent = node.parent
        if isinstance(node, Tag):
            owner_of[id(node)] = node if node.name in BLOCK_TAGS else owner_of.get(id(parent))
            in_link[id(node)] = node.name == "a" or in_link.get(id(parent), False)
            continue
        if not isinstance(node, NavigableString) or isinstance(node, SKIPPED_STRINGS):
            continue
        text = collapse(str(node))
        if not text:
            continue
        weight = 0.2 if in_link.get(id(parent), False) else 1.0
        value = len(text) * weight
        owner = owner_of.get(id(parent))
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


def _tightest(candidates: list[Tag], total: int, sizes: Measures) -> Tag | None:
    """Among candidates holding at least a quarter of the page's non-link text (`total`), the
    smallest one that still holds 70 % of the biggest candidate's text."""
    sized = [(c, sizes.text_len(c)) for c in candidates]
    sized = [(c, n) for c, n in sized if n and n >= total * 0.25]
    if not sized:
        return None
    biggest = max(n for _, n in sized)
    fitting = [(c, n) for c, n in sized if n >= biggest * 0.7]
    return min(fitting, key=lambda item: item[1])[0]


def _climb(el: Tag, body: Tag, sizes: Measures) -> Tag:
    """Widen `el` while its parent adds little text, and that text is not mostly links
    (a lead paragraph in a sibling div comes in; a menu does not)."""
    size = sizes.text_len(el)
    links = sizes.link_len(el)
    while el.parent is not None and el is not body and el.parent.name not in ("html", "[document]"):
        parent_size = sizes.text_len(el.parent)
        parent_links = sizes.link_len(el.parent)
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


def _with_heading(root: Tag, body: Tag, site: str, elements: list[Tag], sizes: Measures) -> Tag:
    """Widen `root` to take in the page's h1 when that adds little else (`elements`: every
    element of `body` in document order)."""
    if root is body or root.find("h1") is not None:
        return root
    order = {id(el): i for i, el in enumerate(elements)}
    start = order.get(id(root), 0)
    heading = None
    for h in elements[:start]:
        if h.name == "h1" and not is_logo_heading(h, site):
            heading = h
    if heading is None:
        return root
    ancestor = _common_ancestor(root, heading)
    if ancestor is None:
        return root
    extra = max(300, sizes.text_len(root) * 0.2)
    if sizes.text_len(ancestor) <= sizes.text_len(root) + sizes.text_len(heading) + extra:
        return ancestor
    return root


def choose_root(body: Tag, site: str) -> Tag:
    """The element that holds the article (see module docstring); `body` when unsure."""
    sizes = Measures(body)
    if not sizes.text_len(body):
        return body
    total = max(sizes.text_len(body) - sizes.link_len(body), 1)  # link lists left over weigh nothing
    elements = descendant_tags(body)
    groups = (
        [el for el in elements if attr(el, "itemprop").lower() == "articlebody"],
        [el for el in elements if el.name == "article"],
        [el for el in elements if el.name == "main" or attr(el, "role").lower() == "main"],
        [el for el in elements if is_content_container(el)],
    )
    for group in groups:
        root = _tightest(group, total, sizes)
        if root is not None:
            return _with_heading(root, body, site, elements, sizes)
    dense = _densest(body)
    if dense is None:
        return body
    return _with_heading(_climb(dense, body, sizes), body, site, elements, sizes)
