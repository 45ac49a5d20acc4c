"""Sidecar metadata of a source folder: each document's row, and the statement ids rows give.

`Sidecars.load(root)` reads every `metadata.jsonl` / `metadata.csv` below a source folder
(see `sidecar_rows` for reading and checking one file); `row_for(path)` gives the row of
one document, the nearest sidecar winning; `doc_id_for(path)` the statement id its row
gives. Every problem lands in `warnings`: besides those of the files themselves, a row
that matches no document file, and an `id` that two rows give or that another document
already has (both fall back to the path).
"""

from __future__ import annotations

import os
import posixpath
import re
from pathlib import Path

from indexer.read.files import SIDECAR_NAMES, SourceListing, inside_folder, list_source
from indexer.read.sidecar_rows import (
    FILE_KEYS,
    ID_KEYS,
    SidecarRows,
    first_value,
    merge_rows,
    norm_rel,
    read_csv,
    read_jsonl,
    strip_ext,
)

_BAD_ID_RE = re.compile(r"[\x00-\x1f\x7f?#]")


def path_id(rel: str) -> str:
    """A document's id from its path under the source folder: the path without extension."""
    base, _ = posixpath.splitext(rel)
    return base


def _clean_id(value: str) -> str:
    """A sidecar `id` usable as a statement id (in a URL path), or "" when it is not."""
    value = value.strip()
    if not value or len(value) > 200 or _BAD_ID_RE.search(value) or norm_rel(value) != value:
        return ""
    return value


class _FolderSidecar:
    """The merged rows of the sidecar(s) of one folder, indexed for O(1) lookup."""

    def __init__(self, rows: list[dict]):
        self.rows = rows
        self.exact: dict[str, dict] = {}  # relative path, with and without extension
        stems: dict[str, list[dict]] = {}
        for row in rows:
            file_value = norm_rel(first_value(row, FILE_KEYS))
            id_value = norm_rel(first_value(row, ID_KEYS))
            if file_value:
                self.exact.setdefault(file_value, row)
                self.exact.setdefault(strip_ext(file_value), row)
                if "/" not in file_value:  # a bare file name: may sit in any subfolder
                    stems.setdefault(strip_ext(file_value), []).append(row)
            if id_value:
                self.exact.setdefault("id:" + id_value, row)
                if not file_value or "/" not in file_value:
                    stems.setdefault(posixpath.basename(id_value), []).append(row)
        # A stem that names two different rows is ambiguous: never guess between them.
        self.by_stem = {stem: found[0] for stem, found in stems.items() if all(r is found[0] for r in found)}

    def lookup(self, rel: str) -> dict | None:
        """The row for a document at `rel` (relative to this sidecar's folder), or None."""
        no_ext = strip_ext(rel)
        row = self.exact.get(rel) or self.exact.get(no_ext) or self.exact.get("id:" + no_ext)
        if row is None:
            row = self.by_stem.get(posixpath.basename(no_ext))
        return row


class Sidecars:
    """Sidecar metadata rows of a source root, looked up by document path.

    `Sidecars.load(root)` reads every `metadata.jsonl` / `metadata.csv` below `root`; when a
    folder has both, the rows are merged by key and the jsonl values win. Problems are
    collected in `warnings` (see the module docstring) instead of raised.
    """

    def __init__(self, root: Path, folders: dict[str, _FolderSidecar] | None = None,
                 warnings: list[str] | None = None):
        self.root = Path(root)
        self._abs_root = os.path.abspath(self.root)
        self.folders: dict[str, _FolderSidecar] = folders or {}  # "" is the root folder
        self.warnings: list[str] = warnings or []
        self.ids: dict[str, str] = {}  # document path under root -> the id its row gives

    @classmethod
    def load(cls, root: Path, listing: SourceListing | None = None) -> "Sidecars":
        """Read all sidecars below `root` (a missing root gives an empty Sidecars);
        `listing`: the folder's walk when the caller has it."""
        root = Path(root)
        warnings: list[str] = []
        folders: dict[str, _FolderSidecar] = {}
        origins: dict[int, str] = {}
        if not root.is_dir():
            return cls(root, folders, warnings)
        if listing is None:
            listing = list_source(root)  # one walk finds both
        documents, sidecar_folders = listing.documents, listing.sidecar_folders
        for rel_folder in sidecar_folders:
            folder = root / rel_folder if rel_folder else root
            jsonl, csv = (folder / name for name in SIDECAR_NAMES)
            merged = merge_rows(read_jsonl(jsonl, root) if jsonl.exists() or jsonl.is_symlink() else SidecarRows(),
                                read_csv(csv, root) if csv.exists() or csv.is_symlink() else SidecarRows())
            warnings.extend(merged.problems)
            origins.update(merged.origins)
            if merged.rows:
                folders[rel_folder] = _FolderSidecar(merged.rows)
        sidecars = cls(root, folders, warnings)
        if folders:
            sidecars._match_files(documents, origins)
        return sidecars

    def _match_files(self, documents: list[tuple[str, Path]], origins: dict[int, str]) -> None:
        """Match the rows to the document files: report the rows that match none, and give
        each document the id its row names where that id is usable and unique."""
        used: set[int] = set()
        wanted: dict[str, tuple[str, str]] = {}  # rel path -> (sidecar id, origin of the row)
        paths: list[str] = []
        for rel, path in documents:
            if os.path.islink(path) and not inside_folder(path, self.root):
                continue  # a link leading out: never read, reported by read_source
            paths.append(rel)
            folder, row = self._row_in_folder(rel)
            if row is None:
                continue
            used.add(id(row))
            raw = first_value(row, ID_KEYS)
            if not raw:
                continue
            doc_id = _clean_id(raw)
            if doc_id and folder:
                doc_id = f"{folder}/{doc_id}"  # an id, like a file, is relative to its sidecar
            if not doc_id:
                self.warnings.append(f"{origins.get(id(row), rel)}: id {raw!r} cannot be a statement id; "
                                     f"the id is the path {path_id(rel)!r}")
            elif doc_id != path_id(rel):
                wanted[rel] = (doc_id, origins.get(id(row), rel))
        for folder in self.folders.values():
            for row in folder.rows:
                if id(row) not in used:
                    name = first_value(row, FILE_KEYS) or first_value(row, ID_KEYS)
                    self.warnings.append(f"{origins.get(id(row), 'a sidecar row')}: names no document file "
                                         f"in the source folder ({name!r})")
        self.ids = _unique_ids(paths, wanted, self.warnings)

    def __len__(self) -> int:
        return sum(len(f.rows) for f in self.folders.values())

    def _relative(self, path: Path) -> str | None:
        candidates = [os.path.abspath(path)]
        if not Path(path).is_absolute():
            candidates.append(os.path.abspath(os.path.join(self._abs_root, path)))
        for candidate in candidates:
            rel = os.path.relpath(candidate, self._abs_root)
            if rel != ".." and not rel.startswith(".." + os.sep):
                return rel.replace(os.sep, "/")
        return None

    def _row(self, rel: str) -> dict | None:
        """The row of the document at `rel` (under root): the nearest sidecar folder wins."""
        return self._row_in_folder(rel)[1]

    def _row_in_folder(self, rel: str) -> tuple[str, dict | None]:
        """(the folder of the sidecar that holds it, the row) of the document at `rel`."""
        parts = rel.split("/")
        for depth in range(len(parts) - 1, -1, -1):
            folder = "/".join(parts[:depth])
            sidecar = self.folders.get(folder)
            if sidecar is None:
                continue
            row = sidecar.lookup("/".join(parts[depth:]))
            if row is not None:
                return folder, row
        return "", None

    def row_for(self, path: Path) -> dict:
        """The sidecar row of the document at `path` (a copy), or {} when there is none.

        The nearest sidecar folder wins: a row in `docs/metadata.jsonl` overrides one for the
        same file in the root's `metadata.jsonl`.
        """
        if not self.folders:
            return {}
        rel = self._relative(Path(path))
        row = self._row(rel) if rel is not None else None
        return dict(row) if row is not None else {}

    def doc_id_for(self, path: Path) -> str | None:
        """The statement id the sidecar row of the document at `path` gives, or None (the id
        is then the path without extension)."""
        if not self.ids:
            return None
        rel = self._relative(Path(path))
        return self.ids.get(rel) if rel is not None else None


def _unique_ids(paths: list[str], wanted: dict[str, tuple[str, str]], warnings: list[str]) -> dict[str, str]:
    """The sidecar ids that can be used: an id that two rows give, or that is another
    document's id, is reported and the documents keep their path ids."""
    while True:
        kept_ids = {path_id(rel) for rel in paths if rel not in wanted}
        taken: dict[str, list[str]] = {}
        for rel, (doc_id, _) in wanted.items():
            taken.setdefault(doc_id, []).append(rel)
        clashes = [rel for rel, (doc_id, _) in wanted.items() if len(taken[doc_id]) > 1 or doc_id in kept_ids]
        if not clashes:
            return {rel: doc_id for rel, (doc_id, _) in wanted.items()}
        for rel in clashes:
            doc_id, origin = wanted.pop(rel)
            if len(taken[doc_id]) > 1:
                why = "another row gives the same id"
            else:
                why = "another document already has that id"
            warnings.append(f"{origin}: id {doc_id!r} not used ({why}); the id is the path {path_id(rel)!r}")
