"""Read source files into `SourceDoc`s: find the files, decode their bytes, split them into blocks.

A source root is a folder of documents (`.txt`, `.md`, `.html`, `.htm`, in any subfolder) with
optional sidecar metadata (`metadata.jsonl` / `metadata.csv`) beside them. Nothing here
interprets the text: titles, dates and signatories are found later by `extract/`.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import os
import posixpath
import re
import unicodedata
from pathlib import Path

from indexer.read.html_text import looks_like_html, parse_html
from indexer.model import Block, SourceDoc

SUPPORTED_SUFFIXES = {".txt", ".html", ".htm", ".md"}
SIDECAR_NAMES = ("metadata.jsonl", "metadata.csv")

_FORMATS = {".txt": "txt", ".md": "md", ".html": "html", ".htm": "html"}


class SourceError(Exception):
    """A file that cannot be turned into a document; `reason` is a short human sentence."""

    def __init__(self, path: Path | str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = Path(path)
        self.reason = reason


# --------------------------------------------------------------------------- finding files


def _is_hidden(name: str) -> bool:
    return name.startswith(".")


def _walk(root: Path):
    """os.walk over `root` in sorted order, skipping hidden folders and following folder
    symlinks once each (a link back to a parent is not followed again)."""
    seen: set[str] = set()
    for folder, dirs, files in os.walk(root, followlinks=True):
        real = os.path.realpath(folder)
        if real in seen:
            dirs[:] = []
            continue
        seen.add(real)
        dirs[:] = sorted(d for d in dirs if not _is_hidden(d))
        yield folder, dirs, files


_README_RE = re.compile(r"^(?:[a-z]+_)?(?:readme|licen[cs]e|changelog|copying)(?:\.[a-z]+)?$", re.I)


def _is_readme(name: str) -> bool:
    """A corpus's own read-me or licence file ("README.md", "SOURCE_README.txt"), not a statement."""
    return bool(_README_RE.match(name))


def iter_source_files(root: Path) -> list[Path]:
    """Every supported document file below `root` (recursively), sorted by relative path.

    Hidden files and folders (".git", ".DS_Store"), sidecar metadata files and a corpus's
    read-me and licence files ("README.md", "SOURCE_README.txt", "LICENSE") are skipped.
    A `root` that is itself a supported file gives a one-element list.
    """
    root = Path(root)
    if root.is_file():
        return [root] if root.suffix.lower() in SUPPORTED_SUFFIXES else []
    found: list[tuple[str, Path]] = []
    for folder, _dirs, files in _walk(root):
        for name in files:
            if _is_hidden(name) or name in SIDECAR_NAMES or _is_readme(name):
                continue
            if os.path.splitext(name)[1].lower() not in SUPPORTED_SUFFIXES:
                continue
            path = Path(folder, name)
            found.append((path.relative_to(root).as_posix(), path))
    found.sort(key=lambda item: item[0])
    return [path for _, path in found]


# --------------------------------------------------------------------------- sidecars

_FILE_KEYS = ("file", "path", "filename")
_ID_KEYS = ("id", "doc_id")
_YEAR_RE = re.compile(r"^\s*-?\d{1,4}\s*$")


def _norm_rel(value: str) -> str:
    """A sidecar path value as a clean "/"-separated relative path ("" when unusable)."""
    value = value.strip().replace("\\", "/")
    if not value:
        return ""
    value = posixpath.normpath(value)
    if value in (".", "") or value.startswith("../") or value == ".." or value.startswith("/"):
        return ""
    return value


def _strip_ext(rel: str) -> str:
    base, ext = posixpath.splitext(rel)
    return base if ext else rel


def _first_value(row: dict, keys: tuple[str, ...]) -> str:
    """The first non-empty value among `keys` (matched without regard to case)."""
    for key in keys:
        value = row.get(key)
        if value is None:
            value = next((v for k, v in row.items() if isinstance(k, str) and k.lower() == key), None)
        if isinstance(value, (str, int)) and not isinstance(value, bool) and str(value).strip():
            return str(value).strip()
    return ""


def _row_key(row: dict) -> str | None:
    """The key that identifies a row across the jsonl and csv of one folder."""
    file_value = _norm_rel(_first_value(row, _FILE_KEYS))
    if file_value:
        return "file:" + _strip_ext(file_value)
    id_value = _first_value(row, _ID_KEYS).strip()
    return "id:" + id_value if id_value else None


class _FolderSidecar:
    """The merged rows of the sidecar(s) of one folder, indexed for O(1) lookup."""

    def __init__(self, rows: list[dict]):
        self.exact: dict[str, dict] = {}  # relative path, with and without extension
        stems: dict[str, list[dict]] = {}
        for row in rows:
            file_value = _norm_rel(_first_value(row, _FILE_KEYS))
            id_value = _norm_rel(_first_value(row, _ID_KEYS))
            if file_value:
                self.exact.setdefault(file_value, row)
                self.exact.setdefault(_strip_ext(file_value), row)
                if "/" not in file_value:  # a bare file name: may sit in any subfolder
                    stems.setdefault(_strip_ext(file_value), []).append(row)
            if id_value:
                self.exact.setdefault("id:" + id_value, row)
                if not file_value or "/" not in file_value:
                    stems.setdefault(posixpath.basename(id_value), []).append(row)
        # A stem that names two different rows is ambiguous: never guess between them.
        self.by_stem = {stem: found[0] for stem, found in stems.items() if all(r is found[0] for r in found)}

    def lookup(self, rel: str) -> dict | None:
        """The row for a document at `rel` (relative to this sidecar's folder), or None."""
        no_ext = _strip_ext(rel)
        row = self.exact.get(rel) or self.exact.get(no_ext) or self.exact.get("id:" + no_ext)
        if row is None:
            row = self.by_stem.get(posixpath.basename(no_ext))
        return row


class Sidecars:
    """Sidecar metadata rows of a source root, looked up by document path.

    `Sidecars.load(root)` reads every `metadata.jsonl` / `metadata.csv` below `root`; when a
    folder has both, the rows are merged by key and the jsonl values win. Problems (invalid
    JSON lines, unreadable files) are collected in `warnings` instead of raised.
    """

    def __init__(self, root: Path, folders: dict[str, _FolderSidecar] | None = None,
                 warnings: list[str] | None = None):
        self.root = Path(root)
        self._abs_root = os.path.abspath(self.root)
        self.folders: dict[str, _FolderSidecar] = folders or {}  # "" is the root folder
        self.warnings: list[str] = warnings or []

    @classmethod
    def load(cls, root: Path) -> "Sidecars":
        """Read all sidecars below `root` (a missing root gives an empty Sidecars)."""
        root = Path(root)
        warnings: list[str] = []
        folders: dict[str, _FolderSidecar] = {}
        if not root.is_dir():
            return cls(root, folders, warnings)
        for folder, _dirs, files in _walk(root):
            present = [name for name in SIDECAR_NAMES if name in files]
            if not present:
                continue
            rel_folder = Path(folder).relative_to(root).as_posix()
            rel_folder = "" if rel_folder == "." else rel_folder
            rows = _merge_rows(
                _read_jsonl(Path(folder, "metadata.jsonl"), warnings) if "metadata.jsonl" in present else [],
                _read_csv(Path(folder, "metadata.csv"), warnings) if "metadata.csv" in present else [],
            )
            if rows:
                folders[rel_folder] = _FolderSidecar(rows)
        return cls(root, folders, warnings)

    def __len__(self) -> int:
        return sum(len({id(r) for r in f.exact.values()}) for f in self.folders.values())

    def _relative(self, path: Path) -> str | None:
        candidates = [os.path.abspath(path)]
        if not Path(path).is_absolute():
            candidates.append(os.path.abspath(os.path.join(self._abs_root, path)))
        for candidate in candidates:
            rel = os.path.relpath(candidate, self._abs_root)
            if rel != ".." and not rel.startswith(".." + os.sep):
                return rel.replace(os.sep, "/")
        return None

    def row_for(self, path: Path) -> dict:
        """The sidecar row of the document at `path` (a copy), or {} when there is none.

        The nearest sidecar folder wins: a row in `docs/metadata.jsonl` overrides one for the
        same file in the root's `metadata.jsonl`.
        """
        if not self.folders:
            return {}
        rel = self._relative(Path(path))
        if rel is None:
            return {}
        parts = rel.split("/")
        for depth in range(len(parts) - 1, -1, -1):
            folder = "/".join(parts[:depth])
            sidecar = self.folders.get(folder)
            if sidecar is None:
                continue
            row = sidecar.lookup("/".join(parts[depth:]))
            if row is not None:
                return dict(row)
        return {}


def _read_sidecar_text(path: Path, warnings: list[str]) -> str | None:
    """A sidecar file's decoded text, or None (with a warning) when it cannot be read."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        warnings.append(f"{path}: cannot read ({exc.strerror or exc})")
        return None
    return decode_bytes(data)[0]


def _read_jsonl(path: Path, warnings: list[str]) -> list[dict]:
    text = _read_sidecar_text(path, warnings)
    if text is None:
        return []
    rows = []
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.strip()
        if not line:
            continue
        try:
            row = json.loads(line)
        except ValueError as exc:
            warnings.append(f"{path} line {number}: invalid JSON ({exc})")
            continue
        if not isinstance(row, dict):
            warnings.append(f"{path} line {number}: not a JSON object")
            continue
        rows.append(row)
    return rows


def _read_csv(path: Path, warnings: list[str]) -> list[dict]:
    text = _read_sidecar_text(path, warnings)
    if text is None:
        return []
    header = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t", "|"), key=header.count)
    if not header.count(delimiter):
        delimiter = ","
    rows = []
    try:
        reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
        for row in reader:
            if None in row:  # more cells than header columns
                warnings.append(f"{path} line {reader.line_num}: more cells than columns")
                row.pop(None)
            clean = {str(k).strip(): ("" if v is None else v) for k, v in row.items() if k}
            for key, value in clean.items():
                if key.lower() == "year" and isinstance(value, str) and _YEAR_RE.match(value):
                    clean[key] = int(value)
            if any(str(v).strip() for v in clean.values()):
                rows.append(clean)
    except csv.Error as exc:
        warnings.append(f"{path}: invalid CSV ({exc})")
    return rows


def _merge_rows(jsonl_rows: list[dict], csv_rows: list[dict]) -> list[dict]:
    """jsonl rows, completed by the csv row of the same key; csv-only rows appended."""
    if not csv_rows:
        return jsonl_rows
    if not jsonl_rows:
        return csv_rows
    by_key = {}
    for row in jsonl_rows:
        key = _row_key(row)
        if key is not None:
            by_key.setdefault(key, row)
    merged = list(jsonl_rows)
    for row in csv_rows:
        key = _row_key(row)
        target = by_key.get(key) if key is not None else None
        if target is None:
            merged.append(row)
            continue
        for field_name, value in row.items():
            if field_name not in target:
                target[field_name] = value
    return merged


# --------------------------------------------------------------------------- decoding

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


def _bom_encoding(data: bytes) -> str | None:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def _sniff_utf16(data: bytes) -> str | None:
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


def _decode_raw(data: bytes) -> tuple[str, str]:
    """Bytes to text without any clean-up; returns (text, codec name)."""
    bom = _bom_encoding(data)
    if bom is not None:
        return data.decode(bom, errors="replace"), bom
    if b"\x00" in data[:8192]:  # NUL bytes are valid UTF-8: look for BOM-less UTF-16 first
        utf16 = _sniff_utf16(data)
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
    text, name = _decode_raw(data)
    return clean_text(text), name


# --------------------------------------------------------------------------- binary files

_MAGIC = (
    b"%PDF-", b"\x89PNG", b"GIF87a", b"GIF89a", b"\xff\xd8\xff", b"PK\x03\x04", b"PK\x05\x06",
    b"\x1f\x8b\x08", b"\xfd7zXZ\x00", b"7z\xbc\xaf\x27\x1c", b"Rar!\x1a\x07", b"\xd0\xcf\x11\xe0",
    b"\x7fELF", b"II*\x00", b"MM\x00*", b"OggS", b"wOFF", b"wOF2", b"SQLite format 3\x00",
)
_BAD_CHAR_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f\x80-\x9f\ufffd\ue000-\uf8ff]")


def _looks_binary(data: bytes) -> bool:
    """Binary by signature, or more than 1 NUL per 1,000 bytes in the first 8 KB
    (NUL padding at the end of a text file is forgiven)."""
    if data.startswith(_MAGIC):
        return True
    if _bom_encoding(data) is not None:
        return False
    sample = data[:8192]
    if len(sample) < len(data):
        nuls = sample.count(0)
    else:
        nuls = sample.rstrip(b"\x00").count(0)
    if not nuls or nuls * 1000 <= len(sample):
        return False
    return _sniff_utf16(data) is None


def _mostly_non_text(text: str) -> bool:
    """More than 5 % control or undecodable characters in the first 16K characters
    (NUL padding at the end aside)."""
    sample = text[:16384].rstrip("\x00")
    if not sample:
        return False
    bad = len(_BAD_CHAR_RE.findall(sample))
    return bad * 20 > len(sample)  # more than 5 % control / undecodable characters


# --------------------------------------------------------------------------- text blocks


def text_blocks(text: str) -> list[Block]:
    """One "line" block per physical line (trailing whitespace removed, indentation kept)."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # the newline that ends the file
    return [Block(line.rstrip(), "line") for line in lines]


_MD_HEADING_RE = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$")
_MD_ITEM_RE = re.compile(r"^[ \t]*[-*+][ \t]+(.*)$")
_MD_RULE_RE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_MD_SETEXT_RE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_MD_FENCE_RE = re.compile(r"^ {0,3}(```|~~~)")
_MD_QUOTE_RE = re.compile(r"^ {0,3}>[ \t]?")
_MD_IMAGE_RE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_MD_LINK_RE = re.compile(r"\[([^\]]+)\]\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)")
_MD_REFLINK_RE = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_MD_STRONG_RE = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_EM_RE = re.compile(r"(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])|(?<![\w_])_(?=\S)([^_]+?)(?<=\S)_(?![\w_])")
_MD_CODE_RE = re.compile(r"`([^`]+)`")
_MD_ESCAPE_RE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>])")
_MD_LINKDEF_RE = re.compile(r"^ {0,3}\[[^\]]+\]:\s+\S+")
_FRONT_MATTER_RE = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*)$")


def _md_inline(text: str) -> str:
    """Markdown inline markup removed: links and images keep their text, emphasis its words."""
    if not any(ch in text for ch in "[*_`\\"):
        return text
    text = _MD_IMAGE_RE.sub(r"\1", text)
    text = _MD_LINK_RE.sub(r"\1", text)
    text = _MD_REFLINK_RE.sub(r"\1", text)
    text = _MD_CODE_RE.sub(r"\1", text)
    text = _MD_STRONG_RE.sub(r"\2", text)
    text = _MD_EM_RE.sub(lambda m: m.group(1) or m.group(2), text)
    return _MD_ESCAPE_RE.sub(r"\1", text)


def _front_matter(lines: list[str]) -> tuple[dict[str, str], int]:
    """YAML-style front matter ("---" ... "---" at the top): simple key: value pairs and the
    number of lines it takes (0 when there is none)."""
    if not lines or lines[0].strip() != "---":
        return {}, 0
    for end in range(1, min(len(lines), 200)):
        if lines[end].strip() in ("---", "..."):
            values = {}
            for line in lines[1:end]:
                match = _FRONT_MATTER_RE.match(line)
                if match and match.group(2).strip():
                    values[match.group(1).lower()] = match.group(2).strip().strip("\"'")
            return values, end + 1
    return {}, 0


def markdown_blocks(text: str) -> tuple[list[Block], dict[str, str]]:
    """Markdown to blocks: "#" headings (and underlined ones) -> "heading", "-"/"*"/"+" bullets
    -> "item", thematic breaks -> "break", every other line -> "line" (blank lines kept).

    Returns (blocks, front matter values such as {"title": ..., "date": ...}).
    """
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    front, skip = _front_matter(lines)
    blocks: list[Block] = []
    in_fence = False
    for raw in lines[skip:]:
        line = raw.rstrip()
        if _MD_FENCE_RE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            blocks.append(Block(line, "line"))
            continue
        setext = _MD_SETEXT_RE.match(line)
        if setext and blocks and blocks[-1].kind == "line" and blocks[-1].text.strip():
            if setext.group(1)[0] == "=" or len(setext.group(1)) >= 2:
                blocks[-1] = Block(blocks[-1].text.strip(), "heading")
                continue
        if _MD_RULE_RE.match(line):
            blocks.append(Block("", "break"))
            continue
        if _MD_LINKDEF_RE.match(line):
            continue
        quote = _MD_QUOTE_RE.match(line)
        if quote:
            line = line[quote.end():]
        heading = _MD_HEADING_RE.match(line)
        if heading:
            title = re.sub(r"[ \t]+#+$", "", heading.group(2) or "").strip()
            blocks.append(Block(_md_inline(title), "heading") if title else Block("", "line"))
            continue
        item = _MD_ITEM_RE.match(line)
        if item and not _MD_RULE_RE.match(line):
            blocks.append(Block(_md_inline(item.group(1).strip()), "item"))
            continue
        blocks.append(Block(_md_inline(line), "line"))
    return blocks, front


# --------------------------------------------------------------------------- reading


def _doc_paths(path: Path, root: Path) -> tuple[str, str]:
    """(doc_id, source_file) of `path` under `root`."""
    try:
        rel = Path(os.path.abspath(path)).relative_to(os.path.abspath(root))
    except ValueError as exc:
        raise SourceError(path, f"not inside the source folder {root}") from exc
    source_file = rel.as_posix()
    if source_file == ".":
        source_file = Path(path).name
    base, _ = posixpath.splitext(source_file)
    return base, source_file


def read_source(path: Path, root: Path, sidecars: Sidecars | None = None) -> SourceDoc:
    """Read one document file into a `SourceDoc`.

    Raises SourceError (with a short `reason`) for an unsupported, unreadable, empty or binary
    file, or HTML that holds no text once the markup is gone.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    fmt = _FORMATS.get(suffix)
    if fmt is None:
        raise SourceError(path, f"unsupported file type {suffix or '(none)'}")
    doc_id, source_file = _doc_paths(path, Path(root))
    try:
        data = path.read_bytes()
    except PermissionError as exc:
        raise SourceError(path, "cannot read file (permission denied)") from exc
    except IsADirectoryError as exc:
        raise SourceError(path, "is a folder, not a file") from exc
    except OSError as exc:
        raise SourceError(path, f"cannot read file ({exc.strerror or exc})") from exc
    if not data.strip():
        raise SourceError(path, "empty file")
    if _looks_binary(data):
        raise SourceError(path, "binary file")
    raw, encoding = _decode_raw(data)
    if _mostly_non_text(raw):
        raise SourceError(path, "binary file")
    text = clean_text(raw)
    if not text.strip():
        raise SourceError(path, "empty file")

    html_title: str | None = None
    html_meta: dict[str, str] = {}
    if fmt == "txt" and looks_like_html(text):
        fmt = "html"  # a saved web page with a .txt name
    elif fmt == "html" and not looks_like_html(text, loose=True):
        fmt = "txt"  # a plain text file with an .html name: keep its lines
    if fmt == "html":
        content = parse_html(text)
        blocks, html_title, html_meta = content.blocks, content.title, content.meta
        if not any(block.text.strip() for block in blocks):
            raise SourceError(path, "no text after removing markup")
    elif fmt == "md":
        blocks, front = markdown_blocks(text)
        html_title = front.get("title") or None
        for key in ("date", "author"):
            if front.get(key):
                html_meta[key] = front[key]
    else:
        blocks = text_blocks(text)

    return SourceDoc(
        doc_id=doc_id,
        source_file=source_file,
        format=fmt,
        blocks=blocks,
        html_title=html_title,
        html_meta=html_meta,
        sidecar=sidecars.row_for(path) if sidecars is not None else {},
        content_hash=hashlib.sha1(data).hexdigest(),
        encoding=encoding,
    )
