"""Reading one published version of the index: statement records, parties, passages.

`Snapshot` is one generation opened for reading (Whoosh index + documents.json). The
query layer keeps one and swaps it when `current` moves on; the CLI opens one per command.
`Snapshot.reading()` lends a `PassageReader` (one Whoosh searcher) from a small pool, one
per request at a time, so concurrent requests never share a reader's file positions.
See the package docstring for what the query layer may ask of them.
"""

from __future__ import annotations

import fnmatch
import json
import re
import threading
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path

import numpy as np
from whoosh.index import open_dir

from indexer.model import party_dict, passage_dict, passage_position
from indexer.store import generations as store
from indexer.store import segment_files  # noqa: F401  (applied on import: segments read in place with pread)
from indexer.store import surface
from indexer.store.positions_file import PositionsFile
from indexer.store.records import Records
from indexer.store.postings import (field_lengths, term_docs, term_positions_in, term_postings, term_runs,
                                    term_postings_positions)

POOL_MAX = 8
STORED_FIELDS = ("chunk_id", "kind", "point", "position", "text", "passage_topic")


def column_strings(column) -> list:
    """Every document's value of a text column (Whoosh's VarBytes column behind a decoding
    reader), read in one piece and cut at the stored lengths; any other column is walked."""
    inner = getattr(column, "_reader", None)
    try:
        lengths = np.asarray(inner._lengths, dtype=np.int64)
        if len(lengths) != inner._doccount or not hasattr(inner, "_basepos"):
            raise ValueError
        ends = np.cumsum(lengths)
        raw = inner._dbfile.get(inner._basepos, int(ends[-1]) if len(ends) else 0)
        starts = (ends - lengths).tolist()
        return [raw[a:b].decode("utf-8") for a, b in zip(starts, ends.tolist())]
    except (AttributeError, ValueError, TypeError, UnicodeDecodeError):
        return list(column)


def _segment_id(leaf_reader) -> str | None:
    segment = getattr(leaf_reader, "segment", None)
    return segment().segment_id() if segment is not None else None


class PassageReader:
    """Postings, term lists and stored passages of one generation, for one request."""

    def __init__(self, searcher, positions: dict | None = None):
        self._searcher = searcher
        self._reader = searcher.reader()
        positions = positions or {}
        # (segment reader, docnum offset, the segment's positions file or None)
        self._leaves = [(r, offset, positions.get(_segment_id(r)))
                        for r, offset in self._reader.leaf_readers()]
        self._schema = searcher.schema

    def _bytes(self, fieldname: str, term) -> bytes | None:
        if isinstance(term, bytes):
            return term
        try:
            return self._reader._text_to_bytes(fieldname, term)
        except Exception:
            return None

    def postings(self, fieldname: str, term: str) -> tuple[np.ndarray, np.ndarray]:
        """int32 docnums (sorted) and float32 weights (term frequency x field boost)."""
        b = self._bytes(fieldname, term)
        if b is None:
            return term_postings([], fieldname, b"")
        return term_postings(self._leaves, fieldname, b)

    def postings_positions(self, fieldname: str, term: str):
        """(docs, weights) as `postings`, and (pos_docs, positions) int64 pairs, read once."""
        b = self._bytes(fieldname, term)
        return term_postings_positions(self._leaves if b is not None else [], fieldname, b or b"")

    def positions_in(self, fieldname: str, term: str, wanted: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(pos_docs, positions) int64 of a term in the documents where `wanted` (bool[N]) holds."""
        b = self._bytes(fieldname, term)
        return term_positions_in(self._leaves if b is not None else [], fieldname, b or b"", wanted)

    def has_surface(self, fieldname: str) -> bool:
        """Whether every segment keeps the field's surface words (surface.py)."""
        name = surface.field_name(fieldname)
        return bool(self._leaves) and all(pf is not None and pf.field(name) is not None
                                          for _, _, pf in self._leaves)

    def surface_runs(self, fieldname: str, word: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The positions of a word as written (lower-cased) in the field's text, counting
        every word, as runs, one per passage holding the word: (docs int32 sorted, npos
        int32, positions int32 grouped by passage); only when `has_surface(fieldname)`."""
        return term_runs(self._leaves, surface.field_name(fieldname), word.encode("utf-8"))

    def doc_frequency(self, fieldname: str, term: str) -> int:
        b = self._bytes(fieldname, term)
        return 0 if b is None else self._reader.doc_frequency(fieldname, b)

    def terms_with_prefix(self, fieldname: str, prefix: str):
        """Index terms of a field starting with prefix, in term order (an iterator)."""
        for t in self._reader.expand_prefix(fieldname, prefix):
            yield t.decode("utf-8") if isinstance(t, bytes) else t

    def terms_within(self, fieldname: str, text: str, maxdist: int, prefix: int = 1) -> list[str]:
        """Index terms within maxdist edits of text, sharing its first `prefix` characters."""
        out: list[str] = []
        for r, *_ in self._leaves:
            for t in r.terms_within(fieldname, text, maxdist, prefix=prefix):
                t = t.decode("utf-8") if isinstance(t, bytes) else t
                if t not in out:
                    out.append(t)
        return out

    def terms_matching(self, fieldname: str, pattern: str) -> list[str]:
        """Index terms matching a shell-style pattern (* any run of characters, ? one)."""
        rx = re.compile(fnmatch.translate(pattern))
        head = re.split(r"[*?\[]", pattern, maxsplit=1)[0]
        terms = self.terms_with_prefix(fieldname, head) if head else self._all_terms(fieldname)
        return [t for t in terms if rx.match(t)]

    def _all_terms(self, fieldname: str):
        for t in self._reader.lexicon(fieldname):
            yield t.decode("utf-8") if isinstance(t, bytes) else t

    def stored(self, docnum: int) -> dict:
        """A passage's stored fields: chunk_id, kind, point, position, text, passage_topic."""
        return self._searcher.stored_fields(int(docnum))


class Snapshot:
    def __init__(self, gen: Path):
        self.gen = Path(gen)
        self.ix = open_dir(str(self.gen))
        self._pool: list = []  # idle searchers; the most recently used is reused first
        self._pool_lock = threading.Lock()
        self.closed = False
        meta = store.read_documents(self.gen)
        self.documents = Records(meta.pop("documents"))  # statement records, decoded when asked for
        self.meta = meta
        self.parties: dict[str, dict] = meta.get("parties", {})
        self.topics: dict[str, str] = meta.get("topics", {})
        # each segment's own postings and positions of the full-text fields (None: the
        # segment has no such file and is read from Whoosh's posting blocks)
        self.positions = {seg.segment_id(): PositionsFile.open(self.gen, seg.segment_id())
                          for seg in self.ix._segments()}

    @classmethod
    def open(cls, index_dir: Path | str) -> "Snapshot":
        return cls(store.require_generation(Path(index_dir)))

    @cached_property
    def vocabulary(self) -> dict[str, int]:
        path = self.gen / "vocabulary.json"
        if not path.exists():
            return {}
        return json.loads(path.read_text("utf-8"))

    def party(self, party_id: str) -> dict:
        """The party record {id, name, acronym, country}; an id never seen gets its id as name."""
        return party_dict(self.parties.get(party_id) or {"id": party_id})

    def topic_label(self, topic_id: str) -> str:
        return self.topics.get(topic_id, topic_id)

    def passages(self, doc_id: str) -> list[dict]:
        """The statement's passages in order: {chunk_id, kind, point, text, topics, position}."""
        with self.ix.searcher() as s:
            docnums = list(s.document_numbers(doc_id=doc_id))
            out = []
            for docnum in docnums:
                f = s.stored_fields(docnum)
                out.append({**passage_dict(f), "position": passage_position(f)})
        out.sort(key=lambda p: p["position"])
        return out

    @cached_property
    def _by_short_id(self) -> dict[str, str | None]:
        """File name without extension -> document id, for ids under sub-folders (None when
        two folders hold the same name)."""
        out: dict[str, str | None] = {}
        for doc_id in self.documents:
            short = doc_id.rsplit("/", 1)[-1]
            if short != doc_id:
                out[short] = None if short in out else doc_id
        return out

    def resolve_id(self, doc_id: str) -> str | None:
        """The id of a document: its path under the source folder without extension, or,
        when that names no document, its file name alone if only one folder holds it
        ("Washington-1790" for "docs/Washington-1790")."""
        if doc_id in self.documents:
            return doc_id
        return self._by_short_id.get(doc_id)

    def document(self, doc_id: str, with_passages: bool = True) -> dict | None:
        """The statement as the CLI's `show --json` and the API's documents endpoint give it."""
        rec = self.documents.get(self.resolve_id(doc_id) or doc_id)
        if rec is None:
            return None
        out = {
            "doc_id": rec["doc_id"],
            "title": rec["title"],
            "date": rec["date"],
            "year": rec["year"],
            "source": rec.get("source", ""),
            "source_file": rec["source_file"],
            "signatories": [self.party(p) for p in rec["signatories"]],
            "mentioned_parties": [self.party(p) for p in rec["mentioned"]],
            "topics": list(rec["topics"]),
            "country": rec.get("country", []),
            "extra": rec.get("extra", {}),
            "subtitle": rec.get("subtitle", ""),
            "genre": (rec.get("extra") or {}).get("genre", ""),
            "provenance": rec.get("provenance", {}),
        }
        if with_passages:
            out["passages"] = [passage_dict(p) for p in self.passages(rec["doc_id"])]
        return out

    # -- for the query layer -------------------------------------------------------------

    @contextmanager
    def reading(self):
        """A PassageReader for this request alone; its searcher goes back to the pool after.

        Idle searchers are reused most recent first, so their opened files stay warm; a
        new one is opened only when every pooled searcher is busy.
        """
        with self._pool_lock:
            s = self._pool.pop() if self._pool else None
        if s is None:
            s = self.ix.searcher()
        try:
            yield PassageReader(s, self.positions)
        finally:
            with self._pool_lock:
                keep = not self.closed and len(self._pool) < POOL_MAX
                if keep:
                    self._pool.append(s)
            if not keep:
                s.close()

    def passage_table(self) -> tuple[list, np.ndarray]:
        """(doc_id of each docnum, bool[N] live): N passage slots, deleted ones not live."""
        with self.ix.searcher() as searcher:
            reader = searcher.reader()
            n_all = reader.doc_count_all()
            doc_ids: list = [None] * n_all
            live = np.ones(n_all, dtype=bool)
            for r, offset in reader.leaf_readers():
                n = r.doc_count_all()
                if r.has_column("doc_id"):
                    doc_ids[offset:offset + n] = column_strings(r.column_reader("doc_id"))
                else:
                    for btext in r.lexicon("doc_id"):
                        value = btext.decode("utf-8")
                        for d in term_docs([(r, 0)], "doc_id", btext).tolist():
                            doc_ids[offset + d] = value
                if r.has_deletions():
                    undeleted = np.fromiter(r.all_doc_ids(), dtype=np.int64)
                    keep = np.zeros(n, dtype=bool)
                    keep[undeleted] = True
                    live[offset:offset + n] &= keep
        return doc_ids, live

    def field_lengths(self, fieldname: str) -> np.ndarray:
        """float64[N]: each passage's length in a field, as stored (one byte, decoded)."""
        with self.ix.searcher() as searcher:
            reader = searcher.reader()
            return field_lengths(reader, fieldname, reader.doc_count_all())

    def field_length_total(self, fieldname: str) -> int:
        """The sum of a field's lengths over every passage."""
        with self.ix.searcher() as searcher:
            return searcher.reader().field_length(fieldname)

    @cached_property
    def _schema(self):
        """The generation's schema, read once: Whoosh reads its table of contents from disk
        each time `ix.schema` is asked for, and a published generation never changes."""
        return self.ix.schema

    def scorable(self, fieldname: str) -> bool:
        """Whether a field's postings carry term frequencies and lengths (BM25 applies)."""
        schema = self._schema
        return fieldname in schema and bool(schema[fieldname].scorable)

    def has_field(self, fieldname: str) -> bool:
        return fieldname in self._schema

    def close(self) -> None:
        with self._pool_lock:
            self.closed = True
            idle, self._pool = self._pool, []
        for s in idle:
            try:
                s.close()
            except Exception:
                pass
        self.ix.close()
