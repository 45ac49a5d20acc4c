"""HTTP caching of the JSON API (and the feeds): Cache-Control, and an ETag per index
generation so that clients and proxies can revalidate.

An answer depends only on its URL and on the generation being served (a published
generation never changes), so the ETag of every cacheable answer is the generation's name
with the application's version. A request whose If-None-Match holds it gets 304 without
searching. Errors are never stored (`no-store`).
"""

from __future__ import annotations

from importlib import metadata

from flask import Blueprint, current_app, request

from .index_holder import IndexUnavailable, current_index

try:
    VERSION = metadata.version("statement-search")
except metadata.PackageNotFoundError:  # running from a source tree that is not installed
    VERSION = "0"


def generation_etag() -> str | None:
    """W/"<generation>-<version>" for the generation being served; None without an index."""
    try:
        gen = current_index().info().get("generation")
    except IndexUnavailable:
        return None
    return f'W/"{gen}-{VERSION}"' if gen else None


def cache_control() -> str:
    return f"public, max-age={int(current_app.config['API_MAX_AGE'])}"


def not_modified():
    """Before a GET: 304 when the client already holds this generation's answer."""
    if request.method not in ("GET", "HEAD") or not request.if_none_match:
        return None
    etag = generation_etag()
    if etag is None or not request.if_none_match.contains_weak(etag.removeprefix("W/").strip('"')):
        return None
    resp = current_app.response_class(status=304)
    resp.headers["ETag"] = etag
    resp.headers["Cache-Control"] = cache_control()
    return resp


def add_cache_headers(response):
    """After a GET: ETag and Cache-Control on a 200, no-store on anything else."""
    if request.method not in ("GET", "HEAD") or response.status_code == 304:
        return response
    if response.status_code != 200:
        response.headers["Cache-Control"] = "no-store"
        return response
    etag = generation_etag()
    if etag:
        response.headers["ETag"] = etag
        response.headers["Cache-Control"] = cache_control()
    else:
        response.headers["Cache-Control"] = "no-store"
    return response


def cached(bp: Blueprint) -> Blueprint:
    """Make every answer of a blueprint cacheable and revalidatable as described above."""
    bp.before_request(not_modified)
    bp.after_request(add_cache_headers)
    return bp
