"""Photo captions and credits in plain text: lines that are no passage of the statement.

A web page copied to plain text keeps its pictures' captions and credits as lines of their
own ("KKE HQ in Athens", "Photo: Reuters", "© The Green Party 2005"). They are neither
sentences of the text nor headings of what follows, so `caption_indices` finds them and
`indexer.chunk.chunking.chunk` leaves them out of the passages (the paragraphs the
extractors read keep them). A line is a caption or credit when it is short and:

* **names itself one**: it opens with a credit word and a colon or "by" ("Photo: …",
  "Photos by …", "Image credit: …", "Picture: …", "Source: …", "Foto: …"), is a picture
  marker in brackets ("[Photo]", "(Image: …)"), names an image file ("kke-hq.jpg"), ends
  with a credit ("… in Athens. Photo: AFP") or is a copyright line ("© 2001 ProLife
  Alliance", "Copyright © 1996 …");
* **stands next to a picture**: a short line right after a picture reference (image file,
  bracketed marker, or a markdown picture `![…](…)` on a line of its own), or right
  before a photo credit ("Photo: …");
* **stands where a web copy puts its picture**: near the top, right after the lead
  paragraph(s) and before the body, with no final punctuation, not in capitals, and the
  only such line between two prose paragraphs in the whole text (a text that uses short
  lines as headings has several; a heading is kept).

Measured on uk_manifestos, us_sotu and 600 UN debates (see the README): no real
paragraph, list item or heading is taken for a caption.
"""

from __future__ import annotations

import re

from indexer.chunk.lines import ends_sentence, is_upper_heading
from indexer.chunk.reflow import Para
from indexer.model import Block

__all__ = ["caption_indices"]

_CREDIT_WORDS = (
    r"(?:photo(?:graph)?s?|pictures?|pics?|images?|fotos?|fotograf[ií]as?|illustrations?"
    r"|graphics?|videos?|captions?|credits?|pictured|sources?)"
)
# "Photo: Reuters", "Photos by AFP", "Image credit - KKE", "(Photo: …)", "Picture courtesy of …"
_CREDIT_OPENING = re.compile(
    r"[\[(]?\s*(?:(?:photo|image|picture)\s+)?" + _CREDIT_WORDS
    + r"(?:\s+(?:credits?|courtesy))?\s*(?::|[|–—]\s|-\s|\bby\b|\bcourtesy\b)",
    re.IGNORECASE,
)
# "[Photo]", "(Image: the rally)", "[picture of the rally]"
_BRACKETED_PICTURE = re.compile(r"[\[(]\s*(?:photo|image|picture|foto|pic|illustration)\b[^\])]*[\])]",
                                re.IGNORECASE)
_IMAGE_FILE = re.compile(r"\S\.(?:jpe?g|png|gif|webp|svg|tiff?|bmp)\b", re.IGNORECASE)
# "… outside the embassy. Photo: AFP" / "… (Photo: KKE)"
_CREDIT_ENDING = re.compile(
    r"[\s(\[]\(?(?:photo(?:graph)?|picture|image|foto)s?(?:\s+credits?)?\s*(?::|\bby\b)\s*[^.!?]{1,60}[)\]]?\s*$",
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(r"©|\(c\)\s+\d{4}|^copyright\s*(?:©|\(c\)|\d{4})", re.IGNORECASE)

_MAX_CREDIT_WORDS = 25  # a credit line is short; a longer paragraph naming a "source" is text
_MAX_CAPTION_WORDS = 12  # a caption next to a picture
_MAX_TOP_CAPTION_WORDS = 10
_MAX_TOP_CAPTION_CHARS = 80
_PROSE_CHARS = 100  # a prose paragraph: this long and ending a sentence
_LEAD_PARAGRAPHS = 2  # a top caption follows at most this many lead paragraphs


def _words(text: str) -> int:
    return text.count(" ") + 1


def _is_credit(text: str) -> bool:
    """A line that names itself a caption, credit or copyright line."""
    if _words(text) > _MAX_CREDIT_WORDS:
        return False
    return bool(
        _CREDIT_OPENING.match(text)
        or _BRACKETED_PICTURE.fullmatch(text)
        or _IMAGE_FILE.search(text)
        or _CREDIT_ENDING.search(text)
        or _COPYRIGHT.search(text)
    )


def _is_picture(text: str) -> bool:
    """A reference to a picture: its file, or a bracketed marker (asked of a credit line)."""
    return bool(_IMAGE_FILE.search(text) or _BRACKETED_PICTURE.fullmatch(text))


def _is_photo_credit(text: str) -> bool:
    m = _CREDIT_OPENING.match(text)
    return m is not None and not text[: m.end()].strip("[( ").lower().startswith("source")


def _short_unfinished(p: Para, max_words: int) -> bool:
    """A short line of text, no heading in capitals, that ends no sentence or clause."""
    t = p.text
    return _short_line(p, max_words) and not ends_sentence(t) and t.rstrip("\"'”’»)]*")[-1:] not in ",;"


def _short_line(p: Para, max_words: int) -> bool:
    """A short line of text that is no heading in capitals (a caption may end in a full stop)."""
    return p.kind == "paragraph" and _words(p.text) <= max_words and not is_upper_heading(p.text)


def _is_prose(p: Para) -> bool:
    return p.kind == "paragraph" and len(p.text) >= _PROSE_CHARS and ends_sentence(p.text)


def _top_caption(paras: list[Para], from_lines: list[bool]) -> int | None:
    """The index of the one short line standing between the lead and the body (see the
    module docstring), or None."""
    between = [
        k for k in range(1, len(paras) - 1)
        if _short_unfinished(paras[k], _MAX_TOP_CAPTION_WORDS)
        and _is_prose(paras[k - 1]) and _is_prose(paras[k + 1])
    ]
    if len(between) != 1:
        return None
    k = between[0]
    p = paras[k]
    if (
        k > _LEAD_PARAGRAPHS
        or not from_lines[k]
        or len(p.text) > _MAX_TOP_CAPTION_CHARS
        or not all(_is_prose(q) for q in paras[:k])
    ):
        return None
    return k


def _after_picture(blocks: list[Block], p: Para) -> bool:
    """True when the block before paragraph `p` (blank lines skipped) is a picture."""
    i = p.first_block - 1
    while i >= 0 and blocks[i].kind == "line" and not blocks[i].text.strip():
        i -= 1
    return i >= 0 and blocks[i].kind == "image"


def caption_indices(paras: list[Para], blocks: list[Block] | None = None) -> set[int]:
    """The indices of the paragraphs of `paras` (made from `blocks`) that are captions,
    credits or copyright lines. Without `blocks` every paragraph is taken for plain-text
    lines; with them, the position rule applies only to paragraphs made of "line" blocks
    (markup says what a short paragraph is) and a short line under an "image" block (a
    markdown picture) is its caption."""
    from_lines = [True] * len(paras) if blocks is None else [blocks[p.first_block].kind == "line" for p in paras]
    out: set[int] = set()
    for k, p in enumerate(paras):
        if p.kind not in ("paragraph", "item", "heading"):
            continue
        if _is_credit(p.text):
            out.add(k)
            if _is_picture(p.text) and k + 1 < len(paras) and _short_line(paras[k + 1], _MAX_CAPTION_WORDS):
                out.add(k + 1)
            if _is_photo_credit(p.text) and k > 0 and _short_line(paras[k - 1], _MAX_CAPTION_WORDS):
                out.add(k - 1)
        elif blocks is not None and _short_line(p, _MAX_CAPTION_WORDS) and _after_picture(blocks, p):
            out.add(k)
    top = _top_caption(paras, from_lines)
    if top is not None:
        out.add(top)
    return out
