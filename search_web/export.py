"""Export of a result list: /export.csv and /export.json, streamed.

Same parameters as the search page; page and per_page are ignored. `view` chooses the rows:

* `statements` (the default): one row per matching statement, in the chosen sort order,
  up to the app's EXPORT_LIMIT;
* `passages`: one row per matching passage (keyword in context: the statement, the
  passage's text, its kind and point, its score and the address of the passage on the
  statement page), up to EXPORT_PASSAGE_LIMIT.

Every row carries the statement's sidecar fields (one column each in the CSV) and a `url`
that opens the statement with the query's words marked. Rows are written as the query layer
pages through the results, never built whole, and at most EXPORT_SLOTS exports run at once:
another gets 429 with Retry-After, so that searches never wait behind exports.
"""

from __future__ import annotations

import csv
import io
import json
import re
import threading
import time
from datetime import date

from flask import Blueprint, Response, current_app, request

from indexer.model import party_dict
from indexer.query.results import Result

from .index_holder import current_index
from .params import SearchState, parse_search_args
from .present import passage_anchor
from .service import iter_results, topic_labels

bp = Blueprint("export", __name__)

BASE_COLUMNS = ("doc_id", "title", "date", "year", "source", "parties", "party_ids", "topics", "topic_ids",
                "score")
PASSAGE_COLUMNS = ("passage_kind", "passage_point", "passage_text", "passage_url")
FLUSH_ROWS = 50  # rows written per chunk sent
RETRY_AFTER_SECONDS = 10
SLOTS_KEY = "statement_search_export_slots"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_SLUG_JUNK = re.compile(r"[^a-z0-9]+")


class Busy(Exception):
    """Every export slot is taken; the client should retry later (429)."""


class ExportSlots:
    """At most `n` exports at once; `take()` never waits (it raises Busy)."""

    def __init__(self, n: int):
        self.n = n
        self._sem = threading.BoundedSemaphore(n)

    def take(self) -> "Slot":
        if not self._sem.acquire(blocking=False):
            raise Busy(f"{self.n} exports are running; try again in {RETRY_AFTER_SECONDS} seconds.")
        return Slot(self._sem)


class Slot:
    """One taken export slot; `release()` may be called more than once."""

    def __init__(self, sem: threading.BoundedSemaphore):
        self._sem: threading.BoundedSemaphore | None = sem
        self._lock = threading.Lock()

    def release(self) -> None:
        with self._lock:
            sem, self._sem = self._sem, None
        if sem is not None:
            sem.release()


def export_slots(app) -> ExportSlots:
    slots = app.extensions.get(SLOTS_KEY)
    if slots is None:
        slots = app.extensions[SLOTS_KEY] = ExportSlots(int(app.config["EXPORT_SLOTS"]))
    return slots


class _Stream:
    """The body of an export: chunks from a generator; closing it (the server does when the
    response ends or the client goes away) frees the export slot.

    An export computes at most `duty` of the time (EXPORT_DUTY): after each chunk it pauses
    in proportion to the time the chunk took, so the searches running beside it get the
    processor and the interpreter lock most of the time."""

    def __init__(self, chunks, slot: Slot, duty: float = 1.0):
        self._chunks = chunks
        self._slot = slot
        self._rest = max(0.0, 1.0 / duty - 1.0) if duty > 0 else 0.0

    def __iter__(self):
        try:
            started = time.perf_counter()
            for chunk in self._chunks:
                spent = time.perf_counter() - started
                yield chunk
                if self._rest:
                    time.sleep(min(spent * self._rest, 1.0))
                started = time.perf_counter()
        finally:
            self._slot.release()

    def close(self) -> None:
        close = getattr(self._chunks, "close", None)
        if close is not None:
            close()
        self._slot.release()


# -- rows --------------------------------------------------------------------------


def _filename(q: str, ext: str, view: str) -> str:
    """statements-<query slug>-<yyyymmdd>.<ext> (passages-… for passage rows)."""
    slug = _SLUG_JUNK.sub("-", q.lower()).strip("-")[:40].strip("-")
    stamp = date.today().strftime("%Y%m%d")
    what = "passages" if view == "passages" else "statements"
    return f"{what}-{slug}-{stamp}.{ext}" if slug else f"{what}-{stamp}.{ext}"


def _cell(value) -> str:
    """A CSV cell; text that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, (list, tuple)):
        value = "; ".join(str(v) for v in value)
    elif isinstance(value, dict):
        value = json.dumps(value, ensure_ascii=False)
    s = "" if value is None else str(value)
    return "'" + s if s.startswith(_FORMULA_START) else s


def extra_columns(fields: list[str]) -> dict[str, str]:
    """{sidecar field: CSV column}; a field named like a built-in column gets "sidecar_"."""
    taken = {*BASE_COLUMNS, *PASSAGE_COLUMNS, "url"}
    return {f: f"sidecar_{f}" if f in taken else f for f in fields}


class RowWriter:
    """Turns results into the export's rows (dicts), with absolute URLs that keep the query.

    Made during the request; it builds URLs without it, so rows can be written as the
    response streams (in whatever context the server iterates it)."""

    def __init__(self, state: SearchState, topics: dict[str, str]):
        self.q = state.q
        self.topics = topics
        self.passages = state.view == "passages"
        self._urls = current_app.create_url_adapter(request)

    def doc_url(self, doc_id: str, anchor: str = "") -> str:
        values = {"doc_id": doc_id, **({"q": self.q} if self.q else {})}
        url = self._urls.build("views.document", values, force_external=True)
        return url + (f"#{anchor}" if anchor else "")

    def row(self, res: Result) -> dict:
        out = {
            "doc_id": res.doc_id,
            "title": res.title,
            "date": res.date or "",
            "year": res.year if res.year is not None else "",
            "source": res.source,
            "parties": [party_dict(p) for p in res.parties],
            "topics": [{"id": t, "label": self.topics.get(t, t)} for t in res.topics],
            "score": res.score,
            "fields": res.extra,
        }
        if self.passages and res.passages:
            p = res.passages[0]
            out.update(passage_kind=p.kind, passage_point=p.point or "", passage_text=p.text,
                       passage_url=self.doc_url(res.doc_id, passage_anchor(p.point, p.position)))
        out["url"] = self.doc_url(res.doc_id)
        return out


def _csv_cells(row: dict, extra: dict[str, str], passages: bool) -> list:
    cells = [
        _cell(row["doc_id"]), _cell(row["title"]), row["date"], row["year"], _cell(row["source"]),
        _cell("; ".join(p["name"] for p in row["parties"])),
        _cell(" ".join(p["id"] for p in row["parties"])),
        _cell("; ".join(t["label"] for t in row["topics"])),
        _cell(" ".join(t["id"] for t in row["topics"])),
        row["score"],
    ]
    cells += [_cell(row["fields"].get(f)) for f in extra]
    if passages:
        cells += [row.get("passage_kind", ""), _cell(row.get("passage_point", "")),
                  _cell(row.get("passage_text", "")), row.get("passage_url", "")]
    cells.append(row["url"])
    return cells


# -- the two formats ---------------------------------------------------------------


def _begin():
    """Take a slot, read the parameters, run the first page: (state, first response, results,
    limit, row writer, sidecar field names, slot). A failure before streaming starts frees
    the slot and answers as any error does (400, 503)."""
    slot = export_slots(current_app).take()
    try:
        state = parse_search_args(request.args)
        index = current_index()
        passages = state.view == "passages"
        limit = int(current_app.config["EXPORT_PASSAGE_LIMIT" if passages else "EXPORT_LIMIT"])
        first, results = iter_results(index, state, limit)
        writer = RowWriter(state, topic_labels(index))
        fields = index.sidecar_fields()
        return state, first, results, limit, writer, fields, slot
    except BaseException:
        slot.release()
        raise


def _response(chunks, slot: Slot, mimetype: str, state: SearchState, ext: str, total: int) -> Response:
    resp = Response(_Stream(chunks, slot, float(current_app.config["EXPORT_DUTY"])), mimetype=mimetype)
    resp.headers["Content-Disposition"] = f'attachment; filename="{_filename(state.q, ext, state.view)}"'
    resp.headers["X-Total-Count"] = str(total)
    resp.headers["Cache-Control"] = "no-store"
    return resp


@bp.get("/export.csv")
def export_csv():
    """The matching statements (or passages) as CSV with a header row (UTF-8, RFC 4180)."""
    state, first, results, limit, writer, fields, slot = _begin()
    extra = extra_columns(fields)
    passages = writer.passages
    header = [*BASE_COLUMNS, *extra.values(), *(PASSAGE_COLUMNS if passages else ()), "url"]

    def chunks():
        buf = io.StringIO()
        out = csv.writer(buf, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
        out.writerow(header)
        for n, res in enumerate(results, 1):
            out.writerow(_csv_cells(writer.row(res), extra, passages))
            if n % FLUSH_ROWS == 0:
                yield buf.getvalue()
                buf.seek(0)
                buf.truncate()
        yield buf.getvalue()

    resp = _response(chunks(), slot, "text/csv", state, "csv", first.total)
    resp.headers["Content-Type"] = "text/csv; charset=utf-8"
    return resp


@bp.get("/export.json")
def export_json():
    """The matching statements (or passages) as JSON: {query, filters, sort, view, total,
    exported, truncated, limit, fields, statements | passages}."""
    state, first, results, limit, writer, fields, slot = _begin()
    key = "passages" if writer.passages else "statements"
    exported = min(first.total, limit)
    head = {
        "query": state.q,
        "filters": {"party": state.parties, "year": state.years, "topic": state.topics, "filter": state.filters},
        "sort": state.effective_sort,
        "view": state.view,
        "total": first.total,
        "exported": exported,
        "truncated": first.total > exported,
        "limit": limit,
        "fields": fields,
    }

    def dumps(obj) -> str:
        return json.dumps(obj, ensure_ascii=False)

    def chunks():
        yield dumps(head)[:-1] + f', "{key}": ['
        parts: list[str] = []
        for n, res in enumerate(results):
            parts.append(("," if n else "") + dumps(writer.row(res)))
            if len(parts) >= FLUSH_ROWS:
                yield "".join(parts)
                parts = []
        parts.append("]}")
        yield "".join(parts)

    return _response(chunks(), slot, "application/json", state, "json", first.total)

