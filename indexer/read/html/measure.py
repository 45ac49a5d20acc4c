"""Measures of a page tree taken in one pass each, so that no question costs a walk per element.

Asking each element for its text length, or whether an ancestor or a descendant is of
some kind, walks its subtree or its ancestors: on a page nested 50,000 deep that is a
walk of 50,000 per element, and reading it takes minutes. These helpers answer the same
questions for every element at once, in time linear in the size of the page:

* `Measures(root)`: for every element below `root`, `text_len` (as
  `len(collapse(el.get_text(" ")))`) and `link_len` (the text length of the links inside it).
* `with_ancestor(root, elements, predicate)`: the elements with an ancestor that satisfies
  `predicate` (as `is_inside`).
* `with_descendant(elements, predicate)`: the elements with a descendant that satisfies it.
"""

from __future__ import annotations

from bs4.element import CData, NavigableString, Tag

from indexer.read.html.dom import INVISIBLE, is_inside, text_len

_COUNTED = (NavigableString, CData)  # the strings `get_text` joins for an ordinary element


class Measures:
    """Text and link-text lengths of every element below `root` (`root` included)."""

    def __init__(self, root: Tag):
        self._text: dict[int, int] = {}
        self._links: dict[int, int] = {}
        # Per open element: [characters in words, words, link text length].
        totals: dict[int, list[int]] = {id(root): [0, 0, 0]}
        stack: list[Tag] = [root]
        for node in root.descendants:
            parent = node.parent
            while len(stack) > 1 and stack[-1] is not parent:
                self._close(stack.pop(), totals)
            if isinstance(node, Tag):
                totals[id(node)] = [0, 0, 0]
                stack.append(node)
            elif type(node) in _COUNTED and parent is not None:
                words = node.translate(INVISIBLE).split()
                if words:
                    counts = totals[id(parent)]
                    counts[0] += sum(map(len, words))
                    counts[1] += len(words)
        while len(stack) > 1:
            self._close(stack.pop(), totals)
        self._close(root, totals)

    def _close(self, el: Tag, totals: dict[int, list[int]]) -> None:
        chars, words, links = totals.pop(id(el))
        size = chars + words - 1 if words else 0
        self._text[id(el)] = size
        self._links[id(el)] = links
        counts = totals.get(id(el.parent))
        if counts is not None:
            counts[0] += chars
            counts[1] += words
            counts[2] += links + (size if el.name == "a" else 0)

    def text_len(self, el: Tag) -> int:
        """`len(collapse(el.get_text(" ")))`; measured directly for an element not below root
        or one whose own strings are not the ordinary kind (<script>, <rt>)."""
        size = self._text.get(id(el))
        if size is None or getattr(el, "interesting_string_types", None) != Tag.MAIN_CONTENT_STRING_TYPES:
            return text_len(el)
        return size

    def link_len(self, el: Tag) -> int:
        """The summed text length of the links (<a>) inside `el`."""
        links = self._links.get(id(el))
        if links is None:
            return sum(text_len(a) for a in el.find_all("a"))
        return links


def with_ancestor(root: Tag, elements: list[Tag], predicate) -> set[int]:
    """ids of the `elements` (every element below `root`, in document order) that have an
    ancestor satisfying `predicate`."""
    marked: set[int] = {id(root)} if is_inside(root, predicate) else set()
    for el in elements:
        parent = el.parent
        if parent is not None and (id(parent) in marked or predicate(parent)):
            marked.add(id(el))
    return marked


def with_descendant(elements: list[Tag], predicate) -> set[int]:
    """ids of the elements (of `elements`, all below one root in document order, and of their
    parents) that have a descendant satisfying `predicate`."""
    marked: set[int] = set()
    for el in reversed(elements):
        if id(el) in marked or predicate(el):
            if el.parent is not None:
                marked.add(id(el.parent))
    return marked


def spans(elements: list[Tag]) -> dict[int, tuple[int, int]]:
    """For each of `elements` (every element below one root, in document order): the range
    of positions its subtree covers, so that `a` holds `b` when a's range holds b's start."""
    position = {id(el): i for i, el in enumerate(elements)}
    last = list(range(len(elements)))
    for i in range(len(elements) - 1, -1, -1):
        parent = position.get(id(elements[i].parent))
        if parent is not None and last[i] > last[parent]:
            last[parent] = last[i]
    return {id(el): (i, last[i]) for i, el in enumerate(elements)}
