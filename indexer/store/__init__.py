"""The index on disk: the only package that imports Whoosh.

Everything Whoosh-specific lives here: the schema and analyzer (schema.py, tokenizer.py),
generations and the build lock (generations.py), the tuning patch (whoosh_tuning.py),
posting-block and length-column decoding (postings.py), each segment's full-text postings
and positions as flat arrays read in slices (positions_file.py), opening a generation
(reader.py) with its segments read in place with pread, never mapped (segment_files.py;
file_slices.py the reading at offsets both use),
and the query tree as a Whoosh query for comparisons (whoosh_query.py).

The query layer (indexer/query) sees the index only through the interface below: numpy
arrays and plain records. Another engine (tantivy, or OpenSearch for an archive that
outgrows one machine) can stand behind the same door by providing the same calls.

Passages are numbered 0..N-1 ("docnums"); a statement is the passages sharing a doc_id.
Terms are strings as the analyzer makes them (lower-cased, stemmed for title/text).

    snap = Snapshot(gen)                      # reader.Snapshot: one generation
    snap.documents / parties / topics / meta  # documents.json: statement records (records.Records:
                                              # a read-only mapping, each record decoded when read)
    snap.vocabulary                           # {raw word: count}, for did-you-mean
    snap.passage_table() -> (doc_ids, live)   # doc_id per docnum (None: unknown), bool[N]
    snap.field_lengths(field) -> float64[N]   # each passage's length in a field (BM25's fl)
    snap.field_length_total(field) -> int     # the sum of those lengths (BM25's avgfl * N)
    snap.scorable(field) / has_field(field)
    snap.passages(doc_id), snap.document(doc_id)   # a statement whole, for show and the API
    with snap.reading() as r:                 # one PassageReader per request (pooled)
        r.postings(field, term) -> (docs int32 sorted, weights float32)
              # weights: term frequency x the field's boost; deleted passages included
              # (the caller masks them with `live`)
        r.postings_positions(field, term) -> (docs, weights, pos_docs int64, positions int64)
              # positions count words with stop words left out
        r.doc_frequency(field, term) -> int
        r.terms_with_prefix(field, prefix) -> iterator of terms, in term order
        r.terms_within(field, text, maxdist, prefix=1) -> [terms within maxdist edits]
        r.terms_matching(field, pattern) -> [terms matching * and ? wildcards]
        r.stored(docnum) -> {chunk_id, kind, point, position, text, passage_topic}
    snap.close()

Analysis (tokenizer.py): WORD_PATTERN, STOP_WORDS, stem(word), and query_terms(text,
tokenize=True): the index terms of a query word or phrase as the analyzer reads it.

Fields: title and text (full text, positions), party, mentioned, topic, kind, doc_id
(keywords), year (the statement's year; the query layer filters years from
documents.json).
"""
