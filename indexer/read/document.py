"""One source file -> a `SourceDoc`: its bytes read, decoded and split into blocks.

`read_source(path, root, sidecars)` raises `SourceError` (with a short human `reason`) for a
file that cannot be a document. Nothing here interprets the text: titles, dates and
signatories are found later by `extract/`.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from indexer.model import Block, SourceDoc
from indexer.read.binary import looks_binary, mostly_non_text
from indexer.read.decode import clean_text, decode_raw
from indexer.read.files import inside_folder
from indexer.read.html import looks_like_html, parse_html
from indexer.read.markdown import markdown_blocks
from indexer.read.sidecars import Sidecars, path_id

_FORMATS = {".txt": "txt", ".md": "md", ".html": "html", ".htm": "html"}


class SourceError(Exception):
    """A file that cannot be turned into a document; `reason` is a short human sentence."""

    def __init__(self, path: Path | str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = Path(path)
        self.reason = reason


def text_blocks(text: str) -> list[Block]:
    """One "line" block per physical line (trailing whitespace removed, indentation kept)."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # the newline that ends the file
    return [Block(line.rstrip(), "line") for line in lines]


def _doc_paths(path: Path, root: Path) -> tuple[str, str]:
    """(doc_id, source_file) of `path` under `root`."""
    try:
        rel = Path(os.path.abspath(path)).relative_to(os.path.abspath(root))
    except ValueError as exc:
        raise SourceError(path, f"not inside the source folder {root}") from exc
    source_file = rel.as_posix()
    if source_file == ".":
        source_file = Path(path).name
    return path_id(source_file), source_file


def read_source(path: Path, root: Path, sidecars: Sidecars | None = None) -> SourceDoc:
    """Read one document file into a `SourceDoc`.

    Raises SourceError (with a short `reason`) for a link that leads outside `root` (never
    followed), an unsupported, unreadable, empty or binary file, or HTML that holds no text
    once the markup is gone.
    """
    path = Path(path)
    doc_id, source_file = _doc_paths(path, Path(root))
    if not inside_folder(path, root):
        what = "a folder" if path.is_dir() else "a file"
        raise SourceError(path, f"a link to {what} outside the source folder ({os.path.realpath(path)}); not followed")
    suffix = path.suffix.lower()
    fmt = _FORMATS.get(suffix)
    if fmt is None:
        raise SourceError(path, f"unsupported file type {suffix or '(none)'}")
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
    if looks_binary(data):
        raise SourceError(path, "binary file")
    raw, encoding = decode_raw(data)
    if mostly_non_text(raw):
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

    if sidecars is not None:
        doc_id = sidecars.doc_id_for(path) or doc_id
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
