"""From a user's query string to a query tree (tree.py): the query language of the search box.

    strikes "trade union"          words AND-ed, phrases in quotes
    strikes OR lockouts            OR; NOT word or -word; (brackets)
    strik*  solidarty~  word~2     prefix, fuzzy (1 or 2 edits)
    title:peace  text:"..."        fielded terms
    party:KKE  party:"Communist Party of Greece"   a party by id, acronym, name or alias
    topic:labour  topic:workers    a topic by id or by words of its label
    year:2017  year:2015-2020  year:2015..2020  year:>2015  year:<=2000

The text is first cleaned and repaired by `lexer` (which explains its repairs); its tokens
are then read here. NOT binds to the clause after it, AND binds tighter than OR, and
clauses side by side are AND-ed: `a b OR c` is a AND (b OR c). An unfielded word or phrase
searches the title and the text. Words that analyse to several tokens ("anti-imperialist",
"covid-19") become phrases; such a word found nowhere in the index, in any of its forms,
is searched as its words side by side ("mid-1990s" as "mid 1990s"), so it is never what
empties the results. Facet values, prefixes and fuzzy words are resolved against
the index by leaves.py.

A bare word that is exactly the acronym of one party in the index (case as written, or
typed in capitals: "KKE") also matches the statements that party signed: the word becomes
(KKE in title/text OR signed by the party).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import ClassVar

from indexer.query.evaluate import Evaluator
from indexer.query.leaves import ParseContext
from indexer.query.lexer import FACET_FIELDS, TEXT_FIELDS, ReadQuery, Tok, read_query, render
from indexer.query.phrases import surface_words
from indexer.query.textutil import STOP_WORDS, query_terms
from indexer.query.variants import expand, join_runs
from indexer.query.tree import (NULL, Node, Phrase, Prefix, Term, Wildcard, and_, is_null, not_, or_,
                                positive_leaves)


@dataclass
class ParsedQuery:
    """A query string read into a query tree, with what the reading involved.

    query is None when nothing is searched for: `browse` (the empty query: everything)
    or `nothing` (only words the index leaves out, such as "the of").
    """

    CACHE_WEIGHT: ClassVar[int] = 4096  # no arrays: a few kilobytes of small objects (state._weigh)

    text: str
    tokens: list[Tok]
    query: Node | None
    messages: list[str]
    interpreted: str
    browse: bool = False
    nothing: bool = False
    positive: list[Node] = field(default_factory=list)  # title/text leaves not negated
    # words that may be left out ((word as typed, its clause)) and the rest of the query
    optional: list[tuple[str, Node]] = field(default_factory=list)
    required: Node | None = None

    @property
    def relaxable(self) -> bool:
        """Whether results holding only some of the words may follow those holding all."""
        return len(self.optional) >= 2

    @property
    def relaxed(self) -> Node | None:
        """Any of the positive text clauses: what scores a passage."""
        if not self.positive:
            return None
        return or_(self.positive)


# -- clauses -----------------------------------------------------------------------------


def _boost(t: Tok) -> float:
    try:
        return float(t.boost) if t.boost else 1.0
    except ValueError:
        return 1.0


def _analysed(fieldname: str, text: str, boost: float, slop: int = 1) -> Node:
    """A word or a phrase's text in one field: a Term, a Phrase of its terms, or Null."""
    terms = query_terms(text)
    if not terms:
        return NULL
    if len(terms) == 1:
        return Term(fieldname, terms[0], boost)
    return Phrase(fieldname, tuple(terms), slop, boost)


def _quoted(fieldname: str, text: str, slop: int) -> Node:
    """A quoted phrase: its stems over positions, matched as written (slop 1, even a
    single word) by phrases.py; a sloppy phrase ("a b"~3) matches its stems."""
    if slop > 1:
        return _analysed(fieldname, text, 1.0, slop)
    terms = query_terms(text)
    words = surface_words(text)
    if not terms:  # only stop words ("we will not"): found by the words as written alone
        return Phrase(fieldname, (), 1, 1.0, words) if words else NULL
    return Phrase(fieldname, tuple(terms), 1, 1.0, words)


def _wildcard(ctx: ParseContext, fieldname: str, text: str, boost: float) -> Node:
    if "?" not in text and text.find("*") == len(text) - 1 and len(text) > 1:
        return ctx.prefix_query(fieldname, text[:-1], boost)
    terms = query_terms(text, tokenize=False)
    if not terms:
        return NULL
    pattern = terms[0]
    if "*" not in pattern and "?" not in pattern:
        return Term(fieldname, pattern, boost)
    if "?" not in pattern and pattern.find("*") == len(pattern) - 1:
        return Prefix(fieldname, pattern[:-1], (), boost)
    return Wildcard(fieldname, pattern, boost)


def _in_field(ctx: ParseContext, t: Tok, fieldname: str) -> Node:
    boost = _boost(t)
    if t.kind == "phrase":
        return _quoted(fieldname, t.text, t.slop or 1)
    if t.is_wildcard:
        return _wildcard(ctx, fieldname, t.text, boost)
    if t.fuzzy:
        return ctx.fuzzy_query(fieldname, t.text, t.fuzzy, boost)
    return _analysed(fieldname, t.text, boost)


def clause(ctx: ParseContext, t: Tok) -> Node:
    """The query of one word or phrase token (its negation aside)."""
    if t.field in FACET_FIELDS:
        return ctx.facet_query(t.field, t.text)
    fields = [t.field] if t.field else list(TEXT_FIELDS)
    q = or_([_in_field(ctx, t, f) for f in fields])
    q = expand(t, q, lambda form: or_([_in_field(ctx, form, f) for f in fields]))
    if t.kind == "word" and not t.field and not t.fuzzy and not t.is_wildcard:
        ids = ctx.state.resolver.acronym(t.text)
        if ids:
            q = or_([q, ctx.facet_query("party", t.text, ids)])
    return q


# -- structure ---------------------------------------------------------------------------

_NOT, _AND, _OR = object(), object(), object()
_OPS = {"NOT": _NOT, "AND": _AND, "OR": _OR}


def _group(ctx: ParseContext, tokens: list[Tok], i: int) -> tuple[Node, int]:
    """The clauses from tokens[i] up to the matching ')' (or the end), and where it stopped."""
    items: list = []
    while i < len(tokens):
        t = tokens[i]
        if t.kind == "rparen":
            return _combine(items), i + 1
        if t.kind == "lparen":
            q, i = _group(ctx, tokens, i + 1)
            items.append(not_(q) if t.neg else q)
            continue
        if t.kind == "op":
            items.append(_OPS[t.text])
        else:
            q = clause(ctx, t)
            items.append(not_(q) if t.neg else q)
        i += 1
    return _combine(items), i


def _combine(items: list) -> Node:
    """NOT first, then AND, then OR (each left to right); what is left side by side is AND-ed."""
    k = 0
    out: list = []
    while k < len(items):  # NOT x
        if items[k] is _NOT:
            if k + 1 < len(items) and items[k + 1] not in (_AND, _OR, _NOT):
                out.append(not_(items[k + 1]))
                k += 2
                continue
            k += 1
            continue
        out.append(items[k])
        k += 1
    for op, make in ((_AND, and_), (_OR, or_)):
        items, out = out, []
        k = 0
        while k < len(items):
            if items[k] is op:
                if out and not _is_op(out[-1]) and k + 1 < len(items) and not _is_op(items[k + 1]):
                    out[-1] = make([out[-1], items[k + 1]])
                    k += 2
                    continue
                k += 1
                continue
            out.append(items[k])
            k += 1
    return and_([q for q in out if not _is_op(q)])


def _is_op(x) -> bool:
    return x is _NOT or x is _AND or x is _OR


def build_query(ctx: ParseContext, tokens: list[Tok]) -> Node:
    q, _ = _group(ctx, join_runs(tokens), 0)
    return q


def optional_words(ctx: ParseContext, tokens: list[Tok]) -> tuple[list[tuple[str, Node]], Node | None]:
    """The words of the query that may be left out, and everything else (the required part).

    Only plain words typed side by side may be left out: not quoted phrases, +words,
    -words, fielded words, filters, nor anything under an explicit AND or OR.
    """
    depth = 0
    for t in tokens:
        depth += t.kind == "lparen"
        depth -= t.kind == "rparen"
        if depth == 0 and t.kind == "op" and t.text in ("AND", "OR"):
            return [], None
    optional: list[tuple[str, Node]] = []
    required: list[Node] = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if t.kind == "lparen":
            q, i = _group(ctx, tokens, i + 1)
            required.append(not_(q) if t.neg else q)
            continue
        if t.kind == "op":  # NOT: the next clause is required not to match
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            if nxt is not None and nxt.kind == "lparen":
                q, i = _group(ctx, tokens, i + 2)
                required.append(not_(q))
                continue
            if nxt is not None and nxt.kind in ("word", "phrase"):
                required.append(not_(clause(ctx, nxt)))
                i += 2
                continue
            i += 1
            continue
        if t.kind in ("word", "phrase"):
            q = clause(ctx, t)
            if t.kind == "word" and not (t.neg or t.must or t.field):
                if not is_null(q) and all(q != n for _, n in optional):
                    optional.append((t.text, q))
            else:
                required.append(not_(q) if t.neg else q)
        i += 1
    return optional, and_(required)


# -- reading ------------------------------------------------------------------------------


def parse_query(text: str, state, reader) -> ParsedQuery:
    """Read a user's query string (never raises for what the user typed)."""
    rq: ReadQuery = read_query(text or "")
    messages = list(rq.messages)
    typed = " ".join((text or "").split())
    if not rq.tokens:
        interpreted = "" if not typed else ("*" if rq.browse_all else "")
        return ParsedQuery(text=text or "", tokens=[], query=None, messages=messages,
                           interpreted=interpreted, browse=True)
    ctx = ParseContext(state, reader)
    try:
        rq.tokens = split_unfound(ctx, rq.tokens)
    except Exception:
        pass
    clean = render(rq.tokens)
    try:
        q = build_query(ctx, rq.tokens)
    except Exception:
        # the tokens could not be read: fall back to their words, AND-ed
        words = [t for t in rq.tokens if t.kind in ("word", "phrase")]
        plain = [Tok("word", w) for t in words for w in re_words(t.text)]
        clean = render(plain)
        messages.append(f"Could not read the query's structure; searched for its words: {clean}.")
        try:
            q = build_query(ctx, plain)
        except Exception:
            q = NULL
    for m in ctx.messages:
        if m not in messages:
            messages.append(m)
    interpreted = clean if clean != typed else ""
    if is_null(q):
        words = [w for t in rq.tokens if t.kind in ("word", "phrase") and not t.field for w in re_words(t.text)]
        stops = [w for w in words if w.lower() in STOP_WORDS]
        if stops and len(stops) == len(words) and reader.has_surface("text"):
            # only very common words ("to be or not to be"): side by side, as written
            phrase = surface_words(" ".join(words))
            q = or_([_quoted(f, " ".join(phrase), 1) for f in TEXT_FIELDS])
            shown = ", ".join(dict.fromkeys(phrase))
            messages.append(f"The query holds only very common words ({shown}), which a word search "
                            f"leaves out: searched for them side by side as written, \"{' '.join(phrase)}\".")
            return ParsedQuery(text=text, tokens=rq.tokens, query=q, messages=messages,
                               interpreted=interpreted, positive=positive_leaves(q, TEXT_FIELDS),
                               required=q)
        if stops and len(stops) == len(words):
            shown = ", ".join(dict.fromkeys(w.lower() for w in stops))
            messages.append(f"The query holds only very common words ({shown}), which the index "
                            "leaves out: add a more specific word.")
        elif not words:
            # only filters that could not be read (e.g. year:abc): everything, as for ""
            return ParsedQuery(text=text, tokens=rq.tokens, query=None, messages=messages,
                               interpreted=interpreted, browse=True)
        else:
            messages.append("Nothing searchable in the query.")
        return ParsedQuery(text=text, tokens=rq.tokens, query=None, messages=messages,
                           interpreted=interpreted, nothing=True)
    try:
        optional, required = optional_words(ctx, rq.tokens)
    except Exception:
        optional, required = [], None
    return ParsedQuery(text=text, tokens=rq.tokens, query=q, messages=messages,
                       interpreted=interpreted, positive=positive_leaves(q, TEXT_FIELDS),
                       optional=optional, required=required)


_WORDS = re.compile(r"\w+(?:[.'’-]\w+)*", re.UNICODE)
_PARTS = re.compile(r"\w+(?:\.\w+)*", re.UNICODE)  # "U.S.-Soviet": "U.S", "Soviet"


def split_unfound(ctx: ParseContext, tokens: list[Tok]) -> list[Tok]:
    """The tokens with each plain word of several parts ("mid-1990s", "peace+security")
    that no passage holds, in any of its forms, replaced by its parts as words."""
    out: list[Tok] = []
    ev = None
    for t in tokens:
        parts = _PARTS.findall(t.text) if t.kind == "word" else []
        if (len(parts) > 1 and not (t.neg or t.must or t.fuzzy or t.boost or t.is_wildcard)
                and t.field in (None, *TEXT_FIELDS)):
            q = clause(ctx, t)
            ev = ev or Evaluator(ctx.state, ctx.reader)
            if not is_null(q) and not ev.statement_mask(q).any():
                ctx.note(f"{t.text} is nowhere in the index as written: searched as its words, "
                         f"{' '.join(parts)}.")
                out.extend(replace(t, text=p) for p in parts)
                continue
        out.append(t)
    return out


def re_words(text: str) -> list[str]:
    return _WORDS.findall(text)
