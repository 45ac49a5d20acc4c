"""The block writer: an article element walked in document order into `Block`s
(headings, paragraphs, list items with their numbers, table rows, preformatted lines, breaks)."""

from __future__ import annotations

import re

from bs4.element import CData, NavigableString, Tag

from indexer.model import Block
from indexer.read.html.dom import (
    BLOCK_TAGS,
    HEADINGS,
    INVISIBLE,
    LISTS,
    SKIPPED_STRINGS,
    attr,
    class_words,
    collapse,
    first_parts,
    inline_text,
    text_len,
)

_STRUCTURE_IN_CELL = {"table", "ul", "ol", "dl", "h1", "h2", "h3", "h4", "h5", "h6",
                      "blockquote", "pre", "section", "article", "form"}
_BR = "\u2028"  # stands for <br> inside a block's text until the block is written

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
        return int(attr(el, name))
    except ValueError:
        return default



def _own_rows(table: Tag) -> list[Tag]:
    return [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]


def _row_cells(tr: Tag) -> list[Tag]:
    return [c for c in tr.find_all(["td", "th"], recursive=False)]


_CAPTION_WORDS = {"caption", "figcaption", "imagecaption", "photocaption", "wpcaption", "credit", "photocredit"}


def _is_photo_caption(el: Tag) -> bool:
    """A picture's caption: a <figcaption>, or a short element whose class names it a
    caption ("wp-caption-text", "image-caption", "photo-credit"). A table's <caption> is
    not one: it names the data below it."""
    if el.name == "figcaption":
        return True
    if el.name in ("caption", "table", "body", "html", "article", "main"):
        return False
    words, _ = class_words(el)
    if not words & _CAPTION_WORDS:
        return False
    text, _, whole = first_parts(el, 300)
    return whole and len(text) <= 300  # a caption is short; a long block named so is kept


def _holds_table(table: Tag) -> bool:
    """True when a table is nested in `table` (a walk that stops at the first one, so that
    tables nested thousands deep are not walked once each)."""
    stack = list(table.contents)
    while stack:
        node = stack.pop()
        if isinstance(node, Tag):
            if node.name == "table":
                return True
            stack.extend(node.contents)
    return False


def _is_data_table(table: Tag) -> bool:
    """A table of data (rows of short cells) rather than a page layout grid."""
    if _holds_table(table):
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
            if len(cell.find_all(["p", "div"])) > 3 or text_len(cell) > 1500:
                return False
    return True


class BlockWriter:
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
        text = pre.get_text().translate(INVISIBLE).replace("\xa0", " ")
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
            text = inline_text(caption)
            if text:
                self._add(Block(text, "paragraph"))
        for tr in _own_rows(table):
            cells = tuple(inline_text(cell) for cell in _row_cells(tr))
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
                if tag.name in LISTS:
                    list_depth -= 1
                    if tag.name == "ol":
                        ol_counters.pop()
                    if list_depth == 0:
                        self._hard_break()
                elif tag.name == "blockquote":
                    self._hard_break()
                continue
            if isinstance(node, NavigableString):
                if not isinstance(node, SKIPPED_STRINGS) or isinstance(node, CData):
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
            if _is_photo_caption(node):
                self.flush(kinds[-1])
                continue  # "KKE HQ in Athens" under a photo: not the statement's text
            if name in ("pre", "xmp", "listing", "plaintext"):
                self.flush(kinds[-1])
                self._write_pre(node)
                continue
            if name == "table" and _is_data_table(node):
                self.flush(kinds[-1])
                self._write_table(node)
                continue
            children = list(node.children)
            if name not in BLOCK_TAGS:
                stack.extend((child, None) for child in reversed(children))
                continue
            self.flush(kinds[-1])
            if name in HEADINGS:
                kind = "heading"
            elif name == "li" or (name in LISTS and name != "dl"):
                kind = "item"
            elif kinds[-1] == "item" and item_starts and len(self.blocks) == item_starts[-1]:
                kind = "item"  # <li><p>text</p></li>: the first paragraph is the item itself
            else:
                kind = "paragraph"
            if name == "li":
                item_starts.append(len(self.blocks))
            if name in LISTS:
                if list_depth == 0:
                    self._hard_break()
                list_depth += 1
                if name == "ol":
                    style = _OL_TYPES.get(attr(node, "type"), "decimal")
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
                first_text = first_parts(node, 12)[0][:12]
                if not re.match(r"^\(?(?:\d{1,3}|[ivxlcdm]{1,6}|[IVXLCDM]{1,6}|[a-zA-Z])[.)](?:\s|$)", first_text):
                    self.prefix = marker
            kinds.append(kind)
            stack.append((node, "exit"))
            stack.extend((child, None) for child in reversed(children))
        self.flush(kinds[-1])
        return self.blocks
