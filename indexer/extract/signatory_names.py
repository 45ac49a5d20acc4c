"""What a party name in a signatory list looks like.

Patterns of party-name words (heads such as "Party", "Front"; family words such as
"Communist"; acronyms), of lines that end a list or are no name (prose, dates, URLs,
regions), list markers, and the party registry as a last witness that a line names a
party. `_registry()` returns the registry (or None when it cannot be loaded).
"""

from __future__ import annotations

import re
from functools import lru_cache


MAX_LEAD_CHARS = 250  # a lead-in before a colon is at most this long
MAX_HEADER_CHARS = 120  # a lead-in without colon ("Signatories") is at most this long
MAX_NAME_CHARS = 160
MAX_NAME_WORDS = 16
MIN_BARE_NAMES = 3

# --------------------------------------------------------------------------- patterns

# Words that head a party or organisation name ("Party", "Front", "Union", ...).
HEAD_RE = re.compile(
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
FAMILY_RE = re.compile(
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
ALLCAPS_TOKEN_RE = re.compile(r"^[A-Z][A-Z0-9.\-'’]{1,9}$")

# Particles that stay lower-case inside a name.
_STOPWORDS = frozenset(
    "of the and for in on at with de del della dei delle degli di da do dos das du des la "
    "le les el los las y e et der die das und van von het en i och og a al na s d l "
    "o u w z ve ng".split()
)

_WORD_RE = re.compile(r"[^\W\d_][^\W_]*(?:['’.\-][^\W\d_]+)*")

# Function words of running prose that never occur in a party name.
PROSE_RE = re.compile(
    r"\b(?:is|are|was|were|be|been|being|has|have|had|will|would|shall|should|must|can"
    r"|could|may|might|we|our|us|they|their|them|it|its|this|that|these|those|which"
    r"|who|whom|not|than|very|also|because|since|when|where|whose|into|about|such"
    r"|with|from|without|i|you|he|she)\b"
)
SENTENCE_BREAK_RE = re.compile(r"[^\W\d_]{3,}[.;]\s+[A-Z]|[!?]")
URL_RE = re.compile(r"https?://|www\.|\b[\w.+-]+@[\w-]+\.\w")

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
TRAILING_PUNCT_RE = re.compile(r"[\s,;:.\-–—*]+$")
ABBREV_END_RE = re.compile(r"(?:\b[A-Z]\.){2,}$")
LEADING_AND_RE = re.compile(r"^(?:and|&)\s+")
_TRAILING_AND_RE = re.compile(r",?\s+(?:and|&)$")
_LEADING_LOWER_THE_RE = re.compile(r"^the\s+(?=[A-Z])")

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
REGION_RE = re.compile(
    r"^(?:the\s+)?(?:(?:eastern|western|northern|southern|central)\s+)?"
    r"(?:europe|asia|africa|americas?|latin\s+america|north\s+america|south\s+america"
    r"|middle\s+east|oceania|asia[-\s]pacific|caribbean|arab\s+(?:world|countries)"
    r"|australia(?:\s+and\s+oceania)?|asia\s+and\s+oceania|north\s+africa)\s*:?$",
    re.IGNORECASE,
)

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\ufeff\u00ad"), None)

def collapse_spaces(text: str) -> str:
    """Collapse every run of whitespace (no-break spaces too) to one space; strip."""
    return " ".join(text.translate(_ZERO_WIDTH).split())

# --------------------------------------------------------------------------- names


def strip_marker(text: str) -> str:
    """Remove up to two leading list markers ("1.", "- ", "• 2)") from a line."""
    for _ in range(2):
        m = _MARKER_RE.match(text)
        if not m or m.end() == 0:
            break
        text = text[m.end() :].lstrip()
    return text


def has_marker(text: str) -> bool:
    """True when a line opens with a list marker ("- ", "• ", "3.")."""
    m = _MARKER_RE.match(text.lstrip())
    return bool(m and m.end())


def clean_name(text: str) -> str:
    """A list item as a party name: markers, a leading or trailing "and", trailing
    punctuation gone."""
    text = strip_marker(collapse_spaces(text))
    text = LEADING_AND_RE.sub("", text)
    text = _TRAILING_AND_RE.sub("", text)
    text = _LEADING_LOWER_THE_RE.sub("", text)
    if len(text) >= 2 and text[0] in "\"“”«'‘" and text[-1] in "\"“”»'’":
        text = text[1:-1].strip()
    if ABBREV_END_RE.search(text):
        return text.rstrip(" ,;:")
    return TRAILING_PUNCT_RE.sub("", text)


def brackets_balanced(text: str) -> bool:
    return text.count("(") == text.count(")") and text.count("[") == text.count("]")


def name_words(text: str) -> list[str]:
    return _WORD_RE.findall(text)


def is_end_line(text: str) -> bool:
    """True for a line that closes a list: source, URL, date, note, open-for-signing."""
    if _END_RE.match(text) or URL_RE.search(text):
        return True
    return len(text) <= 60 and bool(_DATE_RE.search(text)) and not HEAD_RE.search(text)


def looks_like_name(name: str) -> bool:
    """True when `name` can be an organisation name: short, capitalised, not prose."""
    if not name or len(name) > MAX_NAME_CHARS:
        return False
    first = name[0]
    if not (first.isupper() or first.isdigit() or first in "([\"“«'‘"):
        return False
    probe = name.lower() if name.isupper() else name  # all-caps prose is prose too
    if SENTENCE_BREAK_RE.search(name) or PROSE_RE.search(probe) or URL_RE.search(name):
        return False
    if _DOCUMENT_WORD_RE.search(name):
        return False
    if not brackets_balanced(name):
        return False
    words = name_words(name)
    if not words or len(words) > MAX_NAME_WORDS:
        return False
    if words[-1].lower() in _STOPWORDS and not words[-1][0].isupper():
        return False
    content = [w for w in words if w.lower() not in _STOPWORDS or w[0].isupper()]
    if not content:
        return False
    capitalised = sum(
        1 for w in content if w[0].isupper() or FAMILY_RE.fullmatch(w) or HEAD_RE.fullmatch(w)
    )
    return capitalised / len(content) >= 0.6


def has_head(name: str, registry: bool = True) -> bool:
    """True when `name` carries an organisation head word or an acronym.

    With `registry`, a name the party registry knows counts too (a slower test).
    """
    if HEAD_RE.search(name) or _ACRONYM_RE.search(name):
        return True
    return registry and registry_known(name)


def has_head_word(name: str) -> bool:
    """True when `name` carries an organisation head word or is a known party."""
    return bool(HEAD_RE.search(name)) or registry_known(name)


def is_strong(name: str) -> bool:
    """True when `name` is very likely a party: head word, family word, acronym, known."""
    if HEAD_RE.search(name) or FAMILY_RE.search(name) or _ACRONYM_RE.search(name):
        return True
    if ALLCAPS_TOKEN_RE.match(name) and len(name) >= 3:
        return True
    return registry_known(name)


@lru_cache(maxsize=1)
def _registry():
    """The party registry when `indexer.registry` is available, else None."""
    try:
        from indexer.registry import Registry  # noqa: PLC0415 (optional module)

        return Registry.default()
    except (ImportError, AttributeError, OSError, ValueError, KeyError, TypeError):
        return None


class _KnownCache:
    """Answers of one registry to "is this name known?", kept because lookups are slow."""

    registry: object = None
    answers: dict[str, bool] = {}


def registry_known(name: str) -> bool:
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
