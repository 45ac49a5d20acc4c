"""The query layer's tree (indexer.query.tree) as a Whoosh query.

The query layer matches and scores with numpy over the postings and never needs this;
it is here for comparing with Whoosh's own search (the BM25F parity test, the benchmark's
`groupedby` baseline). Nodes are recognised by class name, so the store does not import
the query layer.
"""

from __future__ import annotations

from whoosh import query as wq


def to_whoosh(q) -> wq.Query:
    """A Whoosh query matching what the tree q matches (and scoring as the query layer does)."""
    if q is None:
        return wq.NullQuery
    kind = type(q).__name__
    boost = getattr(q, "boost", 1.0)
    if kind == "Term":
        return wq.Term(q.field, q.text, boost=boost)
    if kind == "Phrase":
        return wq.Phrase(q.field, list(q.words), slop=q.slop, boost=boost)
    if kind in ("Prefix", "Fuzzy") and q.terms:
        terms = [wq.Term(q.field, t, boost=boost) for t in q.terms]
        return terms[0] if len(terms) == 1 else wq.Or(terms)
    if kind == "Prefix":
        return wq.Prefix(q.field, q.text, boost=boost)
    if kind == "Fuzzy":
        return wq.FuzzyTerm(q.field, q.text, maxdist=q.maxdist, boost=boost)
    if kind == "Wildcard":
        return wq.Wildcard(q.field, q.pattern, boost=boost)
    if kind == "YearRange":
        if q.lo > q.hi:
            return wq.Term("year", "none")
        return wq.NumericRange("year", q.lo, q.hi)
    if kind == "Every":
        return wq.Every()
    if kind == "And":
        return wq.And([to_whoosh(c) for c in q.children])
    if kind == "Or":
        return wq.Or([to_whoosh(c) for c in q.children])
    if kind == "Not":
        return wq.Not(to_whoosh(q.child))
    return wq.NullQuery
