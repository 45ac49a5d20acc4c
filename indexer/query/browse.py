"""Browsing one generation: a statement whole, the parties, the topics, the years.

Functions of an IndexState (state.py); SearchIndex (engine.py) calls them on the
generation it serves.
"""

from __future__ import annotations

import re

import numpy as np

from indexer.model import party_dict, passage_dict, passage_position
from indexer.query.highlight import HighlightTerms, escape, highlight, terms_from_queries
from indexer.query.resolve import normalise

_ANCHOR_RE = re.compile(r"[^A-Za-z0-9]+")


def statements_by_date(state, mask: np.ndarray, sort: str) -> list[int]:
    """Ordinals of the statements in mask, newest first (sort "date") or oldest first."""
    idx = np.nonzero(mask)[0]
    rank = state.s_rank_old if sort == "date_asc" else state.s_rank_new
    return idx[np.argsort(rank[idx], kind="stable")].tolist()


def document(state, doc_id: str, parse=None, q: str = "") -> dict | None:
    """The statement (Snapshot.document) with, per passage, "html" (escaped text, the
    query's words in <mark> when q is given) and "anchor" ("p-4", "p-II-2", "c-7").

    parse(state, reader, q) -> (ParsedQuery, Matches) reads q (the search's cached parse).
    """
    rec = state.snapshot.document(doc_id, with_passages=False)
    if rec is None:
        return None
    s = state.stmt_of.get(rec["doc_id"])
    with state.reader() as reader:
        terms = HighlightTerms()
        if q and q.strip() and parse is not None:
            parsed, _ = parse(state, reader, q)
            terms = terms_from_queries(parsed.positive)
        docs = state.statement_passages(s) if s is not None else []
        passages = [reader.stored(int(d)) for d in docs]
    passages.sort(key=passage_position)
    out = []
    for f in passages:
        p, position = passage_dict(f), passage_position(f)
        out.append({
            **p,
            "position": position,
            "html": highlight(p["text"], terms, fragment=None) if terms else escape(p["text"]),
            "anchor": anchor(p["point"], position),
        })
    rec["passages"] = out
    return rec


def parties(state, q: str = "") -> list[dict]:
    """Parties that signed statements: {id, name, acronym, country, known, count},
    by count desc then name; q keeps those whose name/acronym/alias/country/id has it."""
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
        out.append({**party_dict({**rec, "id": pid}), "known": bool(rec.get("known", True)), "count": count})
    out.sort(key=lambda p: (-p["count"], p["name"].casefold(), p["id"]))
    return out


def party(state, party_id: str) -> dict | None:
    """{id, name, acronym, country, aliases, known, count, statements (oldest first),
    co_signers (most frequent first)}; None for a party the index does not know."""
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
    stmts = statements_by_date(state, signed, "date_asc")
    counts = csr.counts(signed)
    counts[i] = 0
    co = []
    for j in np.nonzero(counts)[0]:
        pid = csr.ids[int(j)]
        co.append({**state.party_record(pid), "count": int(counts[j])})  # a party_dict
    co.sort(key=lambda c: (-c["count"], c["name"].casefold(), c["id"]))
    docs = state.snapshot.documents
    return {
        **party_dict({**rec, "id": party_id}),
        "aliases": list(rec.get("aliases") or []),
        "known": bool(rec.get("known", True)),
        "count": int(signed.sum()),
        "statements": [
            {k: docs[state.stmt_ids[s]].get(k) for k in ("doc_id", "title", "date", "year")}
            for s in stmts
        ],
        "co_signers": co,
    }


def topics(state) -> list[dict]:
    """Every topic {id, label, count} (statements tagged), by count desc then label."""
    csr = state.topics
    out = [{"id": t, "label": state.topic_label(t), "count": int(csr.totals[i]) if i < len(csr.totals) else 0}
           for i, t in enumerate(csr.ids)]
    out.sort(key=lambda t: (-t["count"], t["label"].casefold()))
    return out


def years(state) -> list[dict]:
    """[{year, count}] of statements per year, oldest first (undated statements left out)."""
    y = state.s_year[state.s_live & (state.s_year > 0)]
    values, counts = np.unique(y, return_counts=True)
    return [{"year": int(a), "count": int(b)} for a, b in zip(values, counts)]


def sidecar_fields(state) -> list[str]:
    """The names of the sidecar fields any statement carries (its "extra"), sorted."""
    names = getattr(state, "sidecar_field_names", None)
    if names is None:
        names = sorted({k for rec in state.snapshot.documents.values() for k in (rec.get("extra") or {})})
        state.sidecar_field_names = names
    return names


def info(state) -> dict:
    """{documents, passages, generation, built_at}."""
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
