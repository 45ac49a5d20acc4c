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

`layout_of` tells the two apart from the text alone; `reflow_lines` turns a run of line
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

import re
from dataclasses import dataclass

# Characters that may close a sentence, and the closers that may follow them.
_SENTENCE_END = frozenset(".!?:…")
_CLOSERS = "\"'”’»)]*"
# Final characters after which a line "ends a clause" for list-marker breaks.
_CLAUSE_END = frozenset(".!?:;…")
# A line ending a sentence ends its paragraph when the next word would have fitted within
# the wrap width times this factor (1.0 gave the fewest errors on the UN records whose
# paragraphs are marked by indentation).
_FIT_SLACK = 1.0

# Words after which an English line cannot end a sentence: a line ending in one of them
# continues on the next line.
_FUNCTION_WORDS = frozenset(
    """a an the of to in on at by for from with and or nor but as that which who whose
    whom this these those its their our his her my your is are was were be been has have
    had will would shall should can could may might must not than into onto upon about
    between among against under over through during without within including such
    both either neither each every all any some no per via de la le les des du et""".split()
)

# A list marker at the start of a line: "1.", "1)", "(1)", "12 -", "(a)", "a)", "iv)",
# "IV.", and bullets.
_LIST_MARKER = re.compile(
    r"(?:\(?\d{1,3}[.)]|\(\d{1,3}\)|\d{1,3}\s+[-–—]|\(?[a-z]\)|\([ivx]{1,5}\)|[ivx]{1,5}\)"
    r"|[IVXL]{1,6}[.)]|[-–—•·▪◦‣*])(?=\s)"
)
_BULLETS = "-–—•·▪◦‣*"
_BULLET = re.compile(r"[-–—•·▪◦‣*]\s+")
_MARKER_FIRST = frozenset("0123456789(IVXL" + _BULLETS + "abcdefghijklmnopqrstuvwxyz")
_MARKDOWN_HEADING = re.compile(r"(#{1,6})\s+(.*?)\s*#*\s*")

_ORDINAL = (
    r"(?:(?:Twenty|Thirty|Forty|Fifty|Sixty|Seventy|Eighty|Ninety)"
    r"(?:-(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth))?"
    r"|Twentieth|Thirtieth|Fortieth|Fiftieth|Sixtieth|Seventieth|Eightieth|Ninetieth"
    r"|\d{1,3}(?:st|nd|rd|th))"
)
# Page furniture: whole lines that are never prose, dropped in any layout.
_FURNITURE = re.compile(
    r"(?:"
    r"\d{1,3}"  # page number
    r"|[-–—]\s*\d{1,3}\s*[-–—]"  # "- 12 -"
    r"|\d{1,3}\s*/\s*\d{1,3}"  # "12/34" page of pages
    r"|(?:\d{1,3}(?:/\d{1,3})?\s+)?\d{2}-\d{5}(?:\s+\d{1,3}(?:/\d{1,3})?)?"  # "06-52879 2"
    r"|(?:\d{1,3}\s+)?(?:\d{1,2}/\d{1,2}/\d{4}\s+)?A/(?:\d{1,3}/)?PV\.\d{1,4}"
    r"(?:\s+\d{1,2}/\d{1,2}/\d{4})?(?:\s+\d{1,3})?"  # "A/70/PV.22 28/09/2015"
    r"|(?:\d{1,3}\s+)?General Assembly\s*(?:[-–—,]\s*)?"
    + _ORDINAL
    + r" (?:[Ss]ession|(?:[Pp]lenary )?[Mm]eeting)(?:\s*[-–—,]?\s*\d{1,3})?"
    r"|" + _ORDINAL + r" session\s*[-–—]?\s*\d{1,2} [A-Z][a-z]+ [lI1\d]\d{3}(?:\s+\d{1,3})?"
    r"|\((?:[Ss]poke|[Ss]peaking) in [A-Z][a-z]+(?: [A-Z][a-z]+)?\)"
    r"|The (?:Acting )?President (?:returned to|took|resumed) the [Cc]hair\.?"
    r")"
)
_FURNITURE_FIRST = frozenset("0123456789-–—(AGTFSEN")
# Header lines that are furniture only next to a page break (blank line or furniture).
_WEAK_FURNITURE = re.compile(
    # A bare date is a page header only there: elsewhere it is a statement's dateline.
    r"(?:General Assembly|Security Council|Official Records|United Nations|[AS]/\d{1,3}/\d{1,4}|"
    r"\d{1,2}/\d{1,2}/\d{4}|"
    + _ORDINAL
    + r" (?:[Ss]ession|(?:[Pp]lenary )?[Mm]eeting)|Provisional|Verbatim [Rr]ecord)"
)
# "Mr. Smith (Honduras) (spoke in Spanish): Our ..." at the start of a line.
_SPEAKER = re.compile(
    r"(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Archbishop|Sheikh|Prince|Princess|King|Queen)\.?"
    r"(?:\s+[A-Z][\w'’.-]*){1,5}\s+\([A-Z][^)]{1,60}\)(?:\s*\((?:spoke|speaking) in [A-Z][a-z]+\))?\s*:\s*"
)


# Approximate printed widths, for text extracted from proportional-font pages: narrow
# letters and punctuation count 0.55 of a letter, "m"/"w" and capitals more.
_NARROW = "ijlft.,;:'!|()[]- r".encode()
_WIDE = b"mwMW"
_CAPITALS = b"ABCDEFGHIJKLNOPQRSTUVXYZ"


def visual_length(s: str) -> float:
    """The printed width of `s` in average letters (see `_NARROW`)."""
    b = s.encode("utf-8")
    n = len(b)
    narrow = n - len(b.translate(None, _NARROW))
    wide = n - len(b.translate(None, _WIDE))
    caps = n - len(b.translate(None, _CAPITALS))
    return n - 0.45 * narrow + 0.5 * wide + 0.3 * caps


@dataclass
class Para:
    """A paragraph of a document: `kind` is "paragraph", "heading", "item" or "row";
    it was made from blocks[first_block:last_block + 1]."""

    text: str
    kind: str
    first_block: int
    last_block: int


@dataclass
class Layout:
    """What `layout_of` learnt about a document's lines."""

    wrapped: bool
    width: int  # wrap width in characters (90th percentile of line lengths)
    base_indent: int  # the usual indentation of a line
    indents_first_lines: bool  # paragraphs start with an indented line
    blank_separates: bool  # a blank line after a finished sentence ends a paragraph
    upper_case_text: bool  # the body itself is written in capitals
    visual_width: float = 0.0  # the wrap width in `visual_length` units


def _ends_sentence(s: str) -> bool:
    """True when `s` ends with sentence-final punctuation, closers allowed after it."""
    t = s.rstrip(_CLOSERS)
    return bool(t) and t[-1] in _SENTENCE_END


# Words ending in a full stop that do not end a sentence ("Mr.\nPresident").
ABBREVIATIONS = frozenset(
    """mr mrs ms mme messrs dr st no nos art arts para paras p pp vol vols e.g i.e
    h.e inc ltd co jr sr prof gen col lt capt sen rep gov hon rev fig figs ch sec cf
    vs al op approx dept est jan feb mar apr jun jul aug sep sept oct nov dec ft""".split()
)


def ends_with_abbreviation(s: str) -> bool:
    """True when `s` ends with an abbreviation or an initial ("Mr.", "e.g.", "John F.")."""
    if not s.endswith("."):
        return False
    i = s.rfind(" ")
    word = s[i + 1 : -1].lstrip("(\"'“‘[")
    if len(word) == 1:
        return word.isupper() or word.islower()
    return word.lower() in ABBREVIATIONS


def _starts_lower(s: str) -> bool:
    """True when `s` starts with a lower-case letter, opening quotes/brackets skipped."""
    t = s.lstrip("\"'“‘«([")
    return bool(t) and t[0].islower()


def _last_word(s: str) -> str:
    i = s.rfind(" ")
    return s[i + 1 :].lower() if i >= 0 else s.lower()


def _first_word_len(s: str) -> int:
    i = s.find(" ")
    return len(s) if i < 0 else i


def _ends_open(s: str) -> bool:
    """True when line `s` cannot end a sentence: a comma, hyphen or function word."""
    last = s[-1]
    if last in ",-–—/&(":
        return True
    return _last_word(s) in _FUNCTION_WORDS


def _is_upper_heading(s: str) -> bool:
    """An upper-case line short enough to be a heading ("CLIMATE CHANGE", "I. PEACE")."""
    if len(s) > 120 or s[-1] == "," or not s.isupper():
        return False
    letters = 0
    for ch in s:
        if ch.isalpha():
            if ch.islower():
                return False
            letters += 1
    return letters >= 3


def _is_furniture(s: str) -> bool:
    return len(s) <= 90 and _FURNITURE.fullmatch(s) is not None


def layout_of(lines: list[str]) -> Layout:
    """Decide whether raw `lines` (one string per physical line) are hard-wrapped.

    Wrapped text is recognised by how often a line runs on into the next one: the line
    ends without final punctuation and the next starts in lower case, or the line ends
    with a comma, a hyphen or a function word ("of", "the", "and"). In a paragraph-a-line
    file this almost never happens; in wrapped text it happens on most lines.
    """
    lengths: list[int] = []
    contents: list[str] = []
    indents: dict[int, int] = {}
    pairs = runs_on = 0
    blank_gaps = blank_after_sentence = 0
    upper_lines = 0
    prev = ""
    prev_blank = False
    for raw in lines:
        s = raw.strip()
        if not s:
            prev_blank = True
            continue
        lengths.append(len(s))
        contents.append(s)
        ind = len(raw) - len(raw.lstrip())
        indents[ind] = indents.get(ind, 0) + 1
        if s.isupper():
            upper_lines += 1
        if prev:
            if prev_blank:
                blank_gaps += 1
                if _ends_sentence(prev):
                    blank_after_sentence += 1
            else:
                pairs += 1
                if not _ends_sentence(prev) and (s[0].islower() or _ends_open(prev)):
                    runs_on += 1
        prev = s
        prev_blank = False
    n = len(lengths)
    if n == 0:
        return Layout(False, 0, 0, False, False, False)
    lengths.sort()
    width = lengths[min(n - 1, int(n * 0.9))]
    base_indent = max(indents, key=indents.get)
    deeper = sum(c for i, c in indents.items() if i > base_indent)
    wrapped = pairs > 0 and runs_on >= 0.3 * pairs and runs_on >= 2 and width <= 250
    if pairs == 1 and runs_on == 1 and n == 2:
        wrapped = True
    visual_width = 0.0
    if wrapped:
        step = max(1, n // 150)
        visual = sorted(visual_length(s) for s in contents[::step])
        visual_width = visual[min(len(visual) - 1, int(len(visual) * 0.9))]
    return Layout(
        wrapped=wrapped,
        width=width,
        visual_width=visual_width,
        base_indent=base_indent,
        indents_first_lines=wrapped and 0.02 * n <= deeper <= 0.5 * n,
        blank_separates=blank_gaps > 0 and blank_after_sentence >= 0.6 * blank_gaps,
        upper_case_text=upper_lines > 0.5 * n,
    )


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
    m = _MARKDOWN_HEADING.fullmatch(s)
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
    if s[0] in _BULLETS:
        m = _BULLET.match(s)
        if m:
            return Para(s[m.end() :], "item", i, i)
    if not upper_text and _is_upper_heading(s):
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
        if not s or (len(s) <= 90 and s[0] in _FURNITURE_FIRST and _FURNITURE.fullmatch(s)):
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
                and _starts_lower(s)
                and not (_ends_sentence(t) and not ends_with_abbreviation(t))
                and not _LIST_MARKER.match(s)
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
                and _is_upper_heading(s)
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
            if s[0] in _FURNITURE_FIRST and _FURNITURE.fullmatch(s):
                gap_blank = True
                continue
            if _WEAK_FURNITURE.fullmatch(s):
                before = k == 0 or not lines[k - 1].strip()
                nxt = lines[k + 1].strip() if k + 1 < n else ""
                if before or not nxt or _is_furniture(nxt):
                    gap_blank = True
                    continue
        i = first_index + k
        indent = len(raw) - len(raw.lstrip())
        speaker = False
        if s[0] in "MDSLAPKQ" and "(" in s:
            m = _SPEAKER.match(s)
            if m:
                s = s[m.end() :]
                speaker = True
                if not s:
                    gap_blank = True
                    continue
        heading = (
            not upper_text
            and _is_upper_heading(s)
            and not _ends_open(s)
            and not _next_content(lines, k)[:1].islower()
        )

        if cur is None or speaker:
            start = True
        elif cur.kind == "heading":
            # A heading stands alone unless this line completes it.
            start = not (heading and not gap_blank and _continues_heading(prev, s))
        else:
            prev_ends = _ends_sentence(prev) and not ends_with_abbreviation(prev)
            if heading and (prev_ends or gap_blank):
                start = True
            elif use_indent and indent > base and (prev_indent <= base or prev_ends):
                start = True
            elif (
                s[0] in _MARKER_FIRST
                and (prev.rstrip(_CLOSERS)[-1:] in _CLAUSE_END or len(prev) < 0.7 * width)
                and _LIST_MARKER.match(s)
            ):
                start = True
            elif prev_ends:
                fits = (
                    visual_length(prev) + 0.55 + visual_length(s[: _first_word_len(s)])
                    <= vwidth * _FIT_SLACK
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
                    and not _ends_open(prev)
                    and (gap_blank or len(paras) > 1 or len(s) < 0.6 * width)
                )

        if start:
            kind = "paragraph"
            if s[0] in _BULLETS:
                m = _BULLET.match(s)
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
