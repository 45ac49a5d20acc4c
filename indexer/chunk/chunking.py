"""Cut a document's blocks into passages: the units that are indexed, found and shown.

`paragraphs(blocks)` turns blocks into paragraphs: runs of text lines are reflowed by
`indexer.chunk.reflow` (hard-wrapped lines joined, page furniture dropped); HTML/markdown
blocks (heading, paragraph, item, row) stay one paragraph each; "break" blocks only
separate.

`chunk(blocks, signatories, title)` turns the paragraphs into `Passage`s:

* a "title" passage first when a title is given (and the first paragraph is dropped when
  it only repeats the title);
* numbered points: a paragraph opening with "1." / "1)" / "1 -" / "(1)" is kind "point"
  with point "1", the text keeping its "1." prefix. Upper-case Roman sections ("II.",
  "IV -", or "II" alone on a line, merged with the line after it) are kind "point" with
  point "II"; numbered points inside a section get "II.2"; lettered sub-points "(a)" /
  "a)" are passages of their own with point "4.a" (or "II.4.a"), lower-case Roman ones
  "(ii)" below them with "4.a.ii". A label counts only inside a sequence: at least two
  labels of the same level whose values go up by one (one missing number is tolerated
  inside a sequence of labels written the same way), and no number above 200, so
  "2022. At the start..." and "1.5 million" are no points. The one exception to "at
  least two" is a lone "1." that restarts the numbering right after a Roman section
  heading, when an earlier section holds a numbered sequence ("II." / "1." -> "II.1").
  Decimal outlines ("1.1", "1.2") and capital-letter outlines ("A.", "B.") are not
  recognised as points.
* continuation paragraphs: an unnumbered paragraph between point 4 and point 5 keeps its
  own kind ("paragraph" or "heading") and point None: `point` labels the passage that
  opens a point, so every point label (and its anchor, "#p-4") names one passage.
* the signatory block `blocks[start:end]` becomes exactly one passage of kind
  "signatories", at its place in the document: the lead-in ("Signed by:") followed by
  the party names joined with "; ".
* paragraphs longer than 2,000 characters are split at sentence ends into pieces of about
  800-1,500 characters; the first piece keeps the paragraph's kind and point, later
  pieces are kind "paragraph" with point None.
* HTML items and table rows become "paragraph" passages (a row's cells joined by " | ").
* a paragraph that is only a dateline ("ICP, 10 May 2017", see
  `indexer.extract.dates.is_dateline`) or a photo caption or credit ("KKE HQ in Athens",
  "Photo: AFP", see `indexer.chunk.captions`) is no passage: `paragraphs` keeps it, so
  that the extractors still read it;
* paragraphs without a letter (page numbers, "* * *") are dropped, except a bare label
  ("1.") that is joined to the paragraph after it; whitespace is collapsed.
"""

from __future__ import annotations

import re

from indexer.chunk.captions import caption_indices
from indexer.chunk.points import merge_bare_labels, point_labels
from indexer.chunk.layout import layout_of
from indexer.chunk.reflow import Para, reflow_lines
from indexer.chunk.split import MAX_PASSAGE_CHARS, split_long
from indexer.extract.dates import is_dateline
from indexer.model import Block, Passage, SignatoryBlock

__all__ = ["Para", "paragraphs", "chunk"]

_BLOCK_KINDS = {"heading": "heading", "paragraph": "paragraph", "item": "item", "row": "row"}
_PASSAGE_KIND = {"heading": "heading", "paragraph": "paragraph", "item": "paragraph", "row": "paragraph"}


def _has_word_char(s: str) -> bool:
    for ch in s:
        if ch.isalnum():
            return True
    return False


_BARE_NUMBER_LABEL = re.compile(r"\(\d{1,3}\)|\d{1,3}[.)]|\d{1,3}\s*[-–—]")


_NUMERIC_DATE = re.compile(r"\d{1,4}\s*[./-]\s*\d{1,2}\s*[./-]\s*\d{2,4}")


def _worth_keeping(text: str) -> bool:
    """A paragraph is kept when it has a letter, is a numeric date ("05/07/2023": a
    statement's dateline), or is a bare point label ("1.", "(2)") that `chunk` joins to
    the paragraph after it; lone numbers and punctuation go."""
    for ch in text:
        if ch.isalpha():
            return True
    return (_BARE_NUMBER_LABEL.fullmatch(text) is not None
            or _NUMERIC_DATE.search(text) is not None)


def paragraphs(blocks: list[Block]) -> list[Para]:
    """The paragraphs of a document, in order.

    Takes a SourceDoc's blocks; returns `Para`s (text with collapsed whitespace, kind
    "paragraph" | "heading" | "item" | "row", and the first and last block index it came
    from). Runs of "line" blocks are reflowed as one text (see `indexer.chunk.reflow`); the
    decision whether the text is hard-wrapped is taken once for all the lines of the
    document. Paragraphs with no letter or digit are dropped.
    """
    line_texts = [b.text for b in blocks if b.kind == "line"]
    layout = layout_of(line_texts) if line_texts else None
    out: list[Para] = []
    n = len(blocks)
    i = 0
    while i < n:
        b = blocks[i]
        if b.kind == "line":
            j = i + 1
            while j < n and blocks[j].kind == "line":
                j += 1
            for p in reflow_lines([x.text for x in blocks[i:j]], i, layout):
                text = " ".join(p.text.split())
                if text and _worth_keeping(text):
                    p.text = text
                    out.append(p)
            i = j
            continue
        kind = _BLOCK_KINDS.get(b.kind)
        if kind is not None:
            if kind == "row" and b.cells:
                text = " | ".join(" ".join(c.split()) for c in b.cells if c and c.strip())
            else:
                text = " ".join(b.text.split())
            if text and (_has_word_char(text) if kind == "row" else _worth_keeping(text)):
                out.append(Para(text, kind, i, i))
        i += 1
    return out



# --------------------------------------------------------------------------- chunk


def _norm(s: str) -> str:
    return " ".join(s.casefold().split()).strip(" .:;!?\"'“”‘’«»-–—")


def _signatory_text(blocks: list[Block], sig: SignatoryBlock) -> str:
    """The text of the one "signatories" passage: lead-in, then names joined by "; "."""
    texts: list[str] = []
    for b in blocks[max(0, sig.start) : sig.end]:
        t = " | ".join(b.cells) if (b.kind == "row" and b.cells) else b.text
        t = " ".join(t.split())
        if t and _has_word_char(t):
            texts.append(t)
    names = [" ".join(n.split()) for n in sig.names if n and n.strip()]
    if not names:
        return "; ".join(texts)
    keys = [_norm(n) for n in names]
    lead: list[str] = []
    for t in texts:
        nt = _norm(t)
        pos = -1
        for key in keys:
            if key and key in nt:
                p = nt.find(key)
                pos = p if pos < 0 else min(pos, p)
            elif nt and nt in key:
                pos = 0
        if pos >= 0:
            head = t.split(":", 1)[0] + ":" if ":" in t else ""
            if head and len(_norm(head)) <= pos:
                lead.append(head)
            break
        lead.append(t)
    else:
        lead = [t for t in texts[:2] if t.endswith(":")]
    joined = "; ".join(names)
    return (" ".join(lead) + " " + joined) if lead else joined


def _body_paragraphs(
    blocks: list[Block], sig: SignatoryBlock | None, paras: list[Para] | None
) -> list[Para]:
    """The paragraphs outside the signatory block. Reuses `paras` (from
    `paragraphs(blocks)`) when none of them straddles an edge of the block; otherwise
    reflows again with the block's lines replaced by a hard break."""
    if paras is not None:
        if sig is None:
            return paras
        if not any(
            p.first_block < edge <= p.last_block for p in paras for edge in (sig.start, sig.end)
        ):
            return [p for p in paras if p.last_block < sig.start or p.first_block >= sig.end]
    if sig is None:
        return paragraphs(blocks)
    work = list(blocks)
    brk = Block("", "break")
    for i in range(sig.start, sig.end):
        work[i] = brk
    return paragraphs(work)


def chunk(
    blocks: list[Block],
    signatories: SignatoryBlock | None = None,
    title: str | None = None,
    paras: list[Para] | None = None,
) -> list[Passage]:
    """The passages of a document, in reading order, positions 0..n-1.

    Takes the SourceDoc's blocks, optionally the signatory block found in them (it
    becomes one "signatories" passage) and the document title (it becomes the first,
    "title", passage). A caller that has already run `paragraphs(blocks)` may pass the
    result as `paras` to save reflowing the text twice (it is not modified). Returns
    `Passage`s with kind, text, point and position set and no topics. See the module
    docstring for the rules.
    """
    sig = signatories
    if sig is not None and not (0 <= sig.start < sig.end <= len(blocks)):
        sig = None
    paras = _body_paragraphs(blocks, sig, paras)

    out: list[Passage] = []
    title_text = " ".join(title.split()) if title else ""
    if title_text:
        out.append(Passage(kind="title", text=title_text))
        if paras and _norm(paras[0].text) == _norm(title_text):
            paras = paras[1:]

    paras, labels = merge_bare_labels(paras)
    points = point_labels(paras, labels)
    captions = caption_indices(paras, blocks)

    sig_text = _signatory_text(blocks, sig) if sig is not None else ""
    sig_done = not sig_text
    for k, (p, (opens, point)) in enumerate(zip(paras, points)):
        if not sig_done and p.first_block >= sig.end:
            out.append(Passage(kind="signatories", text=sig_text))
            sig_done = True
        if not opens and (k in captions or is_dateline(p.text)):
            continue  # "ICP, 10 May 2017", "Photo: AFP": read for the date, never a passage
        # Only the passage that opens a point carries its label: the paragraphs that
        # follow it, and the later pieces of a split point, are paragraphs (point None).
        kind = "point" if opens else _PASSAGE_KIND[p.kind]
        pieces = split_long(p.text) if len(p.text) > MAX_PASSAGE_CHARS else [p.text]
        out.append(Passage(kind=kind, text=pieces[0], point=point if opens else None))
        for piece in pieces[1:]:
            out.append(Passage(kind="paragraph", text=piece))
    if not sig_done:
        out.append(Passage(kind="signatories", text=sig_text))
    for pos, passage in enumerate(out):
        passage.position = pos
    return out
