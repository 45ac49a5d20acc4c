"""The editable synonyms file, read when a query is parsed (no rebuild, no restart: a
changed file empties the parsed-query cache, see search.parsed_query).

`indexer/data/synonyms.txt` (or the file `STATEMENT_SEARCH_SYNONYMS` names): one group a
line, its forms separated by commas ("NATO, North Atlantic Treaty Organization"); `#`
starts a comment. A query holding any form of a group also finds the others. Forms are
compared by their words, lower-cased, dots dropped ("U.S.S.R." is "ussr"); a form written
in capitals that is also an English word ("US", "CAP", "WHO", "START") matches only when
typed in capitals, so the word "us" or "cap" is left alone, while "nato" finds NATO's long
form. A missing or unreadable file is no synonyms, never an error.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

ENV = "STATEMENT_SEARCH_SYNONYMS"
DEFAULT_PATH = Path(__file__).resolve().parents[1] / "data" / "synonyms.txt"
MAX_ALTERNATIVES = 8  # forms added for one word or run of words

_WORD = re.compile(r"\w+(?:['’]\w+)*", re.UNICODE)


def key(text: str) -> str:
    """A form as compared: its words, lower-cased, dots and hyphens dropped."""
    return " ".join(_WORD.findall(text.replace(".", "").replace("-", " ").lower()))


def is_word(k: str) -> bool:
    """Whether a lower-case form is an English word (simplemma's dictionary)."""
    try:
        from simplemma import is_known
    except ImportError:  # without the dictionary, every capitals form needs capitals
        return True
    return is_known(k, lang="en")


def _is_caps(form: str) -> bool:
    letters = [c for c in form if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and " " not in form.strip()


@dataclass
class Synonyms:
    """Groups of equivalent forms, looked up by a form's key."""

    groups: dict[str, list[str]] = field(default_factory=dict)  # key -> every form of its groups
    caps: set[str] = field(default_factory=set)  # keys that match only as typed in capitals
    longest: int = 1  # the most words in one form

    def add_group(self, forms: list[str]) -> None:
        forms = [f.strip() for f in forms if key(f)]
        if len(forms) < 2:
            return
        for f in forms:
            k = key(f)
            if _is_caps(f) and is_word(k):
                self.caps.add(k)
            self.longest = max(self.longest, len(k.split()))
            entry = self.groups.setdefault(k, [])
            entry.extend(x for x in forms if key(x) != k and x not in entry)

    def alternatives(self, typed: str) -> list[str]:
        """The other forms of what was typed (a word or words side by side), or []."""
        k = key(typed)
        forms = self.groups.get(k)
        if not forms:
            return []
        if k in self.caps and not _is_caps(typed.strip()) and k not in (key(f) for f in forms if not _is_caps(f)):
            return []
        return forms[:MAX_ALTERNATIVES]

    def starts(self, words: list[str]) -> int:
        """The number of words (2 or more) at the start of `words` that form a known
        several-word form, longest first; 0 when none does."""
        for n in range(min(self.longest, len(words)), 1, -1):
            if key(" ".join(words[:n])) in self.groups:
                return n
        return 0


def parse_synonyms(text: str) -> Synonyms:
    out = Synonyms()
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.add_group(line.split(","))
    return out


_cache: dict[str, tuple[float, Synonyms]] = {}


def synonyms_path() -> Path:
    return Path(os.environ.get(ENV) or DEFAULT_PATH)


def synonyms_stamp() -> tuple[str, float | None]:
    """Which synonyms file is in force and when it last changed (None: no file)."""
    path = synonyms_path()
    try:
        return str(path), path.stat().st_mtime
    except OSError:
        return str(path), None


def load_synonyms(path: Path | None = None) -> Synonyms:
    """The synonyms of the file (read again when it changes); empty when it cannot be read."""
    path = Path(path) if path is not None else synonyms_path()
    try:
        mtime = path.stat().st_mtime
    except OSError:
        return Synonyms()
    hit = _cache.get(str(path))
    if hit is not None and hit[0] == mtime:
        return hit[1]
    try:
        syn = parse_synonyms(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError):
        syn = Synonyms()
    _cache[str(path)] = (mtime, syn)
    return syn
