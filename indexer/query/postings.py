"""Reading the document numbers of a term's postings into numpy arrays, fast.

Whoosh walks postings one document at a time in Python. For counting and filtering we
only need the document numbers, so for Whoosh's own on-disk format we read each posting
block whole and decode its delta-coded ids with numpy. Anything else falls back to the
matcher's `all_ids()`. Deleted documents are *not* removed here: the caller masks them.
"""

from __future__ import annotations

import numpy as np

EMPTY = np.zeros(0, dtype=np.int32)


def _unwrap(matcher):
    """The leaf matcher under Whoosh's deletion filter (deletions are masked by the caller)."""
    from whoosh.matching.wrappers import FilterMatcher

    while isinstance(matcher, FilterMatcher):
        matcher = matcher.child
    return matcher


def _w3_block_ids(m) -> np.ndarray:
    parts = []
    while True:
        if m._data is None:
            m._read_data()
        ids = m._data[0]
        if m._byteids:  # term vectors; never for document postings
            raise TypeError("byte ids")
        parts.append(np.cumsum(np.asarray(ids, dtype=np.int64)))
        if m._lastblock:
            break
        m._goto(m._nextoffset)
    if not parts:
        return EMPTY
    return np.concatenate(parts).astype(np.int32, copy=False)


def segment_term_docs(reader, fieldname: str, btext: bytes) -> np.ndarray:
    """Segment-local docnums of one term (bytes) in one segment reader; empty if absent."""
    from whoosh.codec.whoosh3 import W3LeafMatcher
    from whoosh.reading import TermNotFound

    try:
        if (fieldname, btext) not in reader:
            return EMPTY
        m = _unwrap(reader.postings(fieldname, btext))
    except TermNotFound:
        return EMPTY
    if isinstance(m, W3LeafMatcher):
        try:
            return _w3_block_ids(m)
        except (TypeError, AttributeError, IndexError):
            m = _unwrap(reader.postings(fieldname, btext))
    return np.fromiter(m.all_ids(), dtype=np.int32)


def term_docs(leaves, fieldname: str, btext: bytes) -> np.ndarray:
    """Global docnums (sorted) of a term over all segments: leaves = [(reader, offset)]."""
    parts = []
    for reader, offset in leaves:
        ids = segment_term_docs(reader, fieldname, btext)
        if len(ids):
            parts.append(ids + np.int32(offset) if offset else ids)
    if not parts:
        return EMPTY
    if len(parts) == 1:
        return parts[0]
    return np.concatenate(parts)
