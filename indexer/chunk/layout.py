"""Telling hard-wrapped text from paragraph-a-line text, from the lines alone."""

from __future__ import annotations

from dataclasses import dataclass

from indexer.chunk.lines import (
    ends_open,
    ends_sentence,
    visual_length,
)


@dataclass
class Layout:
    """What `layout_of` learnt about a document's lines."""

    wrapped: bool
    width: int  # wrap width in characters (90th percentile of line lengths)
    base_indent: int  # the usual indentation of a line
    indents_first_lines: bool  # paragraphs start with an indented line
    blank_separates: bool  # a blank line after a finished sentence ends a paragraph
    upper_case_text: bool  # the body itself is written in capitals
    visual_width: float = 0.0  # the wrap width in `visual_length` units


def layout_of(lines: list[str]) -> Layout:
    """Decide whether raw `lines` (one string per physical line) are hard-wrapped.

    Wrapped text is recognised by how often a line runs on into the next one: the line
    ends without final punctuation and the next starts in lower case, or the line ends
    with a comma, a hyphen or a function word ("of", "the", "and"). In a paragraph-a-line
    file this almost never happens; in wrapped text it happens on most lines.
    """
    lengths: list[int] = []
    contents: list[str] = []
    indents: dict[int, int] = {}
    pairs = runs_on = 0
    blank_gaps = blank_after_sentence = 0
    upper_lines = 0
    prev = ""
    prev_blank = False
    for raw in lines:
        s = raw.strip()
        if not s:
            prev_blank = True
            continue
        lengths.append(len(s))
        contents.append(s)
        ind = len(raw) - len(raw.lstrip())
        indents[ind] = indents.get(ind, 0) + 1
        if s.isupper():
            upper_lines += 1
        if prev:
            if prev_blank:
                blank_gaps += 1
                if ends_sentence(prev):
                    blank_after_sentence += 1
            else:
                pairs += 1
                if not ends_sentence(prev) and (s[0].islower() or ends_open(prev)):
                    runs_on += 1
        prev = s
        prev_blank = False
    n = len(lengths)
    if n == 0:
        return Layout(False, 0, 0, False, False, False)
    lengths.sort()
    width = lengths[min(n - 1, int(n * 0.9))]
    base_indent = max(indents, key=indents.get)
    deeper = sum(c for i, c in indents.items() if i > base_indent)
    wrapped = pairs > 0 and runs_on >= 0.3 * pairs and runs_on >= 2 and width <= 250
    if pairs == 1 and runs_on == 1 and n == 2:
        wrapped = True
    visual_width = 0.0
    if wrapped:
        step = max(1, n // 150)
        visual = sorted(visual_length(s) for s in contents[::step])
        visual_width = visual[min(len(visual) - 1, int(len(visual) * 0.9))]
    return Layout(
        wrapped=wrapped,
        width=width,
        visual_width=visual_width,
        base_indent=base_indent,
        indents_first_lines=wrapped and 0.02 * n <= deeper <= 0.5 * n,
        blank_separates=blank_gaps > 0 and blank_after_sentence >= 0.6 * blank_gaps,
        upper_case_text=upper_lines > 0.5 * n,
    )
