"""Reflow of text lines into paragraphs.

A text file reaches the chunker as one "line" block per physical line. Two layouts occur:

* **Un-wrapped**: a paragraph a line (seeds, most web copies, the UK manifestos). Every
  non-blank line is its own paragraph; short upper-case lines are headings. The one
  repair made here is for a page break inside a sentence: a long line that ends without
  sentence-final punctuation, followed (across blank lines) by a line that starts in
  lower case, is joined to it.
* **Hard-wrapped**: lines broken every ~50-90 characters, usually with no blank line
  between paragraphs (PDF extractions of UN records, e-mails, markdown). Lines are joined
  into paragraphs by the rules below.

Page furniture: lines that are never prose (page numbers, "12/34", job numbers such as
"06-52879 2", "A/70/PV.22 28/09/2015", "Forty-eighth session - 11 October 1993 21",
"(spoke in French)", "The President returned to the Chair.") are dropped in both layouts.
Looser header lines ("General Assembly", "Fiftieth session", "A/64/470") are dropped only
in wrapped text and only next to a page break (a blank line or other furniture), so the
same words inside a sentence stay.

`indexer.chunk.layout.layout_of` tells the two apart from the text alone; `reflow_lines` turns a run of line
blocks into `Para`s. Both work on plain strings and compiled patterns only, so a whole
archive of several million lines reflows in seconds.

Paragraph-break rules for wrapped text, in order (a = previous line, b = current line):

1. b is page furniture: dropped; it counts as a blank line (a page break).
2. a "Mr. Smith (Country):" speaker prefix on b is removed and b starts a paragraph.
3. a is an upper-case heading: b starts a paragraph, unless b completes the heading
   ("A NEW OPPORTUNITY" / "FOR PEACE").
4. b is an upper-case heading (not followed by a lower-case line) after a finished
   sentence or a blank line: b starts a paragraph.
5. b is indented deeper than the file's usual indentation, in a file that indents first
   lines: b starts a paragraph.
6. b starts with a list marker ("1.", "(a)", "-", "•") after a line that ends a sentence
   or a clause (". : ;") or that stops well short of the wrap width: b starts a paragraph.
7. a ends a sentence (". ! ? :" possibly followed by a closing quote or bracket, and not
   an abbreviation such as "Mr.") and the first word of b would have fitted on a's line
   (measured in printed width, see `visual_length`, against the file's 90th-percentile
   width): b starts a paragraph, since the writer broke the line by choice. After a
   blank line, a sentence end also starts a paragraph when the file uses blank lines to
   separate paragraphs (otherwise a blank line is a page break).
8. a is short (under half the wrap width), does not end in a comma, hyphen or function
   word, opened its paragraph or precedes a blank line, and b starts with a capital or a
   digit: a is a title line and b starts a paragraph (not on the first line of a text
   unless b is short too, since speeches open with a short line).
9. Otherwise b continues a's paragraph.

Line-end hyphens: "self-\\ndetermination" is joined without a space and the hyphen is
kept, because in real archives most line-end hyphens are compound hyphens (measured on
the UN debates: 14 compound hyphens for each broken word). The hyphen is dropped
("inter-\\nnational" -> "international") only when the next line starts in lower case and
the unhyphenated word occurs elsewhere in the same text while the hyphenated one does
not.
"""

from __future__ import annotations

from dataclasses import dataclass

from indexer.chunk.layout import Layout
from indexer.chunk.lines import (
    BULLET,
    BULLETS,
    CLAUSE_END,
    CLOSERS,
    FIT_SLACK,
    LIST_MARKER,
    MARKDOWN_HEADING,
    MARKER_FIRST,
    SPEAKER,
    WEAK_FURNITURE,
    ends_open,
    ends_sentence,
    ends_with_abbreviation,
    first_word_len,
    is_furniture,
    is_upper_heading,
    starts_lower,
    visual_length,
)


@dataclass
class Para:
    """A paragraph of a document: `kind` is "paragraph", "heading", "item" or "row";
    it was made from blocks[first_block:last_block + 1]."""

    text: str
    kind: str
    first_block: int
    last_block: int


def _join(text: str, nxt: str, whole: str) -> str:
    """Append line `nxt` to paragraph `text`; `whole` is the document text, used to
    decide whether a line-end hyphen splits a word (see the module docstring)."""
    if not text:
        return nxt
    if text[-1] == "-" and len(text) >= 2 and text[-2].isalpha():
        if nxt[:1].islower():
            i = len(text) - 2
            while i >= 0 and text[i].isalpha():
                i -= 1
            left = text[i + 1 : -1]
            j = 0
            while j < len(nxt) and nxt[j].isalpha():
                j += 1
            right = nxt[:j]
            if left and right:
                plain = left + right
                if plain in whole and (left + "-" + right) not in whole:
                    return text[:-1] + nxt
        return text + nxt
    return text + " " + nxt


def _heading_text(s: str) -> str | None:
    m = MARKDOWN_HEADING.fullmatch(s)
    return m.group(2) if m else None


def reflow_lines(lines: list[str], first_index: int, layout: Layout) -> list[Para]:
    """Turn a run of raw `lines` (blocks first_index.. of a document) into paragraphs.

    Returns `Para`s of kind "paragraph", "heading" or "item" whose block indices point
    into the document's blocks. Blank lines and dropped furniture give no paragraph.
    """
    if layout.wrapped:
        return _reflow_wrapped(lines, first_index, layout)
    return _reflow_unwrapped(lines, first_index, layout)


def _line_para(s: str, i: int, upper_text: bool) -> Para:
    """A paragraph made of the single stripped line `s` (block i)."""
    h = _heading_text(s) if s[0] == "#" else None
    if h is not None:
        return Para(h, "heading", i, i)
    if s[0] in BULLETS:
        m = BULLET.match(s)
        if m:
            return Para(s[m.end() :], "item", i, i)
    if not upper_text and is_upper_heading(s):
        return Para(s, "heading", i, i)
    return Para(s, "paragraph", i, i)


_CONNECTORS = frozenset("OF FOR AND THE TO IN ON WITH A AN AT BY FROM OR & -".split())


def _continues_heading(prev: str, s: str) -> bool:
    """True when upper-case line `s` completes the heading `prev` ("A NEW OPPORTUNITY" /
    "FOR PEACE")."""
    if len(prev) + len(s) > 120:
        return False
    first = s.split(" ", 1)[0]
    last = prev.rsplit(" ", 1)[-1]
    return first in _CONNECTORS or last in _CONNECTORS or prev[-1] in ",-&"


def _reflow_unwrapped(lines: list[str], first_index: int, layout: Layout) -> list[Para]:
    paras: list[Para] = []
    whole: str | None = None
    prev_blank = False
    for k, raw in enumerate(lines):
        s = raw.strip()
        if not s or is_furniture(s):
            prev_blank = True
            continue
        i = first_index + k
        if paras:
            last = paras[-1]
            t = last.text
            # A page break inside a sentence: a long line that stops mid-sentence and a
            # line that goes on in lower case.
            if (
                last.kind in ("paragraph", "item")
                and len(t) >= 60
                and starts_lower(s)
                and not (ends_sentence(t) and not ends_with_abbreviation(t))
                and not LIST_MARKER.match(s)
            ):
                if whole is None:
                    whole = "\n".join(lines)
                last.text = _join(t, s, whole)
                last.last_block = i
                prev_blank = False
                continue
            if (
                not prev_blank
                and last.kind == "heading"
                and last.first_block == last.last_block
                and not layout.upper_case_text
                and is_upper_heading(s)
                and _continues_heading(t, s)
            ):
                last.text = t + " " + s
                last.last_block = i
                continue
        paras.append(_line_para(s, i, layout.upper_case_text))
        prev_blank = False
    return paras


def _next_content(lines: list[str], k: int) -> str:
    """The first non-blank stripped line after lines[k], or ""."""
    for j in range(k + 1, min(len(lines), k + 6)):
        t = lines[j].strip()
        if t:
            return t
    return ""


def _reflow_wrapped(lines: list[str], first_index: int, layout: Layout) -> list[Para]:
    width = layout.width
    vwidth = layout.visual_width
    base = layout.base_indent
    use_indent = layout.indents_first_lines
    upper_text = layout.upper_case_text
    blank_separates = layout.blank_separates
    whole = "\n".join(lines)
    n = len(lines)

    paras: list[Para] = []
    cur: Para | None = None  # paragraph being built
    prev = ""  # previous kept line, stripped
    prev_indent = 0
    prev_opens = True  # previous line opened its paragraph
    gap_blank = False  # blank line(s) or furniture since the previous kept line

    for k in range(n):
        raw = lines[k]
        s = raw.strip()
        if not s:
            gap_blank = True
            continue
        if len(s) <= 90:
            if is_furniture(s):
                gap_blank = True
                continue
            if WEAK_FURNITURE.fullmatch(s):
                before = k == 0 or not lines[k - 1].strip()
                nxt = lines[k + 1].strip() if k + 1 < n else ""
                if before or not nxt or is_furniture(nxt):
                    gap_blank = True
                    continue
        i = first_index + k
        indent = len(raw) - len(raw.lstrip())
        speaker = False
        if s[0] in "MDSLAPKQ" and "(" in s:
            m = SPEAKER.match(s)
            if m:
                s = s[m.end() :]
                speaker = True
                if not s:
                    gap_blank = True
                    continue
        heading = (
            not upper_text
            and is_upper_heading(s)
            and not ends_open(s)
            and not _next_content(lines, k)[:1].islower()
        )

        if cur is None or speaker:
            start = True
        elif cur.kind == "heading":
            # A heading stands alone unless this line completes it.
            start = not (heading and not gap_blank and _continues_heading(prev, s))
        else:
            prev_ends = ends_sentence(prev) and not ends_with_abbreviation(prev)
            if heading and (prev_ends or gap_blank):
                start = True
            elif use_indent and indent > base and (prev_indent <= base or prev_ends):
                start = True
            elif (
                s[0] in MARKER_FIRST
                and (prev.rstrip(CLOSERS)[-1:] in CLAUSE_END or len(prev) < 0.7 * width)
                and LIST_MARKER.match(s)
            ):
                start = True
            elif prev_ends:
                fits = (
                    visual_length(prev) + 0.55 + visual_length(s[: first_word_len(s)])
                    <= vwidth * FIT_SLACK
                )
                start = fits or (gap_blank and blank_separates)
            else:
                # A short line that does not end a sentence, followed by a capitalised
                # line: a title ("Climate change") or the end of a list entry, when a
                # blank line follows it or it stands alone on its line. Not on the first
                # line of a text unless the next line is short too: speeches open with a
                # short line ("Allow me to congratulate" / "His Excellency Mr. ...").
                start = (
                    (gap_blank or prev_opens)
                    and len(prev) < 0.5 * width
                    and (s[0].isupper() or s[0].isdigit())
                    and not prev[0].islower()
                    and not ends_open(prev)
                    and (gap_blank or len(paras) > 1 or len(s) < 0.6 * width)
                )

        if start:
            kind = "paragraph"
            if s[0] in BULLETS:
                m = BULLET.match(s)
                if m:
                    s = s[m.end() :]
                    kind = "item"
            if heading:
                kind = "heading"
            cur = Para(s, kind, i, i)
            paras.append(cur)
            prev_opens = True
        else:
            if cur.kind == "heading":
                cur.text = cur.text + " " + s
            else:
                cur.text = _join(cur.text, s, whole)
            cur.last_block = i
            prev_opens = False
        prev = s
        prev_indent = indent
        gap_blank = False
    return paras
