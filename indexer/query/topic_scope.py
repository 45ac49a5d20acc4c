"""Topic filters that narrow: passage topics for long statements, statement topics for short.

A manifesto of 200 passages touches most topics somewhere, so its statement-level topics
say little: "Economy and cost of living" tags 84 of the 101 UK manifestos. For a long
statement (LONG_STATEMENT_WORDS = 1,000 indexed words or more, stop words not counted:
about 2,000 running words, four pages; the seeds' joint statements hold 320 and 702, a
UN General Debate speech 1,300 at the median, a UK manifesto 4,900), a topic filter
therefore looks at passages:

* with a query, a long statement passes topic T when one of its *matching* passages (a
  passage whose own text holds a query word) is tagged T: `immigration` + Economy finds
  the statements that speak of immigration in a passage about the economy;
* its passages are then only those tagged T: the passages shown under it, the passages
  it is ranked by, and the passages listed in the passages view;
* the topic facet counts the same way, so its counts equal what ticking a value returns.

A short statement keeps its statement-level topics, and so does every statement when
there is no query (browsing has no matching passages to look at).

The arrays are built once per generation: (passage, topic) pairs from the indexed
`passage_topic` field, and which statements are long. An index written before that field
was indexed has no pairs; every statement is then treated as short.
"""

from __future__ import annotations

import numpy as np

LONG_STATEMENT_WORDS = 1000


class TopicScope:
    """Passage-level topic filtering and counting over one generation (see module doc)."""

    def __init__(self, n_statements: int, n_topics: int, p2s_slot: np.ndarray,
                 e_doc: np.ndarray, e_val: np.ndarray, s_long: np.ndarray):
        self.n_statements = n_statements
        self.n_topics = n_topics
        self.p2s_slot = p2s_slot
        order = np.argsort(e_doc, kind="stable")
        self.e_doc = np.asarray(e_doc, dtype=np.int64)[order]
        self.e_val = np.asarray(e_val, dtype=np.int64)[order]
        self.e_stmt = p2s_slot[self.e_doc] if len(self.e_doc) else np.zeros(0, np.int64)
        self.s_long = s_long if len(self.e_doc) else np.zeros(n_statements, dtype=bool)
        self.active = bool(self.s_long.any())
        self.e_long = np.append(self.s_long, False)[self.e_stmt]  # pairs of long statements
        self.e_key = self.e_stmt * max(1, n_topics) + self.e_val

    @classmethod
    def build(cls, n_statements: int, topic_ids: list[str], p2s_slot: np.ndarray,
              topic_docs, stmt_words: np.ndarray) -> "TopicScope":
        """topic_docs(topic_id) -> the docnums of the passages tagged with it;
        stmt_words[s] -> the statement's length in indexed words."""
        docs, vals = [], []
        for i, t in enumerate(topic_ids):
            d = np.asarray(topic_docs(t), dtype=np.int64)
            if len(d):
                docs.append(d)
                vals.append(np.full(len(d), i, dtype=np.int64))
        e_doc = np.concatenate(docs) if docs else np.zeros(0, np.int64)
        e_val = np.concatenate(vals) if vals else np.zeros(0, np.int64)
        keep = p2s_slot[e_doc] < n_statements if len(e_doc) else np.zeros(0, bool)
        s_long = np.asarray(stmt_words) >= LONG_STATEMENT_WORDS
        return cls(n_statements, len(topic_ids), p2s_slot, e_doc[keep], e_val[keep], s_long)

    def entries(self, passages: np.ndarray | None) -> np.ndarray | None:
        """bool over the (passage, topic) pairs: a matching passage of a long statement
        (passages: bool[N] the query's matching passages). Computed once per query and
        handed to `statements` and `counts`; None without a query."""
        if passages is None or not self.active:
            return None
        return passages[self.e_doc] & self.e_long

    def statements(self, ords, doc_level: np.ndarray, entries: np.ndarray | None) -> np.ndarray:
        """bool[S]: statements passing a selection of topic ordinals.

        doc_level: the statements whose own topics hold one of them; entries: `entries()`
        of the query, None without a query."""
        if entries is None:
            return doc_level
        out = doc_level & ~self.s_long
        wanted = np.zeros(max(1, self.n_topics), dtype=bool)
        wanted[np.asarray(list(ords), dtype=np.int64)] = True
        out[self.e_stmt[entries & wanted[self.e_val]]] = True
        return out

    def counts(self, base: np.ndarray, doc_counts, entries: np.ndarray | None) -> np.ndarray:
        """Statements per topic among `base`: doc_counts(mask) counts statement-level topics;
        long statements count the topics of their matching passages (each statement once)."""
        if entries is None:
            return doc_counts(base)
        out = np.asarray(doc_counts(base & ~self.s_long), dtype=np.int64)
        sel = entries & np.append(base, False)[self.e_stmt]
        if sel.any():
            seen = np.zeros(self.n_statements * self.n_topics, dtype=bool)
            seen[self.e_key[sel]] = True  # (statement, topic) pairs, each counted once
            out = out + np.bincount(np.flatnonzero(seen) % self.n_topics, minlength=self.n_topics)[:len(out)]
        return out

    def passages(self, ords, n_docs: int) -> np.ndarray | None:
        """bool[N]: the passages a topic selection keeps (every passage of a short statement,
        the tagged passages of a long one); None when nothing is narrowed."""
        if not self.active or not len(ords):
            return None
        keep = np.append(~self.s_long, False)[self.p2s_slot]
        sel = np.isin(self.e_val, np.asarray(list(ords), dtype=np.int64))
        keep[self.e_doc[sel]] = True
        return keep
