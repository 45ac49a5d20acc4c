"""Party names as written and their matching keys.

    normalise_name(text) -> str     the matching key: case-folded, ASCII, no punctuation,
                                    "CP" expanded, possessives and "the" removed
    slugify(text) -> str            a stable id from a name
    clean_raw_name(raw) -> str      a name with list markers, quotes and trailing
                                    punctuation removed
    tidy_case(name) -> str          "COMMUNIST PARTY OF X" -> "Communist Party of X"
    looks_like_acronym(text)        "KKE", "PCdoB", "CPI(M)"
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field


# --------------------------------------------------------------------------- normalisation

_APOSTROPHES = "'’‘`´ʼʹ′＇"
_QUOTES = '"“”„‟«»‹›″'
_DASHES = "-‐‑‒–—―−"

# Letters that NFKD does not split into base letter + mark.
_SPECIAL_LETTERS = {
    "ø": "o", "æ": "ae", "œ": "oe", "đ": "d", "ł": "l", "ı": "i", "ß": "ss", "þ": "th",
    "ð": "d", "ħ": "h",
}

# Abbreviations used in party names, expanded token by token.
ABBREVIATIONS = {
    "cp": "communist party",
    "cps": "communist parties",
    "wp": "workers party",
    "com": "communist",
    "comm": "communist",
    "labor": "labour",
}

_APOS_CLASS = "[" + re.escape(_APOSTROPHES) + "]"
_RE_TRAILING_POSSESSIVE = re.compile(_APOS_CLASS + r"s?\s*$")
_RE_APOS_S = re.compile(r"(?<=\w)" + _APOS_CLASS + r"(?=s\b)")
_RE_APOS_END = re.compile(r"(?<=\w)" + _APOS_CLASS + r"(?=\W|$)")
_RE_NON_WORD = re.compile(r"[^\w]+|_")
_RE_LETTER_DIGIT = re.compile(r"(?<=[^\W\d_])(?=\d)|(?<=\d)(?=[^\W\d_])")


def fold(text: str) -> str:
    """Case-fold and strip diacritics; every other character is kept."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = "".join(_SPECIAL_LETTERS.get(ch, ch) for ch in text)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalise_name(text: str) -> str:
    """The matching key of a party name.

    Takes any party name as written and returns lower-case ASCII-folded words separated
    by single spaces: diacritics stripped, apostrophes and possessives unified
    ("Workers' Party" == "Worker's Party" == "Workers Party" -> "workers party"), quotes,
    dashes, brackets and other punctuation dropped, dotted or spaced single letters joined
    ("C.P." -> "cp"), letters and digits split ("PKP1930" -> "pkp 1930"), abbreviations
    expanded ("CP" -> "communist party", "WP" -> "workers party", "Labor" -> "labour"),
    and every standalone "the" removed. "" for text without letters or digits.
    """
    if not text:
        return ""
    text = _RE_TRAILING_POSSESSIVE.sub("", text) if re.search(r"\w" + _APOS_CLASS + r"s?\s*$", text) else text
    text = _RE_APOS_S.sub("", text)
    text = _RE_APOS_END.sub("", text)
    text = text.replace("&", " and ")
    text = fold(text)
    text = _RE_NON_WORD.sub(" ", text)
    text = _RE_LETTER_DIGIT.sub(" ", text)
    tokens = text.split()
    joined: list[str] = []
    run: list[str] = []
    for tok in tokens + [""]:
        if len(tok) == 1 and tok.isalpha():
            run.append(tok)
            continue
        if run:
            joined.append("".join(run) if len(run) > 1 else run[0])
            run = []
        if tok:
            joined.append(tok)
    out: list[str] = []
    for tok in joined:
        if tok == "the":
            continue
        out.append(ABBREVIATIONS.get(tok, tok))
    return " ".join(out)


def slugify(text: str) -> str:
    """A lower-case ASCII slug of a name: its normalised words joined by "-"."""
    return normalise_name(text).replace(" ", "-")


# --------------------------------------------------------------------------- raw-name tidying

_RE_LEAD_NOISE = re.compile(
    r"^\s*(?:"
    r"[\-‐‑‒–—―−•·∙*▪◦‣○●■□➢►>+~]+"  # bullets and dashes
    r"|\(?\d{1,3}[.)\]:]+"  # 1.  1)  (1)  1:
    r"|\(?[a-z][.)](?=\s)"  # a)  (b)  c.
    r"|\(?(?:[ivx]{1,5}|[IVX]{2,5})[.)](?=\s)"  # iv.  (ii)  III.
    r"|and\b|&"  # the last item of a comma list
    r")\s*"
)
_RE_TRAIL_NOISE = re.compile(r"[\s,;:.*†‡¹²³•·]+$")
RE_SPACES = re.compile(r"\s+")
_QUOTE_TABLE = str.maketrans({q: '"' for q in _QUOTES} | {a: "'" for a in _APOSTROPHES})


def clean_raw_name(raw: str) -> str:
    """The name as written, with list markers, bullets, quotes around it and trailing
    punctuation removed, apostrophes and quotes made straight, whitespace collapsed."""
    text = RE_SPACES.sub(" ", (raw or "").translate(_QUOTE_TABLE)).strip()
    for _ in range(3):
        before = text
        text = _RE_LEAD_NOISE.sub("", text, count=1)
        text = _RE_TRAIL_NOISE.sub("", text)
        if len(text) >= 2 and text[0] == text[-1] == '"':
            text = text[1:-1].strip()
        if text.startswith('"') and text.count('"') == 1:
            text = text[1:].strip()
        if text.endswith('"') and text.count('"') == 1:
            text = text[:-1].strip()
        if text == before:
            break
    # keep a closing bracket that the trailing-noise rule may have exposed
    return text


_SMALL_WORDS = {"of", "the", "and", "in", "for", "de", "del", "la", "le", "les", "du", "des", "di", "dei",
                "der", "von", "na", "ng", "e", "y", "i", "do", "da", "dos", "das", "al", "el", "en", "an"}


def tidy_case(name: str) -> str:
    """Title-case a name of several words written all in capitals, or one written all in
    lower case ("COMMUNIST PARTY OF ATLANTIS" -> "Communist Party of Atlantis"); any
    other name is returned as written."""
    letters = [c for c in name if c.isalpha()]
    if not letters:
        return name
    shouting = all(c.isupper() for c in letters) and len(name.split()) > 1
    if not shouting and not all(c.islower() for c in letters):
        return name
    out = []
    for i, w in enumerate(name.lower().split(" ")):
        out.append(w if i > 0 and w in _SMALL_WORDS else w[:1].upper() + w[1:])
    return " ".join(out)


# --------------------------------------------------------------------------- name parts

_ACRONYM_SHAPE = re.compile(r"^[^\W_][\w\-./&()'’ ]{0,14}$")


def looks_like_acronym(text: str) -> bool:
    """True for "KKE", "PCdoB", "PKP 1930", "CPI(M)", "KPÖ": short, at least two capitals."""
    text = text.strip()
    if not text or len(text) > 15 or not _ACRONYM_SHAPE.match(text):
        return False
    words = text.split()
    if len(words) > 2:
        return False
    upper = sum(1 for c in text if c.isupper())
    return upper >= 2 and upper * 2 >= sum(1 for c in text if c.isalpha())


RE_COUNTRY_PREFIX = re.compile(r"^\s*([^\W\d][^:–—-]{1,40}?)\s*(?:[:–—]|\s-)\s+(.+)$")
RE_DASH_SUFFIX = re.compile(r"^(.*?\S)\s*[" + _DASHES + r"]\s*([^" + _DASHES + r"]+)$")
RE_COMMA_SUFFIX = re.compile(r"^(.*?\S)\s*,\s*([^,]+)$")
RE_INNER_BRACKET = re.compile(r"\s*[(\[]([^()\[\]]{1,40})[)\]]")


@dataclass
class NameParts:
    """A raw name split into the name proper and its bracket, comma or dash suffixes."""

    name: str
    country: str | None = None
    tags: list[str] = field(default_factory=list)  # acronyms or aliases given beside the name
