"""The limits and vocabularies of a search, in one table: the query layer checks requests
against them, the web parameters, pages and API read them from here.

Each row is (name, value, what it bounds); `SETTINGS` lists them for documentation and the
module-level constants are the values themselves.
"""

from __future__ import annotations

SORTS = ("relevance", "date", "date_asc")  # the query layer's names (the web says newest/oldest)
VIEWS = ("statements", "passages")

DEFAULT_PER_PAGE = 20
MAX_PER_PAGE = 100
MAX_PAGE = 10_000
MAX_QUERY_CHARS = 500
MAX_FILTER_VALUES = 100
MAX_ID_CHARS = 200
PARTY_FILTER_MAX = 200
MAX_URL_CHARS = 16_384
SIMILAR_DEFAULT = 10
SIMILAR_MAX = 50
# results holding only some of a query's words follow those holding all of them when these
# are fewer than this many (a default page), whatever the page size asked
RELAX_BELOW = DEFAULT_PER_PAGE

SETTINGS: tuple[tuple[str, object, str], ...] = (
    ("sorts", SORTS, "result orders: by score, newest first, oldest first"),
    ("views", VIEWS, "one result per statement, or one per passage"),
    ("default_per_page", DEFAULT_PER_PAGE, "results on a page when per_page is not given"),
    ("max_per_page", MAX_PER_PAGE, "the largest per_page"),
    ("max_page", MAX_PAGE, "the largest page number"),
    ("max_query_chars", MAX_QUERY_CHARS,
     "characters of a query that are searched (and echoed); the rest is cut at a word"),
    ("max_filter_values", MAX_FILTER_VALUES, "values of one filter (party, year, topic) in one search"),
    ("max_id_chars", MAX_ID_CHARS, "characters of one party or topic filter value"),
    ("party_filter_max", PARTY_FILTER_MAX, "characters of the parties list's name filter"),
    ("max_url_chars", MAX_URL_CHARS, "characters of a request's path and query string (longer: 414)"),
    ("similar_default", SIMILAR_DEFAULT, "similar statements listed on a statement page and by default"),
    ("similar_max", SIMILAR_MAX, "the largest limit of the similar statements endpoint"),
    ("relax_below", RELAX_BELOW,
     "fewer results holding every word than this: those holding some of the words follow"),
)


def clip_query(text: str) -> str:
    """The part of a query that is searched: its first MAX_QUERY_CHARS characters, cut back
    to the last space when one falls in the second half."""
    if len(text) <= MAX_QUERY_CHARS:
        return text
    cut = text[:MAX_QUERY_CHARS]
    space = cut.rfind(" ")
    if space > MAX_QUERY_CHARS // 2:
        cut = cut[:space]
    return cut


def clip_note(typed_chars: int, searched_chars: int) -> str:
    """The sentence that says a query was cut."""
    return f"The query was {typed_chars:,} characters long; only the first {searched_chars:,} were searched."
