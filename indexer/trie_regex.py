"""One regular expression for many names, built as a trie.

The alternatives of a long list of names share their prefixes, so that matching cost does
not grow with the number of names, and a longer name is tried before a shorter one it
extends. Used by the party registry (names and acronyms in running text) and the topic
taxonomy (keywords and phrases).

    trie = RegexTrie(render)            # render: symbol -> regex (default: as given)
    trie.add(symbols, end="")           # one name as a sequence of symbols
    trie.pattern({"": r"(?!\\w)"})      # the regex; `ends` maps end markers to what
                                        # follows a whole name, first marker present wins

Siblings are ordered by their symbols, so the pattern of a set of names is always the same.
"""

from __future__ import annotations

from typing import Callable, Iterable, Mapping

_ENDS = None  # key of a node's set of end markers (never a symbol)


class RegexTrie:
    """A trie of pattern symbols written out as one regular expression."""

    def __init__(self, render: Callable[[str], str] | None = None) -> None:
        self.root: dict = {}
        self._render = render or (lambda symbol: symbol)

    def __bool__(self) -> bool:
        return bool(self.root)

    def add(self, symbols: Iterable[str], end: str = "") -> None:
        """Add one name: its symbols in order, and the marker of how it ends."""
        node = self.root
        for symbol in symbols:
            node = node.setdefault(symbol, {})
        node.setdefault(_ENDS, set()).add(end)

    def pattern(self, ends: Mapping[str, str]) -> str:
        """The regular expression of the trie; `ends` gives, in order of precedence, the
        regex that follows a name ending with each marker."""
        return self._node(self.root, ends)

    def _node(self, node: dict, ends: Mapping[str, str]) -> str:
        branches = [self._render(symbol) + self._node(node[symbol], ends)
                    for symbol in sorted(k for k in node if k is not _ENDS)]
        marks = node.get(_ENDS)
        if marks:
            branches.append(next(regex for mark, regex in ends.items() if mark in marks))
        if len(branches) == 1:
            return branches[0]
        return "(?:" + "|".join(branches) + ")"
