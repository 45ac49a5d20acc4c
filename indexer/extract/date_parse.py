"""Read dates written in words or numbers, in the languages parties publish in.

    parse_date_string(s) -> "yyyy-mm-dd" | None    one date string (sidecar, meta, dateline)
    year_of(s) -> int | None                        the year a string names
    MONTHS                                          month name -> number

Numeric dates are day-first ("05/07/2023" is 5 July) unless that is impossible
("12/25/2020" is 25 December); year-first dates ("2020-04-12") are year-month-day.
Month names are read in English, Spanish, Portuguese, French, German, Italian, Greek
(script and transliteration), Russian and Turkish: a table of month names, far faster than
a general date parser over every line.
"""

from __future__ import annotations

import datetime as _dt
import re
from dateutil import parser as _du_parser


# --------------------------------------------------------------------------------------
# Vocabulary

_MONTH_NAMES: dict[int, tuple[str, ...]] = {
    1: ("january", "jan", "enero", "ene", "janeiro", "janvier", "janv", "januar", "jänner",
        "jaenner", "gennaio", "genn", "ιανουαρίου", "ιανουάριος", "ianouariou",
        "января", "январь", "ocak"),
    2: ("february", "feb", "febr", "febrero", "fevereiro", "fev", "février", "fevrier",
        "févr", "fevr", "februar", "febbraio", "φεβρουαρίου", "φεβρουάριος",
        "fevrouariou", "февраля", "февраль", "şubat", "subat"),
    3: ("march", "mar", "marzo", "março", "marco", "mars", "märz", "maerz", "marz",
        "μαρτίου", "μάρτιος", "martiou", "марта", "март", "mart"),
    4: ("april", "apr", "abril", "abr", "avril", "avr", "aprile", "απριλίου", "απρίλιος",
        "apriliou", "апреля", "апрель", "nisan"),
    5: ("may", "mayo", "maio", "mai", "maggio", "μαΐου", "μαίου", "μάιος", "maiou", "мая",
        "май", "mayıs", "mayis"),
    6: ("june", "jun", "junio", "junho", "juin", "juni", "giugno", "ιουνίου", "ιούνιος",
        "iouniou", "июня", "июнь", "haziran"),
    7: ("july", "jul", "julio", "julho", "juillet", "juil", "juli", "luglio",
        "ιουλίου", "ιούλιος", "iouliou", "июля", "июль", "temmuz"),
    8: ("august", "aug", "agosto", "ago", "août", "aout", "αυγούστου", "αύγουστος",
        "avgoustou", "augoustou", "августа", "август", "ağustos", "agustos"),
    9: ("september", "sep", "sept", "septiembre", "setiembre", "setembro", "set",
        "septembre", "settembre", "σεπτεμβρίου", "σεπτέμβριος", "septemvriou",
        "сентября", "сентябрь", "eylül", "eylul"),
    10: ("october", "oct", "octubre", "outubro", "out", "octobre", "oktober", "okt",
         "ottobre", "ott", "οκτωβρίου", "οκτώβριος", "oktovriou", "октября", "октябрь", "ekim"),
    11: ("november", "nov", "noviembre", "novembro", "novembre", "νοεμβρίου",
         "νοέμβριος", "noemvriou", "ноября", "ноябрь", "kasım", "kasim"),
    12: ("december", "dec", "diciembre", "dic", "dezembro", "dez", "décembre",
         "decembre", "déc", "dezember", "dicembre", "δεκεμβρίου", "δεκέμβριος",
         "dekemvriou", "декабря", "декабрь", "aralık", "aralik"),
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
WEEKDAY_BEFORE_RE = re.compile(
    r"(?<!\w)(?:" + "|".join(sorted(_WEEKDAYS, key=len, reverse=True))
    + r")\.?,?\s+(?:the\s+)?$",
    re.IGNORECASE,
)
DIGIT_RE = re.compile(r"\d")
ANCHOR_YEAR_RE = re.compile(r"\d\d\d\d")

# --------------------------------------------------------------------------------------
# Reading one date


def _max_year() -> int:
    return _dt.date.today().year + 1


def valid_date(year: int, month: int, day: int) -> bool:
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
        return ("full", y, mo, d) if valid_date(y, mo, d) else None
    if g["na"]:
        a, b, ytxt = int(g["na"]), int(g["nb"]), g["ny"]
        y = int(ytxt) if len(ytxt) == 4 else _two_digit_year(int(ytxt))
        if b > 12 and a <= 12:
            mo, d = a, b  # 12/25/2020
        else:
            d, mo = a, b  # 05/07/2023, 30.9.2019
        return ("full", y, mo, d) if valid_date(y, mo, d) else None
    if g["dm"]:
        mo = _month_of(g["dm"], bool(g["dmdot"]), strict=not g["dy"])
        if mo is None:
            return None
        d = int(g["dd"])
        if g["dy"]:
            y = int(g["dy"])
            return ("full", y, mo, d) if valid_date(y, mo, d) else None
        return ("partial", None, mo, d) if valid_date(2000, mo, d) else None
    if g["mm"]:
        mo = _month_of(g["mm"], bool(g["mmdot"]), strict=True)
        if mo is None:
            return None
        d = int(g["md"])
        if g["my"]:
            y = int(g["my"])
            return ("full", y, mo, d) if valid_date(y, mo, d) else None
        return ("partial", None, mo, d) if valid_date(2000, mo, d) else None
    if g["ym"]:
        mo = _month_of(g["ym"], bool(g["ymdot"]), strict=True)
        y = int(g["yy"])
        if mo is None or not 1600 <= y <= _max_year():
            return None
        return ("month", y, mo, None)
    return None


def dates_in(text: str, pos: int = 0, endpos: int | None = None):
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


def iso_date(year: int, month: int, day: int) -> str:
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
    if not text or not DIGIT_RE.search(text):
        return None
    for _, (kind, y, mo, d) in dates_in(text):
        if kind == "full":
            return iso_date(y, mo, d)
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
    for _, (_, y, _, _) in dates_in(text):
        if y:
            return y
    m = re.search(r"(?<!\d)(" + _YEAR4 + r")(?!\d)", text)
    if m and int(m.group(1)) <= _max_year():
        return int(m.group(1))
    return None


# --------------------------------------------------------------------------------------
# Datelines
