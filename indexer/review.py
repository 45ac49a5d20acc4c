"""What the extractor could not settle, for an archivist to correct once.

    review_rows(index_dir, missing=FIELDS) -> list[ReviewRow]
        the statements whose title, date, year or signatories are missing or inferred
    write_template(rows, path)
        those statements as a `metadata.csv` sidecar (file, title, date, year, parties,
        the current values filled in); corrected and dropped beside the sources, its values
        win over the extracted ones at the next `update` (a sidecar always wins)
    provenance_counts(records) -> {field: {where: statements}}
        per field, how many statements have it and where it came from ("missing" when none)

A value is inferred when its provenance is `inferred-year` or `file-name`; a title is
missing when it is only the file's name.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

FIELDS = ("date", "year", "title", "signatories")
INFERRED = ("inferred-year", "file-name")
TEMPLATE_COLUMNS = ("file", "title", "date", "year", "parties")


@dataclass
class ReviewRow:
    """One statement to review: which fields are missing or inferred, and its values."""

    doc_id: str
    source_file: str
    title: str
    date: str | None
    year: int | None
    parties: list[str]
    missing: list[str] = field(default_factory=list)
    inferred: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"doc_id": self.doc_id, "file": self.source_file, "title": self.title,
                "date": self.date, "year": self.year, "parties": self.parties,
                "missing": self.missing, "inferred": self.inferred}


def _state(rec: dict, name: str) -> str | None:
    """"missing", "inferred" or None (settled) for one field of a documents.json record."""
    how = (rec.get("provenance") or {}).get(name)
    if name == "title":
        return "missing" if how == "file-name" or not rec.get("title") else None
    if name == "signatories":
        return None if rec.get("signatories") else "missing"
    if not rec.get(name) and rec.get(name) != 0:
        return "missing"
    return "inferred" if how in INFERRED else None


def parse_fields(text: str | None) -> tuple[str, ...]:
    """"date,year" -> ("date", "year"); ValueError naming an unknown field."""
    if not text:
        return FIELDS
    names = tuple(n.strip().lower() for n in text.split(",") if n.strip())
    unknown = [n for n in names if n not in FIELDS]
    if unknown:
        raise ValueError(f"unknown field {unknown[0]!r} (fields: {', '.join(FIELDS)})")
    return names or FIELDS


def review_rows(index_dir: Path | str, missing: tuple[str, ...] = FIELDS) -> list[ReviewRow]:
    """The statements of the index at `index_dir` with a missing or inferred value among
    the fields `missing`, in id order (raises store.IndexMissing)."""
    from indexer.store.reader import Snapshot

    snap = Snapshot.open(index_dir)
    rows = []
    for doc_id in sorted(snap.documents):
        rec = snap.documents[doc_id]
        states = {name: _state(rec, name) for name in missing}
        if not any(states.values()):
            continue
        rows.append(ReviewRow(
            doc_id=doc_id, source_file=rec["source_file"], title=rec.get("title", ""),
            date=rec.get("date"), year=rec.get("year"),
            parties=[snap.parties.get(p, {}).get("name", p) for p in rec.get("signatories", [])],
            missing=[n for n, s in states.items() if s == "missing"],
            inferred=[n for n, s in states.items() if s == "inferred"],
        ))
    return rows


def write_template(rows: list[ReviewRow], path: Path | str) -> None:
    """Write `rows` as a metadata.csv sidecar template; never overwrites a file."""
    path = Path(path)
    if path.exists():
        raise FileExistsError(f"{path} exists: choose another name, or merge the rows into it by hand")
    with open(path, "x", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(TEMPLATE_COLUMNS)
        for r in rows:
            writer.writerow([r.source_file, r.title, r.date or "", "" if r.year is None else r.year,
                             "; ".join(r.parties)])


def provenance_counts(records) -> dict[str, dict[str, int]]:
    """Per field, how many statements have it and from where ({"date": {"dateline": 40,
    "html-meta": 12, "missing": 3}, …}), most frequent first."""
    counts: dict[str, dict[str, int]] = {}
    for name in FIELDS:
        tally: dict[str, int] = {}
        for rec in records:
            has = bool(rec.get(name)) or (name == "year" and rec.get("year") is not None)
            where = (rec.get("provenance") or {}).get(name, "text") if has else "missing"
            tally[where] = tally.get(where, 0) + 1
        counts[name] = dict(sorted(tally.items(), key=lambda kv: (-kv[1], kv[0])))
    return counts
