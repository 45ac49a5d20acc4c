"""Clean-up of an article's blocks: "Read also" teasers, a trailing related section and
chrome lines ("Share this", "Print", "© 2023 ...") at its edges removed; breaks tidied."""

from __future__ import annotations

import re

from indexer.model import Block

_CHROME_LINE_RE = re.compile(
    r"""^(?:
      (?:last\s+)?(?:updated|modified)(?:\s+on)?\b.{0,60}
    | (?:©|\(c\)\s*\d|copyright\b).{0,200}
    | share(?:\s+(?:this|on|via|the)\b.{0,40})?\s*:?
    | (?:print|e-?mail|tweet|facebook|twitter|x|linkedin|whatsapp|telegram|reddit|pinterest|vk|
         copy\s+link|print\s+this(?:\s+\w+)?|e-?mail\s+this(?:\s+\w+)?|pdf|download\s+(?:as\s+)?pdf|
         print(?:\s*/\s*|\s+)pdf|printer[\s-]friendly(?:\s+version)?)
    | back\s+to\s+top|to\s+top|top|skip\s+to\s+(?:main\s+)?content|skip\s+navigation
    | read\s+more|continue\s+reading|more
    | (?:\d+\s+)?comments?(?:\s*\(\d+\))?|leave\s+a\s+(?:comment|reply)|add\s+(?:a\s+)?comment|
      no\s+comments(?:\s+yet)?|post\s+a\s+comment
    | (?:tags?|categories|category|filed\s+under|posted\s+in|topics?|keywords)\s*:.{0,200}
    | follow\s+us\b.{0,60}
    | advertisement|sponsored(?:\s+content)?
    | you\s+are\s+here\s*:?.{0,150}
    | home\s*(?:[>»›/|]\s*[^>»›/|]{1,80}){1,6}
    | font\s+size\s*:?.{0,20}|a\s*\+\s*a\s*-|a-\s*a\s*\+
    )$""",
    re.I | re.X,
)
_RELATED_HEAD_RE = re.compile(
    r"^(?:related(?:\s+(?:articles?|news|posts?|stories|content|links|topics|reading|items))?|"
    r"read\s+also|also\s+read|see\s+also|read\s+more|"
    r"more\s+(?:news|stories|articles|posts|on\s+this(?:\s+topic)?|from\s+.{1,40})|"
    r"you\s+(?:may|might)\s+(?:also\s+)?(?:like|enjoy|be\s+interested\s+in)|"
    r"recommended(?:\s+(?:for\s+you|articles|stories))?|"
    r"most\s+(?:read|popular|viewed|shared|commented)|popular(?:\s+(?:posts|articles|stories|now))?|"
    r"trending(?:\s+now)?|latest\s+(?:news|posts|articles|stories)|recent\s+(?:posts|articles|news)|"
    r"(?:in\s+)?other\s+news|further\s+reading)\s*:?$",
    re.I,
)
_TEASER_RE = re.compile(
    r"^(?:read\s+also|also\s+read|see\s+also|related(?:\s+(?:article|story|news))?|read\s+more|"
    r"recommended)\s*[:»›>|–—-]\s*.{3,200}$",
    re.I,
)


def _drop_related_tail(blocks: list[Block]) -> list[Block]:
    """Cut a trailing "Related" / "Read also" / "Most read" section: a marker followed only by
    short blocks that together are small next to the text before the marker."""
    before = 0
    for i, block in enumerate(blocks):
        if block.kind in ("heading", "paragraph", "line", "item") and _RELATED_HEAD_RE.match(block.text):
            tail = blocks[i + 1:]
            after = sum(len(b.text) for b in tail)
            if all(len(b.text) <= 300 for b in tail) and after <= max(600, before // 2):
                return blocks[:i]
        before += len(block.text)
    return blocks


def _is_chrome_line(block: Block) -> bool:
    return block.kind != "break" and len(block.text) <= 250 and bool(_CHROME_LINE_RE.match(block.text))


def _trim_chrome_lines(blocks: list[Block], reach: int = 12) -> list[Block]:
    """Drop chrome lines ("Share this", "Print", "© 2023 ...") among the first and last
    blocks; headings and short lines around them stay."""
    drop = _chrome_at_edge(blocks, range(len(blocks)), reach, headings_pass=True)
    drop |= _chrome_at_edge(blocks, range(len(blocks) - 1, -1, -1), reach, headings_pass=False)
    return [b for i, b in enumerate(blocks) if i not in drop]


def _chrome_at_edge(blocks: list[Block], order: range, reach: int, headings_pass: bool) -> set[int]:
    """Indexes of chrome lines among the first `reach` text blocks taken in `order`,
    stopping at the first long line (a heading does not stop it when `headings_pass`)."""
    drop: set[int] = set()
    seen = 0
    for i in order:
        block = blocks[i]
        if seen >= reach:
            break
        if block.kind == "break" or not block.text:
            continue
        seen += 1
        if _is_chrome_line(block):
            drop.add(i)
        elif len(block.text) > 60 and not (headings_pass and block.kind == "heading"):
            break
    return drop


def _tidy(blocks: list[Block]) -> list[Block]:
    """No leading/trailing/double breaks; no blank lines next to breaks or each other."""
    out: list[Block] = []
    for block in blocks:
        if block.kind == "break":
            while out and out[-1].kind == "line" and not out[-1].text:
                out.pop()
            if out and out[-1].kind != "break":
                out.append(block)
            continue
        if block.kind == "line" and not block.text:
            if not out or out[-1].kind == "break" or (out[-1].kind == "line" and not out[-1].text):
                continue
        out.append(block)
    while out and (out[-1].kind == "break" or (out[-1].kind == "line" and not out[-1].text)):
        out.pop()
    return out


def clean_blocks(blocks: list[Block]) -> list[Block]:
    """Remove "Read also" teasers, a trailing related section and chrome lines; tidy breaks."""
    blocks = [b for b in blocks if not (b.kind != "break" and _TEASER_RE.match(b.text))]
    blocks = _drop_related_tail(blocks)
    blocks = _trim_chrome_lines(blocks)
    return _tidy(blocks)
