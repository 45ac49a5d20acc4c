"""Numbered points: which paragraphs open a point, and the point's label ("4", "II.2", "4.a.ii").

A label counts only inside a sequence: at least two labels of the same level whose values
go up by one (see `indexer.chunk.chunking` for the full rules). `merge_bare_labels` joins a
paragraph that is only a label ("II.", "1.") to the next one; `point_labels` gives each
paragraph (opens a point, label).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.chunk.reflow import Para

_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_ROMAN_VALID = re.compile(r"(?:X{0,3}|XL|L|LX{1,3}|XC)(?:IX|IV|V?I{0,3})", re.I)

# "12." "12)" "(12)" "12 -" followed by a space or the end; "12.The" is accepted too.
_NUMBER_LABEL = re.compile(r"(?:\((\d{1,3})\)|(\d{1,3})(?:\)|\.(?![\d.,])|\s*[-–—](?=\s)))\s*")
# "II." "II)" "II -" ; "II" alone is handled separately.
_ROMAN_LABEL = re.compile(r"(?:\(([IVXLC]{1,7})\)|([IVXLC]{1,7})(?:[.)]|\s*[-–—](?=\s)))(?=\s|$)\s*")
# "(a)" "a)" "a." ; "(iv)" "iv)" "iv."
_LOWER_LABEL = re.compile(r"(?:\(([a-z]|[ivx]{1,5})\)|([a-z]|[ivx]{1,5})[.)])(?=\s|$)\s*")

_NUMBER, _ROMAN, _LETTER, _LOWER_ROMAN = 1, 0, 2, 3
_NEST_GAP = 2  # paragraphs allowed between a label and the first sub-label nested in it


@dataclass
class _Label:
    level: int  # _ROMAN, _NUMBER, _LETTER or _LOWER_ROMAN
    value: int
    token: str  # the label as stored in Passage.point: "II", "4", "a", "iv"
    alt_roman: int = 0  # for "i"/"v"/"x": the value as a lower-case Roman numeral
    bare: bool = False  # the paragraph holds nothing but the label
    style: str = ""  # how the label is written: "(", ")", ".", "-" or "" (alone)


def _roman_value(s: str) -> int:
    if not _ROMAN_VALID.fullmatch(s):
        return 0
    total = 0
    prev = 0
    for ch in reversed(s.upper()):
        v = _ROMAN_VALUES[ch]
        if v < prev:
            total -= v
        else:
            total += v
            prev = v
    return total


def _style(m: re.Match) -> str:
    """How a matched label is written: "(" for "(1)", else its first mark after the
    number (")", ".", "-")."""
    if m.group(1):
        return "("
    mark = m.group(0)[len(m.group(2)) :].strip()[:1]
    return "-" if mark in "-–—" else mark


def _parse_label(text: str) -> _Label | None:
    """The point label a paragraph opens with, or None. No sequence check here."""
    c = text[0]
    if c.isdigit() or (c == "(" and text[1:2].isdigit()):
        m = _NUMBER_LABEL.match(text)
        if m:
            value = int(m.group(1) or m.group(2))
            if 0 < value <= 200:
                return _Label(_NUMBER, value, str(value), bare=m.end() == len(text), style=_style(m))
        return None
    if c in "IVXLC(":
        m = _ROMAN_LABEL.match(text)
        if m:
            token = m.group(1) or m.group(2)
            value = _roman_value(token)
            if value:
                return _Label(_ROMAN, value, token, bare=m.end() == len(text), style=_style(m))
        elif c != "(" and len(text) <= 7 and text.isalpha():
            value = _roman_value(text)
            if value:
                return _Label(_ROMAN, value, text, bare=True, style="")
        if c != "(":
            return None
    if c.islower() or c == "(":
        m = _LOWER_LABEL.match(text)
        if m:
            token = m.group(1) or m.group(2)
            bare = m.end() == len(text)
            style = _style(m)
            if len(token) == 1:
                alt = _roman_value(token) if token in "ivx" else 0
                return _Label(_LETTER, ord(token) - 96, token, alt_roman=alt, bare=bare, style=style)
            value = _roman_value(token)
            if value:
                return _Label(_LOWER_ROMAN, value, token, bare=bare, style=style)
    return None


@dataclass
class _Run:
    level: int
    members: list[int]  # paragraph indices
    last_value: int
    end: int = 0  # last paragraph index of the run's scope (see `_scopes`)
    style: str = ""

    def takes(self, value: int, style: str) -> bool:
        """True when a label continues this run: the next value, or (in a run of two or
        more written the same way) the value after it, one label being lost."""
        step = value - self.last_value
        if step == 1:
            return True
        return step == 2 and len(self.members) >= 2 and style == self.style


def _accept_labels(labels: dict[int, _Label]) -> dict[int, tuple[_Label, _Run]]:
    """Keep the labels that form sequences.

    Takes {paragraph index: label}; returns {paragraph index: (label, run)} for labels
    in runs of at least two members whose values go up by one or two at a time. A label
    that fits no open run starts a new one; "i", "v", "x" continue a letter run when the
    letter before them was the previous label, else they count as lower-case Roman.
    """
    open_runs: dict[int, list[_Run]] = {0: [], 1: [], 2: [], 3: []}
    all_runs: list[_Run] = []
    placed: dict[int, _Label] = {}
    for idx in sorted(labels):
        lab = labels[idx]
        level, value = lab.level, lab.value
        if level == _LETTER and lab.alt_roman:
            letter_fits = any(r.takes(value, lab.style) for r in open_runs[_LETTER])
            if not letter_fits:
                level, value = _LOWER_ROMAN, lab.alt_roman
                lab = _Label(level, value, lab.token, bare=lab.bare, style=lab.style)
        target = None
        for r in reversed(open_runs[level]):
            if r.takes(value, lab.style):
                target = r
                break
        if target is None:
            target = _Run(level, [], 0, style=lab.style)
            open_runs[level].append(target)
            all_runs.append(target)
        target.members.append(idx)
        target.last_value = value
        placed[idx] = lab
    accepted: dict[int, tuple[_Label, _Run]] = {}
    runs = [r for r in all_runs if len(r.members) >= 2]
    runs += _restarted_singles(runs, [r for r in all_runs if len(r.members) == 1])
    _scopes(runs)
    for r in runs:
        for idx in r.members:
            accepted[idx] = (placed[idx], r)
    return accepted


def _scopes(runs: list[_Run]) -> None:
    """Set each run's scope end: its last member, stretched over deeper runs that start
    inside it or at most `_NEST_GAP` paragraphs after it (a section's last point runs to
    the end of its own sub-points)."""
    for level in (3, 2, 1, 0):
        for r in runs:
            if r.level != level:
                continue
            end = r.members[-1]
            first = r.members[0]
            changed = True
            while changed:
                changed = False
                for d in runs:
                    if d.level > level and first < d.members[0] <= end + _NEST_GAP and d.end > end:
                        end = d.end
                        changed = True
            r.end = end


def _restarted_singles(runs: list[_Run], singles: list[_Run]) -> list[_Run]:
    """One-member runs numbered 1 (or "a") that restart the numbering inside a Roman
    section of a document whose other sections hold numbered sequences: "II." followed
    by a lone "1." is point "II.1"."""
    romans = [r for r in runs if r.level == _ROMAN]
    if not romans:
        return []
    kept = []
    for s in singles:
        if s.level == _ROMAN or s.last_value != 1:
            continue
        idx = s.members[0]
        if not any(r.level == s.level and r.members[-1] < idx for r in runs):
            continue
        for r in romans:
            before = [m for m in r.members if m < idx]
            if before and idx - before[-1] <= _NEST_GAP + 1:
                kept.append(s)
                break
    return kept


def merge_bare_labels(paras: list[Para]) -> tuple[list[Para], dict[int, _Label]]:
    """Find labels; join a paragraph that is only a label ("II.", "1.") to the next one.

    Returns the new paragraph list and {index in it: label}.
    """
    out: list[Para] = []
    labels: dict[int, _Label] = {}
    pending: _Label | None = None
    for p in paras:
        c = p.text[0]
        lab = _parse_label(p.text) if (c.isdigit() or c in "IVXLC(" or c.islower()) else None
        if pending is not None:
            prev = out[-1]
            prev.text = prev.text + " " + p.text
            prev.last_block = p.last_block
            if p.kind != "paragraph":
                prev.kind = p.kind
            labels[len(out) - 1] = pending
            pending = None
            continue
        out.append(Para(p.text, p.kind, p.first_block, p.last_block))
        if lab is not None:
            if lab.bare:
                pending = lab
            else:
                labels[len(out) - 1] = lab
    if pending is not None:
        labels[len(out) - 1] = pending
    return out, labels


def point_labels(paras: list[Para], labels: dict[int, _Label]) -> list[tuple[bool, str | None]]:
    """For each paragraph: (opens a point, point label or None); see the module doc."""
    accepted = _accept_labels(labels) if labels else {}
    result: list[tuple[bool, str | None]] = []
    stack: list[tuple[str, int] | None] = [None, None, None, None]
    for i in range(len(paras)):
        for lv in range(4):
            if stack[lv] is not None and stack[lv][1] < i:
                stack[lv] = None
        hit = accepted.get(i)
        if hit is not None:
            lab, run = hit
            stack[lab.level] = (lab.token, run.end)
            for lv in range(lab.level + 1, 4):
                stack[lv] = None
            parts = [e[0] for e in stack[: lab.level + 1] if e is not None]
            result.append((True, ".".join(parts)))
        else:
            parts = [e[0] for e in stack if e is not None]
            result.append((False, ".".join(parts) if parts else None))
    return result
