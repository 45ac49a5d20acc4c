"""Find the date of a statement in its text.

The date of a statement is when it was issued, not the date of an event it discusses.
`find_date` reads a bounded window of the document (the first 40 and the last 20
non-empty lines, within character budgets) and ranks every date written there:

1. ``html_meta["date"]`` (the page's published-time meta) wins when it parses.
2. A dateline: a short line that is mostly a date, alone or as "Place, date",
   "Publisher, date", "Source: …, date", "Posted on date", "date, Place". Among the
   first or the last five non-empty lines it ranks highest (100); elsewhere in the
   window 70. A lead dateline at the top ("ATHENS, 12.04.2020 – The party …") ranks 95.
3. A date tied to a publication verb ("issued", "adopted", "signed", "published", …) in
   a sentence that names the statement itself ("statement", "declaration", "appeal", …),
   in the first or last three paragraphs, ranks 90. Dates in running prose without such
   a tie are events ("in December 2011, when the police fired") and are never taken.
4. Page chrome is ignored: "Last updated …", "Modified …", "Retrieved …", "© 2023",
   "Copyright 2010-2023". "Posted on …" is the publication date and counts.

Ties go to the date nearer the top.

A day and month without a year ("issued January 18") take their year from:

a. a present-time phrase in the text ("At the beginning of 2022", "today, in 2022", "so
   far in 2022", "this year, 2022"), provided no year mentioned in the window is later
   (a statement cannot discuss events after it was issued);
b. otherwise the latest dated event of the text, when the day and month fall within
   three months after it ("On 17 January 2022 …, issued January 18" -> 2022; "December
   2011" + "issued January 18" -> 2012), again only if no later year is mentioned.

Years after "by", "until", "before" … and in "2030 Agenda" are targets and do not count.
Otherwise the year stays unknown: no year is better than a wrong one.

When no full date is found, the year alone comes from a dateline or publication-verb
"Month Year" ("May 2017"), and failing that from a present-time phrase under rule (a).

Numeric dates are day-first ("05/07/2023" is 5 July) unless that is impossible
("12/25/2020" is 25 December); year-first dates ("2020-04-12") are year-month-day.
Month names are read in English, Spanish, Portuguese, French, German, Italian, Greek
(script and transliteration) and Russian.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from dateutil import parser as _du_parser

__all__ = ["DateInfo", "find_date", "parse_date_string", "year_of", "is_dateline", "MONTHS"]


@dataclass(frozen=True)
class DateInfo:
    """The date of a statement: ISO date (or None), year (or None), dateline source."""

    date: str | None = None
    year: int | None = None
    source_line: str | None = None


# --------------------------------------------------------------------------------------
# Vocabulary

_MONTH_NAMES: dict[int, tuple[str, ...]] = {
    1: ("january", "jan", "enero", "ene", "janeiro", "janvier", "janv", "januar", "jänner",
        "jaenner", "gennaio", "genn", "ιανουαρίου", "ιανουάριος", "ianouariou",
        "января", "январь"),
    2: ("february", "feb", "febr", "febrero", "fevereiro", "fev", "février", "fevrier",
        "févr", "fevr", "februar", "febbraio", "φεβρουαρίου", "φεβρουάριος",
        "fevrouariou", "февраля", "февраль"),
    3: ("march", "mar", "marzo", "março", "marco", "mars", "märz", "maerz", "marz",
        "μαρτίου", "μάρτιος", "martiou", "марта", "март"),
    4: ("april", "apr", "abril", "abr", "avril", "avr", "aprile", "απριλίου", "απρίλιος",
        "apriliou", "апреля", "апрель"),
    5: ("may", "mayo", "maio", "mai", "maggio", "μαΐου", "μαίου", "μάιος", "maiou", "мая",
        "май"),
    6: ("june", "jun", "junio", "junho", "juin", "juni", "giugno", "ιουνίου", "ιούνιος",
        "iouniou", "июня", "июнь"),
    7: ("july", "jul", "julio", "julho", "juillet", "juil", "juli", "luglio",
        "ιουλίου", "ιούλιος", "iouliou", "июля", "июль"),
    8: ("august", "aug", "agosto", "ago", "août", "aout", "αυγούστου", "αύγουστος",
        "avgoustou", "augoustou", "августа", "август"),
    9: ("september", "sep", "sept", "septiembre", "setiembre", "setembro", "set",
        "septembre", "settembre", "σεπτεμβρίου", "σεπτέμβριος", "septemvriou",
        "сентября", "сентябрь"),
    10: ("october", "oct", "octubre", "outubro", "out", "octobre", "oktober", "okt",
         "ottobre", "ott", "οκτωβρίου", "οκτώβριος", "oktovriou", "октября", "октябрь"),
    11: ("november", "nov", "noviembre", "novembro", "novembre", "νοεμβρίου",
         "νοέμβριος", "noemvriou", "ноября", "ноябрь"),
    12: ("december", "dec", "diciembre", "dic", "dezembro", "dez", "décembre",
         "decembre", "déc", "dezember", "dicembre", "δεκεμβρίου", "δεκέμβριος",
         "dekemvriou", "декабря", "декабрь"),
}
MONTHS: dict[str, int] = {name: num for num, names in _MONTH_NAMES.items() for name in names}
# Month names that are ordinary words too: in lower case and without a period they only
# count in "10 may 2017" (day, month and year), never in "may 10" or "march 2017".
_AMBIGUOUS_LOWER = {"may", "march", "mar", "set", "out", "ago", "dic", "ene", "mai"}

_WEEKDAYS = (
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    "lunes", "martes", "miércoles", "miercoles", "jueves", "viernes", "sábado", "sabado",
    "domingo", "segunda-feira", "terça-feira", "quarta-feira", "quinta-feira",
    "sexta-feira", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi",
    "dimanche", "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag",
    "sonntag", "lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato",
)

_YEAR4 = r"(?:1[6-9]\d\d|20\d\d)"
_ORD = r"(?:st|nd|rd|th|er|º|°|ª|η|ης)?"
# A month is matched as any word and checked against MONTHS afterwards: far faster
# than an alternation of 180 names at every position of the text.
_WORD = r"[^\W\d_]{3,12}+"

# One pass over a line finds every date form; each alternative has its own groups.
_DATE_RE = re.compile(
    r"(?:"
    # year-first numeric: 2020-04-12, 2020/04/12, 2020.04.12
    r"(?<![\d.])(?P<iy>" + _YEAR4 + r")(?P<isep>[-/.])(?P<im>0?[1-9]|1[0-2])(?P=isep)"
    r"(?P<id>0?[1-9]|[12]\d|3[01])(?!\d)"
    r"|"
    # day-first (month-first when impossible) numeric: 05/07/2023, 30.9.2019, 12-4-20
    r"(?<![\d./-])(?P<na>\d{1,2})(?P<nsep>[./-])(?P<nb>\d{1,2})(?P=nsep)"
    r"(?P<ny>" + _YEAR4 + r"|\d\d)(?!\d|[./-]\d)"
    r"|"
    # day month [year]: 10 May 2017, 21st of October 2022, 10 de mayo de 2017, 10. Mai
    r"\b(?P<dd>[0-3]?\d)" + _ORD + r"\.?\s*(?:(?:day\s+)?of\s+|de\s+|del\s+)?"
    r"(?P<dm>" + _WORD + r")(?P<dmdot>\.)?(?!\w)"
    r"(?:,?\s*(?:(?:de|del)\s+)?(?P<dy>" + _YEAR4 + r")(?!\d))?"
    r"|"
    # month day [year]: October 21, 2022 / Oct. 21, 2022 / January 18
    r"\b(?P<mm>" + _WORD + r")(?P<mmdot>\.)?\s+(?P<md>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:])"
    r"(?:,?\s+(?P<my>" + _YEAR4 + r")(?!\d))?"
    r"|"
    # month year: May 2017, mayo de 2017
    r"\b(?P<ym>" + _WORD + r")(?P<ymdot>\.)?,?\s+(?:(?:de|del|of)\s+)?(?P<yy>" + _YEAR4
    + r")(?!\d)"
    r")",
    re.IGNORECASE,
)
_WEEKDAY_BEFORE_RE = re.compile(
    r"(?<!\w)(?:" + "|".join(sorted(_WEEKDAYS, key=len, reverse=True))
    + r")\.?,?\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_DIGIT_RE = re.compile(r"\d")
_ANCHOR_YEAR_RE = re.compile(r"\d\d\d\d")

# Words right before a date that make it page chrome, not the statement's date.
_CHROME_RE = re.compile(
    r"(?:last\s+(?:updated?|modified|edited|revised|changed)|\bupdated|\bupdate\s*:|\bmodified|"
    r"\bedited|\brevised|\baccessed|\bretrieved|\bprinted|\bgenerated|\barchived|"
    r"\bcrawled|©|\(c\)|\bcopyright|all rights reserved)\W*(?:\w+\W+){0,2}$",
    re.IGNORECASE,
)
_CHROME_LINE_RE = re.compile(r"©|\(c\)\s*\d|\bcopyright\b|all rights reserved", re.IGNORECASE)

# Labels that may stand before a date in a dateline ("Posted on 10 May 2017").
_LABEL_RE = re.compile(
    r"^(?:(?:first\s+)?(?:posted|published|issued|adopted|signed|released|dated|"
    r"approved|sent|date(?:\s+of\s+(?:issue|publication))?|fecha|datum|data|"
    r"publié|publicado|veröffentlicht)(?:\s+(?:on|at|in|el|le|am))?)$",
    re.IGNORECASE,
)
_SOURCE_LABEL_RE = re.compile(r"^(?:source|fuente|fonte|quelle)\s*[:\-–—]\s*", re.IGNORECASE)
_SOURCE_LINE_RE = re.compile(r"^\s*(?:source|fuente|fonte|quelle)\s*:\s*(.+?)\s*$", re.IGNORECASE)
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

# A publication verb ties a date to the statement; the noun says the sentence is about
# the statement itself rather than a law, a strike or a meeting.
_CUE_BEFORE_RE = re.compile(
    r"\b(?:issued|published|adopted|signed|released|dated|posted|approved|made\s+public|"
    r"endorsed)\W+(?:[\w’'.]+\W+){0,4}$",
    re.IGNORECASE,
)
# "the statement of 10 May 2017": the noun names the statement and dates it at once.
_NOUN_OF_RE = re.compile(
    r"\b(?:statement|declaration|communiqu[ée]|appeal|resolution|press\s+release)"
    r"\s+(?:of|dated|from)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_CUE_AFTER_RE = re.compile(
    r"^\W{0,3}(?:[\w’'.()]+\W+){0,8}?(?:issued|published|adopted|signed|released|"
    r"approved|made\s+public|endorsed)\b",
    re.IGNORECASE,
)
_CUE_WORDS = ("issued", "published", "adopted", "signed", "released", "dated", "posted",
              "approved", "endorsed", "made public", "statement of", "declaration of")
# A "resolution 71/222" is a numbered act of an assembly, not a statement.
_NOUN = (r"(?:statements?|declarations?|communiqu[ée]s?|appeals?|resolutions?(?!\s+\d)|"
         r"press\s+releases?|letters?|manifestos?|calls?|documents?|text)")
_VERB = r"(?:issued|published|adopted|signed|released|dated|posted|approved|made\s+public|endorsed)"
_NOUN_VERB_RE = re.compile(r"\b" + _NOUN + r"\b\W+(?:[\w’'()]+\W+){0,3}?" + _VERB + r"\b",
                           re.IGNORECASE)
_VERB_NOUN_RE = re.compile(r"\b" + _VERB + r"\W+(?:[\w’'()]+\W+){0,3}?" + _NOUN + r"\b",
                           re.IGNORECASE)
# "At the beginning of 2022": the text speaks from inside that year. Matched against the
# text right before a year.
_PRESENT_BEFORE_RE = re.compile(
    r"\b(?:at\s+the\s+(?:very\s+)?(?:beginning|start|outset)\s+of|so\s+far\s+in|"
    r"this\s+year,?|today,?\s+in|now,?\s+in|(?:in\s+)?the\s+(?:current|present)\s+year,?|"
    r"as\s+we\s+enter)\s+$",
    re.IGNORECASE,
)
# A sentence about plans speaks of the future: its years are neither present nor past.
_FUTURE_SENTENCE_RE = re.compile(
    r"\b(?:will|shall|would|to\s+be\s+(?:held|convened|adopted|organi[sz]ed)|scheduled|"
    r"planned|plans?\s+to|expected|next|upcoming|forthcoming|going\s+to|prepar(?:e|es|ing)|"
    r"intends?\s+to|aims?\s+to|hopes?\s+to|look(?:s|ing)?\s+forward)\b",
    re.IGNORECASE,
)
# Years after these words are targets or deadlines, not past events.
_FUTURE_BEFORE_RE = re.compile(
    r"\b(?:by|until|till|before|to|through|towards?|up\s+to|horizon|beyond|agenda|"
    r"plan|vision|target|goal)\W*$",
    re.IGNORECASE,
)
_FUTURE_AFTER_RE = re.compile(r"^\W?\s*(?:agenda|vision|plan|target|goals?|horizon)\b",
                              re.IGNORECASE)

_TOP_LINES = 40  # non-empty lines read from the top ...
_BOTTOM_LINES = 20  # ... and from the bottom
_TOP_CHARS = 8000  # character budgets of the two ends
_BOTTOM_CHARS = 3000
_MAX_LINE_CHARS = 1500  # a date tied to the statement sits in the lead of a paragraph
_EDGE_LINES = 5  # datelines rank highest among the first and last five lines
_LEAD_PARAGRAPHS = 3  # long lines searched for "issued <date>" at either end
_DATELINE_MAX = 110  # a dateline is a short line
_MIN_SCORE = 50  # below: a date in running prose, only evidence of the years spoken of
_REACTION_DAYS = 92  # see `_infer_year`


# --------------------------------------------------------------------------------------
# Reading one date


def _max_year() -> int:
    return _dt.date.today().year + 1


def _valid(year: int, month: int, day: int) -> bool:
    try:
        _dt.date(year, month, day)
    except ValueError:
        return False
    return 1600 <= year <= _max_year()


def _two_digit_year(yy: int) -> int:
    """'20' -> 2020, '98' -> 1998: the latest such year not after next year."""
    year = 2000 + yy
    return year if year <= _max_year() else 1900 + yy


def _month_of(token: str, dotted: bool, strict: bool) -> int | None:
    low = token.lower()
    month = MONTHS.get(low)
    if month is None:
        return None
    if strict and low in _AMBIGUOUS_LOWER and token == low and not dotted:
        return None  # "may" and "march" in lower case are verbs
    return month


def _decode(m: re.Match) -> tuple[str, int | None, int, int | None] | None:
    """Turn a `_DATE_RE` match into (kind, year, month, day), or None if not a date.

    kind is "full" (day, month, year), "partial" (day and month) or "month" (month and
    year).
    """
    g = m.groupdict()
    if g["iy"]:
        y, mo, d = int(g["iy"]), int(g["im"]), int(g["id"])
        return ("full", y, mo, d) if _valid(y, mo, d) else None
    if g["na"]:
        a, b, ytxt = int(g["na"]), int(g["nb"]), g["ny"]
        y = int(ytxt) if len(ytxt) == 4 else _two_digit_year(int(ytxt))
        if b > 12 and a <= 12:
            mo, d = a, b  # 12/25/2020
        else:
            d, mo = a, b  # 05/07/2023, 30.9.2019
        return ("full", y, mo, d) if _valid(y, mo, d) else None
    if g["dm"]:
        mo = _month_of(g["dm"], bool(g["dmdot"]), strict=not g["dy"])
        if mo is None:
            return None
        d = int(g["dd"])
        if g["dy"]:
            y = int(g["dy"])
            return ("full", y, mo, d) if _valid(y, mo, d) else None
        return ("partial", None, mo, d) if _valid(2000, mo, d) else None
    if g["mm"]:
        mo = _month_of(g["mm"], bool(g["mmdot"]), strict=True)
        if mo is None:
            return None
        d = int(g["md"])
        if g["my"]:
            y = int(g["my"])
            return ("full", y, mo, d) if _valid(y, mo, d) else None
        return ("partial", None, mo, d) if _valid(2000, mo, d) else None
    if g["ym"]:
        mo = _month_of(g["ym"], bool(g["ymdot"]), strict=True)
        y = int(g["yy"])
        if mo is None or not 1600 <= y <= _max_year():
            return None
        return ("month", y, mo, None)
    return None


def _dates_in(text: str, pos: int = 0, endpos: int | None = None):
    """Yield (match, (kind, year, month, day)) for every date in text[pos:endpos]."""
    end = len(text) if endpos is None else endpos
    while pos < end:
        m = _DATE_RE.search(text, pos, end)
        if m is None:
            return
        decoded = _decode(m)
        if decoded is None:
            pos = m.start() + 1  # "in 10 May 2017": "in 10" is no date, "10 May 2017" is
            continue
        yield m, decoded
        pos = m.end()


def _iso(year: int, month: int, day: int) -> str:
    return f"{year:04d}-{month:02d}-{day:02d}"


# --------------------------------------------------------------------------------------
# Single values from metadata


def parse_date_string(s: object) -> str | None:
    """Parse a metadata date value into ISO "YYYY-MM-DD".

    Takes "2017-05-10", "2017-05-10T09:00:00+02:00", "20170510", "10/05/2017",
    "10 May 2017", "Wed, 10 May 2017 09:00:00 GMT", a date or datetime; returns None when
    the value has no day ("May 2017", "2017") or cannot be read.
    """
    if s is None:
        return None
    if isinstance(s, _dt.datetime):
        return s.date().isoformat()
    if isinstance(s, _dt.date):
        return s.isoformat()
    text = str(s).strip()
    if not text or not _DIGIT_RE.search(text):
        return None
    for _, (kind, y, mo, d) in _dates_in(text):
        if kind == "full":
            return _iso(y, mo, d)
    if re.match(r"^\d{8}(?:[T ].*)?$", text):
        try:
            parsed = _du_parser.isoparse(text)
        except (ValueError, OverflowError):
            return None
        if 1600 <= parsed.year <= _max_year():
            return parsed.date().isoformat()
    return None


def year_of(s: object) -> int | None:
    """The year of a metadata value: 2017 for 2017, "2017", "May 2017", "10/05/2017"."""
    if s is None or isinstance(s, bool):
        return None
    if isinstance(s, int):
        return s if 1600 <= s <= _max_year() else None
    if isinstance(s, float):
        return year_of(int(s)) if s.is_integer() else None
    if isinstance(s, (_dt.date, _dt.datetime)):
        return s.year
    iso = parse_date_string(s)
    if iso:
        return int(iso[:4])
    text = str(s)
    for _, (_, y, _, _) in _dates_in(text):
        if y:
            return y
    m = re.search(r"(?<!\d)(" + _YEAR4 + r")(?!\d)", text)
    if m and int(m.group(1)) <= _max_year():
        return int(m.group(1))
    return None


# --------------------------------------------------------------------------------------
# Datelines


def _is_name_like(text: str, strict: bool = False) -> bool:
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


def _dateline_source(prefix: str, suffix: str) -> tuple[bool, str | None]:
    """Decide whether the text around a date makes a dateline; return (is_dateline, source).

    `prefix` and `suffix` are the line's text before and after the date (a weekday
    already removed). A dateline's prefix is empty, a label ("Posted on"), a source
    ("Source: Rizospastis,") or a short name ("ICP,", "Athens,", "Paris, le"); its
    suffix is empty, a time, a reference code or a short name ("10 May 2017, Athens").
    The source is that name, if any.
    """
    pre = prefix.strip()
    suf = suffix.strip()
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
            suffix_source = name if _is_name_like(name) else None
        elif _is_name_like(suf, strict=True) and len(suf.split()) <= 4:
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
    if article and _is_name_like(article.group(1)):
        return True, article.group(1).strip()
    # "KKE, posted on 10 May 2017"
    label_split = re.match(r"^(.*?)[\s,]+((?:posted|published|issued|adopted|signed|"
                           r"released|dated)(?:\s+(?:on|in|at))?)$", core, re.IGNORECASE)
    if label_split and _is_name_like(label_split.group(1)):
        return True, label_split.group(1).strip(" ,")
    separated = pre != core or pre.endswith(",")
    if separated and _is_name_like(core):
        return True, core
    # "Athens 12/3/2015": a place or source of one or two words, the comma left out.
    if not suf and len(core.split()) <= 2 and _is_name_like(core, strict=True):
        return True, core
    return False, None


def _strip_weekday(prefix: str) -> str:
    """"Athens, Friday, " -> "Athens, ": the weekday belongs to the date."""
    m = _WEEKDAY_BEFORE_RE.search(prefix[-24:])
    return prefix[: len(prefix) - len(m.group(0))] if m else prefix


def is_dateline(line: str) -> bool:
    """True when a line is mostly a date: "10 May 2017", "ICP, 10 May 2017", "Posted on …"."""
    text = line.strip()
    if not text or len(text) > _DATELINE_MAX or not _DIGIT_RE.search(text):
        return False
    for m, _ in _dates_in(text):
        ok, _ = _dateline_source(_strip_weekday(text[: m.start()]), text[m.end():])
        if ok:
            return True
    return False


# --------------------------------------------------------------------------------------
# Reading a document


@dataclass
class _Line:
    number: int  # index in the document's lines
    text: str  # stripped, cut to _MAX_LINE_CHARS
    edge: bool  # among the first or last _EDGE_LINES non-empty lines
    lead: bool  # a long line among the first or last _LEAD_PARAGRAPHS long lines
    standalone: bool  # not a piece of a hard-wrapped sentence (see `_standalone`)


@dataclass
class _Date:
    kind: str  # "full", "partial" (day and month), "month" (month and year)
    year: int | None
    month: int
    day: int | None
    score: int
    order: int  # position in the window, for ties (earlier first)
    source: str | None = None


def _window(lines: list[str]) -> list[_Line]:
    """The lines to read: the first 40 and the last 20 non-empty lines, within budgets."""
    top: list[tuple[int, str]] = []
    budget = _TOP_CHARS
    for i, ln in enumerate(lines):
        if len(top) >= _TOP_LINES or budget <= 0:
            break
        text = ln.strip() if ln else ""
        if text:
            text = text[:_MAX_LINE_CHARS]
            top.append((i, text))
            budget -= len(text)
    first_after_top = top[-1][0] + 1 if top else 0
    bottom: list[tuple[int, str]] = []
    budget = _BOTTOM_CHARS
    for i in range(len(lines) - 1, first_after_top - 1, -1):
        if len(bottom) >= _BOTTOM_LINES or budget <= 0:
            break
        text = lines[i].strip() if lines[i] else ""
        if text:
            text = text[:_MAX_LINE_CHARS]
            bottom.append((i, text))
            budget -= len(text)
    bottom.reverse()
    # Without a bottom part, the top part reached the end of the document.
    tail = bottom if bottom else top
    picked = top + bottom
    first_tail = len(picked) - len(tail)
    long_top = [k for k, (_, t) in enumerate(top) if len(t) > _DATELINE_MAX]
    long_tail = [first_tail + k for k, (_, t) in enumerate(tail) if len(t) > _DATELINE_MAX]
    lead = set(long_top[:_LEAD_PARAGRAPHS]) | set(long_tail[-_LEAD_PARAGRAPHS:])
    edge_tail = max(first_tail, len(picked) - _EDGE_LINES)
    return [
        _Line(i, text, k < _EDGE_LINES or k >= edge_tail, k in lead, _standalone(lines, i))
        for k, (i, text) in enumerate(picked)
    ]


def _standalone(lines: list[str], i: int) -> bool:
    """True when line i stands on its own: a blank line next to it, or the previous line
    ends a sentence. A dateline inside hard-wrapped prose is a piece of a sentence."""
    if i == 0 or i + 1 >= len(lines) or not lines[i - 1].strip() or not lines[i + 1].strip():
        return True
    return lines[i - 1].rstrip()[-1:] in ".!?:;\"”’)]»"


def _sentence_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind(". ", 0, start), text.rfind("! ", 0, start), text.rfind("? ", 0, start))
    rights = [p for p in (text.find(". ", end), text.find("! ", end), text.find("? ", end))
              if p != -1]
    return text[left + 1: (min(rights) if rights else len(text)) + 1]


def _score(text: str, m: re.Match, line: _Line) -> tuple[int, str | None]:
    """Score one date in its line (see the module docstring); return (score, source).

    -1 marks page chrome, left out even as evidence of years.
    """
    prefix, suffix = text[: m.start()], text[m.end():]
    if _CHROME_RE.search(prefix[-60:]):
        return -1, None
    prefix = _strip_weekday(prefix)
    if len(text) <= _DATELINE_MAX:
        ok, source = _dateline_source(prefix, suffix)
        if ok and line.edge:
            return 100, source
        if ok and line.standalone:
            return 70, source
    # Lead dateline: "ATHENS, 12.04.2020 – The Communist Party …"
    pre = prefix.strip()
    if (line.edge and len(pre) <= 40 and re.match(r"^\s*[-–—:(|]", suffix)
            and (not pre or (pre.endswith((",", "-", "–", "—")) and _is_name_like(pre)))):
        return 95, (pre.rstrip(" ,-–—") or None)
    if (line.lead or line.edge) and _NOUN_OF_RE.search(prefix[-40:]):
        return 90, None
    if line.lead or len(text) <= _DATELINE_MAX:
        cue = _CUE_BEFORE_RE.search(prefix[-80:]) or _CUE_AFTER_RE.match(suffix[:90])
        if cue and (line.lead or line.edge) and _names_statement(
                _sentence_around(text, m.start(), m.end())):
            return 90, None
        if cue:
            return 40, None
    return 10, None


def _names_statement(sentence: str) -> bool:
    """True when a sentence speaks of issuing a statement.

    A statement noun must stand within three words of a publication verb: "a joint
    statement signed by …", "the parties adopted a declaration".
    """
    return bool(_NOUN_VERB_RE.search(sentence) or _VERB_NOUN_RE.search(sentence))


def _spans_around_years(text: str) -> list[tuple[int, int]]:
    """Where a date with a year can be: around each four-digit number."""
    return [(m.start() - 36, m.end() + 1) for m in _ANCHOR_YEAR_RE.finditer(text)]


def _spans_around_cues(text: str) -> list[tuple[int, int]]:
    """Where "issued January 18" can be: around each publication verb."""
    low = text.lower()
    spans = []
    for word in _CUE_WORDS:
        pos = low.find(word)
        while pos != -1:
            spans.append((pos - 70, pos + len(word) + 60))
            pos = low.find(word, pos + 1)
    return spans


def _dates_in_spans(text: str, spans: list[tuple[int, int]]):
    """The dates found in the given spans of `text` (widened to whole words), once each."""
    seen: set[int] = set()
    n = len(text)
    for start, end in sorted(spans):
        start = max(0, start)
        while start > 0 and text[start - 1].isalnum():
            start -= 1
        end = min(n, end)
        while end < n and text[end].isalnum():
            end += 1
        for m, decoded in _dates_in(text, start, end):
            if m.start() not in seen:
                seen.add(m.start())
                yield m, decoded


def _scan(window: list[_Line], events: bool = False) -> list[_Date]:
    """The dates written in the window, scored; chrome is left out.

    Without `events`, the candidates: short lines (possible datelines) are read whole,
    the lead paragraphs around years and publication verbs. With `events`, the other
    long lines are read around years, for the dated events that can complete a date
    written without its year.
    """
    found: list[_Date] = []
    for order, line in enumerate(window):
        text = line.text
        if not _DIGIT_RE.search(text):
            continue
        short = len(text) <= _DATELINE_MAX
        if events:
            if short or line.lead:
                continue
            matches = _dates_in_spans(text, _spans_around_years(text))
        elif short:
            matches = _dates_in(text)
        elif line.lead:
            matches = _dates_in_spans(text, _spans_around_years(text) + _spans_around_cues(text))
        else:
            continue
        for m, (kind, y, mo, d) in matches:
            score, source = _score(text, m, line)
            if score >= 0:
                found.append(_Date(kind, y, mo, d, score, order * 10_000 + m.start(), source))
    return found


@dataclass
class _YearHints:
    present: list[int]  # years of present-time phrases ("At the beginning of 2022")
    latest: int | None  # the latest year mentioned (not chrome, not a target)


def _year_hints(window: list[_Line]) -> _YearHints:
    """Collect the years the window's text speaks of (see `_YearHints`)."""
    present: list[int] = []
    latest: int | None = None
    this_year = _dt.date.today().year
    for line in window:
        text = line.text
        if not _DIGIT_RE.search(text) or _CHROME_LINE_RE.search(text):
            continue
        for m in _ANCHOR_YEAR_RE.finditer(text):
            s, e = m.start(), m.end()
            if s > 0 and text[s - 1] in "0123456789.,/-":
                continue
            if e < len(text) and (text[e].isalnum() or text[e] == "_"):
                continue
            y = int(m.group(0))
            if y < 1800 or y > this_year:
                continue
            if _FUTURE_SENTENCE_RE.search(_sentence_around(text, s, e)):
                continue
            before = text[max(0, s - 60): s]
            if _PRESENT_BEFORE_RE.search(before):
                present.append(y)
            if _FUTURE_BEFORE_RE.search(before[-12:]) or _FUTURE_AFTER_RE.match(text[e: e + 12]):
                continue
            if _CHROME_RE.search(before):
                continue
            if latest is None or y > latest:
                latest = y
    return _YearHints(present, latest)


def _present_year(hints: _YearHints) -> int | None:
    """The year the text speaks from, or None when a later mentioned year contradicts it."""
    if not hints.present:
        return None
    year = max(hints.present)
    if hints.latest is not None and hints.latest > year:
        return None
    return year


def _infer_year(month: int, day: int, hints: _YearHints, dated: list[_Date]) -> int | None:
    """The year of a date written without one ("issued January 18"), or None.

    1. The year of a present-time phrase ("At the beginning of 2022"), unless the text
       mentions a later year as well.
    2. Otherwise the year that puts the date within `_REACTION_DAYS` after the latest
       dated event of the text ("On 17 January 2022 … issued January 18"), if no later
       year is mentioned anywhere in the window.
    """
    if hints.present:
        return _present_year(hints)
    events = [c for c in dated if c.kind in ("full", "month") and c.year]
    if not events:
        return None
    last = max(events, key=lambda c: (c.year, c.month, c.day or 1))
    if hints.latest is not None and hints.latest > last.year:
        return None
    start = _dt.date(last.year, last.month, last.day or 1)
    for year in (last.year, last.year + 1):
        if _valid(year, month, day) and 0 <= (_dt.date(year, month, day) - start).days <= _REACTION_DAYS:
            return year
    return None


def _source_label_line(lines: list[str]) -> str | None:
    """The value of a "Source: …" line among the first or last five non-empty lines."""
    head = [ln for ln in lines[:40] if ln and ln.strip()][:_EDGE_LINES]
    tail = [ln for ln in lines[-40:] if ln and ln.strip()][-_EDGE_LINES:]
    for ln in head + tail:
        m = _SOURCE_LINE_RE.match(ln)
        if m and len(m.group(1)) <= 120:
            return m.group(1).rstrip(" .,;")
    return None


def find_date(lines: list[str], html_meta: dict[str, str] | None = None) -> DateInfo:
    """Find the date a statement was issued.

    `lines` are the document's text lines (or paragraphs) in order; `html_meta` may hold
    a "date" from the page's published-time meta, which wins when it parses. Returns a
    DateInfo with the ISO date, the year (set also when only the year is knowable), and
    the source or place named in the dateline ("ICP" in "ICP, 10 May 2017") or in a
    "Source: …" line. See the module docstring for the rules.
    """
    window = _window(lines)
    found = _scan(window)
    ranked = sorted(found, key=lambda c: (-c.score, c.order))
    source = next((c.source for c in ranked if c.source and c.score >= 70), None)
    if source is None:
        source = _source_label_line(lines)

    meta_value = (html_meta or {}).get("date")
    if meta_value:
        iso = parse_date_string(meta_value)
        if iso:
            return DateInfo(iso, int(iso[:4]), source)
        meta_year = year_of(meta_value)
        if meta_year:
            for c in ranked:
                if c.kind == "full" and c.year == meta_year and c.score >= _MIN_SCORE:
                    return DateInfo(_iso(c.year, c.month, c.day), c.year, source)
            return DateInfo(None, meta_year, source)

    hints: _YearHints | None = None
    today = _dt.date.today()
    year_only: int | None = None
    for c in ranked:
        if c.score < _MIN_SCORE:
            break
        if c.kind == "full":
            return DateInfo(_iso(c.year, c.month, c.day), c.year, source)
        if c.kind == "partial":
            if hints is None:
                hints = _year_hints(window)
                found = found + _scan(window, events=True)
            year = _infer_year(c.month, c.day, hints, found)
            if year is None or _dt.date(year, c.month, c.day) > today:
                continue
            return DateInfo(_iso(year, c.month, c.day), year, source)
        if c.kind == "month" and year_only is None:
            year_only = c.year
    if year_only is not None:
        return DateInfo(None, year_only, source)
    if hints is None:
        hints = _year_hints(window)
    return DateInfo(None, _present_year(hints), source)
