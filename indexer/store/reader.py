"""Reading one published version of the index: statement records, parties, passages.

`Snapshot` is one generation opened for reading (Whoosh index + documents.json). The
query layer keeps one and swaps it when `current` moves on; the CLI opens one per command.
"""

from __future__ import annotations

import json
from functools import cached_property
from pathlib import Path

from indexer.store import generations as store


class Snapshot:
    def __init__(self, gen: Path):
        from whoosh.index import open_dir

        self.gen = Path(gen)
        self.ix = open_dir(str(self.gen))
        meta = store.read_documents(self.gen)
        self.meta = meta
        self.documents: dict[str, dict] = meta["documents"]
        self.parties: dict[str, dict] = meta.get("parties", {})
        self.topics: dict[str, str] = meta.get("topics", {})

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
        p = self.parties.get(party_id)
        if p is None:
            return {"id": party_id, "name": party_id, "acronym": "", "country": ""}
        return {k: p.get(k, "") for k in ("id", "name", "acronym", "country")}

    def topic_label(self, topic_id: str) -> str:
        return self.topics.get(topic_id, topic_id)

    def passages(self, doc_id: str) -> list[dict]:
        """The statement's passages in order: {chunk_id, kind, point, text, topics, position}."""
        with self.ix.searcher() as s:
            docnums = list(s.document_numbers(doc_id=doc_id))
            out = []
            for docnum in docnums:
                f = s.stored_fields(docnum)
                out.append({
                    "chunk_id": f["chunk_id"],
                    "kind": f["kind"],
                    "point": f.get("point"),
                    "text": f["text"],
                    "topics": (f.get("passage_topic") or "").split(),
                    "position": f["position"],
                })
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
        }
        if with_passages:
            out["passages"] = [
                {k: p[k] for k in ("chunk_id", "kind", "point", "text", "topics")}
                for p in self.passages(rec["doc_id"])
            ]
        return out

    def close(self) -> None:
        self.ix.close()
