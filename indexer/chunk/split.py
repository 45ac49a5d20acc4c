"""Splitting a long paragraph at sentence ends into balanced pieces."""

from __future__ import annotations

import math
import re

from indexer.chunk.lines import ends_with_abbreviation

MAX_PASSAGE_CHARS = 2000  # a paragraph longer than this is split
_PIECE_CHARS = 1400  # the length split pieces aim at
_PIECE_MIN = 500
_PIECE_MAX = 1800

_SENTENCE_BREAK = re.compile(r"[.!?…][\"'”’»)\]]*\s+(?=[\"'“‘«(\[]?\w)")


def _sentence_starts(text: str) -> list[int]:
    """Offsets in `text` where a sentence starts (after the first one)."""
    starts = []
    for m in _SENTENCE_BREAK.finditer(text):
        nxt = m.end()
        j = nxt
        while j < len(text) and text[j] in "\"'“‘«([":
            j += 1
        if j >= len(text) or not (text[j].isupper() or text[j].isdigit()):
            continue
        k = m.start()
        w = k
        while w > 0 and not text[w - 1].isspace():
            w -= 1
        if text[k] == "." and ends_with_abbreviation(text[w : k + 1]):
            continue
        starts.append(nxt)
    return starts


def _fallback_cut(text: str, lo: int, hi: int, target: int) -> int:
    """A cut offset in [lo, hi] near `target` when no sentence ends there: after "; ",
    else after ", ", else at a space, else at `target`."""
    for sep in ("; ", ": ", ", ", " "):
        best = -1
        end = hi + len(sep)  # look only inside the window: a search to the end of a long
        pos = text.find(sep, lo, end)  # text for every piece would make splitting quadratic
        while pos >= 0:
            if best < 0 or abs(pos - target) < abs(best - target):
                best = pos
            pos = text.find(sep, pos + 1, end)
        if best >= 0:
            return best + len(sep)
    return target


def split_long(text: str, limit: int = MAX_PASSAGE_CHARS) -> list[str]:
    """Split `text` longer than `limit` at sentence ends into pieces of about 800-1,500
    characters (balanced, so no tiny tail); returns [text] when it is short enough."""
    if len(text) <= limit:
        return [text]
    starts = _sentence_starts(text)
    pieces = []
    begin = 0
    si = 0
    while len(text) - begin > limit:
        remaining = len(text) - begin
        k = math.ceil(remaining / _PIECE_CHARS)
        target = begin + remaining / k
        lo, hi = begin + _PIECE_MIN, begin + _PIECE_MAX
        best = -1
        while si < len(starts) and starts[si] <= begin:
            si += 1
        j = si
        while j < len(starts) and starts[j] <= hi:
            s = starts[j]
            if s >= lo and (best < 0 or abs(s - target) < abs(best - target)):
                best = s
            j += 1
        if best < 0:
            best = _fallback_cut(text, lo, hi, int(target))
        piece = text[begin:best].strip()
        if piece:
            pieces.append(piece)
        begin = best
    tail = text[begin:].strip()
    if tail:
        pieces.append(tail)
    return pieces
