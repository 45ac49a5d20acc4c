"""The query tree: what the parser produces and what matching, scoring and highlighting walk.

Plain frozen dataclasses, independent of any search engine. Leaves name a field and hold
index terms (already analysed: lower-cased, stemmed), so the store only ever answers
questions about terms:

    Term(field, text)                 one index term
    Phrase(field, words, slop)        terms at consecutive positions (slop 1), or each
                                      within `slop` positions of the one before; with
                                      `surface`, only where the text holds those words
                                      as written (a quoted phrase, phrases.py)
    Prefix(field, text, terms)        words starting with text, expanded to index terms
    Fuzzy(field, text, maxdist, terms)  words within maxdist edits, expanded to index terms
    Wildcard(field, pattern)          index terms matching a pattern of * and ?
    YearRange(lo, hi)                 the statement's year between lo and hi (inclusive)
    Every()                           every passage
    Null()                            nothing to search (dropped by And and Or)

and the boolean structure above them: And, Or, Not. `Not` inside an `And` removes what
it matches; on its own it matches everything else.
"""

from __future__ import annotations

from dataclasses import dataclass, field


class Node:
    """Base of every query node."""

    boost: float = 1.0

    @property
    def is_leaf(self) -> bool:
        return not isinstance(self, (And, Or, Not))


@dataclass(frozen=True)
class Term(Node):
    field: str
    text: str
    boost: float = 1.0


@dataclass(frozen=True)
class Phrase(Node):
    field: str
    words: tuple[str, ...]
    slop: int = 1
    boost: float = 1.0
    surface: tuple[str, ...] = ()  # a quoted phrase's words as written: matched as such (phrases.py)


@dataclass(frozen=True)
class Prefix(Node):
    field: str
    text: str
    terms: tuple[str, ...] = ()  # the index terms it stands for (empty: every term with the prefix)
    boost: float = 1.0


@dataclass(frozen=True)
class Fuzzy(Node):
    field: str
    text: str
    maxdist: int = 1
    terms: tuple[str, ...] = ()  # the index terms within reach (the word's own stem first)
    boost: float = 1.0


@dataclass(frozen=True)
class Wildcard(Node):
    field: str
    pattern: str
    boost: float = 1.0


@dataclass(frozen=True)
class YearRange(Node):
    lo: int
    hi: int
    field: str = "year"
    boost: float = 1.0


@dataclass(frozen=True)
class Every(Node):
    boost: float = 1.0


@dataclass(frozen=True)
class Null(Node):
    boost: float = 1.0


@dataclass(frozen=True)
class And(Node):
    children: tuple[Node, ...] = field(default_factory=tuple)
    boost: float = 1.0


@dataclass(frozen=True)
class Or(Node):
    children: tuple[Node, ...] = field(default_factory=tuple)
    boost: float = 1.0


@dataclass(frozen=True)
class Not(Node):
    child: Node = field(default_factory=Null)
    boost: float = 1.0


NULL = Null()


def is_null(q) -> bool:
    return q is None or isinstance(q, Null)


def _combine(cls, children) -> Node:
    flat: list[Node] = []
    for c in children:
        if is_null(c):
            continue
        if type(c) is cls and c.boost == 1.0:
            flat.extend(c.children)
        else:
            flat.append(c)
    flat = list(dict.fromkeys(flat))  # the same clause twice counts once
    if not flat:
        return NULL
    if len(flat) == 1:
        return flat[0]
    return cls(tuple(flat))


def and_(children) -> Node:
    """And of the children: nested Ands flattened, Nulls and repeats dropped."""
    return _combine(And, children)


def or_(children) -> Node:
    """Or of the children: nested Ors flattened, Nulls and repeats dropped."""
    return _combine(Or, children)


def not_(child) -> Node:
    return NULL if is_null(child) else Not(child)


def terms_of(field_name: str, texts, boost: float = 1.0) -> Node:
    """One Term, or an Or of Terms, for index terms of one field."""
    return or_([Term(field_name, t, boost) for t in texts])


def leaf_terms(q: Node) -> tuple[str, ...]:
    """The index terms a leaf stands for, when it names them (Term, expanded Prefix/Fuzzy)."""
    if isinstance(q, Term):
        return (q.text,)
    if isinstance(q, (Prefix, Fuzzy)):
        return q.terms
    return ()


def leaf_field(q) -> str | None:
    """The field a clause searches (an Or of one field's terms counts as one)."""
    name = getattr(q, "field", None)
    if name is None and isinstance(q, Or) and q.children:
        names = {getattr(s, "field", None) for s in q.children}
        if len(names) == 1:
            name = names.pop()
    return name


def positive_leaves(q, fields) -> list[Node]:
    """The clauses of q on the given fields that are not negated (they score and highlight)."""
    if is_null(q) or isinstance(q, Not):
        return []
    if isinstance(q, (And, Or)):
        if isinstance(q, Or) and q.children and all(isinstance(s, Term) and s.field in fields
                                                    for s in q.children) \
                and len({s.field for s in q.children}) == 1:
            return [q]  # one expanded word over one field: one clause
        out: list[Node] = []
        for s in q.children:
            out.extend(positive_leaves(s, fields))
        return out
    return [q] if getattr(q, "field", None) in fields else []
