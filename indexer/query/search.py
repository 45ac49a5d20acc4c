"""One search over one generation, in these steps:

1. parse the query string (parse.py; never raises, explains its repairs);
2. evaluate it with numpy: matching statements, strict and relaxed passages (evaluate.py);
   parse and evaluation are cached per query string for the generation;
3. facet filters and disjunctive counts over statements (facets.py);
4. order and page: the statements or the passages view (views.py);
5. did-you-mean (suggest.py) when the query finds little or holds an unknown word.
"""

from __future__ import annotations

import re
import time

import numpy as np

from indexer.query.evaluate import Evaluator, Matches
from indexer.query.facets import apply_facets, build_facets
from indexer.query.highlight import terms_from_queries
from indexer.query.lexer import render
from indexer.query.params import check_request
from indexer.query.parse import ParsedQuery, parse_query
from indexer.query.results import SearchRequest, SearchResponse
from indexer.query.suggest import FEW_RESULTS, did_you_mean, fixable
from indexer.query.textutil import STOP_WORDS
from indexer.query.views import passages_view, statements_view


def parsed_query(state, reader, q: str) -> tuple[ParsedQuery, Matches | None]:
    """The parsed query and its matches, cached per query string for the generation."""
    cached = state.query_cache.get(q)
    if cached is not None:
        return cached
    parsed = parse_query(q, state, reader)
    matches = None
    if parsed.query is not None:
        matches = Evaluator(state, reader).matches(parsed.query, parsed.positive)
    state.query_cache.put(q, (parsed, matches))
    return parsed, matches


def search(state, request: SearchRequest) -> SearchResponse:
    """Run a search. Raises QueryError (a ValueError) for invalid parameters only."""
    t0 = time.perf_counter()
    req = check_request(request)
    with state.reader() as reader:
        parsed, matches = parsed_query(state, reader, req.q)
        messages = list(parsed.messages)
        parties = party_selection(state, req.parties)
        topics = topic_selection(state, req.topics)
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
        view = passages_view if req.view == "passages" else statements_view
        total, results = view(state, reader, req, parsed, matches, allowed, terms)
        n_statements = int(allowed.sum())
        suggestion = None
        if parsed.query is not None and parsed.tokens:
            suggestion = suggest(state, reader, parsed, facets, n_statements)
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


def party_selection(state, values) -> list[str]:
    """Party ids of the party filter's values (an id, or a name/acronym naming one party)."""
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


def topic_selection(state, values) -> list[str]:
    """Topic ids of the topic filter's values (an id, or words of a topic's label)."""
    out: list[str] = []
    for v in values:
        ids = [v] if v in state.topics.index else (state.resolver.topics_for(v) or [v])
        for t in ids:
            if t not in out:
                out.append(t)
    return out


# -- did you mean --------------------------------------------------------------------------


def suggest(state, reader, parsed: ParsedQuery, facets, total: int) -> str | None:
    """A corrected query that finds more within the same filters, or None."""
    speller = state.speller
    if not speller.words:
        return None
    filters = np.ones(state.n_statements, dtype=bool)
    for f in facets:
        m = f.mask()
        if m is not None:
            filters &= m

    def count(tokens) -> int:
        _, m = parsed_query(state, reader, render(tokens))
        if m is None:
            return 0
        return int((m.statements & filters).sum())

    if total >= FEW_RESULTS and not has_unknown_word(parsed, speller):
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


def has_unknown_word(parsed: ParsedQuery, speller) -> bool:
    for t in parsed.tokens:
        if not fixable(t) or t.field not in (None, "title", "text"):
            continue
        for w in re.findall(r"[^\W\d_]{3,}", t.text):
            lw = w.lower()
            if lw not in STOP_WORDS and lw not in speller:
                return True
    return False
