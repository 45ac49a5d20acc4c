"""Find the block of signatory parties in a statement.

A joint statement usually ends with the parties that signed it: after a lead-in such as
"So far the statement has been endorsed by:" or "Signatories", or as a bare list of
party names at the very end. The list takes many shapes: one comma sentence ending
"... and X", one party a line (with or without blank lines between), numbered or
bulleted lines, semicolon-separated names, HTML list items, <br> lines, or table rows
with a party column and a country column.

Public functions:

    find_signatories(blocks) -> SignatoryBlock | None
        where the list sits in the blocks and the raw party names it holds.
    split_party_list(text) -> list[str]      (from `signatory_split`)
        the names of a one-sentence comma (or semicolon) list.
    stated_count(text) -> int | None         (from `signatory_count`)
        the number in "signed by 18 Communist and Workers' parties", for reporting.

The work is bounded: lead-ins are recognised by looking only at short lines or at the
few words before a colon, and a bare list is looked for only in the last
`TAIL_WINDOW` blocks, so a long document without signatories costs one cheap pass.
What a name looks like is `signatory_names`; how a line splits into names is
`signatory_split`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.extract.signatory_leadin import LEAD_HINT_RE, LeadIn, lead_in
from indexer.extract.signatory_names import (
    ABBREV_END_RE, MAX_HEADER_CHARS, MAX_LEAD_CHARS, MIN_BARE_NAMES, REGION_RE, collapse_spaces,
    has_head, has_marker, is_end_line, is_strong,
)
from indexer.extract.signatory_count import stated_count
from indexer.extract.signatory_split import (
    header_columns, looks_unfinished, parse_line, row_name, split_party_list,
)
from indexer.model import Block, SignatoryBlock

__all__ = ["find_signatories", "split_party_list", "stated_count"]

# --------------------------------------------------------------------------- limits

TAIL_WINDOW = 400  # blocks from the end that may hold a bare list (no lead-in)
MAX_LIST_UNITS = 800  # lines read after a lead-in
MAX_GAP = 4  # blank lines allowed between two names
MAX_TAIL_SKIP = 8  # closing lines (source, date, notes) skipped before a bare list

# --------------------------------------------------------------------------- units


@dataclass(frozen=True)
class _Unit:
    """One line of text to look at: a block, or one line of a multi-line block."""

    index: int  # block index in the document
    kind: str
    text: str
    cells: tuple[str, ...] = ()
    sub: int = 0  # line number inside a multi-line block

    @property
    def blank(self) -> bool:
        if self.kind == "break":
            return True
        if self.kind == "row":
            return not any(self.cells) and not self.text
        return not self.text

def _units(blocks: list[Block], lo: int, hi: int) -> list[_Unit]:
    """The units of blocks[lo:hi]; a block with newlines gives one unit a line."""
    out: list[_Unit] = []
    for i in range(max(lo, 0), min(hi, len(blocks))):
        block = blocks[i]
        kind = block.kind
        if kind == "break":
            out.append(_Unit(i, "break", ""))
        elif kind == "row":
            cells = tuple(collapse_spaces(c) for c in block.cells)
            if not cells and block.text:
                cells = tuple(collapse_spaces(c) for c in re.split(r"\s*\|\s*|\t", block.text))
            out.append(_Unit(i, "row", collapse_spaces(block.text), cells))
        else:
            for k, part in enumerate(block.text.split("\n")):
                # A table turned into text: two or three names a line, padded with spaces.
                out.extend(_Unit(i, kind, cell, sub=k) for cell in _cells(part))
    return out


_COLUMN_GAP_RE = re.compile(r"\s{3,}|\t+")


def _cells(line: str) -> list[str]:
    """The names of a line of columns ("Communist Party of Greece      Partido Comunista de
    España"), one each, or the whole line (whitespace collapsed) when it is no such row."""
    text = line.strip()
    if ("  " in text or "\t" in text) and not text.startswith(("-", "*", "•")):
        cells = [collapse_spaces(c) for c in _COLUMN_GAP_RE.split(text) if c.strip()]
        if len(cells) >= 2 and all(is_strong(c) or has_head(c) for c in cells):
            return cells
    return [collapse_spaces(line)]

@dataclass
class _Found:
    names: list[str]
    first: int  # unit position of the first name
    last: int  # unit position of the last name


def _collect(units: list[_Unit], pos: int, pending: str = "") -> _Found | None:
    """Read the list that starts at units[pos] and return its names and extent.

    `pending` is text already read that the list continues (an inline list after a
    lead-in colon). The list ends at a closing line, at a heading, at a line that is
    no name, or at a long blank stretch.
    """
    names: list[str] = []
    where: list[int] = []  # unit position of each name
    first = last = -1
    pending_at = pos - 1 if pending else -1
    if pending and not looks_unfinished(pending):
        inline = parse_line(pending)
        if inline is None:
            return None
        names.extend(inline)
        where.extend([pending_at] * len(inline))
        first = last = pending_at
        pending, pending_at = "", -1
    gap = 0
    max_gap = 0
    kinds: set[str] = set()
    columns: dict[str, int] | None = None
    notes_before = 0
    header_at = -1  # a table header row just before the first name
    while pos < len(units):
        unit = units[pos]
        if unit.blank:
            gap += 1
            if gap > MAX_GAP:
                break
            pos += 1
            continue
        # After a contiguous list, a wide blank gap sets apart what follows.
        if names and len(names) >= 3 and max_gap == 0 and gap >= 2:
            break
        if unit.kind == "row":
            header = header_columns(unit.cells)
            if header is not None:
                columns = header or columns
                if first < 0:
                    header_at = pos
                pos += 1
                continue
            name = row_name(unit.cells, columns)
            if name is None or (names and "row" not in kinds):
                break
            found = [name]
        else:
            text = unit.text
            if names and ("item" in kinds or "row" in kinds) and unit.kind not in kinds:
                break
            if REGION_RE.match(text):
                pos += 1
                continue
            if unit.kind == "heading" and names:
                break
            if not pending and is_end_line(text):
                if not names and notes_before < 2 and text.startswith(("(", "[")):
                    notes_before += 1
                    pos += 1
                    continue
                break
            if pending and has_marker(pending) and has_marker(text):
                # "- Party A and" / "- Party B": a new bullet starts a new item, so the
                # line left open above is an item of its own.
                done = parse_line(pending)
                if done:
                    if first < 0:
                        first = pending_at
                    names.extend(done)
                    where.extend([pending_at] * len(done))
                    kinds.add(unit.kind)
                    last = pending_at
                pending, pending_at = "", -1
            candidate = f"{pending} {text}" if pending else text
            if looks_unfinished(candidate) and len(candidate) < 4000:
                if pending_at < 0:
                    pending_at = pos
                pending = candidate
                pos += 1
                continue
            parsed = parse_line(candidate)
            if parsed is None:
                break
            found = parsed
        if names:
            max_gap = max(max_gap, gap)
        if first < 0:
            first = pending_at if pending_at >= 0 else header_at if header_at >= 0 else pos
        names.extend(found)
        where.extend([pos] * len(found))
        kinds.add(unit.kind)
        last = pos
        pending = ""
        pending_at = -1
        gap = 0
        pos += 1
    if pending and not names:
        parsed = parse_line(pending)
        if parsed:
            return _Found(parsed, pending_at, pending_at)
    # A lone word closing the list ("Athens") is a place line, not a party.
    while len(names) > 1 and _is_place_word(names[-1]):
        names.pop()
        where.pop()
        last = where[-1]
    if not names:
        return None
    return _Found(names, first, last)


def _is_place_word(name: str) -> bool:
    """True for a single capitalised word that is no acronym nor a known party."""
    return (
        bool(re.fullmatch(r"[A-Z][^\W\d_]+", name))
        and not name.isupper()
        and not is_strong(name)
    )


def _strength(names: list[str]) -> tuple[float, float]:
    """Fractions of names that look strongly political, and that carry a head word."""
    n = len(names)
    strong = sum(1 for name in names if is_strong(name))
    heads = sum(1 for name in names if has_head(name))
    return strong / n, heads / n


# --------------------------------------------------------------------------- lead-ins

def _accept(names: list[str], strong_lead: bool | None) -> bool:
    """Whether names read after a lead-in (strong or header) or bare qualify as a list."""
    least = 1 if strong_lead is True else 2 if strong_lead is False else MIN_BARE_NAMES
    if len(names) < least:
        return False
    strong, heads = _strength(names)
    if strong_lead is True:
        return strong >= 0.5
    if strong_lead is False:
        return strong >= 0.7 and heads >= 0.5
    return strong >= 0.8 and heads >= 0.6


def _after_lead_in(
    blocks: list[Block], index: int, sub: int, lead: LeadIn
) -> SignatoryBlock | None:
    """The list read after the lead-in on line `sub` of blocks[index], if it qualifies."""
    # Read a short window first; most lead-in candidates fail on their first lines.
    hi = index + 40
    while True:
        units = _units(blocks, index, hi)
        # units[sub] is the lead-in line itself (sub counts the lines of block `index`).
        found = _collect(units, sub + 1, lead.inline)
        if found is None or hi >= min(len(blocks), index + MAX_LIST_UNITS):
            break
        if len(units) - found.last > MAX_GAP + 2:
            break
        hi = index + MAX_LIST_UNITS
    if found is None or not _accept(found.names, lead.strong):
        return None
    end = units[found.last].index + 1
    return SignatoryBlock(start=index, end=end, names=found.names)


def _lead_in_lists(blocks: list[Block]):
    """Signatory blocks after lead-ins, the last lead-in first."""
    for i in range(len(blocks) - 1, -1, -1):
        block = blocks[i]
        if block.kind in ("row", "break") or not block.text:
            continue
        text = block.text
        if len(text) > MAX_HEADER_CHARS and text.find(":", 0, MAX_LEAD_CHARS + 1) < 0:
            continue
        if not LEAD_HINT_RE.search(text[: MAX_LEAD_CHARS + 1].lower()):
            continue
        lines = text.split("\n") if "\n" in text else [text]
        for sub in range(len(lines) - 1, -1, -1):
            lead = lead_in(collapse_spaces(lines[sub]))
            if lead is None or (lead.phrase and not _starts_sentence(blocks, i, sub, lines)):
                continue
            found = _after_lead_in(blocks, i, sub, lead)
            if found is not None:
                yield found


def _starts_sentence(blocks: list[Block], index: int, sub: int, lines: list[str]) -> bool:
    """False when line `sub` of blocks[index] continues a sentence from the line above.

    Hard-wrapped prose ("... the resolution adopted by" / "the Security Council") must
    not be taken for a lead-in and its list.
    """
    if sub > 0:
        above = lines[sub - 1]
    elif index > 0 and blocks[index].kind == "line" and blocks[index - 1].kind == "line":
        above = blocks[index - 1].text.rsplit("\n", 1)[-1]
    else:
        return True
    above = above.strip()
    return not above or above[-1] in ".!?:;\"”)»"


# --------------------------------------------------------------------------- bare list


def _units_backward(blocks: list[Block], lo: int):
    """The units of blocks[lo:], last first, normalised only as they are reached."""
    for i in range(len(blocks) - 1, lo - 1, -1):
        yield from reversed(_units(blocks, i, i + 1))


def _bare_list(blocks: list[Block]) -> SignatoryBlock | None:
    """A list of party names closing the document, with no lead-in."""
    lo = max(0, len(blocks) - TAIL_WINDOW)
    walk = _units_backward(blocks, lo)
    skipped = 0
    unit = None
    for unit in walk:
        if unit.blank:
            continue
        if not _closing(unit):
            break
        skipped += 1
        if skipped > MAX_TAIL_SKIP:
            return None
    else:
        return None
    end_index = unit.index
    # Walk up over lines that can belong to the list. Its lines are spaced evenly:
    # once two are seen, a wider blank gap than any between them ends the list (a
    # region header may stand apart), and a comma sentence closing the text is the
    # whole list.
    start: tuple[int, int] | None = None
    gap = 0
    widest: int | None = None  # widest gap between two lines of the list so far
    below_header = False
    periods = False  # whether a list line seen so far ends with a full stop
    while unit is not None:
        if unit.blank:
            gap += 1
            if gap > MAX_GAP:
                break
            unit = next(walk, None)
            continue
        count = _list_line(unit)
        if count is None:
            break
        # Names of a list without full stops: a line ending in one closes the prose above.
        stop = unit.text.endswith((".", "!", "?")) and not ABBREV_END_RE.search(unit.text)
        if start is not None and stop and not periods:
            break
        periods = periods or stop
        header = count == 0 and unit.kind != "row"
        if start is None:
            if count >= 2 and unit.kind != "row":
                start = (unit.index, unit.sub)
                break
        elif not (header or below_header):
            if widest is not None and gap > widest:
                break
            widest = gap if widest is None else max(widest, gap)
        start = (unit.index, unit.sub)
        below_header = header
        gap = 0
        unit = next(walk, None)
    if start is None:
        return None
    units = _units(blocks, max(0, start[0] - MAX_GAP - 1), end_index + 1)
    pos = next(p for p, u in enumerate(units) if (u.index, u.sub) == start)
    found = _collect(units, pos)
    if found is None or units[found.last].index != end_index:
        return None
    if not _accept(found.names, None):
        return None
    first_block = units[found.first].index
    # A short line ending with a colon just above the list is its lead-in.
    above = found.first - 1
    while above >= 0 and units[above].blank:
        above -= 1
    if above >= 0 and units[above].kind != "row":
        text = units[above].text
        if text.endswith(":") and len(text) <= MAX_LEAD_CHARS:
            first_block = units[above].index
    return SignatoryBlock(start=first_block, end=end_index + 1, names=found.names)


def _closing(unit: _Unit) -> bool:
    return unit.kind != "row" and is_end_line(unit.text)


def _list_line(unit: _Unit) -> int | None:
    """How many names a unit holds when it can be a line of a list, else None.

    A table header row or a region header ("Europe") holds 0 names.
    """
    if unit.kind == "row":
        if header_columns(unit.cells) is not None:
            return 0
        return None if row_name(unit.cells, None) is None else 1
    text = unit.text
    if unit.kind == "heading" or is_end_line(text):
        return None
    if REGION_RE.match(text):
        return 0
    names = parse_line(text)
    return None if names is None else len(names)


# --------------------------------------------------------------------------- public


def find_signatories(blocks: list[Block]) -> SignatoryBlock | None:
    """Find the list of signatory parties in a document's blocks.

    Takes the `blocks` of a `SourceDoc`. Returns a `SignatoryBlock` whose blocks
    [start:end] hold the list (with its lead-in line, without closing lines such as
    "The statement remains open ...") and whose `names` are the raw party names in
    order, or None when the document has no such list. A list after a lead-in phrase
    wins, the last such one first; otherwise a bare list of names closing the document
    is taken.
    """
    if not blocks:
        return None
    lists: list[SignatoryBlock] = []
    for found in _lead_in_lists(blocks):
        if not lists:
            lists.append(found)
        elif found.start >= lists[0].start:
            continue  # another lead-in line of a list already read
        elif found.end <= lists[0].start and _only_lead_ins_between(blocks, found.end, lists[0].start):
            lists.insert(0, found)  # "Signatories: …" followed by "More signatures: …"
        else:
            break
    if lists:
        names = [n for found in lists for n in found.names]
        merged = SignatoryBlock(start=lists[0].start, end=lists[-1].end, names=names)
        return _with_addenda(blocks, merged)
    return _bare_list(blocks)


# A short line announcing more signatories after a list ("Parties that signed later:").
_ADDENDUM_RE = re.compile(
    r"^(?=.{3,100}:$)(?=.*\b(?:sign|endors|join|later|more|also|additional|further|subsequent"
    r"|support|adher|new)).*$",
    re.IGNORECASE,
)
MAX_ADDENDA = 3


def _only_lead_ins_between(blocks: list[Block], lo: int, hi: int) -> bool:
    """True when blocks[lo:hi] hold nothing but blank lines and at most two short
    announcement lines, so that two lists around them are one list of signatories."""
    shown = [b.text.strip() for b in blocks[lo:hi] if b.kind != "break" and b.text.strip()]
    return len(shown) <= 2 and all(_ADDENDUM_RE.match(t) for t in shown)


def _with_addenda(blocks: list[Block], found: SignatoryBlock) -> SignatoryBlock:
    """Extend a list with the lists announced right after it ("Parties that signed
    later:" followed by more names)."""
    for _ in range(MAX_ADDENDA):
        i = found.end
        while i < len(blocks) and (blocks[i].kind == "break" or not blocks[i].text.strip()):
            i += 1
        if i >= len(blocks) or "\n" in blocks[i].text or not _ADDENDUM_RE.match(blocks[i].text.strip()):
            return found
        more = _after_lead_in(blocks, i, 0, LeadIn(phrase=False, inline="", strong=True))
        if more is None:
            return found
        found = SignatoryBlock(start=found.start, end=more.end, names=found.names + more.names)
    return found
