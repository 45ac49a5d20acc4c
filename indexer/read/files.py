"""Find the document files of a source folder.

`iter_source_files(root)` lists every `.txt`, `.md`, `.html` and `.htm` file below a
source folder in a stable order, leaving out hidden files, sidecars and a corpus's own
read-me and licence files.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

SUPPORTED_SUFFIXES = {".txt", ".html", ".htm", ".md"}
SIDECAR_NAMES = ("metadata.jsonl", "metadata.csv")


def _is_hidden(name: str) -> bool:
    return name.startswith(".")


@lru_cache(maxsize=4096)
def _real_folder(folder: str) -> str:
    return os.path.realpath(folder)


def inside_folder(path: Path | str, root: Path | str) -> bool:
    """True when `path`, with every link on the way resolved, lies inside folder `root`
    (itself resolved): the boundary that no link may cross."""
    real_root = _real_folder(os.path.abspath(root))
    path = os.path.abspath(path)
    if os.path.islink(path):
        real = os.path.realpath(path)
    else:  # the folders on the way resolve once each; the file itself is no link
        real = os.path.join(_real_folder(os.path.dirname(path)), os.path.basename(path))
    return real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep)


def walk_folders(root: Path, outside: list[Path] | None = None):
    """os.walk over `root` in sorted order, skipping hidden folders and following folder
    links once each (a link back to a parent is not followed again). A folder link that
    leads outside `root` is never followed; it is appended to `outside` when given."""
    seen: set[str] = set()
    real_root = os.path.realpath(root)
    for folder, dirs, files in os.walk(root, followlinks=True):
        real = os.path.realpath(folder)
        if real in seen:
            dirs[:] = []
            continue
        seen.add(real)
        kept = []
        for name in sorted(dirs):
            if _is_hidden(name):
                continue
            path = os.path.join(folder, name)
            if os.path.islink(path) and not inside_folder(path, real_root):
                if outside is not None:
                    outside.append(Path(path))
                continue
            kept.append(name)
        dirs[:] = kept
        yield folder, dirs, files


_README_RE = re.compile(r"^(?:[a-z]+_)?(?:readme|licen[cs]e|changelog|copying)(?:\.[a-z]+)?$", re.I)


def _is_readme(name: str) -> bool:
    """A corpus's own read-me or licence file ("README.md", "SOURCE_README.txt"), not a statement."""
    return bool(_README_RE.match(name))


def iter_source_files(root: Path) -> list[Path]:
    """Every supported document file below `root` (recursively), sorted by relative path.

    Hidden files and folders (".git", ".DS_Store"), sidecar metadata files and a corpus's
    read-me and licence files ("README.md", "SOURCE_README.txt", "LICENSE") are skipped.
    A link that leads outside `root` (to a file or a folder) is listed but never followed:
    `read_source` refuses it, so that it is reported as skipped with the reason.
    A `root` that is itself a supported file gives a one-element list.
    """
    root = Path(root)
    if root.is_file():
        return [root] if root.suffix.lower() in SUPPORTED_SUFFIXES else []
    return [path for _, path in source_files(root)]


def source_files(root: Path, sidecar_folders: list[str] | None = None,
                 sidecar_paths: list[Path] | None = None) -> list[tuple[str, Path]]:
    """(path relative to `root` with "/" separators, path) of every file `iter_source_files`
    lists below folder `root`, in the same order. The same walk appends to `sidecar_folders`
    (when given) the folders, relative to `root` ("" for root itself), that hold a sidecar,
    and to `sidecar_paths` the path of each sidecar file (folder by folder, in the order of
    SIDECAR_NAMES)."""
    root = Path(root)
    outside: list[Path] = []
    found: list[tuple[str, Path]] = []
    base = str(root).rstrip(os.sep) + os.sep
    for folder, _dirs, files in walk_folders(root, outside):
        rel_folder = "" if folder == str(root) else folder[len(base):].replace(os.sep, "/") + "/"
        held = [name for name in SIDECAR_NAMES if name in files]
        if held and sidecar_folders is not None:
            sidecar_folders.append(rel_folder.rstrip("/"))
        if sidecar_paths is not None:
            sidecar_paths.extend(Path(folder, name) for name in held)
        for name in files:
            if _is_hidden(name) or name in SIDECAR_NAMES or _is_readme(name):
                continue
            if os.path.splitext(name)[1].lower() not in SUPPORTED_SUFFIXES:
                continue
            found.append((rel_folder + name, Path(folder, name)))
    found.extend((path.relative_to(root).as_posix(), path) for path in outside)
    found.sort(key=lambda item: item[0])
    return found


@dataclass
class SourceListing:
    """What one walk of a source folder finds: its document files (`documents`: relative
    path and path, as `source_files` gives them; `files`: the paths alone), the folders
    holding a sidecar and the sidecar files themselves. A build or update walks the folder
    once and hands this to every step that needs it."""

    root: Path
    documents: list[tuple[str, Path]] = field(default_factory=list)
    sidecar_folders: list[str] = field(default_factory=list)
    sidecar_paths: list[Path] = field(default_factory=list)

    @property
    def files(self) -> list[Path]:
        return [path for _, path in self.documents]


def list_source(root: Path) -> SourceListing:
    """Walk the source folder `root` once (see `source_files`)."""
    listing = SourceListing(Path(root))
    listing.documents = source_files(listing.root, listing.sidecar_folders, listing.sidecar_paths)
    return listing
