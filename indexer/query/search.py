"""One search over one generation, in these steps:

1. parse the query string (parse.py; never raises, explains its repairs);
2. evaluate it with numpy: matching statements, strict and relaxed passages (evaluate.py);
   parse and evaluation are cached per query string for the generation;
3. facet filters and disjunctive counts over statements (facets.py);
4. order and page: the statements or the passages view (views.py). A query of several
   plain words may be relaxed (see README, "How search works"): results holding every
   word come first; when they are fewer than a page, those holding some follow;
5. did-you-mean (suggest.py) when the query finds little or holds an unknown word; a query
   that finds nothing, with an unknown word whose correction finds something, is searched
   corrected at once (unless `literal`), the response saying so in `corrected`.
"""

from __future__ import annotations

import re
import time
from dataclasses import replace

import numpy as np

from indexer.query.evaluate import COVER_TIERS, Evaluator, Matches
from indexer.query.facets import TopicFacet, apply_facets, build_facets
from indexer.query.highlight import terms_from_queries
from indexer.query.lexer import render
from indexer.query.params import QueryError, check_request
from indexer.query.parse import ParsedQuery, parse_query
from indexer.query.results import SearchRequest, SearchResponse
from indexer.query.settings import RELAX_BELOW
from indexer.query.suggest import FEW_RESULTS, auto_correction, did_you_mean, fixable
from indexer.query.synonyms import synonyms_stamp
from indexer.query.textutil import STOP_WORDS
from indexer.query.views import own_text, passages_view, statements_view


def parsed_query(state, reader, q: str) -> tuple[ParsedQuery, Matches | None]:
    """The parsed query and its matches, cached per query string for the generation."""
    stamp = synonyms_stamp()
    if getattr(state, "synonyms_stamp", None) != stamp:  # an edited synonyms file: parse anew
        state.query_cache.clear()
        state.synonyms_stamp = stamp
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
        facets = build_facets(state, parties, list(req.years), topics, req.filters,
                              sidecar_fields(state, req), topic_entries(state, req.q, parsed, matches))
        messages += [f"No statement has {name} {v!r} in this index." for name, values in req.filters
                     for v in values if v not in state.fields[name].index]
        if parsed.browse:
            matched = state.s_live
        elif parsed.nothing:
            matched = np.zeros(state.n_statements, dtype=bool)
        else:
            matched = matches.statements
        partial = None
        if parsed.relaxable and matches is not None and req.sort == "relevance":
            if matches.partial is None:
                matches.partial = Evaluator(state, reader).partial(parsed.optional, parsed.required)
            partial = matches.partial
        wider = partial.statements if partial is not None else None
        if partial is not None:  # holding every word: in one passage (see Partial)
            matched = matched & (partial.stmt_cover == COVER_TIERS)
            if req.view == "passages":  # ... and, listed on its own, in that passage's text
                matched = matched & state.stmt_mask(np.nonzero(own_text(matches, matches.strict))[0])
        allowed, facet_values, relaxed = apply_facets(facets, matched, wider, RELAX_BELOW)
        terms = terms_from_queries(parsed.positive)
        keep = next(f for f in facets if isinstance(f, TopicFacet)).passage_mask()
        if req.view == "passages":  # relaxed exactly when the facet counts are (see apply_facets)
            total, all_words, results = passages_view(state, reader, req, parsed, matches, allowed,
                                                      terms, keep, partial, relaxed)
        else:
            total, all_words, results = statements_view(state, reader, req, parsed, matches, allowed,
                                                        terms, keep, partial)
        if matches is not None:  # weighed again: its partial matches and scores came since
            state.query_cache.put(req.q, (parsed, matches))
        n_statements = int(np.count_nonzero(allowed))
        suggestion = corrected = None
        if parsed.query is not None and parsed.tokens:
            if n_statements == 0 and not req.literal:
                corrected = correct(state, reader, parsed, facets)
            if corrected is None:
                suggestion = suggest(state, reader, parsed, facets, n_statements)
        if corrected is not None:
            resp = search(state, replace(request, q=corrected, literal=True))
            resp.query, resp.corrected = req.q, corrected
            resp.took_ms = round((time.perf_counter() - t0) * 1000, 2)
            return resp
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
        sidecar_facets=dict(state.field_labels),
        all_words=all_words,
    )


def sidecar_fields(state, req) -> tuple[str, ...]:
    """The sidecar fields a request counts ("*": every one); QueryError for a field the
    index does not facet."""
    known = state.fields
    wanted = tuple(known) if "*" in req.facets else req.facets
    for name in [*wanted, *(n for n, _ in req.filters)]:
        if name not in known:
            have = ", ".join(known) if known else "none"
            raise QueryError(f"{name!r} is not a field this index can facet or filter on "
                             f"(fields: {have})")
    return wanted


def topic_entries(state, q: str, parsed: ParsedQuery, matches: Matches | None) -> np.ndarray | None:
    """The query's (passage, topic) pairs that topic filters look at (topic_scope.py),
    cached per query string; None when browsing or when no statement is long."""
    if not state.topic_scope.active:
        return None
    key = ("topic-entries", q)
    cached = state.query_cache.get(key)
    if cached is None:
        cached = (state.topic_scope.entries(matching_passages(state, parsed, matches)),)
        state.query_cache.put(key, cached)
    return cached[0]


def matching_passages(state, parsed: ParsedQuery, matches: Matches | None) -> np.ndarray | None:
    """bool[N]: the passages whose own text matches the query (all the passages of a
    statement that matches by its title alone); None when browsing."""
    if parsed.browse or matches is None:
        return None
    m = matches.relaxed if matches.relaxed is not None else matches.strict
    if matches.in_text is None:
        return m
    own = m & matches.in_text
    title_only = matches.statements & ~state.stmt_mask(np.nonzero(own)[0])
    if not title_only.any():
        return own
    return own | (m & np.append(title_only, False)[state.p2s_slot])


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


def statements_counter(state, reader, filters: np.ndarray):
    """count(tokens): how many statements within `filters` a query of those tokens finds."""

    def count(tokens) -> int:
        _, m = parsed_query(state, reader, render(tokens))
        return 0 if m is None else int(np.count_nonzero(m.statements & filters))

    return count


def suggest(state, reader, parsed: ParsedQuery, facets, total: int) -> str | None:
    """A corrected query that finds more within the same filters, or None."""
    speller = state.speller
    if not speller.words:
        return None
    filters = facet_filters(state, facets)
    count = statements_counter(state, reader, filters)
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


def correct(state, reader, parsed: ParsedQuery, facets) -> str | None:
    """The query with its unknown words corrected, when that finds something within the
    same filters (the caller has found nothing); else None."""
    if not state.speller.words or not has_unknown_word(parsed, state.speller):
        return None
    filters = facet_filters(state, facets)
    count = statements_counter(state, reader, filters)
    key = ("correct", parsed.text, hash(filters.tobytes()))
    cached = state.query_cache.get(key)
    if cached is None:
        try:
            cached = (auto_correction(parsed.tokens, state.speller, count),)
        except Exception:
            cached = (None,)
        state.query_cache.put(key, cached)
    return cached[0]


def facet_filters(state, facets) -> np.ndarray:
    """bool[S]: the statements every facet's selection lets through."""
    filters = np.ones(state.n_statements, dtype=bool)
    for f in facets:
        m = f.mask()
        if m is not None:
            filters &= m
    return filters


def has_unknown_word(parsed: ParsedQuery, speller) -> bool:
    for t in parsed.tokens:
        if not fixable(t) or t.field not in (None, "title", "text"):
            continue
        for w in re.findall(r"[^\W\d_]{3,}", t.text):
            lw = w.lower()
            if lw not in STOP_WORDS and lw not in speller:
                return True
    return False
