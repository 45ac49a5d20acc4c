"""Proximity: passages where the query's words stand close together score above passages
where they are scattered.

For a query of at least two plain words (ParsedQuery.optional), the best TOP passages by
score are read for the positions of those words in their text, and each gets the factor

    1 + WEIGHT * (w - 1) / (k - 1) * (w - 1) / span

where k is the number of words typed, w how many of them the passage's text holds (at
least two) and span the width of the smallest stretch of the text holding all w of them
(w - 1 when they stand side by side). A passage holding every word side by side gets
1 + WEIGHT; one holding them far apart gets almost nothing. Positions come from the
same store reads as phrases (Evaluator.positions, cached per generation).
"""

from __future__ import annotations

import numpy as np

from indexer.query.positions import KEY_SHIFT, among
from indexer.query.tree import And, Fuzzy, Or, Prefix, Term

TOP = 200  # passages read for positions: the best by score
WEIGHT = 0.25  # the largest boost, for every word typed side by side
FIELD = "text"


def text_terms(node) -> tuple[str, ...]:
    """The index terms of the text field one typed word stands for (its variants too)."""
    if isinstance(node, Term):
        return (node.text,) if node.field == FIELD else ()
    if isinstance(node, (Prefix, Fuzzy)):
        return node.terms if node.field == FIELD else ()
    if isinstance(node, (And, Or)):
        out: list[str] = []
        for c in node.children:
            out += [t for t in text_terms(c) if t not in out]
        return tuple(out)
    return ()  # a negated word is not looked for


def min_window(pos: list[int], word: list[int]) -> tuple[int, int]:
    """(distinct words, width of the smallest window holding them all) of positions sorted
    ascending, each labelled with the word it holds."""
    need = len(set(word))
    count: dict[int, int] = {}
    have = left = 0
    best = None
    for right, w in enumerate(word):
        count[w] = count.get(w, 0) + 1
        have += count[w] == 1
        while have == need:
            span = pos[right] - pos[left]
            best = span if best is None or span < best else best
            lw = word[left]
            count[lw] -= 1
            have -= count[lw] == 0
            left += 1
    return need, best or 0


def closeness(w: int, span: int) -> float:
    """1 for w words side by side, falling as the smallest window holding them widens."""
    return min(1.0, (w - 1) / max(span, 1))


def proximity_factors(evaluator, optional: list, docs: np.ndarray, scores: np.ndarray) -> np.ndarray:
    """float[len(docs)]: the proximity factor of each scored passage (docs sorted)."""
    out = np.ones(len(docs), dtype=np.float64)
    k = len(optional)
    if k < 2 or not len(docs):
        return out
    top = np.argsort(-scores, kind="stable")[:TOP]
    cand = np.sort(docs[top])
    keys, labels = [], []
    for i, (_, node) in enumerate(optional):
        for t in text_terms(node):
            d, p = among(*evaluator.positions(FIELD, t), cand)
            if len(d):
                keys.append(d.astype(np.int64) << KEY_SHIFT | p.astype(np.int64))
                labels.append(np.full(len(d), i, dtype=np.int32))
    if len(keys) < 2:
        return out
    key = np.concatenate(keys)
    label = np.concatenate(labels)
    order = np.argsort(key, kind="stable")
    key, label = key[order], label[order]
    doc_of = key >> KEY_SHIFT
    pos = key & ((1 << KEY_SHIFT) - 1)
    cuts = np.flatnonzero(np.diff(doc_of)) + 1
    starts = np.concatenate(([0], cuts))
    ends = np.concatenate((cuts, [len(key)]))
    pos_l, label_l = pos.tolist(), label.tolist()
    for a, b in zip(starts.tolist(), ends.tolist()):
        w, span = min_window(pos_l[a:b], label_l[a:b])
        if w < 2:
            continue
        out[np.searchsorted(docs, doc_of[a])] = 1.0 + WEIGHT * (w - 1) / (k - 1) * closeness(w, span)
    return out
