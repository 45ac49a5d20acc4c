"""Telling a binary file (PDF, image, archive, office file) from a text file."""

from __future__ import annotations

import re

from indexer.read.decode import bom_encoding, sniff_utf16

_MAGIC = (
    b"%PDF-", b"\x89PNG", b"GIF87a", b"GIF89a", b"\xff\xd8\xff", b"PK\x03\x04", b"PK\x05\x06",
    b"\x1f\x8b\x08", b"\xfd7zXZ\x00", b"7z\xbc\xaf\x27\x1c", b"Rar!\x1a\x07", b"\xd0\xcf\x11\xe0",
    b"\x7fELF", b"II*\x00", b"MM\x00*", b"OggS", b"wOFF", b"wOF2", b"SQLite format 3\x00",
)
_BAD_CHAR_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f\x80-\x9f\ufffd\ue000-\uf8ff]")


def looks_binary(data: bytes) -> bool:
    """Binary by signature, or more than 1 NUL per 1,000 bytes in the first 8 KB
    (NUL padding at the end of a text file is forgiven)."""
    if data.startswith(_MAGIC):
        return True
    if bom_encoding(data) is not None:
        return False
    sample = data[:8192]
    if len(sample) < len(data):
        nuls = sample.count(0)
    else:
        nuls = sample.rstrip(b"\x00").count(0)
    if not nuls or nuls * 1000 <= len(sample):
        return False
    return sniff_utf16(data) is None


def mostly_non_text(text: str) -> bool:
    """More than 5 % control or undecodable characters in the first 16K characters
    (NUL padding at the end aside)."""
    sample = text[:16384].rstrip("\x00")
    if not sample:
        return False
    bad = len(_BAD_CHAR_RE.findall(sample))
    return bad * 20 > len(sample)  # more than 5 % control / undecodable characters
