"""What one line of text is: sentence ends, abbreviations, open endings, upper-case
headings, list markers, speaker prefixes, page furniture, and its printed width.

Page furniture: lines that are never prose (page numbers, "12/34", job numbers such as
"06-52879 2", "A/70/PV.22 28/09/2015", "Forty-eighth session - 11 October 1993 21",
"(spoke in French)", "The President returned to the Chair.", and a web page's navigation
and stamp: "Back to manifesto index.", "Last Modified: Thursday, 05-Apr-2001") are
dropped in any layout.
Looser header lines (`WEAK_FURNITURE`: "General Assembly", "Fiftieth session",
"A/64/470") are dropped only in wrapped text and only next to a page break.
Plain strings and compiled patterns only, so millions of lines are judged in seconds.
"""

from __future__ import annotations

import re

# Characters that may close a sentence, and the closers that may follow them.
_SENTENCE_END = frozenset(".!?:…")
CLOSERS = "\"'”’»)]*"
# Final characters after which a line "ends a clause" for list-marker breaks.
CLAUSE_END = frozenset(".!?:;…")
# A line ending a sentence ends its paragraph when the next word would have fitted within
# the wrap width times this factor (1.0 gave the fewest errors on the UN records whose
# paragraphs are marked by indentation).
FIT_SLACK = 1.0

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
LIST_MARKER = re.compile(
    r"(?:\(?\d{1,3}[.)]|\(\d{1,3}\)|\d{1,3}\s+[-–—]|\(?[a-z]\)|\([ivx]{1,5}\)|[ivx]{1,5}\)"
    r"|[IVXL]{1,6}[.)]|[-–—•·▪◦‣*])(?=\s)"
)
BULLETS = "-–—•·▪◦‣*"
BULLET = re.compile(r"[-–—•·▪◦‣*]\s+")
MARKER_FIRST = frozenset("0123456789(IVXL" + BULLETS + "abcdefghijklmnopqrstuvwxyz")
MARKDOWN_HEADING = re.compile(r"(#{1,6})\s+(.*?)\s*#*\s*")

_ORDINAL = (
    r"(?:(?:Twenty|Thirty|Forty|Fifty|Sixty|Seventy|Eighty|Ninety)"
    r"(?:-(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth))?"
    r"|Twentieth|Thirtieth|Fortieth|Fiftieth|Sixtieth|Seventieth|Eightieth|Ninetieth"
    r"|\d{1,3}(?:st|nd|rd|th))"
)
# The words of a web page's time stamp besides its numbers ("Thursday, 05-Apr-2001 00:21:44 GMT/BST").
_DATE_WORD = (
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may"
    r"|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
    r"|gmt|bst|utc|cet|cest|est|edt|pst|am|pm|at)\b"
)
# Page furniture: whole lines that are never prose, dropped in any layout.
FURNITURE = re.compile(
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
    # A web page's navigation and its stamp, copied with the text: "Back to manifesto
    # index.", "Return to Top", "Last Modified: Thursday, 05-Apr-2001 00:21:44 GMT/BST",
    # "This page last updated - 9 May, 2001".
    r"|(?i:(?:back|return|go back)\s+to\s+(?:the\s+)?(?:top(?:\s+of\s+(?:the\s+)?page)?|home"
    r"|(?:[\w-]+\s+){0,2}(?:index|table|menu|contents|home\s*page|main\s+page|list|archive))\s*[.!]?)"
    r"|(?i:(?:this\s+page\s+(?:was\s+)?)?(?:last\s+(?:modified|updated|revised)|(?:page\s+)?(?:last\s+)?updated)"
    r"\s*(?:on\b|:|-|–|—)?\s*(?=[^\d]{0,30}\d)(?:\d++(?:st|nd|rd|th)?|" + _DATE_WORD + r"|[,./:()+–-]|\s){1,30})"
    r")"
)
# The characters a FURNITURE line can open with: a cheap test before the pattern.
FURNITURE_FIRST = frozenset("0123456789-–—(AGTFSENBbRrLlPpGgUut")
# Header lines that are furniture only next to a page break (blank line or furniture).
WEAK_FURNITURE = re.compile(
    # A bare date is a page header only there: elsewhere it is a statement's dateline.
    r"(?:General Assembly|Security Council|Official Records|United Nations|[AS]/\d{1,3}/\d{1,4}|"
    r"\d{1,2}/\d{1,2}/\d{4}|"
    + _ORDINAL
    + r" (?:[Ss]ession|(?:[Pp]lenary )?[Mm]eeting)|Provisional|Verbatim [Rr]ecord)"
)
# "Mr. Smith (Honduras) (spoke in Spanish): Our ..." at the start of a line.
SPEAKER = re.compile(
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


def ends_sentence(s: str) -> bool:
    """True when `s` ends with sentence-final punctuation, closers allowed after it."""
    t = s.rstrip(CLOSERS)
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


def starts_lower(s: str) -> bool:
    """True when `s` starts with a lower-case letter, opening quotes/brackets skipped."""
    t = s.lstrip("\"'“‘«([")
    return bool(t) and t[0].islower()


def _last_word(s: str) -> str:
    i = s.rfind(" ")
    return s[i + 1 :].lower() if i >= 0 else s.lower()


def first_word_len(s: str) -> int:
    i = s.find(" ")
    return len(s) if i < 0 else i


def ends_open(s: str) -> bool:
    """True when line `s` cannot end a sentence: a comma, hyphen or function word."""
    last = s[-1]
    if last in ",-–—/&(":
        return True
    return _last_word(s) in _FUNCTION_WORDS


def is_upper_heading(s: str) -> bool:
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


def is_furniture(s: str) -> bool:
    """A stripped line that is page furniture in any layout (FURNITURE)."""
    return 0 < len(s) <= 90 and s[0] in FURNITURE_FIRST and FURNITURE.fullmatch(s) is not None
