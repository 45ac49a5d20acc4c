"""Cut a document's blocks into passages: the units that are indexed, found and shown.

`paragraphs(blocks)` turns blocks into paragraphs: runs of text lines are reflowed by
`indexer.reflow` (hard-wrapped lines joined, page furniture dropped); HTML/markdown
blocks (heading, paragraph, item, row) stay one paragraph each; "break" blocks only
separate.

`chunk(blocks, signatories, title)` turns the paragraphs into `Passage`s:

* a "title" passage first when a title is given (and the first paragraph is dropped when
  it only repeats the title);
* numbered points: a paragraph opening with "1." / "1)" / "1 -" / "(1)" is kind "point"
  with point "1", the text keeping its "1." prefix. Upper-case Roman sections ("II.",
  "IV -", or "II" alone on a line, merged with the line after it) are kind "point" with
  point "II"; numbered points inside a section get "II.2"; lettered sub-points "(a)" /
  "a)" are passages of their own with point "4.a" (or "II.4.a"), lower-case Roman ones
  "(ii)" below them with "4.a.ii". A label counts only inside a sequence: at least two
  labels of the same level whose values go up by one (one missing number is tolerated
  inside a sequence of labels written the same way), and no number above 200, so
  "2022. At the start..." and "1.5 million" are no points. The one exception to "at
  least two" is a lone "1." that restarts the numbering right after a Roman section
  heading, when an earlier section holds a numbered sequence ("II." / "1." -> "II.1").
  Decimal outlines ("1.1", "1.2") and capital-letter outlines ("A.", "B.") are not
  recognised as points.
* continuation paragraphs: an unnumbered paragraph between point 4 and point 5 keeps its
  own kind ("paragraph" or "heading") and point None: `point` labels the passage that
  opens a point, so every point label (and its anchor, "#p-4") names one passage.
* the signatory block `blocks[start:end]` becomes exactly one passage of kind
  "signatories", at its place in the document: the lead-in ("Signed by:") followed by
  the party names joined with "; ".
* paragraphs longer than 2,000 characters are split at sentence ends into pieces of about
  800-1,500 characters; the first piece keeps the paragraph's kind and point, later
  pieces are kind "paragraph" with point None.
* HTML items and table rows become "paragraph" passages (a row's cells joined by " | ").
* paragraphs without a letter (page numbers, "* * *") are dropped, except a bare label
  ("1.") that is joined to the paragraph after it; whitespace is collapsed.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from indexer.model import Block, Passage, SignatoryBlock
from indexer.chunk.reflow import Para, ends_with_abbreviation, layout_of, reflow_lines

__all__ = ["Para", "paragraphs", "chunk", "split_long", "MAX_PASSAGE_CHARS"]

MAX_PASSAGE_CHARS = 2000  # a paragraph longer than this is split
_PIECE_CHARS = 1400  # the length split pieces aim at
_PIECE_MIN = 500
_PIECE_MAX = 1800

_BLOCK_KINDS = {"heading": "heading", "paragraph": "paragraph", "item": "item", "row": "row"}
_PASSAGE_KIND = {"heading": "heading", "paragraph": "paragraph", "item": "paragraph", "row": "paragraph"}


def _has_word_char(s: str) -> bool:
    for ch in s:
        if ch.isalnum():
            return True
    return False


_BARE_NUMBER_LABEL = re.compile(r"\(\d{1,3}\)|\d{1,3}[.)]|\d{1,3}\s*[-–—]")


_NUMERIC_DATE = re.compile(r"\d{1,4}\s*[./-]\s*\d{1,2}\s*[./-]\s*\d{2,4}")


def _worth_keeping(text: str) -> bool:
    """A paragraph is kept when it has a letter, is a numeric date ("05/07/2023": a
    statement's dateline), or is a bare point label ("1.", "(2)") that `chunk` joins to
    the paragraph after it; lone numbers and punctuation go."""
    for ch in text:
        if ch.isalpha():
            return True
    return (_BARE_NUMBER_LABEL.fullmatch(text) is not None
            or _NUMERIC_DATE.search(text) is not None)


def paragraphs(blocks: list[Block]) -> list[Para]:
    """The paragraphs of a document, in order.

    Takes a SourceDoc's blocks; returns `Para`s (text with collapsed whitespace, kind
    "paragraph" | "heading" | "item" | "row", and the first and last block index it came
    from). Runs of "line" blocks are reflowed as one text (see `indexer.reflow`); the
    decision whether the text is hard-wrapped is taken once for all the lines of the
    document. Paragraphs with no letter or digit are dropped.
    """
    line_texts = [b.text for b in blocks if b.kind == "line"]
    layout = layout_of(line_texts) if line_texts else None
    out: list[Para] = []
    n = len(blocks)
    i = 0
    while i < n:
        b = blocks[i]
        if b.kind == "line":
            j = i + 1
            while j < n and blocks[j].kind == "line":
                j += 1
            for p in reflow_lines([x.text for x in blocks[i:j]], i, layout):
                text = " ".join(p.text.split())
                if text and _worth_keeping(text):
                    p.text = text
                    out.append(p)
            i = j
            continue
        kind = _BLOCK_KINDS.get(b.kind)
        if kind is not None:
            if kind == "row" and b.cells:
                text = " | ".join(" ".join(c.split()) for c in b.cells if c and c.strip())
            else:
                text = " ".join(b.text.split())
            if text and (_has_word_char(text) if kind == "row" else _worth_keeping(text)):
                out.append(Para(text, kind, i, i))
        i += 1
    return out


# ---------------------------------------------------------------------------- labels

_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_ROMAN_VALID = re.compile(r"(?:X{0,3}|XL|L|LX{1,3}|XC)(?:IX|IV|V?I{0,3})", re.I)

# "12." "12)" "(12)" "12 -" followed by a space or the end; "12.The" is accepted too.
_NUMBER_LABEL = re.compile(r"(?:\((\d{1,3})\)|(\d{1,3})(?:\)|\.(?![\d.,])|\s*[-–—](?=\s)))\s*")
# "II." "II)" "II -" ; "II" alone is handled separately.
_ROMAN_LABEL = re.compile(r"(?:\(([IVXLC]{1,7})\)|([IVXLC]{1,7})(?:[.)]|\s*[-–—](?=\s)))(?=\s|$)\s*")
# "(a)" "a)" "a." ; "(iv)" "iv)" "iv."
_LOWER_LABEL = re.compile(r"(?:\(([a-z]|[ivx]{1,5})\)|([a-z]|[ivx]{1,5})[.)])(?=\s|$)\s*")

_NUMBER, _ROMAN, _LETTER, _LOWER_ROMAN = 1, 0, 2, 3
_NEST_GAP = 2  # paragraphs allowed between a label and the first sub-label nested in it


@dataclass
class _Label:
    level: int  # _ROMAN, _NUMBER, _LETTER or _LOWER_ROMAN
    value: int
    token: str  # the label as stored in Passage.point: "II", "4", "a", "iv"
    alt_roman: int = 0  # for "i"/"v"/"x": the value as a lower-case Roman numeral
    bare: bool = False  # the paragraph holds nothing but the label
    style: str = ""  # how the label is written: "(", ")", ".", "-" or "" (alone)


def _roman_value(s: str) -> int:
    if not _ROMAN_VALID.fullmatch(s):
        return 0
    total = 0
    prev = 0
    for ch in reversed(s.upper()):
        v = _ROMAN_VALUES[ch]
        if v < prev:
            total -= v
        else:
            total += v
            prev = v
    return total


def _style(m: re.Match) -> str:
    """How a matched label is written: "(" for "(1)", else its first mark after the
    number (")", ".", "-")."""
    if m.group(1):
        return "("
    mark = m.group(0)[len(m.group(2)) :].strip()[:1]
    return "-" if mark in "-–—" else mark


def _parse_label(text: str) -> _Label | None:
    """The point label a paragraph opens with, or None. No sequence check here."""
    c = text[0]
    if c.isdigit() or (c == "(" and text[1:2].isdigit()):
        m = _NUMBER_LABEL.match(text)
        if m:
            value = int(m.group(1) or m.group(2))
            if 0 < value <= 200:
                return _Label(_NUMBER, value, str(value), bare=m.end() == len(text), style=_style(m))
        return None
    if c in "IVXLC(":
        m = _ROMAN_LABEL.match(text)
        if m:
            token = m.group(1) or m.group(2)
            value = _roman_value(token)
            if value:
                return _Label(_ROMAN, value, token, bare=m.end() == len(text), style=_style(m))
        elif c != "(" and len(text) <= 7 and text.isalpha():
            value = _roman_value(text)
            if value:
                return _Label(_ROMAN, value, text, bare=True, style="")
        if c != "(":
            return None
    if c.islower() or c == "(":
        m = _LOWER_LABEL.match(text)
        if m:
            token = m.group(1) or m.group(2)
            bare = m.end() == len(text)
            style = _style(m)
            if len(token) == 1:
                alt = _roman_value(token) if token in "ivx" else 0
                return _Label(_LETTER, ord(token) - 96, token, alt_roman=alt, bare=bare, style=style)
            value = _roman_value(token)
            if value:
                return _Label(_LOWER_ROMAN, value, token, bare=bare, style=style)
    return None


@dataclass
class _Run:
    level: int
    members: list[int]  # paragraph indices
    last_value: int
    end: int = 0  # last paragraph index of the run's scope (see `_scopes`)
    style: str = ""

    def takes(self, value: int, style: str) -> bool:
        """True when a label continues this run: the next value, or (in a run of two or
        more written the same way) the value after it, one label being lost."""
        step = value - self.last_value
        if step == 1:
            return True
        return step == 2 and len(self.members) >= 2 and style == self.style


def _accept_labels(labels: dict[int, _Label]) -> dict[int, tuple[_Label, _Run]]:
    """Keep the labels that form sequences.

    Takes {paragraph index: label}; returns {paragraph index: (label, run)} for labels
    in runs of at least two members whose values go up by one or two at a time. A label
    that fits no open run starts a new one; "i", "v", "x" continue a letter run when the
    letter before them was the previous label, else they count as lower-case Roman.
    """
    open_runs: dict[int, list[_Run]] = {0: [], 1: [], 2: [], 3: []}
    all_runs: list[_Run] = []
    placed: dict[int, _Label] = {}
    for idx in sorted(labels):
        lab = labels[idx]
        level, value = lab.level, lab.value
        if level == _LETTER and lab.alt_roman:
            letter_fits = any(r.takes(value, lab.style) for r in open_runs[_LETTER])
            if not letter_fits:
                level, value = _LOWER_ROMAN, lab.alt_roman
                lab = _Label(level, value, lab.token, bare=lab.bare, style=lab.style)
        target = None
        for r in reversed(open_runs[level]):
            if r.takes(value, lab.style):
                target = r
                break
        if target is None:
            target = _Run(level, [], 0, style=lab.style)
            open_runs[level].append(target)
            all_runs.append(target)
        target.members.append(idx)
        target.last_value = value
        placed[idx] = lab
    accepted: dict[int, tuple[_Label, _Run]] = {}
    runs = [r for r in all_runs if len(r.members) >= 2]
    runs += _restarted_singles(runs, [r for r in all_runs if len(r.members) == 1])
    _scopes(runs)
    for r in runs:
        for idx in r.members:
            accepted[idx] = (placed[idx], r)
    return accepted


def _scopes(runs: list[_Run]) -> None:
    """Set each run's scope end: its last member, stretched over deeper runs that start
    inside it or at most `_NEST_GAP` paragraphs after it (a section's last point runs to
    the end of its own sub-points)."""
    for level in (3, 2, 1, 0):
        for r in runs:
            if r.level != level:
                continue
            end = r.members[-1]
            first = r.members[0]
            changed = True
            while changed:
                changed = False
                for d in runs:
                    if d.level > level and first < d.members[0] <= end + _NEST_GAP and d.end > end:
                        end = d.end
                        changed = True
            r.end = end


def _restarted_singles(runs: list[_Run], singles: list[_Run]) -> list[_Run]:
    """One-member runs numbered 1 (or "a") that restart the numbering inside a Roman
    section of a document whose other sections hold numbered sequences: "II." followed
    by a lone "1." is point "II.1"."""
    romans = [r for r in runs if r.level == _ROMAN]
    if not romans:
        return []
    kept = []
    for s in singles:
        if s.level == _ROMAN or s.last_value != 1:
            continue
        idx = s.members[0]
        if not any(r.level == s.level and r.members[-1] < idx for r in runs):
            continue
        for r in romans:
            before = [m for m in r.members if m < idx]
            if before and idx - before[-1] <= _NEST_GAP + 1:
                kept.append(s)
                break
    return kept


def _merge_bare_labels(paras: list[Para]) -> tuple[list[Para], dict[int, _Label]]:
    """Find labels; join a paragraph that is only a label ("II.", "1.") to the next one.

    Returns the new paragraph list and {index in it: label}.
    """
    out: list[Para] = []
    labels: dict[int, _Label] = {}
    pending: _Label | None = None
    for p in paras:
        c = p.text[0]
        lab = _parse_label(p.text) if (c.isdigit() or c in "IVXLC(" or c.islower()) else None
        if pending is not None:
            prev = out[-1]
            prev.text = prev.text + " " + p.text
            prev.last_block = p.last_block
            if p.kind != "paragraph":
                prev.kind = p.kind
            labels[len(out) - 1] = pending
            pending = None
            continue
        out.append(Para(p.text, p.kind, p.first_block, p.last_block))
        if lab is not None:
            if lab.bare:
                pending = lab
            else:
                labels[len(out) - 1] = lab
    if pending is not None:
        labels[len(out) - 1] = pending
    return out, labels


def _point_labels(paras: list[Para], labels: dict[int, _Label]) -> list[tuple[bool, str | None]]:
    """For each paragraph: (opens a point, point label or None); see the module doc."""
    accepted = _accept_labels(labels) if labels else {}
    result: list[tuple[bool, str | None]] = []
    stack: list[tuple[str, int] | None] = [None, None, None, None]
    for i in range(len(paras)):
        for lv in range(4):
            if stack[lv] is not None and stack[lv][1] < i:
                stack[lv] = None
        hit = accepted.get(i)
        if hit is not None:
            lab, run = hit
            stack[lab.level] = (lab.token, run.end)
            for lv in range(lab.level + 1, 4):
                stack[lv] = None
            parts = [e[0] for e in stack[: lab.level + 1] if e is not None]
            result.append((True, ".".join(parts)))
        else:
            parts = [e[0] for e in stack if e is not None]
            result.append((False, ".".join(parts) if parts else None))
    return result


# ------------------------------------------------------------------------ splitting

_SENTENCE_BREAK = re.compile(r"[.!?…][\"'”’»)\]]*\s+(?=[\"'“‘«(\[]?\w)")
def _sentence_starts(text: str) -> list[int]:
    """Offsets in `text` where a sentence starts (after the first one)."""
    starts = []
    for m in _SENTENCE_BREAK.finditer(text):
        nxt = m.end()
        j = nxt
        while j < len(text) and text[j] in "\"'“‘«([":
            j += 1
        if j >= len(text) or not (text[j].isupper() or text[j].isdigit()):
            continue
        k = m.start()
        w = k
        while w > 0 and not text[w - 1].isspace():
            w -= 1
        if text[k] == "." and ends_with_abbreviation(text[w : k + 1]):
            continue
        starts.append(nxt)
    return starts


def _fallback_cut(text: str, lo: int, hi: int, target: int) -> int:
    """A cut offset in [lo, hi] near `target` when no sentence ends there: after "; ",
    else after ", ", else at a space, else at `target`."""
    for sep in ("; ", ": ", ", ", " "):
        best = -1
        pos = text.find(sep, lo)
        while 0 <= pos <= hi:
            if best < 0 or abs(pos - target) < abs(best - target):
                best = pos
            pos = text.find(sep, pos + 1)
        if best >= 0:
            return best + len(sep)
    return target


def split_long(text: str, limit: int = MAX_PASSAGE_CHARS) -> list[str]:
    """Split `text` longer than `limit` at sentence ends into pieces of about 800-1,500
    characters (balanced, so no tiny tail); returns [text] when it is short enough."""
    if len(text) <= limit:
        return [text]
    starts = _sentence_starts(text)
    pieces = []
    begin = 0
    si = 0
    while len(text) - begin > limit:
        remaining = len(text) - begin
        k = math.ceil(remaining / _PIECE_CHARS)
        target = begin + remaining / k
        lo, hi = begin + _PIECE_MIN, begin + _PIECE_MAX
        best = -1
        while si < len(starts) and starts[si] <= begin:
            si += 1
        j = si
        while j < len(starts) and starts[j] <= hi:
            s = starts[j]
            if s >= lo and (best < 0 or abs(s - target) < abs(best - target)):
                best = s
            j += 1
        if best < 0:
            best = _fallback_cut(text, lo, hi, int(target))
        piece = text[begin:best].strip()
        if piece:
            pieces.append(piece)
        begin = best
    tail = text[begin:].strip()
    if tail:
        pieces.append(tail)
    return pieces


# --------------------------------------------------------------------------- chunk


def _norm(s: str) -> str:
    return " ".join(s.casefold().split()).strip(" .:;!?\"'“”‘’«»-–—")


def _signatory_text(blocks: list[Block], sig: SignatoryBlock) -> str:
    """The text of the one "signatories" passage: lead-in, then names joined by "; "."""
    texts: list[str] = []
    for b in blocks[max(0, sig.start) : sig.end]:
        t = " | ".join(b.cells) if (b.kind == "row" and b.cells) else b.text
        t = " ".join(t.split())
        if t and _has_word_char(t):
            texts.append(t)
    names = [" ".join(n.split()) for n in sig.names if n and n.strip()]
    if not names:
        return "; ".join(texts)
    keys = [_norm(n) for n in names]
    lead: list[str] = []
    for t in texts:
        nt = _norm(t)
        pos = -1
        for key in keys:
            if key and key in nt:
                p = nt.find(key)
                pos = p if pos < 0 else min(pos, p)
            elif nt and nt in key:
                pos = 0
        if pos >= 0:
            head = t.split(":", 1)[0] + ":" if ":" in t else ""
            if head and len(_norm(head)) <= pos:
                lead.append(head)
            break
        lead.append(t)
    else:
        lead = [t for t in texts[:2] if t.endswith(":")]
    joined = "; ".join(names)
    return (" ".join(lead) + " " + joined) if lead else joined


def _body_paragraphs(
    blocks: list[Block], sig: SignatoryBlock | None, paras: list[Para] | None
) -> list[Para]:
    """The paragraphs outside the signatory block. Reuses `paras` (from
    `paragraphs(blocks)`) when none of them straddles an edge of the block; otherwise
    reflows again with the block's lines replaced by a hard break."""
    if paras is not None:
        if sig is None:
            return paras
        if not any(
            p.first_block < edge <= p.last_block for p in paras for edge in (sig.start, sig.end)
        ):
            return [p for p in paras if p.last_block < sig.start or p.first_block >= sig.end]
    if sig is None:
        return paragraphs(blocks)
    work = list(blocks)
    brk = Block("", "break")
    for i in range(sig.start, sig.end):
        work[i] = brk
    return paragraphs(work)


def chunk(
    blocks: list[Block],
    signatories: SignatoryBlock | None = None,
    title: str | None = None,
    paras: list[Para] | None = None,
) -> list[Passage]:
    """The passages of a document, in reading order, positions 0..n-1.

    Takes the SourceDoc's blocks, optionally the signatory block found in them (it
    becomes one "signatories" passage) and the document title (it becomes the first,
    "title", passage). A caller that has already run `paragraphs(blocks)` may pass the
    result as `paras` to save reflowing the text twice (it is not modified). Returns
    `Passage`s with kind, text, point and position set and no topics. See the module
    docstring for the rules.
    """
    sig = signatories
    if sig is not None and not (0 <= sig.start < sig.end <= len(blocks)):
        sig = None
    paras = _body_paragraphs(blocks, sig, paras)

    out: list[Passage] = []
    title_text = " ".join(title.split()) if title else ""
    if title_text:
        out.append(Passage(kind="title", text=title_text))
        if paras and _norm(paras[0].text) == _norm(title_text):
            paras = paras[1:]

    paras, labels = _merge_bare_labels(paras)
    points = _point_labels(paras, labels)

    sig_text = _signatory_text(blocks, sig) if sig is not None else ""
    sig_done = not sig_text
    for p, (opens, point) in zip(paras, points):
        if not sig_done and p.first_block >= sig.end:
            out.append(Passage(kind="signatories", text=sig_text))
            sig_done = True
        # Only the passage that opens a point carries its label: the paragraphs that
        # follow it, and the later pieces of a split point, are paragraphs (point None).
        kind = "point" if opens else _PASSAGE_KIND[p.kind]
        pieces = split_long(p.text) if len(p.text) > MAX_PASSAGE_CHARS else [p.text]
        out.append(Passage(kind=kind, text=pieces[0], point=point if opens else None))
        for piece in pieces[1:]:
            out.append(Passage(kind="paragraph", text=piece))
    if not sig_done:
        out.append(Passage(kind="signatories", text=sig_text))
    for pos, passage in enumerate(out):
        passage.position = pos
    return out
