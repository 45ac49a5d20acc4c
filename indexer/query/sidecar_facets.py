"""Which sidecar fields can be faceted, and the value of each statement in them.

An archive's sidecar (`metadata.jsonl` / `metadata.csv`) brings fields of its own besides
title, date and parties: `election_type`, `genre`, `language`, `session`. They are kept in
each statement's record under `extra`. A field is offered as a facet when it reads like a
category, over the whole index:

* its name does not say it is an id, title, file name, address, date, hash, count of
  something or free text (`id`, `doc_id`, `file`, `title`, `url`, `date`, `sha1`,
  `n_words`, `description`, …), and it is not the name of a built-in facet or search
  parameter (`party`, `year`, `topic`, `q`, …);
* its values are short strings, whole numbers or booleans (or lists of them, for a
  statement with several), none longer than 60 characters, none a URL or a date;
* it has between MIN_VALUES (2) and MAX_VALUES (50) distinct values, and values repeat:
  at most half as many distinct values as statements carrying the field.

So `election_type` (2 values over 101 manifestos) and `session` (33 over 6,138 speeches)
are facets; `speaker` (thousands of names), `n_words` (all different) and `source` are not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MIN_VALUES = 2
MAX_VALUES = 50
MAX_VALUE_CHARS = 60

# Names of the built-in facets and of the search parameters: never a sidecar facet.
RESERVED = frozenset({
    "party", "parties", "year", "years", "topic", "topics", "q", "sort", "view", "page",
    "per_page", "expand", "facet", "filter", "literal", "country", "signatories", "mentioned",
})
_EXCLUDED_NAME = re.compile(
    r"(?:^|_)(?:id|ids|uuid|key|file|files|filename|path|title|subtitle|headline|name|url|uri|"
    r"link|href|date|datetime|time|timestamp|created|modified|updated|sha1|sha256|md5|hash|"
    r"checksum|text|body|content|summary|abstract|description|notes?|comment|source|n|count|"
    r"chars|words|length|size|pages)$"
)
_URL = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|www\.)", re.IGNORECASE)
_DATE = re.compile(r"^\d{4}-\d{2}(?:-\d{2})?(?:[T ].*)?$")


@dataclass
class FacetField:
    """One faceted sidecar field: its values (most statements first) and (statement, value)
    pairs, statements by ordinal."""

    name: str
    label: str
    values: list[str]
    pairs: list[tuple[int, int]]


def field_label(name: str) -> str:
    """ "election_type" -> "Election type"."""
    words = re.sub(r"[_\-.]+", " ", name).strip()
    return words[:1].upper() + words[1:] if words else name


def _name_allowed(name: str) -> bool:
    low = name.strip().lower()
    return bool(low) and low not in RESERVED and not _EXCLUDED_NAME.search(low)


def field_values(value) -> list[str] | None:
    """The facet values of one statement's field value; None when it cannot be a category
    (a float, a dict, a long or URL-like or date-like text)."""
    items = value if isinstance(value, list) else [value]
    out: list[str] = []
    for v in items:
        if isinstance(v, bool):
            s = "true" if v else "false"
        elif isinstance(v, int):
            s = str(v)
        elif isinstance(v, str):
            s = " ".join(v.split())
            if not s:
                continue
            if len(s) > MAX_VALUE_CHARS or _URL.match(s) or _DATE.match(s):
                return None
        else:
            return None
        if s not in out:
            out.append(s)
    return out


def facet_fields(records: list[dict]) -> dict[str, FacetField]:
    """The faceted sidecar fields of statements `records` (index = statement ordinal),
    by field name in alphabetical order."""
    seen: dict[str, dict[str, int]] = {}
    carriers: dict[str, int] = {}
    refused: set[str] = set()
    per_stmt: list[dict[str, list[str]]] = []
    for rec in records:
        mine: dict[str, list[str]] = {}
        for name, value in (rec.get("extra") or {}).items():
            if name in refused:
                continue
            if not _name_allowed(name):
                refused.add(name)
                continue
            vals = field_values(value)
            if vals is None:
                refused.add(name)
                continue
            if not vals:
                continue
            counts = seen.setdefault(name, {})
            for v in vals:
                counts[v] = counts.get(v, 0) + 1
            if len(counts) > MAX_VALUES:
                refused.add(name)
                continue
            carriers[name] = carriers.get(name, 0) + 1
            mine[name] = vals
        per_stmt.append(mine)
    out: dict[str, FacetField] = {}
    for name in sorted(seen):
        counts = seen[name]
        if name in refused or not MIN_VALUES <= len(counts) <= MAX_VALUES:
            continue
        if 2 * len(counts) > carriers.get(name, 0):
            continue  # values hardly repeat: names or ids rather than categories
        values = sorted(counts, key=lambda v: (-counts[v], v.casefold(), v))
        index = {v: i for i, v in enumerate(values)}
        pairs = [(s, index[v]) for s, mine in enumerate(per_stmt) for v in mine.get(name, ())]
        out[name] = FacetField(name, field_label(name), values, pairs)
    return out
