"""Writing passages into a generation's Whoosh index.

The build's worker processes each write a segment of their own (`SegmentSink`) and the
parent joins them with one table of contents (`commit_segments`), so nothing is merged.
An update opens a new generation that shares the served one's segment files by hard link
(`IndexUpdater`); Whoosh never rewrites a segment file, it writes new segments and a new
table of contents, so the served generation's files stay as they are.

The interface the build uses (records are plain dicts of field values, see
`indexer.write.records.passage_fields`)::

    create_index(gen)                          # an empty index with the schema
    sink = SegmentSink(gen, tmpdir)            # in a worker: sink.add(fields) ... sink.finish()
    commit_segments(gen, [segment, ...])       # in the parent, once every worker is done
    with IndexUpdater(gen) as up: up.delete(doc_id); up.add(fields); up.commit()
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np

from indexer.store import surface
from indexer.store.positions_file import file_name
from indexer.store.schema import build_schema
from indexer.store.segment_writer import FastSegmentWriter

TEXT_FIELD = "text"  # the stored passage text whose surface words phrases are checked against


def save_positions(writer, texts: list[str] | None = None) -> None:
    """Write the positions file of the segment the writer just finished (if it wrote one),
    with the surface words of its passages' text (surface.py); `texts`: every passage's
    text in docnum order when the caller kept them, else they are read back."""
    rec = getattr(writer, "recorder", None)
    if rec is None or not rec.used:
        return
    segment = writer.newsegment
    if texts is None or len(texts) != segment.doc_count_all():
        texts = _segment_texts(writer.storage, writer.schema, segment)
    rec.extra[surface.field_name(TEXT_FIELD)] = surface.surface_arrays(texts)
    rec.write(Path(writer.storage.folder) / file_name(segment.segment_id()))


def _segment_texts(storage, schema, segment) -> list[str]:
    from whoosh.reading import SegmentReader

    r = SegmentReader(storage, schema, segment)
    try:
        return [r.stored_fields(d).get(TEXT_FIELD) or "" for d in range(r.doc_count_all())]
    finally:
        r.close()


def create_index(gen: Path) -> None:
    """Create an empty index with the passage schema in the generation directory `gen`."""
    from whoosh.index import create_in

    create_in(str(gen), build_schema())


class SegmentSink:
    """One process's own segment of the index in `gen` (`tmpdir` holds its temporary
    files); its postings are held in memory, grouped by term, until `finish`."""

    def __init__(self, gen: Path, tmpdir: Path | str):
        from whoosh.index import open_dir

        tempfile.tempdir = str(tmpdir)  # Whoosh keeps its posting runs in a temp dir per writer
        self._writer = FastSegmentWriter(open_dir(str(gen)), _lk=False)
        self._texts: list[str] = []  # each passage's text, in docnum order

    def add(self, fields: dict) -> None:
        self._writer.add_document(**fields)
        self._texts.append(fields.get(TEXT_FIELD) or "")

    def word_counts(self):
        """(word, times) of each surface word (surface.py) of the passages' texts, once
        `finish` wrote them, read off the positions file's arrays; none when no passage
        was added (every passage indexes its doc_id, so a segment written has the file)."""
        rec = self._writer.recorder
        arrays = rec.extra.get(surface.field_name(TEXT_FIELD)) if rec is not None else None
        if arrays is None:
            return []
        terms = arrays["terms"].tobytes()
        off = arrays["term_off"].tolist()
        times = np.diff(arrays["pos_ptr"]).tolist()
        return [(terms[off[i]:off[i + 1]].decode("utf-8"), times[i]) for i in range(len(times))]

    def finish(self):
        """Write the segment out; returns it (a picklable token for `commit_segments`),
        or None when nothing was added."""
        if self._writer._added:
            segment = self._writer._finalize_segment()
            save_positions(self._writer, self._texts)
            return segment
        self._writer._close_segment()
        return None


def commit_segments(gen: Path, segments: list) -> None:
    """Write the table of contents that makes the workers' segments one index (and remove
    the files of any segment not named in it)."""
    from whoosh.index import open_dir
    from whoosh.writing import SegmentWriter

    w = SegmentWriter(open_dir(str(gen)))
    w._close_segment()
    w._commit_toc(list(w.segments) + list(segments))
    w._finish()


class IndexUpdater:
    """Deletes and adds passages in the index of a new generation, then commits."""

    def __init__(self, gen: Path, timeout: float = 5.0):
        from whoosh.index import open_dir

        self._ix = open_dir(str(gen))
        self._writer = FastSegmentWriter(self._ix, timeout=timeout)
        self._searcher = self._ix.searcher()

    def passage_texts(self, doc_id: str) -> list[str]:
        """The texts of a statement's passages as they are in the index."""
        s = self._searcher
        return [s.stored_fields(n)["text"] for n in s.document_numbers(doc_id=doc_id)]

    def delete(self, doc_id: str) -> None:
        self._writer.delete_by_term("doc_id", doc_id)

    def add(self, fields: dict) -> None:
        self._writer.add_document(**fields)

    def commit(self) -> None:
        self._writer.commit()
        save_positions(self._writer)
        self._writer = None

    def __enter__(self) -> "IndexUpdater":
        return self

    def __exit__(self, *exc) -> None:
        try:
            if self._writer is not None:
                self._writer.cancel()
        finally:
            self._searcher.close()
