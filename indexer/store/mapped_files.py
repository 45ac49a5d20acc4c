"""Segments read through the memory map, never copied into the process.

Whoosh opens a compound segment file (`*.seg`) as one read-only `mmap` and hands out each
of its sub-files (terms, postings, stored fields, columns) as a `BufferFile`, which wraps
the mapped bytes in a `BytesIO`: that copies every sub-file into private memory, again for
each searcher opened (about 140 MB per searcher on the UN corpus, before any query). Here
a `BufferFile` reads the mapped bytes in place instead, so the segment's pages live in the
operating system's page cache, are shared by every searcher and every server process, and
are read from disk only when a query touches them.

Applied on import (Whoosh is frozen at 2.7.5, so the class patched is stable; the store's
tests pin the version).
"""

from __future__ import annotations

from whoosh.filedb import structfile


class MappedReader:
    """A read-only, seekable file over a buffer (a memoryview of the mmap), without copying
    it: what `BytesIO(buf)` offers a reader, for `read`, `readline`, `readinto`, `seek`,
    `tell` and iteration."""

    def __init__(self, buf):
        self._buf = memoryview(buf).cast("B") if not isinstance(buf, (bytes, bytearray)) else buf
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
        chunk = bytes(self._buf[pos:end])
        cut = chunk.find(b"\n")
        if cut >= 0:
            chunk = chunk[:cut + 1]
        self._pos = pos + len(chunk)
        return chunk

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
    self.file = MappedReader(buf)
    self.onclose = onclose
    self.is_real = False
    self.is_closed = False


def apply() -> None:
    structfile.BufferFile.__init__ = _buffer_file_init


apply()
