"""More like this: the statements whose text is most like one statement's.

As Lucene's MoreLikeThis does, the statement is turned into a query of its own most
telling words, and that query is run as a weighted OR:

1. the statement's running text (its passages, without the title and the signatory list;
   the first MAX_WORDS words of a longer one) is tokenised as the index tokenises it
   (same pattern, stop words and stemmer);
2. each stem seen at least MIN_TF times (once, in a statement too short to repeat words)
   weighs tf x idf, idf from the word counts the index keeps for did-you-mean (a stem's
   count is that of the word forms the statement uses: ln(words / count) + 1), so that
   choosing needs no lookup per stem; a stem counted more than COMMON_SHARE times the
   passages of the index (and more than COMMON_FLOOR times) is left out: it says little
   about a statement and its postings are the longest to read; the MAX_TERMS heaviest
   make the query, each weight divided by the heaviest;
3. every other statement scores, over those stems, weight x BM25 computed on statements
   as wholes: a stem's frequency in a statement is the sum over its passages, the
   statement's length the sum of their lengths, idf counts statements. One np.bincount
   per stem over its postings: a few milliseconds on 6,000 speeches.

The most similar come first; equal scores go newest first.
"""

from __future__ import annotations

import math
from collections import Counter

import numpy as np

from indexer.query.scoring import B, K1
from indexer.query.settings import SIMILAR_DEFAULT as DEFAULT_LIMIT
from indexer.query.textutil import STOP_WORDS, TOKEN_RE, stem

MAX_TERMS = 25
MAX_WORDS = 5000
COMMON_SHARE = 0.02
COMMON_FLOOR = 1000
MIN_TF = 2
SHORT_TERMS = 40  # a statement with fewer distinct stems than this keeps stems seen once
MIN_WORD_CHARS = 3


def stem_counts(texts, max_words: int = MAX_WORDS) -> tuple[Counter, dict[str, set[str]]]:
    """Stems of the words of `texts` with their counts (numbers and short words left out),
    and the word forms of each stem; at most max_words words are read."""
    out: Counter = Counter()
    forms: dict[str, set[str]] = {}
    seen = 0
    for text in texts:
        for w in TOKEN_RE.findall(text.lower()):
            if len(w) < MIN_WORD_CHARS or w in STOP_WORDS or not w.isalpha():
                continue
            s = stem(w)
            out[s] += 1
            forms.setdefault(s, set()).add(w)
            seen += 1
            if seen >= max_words:
                return out, forms
    return out, forms


def query_terms(counts: Counter, forms: dict[str, set[str]], word_counts: dict[str, int],
                total: int, n_passages: int = 0, max_terms: int = MAX_TERMS) -> list[tuple[str, float]]:
    """The statement's most telling stems as (stem, weight), heaviest first, weights in (0, 1].

    word_counts: {word: occurrences in the index} (the did-you-mean vocabulary), total
    their sum; n_passages: the passages of the index (for leaving out common stems)."""
    min_tf = MIN_TF if len(counts) >= SHORT_TERMS else 1
    total = max(1, total)
    common = max(COMMON_SHARE * n_passages, COMMON_FLOOR)
    scored = []
    for s, tf in counts.items():
        if tf < min_tf:
            continue
        cf = max(tf, sum(word_counts.get(w, 0) for w in forms.get(s, ())))
        if cf > common:
            continue
        scored.append((tf * (math.log(total / cf) + 1), s))
    scored.sort(key=lambda t: (-t[0], t[1]))
    top = scored[:max_terms]
    if not top:
        return []
    heaviest = top[0][0]
    return [(s, w / heaviest) for w, s in top if w > 0]


def statement_scores(postings, p2s_slot: np.ndarray, n_statements: int, stmt_len: np.ndarray,
                     live: np.ndarray) -> np.ndarray:
    """float[S]: every statement's score for the weighted stems.

    postings: [(weight, docs, tf)] per stem, docs the passage docnums holding it and tf
    its frequency in each; p2s_slot[doc] the statement of a passage (n_statements for none);
    stmt_len[s] the statement's length in words; live[s] whether the statement is served.
    """
    scores = np.zeros(n_statements, dtype=np.float64)
    n_live = max(1, int(live.sum()))
    avg = float(stmt_len[live].mean()) if live.any() else 1.0
    norm = K1 * ((1 - B) + B * stmt_len / max(avg, 1e-9))
    for weight, docs, tf in postings:
        if not len(docs):
            continue
        stf = np.bincount(p2s_slot[docs], weights=tf, minlength=n_statements + 1)[:n_statements]
        has = (stf > 0) & live
        sdf = int(has.sum())
        if not sdf:
            continue
        idf = math.log(n_live / (sdf + 1)) + 1
        idx = np.nonzero(has)[0]
        t = stf[idx]
        scores[idx] += weight * idf * t * (K1 + 1) / (t + norm[idx])
    return scores


def most_similar(scores: np.ndarray, exclude: int, rank_new: np.ndarray, limit: int) -> list[tuple[int, float]]:
    """(statement, score) of the `limit` best scores above 0, `exclude` left out, ties newest first."""
    scores = scores.copy()
    scores[exclude] = 0.0
    cand = np.nonzero(scores > 0)[0]
    if not len(cand):
        return []
    order = np.lexsort((rank_new[cand], -scores[cand]))[:limit]
    return [(int(cand[i]), float(scores[cand[i]])) for i in order]


def vocabulary_total(state) -> int:
    """The number of word occurrences the vocabulary counts (cached per generation)."""
    cached = state.query_cache.get(("vocabulary_total",))
    if cached is None:
        cached = (sum(state.vocabulary.values()),)
        state.query_cache.put(("vocabulary_total",), cached)
    return cached[0]


def similar(state, doc_id: str, limit: int = DEFAULT_LIMIT) -> list[dict] | None:
    """The statements most like `doc_id`, most similar first: {doc_id, title, date, year,
    score}; None when the index has no such statement. Cached per generation."""
    from indexer.query.evaluate import Evaluator

    rid = state.snapshot.resolve_id(doc_id)
    s = state.stmt_of.get(rid) if rid is not None else None
    if s is None:
        return None
    key = ("similar", s, limit)
    cached = state.query_cache.get(key)
    if cached is not None:
        return [dict(r) for r in cached[0]]
    with state.reader() as reader:
        docs = [int(d) for d in state.statement_passages(s) if not state.p_title[d] and not state.p_sig[d]]
        counts, forms = stem_counts(reader.stored(d).get("text") or "" for d in docs)
        terms = query_terms(counts, forms, state.vocabulary, vocabulary_total(state), state.n_passages)
        ev = Evaluator(state, reader)
        postings = [(w, *ev.postings("text", t)) for t, w in terms]
    scores = statement_scores(postings, state.p2s_slot, state.n_statements, state.s_words, state.s_live)
    out = []
    for o, score in most_similar(scores, s, state.s_rank_new, limit):
        rec = state.snapshot.documents[state.stmt_ids[o]]
        out.append({"doc_id": rec["doc_id"], "title": rec.get("title") or rec["doc_id"],
                    "date": rec.get("date"), "year": rec.get("year"), "score": round(score, 4)})
    state.query_cache.put(key, (out,))
    return [dict(r) for r in out]
