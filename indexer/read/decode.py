"""Bytes to text: the encoding of a file, found the way a careful reader would.

`decode_bytes(data)` tries, in order: a byte-order mark, strict UTF-8, BOM-less UTF-16,
UTF-8 with a few stray legacy bytes, an HTML/XML declared charset, charset-normalizer's
guess among the legacy encodings real archives use, and cp1252. It never raises.
`clean_text` normalises what comes out (newlines, control characters, NFC).
"""

from __future__ import annotations

import codecs
import re
import unicodedata

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Declared charsets that browsers read as another (WHATWG encoding standard).
_DECLARED_ALIASES = {
    "iso8859-1": "cp1252",
    "ascii": "cp1252",
    "iso8859-9": "cp1254",
    "tis-620": "cp874",
    "iso8859-11": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
}

# Legacy encodings a detector may propose that real documents actually use.
_PLAUSIBLE = {
    "cp1250", "cp1251", "cp1252", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257",
    "iso8859-2", "iso8859-3", "iso8859-4", "iso8859-5", "iso8859-6", "iso8859-7", "iso8859-8",
    "iso8859-9", "iso8859-10", "iso8859-13", "iso8859-14", "iso8859-16",
    "koi8-r", "koi8-u", "cp866", "mac-cyrillic", "cp874", "tis-620",
    "big5", "big5hkscs", "gb18030", "gb2312", "gbk", "shift_jis", "cp932", "euc_jp",
    "iso2022_jp", "euc_kr", "cp949", "johab",
}
_WESTERN = {"iso8859-1", "iso8859-15", "cp1252", "ascii"}

_META_CHARSET_RE = re.compile(rb"""<meta[^>]{0,300}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.I)
_XML_ENCODING_RE = re.compile(rb"""<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.\-]+)""", re.I)

# Control characters to remove (everything C0 but \t and \n; DEL; BOM / zero-width no-break
# space); \f and \v become line breaks. C1 controls usually are cp1252 punctuation that went
# through a Latin-1 decoder: map them back (0x93 -> “) where cp1252 defines them.
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff]")


def _control_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {c: None for c in range(0x20) if c not in (0x09, 0x0A)}
    table[0x0B] = "\n"
    table[0x0C] = "\n"
    table[0x7F] = None
    table[0xFEFF] = None
    for c in range(0x80, 0xA0):
        try:
            table[c] = bytes([c]).decode("cp1252")
        except UnicodeDecodeError:
            table[c] = None
    return table


_CONTROL_TABLE = _control_table()


def _replace_control(match: re.Match) -> str:
    return _CONTROL_TABLE.get(ord(match.group()), None) or ""


def _cp1252_lenient(data: bytes) -> str:
    """cp1252, where the five bytes it leaves undefined pass through as C1 controls."""
    return data.decode("cp1252", errors="_cp1252_lenient")


def _lenient_handler(exc: UnicodeDecodeError) -> tuple[str, int]:
    chunk = exc.object[exc.start:exc.end]
    return "".join(chr(b) for b in chunk), exc.end


def _utf8_repair_handler(exc: UnicodeDecodeError) -> tuple[str, int]:
    """Decode stray non-UTF-8 bytes inside mostly-UTF-8 text as cp1252."""
    chunk = exc.object[exc.start:exc.end]
    return _cp1252_lenient(bytes(chunk)), exc.end


codecs.register_error("_cp1252_lenient", _lenient_handler)
codecs.register_error("_utf8_cp1252", _utf8_repair_handler)


def bom_encoding(data: bytes) -> str | None:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def sniff_utf16(data: bytes) -> str | None:
    """"utf-16-le"/"utf-16-be" for BOM-less UTF-16 (NUL bytes on one side of each pair)."""
    sample = data[:8192]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    pairs = len(sample) // 2
    for nuls, other, name in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if nuls >= 4 and nuls >= pairs * 0.1 and other * 10 < nuls:
            try:
                data[: len(data) - len(data) % 2].decode(name)
            except UnicodeDecodeError:
                continue
            return name
    return None


def _codec_name(label: str) -> str | None:
    try:
        return codecs.lookup(label.strip().lower()).name
    except (LookupError, ValueError):
        return None


def _declared_encoding(data: bytes) -> str | None:
    """The charset an HTML `<meta>` or XML declaration names, when usable for ASCII-based bytes."""
    head = data[:4096]
    match = _META_CHARSET_RE.search(head) or _XML_ENCODING_RE.search(head)
    if not match:
        return None
    name = _codec_name(match.group(1).decode("ascii", "ignore"))
    if name is None or name.startswith(("utf-16", "utf-32")) or name in ("utf-8", "utf-8-sig"):
        return None  # UTF-8 failed already; UTF-16 cannot be declared in ASCII bytes
    return _DECLARED_ALIASES.get(name, name)


def _decode_as(data: bytes, name: str, strict: bool = True) -> str | None:
    if name == "cp1252":
        return _cp1252_lenient(data)
    try:
        return data.decode(name, errors="strict" if strict else "replace")
    except UnicodeDecodeError:
        return None
    except LookupError:
        return None


# Latin-script single-byte encodings that share ASCII and most punctuation, told apart by
# which reading gives letters of one language (French "à" is cp1250 "ŕ", Czech "č" is cp1252 "è").
_LATIN_CANDIDATES = ("cp1252", "cp1250", "cp1254", "cp1257")
_LATIN_FAMILY = {"cp1252", "cp1250", "cp1254", "cp1257", "iso8859-1", "iso8859-2", "iso8859-9",
                 "iso8859-13", "iso8859-15", "iso8859-16", "ascii"}
_LANGUAGE_LETTERS = tuple(
    set(letters)
    for letters in (
        "àâæçéèêëîïôœùûüÿ",  # French
        "äöüß",  # German
        "áéíñóúüº",  # Spanish
        "áâãàçéêíóôõú",  # Portuguese
        "àèéìíîòóùú",  # Italian
        "àçèéíïòóúü",  # Catalan
        "éëïóöü",  # Dutch
        "åäöé",  # Swedish, Finnish
        "æøåéó",  # Danish, Norwegian
        "áðéíóúýþæö",  # Icelandic
        "ąćęłńóśźż",  # Polish
        "áčďéěíňóřšťúůýž",  # Czech
        "áäčďéíĺľňóôŕšťúýž",  # Slovak
        "áéíóöőúüű",  # Hungarian
        "ăâîşţșț",  # Romanian
        "čćđšž",  # Croatian, Slovene, Bosnian
        "çğıöşüâî",  # Turkish
        "ąčęėįšųūž",  # Lithuanian
        "āčēģīķļņšūž",  # Latvian
        "äõöüšž",  # Estonian
    )
)
_LETTER_RE = re.compile(r"[^\W\d_]+")
# Not apostrophes, hyphens or the Catalan middle dot, which belong inside words.
_INWORD_SYMBOL_RE = re.compile(r"(?<=[^\W\d_])[^\x00-\x7f\w\s\u2018\u2019\u00b7\u2010\u2011\u00ad](?=[^\W\d_])")
_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")


def _latin_score(text: str) -> float:
    """How well the non-ASCII letters of `text` fit one European language (0..1), less the
    share of odd symbols (¹, ¤, ¦, ...) among its non-ASCII characters."""
    letters: dict[str, int] = {}
    odd = 0
    total = 0
    for ch in _NON_ASCII_RE.findall(text):
        total += 1
        if ch.isalpha() and ch not in "ªº":
            low = ch.lower()
            letters[low] = letters.get(low, 0) + 1
        elif unicodedata.category(ch) in ("Cc", "Co", "Cn", "Sk", "No") or ch in "¤¦¨¬¯´¸ªº":
            odd += 1
    if not total:
        return 1.0
    # A symbol inside a word ("wyra¿a": Polish ż read as cp1252) is as odd as they come.
    odd += len(_INWORD_SYMBOL_RE.findall(text))
    count = sum(letters.values())
    fit = 1.0
    if count:
        fit = max(sum(n for ch, n in letters.items() if ch in language) for language in _LANGUAGE_LETTERS) / count
    return fit - odd / total


def _latin_choice(data: bytes, preferred: str | None) -> str:
    """The Latin-script encoding whose reading of `data` scores best (ties: cp1252, the
    legacy encoding real archives hold most, then `preferred`): a short French or Spanish
    text reads as well in cp1250 as in cp1252, and detectors then often guess cp1250."""
    sample = data[:65536]
    best_name, best_score, best_text = "cp1252", -10.0, ""
    order = [n for n in _LATIN_CANDIDATES if n not in ("cp1252", preferred)]
    if preferred in _LATIN_CANDIDATES and preferred != "cp1252":
        order.insert(0, preferred)
    if "cp1252" in _LATIN_CANDIDATES:
        order.insert(0, "cp1252")
    for name in order:
        text = _decode_as(sample, name)
        if text is None:
            continue
        score = _latin_score(text)
        if score > best_score + 1e-9:
            best_name, best_score, best_text = name, score, text
    if best_name != "cp1252" and best_text == _cp1252_lenient(sample):
        return "cp1252"  # the same text either way: call it by its common name
    return best_name


def _mixed_script_words(text: str) -> float:
    """Share of words with non-ASCII letters that also hold ASCII letters of another script
    ("Cafй": Latin read as Cyrillic). Latin words with accents do not count as mixed."""
    mixed = checked = 0
    for word in _LETTER_RE.findall(text[:65536]):
        if word.isascii():
            continue
        checked += 1
        foreign = [ch for ch in word if not ch.isascii() and not unicodedata.name(ch, "").startswith("LATIN")]
        if foreign and any(ch.isascii() for ch in word):
            mixed += 1
    return mixed / checked if checked else 0.0


def _detected_encoding(data: bytes) -> str | None:
    """A legacy encoding for bytes that are not UTF-8, from charset-normalizer's candidates.

    Only encodings real documents use are accepted. Latin-script guesses are settled by
    `_latin_choice` (detectors often call English or French text cp1250); a guess that reads
    the bytes exactly as cp1252 does gives cp1252; a non-Latin guess that makes words of
    mixed scripts is rejected.
    """
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a declared dependency
        return _latin_choice(data, None)
    try:
        matches = list(from_bytes(data[:262144] if len(data) > 262144 else data))
    except Exception:  # noqa: BLE001 - the detector must never break reading
        matches = []
    sample = data[:65536]
    as_cp1252 = _cp1252_lenient(sample)
    latin_hint: str | None = None
    for match in matches:
        name = _codec_name(match.encoding)
        if name is None or name not in _PLAUSIBLE | _WESTERN:
            continue
        if name in _LATIN_FAMILY:
            latin_hint = latin_hint or ("cp1252" if name in _WESTERN else name)
            continue
        decoded = _decode_as(sample, name)
        if decoded is None or _decode_as(data, name) is None:
            continue
        if decoded == as_cp1252:
            return "cp1252"
        if _mixed_script_words(decoded) > 0.3:
            continue
        if latin_hint is None:
            return name
        break
    return _latin_choice(data, latin_hint)


def _mostly_utf8(data: bytes) -> bool:
    """True when bytes that fail strict UTF-8 still hold more valid multi-byte characters
    than invalid bytes (a UTF-8 file with a few stray legacy bytes)."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = len(text) - len(text.encode("ascii", "ignore")) - bad
    return good > 0 and good >= bad


def decode_raw(data: bytes) -> tuple[str, str]:
    """Bytes to text without any clean-up; returns (text, codec name)."""
    bom = bom_encoding(data)
    if bom is not None:
        return data.decode(bom, errors="replace"), bom
    if b"\x00" in data[:8192]:  # NUL bytes are valid UTF-8: look for BOM-less UTF-16 first
        utf16 = sniff_utf16(data)
        if utf16 is not None:
            return data[: len(data) - len(data) % 2].decode(utf16, errors="replace"), utf16
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(data):
        return data.decode("utf-8", errors="_utf8_cp1252"), "utf-8"
    for name in (_declared_encoding(data), _detected_encoding(data)):
        if name:
            text = _decode_as(data, name)
            if text is not None:
                return text, name
    return _cp1252_lenient(data), "cp1252"


def clean_text(text: str) -> str:
    """Normalise decoded text: "\\n" newlines, no control characters but \\t/\\n, NFC."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _CONTROL_RE.search(text):
        text = _CONTROL_RE.sub(_replace_control, text)
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode a file's bytes; returns (clean text, codec name such as "utf-8" or "cp1252").

    Order: byte-order mark; strict UTF-8; BOM-less UTF-16; UTF-8 with a few stray legacy
    bytes; an HTML/XML declared charset; charset-normalizer; cp1252. Never raises.
    """
    text, name = decode_raw(data)
    return clean_text(text), name
