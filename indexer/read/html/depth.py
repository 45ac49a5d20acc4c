"""A page's nesting limited before it is parsed, so that no page stalls the reader.

BeautifulSoup links each new string to the tree by walking up the elements still open
(`_linkage_fixer`), and many questions about an element walk its ancestors: on a page
nested 50,000 deep both cost a walk of the whole depth per element, minutes for one
page. No real page nests deeper than a few dozen elements, so tags below `MAX_DEPTH` open
elements are dropped from the markup (their text stays, in the deepest element kept).
libxml2 sets a limit of the same kind (255) when it builds a tree itself.
"""

from __future__ import annotations

import re

MAX_DEPTH = 100

# Elements that never hold others, and those whose end tag may be left out (a new <li>
# closes the last one): neither counts as nesting.
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr keygen frame "
                  "basefont bgsound isindex".split())
_OPTIONAL_END = frozenset("p li dt dd tr td th option optgroup thead tbody tfoot colgroup caption "
                          "rb rt rp rtc head body html".split())

_TOKEN_RE = re.compile(
    r"<!--.*?-->"  # a comment
    r"|<!\[CDATA\[.*?\]\]>|<![^>]*>|<\?[^>]*>"  # CDATA, doctype, processing instruction
    r"|<(script|style|textarea|title|xmp|noscript|template)\b[^>]*>.*?</\1\s*>"  # raw text
    r"|</([a-zA-Z][^\s/>]*)[^>]*>"  # an end tag
    r"|<([a-zA-Z][^\s/>]*)(?:[^>\"']|\"[^\"]*\"|'[^']*')*?(/?)>",  # a start tag
    re.S | re.I,
)


def limit_depth(html: str, max_depth: int = MAX_DEPTH) -> str:
    """`html` with the start and end tags nested deeper than `max_depth` left out.

    A single pass over the tags with a stack of the open elements (end tags close up to
    the nearest open element of their name, as a browser does), so linear in the page."""
    if html.count("<") <= max_depth:
        return html
    stack: list[tuple[str, bool]] = []  # (name, dropped)
    where: dict[str, list[int]] = {}  # name -> indexes in `stack`
    cut: list[tuple[int, int]] = []  # spans of markup to leave out
    for match in _TOKEN_RE.finditer(html):
        closing, opening = match.group(2), match.group(3)
        if closing is not None:
            name = closing.lower()
            spots = where.get(name)
            if spots:
                index = spots[-1]
                dropped = stack[index][1]
                while len(stack) > index:
                    top, _ = stack.pop()
                    where[top].pop()
                if dropped:
                    cut.append(match.span())
            elif len(stack) >= max_depth:
                cut.append(match.span())
            continue
        if opening is None:
            continue
        name = opening.lower()
        if name in _VOID:
            continue
        deep = len(stack) >= max_depth
        if deep:
            cut.append(match.span())
        if name in _OPTIONAL_END or match.group(4):
            continue
        where.setdefault(name, []).append(len(stack))
        stack.append((name, deep))
    if not cut:
        return html
    parts = []
    last = 0
    for start, end in cut:
        parts.append(html[last:start])
        last = end
    parts.append(html[last:])
    return "".join(parts)
