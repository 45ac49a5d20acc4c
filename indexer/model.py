"""The plain data that flows through the indexer: files -> sources -> documents -> passages.

Every stage takes and returns these dataclasses, so each module can be tested alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

# Block kinds produced by `indexer.read`:
#   "line"      a physical line of a text file ("" for a blank line)
#   "heading"   an HTML heading (h1-h6) or a markdown "#" heading
#   "paragraph" an HTML <p>/<div> text block (never reflowed)
#   "item"      an HTML <li> or a markdown/text bullet
#   "row"       an HTML table row; `cells` holds the cell texts
#   "break"     a hard boundary between HTML blocks or sections (no text)
BLOCK_KINDS = ("line", "heading", "paragraph", "item", "row", "break")

# What stands in a statement's party facet: a party, or a country speaking for itself
# (a corpus of speeches by states has countries and no parties).
PARTY_KINDS = ("party", "speaker")

# Passage kinds produced by `indexer.chunk`.
PASSAGE_KINDS = ("title", "paragraph", "point", "heading", "signatories")


@dataclass
class Block:
    """One structural unit of a source file, before reflow and chunking."""

    text: str
    kind: str = "line"
    cells: tuple[str, ...] = ()


@dataclass
class SourceDoc:
    """A file read and decoded, not yet interpreted."""

    doc_id: str  # path under the source root without extension, "/"-separated
    source_file: str  # path under the source root, with extension
    format: str  # "txt", "html", "md"
    blocks: list[Block]
    html_title: str | None = None  # <title>/og:title without site suffix, or article <h1>
    html_meta: dict[str, str] = field(default_factory=dict)  # e.g. {"date": "2020-04-12"}
    sidecar: dict[str, object] = field(default_factory=dict)  # row from metadata.jsonl/csv
    content_hash: str = ""  # sha1 of the raw bytes
    encoding: str = "utf-8"

    @property
    def text(self) -> str:
        return "\n".join(b.text for b in self.blocks)


@dataclass(frozen=True)
class Party:
    """A party resolved against the registry (or kept under its own name if unknown)."""

    id: str
    name: str
    acronym: str = ""
    country: str = ""
    known: bool = True  # False: not in the registry, kept under its normalised name
    aliases: tuple[str, ...] = ()
    kind: str = "party"  # one of PARTY_KINDS: "speaker" is a country speaking for itself

    def as_dict(self) -> dict[str, str]:
        return party_dict(self)


def _getter(obj):
    return obj.get if isinstance(obj, Mapping) else (lambda key: getattr(obj, key, None))


def party_dict(party) -> dict[str, str]:
    """A party as the API, the exports and `show --json` print it: {id, name, acronym, country}.

    `party` is a `Party`, a query-layer `PartyRef` or a stored party record (a dict); a
    party with no name is named by its id.
    """
    get = _getter(party)
    pid = get("id") or ""
    return {"id": pid, "name": get("name") or pid, "acronym": get("acronym") or "",
            "country": get("country") or ""}


def passage_dict(passage) -> dict:
    """A passage as the API, the exports and `show --json` print it:
    {chunk_id, kind, point, text, topics} (its place, `passage_position`, is added where a
    caller needs it).

    `passage` is a passage's stored index fields (its topics in "passage_topic", a string)
    or a dict already in this shape; `point` is a string or None.
    """
    get = _getter(passage)
    point = get("point")
    topics = get("topics")
    if topics is None:
        topics = (get("passage_topic") or "").split()
    return {
        "chunk_id": get("chunk_id") or "",
        "kind": get("kind") or "paragraph",
        "point": str(point) if point not in (None, "") else None,
        "text": get("text") or "",
        "topics": list(topics),
    }


def passage_position(passage) -> int:
    """A passage's 0-based place in its statement, from its stored fields or its dict."""
    return int(_getter(passage)("position") or 0)


@dataclass
class SignatoryBlock:
    """Where the list of signatories sits in `SourceDoc.blocks`: blocks[start:end]."""

    start: int
    end: int
    names: list[str]  # raw party names, one per signatory, in order


@dataclass
class Passage:
    kind: str  # one of PASSAGE_KINDS
    text: str
    point: str | None = None  # "4", "II", "II.2"; None for paragraphs
    position: int = 0  # 0-based order in the document
    topics: list[str] = field(default_factory=list)

    def chunk_id(self, doc_id: str) -> str:
        return f"{doc_id}#{self.position}"


@dataclass
class Document:
    """A statement with its extracted metadata and its passages, ready to index."""

    doc_id: str
    source_file: str
    title: str
    date: str | None  # ISO yyyy-mm-dd, None when only the year is knowable
    year: int | None
    source: str = ""  # publisher / origin line ("ICP", a URL, the sidecar's source)
    signatories: list[Party] = field(default_factory=list)
    mentioned: list[Party] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)
    content_hash: str = ""
    country: list[str] = field(default_factory=list)  # countries of signatories / speaker
    extra: dict[str, object] = field(default_factory=dict)  # other sidecar fields, kept verbatim
    #   and "genre", the kind of text (`indexer.extract.genres`), when the sidecar gives none
    subtitle: str = ""  # the standfirst under the title, kept apart from it
    # Where title, date, year and signatories came from: one of PROVENANCE each.
    provenance: dict[str, str] = field(default_factory=dict)


# Where a statement's title, date, year or signatories came from, most trusted first.
PROVENANCE = ("sidecar", "html-meta", "byline", "dateline", "text", "inferred-year", "file-name")
