"""Segments read in place with `pread`: neither copied into the process nor mapped into it.

Whoosh opens a compound segment file (`*.seg`) as one read-only `mmap` and hands out each
of its sub-files (terms, postings, stored fields, columns) as a `BufferFile`, which wraps
the mapped bytes in a `BytesIO`: that copies every sub-file into private memory, again for
each searcher opened (about 140 MB per searcher on the UN corpus, before any query). Here
the segment file is not mapped at all: a `BufferFile` reads the bytes it is asked for with
`pread` (file_slices.py), so the segment's pages live in the operating system's page
cache, are shared by every searcher and every server process, are read from disk only
when a query touches them, and do not count in a server's resident memory (mapped, the
pages its queries touched did: about 57 MB after bench_search's queries on UNGDC).

Applied on import (Whoosh is frozen at 2.7.5, so the classes patched are stable; the
store's tests pin the version).
"""

from __future__ import annotations

from whoosh.filedb import compound, structfile
from whoosh.filedb.filestore import StorageError

from indexer.store.file_slices import FileRange, FileSlices

_LINE = 256  # bytes read at a time while looking for the end of a line


class RangeReader:
    """A read-only, seekable file over a buffer (bytes, a memoryview, or a FileRange read
    with `pread`) that reads only what it is asked for, without copying the rest: what
    `BytesIO(buf)` offers a reader, for `read`, `readline`, `readinto`, `seek`, `tell` and
    iteration."""

    def __init__(self, buf):
        if not isinstance(buf, (bytes, bytearray, FileRange)):
            buf = memoryview(buf).cast("B")
        self._buf = buf
        self._pos = 0
        self._len = len(self._buf)

    def read(self, n: int = -1) -> bytes:
        pos = self._pos
        end = self._len if n is None or n < 0 else min(self._len, pos + n)
        if end <= pos:
            return b""
        self._pos = end
        return bytes(self._buf[pos:end])

    def readinto(self, b) -> int:
        data = self.read(len(b))
        b[:len(data)] = data
        return len(data)

    def readline(self, limit: int = -1) -> bytes:
        pos = self._pos
        end = self._len if limit is None or limit < 0 else min(self._len, pos + limit)
        parts, at, step = [], pos, _LINE
        while at < end:
            chunk = bytes(self._buf[at:min(end, at + step)])
            cut = chunk.find(b"\n")
            if cut >= 0:
                parts.append(chunk[:cut + 1])
                break
            parts.append(chunk)
            at += len(chunk)
            step *= 2
        line = b"".join(parts)
        self._pos = pos + len(line)
        return line

    def __iter__(self):
        while True:
            line = self.readline()
            if not line:
                return
            yield line

    def seek(self, pos: int, whence: int = 0) -> int:
        if whence == 1:
            pos += self._pos
        elif whence == 2:
            pos += self._len
        if pos < 0:
            raise ValueError("negative seek position %d" % pos)
        self._pos = pos
        return pos

    def tell(self) -> int:
        return self._pos

    def seekable(self) -> bool:
        return True

    def readable(self) -> bool:
        return True

    def close(self) -> None:
        self._buf = b""
        self._len = 0


def _buffer_file_init(self, buf, name=None, onclose=None):
    self._buf = buf
    self._name = name
    self.file = RangeReader(buf)
    self.onclose = onclose
    self.is_real = False
    self.is_closed = False


_compound_init = compound.CompoundStorage.__init__


def _compound_storage_init(self, dbfile, use_mmap=True, basepos=0):
    """Whoosh's own opening (the directory of sub-files read from the file) without the
    map; the segment is then read through a descriptor of its own, and Whoosh's file is
    closed (a reader still holding a sub-file keeps that descriptor open)."""
    _compound_init(self, dbfile, use_mmap=False, basepos=basepos)
    fileno = getattr(self._file, "fileno", None)
    if use_mmap and fileno is not None:
        self._slices = FileSlices(fd=fileno())
        self._file.close()
        self._file = None


_compound_open_file = compound.CompoundStorage.open_file


def _compound_open_file_in_place(self, name, *args, **kwargs):
    slices = getattr(self, "_slices", None)
    if slices is None:
        return _compound_open_file(self, name, *args, **kwargs)
    if self.is_closed:
        raise StorageError("Storage was closed")
    offset, length = self.range(name)
    return structfile.BufferFile(FileRange(slices, offset, length), name=name)


def apply() -> None:
    structfile.BufferFile.__init__ = _buffer_file_init
    compound.CompoundStorage.__init__ = _compound_storage_init
    compound.CompoundStorage.open_file = _compound_open_file_in_place


apply()
