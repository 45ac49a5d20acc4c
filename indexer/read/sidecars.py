"""Sidecar metadata: the `metadata.jsonl` / `metadata.csv` rows of a source folder.

`Sidecars.load(root)` reads every sidecar below a source folder (decoded like the
sources); `row_for(path)` gives the row of one document, the nearest sidecar winning.
"""

from __future__ import annotations

import csv
import io
import json
import os
import posixpath
import re
from pathlib import Path

from indexer.read.decode import decode_bytes
from indexer.read.files import SIDECAR_NAMES, walk_folders

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
        for folder, _dirs, files in walk_folders(root):
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
