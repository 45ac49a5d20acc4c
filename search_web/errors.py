"""Error pages and JSON errors: 400 for bad parameters, 404, 414 for an over-long address,
429 (with Retry-After) when every export slot is taken, 503 without an index, a plain 500.

No response ever carries a traceback: unexpected exceptions are logged and answered with
a short page (or {"error": ...} for the JSON routes).
"""

from __future__ import annotations

import logging

from flask import Flask, jsonify, render_template, request
from werkzeug.exceptions import HTTPException, NotFound

from .export import RETRY_AFTER_SECONDS, Busy
from .index_holder import IndexUnavailable
from .params import ParamError

log = logging.getLogger(__name__)

TITLES = {
    400: "Bad request",
    404: "Not found",
    405: "Method not allowed",
    414: "Address too long",
    429: "Too many exports at once",
    500: "Something went wrong",
    503: "Search index not available",
}


def wants_json() -> bool:
    """JSON routes: the API and the JSON export."""
    path = request.path
    return path.startswith("/api/") or path == "/api" or path.endswith(".json")


def error_response(status: int, message: str, *, title: str | None = None):
    """An error as JSON {"error": message, "status": status} or as the HTML error page."""
    if wants_json():
        resp = jsonify({"error": message, "status": status})
        resp.status_code = status
        return resp
    html = render_template("error.html", status=status, title=title or TITLES.get(status, "Error"),
                           message=message)
    return html, status


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(ParamError)
    def bad_param(exc: ParamError):
        return error_response(400, str(exc))

    @app.errorhandler(Busy)
    def busy(exc: Busy):
        resp = app.make_response(error_response(429, str(exc)))
        resp.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return resp

    @app.errorhandler(IndexUnavailable)
    def no_index(exc: IndexUnavailable):
        return error_response(503, str(exc))

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        code = exc.code or 500
        if code == 404:
            custom = exc.description and exc.description != NotFound.description
            message = exc.description if custom else "There is no page at this address."
        else:
            message = exc.description or TITLES.get(code, "Error")
        return error_response(code, message, title=TITLES.get(code, exc.name))

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        log.exception("unhandled error on %s %s", request.method, request.full_path)
        return error_response(500, "The server could not answer this request. "
                                   "The error has been logged; please try again later.")
