"""Other forms of a query word the archive may hold, added to the word's clause.

- Synonyms from the editable synonyms file (synonyms.py): "NATO" also finds "North
  Atlantic Treaty Organization", and words typed side by side that form a synonym of
  several words ("Soviet Union") are read as that name and also find "USSR".
- Compounds written with or without a hyphen: "anti-communist" also finds "anticommunist",
  and "anticommunist" (a known prefix and a dictionary word of at least four letters) also
  finds "anti-communist"; "e-mail" and "email" (never "employment" and "e-mployment").
- Numbers in digits and in words (numbers.py): "thirteen" also finds "13", "24th" also
  finds "twenty-fourth".

Spelling variants (nationalise / nationalize, labour / labor) and numbers with separators
(300,000 / 300000) need nothing here: the analyzer folds them to one index term
(indexer/store/spelling.py, tokenizer.py). Quoted phrases, fielded facets, fuzzy words and
wildcards are left as typed.
"""

from __future__ import annotations

from dataclasses import replace

from indexer.query.lexer import TEXT_FIELDS, Tok
from indexer.query.numbers import number_forms
from indexer.query.synonyms import is_word, load_synonyms
from indexer.query.tree import Node, or_

COMPOUND_PREFIXES = ("anti", "counter", "non", "neo", "post", "pre", "pro", "co", "e", "inter",
                     "multi", "socio", "semi", "sub", "super", "trans", "ultra", "cross", "re",
                     "self", "over", "under", "mid", "ex")
MIN_REST = 4  # letters after the prefix for a split ("email" -> "e-mail", never "ease" -> "e-ase")
HYPHENS = "-‐‑"


def _plain(t: Tok) -> bool:
    return (t.kind == "word" and (t.field is None or t.field in TEXT_FIELDS) and not t.fuzzy
            and not t.is_wildcard)


def compound_forms(word: str) -> list[str]:
    """The word with its hyphens dropped, or split after a known prefix with a hyphen."""
    if any(h in word for h in HYPHENS):
        joined = "".join(c for c in word if c not in HYPHENS)
        return [joined] if joined.isalpha() else []
    lower = word.lower()
    if not lower.isalpha():
        return []
    for p in COMPOUND_PREFIXES:
        if lower.startswith(p) and len(lower) - len(p) >= MIN_REST and is_word(lower[len(p):]):
            return [word[:len(p)] + "-" + word[len(p):]]
    return []


def join_runs(tokens: list[Tok]) -> list[Tok]:
    """Words typed side by side that form a synonym of several words become one word token
    holding them ("Soviet Union"), read as a name and expanded by `expand`."""
    syn = load_synonyms()
    if syn.longest < 2:
        return tokens
    out: list[Tok] = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if _plain(t) and not t.neg and not t.boost:
            run = []
            j = i
            while j < len(tokens) and _plain(tokens[j]) and not tokens[j].boost and tokens[j].field == t.field \
                    and (j == i or not tokens[j].neg):
                run.append(tokens[j].text)
                j += 1
            n = syn.starts(run) if len(run) > 1 else 0
            if n:
                out.append(replace(t, text=" ".join(run[:n])))
                i += n
                continue
        out.append(t)
        i += 1
    return out


def expand(t: Tok, q: Node, clause_of) -> Node:
    """The clause `q` of a plain word token, OR-ed with the clauses of its other forms;
    `clause_of(token)` makes the clause of a form as the parser makes a word's."""
    if not _plain(t):
        return q
    forms = load_synonyms().alternatives(t.text) + compound_forms(t.text) + number_forms(t.text)
    if not forms:
        return q
    return or_([q] + [clause_of(replace(t, text=f)) for f in dict.fromkeys(forms)])
