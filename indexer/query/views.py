"""The two views of a search's results, ordered and cut to one page.

* statements (view=statements): statements ranked by their best passages (ranking.py),
  each with up to three of its passages; by date when asked;
* passages (view=passages): passages ranked on their own, each with its statement.

Only the page's passages are read from the store and highlighted. `keep` (bool[N], from a
topic filter on long statements) limits the passages a statement is ranked by, shows and
lists; None keeps them all.
"""

from __future__ import annotations

import numpy as np

from indexer.model import passage_dict, passage_position
from indexer.query.browse import statements_by_date
from indexer.query.evaluate import COVER_TIERS, Evaluator, Matches, Partial
from indexer.query.highlight import HighlightTerms, escape, highlight
from indexer.query.params import CheckedRequest
from indexer.query.proximity import proximity_factors
from indexer.query.parse import ParsedQuery
from indexer.query.ranking import (PASSAGES_PER_RESULT, Scored, best_passages_order, by_coverage,
                                   copies_oldest_first, passage_factors, rank_statements, top_passages)
from indexer.query.results import PartyRef, PassageHit, Result
from indexer.query.scoring import Scorer

BROWSE_PASSAGES = 2
DUPLICATES_SLACK = 20  # passages ranked beyond the page, to fill it when repeats are left out
TEXT_FIELD = "text"  # the stored and indexed text of a passage


def scored_passages(state, reader, parsed: ParsedQuery, matches: Matches | None,
                    allowed: np.ndarray, keep_passages: np.ndarray | None = None) -> Scored | None:
    """Scored passages (positive clauses) inside the allowed statements, or None."""
    if not parsed.positive or matches is None or matches.relaxed is None:
        return None
    raw = matches.scores
    if raw is None:
        raw = Scorer(state, Evaluator(state, reader)).passages(parsed.positive)
        matches.scores = raw
    docs, sums = raw
    keep = np.append(allowed, False)[state.p2s_slot[docs]]
    if keep_passages is not None:
        keep &= keep_passages[docs]
    docs, sums = docs[keep], sums[keep]
    scores = sums * passage_factors(state, docs, matches.strict)
    if len(parsed.optional) >= 2:  # words typed close together rank above scattered ones
        scores = scores * proximity_factors(Evaluator(state, reader), parsed.optional, docs, scores)
    return Scored(docs, scores, state.p2s[docs])


# -- statements view ----------------------------------------------------------------------


def statements_view(state, reader, req: CheckedRequest, parsed: ParsedQuery, matches: Matches | None,
                    allowed: np.ndarray, terms: HighlightTerms, keep: np.ndarray | None = None,
                    partial: Partial | None = None):
    total = int(np.count_nonzero(allowed))
    all_words = total
    if matches is not None:  # with partial: every word in one passage (see Partial)
        held_all = matches.statements if partial is None else matches.statements & (partial.stmt_cover == COVER_TIERS)
        all_words = int(np.count_nonzero(allowed & held_all))
    if partial is not None and all_words == total:
        partial = None  # every result holds every word: nothing to rank by coverage
    if req.start >= total:
        return total, all_words, []
    scored = scored_passages(state, reader, parsed, matches, allowed, keep)
    scored = by_coverage(scored, partial)
    final = None
    relevance = req.sort == "relevance" and scored is not None
    if scored is not None:  # (a date order shows each statement's score too)
        order, final = rank_statements(scored, state.n_statements, state.s_rank_new)
    if relevance:
        if partial is not None:
            order = _by_coverage(order, partial)
        order = copies_oldest_first(state, reader, order, final, req.end)
        page = order[req.start:req.end].tolist()
        if len(page) < req.per_page and req.end > len(order):
            unscored = allowed.copy()
            unscored[order] = False
            rest = statements_by_date(state, unscored, "date")
            lo = max(0, req.start - len(order))
            page += rest[lo: lo + req.per_page - len(page)]
    else:
        order = statements_by_date(state, allowed, "date_asc" if req.sort == "date_asc" else "date")
        page = order[req.start:req.end]
    results = []
    cover = partial.pass_cover if partial is not None else None
    for s in page:
        hits = top_passages(scored, s, cover=cover) if scored is not None else []
        if hits:
            docs = shown_passages(state, s, [d for _, d in hits], matches.in_text)
            score = float(final[s])
        else:
            docs = first_passages(state, s)
            score = 0.0
        res = make_result(state, reader, s, docs, score, terms)
        res.passages = _distinct(res.passages)
        if partial is not None:
            res.missing = partial.missing(partial.stmt_words[:, s])
        results.append(res)
    return total, all_words, results


def _by_coverage(order: np.ndarray, partial: Partial) -> np.ndarray:
    """Statements by how much of the query their best passage holds (a passage holds the
    words of its text, its statement's title and its heading; see Partial); the order
    given (by score) within."""
    return order[np.argsort(-partial.stmt_cover[order], kind="stable")]


def _distinct(passages: list) -> list:
    """The passages with word-for-word repeats left out (a statement may repeat a paragraph)."""
    seen: set[str] = set()
    out = []
    for p in passages:
        if p.text not in seen:
            seen.add(p.text)
            out.append(p)
    return out


def shown_passages(state, s: int, docs: list[int], in_text: np.ndarray) -> list[int]:
    """The passages shown under a result, best first: those whose own text matches
    (the title passage only when nothing else does, as it repeats the result's
    title); the statement's opening passages when only its title matched."""
    own = [d for d in docs if in_text[d]]
    body = [d for d in own if not state.p_title[d]] or own
    if not body:
        return first_passages(state, s)
    return body[:PASSAGES_PER_RESULT]


def first_passages(state, s: int) -> list[int]:
    docs = state.statement_passages(s)
    body = [int(d) for d in docs if not state.p_title[d] and not state.p_sig[d]]
    return (body or [int(d) for d in docs])[:BROWSE_PASSAGES]


# -- passages view ------------------------------------------------------------------------


def passages_view(state, reader, req: CheckedRequest, parsed: ParsedQuery, matches: Matches | None,
                  allowed: np.ndarray, terms: HighlightTerms, keep: np.ndarray | None = None,
                  partial: Partial | None = None, relaxed: bool = False):
    """(total, all_words, results) of the passages view. relaxed: `allowed` holds the
    statements holding some of the words (apply_facets relaxed them, as its counts did), so
    the passages holding some of the words are listed after those holding every word."""
    in_allowed = state.passages_of(allowed)
    if keep is not None:
        in_allowed &= keep
    if parsed.browse:
        pool = in_allowed & state.live
    elif parsed.nothing or matches is None:
        pool = np.zeros(state.n_docs, dtype=bool)
    else:
        pool = own_text(matches, matches.strict & in_allowed)
    all_words = int(np.count_nonzero(pool))  # (a bool sum would add byte by byte)
    if partial is not None and relaxed:
        pool = own_text(matches, partial.passages & matches.relaxed & in_allowed)
        if int(np.count_nonzero(pool)) == all_words:
            partial = None
    else:
        partial = None
    total = int(np.count_nonzero(pool))
    if req.start >= total:
        return total, all_words, []
    scored = None
    if req.sort == "relevance":
        scored = scored_passages(state, reader, parsed, matches, allowed, keep)
        scored = by_coverage(scored, partial)
    if scored is not None:
        keep = pool[scored.docs]
        ranked = Scored(scored.docs[keep], scored.scores[keep], scored.stmts[keep])
        n_ranked = len(ranked.docs)
        cover = partial.pass_cover[ranked.docs] if partial is not None else None
        idx = best_passages_order(ranked, req.end + DUPLICATES_SLACK, cover)
        idx = _without_repeats(reader, ranked, idx, state.field_lengths("text"))
        page = [(float(ranked.scores[i]), int(ranked.docs[i])) for i in idx[req.start:req.end]]
        if len(page) < req.per_page and req.end > n_ranked:
            rest_mask = pool.copy()
            rest_mask[ranked.docs] = False
            rest = passages_by_date(state, rest_mask, "date")
            lo = max(0, req.start - n_ranked)
            page += [(0.0, d) for d in rest[lo: lo + req.per_page - len(page)]]
    else:
        order = passages_by_date(state, pool, req.sort)
        page = [(0.0, d) for d in order[req.start:req.end]]
    results = []
    for score, doc in page:
        s = int(state.p2s[doc])
        res = make_result(state, reader, s, [doc], score, terms)
        if partial is not None:
            res.missing = partial.missing(partial.pass_words[:, doc])
        results.append(res)
    return total, all_words, results


def own_text(matches: Matches, pool: np.ndarray) -> np.ndarray:
    """The title is copied onto every passage: a passage listed on its own must match in
    its own text, unless the query only asks about titles."""
    if matches.in_text is not None:
        own = pool & matches.in_text
        if own.any():
            return own
    return pool


def _without_repeats(reader, ranked: Scored, idx: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """idx without the passages repeating an earlier one of the same statement word for
    word (such passages score alike and are as long, so only those are compared by text)."""
    seen: dict[tuple, list[str]] = {}
    keep = []
    for i in idx.tolist():
        key = (int(ranked.stmts[i]), float(ranked.scores[i]), float(lengths[ranked.docs[i]]))
        earlier = seen.get(key)
        if earlier is None:
            seen[key] = [int(ranked.docs[i])]
            keep.append(i)
            continue
        text = reader.stored(int(ranked.docs[i])).get("text")
        if any(reader.stored(d).get("text") == text for d in earlier):
            continue
        earlier.append(int(ranked.docs[i]))
        keep.append(i)
    return np.asarray(keep, dtype=np.int64)


def passages_by_date(state, mask: np.ndarray, sort: str) -> list[int]:
    docs = np.nonzero(mask)[0]
    rank = state.s_rank_old if sort == "date_asc" else state.s_rank_new
    key = rank[state.p2s[docs]] * (state.n_docs + 1) + docs
    return docs[np.argsort(key, kind="stable")].tolist()


# -- results -------------------------------------------------------------------------------


def make_result(state, reader, s: int, docs: list[int], score: float, terms: HighlightTerms) -> Result:
    doc_id = state.stmt_ids[s]
    rec = state.snapshot.documents[doc_id]
    return Result(
        doc_id=doc_id,
        title=rec.get("title") or doc_id,
        title_html=highlight(rec.get("title") or doc_id, terms, fragment=None) if terms else escape(
            rec.get("title") or doc_id),
        date=rec.get("date"),
        year=rec.get("year"),
        parties=[party_ref(state, p) for p in rec.get("signatories") or []],
        topics=list(rec.get("topics") or []),
        score=round(float(score), 4),
        passages=[passage_hit(reader, d, terms, held_positions(state, reader, d, terms)) for d in docs],
        source_file=rec.get("source_file", ""),
        source=rec.get("source") or "",
        extra=dict(rec.get("extra") or {}),
    )


def party_ref(state, pid: str) -> PartyRef:
    return PartyRef(**state.party_record(pid))  # a party_dict


def passage_hit(reader, doc: int, terms: HighlightTerms, held: dict | None = None) -> PassageHit:
    f = reader.stored(doc)
    p = passage_dict(f)
    return PassageHit(chunk_id=p["chunk_id"], kind=p["kind"], point=p["point"], text=p["text"],
                      html=highlight(p["text"], terms, held=held), position=passage_position(f))


HELD_WORDS_MAX = 8  # a query with more words to mark (a prefix's many terms) stems the text instead


def held_positions(state, reader, doc: int, terms: HighlightTerms) -> dict | None:
    """{stem: positions of it in the passage's text} for the words and phrases to mark,
    from the store's positions (cached per generation like a phrase's), so highlighting
    need not stem every word of the text; None when it must (patterns, many words)."""
    if not terms or terms.patterns:
        return None
    words = set(terms.stems).union(*terms.phrases)
    if not words or len(words) > HELD_WORDS_MAX:
        return None
    ev = Evaluator(state, reader)
    out = {}
    for w in words:
        pos_docs, positions = ev.positions(TEXT_FIELD, w)
        a, b = np.searchsorted(pos_docs, [doc, doc + 1])
        out[w] = set(positions[a:b].tolist())
    return out

