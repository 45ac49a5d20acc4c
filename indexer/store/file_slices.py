"""Read-only index files read at offsets with `pread`, never memory-mapped.

A mapped file's pages count in a process's resident memory (RSS) once it has touched
them, and stay counted; a server whose queries touch a little of everything ends up
showing most of the index as its own, though those pages are the operating system's page
cache, shared by every process. Read with `pread` instead, the pages are shared and kept
warm in the page cache just the same (as SQLite reads its database by default), the bytes
a query asks for are copied into memory of its own, and nothing else counts in the RSS.
"""

from __future__ import annotations

import os


class FileSlices:
    """An open read-only file read at offsets with `os.pread` (thread-safe, no shared
    file position; the store runs on POSIX systems only). The
    descriptor is its own (a file object given is duplicated) and is closed when the last
    holder of this object is gone, so readers still at work are never cut off by a close."""

    def __init__(self, path=None, fd: int | None = None):
        if fd is not None:
            self._fd = os.dup(fd)
        else:
            self._fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)

    def size(self) -> int:
        return os.fstat(self._fd).st_size

    def read(self, offset: int, n: int) -> bytes:
        """Exactly n bytes at offset (ValueError when the file is shorter)."""
        data = os.pread(self._fd, n, offset)
        if len(data) == n:
            return data
        parts, got = [data], len(data)
        while got < n:
            chunk = os.pread(self._fd, n - got, offset + got)
            if not chunk:
                raise ValueError(f"the file ends before byte {offset + n}")
            parts.append(chunk)
            got += len(chunk)
        return b"".join(parts)

    def __del__(self):
        fd = getattr(self, "_fd", None)
        if fd is not None:
            self._fd = None
            os.close(fd)


class FileRange:
    """`length` items of `itemsize` bytes from byte `start` of a FileSlices, sliced like a
    bytes object: `r[i:j]` reads and returns the bytes of items i to j, `len(r)` is the
    number of items (of bytes, when itemsize is 1)."""

    def __init__(self, file: FileSlices, start: int, length: int, itemsize: int = 1):
        self._file = file
        self._start = start
        self._length = length
        self._itemsize = itemsize

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, key: slice) -> bytes:
        if not isinstance(key, slice):
            raise TypeError("a file range is read by slices")
        a, b, step = key.indices(self._length)
        if step != 1:
            raise ValueError("a file range is read by contiguous slices")
        size = self._itemsize
        return self._file.read(self._start + a * size, (b - a) * size) if b > a else b""
