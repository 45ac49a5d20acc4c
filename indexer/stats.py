"""What is in an index: documents, passages, parties, years, topics, skipped files.

`index_stats(index_dir)` computes it; the command line (`python -m indexer stats`) only
prints it, as text or, with `--json`, as `IndexStats.to_dict()`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

from indexer.write.records import duplicate_groups, signatory_counts, unknown_parties
from indexer.review import provenance_counts


@dataclass
class IndexStats:
    index: str
    built_at: str | None
    source: str | None
    documents: int
    passages: int
    with_date: int
    with_year: int
    with_signatories: int
    parties: int
    known_parties: int
    unknown_parties: dict[str, int] = field(default_factory=dict)
    years: dict[int, int] = field(default_factory=dict)
    topics: dict[str, int] = field(default_factory=dict)  # by label, most frequent first
    skipped: list[dict] = field(default_factory=list)  # [{file, reason}]
    duplicates: list[list[str]] = field(default_factory=list)  # statements whose files have the same content
    # per field (title, date, year, signatories): statements by where the value came from
    provenance: dict[str, dict[str, int]] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return asdict(self)


def index_stats(index_dir: Path | str) -> IndexStats:
    """The statistics of the generation `index_dir` serves (raises store.IndexMissing)."""
    from indexer.store.reader import Snapshot

    snap = Snapshot.open(index_dir)
    docs = list(snap.documents.values())
    party_counts = signatory_counts(docs)
    unknown = unknown_parties(party_counts, snap.parties)
    years = Counter(d["year"] for d in docs if d["year"] is not None)
    topics = Counter(t for d in docs for t in d["topics"])
    return IndexStats(
        index=str(snap.gen),
        built_at=snap.meta.get("built_at"),
        source=snap.meta.get("source"),
        documents=len(docs),
        passages=sum(d["passages"] for d in docs),
        with_date=sum(1 for d in docs if d["date"]),
        with_year=sum(1 for d in docs if d["year"] is not None),
        with_signatories=sum(1 for d in docs if d["signatories"]),
        parties=len(party_counts),
        known_parties=len(party_counts) - len(unknown),
        unknown_parties=unknown,
        years=dict(sorted(years.items())),
        topics={snap.topic_label(t): c for t, c in topics.most_common()},
        skipped=[{"file": s["file"], "reason": s["reason"]} for s in snap.meta.get("skipped", [])],
        duplicates=duplicate_groups(docs),
        provenance=provenance_counts(docs),
    )
