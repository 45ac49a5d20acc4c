"""Find the document files of a source folder.

`iter_source_files(root)` lists every `.txt`, `.md`, `.html` and `.htm` file below a
source folder in a stable order, leaving out hidden files, sidecars and a corpus's own
read-me and licence files.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

SUPPORTED_SUFFIXES = {".txt", ".html", ".htm", ".md"}
SIDECAR_NAMES = ("metadata.jsonl", "metadata.csv")


def _is_hidden(name: str) -> bool:
    return name.startswith(".")


def walk_folders(root: Path):
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
    for folder, _dirs, files in walk_folders(root):
        for name in files:
            if _is_hidden(name) or name in SIDECAR_NAMES or _is_readme(name):
                continue
            if os.path.splitext(name)[1].lower() not in SUPPORTED_SUFFIXES:
                continue
            path = Path(folder, name)
            found.append((path.relative_to(root).as_posix(), path))
    found.sort(key=lambda item: item[0])
    return [path for _, path in found]
