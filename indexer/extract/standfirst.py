"""The subtitle (standfirst) of a statement: the line right under its title that says more
of what it is ("Joint statement of communist and workers' parties on the 100th anniversary
of the October Revolution"), kept apart from the title.

    find_subtitle(lines, title) -> str     "" when the line under the title is the text
"""

from __future__ import annotations

import re

from indexer.extract.dates import is_dateline
from indexer.extract.genres import genre_of, kicker_genre

_HEAD_LINES = 8  # the title is looked for among the first lines
_MAX_CHARS = 250
_MIN_WORDS = 5
_BYLINE_RE = re.compile(r"^(?:by|posted|published|written|filed|updated|source)\b", re.IGNORECASE)
_ORG_ONLY_RE = re.compile(
    r"^(?:the\s+)?(?:[\w'’.-]+\s+){0,6}(?:party|parties|committee|bureau|office|secretariat)"
    r"(?:\s+of\s+(?:the\s+)?[\w'’.-]+(?:\s+[\w'’.-]+){0,4})?$", re.IGNORECASE)


def _words(text: str) -> list[str]:
    return text.split()


def find_subtitle(lines: list[str], title: str) -> str:
    """The standfirst under `title` in the first lines of `lines`, or ""."""
    shown = [" ".join(ln.split()) for ln in lines[: _HEAD_LINES + 4] if ln and ln.strip()]
    key = " ".join(title.split()).rstrip(".…").lower()
    if not key:
        return ""
    at = next((i for i, ln in enumerate(shown[:_HEAD_LINES])
               if ln.lower().rstrip(".").startswith(key) or ln.lower().endswith(key)), None)
    if at is None or at + 2 >= len(shown):
        return ""  # no title line, or nothing after the line under it
    line = shown[at + 1]
    words = _words(line)
    if len(words) < _MIN_WORDS or len(line) > _MAX_CHARS or not line[0].isupper():
        return ""
    if is_dateline(line) or kicker_genre(line) or _ORG_ONLY_RE.match(line) or _BYLINE_RE.match(line):
        return ""
    if line[-1] in ".!?:;," and not (genre_of(line) and line[-1] == "."):
        return ""  # a sentence of the text
    return line.rstrip(".")
