"""Split one line or table row of a signatory list into party names.

    split_party_list(text) -> list[str]
        the names of a one-sentence comma (or semicolon) list, "and" splitting the last
        two unless it sits inside a party's name ("Party of Labour and Socialism").

Table rows give their party cell (a header row names the columns), with the country
cell beside it when the name does not say it.
"""

from __future__ import annotations

import re

from indexer.extract.signatory_names import (
    ALLCAPS_TOKEN_RE, FAMILY_RE, HEAD_RE, LEADING_AND_RE, TRAILING_PUNCT_RE, URL_RE,
    brackets_balanced, clean_name, collapse_spaces, has_head, has_head_word, is_strong,
    looks_like_name, name_words, registry_known, strip_marker,
)


_HEADER_CELL_RE = re.compile(
    r"^(?:no\.?|nr\.?|#|n[°º]|party|parties|party\s+name|name|organi[sz]ation|country"
    r"|countries|state|signatory|signatories|signatory\s+party|website|web|acronym"
    r"|abbreviation|short\s+name|logo|region|continent|date)$",
    re.IGNORECASE,
)
_COUNTRY_CELL_RE = re.compile(r"^(?:country|countries|state|nation)$", re.IGNORECASE)
_PARTY_CELL_RE = re.compile(
    r"^(?:party|parties|party\s+name|name|organi[sz]ation|signatory(?:\s+party)?"
    r"|signatories)$",
    re.IGNORECASE,
)
_NUMBER_CELL_RE = re.compile(r"^[#(]?\d{1,4}[.)]?$")

def _split_top(text: str, sep: str) -> list[str]:
    """Split `text` on `sep` wherever it stands outside brackets."""
    parts: list[str] = []
    depth = 0
    start = 0
    for i, ch in enumerate(text):
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth = max(depth - 1, 0)
        elif ch == sep and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts


def _top_level_and(text: str) -> list[tuple[int, int]]:
    """Spans of " and " / " & " outside brackets in `text`."""
    spans = []
    for m in re.finditer(r"\s+(?:and|&)\s+", text):
        before = text[: m.start()]
        if before.count("(") == before.count(")") and before.count("[") == before.count("]"):
            spans.append((m.start(), m.end()))
    return spans


def _split_and(item: str) -> list[str]:
    """Split "X and Y" into two names only when both sides are organisation names.

    "Pole of Communist Revival in France (PRCF) and Communist Front (Italy)" splits;
    "Party of Labour and Progress" and "Communist and Workers' Party" do not.
    """
    spans = _top_level_and(item)
    if not spans:
        return [item]
    for start, end in reversed(spans):
        left, right = item[:start].strip(), item[end:].strip()
        if not right or not right[0].isupper():
            continue
        left_name, right_name = clean_name(left), clean_name(right)
        # Head words, not bracketed acronyms: in "Party for Democracy and Socialism
        # (PADS)" the acronym belongs to the whole name.
        if (
            looks_like_name(left_name)
            and looks_like_name(right_name)
            and has_head_word(left_name)
            and has_head_word(right_name)
        ):
            if registry_known(clean_name(item)):
                return [item]  # the registry knows the whole as one party
            return _split_and(left) + [right]
    return [item]


def split_party_list(text: str) -> list[str]:
    """Split a one-sentence list of parties into cleaned names.

    Takes e.g. "Party of Labour of Austria, Communist Party of Greece (KKE) and
    Communist Front (Italy)." and returns ["Party of Labour of Austria",
    "Communist Party of Greece (KKE)", "Communist Front (Italy)"]. Semicolons, when
    present, separate the items (so "Tudeh Party, Iran; ..." keeps its country);
    otherwise commas do. Separators inside brackets never split; " and " splits only
    the last item, and only when both sides look like organisation names.
    """
    text = TRAILING_PUNCT_RE.sub("", collapse_spaces(text))
    if not text:
        return []
    sep = ";" if len(_split_top(text, ";")) > 1 else ","
    pieces = [p.strip() for p in _split_top(text, sep)]
    pieces = [p for p in pieces if p]
    if not pieces:
        return []
    pieces[-1:] = _split_and(LEADING_AND_RE.sub("", pieces[-1]))
    names = [clean_name(p) for p in pieces]
    return [n for n in names if n]


# --------------------------------------------------------------------------- lines


def parse_line(text: str) -> list[str] | None:
    """The names one list line holds, or None when the line is not part of a list.

    A line holds several names when it splits into organisation names ("A, B and C");
    otherwise it is one name, possibly with its country ("Tudeh Party, Iran").
    """
    body = strip_marker(text)
    if not body:
        return None
    if "," in body or ";" in body or " and " in body or " & " in body:
        pieces = split_party_list(body)
        if len(pieces) >= 2 and all(looks_like_name(p) for p in pieces):
            heads = sum(1 for p in pieces if has_head(p, registry=False))
            if heads == len(pieces) or (len(pieces) >= 3 and heads >= 0.6 * len(pieces)):
                return pieces
    name = clean_name(body)
    if not looks_like_name(name):
        return None
    pieces = [p.strip() for p in _split_top(name, ",")]
    if len(pieces) >= 3:
        # "Maria Lopez, General Secretary, Communist Party of X": keep the party.
        at = next((i for i, p in enumerate(pieces) if HEAD_RE.search(p)), None)
        if at is not None and at > 0 and not is_strong(pieces[0]):
            return [", ".join(pieces[at:])]
    # Otherwise one name with commas is "Name, Country": pieces capitalised, the rest short.
    if len(pieces) > 1 and not all(
        p and (p[0].isupper() or p[0].isdigit()) and (i == 0 or len(name_words(p)) <= 4)
        for i, p in enumerate(pieces)
    ):
        return None
    return [name]


def looks_unfinished(text: str) -> bool:
    """True when a line is cut in the middle of a comma sentence and goes on below."""
    text = strip_marker(text)
    if not brackets_balanced(text):
        return True
    words = name_words(text)
    if words and words[-1] in {"of", "the", "and", "for", "de", "del", "du", "des", "la"}:
        return True
    if text.endswith(","):
        return len(_split_top(text[:-1], ",")) >= 3
    return False


def row_name(cells: tuple[str, ...], columns: dict[str, int] | None) -> str | None:
    """The "Party, Country" entry of a table row, or None when the row holds no party."""
    if columns and columns.get("party", len(cells)) < len(cells):
        party = clean_name(cells[columns["party"]])
        country_col = columns.get("country", len(cells))
        country = clean_name(cells[country_col]) if country_col < len(cells) else ""
        if party and looks_like_name(party):
            return _with_country(party, country)
    useful = [
        c for c in cells if c and not _NUMBER_CELL_RE.match(c) and not URL_RE.search(c)
    ]
    if not useful:
        return None
    party = next((c for c in useful if HEAD_RE.search(c) or FAMILY_RE.search(c)), None)
    if party is None:
        party = next((c for c in useful if looks_like_name(clean_name(c))), None)
    if party is None:
        return None
    party_name = clean_name(party)
    if not looks_like_name(party_name):
        return None
    country = ""
    for cell in useful:
        if cell is party:
            continue
        cleaned = clean_name(cell)
        words = name_words(cleaned)
        if (
            cleaned
            and 1 <= len(words) <= 4
            and not HEAD_RE.search(cleaned)
            and not FAMILY_RE.search(cleaned)
            and not ALLCAPS_TOKEN_RE.match(cleaned)  # an acronym column, not a country
            and looks_like_name(cleaned)
        ):
            country = cleaned
            break
    return _with_country(party_name, country)


def _with_country(name: str, country: str) -> str:
    if not country or country.lower() in name.lower():
        return name
    return f"{name}, {country}"


def header_columns(cells: tuple[str, ...]) -> dict[str, int] | None:
    """Column roles of a header row ("Party | Country"), or None for a data row."""
    filled = [c for c in cells if c]
    if not filled or not all(_HEADER_CELL_RE.match(c) for c in filled):
        return None
    columns: dict[str, int] = {}
    for i, cell in enumerate(cells):
        if _PARTY_CELL_RE.match(cell) and "party" not in columns:
            columns["party"] = i
        elif _COUNTRY_CELL_RE.match(cell) and "country" not in columns:
            columns["country"] = i
    return columns


# --------------------------------------------------------------------------- lists
