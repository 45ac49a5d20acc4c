"""SearchIndex: the query layer's entry point (search, statements, parties, topics, years).

One SearchIndex serves one index directory. It keeps the generation that `current` points
to open (an IndexState) and, at most once per call, checks whether `current` has moved;
if so it opens the new generation and serves from it. Every call takes a searcher of its
own from the state's pool, so the object can be shared by the web server's threads.

A search runs in these steps:

1. parse the query string (parse.py; never raises, explains its repairs);
2. evaluate it with numpy: matching statements, strict and relaxed passages (evaluate.py);
   parse and evaluation are cached per query string for the generation;
3. facet filters and disjunctive counts over statements (facets.py);
4. order: by relevance, every matching passage scored with BM25F as Whoosh defines it
   but vectorised (scoring.py), statements ranked by their best passage (ranking.py); or
   by date with precomputed ranks;
5. for the page only: passages, stored text, highlights (highlight.py), did-you-mean
   (suggest.py).

Whoosh reads the postings (through postings.py, cached per generation) and the stored
passage texts; parsing builds on its query parser.
"""

from __future__ import annotations

import re
import threading
import time
from pathlib import Path

import numpy as np

from indexer.store import generations as store
from indexer.query.results import PartyRef, PassageHit, Result, SearchRequest, SearchResponse
from indexer.query.evaluate import Evaluator, Matches
from indexer.query.facets import apply_facets, build_facets
from indexer.query.highlight import HighlightTerms, escape, highlight, terms_from_queries
from indexer.query.params import CheckedRequest, check_request
from indexer.query.parse import ParsedQuery, parse_query
from indexer.query.ranking import (PASSAGES_PER_RESULT, Scored, best_passages_order, passage_factors,
                      rank_statements, top_passages)
from indexer.query.resolve import normalise
from indexer.query.scoring import Scorer
from indexer.query.state import IndexState
from indexer.query.suggest import FEW_RESULTS, did_you_mean

BROWSE_PASSAGES = 2
_ANCHOR_RE = re.compile(r"[^A-Za-z0-9]+")


class SearchIndex:
    """Search over the index in `index_dir`; re-opens by itself when `current` moves."""

    def __init__(self, index_dir: Path | str):
        self.index_dir = Path(index_dir)
        self._lock = threading.Lock()
        self._retired: list[IndexState] = []
        gen = store.require_generation(self.index_dir)
        self._state = IndexState(gen)

    # -- generations -----------------------------------------------------------------

    def _current(self) -> IndexState:
        """The state of the generation `current` points to (opened when it moved)."""
        state = self._state
        gen = store.current_generation(self.index_dir)
        if gen is None or gen == state.gen:
            return state
        with self._lock:
            state = self._state
            if gen == state.gen:
                return state
            try:
                new = IndexState(gen)
            except Exception:
                return state  # a generation being replaced again: keep serving the old one
            # keep the previous state one swap longer, for requests still using it
            for old in self._retired:
                old.close()
            self._retired = [state]
            self._state = new
            return new

    def close(self) -> None:
        with self._lock:
            for old in self._retired:
                old.close()
            self._retired = []
            self._state.close()

    # -- search ------------------------------------------------------------------------

    def search(self, request: SearchRequest) -> SearchResponse:
        """Run a search. Raises QueryError (a ValueError) for invalid parameters only."""
        t0 = time.perf_counter()
        req = check_request(request)
        state = self._current()
        with state.searcher() as searcher:
            parsed, matches = self._parse(state, searcher, req.q)
            messages = list(parsed.messages)
            parties = self._party_selection(state, req.parties)
            topics = self._topic_selection(state, req.topics)
            messages += [f"No party {p!r} in this index: no statement matches it." for p in parties
                         if p not in state.parties.index]
            messages += [f"No topic {t!r} in this index: no statement matches it." for t in topics
                         if t not in state.topics.index]
            facets = build_facets(state, parties, list(req.years), topics)
            if parsed.browse:
                matched = state.s_live
            elif parsed.nothing:
                matched = np.zeros(state.n_statements, dtype=bool)
            else:
                matched = matches.statements
            allowed, facet_values = apply_facets(facets, matched)
            terms = terms_from_queries(parsed.positive)
            if req.view == "passages":
                total, results = self._passages_view(state, searcher, req, parsed, matches, allowed, terms)
            else:
                total, results = self._statements_view(state, searcher, req, parsed, matches, allowed, terms)
            n_statements = int(allowed.sum())
            suggestion = None
            if parsed.query is not None and parsed.tokens:
                suggestion = self._suggest(state, searcher, parsed, facets, n_statements)
            if req.start >= total > 0:
                messages.append(f"Page {req.page} is past the last page of results.")
        return SearchResponse(
            query=req.q,
            total=total,
            page=req.page,
            per_page=req.per_page,
            results=results,
            facets=facet_values,
            suggestion=suggestion,
            messages=messages,
            interpreted=parsed.interpreted,
            sort=req.sort,
            view=req.view,
            took_ms=round((time.perf_counter() - t0) * 1000, 2),
        )

    def _parse(self, state: IndexState, searcher, q: str) -> tuple[ParsedQuery, Matches | None]:
        cached = state.query_cache.get(q)
        if cached is not None:
            return cached
        parsed = parse_query(q, state, searcher.reader())
        matches = None
        if parsed.query is not None:
            matches = Evaluator(state, searcher).matches(parsed.query, parsed.positive)
        state.query_cache.put(q, (parsed, matches))
        return parsed, matches

    @staticmethod
    def _party_selection(state: IndexState, values) -> list[str]:
        out: list[str] = []
        for v in values:
            if v in state.parties.index:
                ids = [v]
            else:
                ids, exact = state.resolver.parties_for(v)
                ids = ids if exact and ids else [v]
            for pid in ids:
                if pid not in out:
                    out.append(pid)
        return out

    @staticmethod
    def _topic_selection(state: IndexState, values) -> list[str]:
        out: list[str] = []
        for v in values:
            ids = [v] if v in state.topics.index else (state.resolver.topics_for(v) or [v])
            for t in ids:
                if t not in out:
                    out.append(t)
        return out

    # -- scoring -------------------------------------------------------------------------

    def _scored(self, state, searcher, parsed: ParsedQuery, matches: Matches | None,
                allowed: np.ndarray) -> Scored | None:
        """Scored passages (positive clauses) inside the allowed statements, or None."""
        if not parsed.positive or matches is None or matches.relaxed is None:
            return None
        raw = matches.scores
        if raw is None:
            raw = Scorer(state, Evaluator(state, searcher)).passages(parsed.positive)
            matches.scores = raw
        docs, sums = raw
        keep = np.append(allowed, False)[state.p2s_slot[docs]]
        docs, sums = docs[keep], sums[keep]
        scores = sums * passage_factors(state, docs, matches.strict)
        return Scored(docs, scores, state.p2s[docs])

    # -- statements view ---------------------------------------------------------------

    def _statements_view(self, state, searcher, req: CheckedRequest, parsed: ParsedQuery,
                         matches: Matches | None, allowed: np.ndarray, terms: HighlightTerms):
        total = int(allowed.sum())
        if req.start >= total:
            return total, []
        scored = self._scored(state, searcher, parsed, matches, allowed)
        final = None
        if scored is not None:
            order, final = rank_statements(scored, state.n_statements, matches.relaxed_per_statement,
                                           state.s_rank_new)
        if req.sort == "relevance" and scored is not None:
            page = order[req.start:req.end].tolist()
            if len(page) < req.per_page and req.end > len(order):
                unscored = allowed.copy()
                unscored[order] = False
                rest = self._by_date(state, unscored, "date")
                lo = max(0, req.start - len(order))
                page += rest[lo: lo + req.per_page - len(page)]
        else:
            order = self._by_date(state, allowed, "date_asc" if req.sort == "date_asc" else "date")
            page = order[req.start:req.end]
        results = []
        for s in page:
            hits = top_passages(scored, s) if scored is not None else []
            if hits:
                docs = self._shown(state, s, [d for _, d in hits], matches.in_text)
                score = float(final[s])
            else:
                docs = self._first_passages(state, s)
                score = 0.0
            results.append(self._result(state, searcher, s, docs, score, terms))
        return total, results

    @staticmethod
    def _by_date(state, mask: np.ndarray, sort: str) -> list[int]:
        idx = np.nonzero(mask)[0]
        rank = state.s_rank_old if sort == "date_asc" else state.s_rank_new
        return idx[np.argsort(rank[idx], kind="stable")].tolist()

    @classmethod
    def _shown(cls, state, s: int, docs: list[int], in_text: np.ndarray) -> list[int]:
        """The passages shown under a result, best first: those whose own text matches
        (the title passage only when nothing else does, as it repeats the result's
        title); the statement's opening passages when only its title matched."""
        own = [d for d in docs if in_text[d]]
        body = [d for d in own if not state.p_title[d]] or own
        if not body:
            return cls._first_passages(state, s)
        return body[:PASSAGES_PER_RESULT]

    @staticmethod
    def _first_passages(state, s: int) -> list[int]:
        docs = state.statement_passages(s)
        body = [int(d) for d in docs if not state.p_title[d] and not state.p_sig[d]]
        return (body or [int(d) for d in docs])[:BROWSE_PASSAGES]

    # -- passages view -------------------------------------------------------------------

    def _passages_view(self, state, searcher, req: CheckedRequest, parsed: ParsedQuery,
                       matches: Matches | None, allowed: np.ndarray, terms: HighlightTerms):
        in_allowed = state.passages_of(allowed)
        if parsed.browse:
            pool = in_allowed & state.live
        elif parsed.nothing or matches is None:
            pool = np.zeros(state.n_docs, dtype=bool)
        else:
            pool = matches.strict & in_allowed
            if matches.in_text is not None:
                # The title is copied onto every passage: a passage listed on its own must
                # match in its own text, unless the query only asks about titles.
                own = pool & matches.in_text
                if own.any():
                    pool = own
        total = int(pool.sum())
        if req.start >= total:
            return total, []
        scored = None
        if req.sort == "relevance":
            scored = self._scored(state, searcher, parsed, matches, allowed)
        if scored is not None:
            keep = pool[scored.docs]
            ranked = Scored(scored.docs[keep], scored.scores[keep], scored.stmts[keep])
            n_ranked = len(ranked.docs)
            idx = best_passages_order(ranked, req.end)
            page = [(float(ranked.scores[i]), int(ranked.docs[i])) for i in idx[req.start:req.end]]
            if len(page) < req.per_page and req.end > n_ranked:
                rest_mask = pool.copy()
                rest_mask[ranked.docs] = False
                rest = self._passages_by_date(state, rest_mask, "date")
                lo = max(0, req.start - n_ranked)
                page += [(0.0, d) for d in rest[lo: lo + req.per_page - len(page)]]
        else:
            order = self._passages_by_date(state, pool, req.sort)
            page = [(0.0, d) for d in order[req.start:req.end]]
        results = []
        for score, doc in page:
            s = int(state.p2s[doc])
            results.append(self._result(state, searcher, s, [doc], score, terms))
        return total, results

    @staticmethod
    def _passages_by_date(state, mask: np.ndarray, sort: str) -> list[int]:
        docs = np.nonzero(mask)[0]
        rank = state.s_rank_old if sort == "date_asc" else state.s_rank_new
        key = rank[state.p2s[docs]] * (state.n_docs + 1) + docs
        return docs[np.argsort(key, kind="stable")].tolist()

    # -- results -----------------------------------------------------------------------

    def _result(self, state, searcher, s: int, docs: list[int], score: float,
                terms: HighlightTerms) -> Result:
        doc_id = state.stmt_ids[s]
        rec = state.snapshot.documents[doc_id]
        passages = [self._passage(searcher, d, terms) for d in docs]
        return Result(
            doc_id=doc_id,
            title=rec.get("title") or doc_id,
            date=rec.get("date"),
            year=rec.get("year"),
            parties=[self._party_ref(state, p) for p in rec.get("signatories") or []],
            topics=list(rec.get("topics") or []),
            score=round(float(score), 4),
            passages=passages,
            source_file=rec.get("source_file", ""),
        )

    @staticmethod
    def _party_ref(state, pid: str) -> PartyRef:
        p = state.party_record(pid)
        return PartyRef(id=p["id"], name=p.get("name") or pid, acronym=p.get("acronym") or "",
                        country=p.get("country") or "")

    @staticmethod
    def _passage(searcher, doc: int, terms: HighlightTerms) -> PassageHit:
        f = searcher.stored_fields(doc)
        text = f.get("text") or ""
        point = f.get("point")
        return PassageHit(
            chunk_id=f.get("chunk_id") or "",
            kind=f.get("kind") or "paragraph",
            point=str(point) if point not in (None, "") else None,
            text=text,
            html=highlight(text, terms),
            position=int(f.get("position") or 0),
        )

    # -- did you mean --------------------------------------------------------------------

    def _suggest(self, state, searcher, parsed: ParsedQuery, facets, total: int) -> str | None:
        speller = state.speller
        if not speller.words:
            return None
        filters = np.ones(state.n_statements, dtype=bool)
        for f in facets:
            m = f.mask()
            if m is not None:
                filters &= m

        def count(tokens) -> int:
            from indexer.query.lexer import render

            p, m = self._parse(state, searcher, render(tokens))
            if m is None:
                return 0
            return int((m.statements & filters).sum())

        if total >= FEW_RESULTS and not self._has_unknown_word(parsed, speller):
            return None
        key = ("suggest", parsed.text, total, hash(filters.tobytes()))
        cached = state.query_cache.get(key)
        if cached is not None:
            return cached[0]
        try:
            suggestion = did_you_mean(parsed.tokens, speller, total, count)
        except Exception:
            suggestion = None
        state.query_cache.put(key, (suggestion,))
        return suggestion

    @staticmethod
    def _has_unknown_word(parsed: ParsedQuery, speller) -> bool:
        from indexer.query.suggest import _fixable
        from indexer.query.textutil import STOP_WORDS

        for t in parsed.tokens:
            if not _fixable(t) or t.field not in (None, "title", "text"):
                continue
            for w in re.findall(r"[^\W\d_]{3,}", t.text):
                lw = w.lower()
                if lw not in STOP_WORDS and lw not in speller:
                    return True
        return False

    # -- statements, parties, topics, years ------------------------------------------------

    def document(self, doc_id: str, q: str = "") -> dict | None:
        """The statement (Snapshot.document) with, per passage, "html" (escaped text, the
        query's words in <mark> when q is given) and "anchor" ("p-4", "p-II-2", "c-7")."""
        state = self._current()
        rec = state.snapshot.document(doc_id, with_passages=False)
        if rec is None:
            return None
        s = state.stmt_of.get(rec["doc_id"])
        with state.searcher() as searcher:
            terms = HighlightTerms()
            if q and q.strip():
                parsed, _ = self._parse(state, searcher, q)
                terms = terms_from_queries(parsed.positive)
            passages = []
            docs = state.statement_passages(s) if s is not None else []
            for d in docs:
                f = searcher.stored_fields(int(d))
                passages.append(f)
        passages.sort(key=lambda f: int(f.get("position") or 0))
        out = []
        for f in passages:
            text = f.get("text") or ""
            point = f.get("point")
            point = str(point) if point not in (None, "") else None
            position = int(f.get("position") or 0)
            out.append({
                "chunk_id": f.get("chunk_id") or "",
                "kind": f.get("kind") or "paragraph",
                "point": point,
                "text": text,
                "topics": (f.get("passage_topic") or "").split(),
                "position": position,
                "html": highlight(text, terms, fragment=None) if terms else escape(text),
                "anchor": anchor(point, position),
            })
        rec["passages"] = out
        return rec

    def parties(self, q: str = "") -> list[dict]:
        """Parties that signed statements: {id, name, acronym, country, known, count},
        by count desc then name; q keeps those whose name/acronym/alias/country/id has it."""
        state = self._current()
        csr = state.parties
        needle = normalise(q) if q else ""
        out = []
        for i, pid in enumerate(csr.ids):
            count = int(csr.totals[i]) if i < len(csr.totals) else 0
            if count == 0:
                continue
            rec = state.snapshot.parties.get(pid, {})
            if needle:
                hay = [pid, rec.get("name", ""), rec.get("acronym", ""), rec.get("country", ""),
                       *(rec.get("aliases") or [])]
                if not any(needle in normalise(h) for h in hay if h):
                    continue
            out.append({
                "id": pid,
                "name": rec.get("name") or pid,
                "acronym": rec.get("acronym") or "",
                "country": rec.get("country") or "",
                "known": bool(rec.get("known", True)),
                "count": count,
            })
        out.sort(key=lambda p: (-p["count"], p["name"].casefold(), p["id"]))
        return out

    def party(self, party_id: str) -> dict | None:
        """{id, name, acronym, country, aliases, known, count, statements (oldest first),
        co_signers (most frequent first)}; None for a party the index does not know."""
        state = self._current()
        csr = state.parties
        if party_id not in csr.index:
            ids, exact = state.resolver.parties_for(party_id or "")
            ids = [p for p in ids if p in csr.index]
            if not (exact and ids):
                return None
            party_id = ids[0]
        i = csr.index[party_id]
        rec = state.snapshot.parties.get(party_id, {})
        signed = csr.statements_with([i])
        stmts = self._by_date(state, signed, "date_asc")
        counts = csr.counts(signed)
        counts[i] = 0
        co = []
        for j in np.nonzero(counts)[0]:
            pid = csr.ids[int(j)]
            p = state.party_record(pid)
            co.append({"id": pid, "name": p.get("name") or pid, "acronym": p.get("acronym") or "",
                       "country": p.get("country") or "", "count": int(counts[j])})
        co.sort(key=lambda c: (-c["count"], c["name"].casefold(), c["id"]))
        docs = state.snapshot.documents
        return {
            "id": party_id,
            "name": rec.get("name") or party_id,
            "acronym": rec.get("acronym") or "",
            "country": rec.get("country") or "",
            "aliases": list(rec.get("aliases") or []),
            "known": bool(rec.get("known", True)),
            "count": int(signed.sum()),
            "statements": [
                {k: docs[state.stmt_ids[s]].get(k) for k in ("doc_id", "title", "date", "year")}
                for s in stmts
            ],
            "co_signers": co,
        }

    def topics(self) -> list[dict]:
        """Every topic {id, label, count} (statements tagged), by count desc then label."""
        state = self._current()
        csr = state.topics
        out = [{"id": t, "label": state.topic_label(t), "count": int(csr.totals[i]) if i < len(csr.totals) else 0}
               for i, t in enumerate(csr.ids)]
        out.sort(key=lambda t: (-t["count"], t["label"].casefold()))
        return out

    def years(self) -> list[dict]:
        """[{year, count}] of statements per year, oldest first (undated statements left out)."""
        state = self._current()
        y = state.s_year[state.s_live & (state.s_year > 0)]
        years, counts = np.unique(y, return_counts=True)
        return [{"year": int(a), "count": int(b)} for a, b in zip(years, counts)]

    def info(self) -> dict:
        """{documents, passages, generation, built_at}."""
        state = self._current()
        return {
            "documents": int(state.s_live.sum()),
            "passages": state.n_passages,
            "generation": state.gen.name,
            "built_at": state.snapshot.meta.get("built_at", ""),
        }


def anchor(point: str | None, position: int) -> str:
    """The HTML anchor of a passage: "p-4" for point 4, "p-II-2" for II.2, else "c-<position>"."""
    if point:
        slug = _ANCHOR_RE.sub("-", str(point)).strip("-")
        if slug:
            return f"p-{slug}"
    return f"c-{position}"
