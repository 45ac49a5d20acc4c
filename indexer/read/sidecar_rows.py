"""The rows of one sidecar file (`metadata.jsonl` or `metadata.csv`), read and checked.

A sidecar is decoded like the sources (any encoding; a binary file is refused). Every
problem is reported, never silent, as a sentence naming the file and line: an invalid
JSON line, a row that is not an object, more cells than columns, a `file` that is
absolute or climbs out of the sidecar's folder (the row is refused), a `year` that is no
year or a `date` with no digit (the value is dropped). Reading never raises.
"""

from __future__ import annotations

import csv
import io
import json
import posixpath
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from indexer.read.binary import looks_binary, mostly_non_text
from indexer.read.decode import clean_text, decode_raw
from indexer.read.files import inside_folder

FILE_KEYS = ("file", "path", "filename")
ID_KEYS = ("id", "doc_id")
_YEAR_RE = re.compile(r"^\s*-?\d{1,4}\s*$")
_DIGIT_RE = re.compile(r"\d")


@dataclass
class SidecarRows:
    """What one sidecar file gives: its rows, where each row comes from, its problems."""

    rows: list[dict] = field(default_factory=list)
    origins: dict[int, str] = field(default_factory=dict)  # id(row) -> "path line N"
    problems: list[str] = field(default_factory=list)

    def add(self, row: dict, origin: str) -> None:
        self.rows.append(row)
        self.origins[id(row)] = origin

    def add_checked(self, row: dict, origin: str) -> None:
        """Add `row` unless `check_row` refuses it; keep the problems found in it."""
        keep, problems = check_row(row, origin)
        self.problems.extend(problems)
        if keep:
            self.add(row, origin)


@lru_cache(maxsize=1 << 16)
def norm_rel(value: str) -> str:
    """A sidecar path value as a clean "/"-separated relative path ("" when unusable)."""
    value = value.strip().replace("\\", "/")
    if not value:
        return ""
    value = posixpath.normpath(value)
    if value in (".", "") or value.startswith("../") or value == ".." or value.startswith("/"):
        return ""
    return value


def strip_ext(rel: str) -> str:
    base, ext = posixpath.splitext(rel)
    return base if ext else rel


def first_value(row: dict, keys: tuple[str, ...]) -> str:
    """The first non-empty value among `keys` (matched without regard to case)."""
    for key in keys:
        value = row.get(key)
        if value is None:
            value = next((v for k, v in row.items() if isinstance(k, str) and k.lower() == key), None)
        if isinstance(value, (str, int)) and not isinstance(value, bool) and str(value).strip():
            return str(value).strip()
    return ""


def _is_year(value: object) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return -9999 <= value <= 9999
    return isinstance(value, str) and bool(_YEAR_RE.match(value))


def check_row(row: dict, origin: str) -> tuple[bool, list[str]]:
    """(keep the row?, problems): a `file` outside the sidecar's folder refuses the row;
    an invalid `year` or `date` is reported (the analysis ignores it)."""
    problems: list[str] = []
    raw_file = first_value(row, FILE_KEYS)
    if raw_file and not norm_rel(raw_file):
        problems.append(f"{origin}: file {raw_file!r} is outside the sidecar's folder; row refused")
        return False, problems
    year = row.get("year")  # the names the analysis reads
    if year not in (None, "") and not _is_year(year):
        problems.append(f"{origin}: year {_short(year)} is not a year; ignored")
    date = row.get("date")
    if date not in (None, "") and not (
            isinstance(date, (str, int)) and not isinstance(date, bool) and _DIGIT_RE.search(str(date))):
        problems.append(f"{origin}: date {_short(date)} is not a date; ignored")
    return True, problems


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _sidecar_text(path: Path, root: Path, out: SidecarRows) -> str | None:
    """A sidecar file's text decoded like a source file's, or None (with a problem)."""
    if not inside_folder(path, root):
        out.problems.append(f"{path}: a link that leads outside the source folder; not read")
        return None
    try:
        data = path.read_bytes()
    except OSError as exc:
        out.problems.append(f"{path}: cannot read ({exc.strerror or exc})")
        return None
    if looks_binary(data):
        out.problems.append(f"{path}: binary file, not a sidecar; not read")
        return None
    raw, encoding = decode_raw(data)
    if mostly_non_text(raw):
        out.problems.append(f"{path}: undecodable bytes ({encoding}), not a sidecar; not read")
        return None
    text = clean_text(raw)
    if "\ufffd" in text:
        out.problems.append(f"{path}: undecodable bytes replaced ({encoding})")
    return text


def read_jsonl(path: Path, root: Path) -> SidecarRows:
    """The rows of a `metadata.jsonl` file, one JSON object a line."""
    out = SidecarRows()
    text = _sidecar_text(path, root, out)
    if text is None:
        return out
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.strip()
        if not line:
            continue
        origin = f"{path} line {number}"
        try:
            row = json.loads(line)
        except (ValueError, RecursionError) as exc:
            out.problems.append(f"{origin}: invalid JSON ({str(exc)[:100]})")
            continue
        if not isinstance(row, dict):
            out.problems.append(f"{origin}: not a JSON object")
            continue
        out.add_checked(row, origin)
    return out


def read_csv(path: Path, root: Path) -> SidecarRows:
    """The rows of a `metadata.csv` file (delimiter `,` `;` tab or `|`, read from its header)."""
    out = SidecarRows()
    text = _sidecar_text(path, root, out)
    if text is None:
        return out
    header = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t", "|"), key=header.count)
    if not header.count(delimiter):
        delimiter = ","
    try:
        reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
        for row in reader:
            origin = f"{path} line {reader.line_num}"
            if None in row:  # more cells than header columns
                out.problems.append(f"{origin}: more cells than columns")
                row.pop(None)
            clean = {str(k).strip(): ("" if v is None else v) for k, v in row.items() if k}
            for key, value in clean.items():
                if key.lower() == "year" and isinstance(value, str) and _YEAR_RE.match(value):
                    clean[key] = int(value)
            if not any(str(v).strip() for v in clean.values()):
                continue
            out.add_checked(clean, origin)
    except csv.Error as exc:
        out.problems.append(f"{path}: invalid CSV ({exc})")
    return out


def row_key(row: dict) -> str | None:
    """The key that identifies a row across the jsonl and csv of one folder."""
    file_value = norm_rel(first_value(row, FILE_KEYS))
    if file_value:
        return "file:" + strip_ext(file_value)
    id_value = first_value(row, ID_KEYS).strip()
    return "id:" + id_value if id_value else None


def merge_rows(jsonl: SidecarRows, csv_rows: SidecarRows) -> SidecarRows:
    """jsonl rows, completed by the csv row of the same key; csv-only rows appended."""
    if not csv_rows.rows:
        return SidecarRows(jsonl.rows, jsonl.origins, jsonl.problems + csv_rows.problems)
    if not jsonl.rows:
        return SidecarRows(csv_rows.rows, csv_rows.origins, jsonl.problems + csv_rows.problems)
    by_key = {}
    for row in jsonl.rows:
        key = row_key(row)
        if key is not None:
            by_key.setdefault(key, row)
    merged = SidecarRows(list(jsonl.rows), dict(jsonl.origins), jsonl.problems + csv_rows.problems)
    for row in csv_rows.rows:
        key = row_key(row)
        target = by_key.get(key) if key is not None else None
        if target is None:
            merged.add(row, csv_rows.origins[id(row)])
            continue
        for field_name, value in row.items():
            if field_name not in target:
                target[field_name] = value
    return merged
