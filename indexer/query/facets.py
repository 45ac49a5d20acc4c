"""Facet filters and disjunctive facet counts, over statements, with numpy.

Each facet (party, year, topic, and each faceted sidecar field) is a small class that turns the values ticked in it into
a statement mask (values of one facet are OR-ed) and counts statements per value. Counts
are disjunctive: a facet's counts are taken over the statements that match the query and
every *other* facet's filter, so ticking a second party shows what adding it would bring;
different facets AND together. Counting is one np.bincount over (statement, value) pairs.

With a query, the topic facet looks at the matching passages of long statements
(topic_scope.py): its filter and its counts follow the same rule.
"""

from __future__ import annotations

import numpy as np

from indexer.query.results import FacetValue
from indexer.query.years import YearSpan


class Facet:
    """One facet: selection -> statement mask, and counts -> FacetValues."""

    name = ""
    counted = True  # False: the facet filters but its counts are not asked for

    def __init__(self, state, selected):
        self.state = state
        self.selected = list(selected)

    @property
    def active(self) -> bool:
        return bool(self.selected)

    def mask(self) -> np.ndarray | None:
        """bool[S] of statements passing this facet's selection (None: no selection)."""
        raise NotImplementedError

    def counts(self, base: np.ndarray) -> np.ndarray:
        """Statements per facet value among the statements where base is True."""
        raise NotImplementedError

    def values(self, counts: np.ndarray) -> list[FacetValue]:
        raise NotImplementedError


class _CSRFacet(Facet):
    """A facet whose values come from a statement -> values table (parties, topics)."""

    csr_name = ""

    def __init__(self, state, selected):
        super().__init__(state, selected)
        self.csr = getattr(state, self.csr_name)

    def selected_ordinals(self) -> list[int]:
        idx = self.csr.index
        return [idx[v] for v in self.selected if v in idx]

    def mask(self):
        if not self.selected:
            return None
        return self.csr.statements_with(self.selected_ordinals())

    def counts(self, base):
        return self.csr.counts(base)

    def label(self, value: str) -> str:
        return value

    def values(self, counts):
        ids = self.csr.ids
        chosen = set(self.selected)
        out = []
        for i in np.nonzero(counts)[0]:
            v = ids[int(i)]
            out.append(FacetValue(v, self.label(v), int(counts[i]), v in chosen))
        shown = {fv.value for fv in out}
        idx = self.csr.index
        for v in self.selected:
            if v not in shown:
                c = int(counts[idx[v]]) if v in idx else 0
                out.append(FacetValue(v, self.label(v), c, True))
        out.sort(key=lambda fv: (-fv.count, fv.label.casefold(), fv.value))
        return out


class PartyFacet(_CSRFacet):
    name = "party"
    csr_name = "parties"

    def label(self, value):
        return self.state.party_label(value)


class TopicFacet(_CSRFacet):
    """Topics; with a query, long statements by the topics of their matching passages."""

    name = "topic"
    csr_name = "topics"

    def __init__(self, state, selected, entries: np.ndarray | None = None):
        super().__init__(state, selected)
        self.entries = entries  # the query's TopicScope.entries(); None: browsing

    def mask(self):
        if not self.selected:
            return None
        ords = self.selected_ordinals()
        return self.state.topic_scope.statements(ords, self.csr.statements_with(ords), self.entries)

    def counts(self, base):
        return self.state.topic_scope.counts(base, self.csr.counts, self.entries)

    def passage_mask(self) -> np.ndarray | None:
        """bool[N]: the passages the selection keeps (None: all of them, or browsing)."""
        if not self.selected or self.entries is None:
            return None
        return self.state.topic_scope.passages(self.selected_ordinals(), self.state.n_docs)

    def label(self, value):
        return self.state.topic_label(value)


class SidecarFacet(_CSRFacet):
    """A sidecar field of the archive's own (sidecar_facets.py): `election_type`, `genre`."""

    def __init__(self, state, name: str, selected, counted: bool):
        self.name = name
        self.counted = counted
        self.state = state
        self.selected = list(selected)
        self.csr = state.fields[name]


class YearFacet(Facet):
    """Years of statements; a selection may hold single years and ranges ("2015-2020")."""

    name = "year"

    def __init__(self, state, selected: list[YearSpan]):
        super().__init__(state, selected)
        self.years, self._pos = state.year_axis

    def mask(self):
        if not self.selected:
            return None
        y = self.state.s_year
        m = np.zeros(len(y), dtype=bool)
        for span in self.selected:
            m |= (y > 0) & (y >= span.lo) & (y <= span.hi)
        return m

    def counts(self, base):
        known = base & (self.state.s_year > 0)
        return np.bincount(self._pos[known], minlength=len(self.years))

    def values(self, counts):
        out = []
        chosen = {s.value for s in self.selected}
        for i in np.nonzero(counts)[0]:
            y = str(int(self.years[i]))
            out.append(FacetValue(y, y, int(counts[i]), y in chosen))
        shown = {fv.value for fv in out}
        for span in self.selected:
            if span.value in shown:
                continue
            inside = (self.years >= span.lo) & (self.years <= span.hi)
            c = int(counts[inside].sum()) if len(counts) else 0
            out.append(FacetValue(span.value, span.label, c, True))
        out.sort(key=lambda fv: (-_year_sort(fv.value), fv.value))
        return out


def _year_sort(value: str) -> int:
    """Sort key of a year facet value: its year, or a range's upper (else lower) year."""
    lo, _, hi = value.partition("-")
    try:
        return int(hi or lo)
    except ValueError:
        return 0


def build_facets(state, parties, years, topics, filters=(), counted=(), entries=None) -> list[Facet]:
    """The facets of a search. filters: ((sidecar field, values), ...); counted: the sidecar
    fields whose counts are wanted; entries: the query's TopicScope.entries() (None: browsing)."""
    facets: list[Facet] = [PartyFacet(state, parties), YearFacet(state, years),
                           TopicFacet(state, topics, entries)]
    chosen = dict(filters)
    for name in state.fields:
        if name in chosen or name in counted:
            facets.append(SidecarFacet(state, name, chosen.get(name, ()), name in counted or name in chosen))
    return facets


def apply_facets(facets: list[Facet], matched: np.ndarray, wider: np.ndarray | None = None,
                 threshold: int = 0) -> tuple[np.ndarray, dict[str, list[FacetValue]], bool]:
    """The statements passing every facet, each facet's disjunctive counts, and whether
    the wider set was used.

    matched: bool[S] statements matching the whole query. wider: bool[S] statements holding
    only some of its words too (None: the query may not be relaxed); it is used when fewer
    than `threshold` matched statements pass the filters. A facet value's count is what
    ticking that value returns: the statements holding every word when they are
    `threshold` or more, else those holding some of the words.
    Returns (allowed, {name: values}, relaxed).
    """
    masks = [f.mask() for f in facets]
    allowed = matched.copy()
    for m in masks:
        if m is not None:
            allowed &= m
    relaxed = wider is not None and int(np.count_nonzero(allowed)) < threshold
    if relaxed:
        allowed = wider.copy()
        for m in masks:
            if m is not None:
                allowed &= m
    out: dict[str, list[FacetValue]] = {}
    for k, f in enumerate(facets):
        if not f.counted:
            continue
        others = [m for j, m in enumerate(masks) if j != k and m is not None]
        base = matched.copy()
        for m in others:
            base &= m
        counts = f.counts(base)
        if wider is not None:
            base_any = wider.copy()
            for m in others:
                base_any &= m
            counts = np.where(counts >= threshold, counts, f.counts(base_any))
        out[f.name] = f.values(counts)
    return allowed, out, relaxed
