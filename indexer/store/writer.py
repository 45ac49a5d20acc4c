"""Writing passages into a generation's Whoosh index.

The build's worker processes each write a segment of their own (`SegmentSink`) and the
parent joins them with one table of contents (`commit_segments`), so nothing is merged.
An update opens a new generation that shares the served one's segment files by hard link
(`IndexUpdater`); Whoosh never rewrites a segment file, it writes new segments and a new
table of contents, so the served generation's files stay as they are.

The interface the build uses (records are plain dicts of field values, see
`indexer.write.records.passage_fields`)::

    create_index(gen)                          # an empty index with the schema
    sink = SegmentSink(gen, tmpdir, limit_mb)  # in a worker: sink.add(fields) ... sink.finish()
    commit_segments(gen, [segment, ...])       # in the parent, once every worker is done
    with IndexUpdater(gen) as up: up.delete(doc_id); up.add(fields); up.commit()
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from indexer.store.positions_file import file_name
from indexer.store.schema import build_schema
from indexer.store.segment_writer import FastSegmentWriter


def save_positions(writer) -> None:
    """Write the positions file of the segment the writer just finished (if it wrote one)."""
    rec = getattr(writer, "recorder", None)
    if rec is not None and rec.used:
        rec.write(Path(writer.storage.folder) / file_name(writer.newsegment.segment_id()))


def create_index(gen: Path) -> None:
    """Create an empty index with the passage schema in the generation directory `gen`."""
    from whoosh.index import create_in

    create_in(str(gen), build_schema())


class SegmentSink:
    """One process's own segment of the index in `gen` (`tmpdir` holds its temporary
    files); its postings are held in memory, grouped by term, until `finish`."""

    def __init__(self, gen: Path, tmpdir: Path | str, limit_mb: int):
        from whoosh.index import open_dir

        tempfile.tempdir = str(tmpdir)  # Whoosh keeps its posting runs in a temp dir per writer
        self._writer = FastSegmentWriter(open_dir(str(gen)), _lk=False)

    def add(self, fields: dict) -> None:
        self._writer.add_document(**fields)

    def finish(self):
        """Write the segment out; returns it (a picklable token for `commit_segments`),
        or None when nothing was added."""
        if self._writer._added:
            segment = self._writer._finalize_segment()
            save_positions(self._writer)
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
