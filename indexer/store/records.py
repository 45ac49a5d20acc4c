"""The statement records of a generation, kept compact and decoded when asked for.

`documents.json` holds one record per statement (title, date, signatories, topics,
provenance, sidecar fields …). Parsed, they are Python dicts, lists and strings at about
ten times their size on disk (53 MB for the UN corpus three times over, most of a
server's private memory); a search needs a dozen of them. So a `Records` keeps every
record as one slice of a single buffer (`marshal`, decoded in a few microseconds) and
decodes a record each time it is asked for: a read-only mapping of doc_id -> record.
A record handed out is the caller's own copy.
"""

from __future__ import annotations

import marshal
from collections.abc import Mapping

import numpy as np

_SEP = "\0"  # no doc_id holds it (ids are paths under the source folder)


class Records(Mapping):
    """doc_id -> statement record (a dict), in the order given, stored compactly.

    Takes the records over: the dict given is emptied, so that the parsed records are
    freed before the ids are made anew (fresh strings, not scattered among freed ones)."""

    def __init__(self, records: dict[str, dict]):
        parts = [marshal.dumps(rec) for rec in records.values()]
        self._ends = np.cumsum([len(p) for p in parts], dtype=np.int64)
        self._blob = memoryview(b"".join(parts))
        del parts
        ids = _SEP.join(records)
        records.clear()
        self._index = {d: i for i, d in enumerate(ids.split(_SEP))} if ids else {}

    def __getitem__(self, doc_id: str) -> dict:
        i = self._index[doc_id]
        start = int(self._ends[i - 1]) if i else 0
        return marshal.loads(self._blob[start:int(self._ends[i])])

    def __contains__(self, doc_id) -> bool:
        return doc_id in self._index

    def __iter__(self):
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)
