"""A faster Whoosh segment writer that writes the very same bytes as Whoosh's own.

Whoosh's `SegmentWriter` sends every posting through a sorting pool as one tuple
(field, term, document, weight, value): a full index holds millions of them, sorted at the
end (or, past the pool's memory limit, spilled to disk as sorted runs and merged), then
fed one by one to the posting writer, which looks up the field length of each. Profiled,
that is most of a build's CPU. `FastSegmentWriter` keeps the same segment format:

* `GroupedPool` groups postings by field and term as they arrive (the documents of a
  term arrive in order), compactly in arrays, so nothing is sorted but the distinct terms
  and nothing spills, whatever the corpus size;
* a passage's own text (a full-text field whose value is not repeated) is kept as its
  words' term ids and grouped, positions encoded, for the whole segment at once
  (`text_postings.TextPostings`) before anything else reaches the pool; a repeated value
  (a title) is grouped in one pass over the analyzer's tokens (`PositionsIndexer`), its
  encoded values shared between postings with the same positions;
* `write_grouped` hands each term's postings to Whoosh's block writer a block at a time,
  with the block statistics (weights, field lengths) computed per block, and to the
  segment's positions file (`positions_file.Recorder`) a term at a time.

`tests/test_segment_writer.py` checks that both writers produce byte-identical files.
"""

from __future__ import annotations

from array import array

from whoosh import formats
from whoosh.codec import whoosh3
from whoosh.util.numeric import byte_to_length
from whoosh.writing import SegmentWriter

from indexer.store.positions_file import Recorder
from indexer.store.schema import RepeatedText
from indexer.store.text_postings import batch_indexer
from indexer.store.whoosh_tuning import column_bytes

VALUE_CACHE_LIMIT = 500_000  # encoded position lists kept for sharing between postings
TERM_CACHE_LIMIT = 500_000  # term strings -> UTF-8 bytes


class GroupedPool:
    """Postings grouped as {field: {term bytes: (documents, weights, values)}}.

    A drop-in for Whoosh's posting pool (`add`, `iter_postings`, `cleanup`), plus
    `field_terms(field)`, the fast path the writer uses.
    """

    def __init__(self):
        self.fields: dict[str, dict[bytes, tuple]] = {}
        self._unordered: set[tuple[str, bytes]] = set()

    def field_terms(self, fieldname: str) -> dict[bytes, tuple]:
        terms = self.fields.get(fieldname)
        if terms is None:
            terms = self.fields[fieldname] = {}
        return terms

    def add(self, item) -> None:
        """Add one posting (field, term bytes, document, weight, value), as Whoosh does
        when it merges segments; documents may then come out of order."""
        fieldname, tbytes, docnum, weight, vbytes = item
        terms = self.field_terms(fieldname)
        group = terms.get(tbytes)
        if group is None:
            group = terms[tbytes] = (array("I"), array("d"), [])
        elif group[0][-1] > docnum:
            self._unordered.add((fieldname, tbytes))
        group[0].append(docnum)
        group[1].append(weight)
        group[2].append(vbytes)

    def sorted_groups(self):
        """(field, term bytes, documents, weights, values) in Whoosh's order: by field
        name, then term bytes; each term's postings by document."""
        for fieldname in sorted(self.fields):
            terms = self.fields[fieldname]
            for tbytes in sorted(terms):
                docs, weights, values = terms[tbytes]
                if (fieldname, tbytes) in self._unordered:
                    order = sorted(range(len(docs)), key=docs.__getitem__)
                    docs = array("I", [docs[i] for i in order])
                    weights = array("d", [weights[i] for i in order])
                    values = [values[i] for i in order]
                yield fieldname, tbytes, docs, weights, values

    def iter_postings(self):
        for fieldname, tbytes, docs, weights, values in self.sorted_groups():
            for i in range(len(docs)):
                yield fieldname, tbytes, docs[i], weights[i], values[i]

    def cleanup(self) -> None:
        self.fields = {}
        self._unordered = set()


class PositionsIndexer:
    """The postings of a full-text field with positions, as Whoosh's `Positions` format
    computes them (term bytes, weight, encoded positions) and their field length, in fewer
    steps, for a field whose analyzer gives each term's positions (`term_positions`, every
    token's boost 1: a term's weight is its count times the field's boost).

    Whoosh pickles a block's position values as a tuple, so a value object shared by two
    postings is written once and referred to: values are shared exactly where Whoosh's
    own writer shares them (a `RepeatedText` value on consecutive passages), never
    elsewhere, or the bytes would differ."""

    def __init__(self, field):
        self.term_positions = field.analyzer.term_positions
        self.format = field.format
        self.field_boost = field.format.field_boost
        self._values: dict[tuple, bytes] = {}  # positions -> encoded
        self._bytes: dict[str, bytes] = {}

    def postings(self, value: str) -> tuple[list[tuple[bytes, float, bytes]], int]:
        """([(term bytes, weight, encoded positions)], number of tokens indexed (the field
        length)) of one document's `value`."""
        values, tb, fb = self._values, self._bytes, self.field_boost
        if len(values) > VALUE_CACHE_LIMIT:
            values.clear()
        if len(tb) > TERM_CACHE_LIMIT:
            tb.clear()
        encode = self.format.encode
        items = []
        length = 0
        for text, poslist in self.term_positions(value).items():
            n = len(poslist)
            length += n
            key = tuple(poslist)
            v = values.get(key)
            if v is None:
                v = values[key] = encode(poslist)
            else:
                v = bytes(memoryview(v))  # a copy: Whoosh pickles each posting's own value
            b = tb.get(text)
            if b is None:
                b = tb[text] = text.encode("utf-8")
            items.append((b, n * fb, v))
        return items, length


def _fast_indexer(field):
    """A PositionsIndexer for a field with positions whose analyzer gives them; None for
    any other field (indexed through `field.index`, Whoosh's own)."""
    if (type(field.format) is formats.Positions and field.analyzer is not None
            and callable(getattr(field.analyzer, "term_positions", None))):
        return PositionsIndexer(field)
    return None


def _repeats(field) -> bool:
    """Whether a value repeated on consecutive documents may share its postings' values
    (Whoosh writes fixed-size values joined, not pickled; a `RepeatedText` field shares
    them in Whoosh's own writer too)."""
    if isinstance(field, RepeatedText):
        return True
    size = field.format.fixed_value_size() if field.format else None
    return size is not None and size >= 0


class _Run:
    """A field's value on consecutive documents from `first` on, and its postings."""

    __slots__ = ("value", "items", "first", "count", "length")

    def __init__(self, value, items, first, length):
        self.value, self.items, self.first, self.count, self.length = value, items, first, 1, length


# zlib's level for Whoosh's posting blocks: 1 rather than Whoosh's 3, a little less build
# CPU for a slightly larger index (README: the build); reading does not depend on it.
POSTING_COMPRESSION = 1


def posting_codec() -> whoosh3.W3Codec:
    """The codec every segment is written with: Whoosh's own, posting blocks compressed at
    POSTING_COMPRESSION."""
    return whoosh3.W3Codec(compression=POSTING_COMPRESSION)


class FastSegmentWriter(SegmentWriter):
    """Whoosh's `SegmentWriter` with the grouped pool, the positions fast path and the
    block-at-a-time posting writer; everything else (stored fields, lengths, columns,
    merging, the table of contents) is Whoosh's own. A value repeated on consecutive
    documents (a statement's title, parties, topics, year on each of its passages) is
    analysed once and its postings added for the whole run at once. Once the segment is
    flushed, `recorder` holds its positions file (`writer.save_positions` writes it)."""

    recorder = None

    def __init__(self, ix, **kwargs):
        kwargs.setdefault("codec", posting_codec())
        super().__init__(ix, **kwargs)
        self.pool.cleanup()
        self.pool = GroupedPool()
        self._indexers = {name: _fast_indexer(self.schema[name]) for name in self.schema.names()}
        self._repeats = {name: _repeats(self.schema[name]) for name in self.schema.names()}
        # a passage's own full text: its postings gathered for the segment and grouped at once
        self._batches = {}
        for name, fast in self._indexers.items():
            batch = None if fast is None or self._repeats[name] else batch_indexer(self.schema[name])
            if batch is not None:
                self._batches[name] = batch
        self._runs: dict[str, _Run] = {}
        self._names: tuple = (None, None)  # the last document's field names, and sorted once checked

    def _postings(self, fieldname, field, value):
        """(postings [(term bytes, weight, value)], length) of one field value of a document."""
        fast = self._indexers.get(fieldname)
        if fast is not None and isinstance(value, str):
            items, length = fast.postings(value)
        else:
            items, length = [], 0
            for tbytes, freq, weight, vbytes in field.index(value):
                items.append((tbytes, weight, vbytes))
                length += freq
        return items, (length if field.scorable else 0)

    def _add_postings(self, fieldname, items, first: int, count: int) -> None:
        terms = self.pool.field_terms(fieldname)
        for tbytes, weight, vbytes in items:
            group = terms.get(tbytes)
            if group is None:
                group = terms[tbytes] = (array("I"), array("d"), [])
            if count == 1:
                group[0].append(first)
                group[1].append(weight)
                group[2].append(vbytes)
            else:
                group[0].extend(range(first, first + count))
                group[1].extend([weight] * count)
                group[2].extend([vbytes] * count)

    def _end_run(self, fieldname) -> None:
        run = self._runs.pop(fieldname, None)
        if run is not None:
            self._add_postings(fieldname, run.items, run.first, run.count)

    def _end_runs(self) -> None:
        """Add the postings still held back (runs of a repeated value, gathered passage
        texts) to the pool: before postings arrive any other way, and at the flush."""
        for fieldname in list(self._runs):
            self._end_run(fieldname)
        for fieldname, batch in self._batches.items():
            if batch.pending:
                batch.into(self.pool.field_terms(fieldname))

    def _indexed_length(self, fieldname, field, value, docnum) -> int:
        """Add a document's postings of one field (or extend the field's run); its length."""
        if not self._repeats[fieldname]:
            batch = self._batches.get(fieldname)
            if batch is not None:
                if isinstance(value, str):  # the passage's text
                    length = batch.add(value, docnum)
                    return length if field.scorable else 0
                # a value already cut into words: the passages held back go first, in order
                batch.into(self.pool.field_terms(fieldname))
            items, length = self._postings(fieldname, field, value)
            self._add_postings(fieldname, items, docnum, 1)
            return length
        run = self._runs.get(fieldname)
        same = run is not None and run.value == value and type(run.value) is type(value)
        if same and run.first + run.count == docnum:
            run.count += 1
            return run.length
        self._end_run(fieldname)
        if same:  # the same value after a document without the field: the same postings
            items, length = run.items, run.length
        else:
            items, length = self._postings(fieldname, field, value)
        self._runs[fieldname] = _Run(value, items, docnum, length)
        return length

    def add_document(self, **fields):
        names = tuple(fields)
        if names != self._names[0]:  # field names not seen on the document before: check them
            if any(name.startswith("_") for name in names):
                self._end_runs()
                return super().add_document(**fields)  # boosts and custom stored values
            self._check_state()
            fieldnames = sorted(names)
            self._check_fields(self.schema, fieldnames)
            self._names = (names, fieldnames)
        else:
            self._check_state()
            fieldnames = self._names[1]
        perdocwriter = self.perdocwriter
        schema = self.schema
        docnum = self.docnum
        perdocwriter.start_doc(docnum)
        try:
            for fieldname in fieldnames:
                value = fields[fieldname]
                if value is None:
                    continue
                field = schema[fieldname]
                length = self._indexed_length(fieldname, field, value, docnum) if field.indexed else 0
                if field.separate_spelling() or field.vector:
                    raise NotImplementedError(f"field {fieldname!r}: spelling and vectors are not written here")
                perdocwriter.add_field(fieldname, field, value if field.stored else None, length)
                column = field.column_type
                if column:
                    perdocwriter.add_column_value(fieldname, column, field.to_column_value(value))
        except Exception:
            perdocwriter.cancel_doc()
            self._end_runs()
            raise
        perdocwriter.finish_doc()
        self._added = True
        self.docnum += 1

    def add_reader(self, reader):
        self._end_runs()
        return super().add_reader(reader)

    def _flush_segment(self):
        self._end_runs()
        self.perdocwriter.close()
        pdr = self.per_document_reader() if self.codec.length_stats else None
        fields = [n for n, f in self.schema.items() if f.format and f.format.supports("positions")]
        self.recorder = Recorder(fields)
        write_grouped(self.fieldwriter, self.schema, pdr, self.pool.sorted_groups(), self.recorder)
        self.fieldwriter.close()
        if pdr:
            pdr.close()


def _length_bytes(pdr, fieldname):
    """The field's one-byte-per-document length column, or None (no lengths)."""
    if pdr is None:
        return None
    lenfield = whoosh3._lenfield(fieldname)
    if not pdr.has_column(lenfield):
        return None
    return column_bytes(pdr.column_reader(lenfield, whoosh3.LENGTHS_COLUMN))


def write_grouped(fieldwriter, schema, pdr, groups, recorder=None) -> None:
    """Write grouped postings through Whoosh's field writer a block at a time; the bytes
    are those `FieldWriter.add_postings` writes posting by posting. A `Recorder` (the
    positions file) is handed each term's postings too."""
    lastfn = None
    lens = None
    for fieldname, tbytes, docs, weights, values in groups:
        if fieldname != lastfn:
            if lastfn is not None:
                fieldwriter.finish_field()
            fieldwriter.start_field(fieldname, schema[fieldname])
            lens = _length_bytes(pdr, fieldname)
            lastfn = fieldname
        if recorder is not None:
            recorder.add_term(fieldname, tbytes, docs, weights, values)
        fieldwriter.start_term(tbytes)
        pw = fieldwriter._postwriter
        limit = pw._blocklimit
        n = len(docs)
        for start in range(0, n, limit):
            if start:
                pw._write_block()
            _fill_block(pw, docs[start:start + limit], weights[start:start + limit],
                        values[start:start + limit], lens)
        fieldwriter.finish_term()
    if lastfn is not None:
        fieldwriter.finish_field()


def _fill_block(pw, docs, weights, values, lens) -> None:
    """Set a posting writer's buffered block as `add_posting` would have left it."""
    pw._ids = array("I", docs)
    pw._weights = array("f", weights)
    pw._values = list(filter(None, values))  # the values add_posting keeps: the non-empty
    top = max(weights)
    pw._maxweight = top if top > 0 else 0
    if lens is None:
        pw._minlength, pw._maxlength = None, 0
        return
    nonzero = bytes(map(lens.__getitem__, docs)).replace(b"\0", b"")  # the documents' length bytes
    if nonzero:
        pw._minlength = byte_to_length(min(nonzero))
        pw._maxlength = byte_to_length(max(nonzero))
    else:
        pw._minlength, pw._maxlength = None, 0


__all__ = ["FastSegmentWriter", "GroupedPool", "write_grouped"]
