"""What a build or an update reports: its summary, and the error that stops it."""

from __future__ import annotations

from dataclasses import dataclass, field


class BuildFailed(Exception):
    """The build could not produce an index; the previous index (if any) stays in place."""


@dataclass
class BuildReport:
    documents: int = 0
    passages: int = 0
    bytes: int = 0
    seconds: float = 0.0
    parties: int = 0
    unknown_parties: dict[str, int] = field(default_factory=dict)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    added: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0
    generation: str = ""
    duplicates: list[list[str]] = field(default_factory=list)  # statements whose files have the same content

    def as_dict(self) -> dict:
        return {
            "documents": self.documents,
            "passages": self.passages,
            "bytes": self.bytes,
            "seconds": round(self.seconds, 3),
            "parties": self.parties,
            "unknown_parties": self.unknown_parties,
            "skipped": [{"file": f, "reason": r} for f, r in self.skipped],
            "added": self.added,
            "changed": self.changed,
            "removed": self.removed,
            "unchanged": self.unchanged,
            "generation": self.generation,
            "duplicates": self.duplicates,
        }


def skip_summary(skipped: list[tuple[str, str]]) -> str:
    """The first few skipped files and why, for an error message."""
    if not skipped:
        return "no readable files"
    return "; ".join(f"{f}: {r}" for f, r in skipped[:5]) + (" …" if len(skipped) > 5 else "")
