"""Lead-in lines that announce a list of signatories.

"So far the statement has been endorsed by:", "Signatories", "... signed by the
following parties": a colon line, a header noun or a phrase closing a short sentence.
Only a few words are looked at, so the test is cheap on any line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.extract.signatory_names import (
    MAX_HEADER_CHARS, MAX_LEAD_CHARS, PROSE_RE, SENTENCE_BREAK_RE, TRAILING_PUNCT_RE,
    is_end_line, strip_marker,
)


# The phrases that introduce a list of signatories.
_LEAD_RE = re.compile(
    r"(?:endorsed|signed|co-?signed|supported|subscribed|undersigned|adopted|joined|backed)"
    r"\s+(?:[\w'’-]+\s+){0,5}?by\b"
    r"|\bsignator(?:y|ies)\b|\bco-?signers?\b|\bcosignator(?:y|ies)\b"
    r"|\b(?:signing|endorsing|supporting)\s+(?:parties|organi[sz]ations)\b"
    r"|\b(?:signed|endorsed|co-?signed)$"
    r"|\b(?:adhesions?|adherents|firman|firmantes|signataires|unterzeichner\w*|firmatari"
    r"|signat[aá]rios|assinam)\b"
    r"|\b(?:sign(?:ed|ing|s)?|endorse[ds]?|endorsing|support(?:ed|ing|s)?|join(?:ed|ing|s)?)"
    r"\s+(?:on(?:to)?\s+)?(?:this|the)\s+(?:joint\s+|common\s+)?"
    r"(?:statement|declaration|appeal|call|resolution|letter|document|text)\b"
    r"|\bhave\s+(?:so\s+far\s+|already\s+)?(?:signed|endorsed|joined|subscribed)\b"
    r"|\bfollowing\s+(?:[\w'’-]+\s+){0,5}?(?:parties|organi[sz]ations|signatories|forces)\b"
    r"|\blist\s+of\s+(?:[\w'’-]+\s+){0,3}?"
    r"(?:parties|signatories|signatures|organi[sz]ations|endorsements)\b"
    r"|\bendorsements?\b|\bsignatures?\b"
    r"|\bsolidnet\s+parties\b|\bcommunist\s+and\s+workers['’]?\s+parties\b"
    r"|\bparticipating\s+parties\b",
    re.IGNORECASE,
)
# Every lead-in holds one of these (lower-case) stems: a cheap test before `_LEAD_RE`.
LEAD_HINT_RE = re.compile(
    r"sign|endors|support|adopt|join|subscri|backed|follow|list|solidnet|workers|participat"
    r"|adhesi|adherent|firman|firmat|unterzeichn|assina"
)
# Lead-in phrases that may close a sentence; the other lead-ins are nouns of a header.
_LEAD_PHRASE_RE = re.compile(
    r"\w+\s+(?:[\w'’-]+\s+){0,5}?by$|following|sign\w*\s|endors\w*\s|have\s"
    r"|support\w*\s|join\w*\s",
    re.IGNORECASE,
)
# "adopted by", "supported by": lead-ins only before a colon, common in prose otherwise.
_WEAK_BY_RE = re.compile(r"(?:supported|adopted|joined|backed)\b", re.I)
# Lead-ins that speak of signing; the others ("SolidNet Parties") are mere list headers.
_STRONG_LEAD_RE = re.compile(
    r"sign|endors|list\s+of|adopted|subscribed|adhesi|adherent|firman|firmat|unterzeichn"
    r"|assina",
    re.IGNORECASE,
)

# Lines that close a list: open-for-endorsement notes, sources, dates, notes in brackets.

@dataclass
class LeadIn:
    strong: bool  # speaks of signing/endorsing, not a mere "SolidNet Parties" header
    inline: str  # list text after the colon on the same line ("" when none)
    phrase: bool = False  # a sentence without colon ("... signed by the following parties")


def lead_in(text: str) -> LeadIn | None:
    """Recognise a lead-in line and return it, or None. Looks at a few words only."""
    if not text:
        return None
    colon = text.find(":", 0, MAX_LEAD_CHARS + 1)
    if colon > 0:
        head = text[:colon].strip(" *_#")
        window = head[-90:]
        m = None
        for m in _LEAD_RE.finditer(window):
            pass
        if m is not None and len(window) - m.end() <= 40 and not SENTENCE_BREAK_RE.search(
            window[m.start() :]
        ):
            inline = text[colon + 1 :].strip(" *_")
            if inline and is_end_line(inline):
                inline = ""  # "Signatories: (in alphabetical order)"
            return LeadIn(bool(_STRONG_LEAD_RE.search(window)), inline)
    if len(text) > MAX_HEADER_CHARS:
        return None
    bare = TRAILING_PUNCT_RE.sub("", strip_marker(text.strip(" *_#")))
    if not bare:
        return None
    window_start = max(0, len(bare) - 60)
    m = None
    for m in _LEAD_RE.finditer(bare, window_start):
        pass
    if m is None or len(bare) - m.end() > 12:
        return None
    if _LEAD_PHRASE_RE.match(m.group(0)):
        # "... signed by the following parties": a phrase closing a short sentence.
        if PROSE_RE.search(bare[m.end() :]) or _WEAK_BY_RE.match(m.group(0)):
            return None
        if not (bare[0].isupper() or bare[0].isdigit()):
            return None
        return LeadIn(bool(_STRONG_LEAD_RE.search(bare)), "", phrase=True)
    if m.start() > 12 or text.rstrip(" *_").endswith(".") or not bare[0].isupper():
        # "Signatories", "List of signatories", "SolidNet Parties": a header, not prose.
        return None
    return LeadIn(bool(_STRONG_LEAD_RE.search(bare)), "")
