"""The taxonomy file: one `[topics.<id>]` table per topic, read into `Topic`s, and each
keyword expanded into the forms it matches (plural of the last word, a trailing `*`,
spaces, hyphens and apostrophes as separator atoms). Errors name the topic and the
problem (`TaxonomyError`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


ENV_VAR = "STATEMENT_SEARCH_TAXONOMY"
PACKAGE_FILE = "data/taxonomy.toml"

KEYWORD_WEIGHT = 1.0
STRONG_WEIGHT = 2.0
PATTERN_WEIGHT = 2.0
REPEAT_FACTOR = 0.5  # each repeat of a term in a passage adds this share of its weight
DEFAULT_MIN_HITS = 2.0

_ID_RE = re.compile(r"^[a-z][a-z0-9_-]{0,39}$")
_TOPIC_KEYS = {"label", "keywords", "strong", "patterns", "exclude", "min_hits", "weight",
               "description"}
_KEYWORD_CHARS_RE = re.compile(r"^[\w\s'’.,&/+-]+\*?$")

# Atoms of a keyword form besides literal characters.
_SEP = "\ue000"  # a space: one or more spaces or hyphens
_OPT_SEP = "\ue001"  # a hyphen: a hyphen, spaces or nothing
_APOS = "\ue002"  # an apostrophe: ' or ’ or nothing
END = "word"  # trie end marker: a whole form ends here
PREFIX_END = "prefix"  # trie end marker: a prefix form ends here (any word ending)

ATOM_RE = {_SEP: r"[\s\-]+", _OPT_SEP: r"[\s\-]{0,3}", _APOS: r"['’]?"}
_KEY_STRIP_RE = re.compile(r"[\s\-'’]+")


class TaxonomyError(ValueError):
    """A taxonomy file that cannot be used: bad TOML, a topic without a label, a bad
    regular expression or keyword. The message names the file, the topic and the problem."""


@dataclass(frozen=True)
class Topic:
    """One topic of the taxonomy, as loaded."""

    id: str
    label: str
    keywords: tuple[str, ...] = ()
    strong: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    min_hits: float = DEFAULT_MIN_HITS
    weight: float = 1.0
    description: str = ""

# --------------------------------------------------------------------------------------
# Keyword forms


def _inflections(word: str) -> list[str]:
    """The word and its plural: "union" -> unions, "monopoly" -> monopolies, "tax" -> taxes."""
    forms = [word]
    if not word or not word[-1].isalpha():
        return forms
    if word.endswith(("s", "x", "z", "ch", "sh")):
        forms.append(word + "es")
    elif word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        forms.append(word[:-1] + "ies")
    else:
        forms.append(word + "s")
    return forms


def keyword_atoms(text: str) -> str:
    """A keyword form (lower case) written with the separator atoms."""
    out = []
    for ch in text:
        if ch.isspace():
            if not out or out[-1] != _SEP:
                out.append(_SEP)
        elif ch == "-":
            out.append(_OPT_SEP)
        elif ch in "'’":
            out.append(_APOS)
        else:
            out.append(ch)
    return "".join(out)


def form_key(text: str) -> str:
    """The lookup key of a matched text or a form: lower case, no spaces, hyphens or
    apostrophes."""
    return _KEY_STRIP_RE.sub("", text.lower())


def parse_keyword(raw: str, topic_id: str) -> tuple[list[str], bool]:
    """Expand a keyword into its forms (lower case); returns (forms, is_prefix)."""
    text = " ".join(raw.split()).lower()
    if not text or text == "*":
        raise TaxonomyError(f"topic '{topic_id}': empty keyword")
    if "*" in text[:-1]:
        raise TaxonomyError(f"topic '{topic_id}': keyword {raw!r}: '*' may only end a keyword")
    if not _KEYWORD_CHARS_RE.match(text):
        raise TaxonomyError(
            f"topic '{topic_id}': keyword {raw!r} has characters a keyword cannot hold "
            "(write a regular expression under 'patterns')")
    if text.endswith("*"):
        stem = text[:-1].rstrip()
        if len(form_key(stem)) < 3:
            raise TaxonomyError(f"topic '{topic_id}': keyword {raw!r}: prefix too short")
        return [stem], True
    head, _, last = text.rpartition(" ")
    forms = [(head + " " + w) if head else w for w in _inflections(last)]
    return forms, False

# --------------------------------------------------------------------------------------
# Loading


def _as_strings(value: object, topic_id: str, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise TaxonomyError(f"topic '{topic_id}': '{key}' must be a list of strings")
    if any(not v.strip() for v in value):
        raise TaxonomyError(f"topic '{topic_id}': '{key}' holds an empty string")
    return tuple(value)


def _as_number(value: object, topic_id: str, key: str, default: float) -> float:
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
        raise TaxonomyError(f"topic '{topic_id}': '{key}' must be a positive number")
    return float(value)


def compile_regex(pattern: str, topic_id: str, key: str) -> re.Pattern:
    try:
        compiled = re.compile(pattern, re.IGNORECASE)
    except re.error as exc:
        raise TaxonomyError(
            f"topic '{topic_id}': bad regular expression in '{key}': {pattern!r}: {exc}"
        ) from None
    if compiled.match(""):
        raise TaxonomyError(
            f"topic '{topic_id}': regular expression in '{key}' matches empty text: {pattern!r}")
    return compiled


def topic_from_table(topic_id: str, table: object) -> Topic:
    if not _ID_RE.match(topic_id):
        raise TaxonomyError(
            f"topic '{topic_id}': an id is a short slug of lower-case letters, digits, "
            "'_' or '-'")
    if not isinstance(table, dict):
        raise TaxonomyError(f"topic '{topic_id}': must be a table ([topics.{topic_id}])")
    unknown = sorted(set(table) - _TOPIC_KEYS)
    if unknown:
        raise TaxonomyError(
            f"topic '{topic_id}': unknown key(s) {', '.join(unknown)} "
            f"(known: {', '.join(sorted(_TOPIC_KEYS))})")
    label = table.get("label")
    if not isinstance(label, str) or not label.strip():
        raise TaxonomyError(f"topic '{topic_id}': missing label")
    topic = Topic(
        id=topic_id,
        label=label.strip(),
        keywords=_as_strings(table.get("keywords"), topic_id, "keywords"),
        strong=_as_strings(table.get("strong"), topic_id, "strong"),
        patterns=_as_strings(table.get("patterns"), topic_id, "patterns"),
        exclude=_as_strings(table.get("exclude"), topic_id, "exclude"),
        min_hits=_as_number(table.get("min_hits"), topic_id, "min_hits", DEFAULT_MIN_HITS),
        weight=_as_number(table.get("weight"), topic_id, "weight", 1.0),
        description=str(table.get("description", "")),
    )
    if not (topic.keywords or topic.strong or topic.patterns):
        raise TaxonomyError(f"topic '{topic_id}': no keywords, strong phrases or patterns")
    return topic
