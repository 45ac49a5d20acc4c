"""The Flask application: `create_app(index_dir=None, config=None)`.

The index directory comes from the argument, else config INDEX_DIR, else the environment
variable STATEMENT_SEARCH_INDEX, else ./index. The app holds one SearchIndex, opened on
first use (see `index_holder`).
"""

from __future__ import annotations

import os
from pathlib import Path

from flask import Flask, abort, request, url_for

from indexer.query.settings import MAX_PAGE, MAX_PER_PAGE, MAX_QUERY_CHARS, MAX_URL_CHARS
from indexer.store import generations as store

from . import present
from .index_holder import EXTENSION_KEY, IndexHolder
from .params import PER_PAGE_CHOICES, VIEW_LABELS

DEFAULTS = {
    "INDEX_DIR": None,
    "EXPORT_LIMIT": 10_000,  # statements in one CSV/JSON export
    "EXPORT_PASSAGE_LIMIT": MAX_PAGE * MAX_PER_PAGE,  # passages in one export (view=passages)
    "EXPORT_SLOTS": 2,  # exports streamed at once; more get 429 (keep below waitress's threads)
    "EXPORT_DUTY": 0.5,  # the share of its time an export computes; it rests the rest
    "API_MAX_AGE": 60,  # seconds a client or proxy may reuse an API answer before revalidating
    "FEED_ENTRIES": 50,  # statements in an Atom feed of a search
    "SEARCH_INDEX_FACTORY": None,  # callable(index_dir) -> SearchIndex; None = indexer.query.SearchIndex
}

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
       "form-action 'self'; frame-ancestors 'none'")

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": CSP,
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


def resolve_index_dir(index_dir, config: dict | None) -> Path:
    """Where the index lives: argument, then config INDEX_DIR, then $STATEMENT_SEARCH_INDEX, then ./index."""
    chosen = index_dir or (config or {}).get("INDEX_DIR") or os.environ.get(store.INDEX_ENV) \
        or store.DEFAULT_INDEX_DIR
    return Path(chosen)


def create_app(index_dir: str | os.PathLike | None = None, config: dict | None = None) -> Flask:
    """Build the web app serving the index at `index_dir` (see the module docstring)."""
    app = Flask(__name__)
    app.config.update(DEFAULTS)
    if config:
        app.config.update(config)
    path = resolve_index_dir(index_dir, config)
    app.config["INDEX_DIR"] = str(path)
    app.json.ensure_ascii = False
    app.json.sort_keys = False
    app.extensions[EXTENSION_KEY] = IndexHolder(path, factory=app.config["SEARCH_INDEX_FACTORY"])

    from .api import bp as api_bp
    from .errors import register_error_handlers
    from .export import bp as export_bp
    from .feed import bp as feed_bp
    from .views import bp as views_bp

    app.register_blueprint(views_bp)
    app.register_blueprint(api_bp)
    app.register_blueprint(export_bp)
    app.register_blueprint(feed_bp)
    register_error_handlers(app)
    _register_template_helpers(app)

    @app.before_request
    def refuse_long_addresses():
        """414 for a request whose path and query string pass MAX_URL_CHARS: nothing that
        long is read, echoed or redirected to."""
        env = request.environ
        if len(env.get("PATH_INFO", "")) + len(env.get("QUERY_STRING", "")) > MAX_URL_CHARS:
            abort(414, description=f"The address is longer than {MAX_URL_CHARS:,} characters; "
                                   f"only the first {MAX_QUERY_CHARS} characters of a query are searched.")

    @app.after_request
    def security_headers(response):
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    return app


def _register_template_helpers(app: Flask) -> None:
    def search_url(qs: str = "") -> str:
        base = url_for("views.search")
        return f"{base}?{qs}" if qs else base

    def doc_url(doc_id: str, qs: str = "", anchor: str = "") -> str:
        """/doc/<id>[?qs][#anchor]; qs is the search state (its q highlights the statement)."""
        url = url_for("views.document", doc_id=doc_id)
        if qs:
            url += "?" + qs
        if anchor:
            url += "#" + anchor
        return url

    app.jinja_env.globals.update(
        search_url=search_url,
        doc_url=doc_url,
        VIEW_LABELS=VIEW_LABELS,
        PER_PAGE_CHOICES=PER_PAGE_CHOICES,
        passage_anchor=present.passage_anchor,
        passage_label=present.passage_label,
        party_full=present.party_full,
        party_short=present.party_short,
        count_phrase=present.count_phrase,
        bar_unit=present.bar_unit,
        quoted_query=present.quoted_query,
    )
    app.jinja_env.filters.update(
        num=present.number,
        display_date=present.display_date,
    )
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
