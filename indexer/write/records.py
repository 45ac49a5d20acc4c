"""A statement as index records: its passages' fields, its documents.json record, its parties.

Nothing here touches the disk; `store.writer` writes these records and the build, the
update and `stats` read them back.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter

from indexer.model import Document, Passage, party_dict

WORD_RE = re.compile(r"[^\W\d_]{3,}")  # a word of the did-you-mean vocabulary
VOCAB_MIN_COUNT = 2  # a word seen fewer times is left out of the vocabulary


def words(text: str) -> list[str]:
    """The vocabulary words of a passage's text."""
    return WORD_RE.findall(text.lower())


def vocabulary_of(word_counts) -> Counter:
    """The vocabulary words of texts, counted as `words` counts them, from (word, times) of
    the texts' surface words (the runs of letters and digits of the lower-cased text, as
    `store.surface` cuts them): a vocabulary word is a run of three letters or more, so
    each lies inside one surface word, and a word of letters alone is one itself."""
    out: Counter = Counter()
    for word, times in word_counts:
        if word.isalpha():
            if len(word) >= 3:
                out[word] += times
        else:
            for w in WORD_RE.findall(word):
                out[w] += times
    return out


def passage_fields(doc: Document, passage: Passage) -> dict:
    """The indexed fields of one passage: its own text plus its statement's facets."""
    fields = {
        "chunk_id": passage.chunk_id(doc.doc_id),
        "doc_id": doc.doc_id,
        "kind": passage.kind,
        "point": passage.point,
        "position": passage.position,
        "title": doc.title,
        "text": passage.text,
        "party": " ".join(p.id for p in doc.signatories),
        "mentioned": " ".join(p.id for p in doc.mentioned),
        "topic": " ".join(doc.topics),
        "passage_topic": " ".join(passage.topics),
    }
    if doc.year is not None:
        fields["year"] = doc.year
    return fields


def doc_record(doc: Document) -> dict:
    """The statement-level record kept in documents.json."""
    return {
        "doc_id": doc.doc_id,
        "source_file": doc.source_file,
        "title": doc.title,
        "date": doc.date,
        "year": doc.year,
        "source": doc.source,
        "signatories": [p.id for p in doc.signatories],
        "mentioned": [p.id for p in doc.mentioned],
        "topics": doc.topics,
        "country": doc.country,
        "content_hash": doc.content_hash,
        "passages": len(doc.passages),
        "passages_hash": passages_hash(doc),
        "extra": doc.extra,
        "subtitle": doc.subtitle,
        "provenance": doc.provenance,
    }


def passages_hash(doc: Document) -> str:
    """A hash of the statement's passages word for word, its title aside: equal for copies
    of one text kept under two names (the statements view ranks them together)."""
    h = hashlib.sha1()
    for p in doc.passages:
        if p.kind != "title":
            h.update(p.text.encode("utf-8"))
            h.update(b"\x1e")
    return h.hexdigest()


def file_hash(path) -> str | None:
    """The content hash of a source file (as `read_source` records it), or None when the
    file cannot be read."""
    try:
        with open(path, "rb") as f:
            return hashlib.file_digest(f, "sha1").hexdigest()
    except OSError:
        return None


def duplicate_groups(records) -> list[list[str]]:
    """Groups of statements whose files have the same content (ids sorted, groups by
    their first id)."""
    by_hash: dict[str, list[str]] = {}
    for rec in records:
        if rec.get("content_hash"):
            by_hash.setdefault(rec["content_hash"], []).append(rec["doc_id"])
    return sorted(sorted(ids) for ids in by_hash.values() if len(ids) > 1)


def sidecar_hash(row: dict | None) -> str:
    """A fingerprint of a document's sidecar row, so that an update sees a changed row."""
    return hashlib.sha1(json.dumps(row or {}, sort_keys=True, default=str).encode()).hexdigest()


def party_records(doc: Document) -> dict[str, dict]:
    """The party records of a statement's signatories and mentioned parties, by id."""
    out = {}
    for p in [*doc.signatories, *doc.mentioned]:
        out[p.id] = {**party_dict(p), "known": p.known, "aliases": list(p.aliases), "kind": p.kind}
    return out


def merge_parties(parties: dict[str, dict], votes: dict[str, Counter], new: dict[str, dict]) -> None:
    """Add a document's party records. A party outside the registry is named by the
    spelling most documents use for it (the registry's own parties have one name)."""
    for pid, rec in new.items():
        if rec.get("known", True):
            parties[pid] = rec
            continue
        count = votes.setdefault(pid, Counter())
        count[rec["name"]] += 1
        best = count.most_common(1)[0][0]
        if pid not in parties or parties[pid]["name"] != best:
            parties[pid] = {**rec, "name": best}


def signatory_counts(records) -> Counter:
    """How many statements each party signs."""
    return Counter(p for rec in records for p in rec["signatories"])


def unknown_parties(used: Counter, parties: dict[str, dict]) -> dict[str, int]:
    """{name: statements} of the signatories the registry does not know, most frequent
    first (a country speaking for itself is not an unknown party)."""
    unknown = {}
    for pid, count in used.items():
        p = parties.get(pid, {})
        if not p.get("known", True) and p.get("kind", "party") != "speaker":
            unknown[p.get("name", pid)] = count
    return dict(sorted(unknown.items(), key=lambda kv: (-kv[1], kv[0])))
