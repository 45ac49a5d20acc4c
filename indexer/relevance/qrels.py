"""Known-item queries (qrels) in JSONL, and whether a search result is one of their targets.

One query a line:

    {"id": "uk-01", "query": "insulating homes to end fuel poverty",
     "filters": {"party": ["liberal-democrats"], "year": ["1997"]},
     "targets": [{"doc": "UK_natl_1997_en_LD", "text_prefix": "Cut fuel bills and make homes"}]}

A target is a passage: its statement's id (`doc`) and the first words of its text
(`text_prefix`), or its `chunk_id`. A document id matches in full or by its last path
component (`UK_natl_1997_en_LD` matches `docs/UK_natl_1997_en_LD`), so qrels survive a
corpus moving into a sub-folder. Texts are compared with whitespace and case normalised; a
passage matches when it starts with the prefix, holds it (chunking may cut a paragraph
differently), or is itself the start of the prefix (a paragraph cut in two).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

MIN_PARTIAL_CHARS = 30  # a passage shorter than this never matches as the start of a prefix


class QrelsError(ValueError):
    """A qrels file that cannot be read: the message names the line and what is wrong."""


@dataclass(frozen=True)
class Target:
    doc: str
    text_prefix: str = ""
    chunk_id: str = ""


@dataclass(frozen=True)
class KnownItemQuery:
    id: str
    query: str
    parties: tuple[str, ...]
    years: tuple[str, ...]
    targets: tuple[Target, ...]


def normalise(text: str) -> str:
    return " ".join(text.split()).casefold()


def _last(doc_id: str) -> str:
    return doc_id.rstrip("/").rsplit("/", 1)[-1]


def same_doc(target: str, doc_id: str) -> bool:
    """Whether a target's document id names this document (in full or by its last component)."""
    return target == doc_id or _last(target) == _last(doc_id)


def _split_chunk(chunk_id: str) -> tuple[str, str]:
    doc, _, n = chunk_id.rpartition("#")
    return (doc, n) if doc else (chunk_id, "")


def matches_passage(target: Target, doc_id: str, chunk_id: str, text: str) -> bool:
    """Whether one passage (its statement's id, its chunk id and text) is the target."""
    if target.chunk_id:
        tdoc, tn = _split_chunk(target.chunk_id)
        rdoc, rn = _split_chunk(chunk_id)
        return tn == rn and same_doc(tdoc, rdoc)
    if not same_doc(target.doc, doc_id):
        return False
    prefix, passage = normalise(target.text_prefix), normalise(text)
    if not prefix:
        return True
    return (passage.startswith(prefix) or prefix in passage
            or (len(passage) >= MIN_PARTIAL_CHARS and prefix.startswith(passage)))


def matches_statement(target: Target, doc_id: str) -> bool:
    """Whether a statement is (holds) the target."""
    if target.chunk_id:
        return same_doc(_split_chunk(target.chunk_id)[0], doc_id)
    return same_doc(target.doc, doc_id)


def _strings(value, what: str, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, (str, int)):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
        raise QrelsError(f"{where}: {what} must be a list of strings")
    return tuple(str(v) for v in value)


def _target(raw, where: str) -> Target:
    if not isinstance(raw, dict):
        raise QrelsError(f"{where}: a target must be an object with doc and text_prefix, or chunk_id")
    chunk_id = raw.get("chunk_id") or ""
    doc = raw.get("doc") or ""
    prefix = raw.get("text_prefix") or ""
    if not isinstance(chunk_id, str) or not isinstance(doc, str) or not isinstance(prefix, str):
        raise QrelsError(f"{where}: doc, text_prefix and chunk_id must be strings")
    if not chunk_id and not doc:
        raise QrelsError(f"{where}: a target needs a doc (with a text_prefix) or a chunk_id")
    return Target(doc=doc or _split_chunk(chunk_id)[0], text_prefix=prefix, chunk_id=chunk_id)


def parse_line(line: str, where: str) -> KnownItemQuery:
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        raise QrelsError(f"{where}: not JSON ({exc.msg})") from None
    if not isinstance(row, dict):
        raise QrelsError(f"{where}: a query must be a JSON object")
    query = row.get("query")
    if not isinstance(query, str) or not query.strip():
        raise QrelsError(f"{where}: no query")
    filters = row.get("filters") or {}
    if not isinstance(filters, dict):
        raise QrelsError(f"{where}: filters must be an object with party and year lists")
    targets = row.get("targets")
    if not isinstance(targets, list) or not targets:
        raise QrelsError(f"{where}: no targets")
    return KnownItemQuery(
        id=str(row.get("id") or where),
        query=query,
        parties=_strings(filters.get("party"), "filters.party", where),
        years=_strings(filters.get("year"), "filters.year", where),
        targets=tuple(_target(t, where) for t in targets),
    )


def load_qrels(path: Path | str) -> list[KnownItemQuery]:
    """Every query of a qrels JSONL file (blank lines skipped); QrelsError names a bad line."""
    path = Path(path)
    try:
        lines = path.read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise QrelsError(f"cannot read {path}: {exc}") from None
    out = [parse_line(line, f"{path.name}:{n}") for n, line in enumerate(lines, 1) if line.strip()]
    if not out:
        raise QrelsError(f"{path}: no queries")
    seen: set[str] = set()
    for q in out:
        if q.id in seen:
            raise QrelsError(f"{path}: the id {q.id!r} is used twice")
        seen.add(q.id)
    return out
