"""One opened index generation, with the arrays that make counting and filtering cheap.

When a generation is opened we read, once, which statement every passage belongs to and
lay the statement metadata out as numpy arrays:

* ``p2s[docnum]``      statement ordinal of a passage (-1: deleted or unknown)
* ``p_sig[docnum]``    the passage is a signatory list; ``p_title`` the title passage
* ``s_year[ord]``      the statement's year (0: unknown), ``s_datekey`` YYYYMMDD for sorting
* ``s_rank_new/old``   position of each statement in newest-first / oldest-first order
* party and topic CSR arrays (statement -> values) as flat (stmt, value) entry pairs
* ``s_pass_ptr/s_pass_docs`` the passage docnums of each statement, in document order
* ``fields``           the faceted sidecar fields (sidecar_facets.py), one CSR each
* ``topic_scope``      passage topics of long statements (topic_scope.py), built lazily

Every request then works on these with numpy over the postings the store reads
(`Snapshot.reading()` lends one reader per request; see indexer/store).
"""

from __future__ import annotations

import dataclasses
import mmap
import threading
from functools import cached_property
from pathlib import Path

import numpy as np

from indexer.query.cache import LRUCache
from indexer.query.lexer import TEXT_FIELDS
from indexer.query.positions import run_indexes
from indexer.query.ranking import SIGNATORIES_FACTOR
from indexer.query.sidecar_facets import facet_fields
from indexer.query.title_phrases import TitleText
from indexer.query.topic_scope import TopicScope
from indexer.store.reader import Snapshot

LEAF_CACHE_ITEMS = 4096
LEAF_CACHE_BYTES = 32_000_000  # decoded postings and positions held in memory
FEW_STATEMENTS = 64  # statements fewer than 1 in this many: their passages gathered from their own lists
QUERY_CACHE_ITEMS = 48
QUERY_CACHE_BYTES = 16_000_000  # parsed queries and their match masks (each grows with the index)


def _weigh(value) -> int:
    """Cache weight of a value: the bytes of the arrays it holds in private memory (arrays
    inside tuples, lists, dicts and dataclasses counted; slices of a memory-mapped file,
    which the page cache holds, count nothing), plus a little for each object; a class
    holding no arrays may give its own weight (CACHE_WEIGHT) instead of being walked."""
    fixed = getattr(type(value), "CACHE_WEIGHT", None)
    if fixed is not None:  # a value that holds no arrays says what it weighs
        return fixed
    if isinstance(value, np.ndarray):
        base = value
        while isinstance(base, np.ndarray) and base.base is not None:
            base = base.base
        if isinstance(base, memoryview):
            base = base.obj
        return 64 if isinstance(base, mmap.mmap) else int(value.nbytes) + 64
    if isinstance(value, (tuple, list)):
        return sum(_weigh(v) for v in value) + 64
    if isinstance(value, dict):
        return sum(_weigh(v) for v in value.values()) + 64
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return sum(_weigh(getattr(value, f.name)) for f in dataclasses.fields(value)) + 64
    return 64


def _date_key(rec: dict) -> int:
    """YYYYMMDD as an int (a year alone: YYYY0000); -1 when the statement has no date."""
    date = rec.get("date") or ""
    year = rec.get("year")
    if len(date) >= 4 and date[:4].isdigit():
        parts = date[:10].split("-")
        try:
            y = int(parts[0])
            m = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0
            d = int(parts[2]) if len(parts) > 2 and parts[2].isdigit() else 0
            return y * 10000 + m * 100 + d
        except ValueError:
            pass
    if isinstance(year, int):
        return year * 10000
    return -1


class _CSR:
    """Statement -> values as flat entry arrays, plus the value vocabulary."""

    def __init__(self, ids: list[str], pairs: list[tuple[int, int]], n_statements: int):
        self.ids = ids
        self.index = {v: i for i, v in enumerate(ids)}
        if pairs:
            arr = np.asarray(pairs, dtype=np.int32)
            self.e_stmt = arr[:, 0].copy()
            self.e_val = arr[:, 1].copy()
        else:
            self.e_stmt = np.zeros(0, dtype=np.int32)
            self.e_val = np.zeros(0, dtype=np.int32)
        self.n_statements = n_statements
        # total statements per value (over the whole index)
        self.totals = np.bincount(self.e_val, minlength=len(ids)) if len(ids) else np.zeros(0, np.int64)

    def counts(self, stmt_mask: np.ndarray) -> np.ndarray:
        """Statements per value among the statements where stmt_mask is True."""
        if not len(self.e_val):
            return np.zeros(len(self.ids), dtype=np.int64)
        return np.bincount(self.e_val[stmt_mask[self.e_stmt]], minlength=len(self.ids))

    def statements_with(self, value_ords) -> np.ndarray:
        """Boolean statement mask: statements carrying any of the given value ordinals."""
        mask = np.zeros(self.n_statements, dtype=bool)
        if len(value_ords) and len(self.e_val):
            vm = np.zeros(len(self.ids), dtype=bool)
            vm[np.asarray(value_ords, dtype=np.int64)] = True
            mask[self.e_stmt[vm[self.e_val]]] = True
        return mask


class IndexState:
    """An opened generation: Snapshot, numpy arrays and caches."""

    def __init__(self, gen: Path):
        self.gen = Path(gen)
        self.snapshot = Snapshot(self.gen)
        self.leaf_cache = LRUCache(LEAF_CACHE_ITEMS, LEAF_CACHE_BYTES, weigh=_weigh)
        self.query_cache = LRUCache(QUERY_CACHE_ITEMS, QUERY_CACHE_BYTES, weigh=_weigh)
        self._lazy_lock = threading.Lock()
        self._field_lengths: dict[str, np.ndarray] = {}
        self._avg_lengths: dict[str, float] = {}
        self._party_labels: dict[str, str] = {}  # the generation's party records never change
        self.closed = False
        self._load_statements()
        with self.reader() as reader:
            self._load_passages(reader)
            for f in TEXT_FIELDS:
                if self.snapshot.has_field(f):
                    self.field_lengths(f)
                    self.avg_field_length(f)
            if self.n_docs:
                reader.stored(int(np.argmax(self.live)))  # open the stored-field files
        self.warm()

    def warm(self) -> None:
        """Build now what the first queries would otherwise wait for: the party and topic
        lookups (every bare word is checked against party acronyms), the spelling index,
        the party registry and the term lookups of the segments' positions files."""
        from indexer.query.resolve import warm_registry

        for pf in self.snapshot.positions.values():
            if pf is not None:
                pf.warm()
        self.resolver
        self.topic_scope
        self.speller.warm()
        warm_registry()

    # -- statement metadata ------------------------------------------------------------

    def _load_statements(self) -> None:
        docs = self.snapshot.documents
        self.stmt_ids: list[str] = sorted(docs)
        self.stmt_of: dict[str, int] = {d: i for i, d in enumerate(self.stmt_ids)}
        S = self.n_statements = len(self.stmt_ids)
        recs = [docs[d] for d in self.stmt_ids]
        # the titles in one string and their words, for title phrases (title_phrases.py; 0.1 s at
        # 18,000 titles), while the records are at hand
        self.title_text = TitleText([r.get("title") or "" for r in recs])
        self.s_year = np.array([r.get("year") if isinstance(r.get("year"), int) else 0 for r in recs],
                               dtype=np.int32)
        self.s_datekey = np.array([_date_key(r) for r in recs], dtype=np.int64)
        ords = np.arange(S)
        newest = np.lexsort((ords, -self.s_datekey))
        asc_key = np.where(self.s_datekey < 0, np.iinfo(np.int64).max, self.s_datekey)
        oldest = np.lexsort((ords, asc_key))
        self.s_rank_new = np.empty(S, dtype=np.int64)
        self.s_rank_new[newest] = ords
        self.s_rank_old = np.empty(S, dtype=np.int64)
        self.s_rank_old[oldest] = ords

        party_ids = list(self.snapshot.parties)
        seen = set(party_ids)
        pairs = []
        for i, r in enumerate(recs):
            for pid in dict.fromkeys(r.get("signatories") or []):
                if pid not in seen:
                    seen.add(pid)
                    party_ids.append(pid)
        pidx = {p: i for i, p in enumerate(party_ids)}
        for i, r in enumerate(recs):
            for pid in dict.fromkeys(r.get("signatories") or []):
                pairs.append((i, pidx[pid]))
        self.parties = _CSR(party_ids, pairs, S)

        topic_ids = list(self.snapshot.topics)
        tseen = set(topic_ids)
        for r in recs:
            for t in r.get("topics") or []:
                if t not in tseen:
                    tseen.add(t)
                    topic_ids.append(t)
        tidx = {t: i for i, t in enumerate(topic_ids)}
        tpairs = [(i, tidx[t]) for i, r in enumerate(recs) for t in dict.fromkeys(r.get("topics") or [])]
        self.topics = _CSR(topic_ids, tpairs, S)

        self.fields: dict[str, _CSR] = {}
        self.field_labels: dict[str, str] = {}
        for name, f in facet_fields(recs).items():
            self.fields[name] = _CSR(f.values, f.pairs, S)
            self.field_labels[name] = f.label

    # -- passages ----------------------------------------------------------------------

    def _load_passages(self, reader) -> None:
        doc_ids, live = self.snapshot.passage_table()
        N = self.n_docs = len(doc_ids)
        stmt_of = self.stmt_of
        p2s = np.fromiter((stmt_of.get(v, -1) if v is not None else -1 for v in doc_ids),
                          dtype=np.int32, count=N)
        live &= p2s >= 0
        p2s[~live] = -1
        self.p2s = p2s
        self.live = live
        self.n_passages = int(live.sum())
        # p2s with -1 sent to an extra slot S, for scatter operations
        self.p2s_slot = np.where(p2s >= 0, p2s, self.n_statements).astype(np.int64)
        self.p_sig = np.zeros(N, dtype=bool)
        self.p_title = np.zeros(N, dtype=bool)
        self.p_heading = np.zeros(N, dtype=bool)
        if self.snapshot.has_field("kind"):
            self.p_sig[reader.postings("kind", "signatories")[0]] = True
            self.p_title[reader.postings("kind", "title")[0]] = True
            self.p_heading[reader.postings("kind", "heading")[0]] = True
        self.p_sig &= live
        self.p_title &= live
        self.p_heading &= live
        s_year_slot = np.append(self.s_year, np.int32(0))
        self.p_year = s_year_slot[self.p2s_slot]
        # passages per statement, in document order (the writer adds them in order)
        docs = np.nonzero(live)[0].astype(np.int32)
        order = np.argsort(p2s[docs], kind="stable")
        self.s_pass_docs = docs[order]
        counts = np.bincount(p2s[docs], minlength=self.n_statements)
        self.s_pass_ptr = np.zeros(self.n_statements + 1, dtype=np.int64)
        np.cumsum(counts, out=self.s_pass_ptr[1:])
        self.s_live = counts > 0
        self.p_first = np.zeros(N, dtype=bool)  # the first passage of each statement
        self.p_first[self.s_pass_docs[self.s_pass_ptr[:-1][self.s_live]]] = True
        head = self._headings()
        self.p_under = np.flatnonzero(head >= 0)  # body passages under a heading ...
        self.p_under_head = head[self.p_under]  # ... and the heading each stands under
        # per-passage score factor: signatory lists weigh less
        self.base_factor = np.where(self.p_sig, np.float32(SIGNATORIES_FACTOR), np.float32(1.0)).astype(np.float32)

    def _headings(self) -> np.ndarray:
        """int[N]: the docnum of the heading each body passage stands under (-1: none)."""
        docs = self.s_pass_docs
        out = np.full(self.n_docs, -1, dtype=np.int64)
        if not len(docs):
            return out
        pos = np.arange(len(docs))
        last = np.maximum.accumulate(np.where(self.p_heading[docs], pos, -1))
        start = np.repeat(self.s_pass_ptr[:-1], np.diff(self.s_pass_ptr))
        body = ~(self.p_heading[docs] | self.p_title[docs] | self.p_sig[docs])
        ok = (last >= start) & body
        out[docs[ok]] = docs[last[ok]]
        return out

    def statement_passages(self, ordinal: int) -> np.ndarray:
        """Docnums of a statement's passages in document order."""
        return self.s_pass_docs[self.s_pass_ptr[ordinal]:self.s_pass_ptr[ordinal + 1]]

    def stmt_mask(self, passage_docs: np.ndarray) -> np.ndarray:
        """Boolean statement mask of the statements owning the given passage docnums."""
        m = np.zeros(self.n_statements + 1, dtype=bool)
        m[self.p2s_slot[passage_docs]] = True
        return m[:-1]

    def passages_of(self, stmt_mask: np.ndarray) -> np.ndarray:
        """Boolean passage mask of all passages of the statements in stmt_mask."""
        slot = np.append(stmt_mask, False)
        return slot[self.p2s_slot]

    def passage_docs_of(self, stmt_mask: np.ndarray) -> np.ndarray:
        """Sorted docnums (int32) of the live passages of the statements in stmt_mask: by
        the statements' own lists when they are few, else by one pass over the passages."""
        held = np.flatnonzero(stmt_mask)
        if len(held) * FEW_STATEMENTS > self.n_statements:
            return np.flatnonzero(self.passages_of(stmt_mask) & self.live).astype(np.int32)
        lo, hi = self.s_pass_ptr[held], self.s_pass_ptr[held + 1]
        return np.sort(self.s_pass_docs[run_indexes(lo, hi - lo)])

    # -- readers ------------------------------------------------------------------------

    def reader(self):
        """A context manager lending this request a PassageReader of the generation."""
        return self.snapshot.reading()

    # -- field lengths (for BM25) -------------------------------------------------------

    def field_lengths(self, fieldname: str) -> np.ndarray:
        """float[N]: each passage's length in a field, as the store keeps it."""
        arr = self._field_lengths.get(fieldname)
        if arr is None:
            with self._lazy_lock:
                arr = self._field_lengths.get(fieldname)
                if arr is None:
                    arr = self._field_lengths[fieldname] = self.snapshot.field_lengths(fieldname)
        return arr

    def avg_field_length(self, fieldname: str) -> float:
        """The field's total length over all documents, per document (BM25's avgfl)."""
        avg = self._avg_lengths.get(fieldname)
        if avg is None:
            total = self.snapshot.field_length_total(fieldname)
            avg = self._avg_lengths[fieldname] = (total / max(1, self.n_docs)) or 1.0
        return avg

    # -- lazily built helpers ------------------------------------------------------------

    @cached_property
    def vocabulary(self) -> dict[str, int]:
        return self.snapshot.vocabulary

    @cached_property
    def speller(self):
        from indexer.query.suggest import Speller

        with self._lazy_lock:
            return Speller(self.vocabulary)

    @cached_property
    def s_words(self) -> np.ndarray:
        """float[S]: each statement's length in indexed words of its text."""
        lengths = self.field_lengths("text") if self.snapshot.has_field("text") else np.zeros(self.n_docs)
        return np.bincount(self.p2s_slot, weights=lengths, minlength=self.n_statements + 1)[:-1]

    @cached_property
    def topic_scope(self) -> TopicScope:
        with self.reader() as reader:
            return TopicScope.build(self.n_statements, self.topics.ids, self.p2s_slot,
                                    lambda t: reader.postings("passage_topic", t)[0], self.s_words)

    @cached_property
    def year_axis(self) -> tuple[np.ndarray, np.ndarray]:
        """The years statements have (sorted), and each statement's place among them: the
        year facet's axis, the same for every request."""
        years = np.unique(self.s_year[self.s_year > 0])
        return years, np.searchsorted(years, self.s_year)

    @cached_property
    def resolver(self):
        from indexer.query.resolve import Resolver

        return Resolver(self.snapshot.parties, self.snapshot.topics, self.parties.totals, self.parties.index)

    def party_record(self, party_id: str) -> dict:
        return self.snapshot.party(party_id)

    def party_label(self, party_id: str) -> str:
        """"Communist Party of Greece (KKE)"; the acronym is left out when the name holds it."""
        label = self._party_labels.get(party_id)
        if label is None:
            label = self._party_labels[party_id] = self._party_label(party_id)
        return label

    def _party_label(self, party_id: str) -> str:
        p = self.snapshot.party(party_id)
        name = p.get("name") or party_id
        acr = p.get("acronym") or ""
        if acr and f"({acr})" not in name and acr != name:
            return f"{name} ({acr})"
        return name

    def topic_label(self, topic_id: str) -> str:
        return self.snapshot.topic_label(topic_id)

    def close(self) -> None:
        self.snapshot.close()
