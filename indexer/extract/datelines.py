"""Datelines: short lines that date a statement ("Athens, 12 March 2015", "ICP, 10 May
2017", "Source: KKE, 12.04.2020", "Posted on 10 May 2017"), and page chrome dates
("Last updated ...", "(c) 2023") that never do.

    is_dateline(line) -> bool
"""

from __future__ import annotations

import re

from indexer.extract.date_parse import DIGIT_RE, WEEKDAY_BEFORE_RE, dates_in


# Words right before a date that make it page chrome, not the statement's date.
CHROME_RE = re.compile(
    r"(?:last\s+(?:updated?|modified|edited|revised|changed)|\bupdated|\bupdate\s*:|\bmodified|"
    r"\bedited|\brevised|\baccessed|\bretrieved|\bprinted|\bgenerated|\barchived|"
    r"\bcrawled|©|\(c\)|\bcopyright|all rights reserved)\W*(?:\w+\W+){0,2}$",
    re.IGNORECASE,
)
CHROME_LINE_RE = re.compile(r"©|\(c\)\s*\d|\bcopyright\b|all rights reserved", re.IGNORECASE)

# Labels that may stand before a date in a dateline ("Posted on 10 May 2017").
_LABEL_RE = re.compile(
    r"^(?:(?:first\s+)?(?:posted|published|issued|adopted|signed|released|dated|"
    r"approved|sent|date(?:\s+of\s+(?:issue|publication))?|fecha|datum|data|"
    r"publié|publicado|veröffentlicht)(?:\s+(?:on|at|in|el|le|am))?)$",
    re.IGNORECASE,
)
_SOURCE_LABEL_RE = re.compile(r"^(?:source|fuente|fonte|quelle)\s*[:\-–—]\s*", re.IGNORECASE)
SOURCE_LINE_RE = re.compile(r"^\s*(?:source|fuente|fonte|quelle)\s*:\s*(.+?)\s*$", re.IGNORECASE)
_CONNECTORS = {
    "of", "the", "and", "for", "de", "del", "la", "le", "des", "du", "da", "do", "dos",
    "di", "der", "die", "das", "und", "y", "e", "et", "in", "on", "at", "&",
}
_FIELD_SEPARATOR_RE = re.compile(r"\s[|·•]\s")
_DOMAIN_RE = re.compile(r"^(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)+(?:/\S*)?$", re.IGNORECASE)
_TIME_OR_CODE_RE = re.compile(
    r"^(?:\d{1,2}[:.h]\d\d(?:\s*(?:[ap]\.?m\.?|h|hrs|[A-Z]{2,5}))?|[\w/.-]{0,20}\d[\w/.-]*)$",
    re.IGNORECASE,
)

_YEAR_WORD_RE = re.compile(r"^(?:года|год|г\.|yılı)(?!\w)", re.IGNORECASE)

DATELINE_MAX = 110  # a dateline is a short line

def is_name_like(text: str, strict: bool = False) -> bool:
    """True for a short capitalised name: "ICP", "Communist Party of Greece", "Athens".

    A name starts with a capital letter, holds no digits, has at most eight words, and
    most of its words (all with `strict`; "of", "the", "de" … aside) are capitalised. A web
    domain counts as a name.
    """
    text = text.strip()
    if not text or len(text) > 60:
        return False
    if _DOMAIN_RE.match(text):
        return True
    if not text[0].isupper() or any(ch.isdigit() for ch in text) or "/" in text:
        return False
    words = re.findall(r"[^\W\d_][\w’'.&-]*", text)
    if not words or len(words) > 8:
        return False
    content = [w for w in words if w.lower() not in _CONNECTORS]
    if not content:
        return False
    capital = sum(1 for w in content if w[0].isupper())
    if strict:
        return capital == len(content) and words[-1].lower() not in _CONNECTORS
    return capital / len(content) >= 0.75 and content[-1][0].isupper()


def dateline_source(prefix: str, suffix: str) -> tuple[bool, str | None]:
    """Decide whether the text around a date makes a dateline; return (is_dateline, source).

    `prefix` and `suffix` are the line's text before and after the date (a weekday
    already removed). A dateline's prefix is empty, a label ("Posted on"), a source
    ("Source: Rizospastis,") or a short name ("ICP,", "Athens,", "Paris, le"); its
    suffix is empty, a time, a reference code or a short name ("10 May 2017, Athens").
    The source is that name, if any.
    """
    pre = prefix.strip()
    suf = _YEAR_WORD_RE.sub("", suffix.strip())  # "7 ноября 2017 года": the year's word
    if re.match(r"^[.!?]\s*\w", suf):
        return False, None  # the date ends a sentence that goes on: running prose
    # "10 May 2017 | Statements | KKE": fields after a bar are other page fields.
    suf = _FIELD_SEPARATOR_RE.split(" " + suf, maxsplit=1)[0]
    suf = suf.strip(" .;,|·•-–—()[]")
    suffix_source = None
    if suf:
        by = re.match(r"^by\s+(.+)$", suf, re.IGNORECASE)  # "Posted on … by KKE"
        if _TIME_OR_CODE_RE.match(suf):
            pass
        elif by:
            name = by.group(1).strip()
            suffix_source = name if is_name_like(name) else None
        elif is_name_like(suf, strict=True) and len(suf.split()) <= 4:
            suffix_source = suf
        else:
            return False, None
    core = pre.rstrip(" ,;:|/·-–—(").strip()
    if not core or _LABEL_RE.match(core):
        return True, suffix_source
    had_label = _SOURCE_LABEL_RE.match(core)
    if had_label:
        core = core[had_label.end():].strip(" ,")
        return (True, core or None) if 0 < len(core) <= 80 else (False, None)
    if len(core) > 60:
        return False, None
    # "Paris, le 1er mai 2019", "Madrid, el 10 de mayo", "Athens, on 12 April 2020"
    article = re.match(r"^(.*?),\s*(?:le|el|il|am|den|on|the|em|a)$", core, re.IGNORECASE)
    if article and is_name_like(article.group(1)):
        return True, article.group(1).strip()
    # "KKE, posted on 10 May 2017"
    label_split = re.match(r"^(.*?)[\s,]+((?:posted|published|issued|adopted|signed|"
                           r"released|dated)(?:\s+(?:on|in|at))?)$", core, re.IGNORECASE)
    if label_split and is_name_like(label_split.group(1)):
        return True, label_split.group(1).strip(" ,")
    separated = pre != core or pre.endswith(",")
    if separated and is_name_like(core):
        return True, core
    # "Athens 12/3/2015": a place or source of one or two words, the comma left out.
    if not suf and len(core.split()) <= 2 and is_name_like(core, strict=True):
        return True, core
    return False, None


def strip_weekday(prefix: str) -> str:
    """"Athens, Friday, " -> "Athens, ": the weekday belongs to the date."""
    m = WEEKDAY_BEFORE_RE.search(prefix[-24:])
    return prefix[: len(prefix) - len(m.group(0))] if m else prefix


def is_dateline(line: str) -> bool:
    """True when a line is mostly a date: "10 May 2017", "ICP, 10 May 2017", "Posted on …"."""
    text = line.strip()
    if not text or len(text) > DATELINE_MAX or not DIGIT_RE.search(text):
        return False
    for m, _ in dates_in(text):
        ok, _ = dateline_source(strip_weekday(text[: m.start()]), text[m.end():])
        if ok:
            return True
    return False


# --------------------------------------------------------------------------------------


# Words that make a dateline's name an organisation (a publisher), not a place.
_ORG_WORD_RE = re.compile(
    r"\b(?:part(?:y|ies|i|ido|ito|ei|ij|ia)|committee|comit[eé]|bureau|office|section|department"
    r"|secretariat|press|news|agency|information|info|service|newspaper|journal|magazine|review"
    r"|tribune|voice|herald|gazette|daily|weekly|radio|tv|media|portal|website|site|union|front"
    r"|federation|league|movement|council|organi[sz]ation|editorial|editors?|communists?"
    r"|workers|youth|central|international|solidnet|rizospastis|granma|pravda)\b",
    re.IGNORECASE,
)


def names_publisher(name: str | None) -> bool:
    """True when a dateline's name is a publisher ("ICP", "KKE International Section",
    "www.solidnet.org"), False for a place ("Athens", "Buenos Aires", "HAVANA")."""
    name = (name or "").strip()
    if not name or re.match(r"by\s", name, re.IGNORECASE):
        return False  # an author's byline
    if _DOMAIN_RE.match(name) or _ORG_WORD_RE.search(name):
        return True
    letters = [c for c in name if c.isalpha()]
    return name.isupper() and " " not in name and 2 <= len(letters) <= 4
