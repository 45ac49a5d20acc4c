"""Cleaning and repairing what a user typed, before Whoosh's query parser reads it.

`read_query(text)` splits the text into tokens (words, "phrases", brackets, AND/OR/NOT,
fielded terms), repairs what cannot be parsed (an unbalanced quote or bracket, a lone
operator, an empty `title:`, an over-long query, control characters, too many wildcards)
and says what it did in plain sentences. `render(tokens)` writes the tokens back as a
clean query string: Whoosh parses that string, and it is what the user is shown as the
query "as understood".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

from indexer.query.settings import MAX_QUERY_CHARS, clip_note, clip_query
MAX_CLAUSES = 64
MAX_EXPANSIONS = 6  # prefix, wildcard and fuzzy terms in one query
MIN_WILDCARD_CHARS = 3
MAX_FUZZY = 2

TITLE_FIELD = "title"  # the statement's title, carried by each of its passages
TEXT_FIELDS = (TITLE_FIELD, "text")
FACET_FIELDS = ("party", "year", "topic", "mentioned")
FIELDS = TEXT_FIELDS + FACET_FIELDS
OPERATORS = ("AND", "OR", "NOT")

_FIELD_RE = re.compile(r"(%s):" % "|".join(FIELDS), re.IGNORECASE)
_QUOTES = dict.fromkeys(map(ord, "“”„‟«»〝〞＂″"), '"')
_FUZZY_RE = re.compile(r"^(.*?\w)~(\d*)$", re.UNICODE)
_BOOST_RE = re.compile(r"^(.*?)\^(\d+(?:\.\d+)?)$")
_SLOP_RE = re.compile(r"~(\d+)")
_HAS_WORD = re.compile(r"\w", re.UNICODE)
_TRAILING = "?!,;:"


@dataclass(frozen=True)
class Tok:
    """One token of a query: kind is "word", "phrase", "lparen", "rparen" or "op"."""

    kind: str
    text: str = ""
    field: str | None = None
    neg: bool = False
    must: bool = False  # +word: never left out when results holding some words are shown
    fuzzy: int = 0  # maximum edit distance of a fuzzy word (0: not fuzzy)
    slop: int = 0  # phrase slop (0: default)
    boost: str = ""

    @property
    def is_operand_start(self) -> bool:
        return self.kind in ("word", "phrase", "lparen") or (self.kind == "op" and self.text == "NOT")

    @property
    def is_operand_end(self) -> bool:
        return self.kind in ("word", "phrase", "rparen")

    @property
    def is_wildcard(self) -> bool:
        return self.kind == "word" and self.field not in FACET_FIELDS and ("*" in self.text or "?" in self.text)


@dataclass
class ReadQuery:
    """The outcome of reading a query string."""

    tokens: list[Tok]
    messages: list[str]
    cleaned: str  # the text after sanitising (control characters out, truncated)
    browse_all: bool = False  # the query asked for everything ("*")


def _short(text: str, n: int = 40) -> str:
    text = text.strip()
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def sanitise(text: str, messages: list[str]) -> str:
    """Control characters out, typographic quotes straightened, length capped."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    out = []
    removed = False
    for ch in text:
        if ch in "\t\n\r\f\v":
            out.append(" ")
            continue
        cat = unicodedata.category(ch)
        if cat in ("Cc", "Cs", "Co", "Cn") or (cat == "Cf" and ch not in "\u200d"):
            removed = True
            out.append(" ")
            continue
        out.append(ch)
    s = "".join(out).translate(_QUOTES)
    if removed:
        messages.append("Removed control characters from the query.")
    if len(s) > MAX_QUERY_CHARS:
        cut = clip_query(s)
        messages.append(clip_note(len(s), len(cut)))
        s = cut
    return s


def _at_token_start(s: str, i: int) -> bool:
    return i == 0 or s[i - 1].isspace() or s[i - 1] == "("


class _Lexer:
    def __init__(self, text: str, messages: list[str]):
        self.s = text
        self.messages = messages
        self.tokens: list[Tok] = []
        self.expansions = 0
        self.browse_all = False

    def note(self, msg: str) -> None:
        if msg not in self.messages:
            self.messages.append(msg)

    def run(self) -> list[Tok]:
        s = self.s
        i, n = 0, len(s)
        neg = False
        must = False
        field = None
        while i < n:
            c = s[i]
            if c.isspace():
                i += 1
                continue
            if c in "-+" and _at_token_start(s, i):
                nxt = s[i + 1] if i + 1 < n else ""
                if not nxt or nxt.isspace() or nxt in ")-+":
                    self.note(f"Ignored a lone '{c}' (put it right before a word: -word).")
                    i += 1
                    continue
                neg = c == "-"
                must = c == "+"
                i += 1
                continue
            m = _FIELD_RE.match(s, i) if _at_token_start(s, i) else None
            if m:
                j = m.end()
                name = m.group(1).lower()
                if j >= n or s[j].isspace() or s[j] == ")":
                    self.note(f"'{m.group(0)}' needs a word right after it; ignored it.")
                    i, neg, must, field = j, False, False, None
                    continue
                field = name
                i = j
                continue
            if c == "(":
                self.tokens.append(Tok("lparen", "(", field=field, neg=neg))
                neg, must, field = False, False, None
                i += 1
                continue
            if c == ")":
                self.tokens.append(Tok("rparen", ")"))
                neg, must, field = False, False, None
                i += 1
                continue
            if c == '"':
                j = s.find('"', i + 1)
                if j < 0:
                    rest = s[i + 1:]
                    self.note(f"Unbalanced quote: searched for {_short(rest) or 'the rest'} as words.")
                    s = self.s = s[:i] + " " + s[i + 1:]
                    continue
                body = " ".join(s[i + 1:j].split())
                i = j + 1
                slop = 0
                sm = _SLOP_RE.match(s, i)
                if sm:
                    slop = min(int(sm.group(1)), 50)
                    i = sm.end()
                if not _HAS_WORD.search(body):
                    if body or not field:
                        self.note("Ignored empty quotes.")
                    neg, must, field = False, False, None
                    continue
                self.tokens.append(Tok("phrase", body, field=field, neg=neg, slop=slop, must=must))
                neg, must, field = False, False, None
                continue
            j = i
            while j < n and not s[j].isspace() and s[j] not in '()"':
                j += 1
            word = s[i:j]
            i = j
            if word in OPERATORS and field is None and not neg:
                self.tokens.append(Tok("op", word))
                must = False
                continue
            tok = self._word(word, field, neg)
            if tok is not None:
                self.tokens.append(replace(tok, must=True) if must and not neg else tok)
            neg, must, field = False, False, None
        return self.tokens

    def _word(self, word: str, field: str | None, neg: bool) -> Tok | None:
        if field in FACET_FIELDS:
            return Tok("word", word, field=field, neg=neg)
        boost = ""
        bm = _BOOST_RE.match(word)
        if bm and _HAS_WORD.search(bm.group(1)):
            word, boost = bm.group(1), bm.group(2)
        fuzzy = 0
        fm = _FUZZY_RE.match(word)
        if fm:
            word = fm.group(1)
            fuzzy = int(fm.group(2)) if fm.group(2) else 1
            if fuzzy > MAX_FUZZY:
                self.note(f"Fuzzy matching allows at most {MAX_FUZZY} edits: searched for {word}~{MAX_FUZZY}.")
                fuzzy = MAX_FUZZY
            fuzzy = max(fuzzy, 1)
        word = word.replace("~", "").replace("^", "")
        stripped = word.rstrip(_TRAILING)
        if stripped != word and _HAS_WORD.search(stripped):
            word = stripped
        if "*" in word or "?" in word:
            literal = re.sub(r"[*?]", "", word)
            if not _HAS_WORD.search(literal):
                if word.strip("*") == "" and not field and not neg:
                    self.browse_all = True  # "*" alone: everything (see read_query)
                    return None
                self.note(f"Ignored '{_short(word)}': a wildcard needs letters with it (strik*).")
                return None
            if len(literal) < MIN_WILDCARD_CHARS:
                self.note(f"'{word}' is too short to expand; searched for {literal} as a word.")
                word = literal
            elif self.expansions >= MAX_EXPANSIONS:
                self.note(f"Too many wildcard and fuzzy terms; searched for {literal} as a word.")
                word = literal
            else:
                self.expansions += 1
            fuzzy = 0 if ("*" in word or "?" in word) else fuzzy
        if fuzzy:
            if self.expansions >= MAX_EXPANSIONS:
                self.note(f"Too many wildcard and fuzzy terms; searched for {word} as a word.")
                fuzzy = 0
            else:
                self.expansions += 1
        if not _HAS_WORD.search(word):
            return None
        return Tok("word", word, field=field, neg=neg, fuzzy=fuzzy, boost=boost)


def _balance(tokens: list[Tok], note) -> list[Tok]:
    out: list[Tok] = []
    depth = 0
    dropped = False
    for t in tokens:
        if t.kind == "lparen":
            depth += 1
        elif t.kind == "rparen":
            if depth == 0:
                dropped = True
                continue
            depth -= 1
        out.append(t)
    if dropped:
        note("Unbalanced bracket: ignored a ')' without a matching '('.")
    if depth:
        note("Unbalanced bracket: closed the open '(' at the end of the query.")
        out.extend(Tok("rparen", ")") for _ in range(depth))
    return out


def _distribute_fields(tokens: list[Tok]) -> list[Tok]:
    """title:(a "b c") -> (title:a title:"b c"): a group's field goes to its terms."""
    out: list[Tok] = []
    stack: list[str | None] = []
    for t in tokens:
        current = next((f for f in reversed(stack) if f), None)
        if t.kind == "lparen":
            stack.append(t.field)
            out.append(replace(t, field=None))
        elif t.kind == "rparen":
            if stack:
                stack.pop()
            out.append(t)
        elif t.kind in ("word", "phrase") and t.field is None and current:
            out.append(replace(t, field=current))
        else:
            out.append(t)
    return out


def _drop_empty_groups(tokens: list[Tok]) -> list[Tok]:
    changed = True
    while changed:
        changed = False
        for k in range(len(tokens) - 1):
            if tokens[k].kind == "lparen" and tokens[k + 1].kind == "rparen":
                tokens = tokens[:k] + tokens[k + 2:]
                changed = True
                break
    return tokens


def _fix_operators(tokens: list[Tok], note) -> list[Tok]:
    """Drop operators with nothing to combine: leading/trailing AND/OR, doubled operators."""
    changed = True
    while changed:
        changed = False
        out: list[Tok] = []
        for k, t in enumerate(tokens):
            if t.kind != "op":
                out.append(t)
                continue
            prev = out[-1] if out else None
            nxt = tokens[k + 1] if k + 1 < len(tokens) else None
            ok_next = nxt is not None and nxt.is_operand_start
            if t.text == "NOT":
                if not ok_next:
                    note("Ignored 'NOT' with nothing after it.")
                    changed = True
                    continue
                if prev is not None and prev.kind == "op" and prev.text == "NOT":
                    # NOT NOT x reads as x
                    out.pop()
                    changed = True
                    continue
            else:
                ok_prev = prev is not None and prev.is_operand_end
                if not (ok_prev and ok_next):
                    note(f"Ignored '{t.text}' with nothing to combine on one side.")
                    changed = True
                    continue
            out.append(t)
        tokens = out
        tokens2 = _drop_empty_groups(tokens)
        if len(tokens2) != len(tokens):
            tokens = tokens2
            changed = True
    return tokens


def _cap_clauses(tokens: list[Tok], note) -> list[Tok]:
    n = 0
    for k, t in enumerate(tokens):
        if t.kind in ("word", "phrase"):
            n += 1
            if n > MAX_CLAUSES:
                note(f"The query has more than {MAX_CLAUSES} terms; searched for the first {MAX_CLAUSES}.")
                kept = tokens[:k]
                while kept and kept[-1].kind == "op":
                    kept.pop()
                depth = sum(1 if x.kind == "lparen" else -1 if x.kind == "rparen" else 0 for x in kept)
                return kept + [Tok("rparen", ")")] * max(depth, 0)
    return tokens


def read_query(text: str) -> ReadQuery:
    """Tokens, repair messages and the sanitised text of a query string."""
    messages: list[str] = []
    s = sanitise(text, messages)
    lexer = _Lexer(s, messages)
    tokens = lexer.run()

    def note(msg: str) -> None:
        if msg not in messages:
            messages.append(msg)

    tokens = _balance(tokens, note)
    tokens = _distribute_fields(tokens)
    tokens = _drop_empty_groups(tokens)
    tokens = _fix_operators(tokens, note)
    tokens = _cap_clauses(tokens, note)
    browse_all = False
    if lexer.browse_all:
        if any(t.kind in ("word", "phrase") for t in tokens):
            note("Ignored '*': a wildcard needs letters with it (strik*).")
        else:
            browse_all = True
            note("'*' on its own matches every statement: showing all of them.")
    return ReadQuery(tokens, messages, lexer.s, browse_all)


def render_token(t: Tok) -> str:
    neg = "NOT " if t.neg else ("+" if t.must else "")
    if t.kind == "word":
        field = f"{t.field}:" if t.field else ""
        text = t.text
        if t.field in FACET_FIELDS and (" " in text or ":" in text):
            text = f'"{text}"'
        fuzzy = ("~" if t.fuzzy == 1 else f"~{t.fuzzy}") if t.fuzzy else ""
        boost = f"^{t.boost}" if t.boost else ""
        return f"{neg}{field}{text}{fuzzy}{boost}"
    if t.kind == "phrase":
        field = f"{t.field}:" if t.field else ""
        slop = f"~{t.slop}" if t.slop else ""
        return f'{neg}{field}"{t.text}"{slop}'
    if t.kind == "lparen":
        return f"{neg}("
    return t.text


def render(tokens: list[Tok]) -> str:
    """The tokens as one clean query string."""
    parts: list[str] = []
    for t in tokens:
        s = render_token(t)
        if parts and not parts[-1].endswith("(") and t.kind != "rparen":
            parts.append(" ")
        parts.append(s)
    return "".join(parts)
