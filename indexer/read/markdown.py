"""Markdown to blocks: headings, bullets, thematic breaks and lines; front matter values."""

from __future__ import annotations

import re

from indexer.model import Block

_MD_HEADING_RE = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$")
_MD_ITEM_RE = re.compile(r"^[ \t]*[-*+][ \t]+(.*)$")
_MD_RULE_RE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_MD_SETEXT_RE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_MD_FENCE_RE = re.compile(r"^ {0,3}(```|~~~)")
_MD_QUOTE_RE = re.compile(r"^ {0,3}>[ \t]?")
_MD_IMAGE_RE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
# A line that is only pictures, each perhaps inside a link: "![KKE HQ](kke.jpg)",
# "[![](a.png)](https://…)".
_MD_PICTURE_LINE_RE = re.compile(
    r"\s*(?:(?:\[\s*)?!\[[^\]]*\]\([^)]*\)(?:\s*\]\([^)]*\))?\s*)+")
_MD_LINK_RE = re.compile(r"\[([^\]]+)\]\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)")
_MD_REFLINK_RE = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_MD_STRONG_RE = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_EM_RE = re.compile(r"(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])|(?<![\w_])_(?=\S)([^_]+?)(?<=\S)_(?![\w_])")
_MD_CODE_RE = re.compile(r"`([^`]+)`")
_MD_ESCAPE_RE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>])")
_MD_LINKDEF_RE = re.compile(r"^ {0,3}\[[^\]]+\]:\s+\S+")
_FRONT_MATTER_RE = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*)$")


def _md_inline(text: str) -> str:
    """Markdown inline markup removed: links and images keep their text, emphasis its words."""
    if not any(ch in text for ch in "[*_`\\"):
        return text
    text = _MD_IMAGE_RE.sub(r"\1", text)
    text = _MD_LINK_RE.sub(r"\1", text)
    text = _MD_REFLINK_RE.sub(r"\1", text)
    text = _MD_CODE_RE.sub(r"\1", text)
    text = _MD_STRONG_RE.sub(r"\2", text)
    text = _MD_EM_RE.sub(lambda m: m.group(1) or m.group(2), text)
    return _MD_ESCAPE_RE.sub(r"\1", text)


def _front_matter(lines: list[str]) -> tuple[dict[str, str], int]:
    """YAML-style front matter ("---" ... "---" at the top): simple key: value pairs and the
    number of lines it takes (0 when there is none)."""
    if not lines or lines[0].strip() != "---":
        return {}, 0
    for end in range(1, min(len(lines), 200)):
        if lines[end].strip() in ("---", "..."):
            values = {}
            for line in lines[1:end]:
                match = _FRONT_MATTER_RE.match(line)
                if match and match.group(2).strip():
                    values[match.group(1).lower()] = match.group(2).strip().strip("\"'")
            return values, end + 1
    return {}, 0


def markdown_blocks(text: str) -> tuple[list[Block], dict[str, str]]:
    """Markdown to blocks: "#" headings (and underlined ones) -> "heading", "-"/"*"/"+" bullets
    -> "item", thematic breaks -> "break", a line holding only pictures -> "image" (no
    text: a picture's alt text is no sentence of the statement), every other line ->
    "line" (blank lines kept).

    Returns (blocks, front matter values such as {"title": ..., "date": ...}).
    """
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    front, skip = _front_matter(lines)
    blocks: list[Block] = []
    in_fence = False
    for raw in lines[skip:]:
        line = raw.rstrip()
        if _MD_FENCE_RE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            blocks.append(Block(line, "line"))
            continue
        setext = _MD_SETEXT_RE.match(line)
        if setext and blocks and blocks[-1].kind == "line" and blocks[-1].text.strip():
            if setext.group(1)[0] == "=" or len(setext.group(1)) >= 2:
                blocks[-1] = Block(blocks[-1].text.strip(), "heading")
                continue
        if _MD_RULE_RE.match(line):
            blocks.append(Block("", "break"))
            continue
        if _MD_LINKDEF_RE.match(line):
            continue
        quote = _MD_QUOTE_RE.match(line)
        if quote:
            line = line[quote.end():]
        heading = _MD_HEADING_RE.match(line)
        if heading:
            title = re.sub(r"[ \t]+#+$", "", heading.group(2) or "").strip()
            blocks.append(Block(_md_inline(title), "heading") if title else Block("", "line"))
            continue
        if "![" in line and _MD_PICTURE_LINE_RE.fullmatch(line):
            # a picture: no text of the statement; its caption is told by what follows
            blocks.append(Block("", "image"))
            continue
        item = _MD_ITEM_RE.match(line)
        if item and not _MD_RULE_RE.match(line):
            blocks.append(Block(_md_inline(item.group(1).strip()), "item"))
            continue
        blocks.append(Block(_md_inline(line), "line"))
    return blocks, front
