"""Find the title of a statement.

`find_title` prefers, in order: the sidecar's title, the page's HTML title, and a title
found in the text:

1. the first line, when it reads as a title (short, one sentence, not a date, not page
   chrome, not ending in ":" or ","). A bare label ("Statement", "Press release") is
   joined to the title that follows it ("Joint statement: Hands off Cuba"). A first
   line that only names the publishing organisation gives way to a title line right
   after it.
2. when the first line is a prose paragraph, the statement's own title:
   a. a quoted title introduced by the statement ("… was issued January 18 “On the …”",
      "a statement entitled “…”");
   b. a title-like line right after "… reads:" / "… as follows:";
   c. a title-like line right before the numbered points ("1. …").
3. the first sentence of the text, cut at about 100 characters at a word boundary.
4. the caller's fallback (a file name).

Titles are cleaned: surrounding quotes, a trailing period, "Title:" prefixes and
markdown "#" are removed, whitespace is collapsed, and anything over 200 characters is
cut at a word boundary with "…".
"""

from __future__ import annotations

import re

from indexer.extract.dates import is_dateline
from indexer.extract.genres import kicker_genre

__all__ = ["find_title", "clean_title", "looks_like_title", "MAX_TITLE_CHARS"]

MAX_TITLE_CHARS = 200
_MAX_LINE_TITLE = 150  # a first line longer than this is prose
_FIRST_SENTENCE_CHARS = 100
_SEARCH_LINES = 60  # non-empty lines searched for the statement's own title
_CHROME_SKIP = 6  # leading chrome lines skipped at most

_QUOTES = "\"“”„«»‘’‚‹›「」"
_OPEN_QUOTES = "\"“„«‘‚‹"
_CLOSE_FOR = {'"': '"', "“": "”", "„": "“”", "«": "»", "‘": "’", "‚": "‘’", "‹": "›"}

_PREFIX_RE = re.compile(
    r"^(?:#{1,6}\s*|(?:title|subject|titre|título|titolo|titel|τίτλος)\s*[:\-–—]\s*)+",
    re.IGNORECASE,
)

# A label that says what kind of text follows, not what it is about.
_GENERIC_RE = re.compile(
    r"^(?:(?:joint|press|common|final|political|solidarity)\s+)?"
    r"(?:statement|declaration|communiqu[ée]|press\s+release|release|resolution|appeal|"
    r"call|news|article|announcement|message|letter|open\s+letter|information|"
    r"comunicado|declaración|déclaration|erklärung|dichiarazione|comunicato|nota|"
    r"δήλωση|ανακοίνωση|заявление|коммюнике)"
    r"(?:\s+(?:of|from|by)\s+the\s+(?:parties|party))?\s*[:\-–—.]?$",
    re.IGNORECASE,
)
# Page furniture that can precede the title in a saved web page.
_CHROME_RE = re.compile(
    r"^(?:home|menu|main\s+menu|search|share|print|email|e-mail|tweet|facebook|twitter|"
    r"skip\s+to\s+(?:main\s+)?content|back|next|previous|read\s+more|log\s*in|sign\s+in|"
    r"subscribe|english|en|top|navigation|breadcrumbs?|you\s+are\s+here:?.*|"
    r"(?:home|start)\s*[>»/|›].*|[\w\s]+\s[>»›]\s.*|https?://\S+|www\.\S+|"
    r"(?:source|by|author|posted\s+by|written\s+by)\s*:.*|\W*)$",
    re.IGNORECASE,
)
# A line that only names the publisher: "Communist Party of Greece", "CC of the KKE".
_ORG_RE = re.compile(
    r"^(?:the\s+)?(?:[\w'’.-]+\s+){0,5}(?:party|parties|committee|union|league|front|"
    r"movement|federation|organi[sz]ation|bureau|office|secretariat)"
    r"(?:\s+of\s+(?:the\s+)?[\w'’.-]+(?:\s+[\w'’.-]+){0,4})?(?:\s*\([^)]{1,20}\))?$",
    re.IGNORECASE,
)
_SENTENCE_BREAK_RE = re.compile(r"[a-z0-9)]\.\s+[A-Z“\"]")
_ENDS_BADLY_RE = re.compile(
    r"(?:[:,;(\-–—/&]|\b(?:and|or|of|the|a|an|to|in|on|for|with|by|at|from|that|which))$",
    re.IGNORECASE,
)
# "… issued January 18 “On the valuable experience …”", "a statement entitled “…”".
_QUOTED_TITLE_RE = re.compile(
    r"\b(?:issued|adopted|signed|published|released|statement|declaration|appeal|"
    r"resolution|communiqu[ée]|letter|document|text|message)\b"
    r"(?P<gap>[^.!?:“”\"«»]{0,80}?)"
    r"(?:\b(?:entitled|titled|called|headlined|named|under\s+the\s+(?:title|heading)|"
    r"with\s+the\s+title)\s*[:,]?\s*)?"
    r"(?:“(?P<t1>[^“”]{8,220})”|\"(?P<t2>[^\"“”]{8,220})\"|«(?P<t3>[^«»]{8,220})»|"
    r"„(?P<t4>[^„“”]{8,220})[“”]|‘(?P<t5>[^‘’]{8,220})’)",
    re.IGNORECASE,
)
_SPEECH_RE = re.compile(
    r"\b(?:said|says|say|stated|states|reads?|declared|declares|stressed|stresses|noted|"
    r"notes|added|adds|wrote|writes|demanded|demands|slogan|chant(?:ed|ing)?|shouted)\b",
    re.IGNORECASE,
)
_INTRO_RE = re.compile(
    r"(?:\breads?|\bas\s+follows|\bthe\s+following|\bfull\s+text|\btext\s+of\s+the\s+"
    r"(?:joint\s+)?(?:statement|declaration|appeal)|\bfollows|\bbelow)\s*:\s*$",
    re.IGNORECASE,
)
_FIRST_POINT_RE = re.compile(r"^\s*(?:1|I|1\.1|a)\s*[.)]\s+\S")


_MAX_LINE_READ = 2000  # characters of a line read when looking for a title


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _strip_quotes_and_period(text: str) -> str:
    """Remove surrounding quotes and a trailing period, in any order, repeatedly."""
    while True:
        before = text
        text = text.strip()
        if text.endswith(".") and not text.endswith(".."):
            text = text[:-1].rstrip()
        if len(text) >= 2 and text[0] in _OPEN_QUOTES and text[-1] in _QUOTES:
            text = text[1:-1].strip()
        elif text and text[0] in _QUOTES and text.count(text[0]) == 1 and not any(
                q in text[1:] for q in _QUOTES):
            text = text[1:].strip()  # an opening quote left without its closing one
        elif text and text[-1] in _QUOTES and not any(q in text[:-1] for q in _QUOTES):
            text = text[:-1].strip()
        if text == before:
            return text


def _cut(text: str, limit: int) -> str:
    """Cut `text` to at most `limit` characters at a word boundary, adding "…"."""
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    space = head.rfind(" ")
    if space > limit // 2:
        head = head[:space]
    return head.rstrip(" ,;:-–—") + "…"


def clean_title(text: str | None) -> str:
    """Normalise a title: collapse whitespace, drop "Title:" / "#" prefixes, surrounding
    quotes and a trailing period; cut at 200 characters. Returns "" for None."""
    if not text:
        return ""
    text = _collapse(str(text))
    text = _PREFIX_RE.sub("", text)
    text = _strip_quotes_and_period(text)
    return _cut(text, MAX_TITLE_CHARS)


def _is_chrome(line: str) -> bool:
    return len(line) <= 80 and bool(_CHROME_RE.match(line))


def _is_generic(line: str) -> bool:
    """A kicker: a line that names only the kind of text ("Joint Statement", "PRESS
    STATEMENT", "Statement of the Communist and Workers' Parties")."""
    return bool(_GENERIC_RE.match(line.strip())) or kicker_genre(line) is not None


# An editor's note above a statement ("The statement below was signed by 5 parties"),
# not its title.
_EDITORIAL_NOTE_RE = re.compile(
    r"\b(?:statement|text|declaration|appeal|letter)\s+below\b|\bbelow\s+(?:is|are)\b"
    r"|\b(?:is|was|has\s+been|have\s+been)\s+(?:signed|endorsed)\s+by\s+(?:\d+|[a-z]+(?:-[a-z]+)?)\s+"
    r"(?:\w+\s+){0,4}parties\b|\bwe\s+publish\b|\bis\s+published\s+below\b",
    re.IGNORECASE,
)


def looks_like_title(line: str, limit: int = _MAX_LINE_TITLE) -> bool:
    """True when a line reads as a title: short, one sentence, not a date, a label or
    chrome, and not ending in ":", "," or a dangling word ("of", "and")."""
    text = _collapse(line)
    core = _strip_quotes_and_period(text)
    if len(core) < 3 or len(text) > limit:
        return False
    if not any(ch.isalpha() for ch in core):
        return False
    if _ENDS_BADLY_RE.search(core) or _SENTENCE_BREAK_RE.search(core):
        return False
    if core[0].islower():
        return False
    if _is_generic(core) or _is_chrome(core) or is_dateline(core) or _EDITORIAL_NOTE_RE.search(core):
        return False
    return True


def _is_org_name(line: str) -> bool:
    return len(line) <= 80 and bool(_ORG_RE.match(_collapse(line)))


def _quoted_title(lines: list[str]) -> str | None:
    """A quoted title introduced by the statement, in the first lines."""
    for line in lines:
        first_quote = min((p for p in (line.find(q) for q in "“\"«„‘") if p != -1), default=-1)
        if first_quote == -1:
            continue
        for m in _QUOTED_TITLE_RE.finditer(line, max(0, first_quote - 110)):
            if _SPEECH_RE.search(m.group("gap")):
                continue
            title = next(t for t in m.group("t1", "t2", "t3", "t4", "t5") if t).strip()
            if not title[:1].isupper() or _SENTENCE_BREAK_RE.search(title.rstrip(". ")):
                continue
            if title.endswith(("!", "?")) and len(title.split()) < 3:
                continue
            return title
    return None


def _title_after_intro(lines: list[str]) -> str | None:
    """A title-like line right after "… reads:" or "… as follows:"."""
    for k, line in enumerate(lines[:-1]):
        if line.endswith(":") and _INTRO_RE.search(line[-60:]):
            nxt = lines[k + 1]
            if looks_like_title(nxt, MAX_TITLE_CHARS):
                return nxt
    return None


def _title_before_points(lines: list[str]) -> str | None:
    """A title-like line right before the first numbered point ("1. …")."""
    for k in range(1, len(lines)):
        if _FIRST_POINT_RE.match(lines[k]):
            prev = lines[k - 1]
            if looks_like_title(prev) and not _FIRST_POINT_RE.match(prev):
                return prev
            return None
    return None


def _first_sentence(text: str) -> str:
    """The first sentence of `text`, cut at about 100 characters at a word boundary."""
    text = _collapse(text[:1000])
    m = re.search(r"[.!?](?=\s+[A-Z“\"(])", text)
    if m and m.start() >= 20:
        text = text[: m.start()]
    return _cut(_strip_quotes_and_period(text), _FIRST_SENTENCE_CHARS)


def _paragraph_start(lines: list[tuple[int, str]], k: int) -> str:
    """Line k joined with the lines that continue it (hard-wrapped prose), up to ~600
    characters: consecutive lines, no blank line between, until one ends a sentence."""
    parts = [lines[k][1]]
    size = len(parts[0])
    j = k
    while size < 600 and j + 1 < len(lines) and lines[j + 1][0] == lines[j][0] + 1:
        if parts[-1][-1:] in ".!?:":
            break
        j += 1
        parts.append(lines[j][1])
        size += len(lines[j][1])
    return " ".join(parts)


def _continues(lines: list[tuple[int, str]], k: int) -> bool:
    """True when line k is a piece of hard-wrapped prose: the next line follows without a
    blank line and starts in lower case."""
    if k + 1 >= len(lines) or lines[k + 1][0] != lines[k][0] + 1:
        return False
    nxt = lines[k + 1][1]
    return bool(nxt) and nxt[0].islower()


def _title_from_text(lines: list[str]) -> str:
    """The title found in the text (rules 1-3 of the module docstring), or ""."""
    numbered: list[tuple[int, str]] = []  # (line number, collapsed text)
    for i, line in enumerate(lines):
        if line and not line.isspace():
            numbered.append((i, _collapse(line[:_MAX_LINE_READ])))
            if len(numbered) >= _SEARCH_LINES:
                break
    start = 0
    while start < min(len(numbered), _CHROME_SKIP) and (
            _is_chrome(numbered[start][1]) or is_dateline(numbered[start][1])
            or len(numbered[start][1]) < 3
            or (len(numbered[start][1]) <= 200 and _EDITORIAL_NOTE_RE.search(numbered[start][1]))):
        start += 1
    numbered = numbered[start:]
    if not numbered:
        return ""
    body = [text for _, text in numbered]
    first = _PREFIX_RE.sub("", body[0])
    nxt = body[1] if len(body) > 1 else ""
    first_is_title = looks_like_title(first) and not _continues(numbered, 0)

    if _is_generic(first):
        # A kicker is not the title: the specific line below it is (the kicker gives the
        # statement's genre, see `genres`).
        label = _strip_quotes_and_period(first).rstrip(" :-–—")
        follow = nxt if looks_like_title(nxt) and not _continues(numbered, 1) else (
            _quoted_title(body[1:]) or _title_after_intro(body) or _title_before_points(body))
        if not follow and len(body) > 1 and not _is_chrome(nxt):
            follow = _first_sentence(_paragraph_start(numbered, 1))
        return clean_title(follow) if follow else label
    if first_is_title:
        if (_is_org_name(first) and looks_like_title(nxt) and not _is_org_name(nxt)
                and not _continues(numbered, 1)):
            return nxt
        return first
    found = _quoted_title(body[:_SEARCH_LINES]) or _title_after_intro(body) or \
        _title_before_points(body)
    if found:
        return found
    # The first sentence of the first paragraph that is not an address ("To the
    # Congress of the United States:").
    for k in range(min(len(numbered), 4)):
        if not numbered[k][1].endswith(":"):
            return _first_sentence(_paragraph_start(numbered, k))
    return _first_sentence(_paragraph_start(numbered, 0))


def find_title(
    lines: list[str],
    html_title: str | None = None,
    sidecar_title: str | None = None,
    fallback: str = "",
) -> str:
    """The title of a statement.

    `lines` are the document's text lines in order; `html_title` is the page's title
    (site suffix already removed), `sidecar_title` the metadata's; `fallback` (the file
    name) is returned when nothing else gives a title. See the module docstring.
    """
    for given in (sidecar_title, html_title):
        title = clean_title(given)
        if title and not _is_generic(title):
            return title
    title = clean_title(_title_from_text(lines))
    if title:
        return title
    for given in (sidecar_title, html_title):
        title = clean_title(given)
        if title:
            return title
    return clean_title(fallback) or fallback
