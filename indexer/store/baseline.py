"""Plain BM25 over the passages' text: the baseline the relevance evaluation compares with.

Any query word may match (an OR of the words), no field boosts, no proximity, no variants:
Whoosh's BM25F (B=0.75, K1=1.2) over the `text` field alone, analysed as the index analyses
it. The statement baseline ranks statements by their best passage's score.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from whoosh import query as wq
from whoosh import scoring
from whoosh.index import open_dir

from indexer.store import generations

FIELD = "text"


@dataclass(frozen=True)
class BaselineHit:
    doc_id: str
    chunk_id: str
    text: str
    score: float


class BM25Baseline:
    """The baseline over the generation `index_dir/current` points to."""

    def __init__(self, index_dir: Path | str):
        self.ix = open_dir(str(generations.require_generation(Path(index_dir))))
        self._analyzer = self.ix.schema[FIELD].analyzer

    def words(self, text: str) -> list[str]:
        """The query's distinct indexed terms, in order."""
        out: list[str] = []
        for t in self._analyzer(text):
            if t.text not in out:
                out.append(t.text)
        return out

    def _search(self, text: str, limit: int, docs: set[str] | None, per_statement: bool):
        terms = self.words(text)
        if not terms or (docs is not None and not docs):
            return []
        q = wq.Or([wq.Term(FIELD, t) for t in terms])
        only = wq.Or([wq.Term("doc_id", d) for d in sorted(docs)]) if docs is not None else None
        with self.ix.searcher(weighting=scoring.BM25F()) as s:
            kwargs = {"collapse": "doc_id", "collapse_limit": 1} if per_statement else {}
            hits = s.search(q, limit=limit, filter=only, **kwargs)
            return [BaselineHit(h["doc_id"], h["chunk_id"], h.get(FIELD) or "", float(h.score))
                    for h in hits]

    def passages(self, text: str, limit: int = 100, docs: set[str] | None = None) -> list[BaselineHit]:
        """The top passages for the words of `text` (only of statements in `docs`, if given)."""
        return self._search(text, limit, docs, per_statement=False)

    def statements(self, text: str, limit: int = 100, docs: set[str] | None = None) -> list[BaselineHit]:
        """The top statements, each by its best passage."""
        return self._search(text, limit, docs, per_statement=True)

    def close(self) -> None:
        self.ix.close()
