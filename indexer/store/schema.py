"""The Whoosh schema: one Whoosh document per passage, carrying its statement's fields.

Filters and facets need no join: every passage knows its statement's year, signatory
parties and topics. Statement-level metadata (signatory names, dates, hashes) is also kept
in `documents.json` beside the index, which the query layer loads once per index version.
"""

from __future__ import annotations

from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

from indexer.store import whoosh_tuning  # noqa: F401  (applied on import)
from indexer.store.tokenizer import StatementAnalyzer

# The analyzer of every full-text field: words, lower-cased, English stop words removed,
# Porter-stemmed ("strikes" -> "strike"). Highlighting maps stems back to whole words.
ANALYZER = StatementAnalyzer(minsize=1)

# Boosts: a title match outranks a body match; the signatory list is searchable but
# weighs less, so a long list of party names does not drown the statement's text.
TITLE_BOOST = 3.0
TEXT_BOOST = 1.0

# Field names used across the indexer and the query layer.
TEXT_FIELDS = ("title", "text")
FACET_FIELDS = ("party", "year", "topic")


class RepeatedText(TEXT):
    """A TEXT field for a value repeated on many consecutive passages (the statement title).

    The analysed terms of the last value are reused, so a title is tokenised and stemmed
    once per statement rather than once per passage.
    """

    _last: tuple = (None, None)

    def index(self, value, **kwargs):
        last_value, last_terms = self._last
        if value != last_value or kwargs:
            last_terms = list(super().index(value, **kwargs))
            if not kwargs:
                self._last = (value, last_terms)
        return iter(last_terms)

    def __getstate__(self):
        state = dict(self.__dict__)
        state.pop("_last", None)
        return state


def build_schema() -> Schema:
    return Schema(
        chunk_id=STORED(),
        doc_id=ID(stored=True, sortable=True),
        kind=ID(stored=True),
        point=STORED(),
        position=STORED(),
        title=RepeatedText(analyzer=ANALYZER, stored=False, field_boost=TITLE_BOOST, phrase=True),
        text=TEXT(analyzer=ANALYZER, stored=True, field_boost=TEXT_BOOST, phrase=True),
        # Statement-level facets, copied onto every passage.
        party=KEYWORD(stored=False, lowercase=False, commas=False, scorable=False),
        mentioned=KEYWORD(stored=False, lowercase=False, commas=False, scorable=False),
        topic=KEYWORD(stored=False, lowercase=False, commas=False, scorable=False),
        # The passage's own topics: shown with it, and indexed so that a topic filter can
        # select the passages of a long statement that are about the topic.
        passage_topic=KEYWORD(stored=True, lowercase=False, commas=False, scorable=False),
        # One term per year (no range tiers): a corpus spans a few hundred years at most.
        year=NUMERIC(stored=False, sortable=True, signed=False, bits=16, shift_step=0),
    )
