"""Reading a term's postings into numpy arrays: docnums, weights and positions (Whoosh W3).

Whoosh walks postings one document at a time in Python. Its own on-disk format (W3) keeps
postings in blocks of up to 128, each a compressed pickle of (delta-coded ids, weights,
encoded positions); we read each block whole and decode it with numpy: ids by a cumulative
sum, positions (a pickled list of one-byte deltas in the common case) by byte arithmetic
over the whole block. Postings of any other format go through the matcher. A segment
that has a positions file of its own (positions_file.py: the full-text fields as flat
arrays, written beside the segment by the writer) is read from it instead, with nothing
to decode. Deleted documents are *not* removed here: the caller masks them.
"""

from __future__ import annotations

import numpy as np
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import TermNotFound
from whoosh.util.numeric import byte_to_length

from indexer.store.positions_file import decode_values

EMPTY = np.zeros(0, dtype=np.int32)


def _unwrap(matcher):
    """The leaf matcher under Whoosh's deletion filter (deletions are masked by the caller)."""

    while isinstance(matcher, FilterMatcher):
        matcher = matcher.child
    return matcher


def term_docs(leaves, fieldname: str, btext: bytes) -> np.ndarray:
    """Global docnums (sorted) of a term over all segments: leaves = [(reader, offset)]."""
    return term_postings(leaves, fieldname, btext)[0]


# -- weights and positions -------------------------------------------------------------


def _block_weights(data, n: int) -> np.ndarray:
    w = data[1]
    if w is None:
        return np.ones(n, dtype=np.float32)
    if isinstance(w, (int, float)):
        return np.full(n, w, dtype=np.float32)
    return np.asarray(w, dtype=np.float32)


def _iter_w3_blocks(m):
    """Yield each posting block's unpickled data tuple (ids delta-coded, weights, values)."""
    while True:
        if m._data is None:
            m._read_data()
        yield m._data
        if m._lastblock:
            break
        m._goto(m._nextoffset)


def _segment_postings(reader, fieldname: str, btext: bytes):
    """(ids, weights) of a term in one segment; ids segment-local."""
    try:
        if (fieldname, btext) not in reader:
            return EMPTY, np.zeros(0, dtype=np.float32)
        m = _unwrap(reader.postings(fieldname, btext))
    except TermNotFound:
        return EMPTY, np.zeros(0, dtype=np.float32)
    if isinstance(m, W3LeafMatcher) and not m._byteids:
        ids, ws = [], []
        for data in _iter_w3_blocks(m):
            block = np.cumsum(np.asarray(data[0], dtype=np.int64))
            ids.append(block)
            ws.append(_block_weights(data, len(block)))
        if not ids:
            return EMPTY, np.zeros(0, dtype=np.float32)
        return np.concatenate(ids).astype(np.int32), np.concatenate(ws)
    ids, ws = [], []
    while m.is_active():
        ids.append(m.id())
        ws.append(m.weight())
        m.next()
    return np.asarray(ids, dtype=np.int32), np.asarray(ws, dtype=np.float32)


def _field_file(leaf, fieldname: str):
    """The segment's own arrays of the field (positions_file.FieldPostings), or None."""
    pf = leaf[2] if len(leaf) > 2 else None
    return pf.field(fieldname) if pf is not None else None


def term_postings(leaves, fieldname: str, btext: bytes) -> tuple[np.ndarray, np.ndarray]:
    """Global docnums (sorted) and weights (term frequency x field boost) of a term.

    leaves: [(reader, offset)] or [(reader, offset, positions file or None)]; a segment
    with a positions file holding the field is read from it, any other from Whoosh."""
    ids, ws = [], []
    for leaf in leaves:
        reader, offset = leaf[0], leaf[1]
        fp = _field_file(leaf, fieldname)
        i, w = fp.postings(btext) if fp is not None else _segment_postings(reader, fieldname, btext)
        if len(i):
            ids.append(i + np.int32(offset) if offset else i)
            ws.append(w)
    if not ids:
        return EMPTY, np.zeros(0, dtype=np.float32)
    if len(ids) == 1:
        return ids[0], ws[0]
    return np.concatenate(ids), np.concatenate(ws)


def _segment_full(reader, fieldname: str, btext: bytes):
    """(ids, weights, npos, positions) of a term in one segment, reading it once."""
    i64 = np.zeros(0, np.int64)
    empty = (EMPTY, np.zeros(0, np.float32), i64, i64)
    try:
        if (fieldname, btext) not in reader:
            return empty
        m = _unwrap(reader.postings(fieldname, btext))
    except TermNotFound:
        return empty
    if isinstance(m, W3LeafMatcher) and not m._byteids:
        ids, ws, values = [], [], []
        for data in _iter_w3_blocks(m):
            block = np.cumsum(np.asarray(data[0], dtype=np.int64))
            ids.append(block)
            ws.append(_block_weights(data, len(block)))
            values.extend(data[2])
        if not ids:
            return empty
        ids_all = np.concatenate(ids)
        npos, p = decode_values(values)
        return ids_all.astype(np.int32), np.concatenate(ws), npos, p
    ids, ws, npos, poss = [], [], [], []
    while m.is_active():
        ids.append(m.id())
        ws.append(m.weight())
        ps = m.value_as("positions")
        npos.append(len(ps))
        poss.extend(ps)
        m.next()
    return (np.asarray(ids, dtype=np.int32), np.asarray(ws, dtype=np.float32),
            np.asarray(npos, dtype=np.int64), np.asarray(poss, dtype=np.int64))


def _leaf_runs(leaf, fieldname: str, btext: bytes):
    """(segment-local ids, npos, positions) of a term in one segment: from its positions
    file, or decoded from its posting blocks."""
    fp = _field_file(leaf, fieldname)
    if fp is not None:
        return fp.runs(btext)
    ids, _, npos, p = _leaf_postings_runs(leaf, fieldname, btext)
    return ids, npos, p


def _leaf_postings_runs(leaf, fieldname: str, btext: bytes):
    """(segment-local ids, weights, npos, positions) of a term in one segment, as
    `_leaf_runs` with the weights."""
    fp = _field_file(leaf, fieldname)
    return fp.positions_of(btext) if fp is not None else _segment_full(leaf[0], fieldname, btext)


def term_postings_positions(leaves, fieldname: str, btext: bytes):
    """Global (docs, weights) of a term and its (pos_docs, positions) pairs, read once."""
    parts = []
    for leaf in leaves:
        ids, ws, npos, p = _leaf_postings_runs(leaf, fieldname, btext)
        if len(ids):
            offset = leaf[1]
            parts.append((ids + np.int32(offset), ws, np.repeat(ids.astype(np.int64) + offset, npos),
                          p.astype(np.int64)))
    if not parts:
        i64 = np.zeros(0, np.int64)
        return EMPTY, np.zeros(0, np.float32), i64, i64
    return tuple(np.concatenate([pt[k] for pt in parts]) for k in range(4))


def term_runs(leaves, fieldname: str, btext: bytes):
    """A term's positions as runs, one per document holding it: (docs int32 sorted, npos
    int32, positions int32 grouped by document). The per-position docnums that
    `term_postings_positions` spells out are left for the caller to make for the documents
    it wants (a common word holds hundreds of thousands of positions)."""
    parts = []
    for leaf in leaves:
        ids, npos, p = _leaf_runs(leaf, fieldname, btext)
        if len(ids):
            parts.append((ids + np.int32(leaf[1]) if leaf[1] else ids, npos.astype(np.int32, copy=False),
                          p.astype(np.int32, copy=False)))
    if not parts:
        return EMPTY, EMPTY, EMPTY
    if len(parts) == 1:
        return parts[0]
    return tuple(np.concatenate([pt[k] for pt in parts]) for k in range(3))


def term_positions_in(leaves, fieldname: str, btext: bytes, wanted: np.ndarray):
    """(pos_docs, positions) int64 of a term in the documents where `wanted` (bool over the
    global docnums) holds; the positions of the other documents are skipped as read, not
    turned into arrays of their own (a title word held by every passage, wanted on one
    passage per statement)."""
    docs, poss = [], []
    for leaf in leaves:
        ids, npos, p = _leaf_runs(leaf, fieldname, btext)
        ids = ids.astype(np.int64) + leaf[1]
        keep = wanted[ids]
        d = np.repeat(ids[keep], npos[keep])
        p = p[np.repeat(keep, npos)].astype(np.int64)
        if len(d):
            docs.append(d)
            poss.append(p)
    if not docs:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    return np.concatenate(docs), np.concatenate(poss)


def field_lengths(reader, fieldname: str, n: int) -> np.ndarray:
    """float64[n]: every document's length in a field as stored (one byte, decoded); 0 where
    a segment has none. Read from the length column in one piece per segment."""
    lut = np.array([byte_to_length(i) for i in range(256)], dtype=np.float64)
    out = np.zeros(n, dtype=np.float64)
    for r, offset in reader.leaf_readers():
        m = r.doc_count_all()
        perdoc = getattr(r, "_perdoc", None)
        raw = None
        if perdoc is not None and hasattr(perdoc, "_cached_reader"):
            try:
                col = perdoc._cached_reader("_%s_len" % fieldname, LENGTHS_COLUMN)
                if col is not None:
                    raw = np.frombuffer(bytes(col), dtype=np.uint8)[:m]
            except Exception:
                raw = None
        if raw is not None and len(raw) == m:
            out[offset:offset + m] = lut[raw]
        else:
            out[offset:offset + m] = [r.doc_field_length(d, fieldname, 0) or 0 for d in range(m)]
    return out
