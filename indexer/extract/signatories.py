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
    split_party_list(text) -> list[str]
        the names of a one-sentence comma (or semicolon) list.
    stated_count(text) -> int | None
        the number in "signed by 18 Communist and Workers' parties", for reporting.

The work is bounded: lead-ins are recognised by looking only at short lines or at the
few words before a colon, and a bare list is looked for only in the last
`TAIL_WINDOW` blocks, so a long document without signatories costs one cheap pass.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from indexer.model import Block, SignatoryBlock

__all__ = ["find_signatories", "split_party_list", "stated_count"]

# --------------------------------------------------------------------------- limits

TAIL_WINDOW = 400  # blocks from the end that may hold a bare list (no lead-in)
MAX_LIST_UNITS = 800  # lines read after a lead-in
MAX_GAP = 4  # blank lines allowed between two names
MAX_TAIL_SKIP = 8  # closing lines (source, date, notes) skipped before a bare list
MAX_LEAD_CHARS = 250  # a lead-in before a colon is at most this long
MAX_HEADER_CHARS = 120  # a lead-in without colon ("Signatories") is at most this long
MAX_NAME_CHARS = 160
MAX_NAME_WORDS = 16
MIN_BARE_NAMES = 3

# --------------------------------------------------------------------------- patterns

# Words that head a party or organisation name ("Party", "Front", "Union", ...).
_HEAD_RE = re.compile(
    r"\b(?:part(?:y|ies|i|is|ido|idos|ito|iti|ei|ij|ia|ija|iya|idul|isi)"
    r"|front|frente|union|unión|unione|movement|movimiento|movimento|mouvement|bewegung"
    r"|league|liga|lega|ligue|organi[sz]ations?|organi[sz]aci[oó]n|committee|comit[eé]"
    r"|pole|p[oô]le|alliance|alianza|federation|federaci[oó]n|congress|coalition|bloc"
    r"|platform|communists|comunistas|communistes|kommunisten|youth|tudeh|akel|rally"
    r"|council|association|initiative|collective|colectivo|revival|renaissance"
    r"|komsomol|fraktion|vanguard)\b",
    re.IGNORECASE,
)

# Words that mark a name as political without heading it ("Communist", "Workers").
_FAMILY_RE = re.compile(
    r"\b(?:communist\w*|comunist\w*|kommunist\w*|komunist\w*|komünist\w*|workers?['’]?s?"
    r"|labou?r|socialist\w*|marxist\w*|leninist\w*|revolutionary|revolucionari\w*"
    r"|r[eé]volutionnaire|proletarian|trabajadores|obrer[oa]s?|ouvri\w*|travailleurs"
    r"|arbeiter\w*|lavorator\w*|people['’]s|popular|patriotic|democratic|progressive"
    r"|bolshevik\w*|maoist\w*)\b",
    re.IGNORECASE,
)

# An acronym in brackets "(KKE)", "[PKP 1930]" or after a dash "- KKE".
_ACRONYM_RE = re.compile(
    r"[(\[]\s*(?=[^)\]]*[A-Z][^)\]]*[A-Z])[A-Z][\w.'’/\- ]{0,14}[)\]]"
    r"|\s[-–—]\s*[A-Z][A-Z0-9.\-]{1,9}\s*$"
)
_ALLCAPS_TOKEN_RE = re.compile(r"^[A-Z][A-Z0-9.\-'’]{1,9}$")

# Particles that stay lower-case inside a name.
_STOPWORDS = frozenset(
    "of the and for in on at with de del della dei delle degli di da do dos das du des la "
    "le les el los las y e et der die das und van von het en i och og a al na s d l "
    "o u w z ve ng".split()
)

_WORD_RE = re.compile(r"[^\W\d_][^\W_]*(?:['’.\-][^\W\d_]+)*")

# Function words of running prose that never occur in a party name.
_PROSE_RE = re.compile(
    r"\b(?:is|are|was|were|be|been|being|has|have|had|will|would|shall|should|must|can"
    r"|could|may|might|we|our|us|they|their|them|it|its|this|that|these|those|which"
    r"|who|whom|not|than|very|also|because|since|when|where|whose|into|about|such"
    r"|with|from|without|i|you|he|she)\b"
)
_SENTENCE_BREAK_RE = re.compile(r"[^\W\d_]{3,}[.;]\s+[A-Z]|[!?]")
_URL_RE = re.compile(r"https?://|www\.|\b[\w.+-]+@[\w-]+\.\w")

# Words naming a text, not an organisation ("Joint Statement of ...").
_DOCUMENT_WORD_RE = re.compile(
    r"\b(?:statements?|declarations?|appeals?|resolutions?|communiqu[eé]s?|press\s+release"
    r"|manifesto|open\s+letter)\b",
    re.IGNORECASE,
)

# List markers: bullets, "1.", "1)", "(1)", "a)", "IV.".
_MARKER_RE = re.compile(
    r"^(?:[-–—•*·▪●○◦►‣⁃→>]+\s*"
    r"|\(?\d{1,3}\s*[.)\]]\s*(?!\d)"
    r"|\d{1,3}\s*[-–:]\s+"
    r"|\(?[a-z][.)]\s+"
    r"|[IVXLC]{1,6}[.)]\s+)"
)
_TRAILING_PUNCT_RE = re.compile(r"[\s,;:.\-–—*]+$")
_ABBREV_END_RE = re.compile(r"(?:\b[A-Z]\.){2,}$")
_LEADING_AND_RE = re.compile(r"^(?:and|&)\s+")
_TRAILING_AND_RE = re.compile(r",?\s+(?:and|&)$")
_LEADING_LOWER_THE_RE = re.compile(r"^the\s+(?=[A-Z])")

# The phrases that introduce a list of signatories.
_LEAD_RE = re.compile(
    r"(?:endorsed|signed|co-?signed|supported|subscribed|undersigned|adopted|joined|backed)"
    r"\s+(?:[\w'’-]+\s+){0,5}?by\b"
    r"|\bsignator(?:y|ies)\b|\bco-?signers?\b|\bcosignator(?:y|ies)\b"
    r"|\b(?:signing|endorsing|supporting)\s+(?:parties|organi[sz]ations)\b"
    r"|\b(?:signed|endorsed|co-?signed)$"
    r"|\b(?:adhesions?|adherents|firman|firmantes|signataires|unterzeichner\w*|firmatari"
    r"|signat[aá]rios|assinam)\b"
    r"|\b(?:sign(?:ed|ing|s)?|endorse[ds]?|endorsing|support(?:ed|ing|s)?|join(?:ed|ing|s)?)"
    r"\s+(?:on(?:to)?\s+)?(?:this|the)\s+(?:joint\s+|common\s+)?"
    r"(?:statement|declaration|appeal|call|resolution|letter|document|text)\b"
    r"|\bhave\s+(?:so\s+far\s+|already\s+)?(?:signed|endorsed|joined|subscribed)\b"
    r"|\bfollowing\s+(?:[\w'’-]+\s+){0,5}?(?:parties|organi[sz]ations|signatories|forces)\b"
    r"|\blist\s+of\s+(?:[\w'’-]+\s+){0,3}?"
    r"(?:parties|signatories|signatures|organi[sz]ations|endorsements)\b"
    r"|\bendorsements?\b|\bsignatures?\b"
    r"|\bsolidnet\s+parties\b|\bcommunist\s+and\s+workers['’]?\s+parties\b"
    r"|\bparticipating\s+parties\b",
    re.IGNORECASE,
)
# Every lead-in holds one of these (lower-case) stems: a cheap test before `_LEAD_RE`.
_LEAD_HINT_RE = re.compile(
    r"sign|endors|support|adopt|join|subscri|backed|follow|list|solidnet|workers|participat"
    r"|adhesi|adherent|firman|firmat|unterzeichn|assina"
)
# Lead-in phrases that may close a sentence; the other lead-ins are nouns of a header.
_LEAD_PHRASE_RE = re.compile(
    r"\w+\s+(?:[\w'’-]+\s+){0,5}?by$|following|sign\w*\s|endors\w*\s|have\s"
    r"|support\w*\s|join\w*\s",
    re.IGNORECASE,
)
# "adopted by", "supported by": lead-ins only before a colon, common in prose otherwise.
_WEAK_BY_RE = re.compile(r"(?:supported|adopted|joined|backed)\b", re.I)
# Lead-ins that speak of signing; the others ("SolidNet Parties") are mere list headers.
_STRONG_LEAD_RE = re.compile(
    r"sign|endors|list\s+of|adopted|subscribed|adhesi|adherent|firman|firmat|unterzeichn"
    r"|assina",
    re.IGNORECASE,
)

# Lines that close a list: open-for-endorsement notes, sources, dates, notes in brackets.
_END_RE = re.compile(
    r"^(?:the\s+(?:joint\s+|common\s+)?(?:statement|declaration|appeal|list|call|text"
    r"|resolution|letter|document)\s+(?:remains|is|will|stays|has|was|can|may)\b"
    r"|(?:more|other|further|additional|new)\s+(?:[\w'’-]+\s+){0,3}?(?:parties|signatures"
    r"|signatories|endorsements|organi[sz]ations|names)\b"
    r"|(?:parties|organi[sz]ations|those)\s+(?:wishing|that\s+wish|who\s+wish|interested"
    r"|willing|that\s+want|who\s+want)\b"
    r"|(?:list|signatures?|endorsements?)\s+(?:is|are|will|remains?)\b"
    r"|to\s+(?:sign|endorse|add|join)\b"
    r"|(?:source|sources|from|via|published|originally\s+published|first\s+published"
    r"|read\s+more|read\s+also|see\s+also|related|tags?|share|print|posted|updated"
    r"|last\s+(?:updated|modified|changed)|notes?|nb|p\.?\s?s|editor['’]?s\s+note"
    r"|photo|image|video"
    r"|translation|translated\s+by|links?|website|contact|e-?mail|tel|phone|fax"
    r"|copyright|all\s+rights)\b"
    r"|©"
    r"|\(.*\)$|\[.*\]$"
    r"|(?:the\s+)?international\s+(?:relations\s+)?(?:section|department)\b"
    r"|(?:the\s+)?press\s+(?:office|service|department)\b"
    r"|\.{3}|…)",
    re.IGNORECASE,
)

_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t|tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DATE_RE = re.compile(
    r"\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|\b\d{4}-\d{1,2}-\d{1,2}\b"
    rf"|\b{_MONTHS}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?[\s-]+(?:of\s+)?{_MONTHS}\.?,?[\s-]+\d{{4}}\b"
    rf"|^{_MONTHS}\.?\s+\d{{4}}$",
    re.IGNORECASE,
)

# Region headers that may group a list ("Europe", "Latin America:").
_REGION_RE = re.compile(
    r"^(?:the\s+)?(?:(?:eastern|western|northern|southern|central)\s+)?"
    r"(?:europe|asia|africa|americas?|latin\s+america|north\s+america|south\s+america"
    r"|middle\s+east|oceania|asia[-\s]pacific|caribbean|arab\s+(?:world|countries)"
    r"|australia(?:\s+and\s+oceania)?|asia\s+and\s+oceania|north\s+africa)\s*:?$",
    re.IGNORECASE,
)

_HEADER_CELL_RE = re.compile(
    r"^(?:no\.?|nr\.?|#|n[°º]|party|parties|party\s+name|name|organi[sz]ation|country"
    r"|countries|state|signatory|signatories|signatory\s+party|website|web|acronym"
    r"|abbreviation|short\s+name|logo|region|continent|date)$",
    re.IGNORECASE,
)
_COUNTRY_CELL_RE = re.compile(r"^(?:country|countries|state|nation)$", re.IGNORECASE)
_PARTY_CELL_RE = re.compile(
    r"^(?:party|parties|party\s+name|name|organi[sz]ation|signatory(?:\s+party)?"
    r"|signatories)$",
    re.IGNORECASE,
)
_NUMBER_CELL_RE = re.compile(r"^[#(]?\d{1,4}[.)]?$")

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\ufeff\u00ad"), None)

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


def _norm(text: str) -> str:
    """Collapse every run of whitespace (no-break spaces too) to one space; strip."""
    return " ".join(text.translate(_ZERO_WIDTH).split())


def _units(blocks: list[Block], lo: int, hi: int) -> list[_Unit]:
    """The units of blocks[lo:hi]; a block with newlines gives one unit a line."""
    out: list[_Unit] = []
    for i in range(max(lo, 0), min(hi, len(blocks))):
        block = blocks[i]
        kind = block.kind
        if kind == "break":
            out.append(_Unit(i, "break", ""))
        elif kind == "row":
            cells = tuple(_norm(c) for c in block.cells)
            if not cells and block.text:
                cells = tuple(_norm(c) for c in re.split(r"\s*\|\s*|\t", block.text))
            out.append(_Unit(i, "row", _norm(block.text), cells))
        elif "\n" in block.text:
            parts = block.text.split("\n")
            out.extend(_Unit(i, kind, _norm(part), sub=k) for k, part in enumerate(parts))
        else:
            out.append(_Unit(i, kind, _norm(block.text)))
    return out


# --------------------------------------------------------------------------- names


def _strip_marker(text: str) -> str:
    """Remove up to two leading list markers ("1.", "- ", "• 2)") from a line."""
    for _ in range(2):
        m = _MARKER_RE.match(text)
        if not m or m.end() == 0:
            break
        text = text[m.end() :].lstrip()
    return text


def _has_marker(text: str) -> bool:
    """True when a line opens with a list marker ("- ", "• ", "3.")."""
    m = _MARKER_RE.match(text.lstrip())
    return bool(m and m.end())


def _clean_name(text: str) -> str:
    """A list item as a party name: markers, a leading or trailing "and", trailing
    punctuation gone."""
    text = _strip_marker(_norm(text))
    text = _LEADING_AND_RE.sub("", text)
    text = _TRAILING_AND_RE.sub("", text)
    text = _LEADING_LOWER_THE_RE.sub("", text)
    if len(text) >= 2 and text[0] in "\"“”«'‘" and text[-1] in "\"“”»'’":
        text = text[1:-1].strip()
    if _ABBREV_END_RE.search(text):
        return text.rstrip(" ,;:")
    return _TRAILING_PUNCT_RE.sub("", text)


def _brackets_balanced(text: str) -> bool:
    return text.count("(") == text.count(")") and text.count("[") == text.count("]")


def _words(text: str) -> list[str]:
    return _WORD_RE.findall(text)


def _is_end_line(text: str) -> bool:
    """True for a line that closes a list: source, URL, date, note, open-for-signing."""
    if _END_RE.match(text) or _URL_RE.search(text):
        return True
    return len(text) <= 60 and bool(_DATE_RE.search(text)) and not _HEAD_RE.search(text)


def _looks_like_name(name: str) -> bool:
    """True when `name` can be an organisation name: short, capitalised, not prose."""
    if not name or len(name) > MAX_NAME_CHARS:
        return False
    first = name[0]
    if not (first.isupper() or first.isdigit() or first in "([\"“«'‘"):
        return False
    probe = name.lower() if name.isupper() else name  # all-caps prose is prose too
    if _SENTENCE_BREAK_RE.search(name) or _PROSE_RE.search(probe) or _URL_RE.search(name):
        return False
    if _DOCUMENT_WORD_RE.search(name):
        return False
    if not _brackets_balanced(name):
        return False
    words = _words(name)
    if not words or len(words) > MAX_NAME_WORDS:
        return False
    if words[-1].lower() in _STOPWORDS and not words[-1][0].isupper():
        return False
    content = [w for w in words if w.lower() not in _STOPWORDS or w[0].isupper()]
    if not content:
        return False
    capitalised = sum(
        1 for w in content if w[0].isupper() or _FAMILY_RE.fullmatch(w) or _HEAD_RE.fullmatch(w)
    )
    return capitalised / len(content) >= 0.6


def _has_head(name: str, registry: bool = True) -> bool:
    """True when `name` carries an organisation head word or an acronym.

    With `registry`, a name the party registry knows counts too (a slower test).
    """
    if _HEAD_RE.search(name) or _ACRONYM_RE.search(name):
        return True
    return registry and _registry_known(name)


def _has_head_word(name: str) -> bool:
    """True when `name` carries an organisation head word or is a known party."""
    return bool(_HEAD_RE.search(name)) or _registry_known(name)


def _is_strong(name: str) -> bool:
    """True when `name` is very likely a party: head word, family word, acronym, known."""
    if _HEAD_RE.search(name) or _FAMILY_RE.search(name) or _ACRONYM_RE.search(name):
        return True
    if _ALLCAPS_TOKEN_RE.match(name) and len(name) >= 3:
        return True
    return _registry_known(name)


@lru_cache(maxsize=1)
def _registry():
    """The party registry when `indexer.extract.parties` is available, else None."""
    try:
        from indexer.extract.parties import Registry  # noqa: PLC0415 (optional module)

        return Registry.default()
    except (ImportError, AttributeError, OSError, ValueError, KeyError, TypeError):
        return None


class _KnownCache:
    """Answers of one registry to "is this name known?", kept because lookups are slow."""

    registry: object = None
    answers: dict[str, bool] = {}


def _registry_known(name: str) -> bool:
    """True when the party registry (if installed) knows `name`."""
    registry = _registry()
    if registry is None:
        return False
    if _KnownCache.registry is not registry:
        _KnownCache.registry, _KnownCache.answers = registry, {}
    answers = _KnownCache.answers
    known = answers.get(name)
    if known is None:
        try:
            known = bool(registry.resolve(name).known)
        except (AttributeError, TypeError, ValueError, KeyError):
            known = False
        if len(answers) >= 8192:
            answers.clear()
        answers[name] = known
    return known


# --------------------------------------------------------------------------- splitting


def _split_top(text: str, sep: str) -> list[str]:
    """Split `text` on `sep` wherever it stands outside brackets."""
    parts: list[str] = []
    depth = 0
    start = 0
    for i, ch in enumerate(text):
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth = max(depth - 1, 0)
        elif ch == sep and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts


def _top_level_and(text: str) -> list[tuple[int, int]]:
    """Spans of " and " / " & " outside brackets in `text`."""
    spans = []
    for m in re.finditer(r"\s+(?:and|&)\s+", text):
        before = text[: m.start()]
        if before.count("(") == before.count(")") and before.count("[") == before.count("]"):
            spans.append((m.start(), m.end()))
    return spans


def _split_and(item: str) -> list[str]:
    """Split "X and Y" into two names only when both sides are organisation names.

    "Pole of Communist Revival in France (PRCF) and Communist Front (Italy)" splits;
    "Party of Labour and Progress" and "Communist and Workers' Party" do not.
    """
    spans = _top_level_and(item)
    if not spans:
        return [item]
    for start, end in reversed(spans):
        left, right = item[:start].strip(), item[end:].strip()
        if not right or not right[0].isupper():
            continue
        left_name, right_name = _clean_name(left), _clean_name(right)
        # Head words, not bracketed acronyms: in "Party for Democracy and Socialism
        # (PADS)" the acronym belongs to the whole name.
        if (
            _looks_like_name(left_name)
            and _looks_like_name(right_name)
            and _has_head_word(left_name)
            and _has_head_word(right_name)
        ):
            if _registry_known(_clean_name(item)):
                return [item]  # the registry knows the whole as one party
            return _split_and(left) + [right]
    return [item]


def split_party_list(text: str) -> list[str]:
    """Split a one-sentence list of parties into cleaned names.

    Takes e.g. "Party of Labour of Austria, Communist Party of Greece (KKE) and
    Communist Front (Italy)." and returns ["Party of Labour of Austria",
    "Communist Party of Greece (KKE)", "Communist Front (Italy)"]. Semicolons, when
    present, separate the items (so "Tudeh Party, Iran; ..." keeps its country);
    otherwise commas do. Separators inside brackets never split; " and " splits only
    the last item, and only when both sides look like organisation names.
    """
    text = _TRAILING_PUNCT_RE.sub("", _norm(text))
    if not text:
        return []
    sep = ";" if len(_split_top(text, ";")) > 1 else ","
    pieces = [p.strip() for p in _split_top(text, sep)]
    pieces = [p for p in pieces if p]
    if not pieces:
        return []
    pieces[-1:] = _split_and(_LEADING_AND_RE.sub("", pieces[-1]))
    names = [_clean_name(p) for p in pieces]
    return [n for n in names if n]


# --------------------------------------------------------------------------- lines


def _parse_line(text: str) -> list[str] | None:
    """The names one list line holds, or None when the line is not part of a list.

    A line holds several names when it splits into organisation names ("A, B and C");
    otherwise it is one name, possibly with its country ("Tudeh Party, Iran").
    """
    body = _strip_marker(text)
    if not body:
        return None
    if "," in body or ";" in body or " and " in body or " & " in body:
        pieces = split_party_list(body)
        if len(pieces) >= 2 and all(_looks_like_name(p) for p in pieces):
            heads = sum(1 for p in pieces if _has_head(p, registry=False))
            if heads == len(pieces) or (len(pieces) >= 3 and heads >= 0.6 * len(pieces)):
                return pieces
    name = _clean_name(body)
    if not _looks_like_name(name):
        return None
    pieces = [p.strip() for p in _split_top(name, ",")]
    if len(pieces) >= 3:
        # "Maria Lopez, General Secretary, Communist Party of X": keep the party.
        at = next((i for i, p in enumerate(pieces) if _HEAD_RE.search(p)), None)
        if at is not None and at > 0 and not _is_strong(pieces[0]):
            return [", ".join(pieces[at:])]
    # Otherwise one name with commas is "Name, Country": pieces capitalised, the rest short.
    if len(pieces) > 1 and not all(
        p and (p[0].isupper() or p[0].isdigit()) and (i == 0 or len(_words(p)) <= 4)
        for i, p in enumerate(pieces)
    ):
        return None
    return [name]


def _looks_unfinished(text: str) -> bool:
    """True when a line is cut in the middle of a comma sentence and goes on below."""
    text = _strip_marker(text)
    if not _brackets_balanced(text):
        return True
    words = _words(text)
    if words and words[-1] in {"of", "the", "and", "for", "de", "del", "du", "des", "la"}:
        return True
    if text.endswith(","):
        return len(_split_top(text[:-1], ",")) >= 3
    return False


def _row_name(cells: tuple[str, ...], columns: dict[str, int] | None) -> str | None:
    """The "Party, Country" entry of a table row, or None when the row holds no party."""
    if columns and columns.get("party", len(cells)) < len(cells):
        party = _clean_name(cells[columns["party"]])
        country_col = columns.get("country", len(cells))
        country = _clean_name(cells[country_col]) if country_col < len(cells) else ""
        if party and _looks_like_name(party):
            return _with_country(party, country)
    useful = [
        c for c in cells if c and not _NUMBER_CELL_RE.match(c) and not _URL_RE.search(c)
    ]
    if not useful:
        return None
    party = next((c for c in useful if _HEAD_RE.search(c) or _FAMILY_RE.search(c)), None)
    if party is None:
        party = next((c for c in useful if _looks_like_name(_clean_name(c))), None)
    if party is None:
        return None
    party_name = _clean_name(party)
    if not _looks_like_name(party_name):
        return None
    country = ""
    for cell in useful:
        if cell is party:
            continue
        cleaned = _clean_name(cell)
        words = _words(cleaned)
        if (
            cleaned
            and 1 <= len(words) <= 4
            and not _HEAD_RE.search(cleaned)
            and not _FAMILY_RE.search(cleaned)
            and not _ALLCAPS_TOKEN_RE.match(cleaned)  # an acronym column, not a country
            and _looks_like_name(cleaned)
        ):
            country = cleaned
            break
    return _with_country(party_name, country)


def _with_country(name: str, country: str) -> str:
    if not country or country.lower() in name.lower():
        return name
    return f"{name}, {country}"


def _header_columns(cells: tuple[str, ...]) -> dict[str, int] | None:
    """Column roles of a header row ("Party | Country"), or None for a data row."""
    filled = [c for c in cells if c]
    if not filled or not all(_HEADER_CELL_RE.match(c) for c in filled):
        return None
    columns: dict[str, int] = {}
    for i, cell in enumerate(cells):
        if _PARTY_CELL_RE.match(cell) and "party" not in columns:
            columns["party"] = i
        elif _COUNTRY_CELL_RE.match(cell) and "country" not in columns:
            columns["country"] = i
    return columns


# --------------------------------------------------------------------------- lists


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
    if pending and not _looks_unfinished(pending):
        inline = _parse_line(pending)
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
            header = _header_columns(unit.cells)
            if header is not None:
                columns = header or columns
                if first < 0:
                    header_at = pos
                pos += 1
                continue
            name = _row_name(unit.cells, columns)
            if name is None or (names and "row" not in kinds):
                break
            found = [name]
        else:
            text = unit.text
            if names and ("item" in kinds or "row" in kinds) and unit.kind not in kinds:
                break
            if _REGION_RE.match(text):
                pos += 1
                continue
            if unit.kind == "heading" and names:
                break
            if not pending and _is_end_line(text):
                if not names and notes_before < 2 and text.startswith(("(", "[")):
                    notes_before += 1
                    pos += 1
                    continue
                break
            if pending and _has_marker(pending) and _has_marker(text):
                # "- Party A and" / "- Party B": a new bullet starts a new item, so the
                # line left open above is an item of its own.
                done = _parse_line(pending)
                if done:
                    if first < 0:
                        first = pending_at
                    names.extend(done)
                    where.extend([pending_at] * len(done))
                    kinds.add(unit.kind)
                    last = pending_at
                pending, pending_at = "", -1
            candidate = f"{pending} {text}" if pending else text
            if _looks_unfinished(candidate) and len(candidate) < 4000:
                if pending_at < 0:
                    pending_at = pos
                pending = candidate
                pos += 1
                continue
            parsed = _parse_line(candidate)
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
        parsed = _parse_line(pending)
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
        and not _is_strong(name)
    )


def _strength(names: list[str]) -> tuple[float, float]:
    """Fractions of names that look strongly political, and that carry a head word."""
    n = len(names)
    strong = sum(1 for name in names if _is_strong(name))
    heads = sum(1 for name in names if _has_head(name))
    return strong / n, heads / n


# --------------------------------------------------------------------------- lead-ins


@dataclass
class _LeadIn:
    strong: bool  # speaks of signing/endorsing, not a mere "SolidNet Parties" header
    inline: str  # list text after the colon on the same line ("" when none)
    phrase: bool = False  # a sentence without colon ("... signed by the following parties")


def _lead_in(text: str) -> _LeadIn | None:
    """Recognise a lead-in line and return it, or None. Looks at a few words only."""
    if not text:
        return None
    colon = text.find(":", 0, MAX_LEAD_CHARS + 1)
    if colon > 0:
        head = text[:colon].strip(" *_#")
        window = head[-90:]
        m = None
        for m in _LEAD_RE.finditer(window):
            pass
        if m is not None and len(window) - m.end() <= 40 and not _SENTENCE_BREAK_RE.search(
            window[m.start() :]
        ):
            inline = text[colon + 1 :].strip(" *_")
            if inline and _is_end_line(inline):
                inline = ""  # "Signatories: (in alphabetical order)"
            return _LeadIn(bool(_STRONG_LEAD_RE.search(window)), inline)
    if len(text) > MAX_HEADER_CHARS:
        return None
    bare = _TRAILING_PUNCT_RE.sub("", _strip_marker(text.strip(" *_#")))
    if not bare:
        return None
    window_start = max(0, len(bare) - 60)
    m = None
    for m in _LEAD_RE.finditer(bare, window_start):
        pass
    if m is None or len(bare) - m.end() > 12:
        return None
    if _LEAD_PHRASE_RE.match(m.group(0)):
        # "... signed by the following parties": a phrase closing a short sentence.
        if _PROSE_RE.search(bare[m.end() :]) or _WEAK_BY_RE.match(m.group(0)):
            return None
        if not (bare[0].isupper() or bare[0].isdigit()):
            return None
        return _LeadIn(bool(_STRONG_LEAD_RE.search(bare)), "", phrase=True)
    if m.start() > 12 or text.rstrip(" *_").endswith(".") or not bare[0].isupper():
        # "Signatories", "List of signatories", "SolidNet Parties": a header, not prose.
        return None
    return _LeadIn(bool(_STRONG_LEAD_RE.search(bare)), "")


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
    blocks: list[Block], index: int, sub: int, lead: _LeadIn
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
        if not _LEAD_HINT_RE.search(text[: MAX_LEAD_CHARS + 1].lower()):
            continue
        lines = text.split("\n") if "\n" in text else [text]
        for sub in range(len(lines) - 1, -1, -1):
            lead = _lead_in(_norm(lines[sub]))
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
        stop = unit.text.endswith((".", "!", "?")) and not _ABBREV_END_RE.search(unit.text)
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
    return unit.kind != "row" and _is_end_line(unit.text)


def _list_line(unit: _Unit) -> int | None:
    """How many names a unit holds when it can be a line of a list, else None.

    A table header row or a region header ("Europe") holds 0 names.
    """
    if unit.kind == "row":
        if _header_columns(unit.cells) is not None:
            return 0
        return None if _row_name(unit.cells, None) is None else 1
    text = unit.text
    if unit.kind == "heading" or _is_end_line(text):
        return None
    if _REGION_RE.match(text):
        return 0
    names = _parse_line(text)
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
        more = _after_lead_in(blocks, i, 0, _LeadIn(phrase=False, inline="", strong=True))
        if more is None:
            return found
        found = SignatoryBlock(start=found.start, end=more.end, names=found.names + more.names)
    return found


_NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen".split()
    )
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_NUMBER = (
    r"\d{1,3}|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s](?:one|two"
    r"|three|four|five|six|seven|eight|nine))?|eleven|twelve|thirteen|fourteen|fifteen"
    r"|sixteen|seventeen|eighteen|nineteen|ten|one|two|three|four|five|six|seven|eight|nine"
)
_COUNT_RES = (
    re.compile(
        r"\b(?:signed|endorsed|supported|adopted|joined|backed|subscribed)\s+"
        rf"(?:so\s+far\s+|already\s+|jointly\s+)?by\s+(?:a\s+total\s+of\s+)?({_NUMBER})\s+"
        r"(?:[\w'’-]+\s+){0,5}?(?:parties|organi[sz]ations|signatories|forces)\b",
        re.IGNORECASE,
    ),
    re.compile(
        rf"\b({_NUMBER})\s+(?:[\w'’-]+\s+){{0,5}}?(?:parties|organi[sz]ations)\s+"
        r"(?:that\s+|which\s+|who\s+)?(?:have\s+|had\s+)?(?:so\s+far\s+|already\s+)?"
        r"(?:signed|endorsed|joined|adopted)",
        re.IGNORECASE,
    ),
)


def _number_value(word: str) -> int | None:
    word = word.lower()
    if word.isdigit():
        return int(word)
    if word in _NUMBER_WORDS:
        return _NUMBER_WORDS[word]
    parts = re.split(r"[-\s]+", word)
    if parts[0] in _TENS:
        return _TENS[parts[0]] + (_NUMBER_WORDS.get(parts[1], 0) if len(parts) > 1 else 0)
    return None


def stated_count(text: str) -> int | None:
    """The number of signatories a text states, or None.

    "A joint statement signed by 18 Communist and Workers' parties" -> 18;
    "twenty-two parties have signed" -> 22.
    """
    for regex in _COUNT_RES:
        m = regex.search(text)
        if m:
            return _number_value(m.group(1))
    return None
