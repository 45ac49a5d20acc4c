"""Export of a result list: /export.csv and /export.json, one row per matching statement.

Same parameters as the search page (page, per_page and view are ignored: every matching
statement is exported, in the chosen sort order, up to the app's EXPORT_LIMIT).
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date

from flask import Blueprint, Response, current_app, jsonify, request, url_for

from indexer.model import party_dict
from indexer.query.results import Result

from .index_holder import current_index
from .params import parse_search_args
from .service import iter_all_statements, topic_labels

bp = Blueprint("export", __name__)

CSV_COLUMNS = ("doc_id", "title", "date", "year", "parties", "party_ids", "topics", "topic_ids", "url")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_SLUG_JUNK = re.compile(r"[^a-z0-9]+")


def _filename(q: str, ext: str) -> str:
    """statements-<query slug>-<yyyymmdd>.<ext>, e.g. statements-trade-unions-20260124.csv."""
    slug = _SLUG_JUNK.sub("-", q.lower()).strip("-")[:40].strip("-")
    stamp = date.today().strftime("%Y%m%d")
    return f"statements-{slug}-{stamp}.{ext}" if slug else f"statements-{stamp}.{ext}"


def _row(res: Result, topics: dict[str, str]) -> dict:
    return {
        "doc_id": res.doc_id,
        "title": res.title,
        "date": res.date or "",
        "year": res.year if res.year is not None else "",
        "parties": [party_dict(p) for p in res.parties],
        "topics": [{"id": t, "label": topics.get(t, t)} for t in res.topics],
        "url": url_for("views.document", doc_id=res.doc_id, _external=True),
    }


def _cell(value) -> str:
    """A CSV cell; text that a spreadsheet would run as a formula gets a leading apostrophe."""
    s = "" if value is None else str(value)
    return "'" + s if s.startswith(_FORMULA_START) else s


def _collect():
    state = parse_search_args(request.args)
    index = current_index()
    limit = int(current_app.config["EXPORT_LIMIT"])
    first, results = iter_all_statements(index, state, limit)
    topics = topic_labels(index) if results else {}
    return state, first, [_row(r, topics) for r in results], limit


@bp.get("/export.csv")
def export_csv():
    """The matching statements as CSV with a header row (UTF-8, RFC 4180 quoting)."""
    state, first, rows, limit = _collect()
    buf = io.StringIO()
    writer = csv.writer(buf, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerow([
            _cell(row["doc_id"]),
            _cell(row["title"]),
            row["date"],
            row["year"],
            _cell("; ".join(p["name"] for p in row["parties"])),
            _cell(" ".join(p["id"] for p in row["parties"])),
            _cell("; ".join(t["label"] for t in row["topics"])),
            _cell(" ".join(t["id"] for t in row["topics"])),
            row["url"],
        ])
    resp = Response(buf.getvalue(), mimetype="text/csv")
    resp.headers["Content-Type"] = "text/csv; charset=utf-8"
    resp.headers["Content-Disposition"] = f'attachment; filename="{_filename(state.q, "csv")}"'
    resp.headers["X-Total-Count"] = str(first.total)
    return resp


@bp.get("/export.json")
def export_json():
    """The matching statements as JSON: {query, filters, sort, total, exported, truncated, statements}."""
    state, first, rows, limit = _collect()
    resp = jsonify({
        "query": state.q,
        "filters": {"party": state.parties, "year": state.years, "topic": state.topics},
        "sort": state.effective_sort,
        "total": first.total,
        "exported": len(rows),
        "truncated": first.total > len(rows),
        "limit": limit,
        "statements": rows,
    })
    resp.headers["Content-Disposition"] = f'attachment; filename="{_filename(state.q, "json")}"'
    return resp
