"""Each segment's full-text postings and word positions as flat arrays, read in place.

Whoosh keeps a term's postings in blocks of up to 128, each a compressed pickle; reading
the positions of a common word ("general", "nations") means decompressing and unpickling
hundreds of blocks. Beside every segment the writer therefore keeps a file of its own,
`<segment id>.pos` (named like the segment's files, so Whoosh removes it with the segment),
holding for each field with positions (title, text), term by term in term order:

    docs      int32   the segment-local docnums holding the term, ascending
    npos      uint16 (int32 if needed): how many positions each of those postings has
    positions uint16 (int32 if needed): the word positions, posting by posting, ascending
    weights   float32 term frequency x the field's boost (as Whoosh stores it), left out
              when every weight is npos x one boost (`weight_scale`), as it is in practice

with `post_ptr` / `pos_ptr` (int64, one more than the terms) cutting them per term. The
file is a small JSON header followed by the arrays, each aligned to 8 bytes. Reading it,
the small arrays that find a term (terms, term_off, post_ptr, pos_ptr) are loaded whole;
a term's slices of the large ones (docs, npos, positions, weights) are read when asked
for with `os.pread`, straight into an array, nothing decoded. The file is not mapped into
the process: its pages stay in the operating system's page cache, shared by every server
process and kept warm there, but a server's resident memory (RSS) does not grow by every
page its queries ever touched (mapped, the positions of the common words checked for
phrases alone added about 120 MB of resident pages on the UN corpus). A segment without
the file (written before it existed) is read from Whoosh's blocks instead.

The arrays are filled while Whoosh writes the segment, from the same sorted postings it
writes (`Recorder`, fed by `indexer.store.writer`), so they cost no second analysis.
"""

from __future__ import annotations

import json
import os
from array import array
from pathlib import Path
from pickle import loads

import numpy as np

from indexer.store.file_slices import FileRange, FileSlices

EXT = "pos"
MAGIC = b"SSPOS1\n\0"
BATCH = 1 << 16  # postings held as Python objects before they are turned into arrays
_ALIGN = 8


def file_name(segment_id: str) -> str:
    return f"{segment_id}.{EXT}"


# -- decoding Whoosh's position values -----------------------------------------------------

PICKLED_LIST_HEAD = b"\x80\x02]q\x00"  # a pickled list at protocol 2: PROTO 2, EMPTY_LIST, BINPUT 0
_K, _M, _OPEN, _APPEND, _APPENDS, _STOP = 75, 77, 40, 97, 101, 46  # pickle opcodes (_OPEN: MARK)
_PICKLE_HEAD = np.frombuffer(PICKLED_LIST_HEAD, dtype=np.uint8)


def _pickled_positions(value: bytes) -> list[int]:
    """Positions of one posting (a count and a pickled list of position deltas)."""
    if not value.endswith(b"."):
        value += b"."
    pos = 0
    out = []
    for d in loads(value[4:]):
        pos += d
        out.append(pos)
    return out


def decode_values(values: list[bytes]) -> tuple[np.ndarray, np.ndarray]:
    """(npos int64[n], positions int64[sum npos]) of n Whoosh position values, in order.

    A value is a big-endian count and a pickled list of position deltas; the common
    encodings (every delta below 256) are decoded with numpy, any other through pickle.
    """
    if not values:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    lens = np.fromiter(map(len, values), dtype=np.int64, count=len(values))
    buf = np.frombuffer(b"".join(values), dtype=np.uint8)
    last = len(buf) - 1
    starts = np.zeros(len(values), dtype=np.int64)
    np.cumsum(lens[:-1], out=starts[1:])
    ok = lens >= 12
    safe = np.where(ok, starts, 0)
    n = (buf[safe].astype(np.int64) << 24 | buf[np.minimum(safe + 1, last)].astype(np.int64) << 16
         | buf[np.minimum(safe + 2, last)].astype(np.int64) << 8 | buf[np.minimum(safe + 3, last)].astype(np.int64))
    for k in range(5):
        ok &= buf[np.minimum(safe + 4 + k, last)] == _PICKLE_HEAD[k]
    one = ok & (n == 1) & ((lens == 12) | (lens == 13))
    one &= buf[np.minimum(safe + 9, last)] == _K
    one &= buf[np.minimum(safe + 11, last)] == _APPEND
    body = 11 + 2 * n
    many = ok & (n > 1) & ((lens == body) | (lens == body + 1))
    many &= buf[np.minimum(safe + 9, last)] == _OPEN
    many &= buf[np.clip(safe + body - 1, 0, last)] == _APPENDS
    if many.any():  # every item of these must be a one-byte int (K), else pickle decodes them
        idx = np.flatnonzero(many)
        cnt = n[idx]
        group = np.zeros(len(cnt), dtype=np.int64)
        np.cumsum(cnt[:-1], out=group[1:])
        within = np.arange(int(cnt.sum())) - np.repeat(group, cnt)
        item = np.repeat(starts[idx] + 10, cnt) + 2 * within
        bad_item = buf[np.minimum(item, last)] != _K
        if bad_item.any():
            owner = np.repeat(np.arange(len(idx)), cnt)
            many[idx[np.unique(owner[bad_item])]] = False
    rest = np.flatnonzero(~(one | many))
    extra = [_pickled_positions(values[k]) for k in rest.tolist()]
    npos = np.where(one | many, n, 0)
    if len(rest):
        npos[rest] = [len(ps) for ps in extra]
    out_start = np.zeros(len(values), dtype=np.int64)
    np.cumsum(npos[:-1], out=out_start[1:])
    out = np.zeros(int(npos.sum()), dtype=np.int64)
    if one.any():
        out[out_start[one]] = buf[starts[one] + 10]
    if many.any():
        cnt = n[many]
        group = np.zeros(len(cnt), dtype=np.int64)
        np.cumsum(cnt[:-1], out=group[1:])
        within = np.arange(int(cnt.sum())) - np.repeat(group, cnt)
        item = np.repeat(starts[many] + 10, cnt) + 2 * within
        deltas = buf[item + 1].astype(np.int64)
        run = np.cumsum(deltas)
        base = np.repeat(run[group] - deltas[group], cnt)
        out[np.repeat(out_start[many], cnt) + within] = run - base
    for k, ps in zip(rest.tolist(), extra):
        out[out_start[k]:out_start[k] + len(ps)] = ps
    return npos, out


# -- writing -----------------------------------------------------------------------------


class _FieldArrays:
    """One field's postings as they arrive in term order, turned into arrays in batches."""

    def __init__(self):
        self.terms: list[bytes] = []
        self.term_start: list[int] = []  # posting index where each term starts
        self.count = 0
        self._docs = array("I")  # held compactly: a term's come as arrays and are copied whole
        self._weights = array("d")
        self._values: list[bytes] = []
        self.docs: list[np.ndarray] = []
        self.weights: list[np.ndarray] = []
        self.npos: list[np.ndarray] = []
        self.positions: list[np.ndarray] = []

    def add(self, btext: bytes, docnum: int, weight: float, value: bytes) -> None:
        if not self.terms or self.terms[-1] != btext:
            self.terms.append(btext)
            self.term_start.append(self.count)
        self._docs.append(docnum)
        self._weights.append(weight)
        self._values.append(value)
        self.count += 1
        if len(self._docs) >= BATCH:
            self.flush()

    def add_term(self, btext: bytes, docs, weights, values: list[bytes]) -> None:
        """Add all postings of one term at once (after those of the terms before it)."""
        self.terms.append(btext)
        self.term_start.append(self.count)
        self._docs.extend(docs if isinstance(docs, array) and docs.typecode == "I" else array("I", docs))
        self._weights.extend(weights if isinstance(weights, array) and weights.typecode == "d"
                             else array("d", weights))
        self._values.extend(values)
        self.count += len(docs)
        if len(self._docs) >= BATCH:
            self.flush()

    def flush(self) -> None:
        if not self._docs:
            return
        self.docs.append(np.asarray(self._docs, dtype=np.int32))
        self.weights.append(np.asarray(self._weights, dtype=np.float32))
        npos, pos = decode_values(self._values)
        self.npos.append(npos.astype(np.int32))
        self.positions.append(pos)
        self._docs, self._weights, self._values = array("I"), array("d"), []

    def arrays(self) -> dict[str, np.ndarray]:
        self.flush()
        cat = lambda parts, dt: np.concatenate(parts).astype(dt) if parts else np.zeros(0, dt)  # noqa: E731
        npos = cat(self.npos, np.int64)
        positions = cat(self.positions, np.int64)
        post_ptr = np.asarray(self.term_start + [self.count], dtype=np.int64)
        pos_before = np.zeros(len(npos) + 1, dtype=np.int64)
        np.cumsum(npos, out=pos_before[1:])
        blob = b"".join(self.terms)
        term_off = np.zeros(len(self.terms) + 1, dtype=np.int64)
        np.cumsum([len(t) for t in self.terms], out=term_off[1:])
        npos_small = not len(npos) or int(npos.max()) < 1 << 16
        small = not len(positions) or int(positions.max()) < 1 << 16
        out = {
            "terms": np.frombuffer(blob, dtype=np.uint8),
            "term_off": term_off,
            "post_ptr": post_ptr,
            "pos_ptr": pos_before[post_ptr],
            "docs": cat(self.docs, np.int32),
            "npos": npos.astype(np.uint16 if npos_small else np.int32),
            "positions": positions.astype(np.uint16 if small else np.int32),
        }
        weights = cat(self.weights, np.float32)
        scale = weight_scale(weights, npos)
        if scale is None:
            out["weights"] = weights
        else:  # every weight is its position count times the field's boost: not stored
            out["weight_scale"] = np.asarray([scale], dtype=np.float32)
        return out


def weight_scale(weights: np.ndarray, npos: np.ndarray) -> float | None:
    """The boost b with weights == npos * b exactly (float32), or None."""
    if not len(weights) or not npos[0]:
        return None
    scale = np.float32(weights[0] / np.float32(npos[0]))
    if np.array_equal(npos.astype(np.float32) * scale, weights):
        return float(scale)
    return None


class Recorder:
    """Collects the postings of the fields with positions while Whoosh writes a segment.

    `tee(items)` passes Whoosh's sorted (fieldname, btext, docnum, weight, value) postings
    through unchanged, keeping those of `fields`; `write(path)` saves them.
    """

    def __init__(self, fields):
        self.fields = {f: _FieldArrays() for f in fields}
        self.used = False
        self.extra: dict[str, dict[str, np.ndarray]] = {}  # fields given as finished arrays

    def tee(self, items):
        self.used = True
        fields = self.fields
        current_name, current = None, None
        for item in items:
            name = item[0]
            if name != current_name:
                current_name, current = name, fields.get(name)
            if current is not None:
                current.add(item[1], item[2], item[3], item[4])
            yield item

    def add_term(self, name: str, btext: bytes, docs, weights, values: list[bytes]) -> None:
        """Keep one term's postings (in term order), when `name` is one of the fields."""
        self.used = True
        fa = self.fields.get(name)
        if fa is not None:
            fa.add_term(btext, docs, weights, values)

    def write(self, path: Path) -> None:
        """Write the file (through a temporary name, synced) at `path`."""
        header: dict = {"fields": {}}
        chunks: list[np.ndarray] = []
        offset = 0
        named = [(name, fa.arrays()) for name, fa in self.fields.items()] + list(self.extra.items())
        for name, arrays in named:
            desc = {}
            for key, arr in arrays.items():
                arr = np.ascontiguousarray(arr)
                desc[key] = [offset, arr.dtype.str, int(arr.size)]
                chunks.append(arr)
                offset += -(-arr.nbytes // _ALIGN) * _ALIGN
            header["fields"][name] = desc
        head = json.dumps(header).encode("utf-8")
        head += b" " * (-(len(MAGIC) + 8 + len(head)) % _ALIGN)
        tmp = path.with_name(path.name + ".tmp")
        with open(tmp, "wb") as f:
            f.write(MAGIC)
            f.write(len(head).to_bytes(8, "little"))
            f.write(head)
            for arr in chunks:
                data = arr.tobytes()
                f.write(data)
                f.write(b"\0" * (-len(data) % _ALIGN))
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)


# -- reading -----------------------------------------------------------------------------


class DiskArray:
    """One array of the file, read a slice at a time: `a[i:j]` is a numpy array of its
    own (read-only, in private memory only while the caller holds it), `len(a)` its size."""

    def __init__(self, file: FileSlices, offset: int, dtype: np.dtype, count: int):
        self.dtype = np.dtype(dtype)
        self._range = FileRange(file, offset, count, self.dtype.itemsize)

    def __len__(self) -> int:
        return len(self._range)

    def __getitem__(self, key: slice) -> np.ndarray:
        data = self._range[key]
        return np.frombuffer(data, dtype=self.dtype) if data else np.zeros(0, dtype=self.dtype)


class FieldPostings:
    """One field's arrays in a segment's file (numpy arrays, or the large ones DiskArrays)."""

    def __init__(self, arrays: dict):
        self._a = arrays
        self.docs = arrays["docs"]
        self.npos = arrays["npos"]
        self.weights = arrays.get("weights")
        scale = arrays.get("weight_scale")
        self.scale = np.float32(scale[0]) if scale is not None and len(scale) else None
        self.positions = arrays["positions"]
        self.post_ptr = arrays["post_ptr"]
        self.pos_ptr = arrays["pos_ptr"]
        self._lookup: dict[bytes, int] | None = None

    def term_index(self, btext: bytes) -> int:
        """The term's ordinal in the file, -1 when the segment does not hold it."""
        lookup = self._lookup
        if lookup is None:
            blob = self._a["terms"].tobytes()
            off = self._a["term_off"].tolist()
            lookup = {blob[a:b]: i for i, (a, b) in enumerate(zip(off, off[1:]))}
            self._lookup = lookup
        return lookup.get(btext, -1)

    def _span(self, btext: bytes) -> tuple[int, int, int, int]:
        """The term's rows [a, b) of docs, npos and weights and [c, d) of positions (all 0
        when the segment does not hold it)."""
        i = self.term_index(btext)
        if i < 0:
            return 0, 0, 0, 0
        return int(self.post_ptr[i]), int(self.post_ptr[i + 1]), int(self.pos_ptr[i]), int(self.pos_ptr[i + 1])

    def _weights(self, a: int, b: int, npos: np.ndarray | None = None) -> np.ndarray:
        """Weights of rows [a, b): kept, or made from their npos (given when already read)."""
        if self.weights is not None:
            return self.weights[a:b]
        return (self.npos[a:b] if npos is None else npos).astype(np.float32) * self.scale

    def postings(self, btext: bytes) -> tuple[np.ndarray, np.ndarray]:
        """(segment-local docnums, weights float32) of a term, read from the file."""
        a, b, _, _ = self._span(btext)
        return self.docs[a:b], self._weights(a, b)

    def _runs(self, a: int, b: int, c: int, d: int):
        return self.docs[a:b], self.npos[a:b], self.positions[c:d]

    def runs(self, btext: bytes):
        """(docs, npos, positions) of a term, read from the file."""
        return self._runs(*self._span(btext))

    def positions_of(self, btext: bytes):
        """(docs, weights, npos, positions) of a term, read from the file."""
        span = self._span(btext)
        docs, npos, positions = self._runs(*span)
        return docs, self._weights(span[0], span[1], npos=npos), npos, positions


# arrays loaded whole when a file is opened (what finds a term); the others are DiskArrays
_LOADED = frozenset({"terms", "term_off", "post_ptr", "pos_ptr", "weight_scale"})


class PositionsFile:
    """A segment's `.pos` file, opened for reading (see the module's docstring)."""

    def __init__(self, path: Path):
        file = FileSlices(path)
        head = file.read(0, len(MAGIC) + 8)
        if head[:len(MAGIC)] != MAGIC:
            raise ValueError(f"{path}: not a positions file")
        n = int.from_bytes(head[len(MAGIC):], "little")
        start = len(MAGIC) + 8
        header = json.loads(file.read(start, n).decode("utf-8"))
        base = start + n
        size = file.size()
        self.fields: dict[str, FieldPostings] = {}
        for name, desc in header["fields"].items():
            arrays = {}
            for key, (off, dt, count) in desc.items():
                disk = DiskArray(file, base + off, np.dtype(dt), count)
                if base + off + disk.dtype.itemsize * count > size:
                    raise ValueError(f"{path}: cut short (its array {name}/{key} ends past the end)")
                arrays[key] = disk[:] if key in _LOADED else disk
            self.fields[name] = FieldPostings(arrays)

    @classmethod
    def open(cls, directory: Path, segment_id: str) -> "PositionsFile | None":
        """The segment's file, or None when it has none (or it cannot be read)."""
        path = Path(directory) / file_name(segment_id)
        try:
            return cls(path)
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def warm(self) -> None:
        """Build every field's term lookup now rather than on a first query."""
        for fp in self.fields.values():
            fp.term_index(b"")

    def field(self, name: str) -> FieldPostings | None:
        return self.fields.get(name)
