"""Command line of the indexer: a thin click layer over `build`, `update`, `stats` and `store`.

    python -m indexer build  --source seeds --index index
    python -m indexer update --source seeds --index index
    python -m indexer stats  --index index [--json]
    python -m indexer show 000_f6e28804950bea45 --json
    python -m indexer review --index index --missing date,year --csv seeds/metadata.csv
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from indexer.store import generations as store
from indexer.write.budget import DEFAULT_FILE_SECONDS
from indexer.write.build import build_index
from indexer.write.report import BuildFailed, BuildReport
from indexer.stats import index_stats
from indexer.write.update import update_index

INDEX_OPTION = click.option(
    "--index", "index_dir", type=click.Path(file_okay=False, path_type=Path),
    default=lambda: str(store.default_index_dir()), show_default="./index or $STATEMENT_SEARCH_INDEX",
    help="Index directory.",
)


def _source_option(required: bool = True):
    return click.option(
        "--source", "source", required=required,
        type=click.Path(exists=True, file_okay=False, path_type=Path),
        help="Folder of statements (.txt, .html, .htm, .md; metadata.jsonl/.csv sidecars).",
    )


WAIT_OPTION = click.option("--wait", type=float, default=0.0, show_default=True,
                           help="Seconds to wait for a running build of the same index to finish.")
PROGRESS_OPTION = click.option("--progress/--no-progress", default=None,
                               help="Progress bar (default: only on a terminal).")
FILE_SECONDS_OPTION = click.option(
    "--file-seconds", type=click.FloatRange(min=0), default=DEFAULT_FILE_SECONDS, show_default=True,
    help="Time budget for reading and analysing one file; a file that takes longer is skipped and reported "
         "(0: no limit).")
REPORT_JSON_OPTION = click.option("--json", "as_json", is_flag=True,
                                  help="Print the summary as JSON (documents, passages, skipped files, …).")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Build, update and inspect the statement-search index."""


def _print_report(report: BuildReport, verb: str) -> None:
    out = click.echo
    out(f"{verb}: {report.documents} documents, {report.passages} passages, "
        f"{report.parties} signatory parties in {report.seconds:.1f} s"
        + (f" ({report.bytes / 1e6 / max(report.seconds, 1e-9):.2f} MB/s)" if report.bytes else ""))
    if verb == "updated":
        out(f"  added {report.added}, changed {report.changed}, removed {report.removed}, "
            f"unchanged {report.unchanged}")
    if report.unknown_parties:
        names = ", ".join(f"{n} ({c})" for n, c in list(report.unknown_parties.items())[:10])
        more = len(report.unknown_parties) - 10
        out(f"  unknown parties: {len(report.unknown_parties)}: {names}" + (f" … and {more} more" if more > 0 else ""))
    if report.duplicates:
        _print_duplicates(report.duplicates, "  ")
    if report.skipped:
        out(f"  skipped {len(report.skipped)} files:")
        for f, reason in report.skipped[:50]:
            out(f"    {f}: {reason}")
        if len(report.skipped) > 50:
            out(f"    … and {len(report.skipped) - 50} more")


FAILED = {"built": "build failed", "updated": "update failed"}


def _print_duplicates(groups: list[list[str]], indent: str) -> None:
    click.echo(f"{indent}duplicates: {len(groups)} groups of files with the same content:")
    for ids in groups[:20]:
        click.echo(f"{indent}  " + " = ".join(ids))
    if len(groups) > 20:
        click.echo(f"{indent}  … and {len(groups) - 20} more")


def _run(fn, verb: str, strict: bool, as_json: bool = False, **kwargs) -> None:
    failed = FAILED[verb]
    try:
        report = fn(**kwargs)
    except store.BuildRunning as exc:
        raise click.ClickException(str(exc)) from None
    except BuildFailed as exc:
        raise click.ClickException(f"{failed}, the previous index is unchanged: {exc}") from None
    except OSError as exc:  # an index folder that cannot be written, a full disk
        where = f" ({exc.filename})" if exc.filename else ""
        raise click.ClickException(
            f"{failed}, the previous index is unchanged: "
            f"{exc.strerror or exc}{where}") from None
    if as_json:
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        _print_report(report, verb)
    if strict and report.skipped:
        click.echo(f"error: {len(report.skipped)} files could not be indexed (--strict)", err=True)
        sys.exit(1)


@main.command(short_help="Rebuild the whole index from a folder of statements.")
@_source_option()
@INDEX_OPTION
@click.option("--procs", type=int, default=None, help="Worker processes (default: all cores).")
@click.option("--strict", is_flag=True, help="Exit non-zero if any file could not be read.")
@FILE_SECONDS_OPTION
@WAIT_OPTION
@PROGRESS_OPTION
@REPORT_JSON_OPTION
def build(source: Path, index_dir: Path, procs: int | None, strict: bool, file_seconds: float,
          wait: float, progress: bool | None, as_json: bool) -> None:
    """Rebuild the whole index from SOURCE, swapping it in atomically when complete.

    A failed or interrupted build leaves the previous index serving.
    """
    _run(build_index, "built", strict, as_json, source=source, index_dir=index_dir, procs=procs,
         progress=progress, wait=wait, file_seconds=file_seconds or None)


@main.command(short_help="Bring the index up to date with the folder's changes.")
@_source_option()
@INDEX_OPTION
@click.option("--strict", is_flag=True, help="Exit non-zero if any file could not be read.")
@FILE_SECONDS_OPTION
@WAIT_OPTION
@PROGRESS_OPTION
@REPORT_JSON_OPTION
def update(source: Path, index_dir: Path, strict: bool, file_seconds: float, wait: float, progress: bool | None,
           as_json: bool) -> None:
    """Add new, re-index changed (by content hash) and remove deleted or unreadable files.

    Publishes no new generation when nothing changed.
    """
    _run(update_index, "updated", strict, as_json, source=source, index_dir=index_dir,
         progress=progress, wait=wait, file_seconds=file_seconds or None)


def _open(index_dir: Path):
    from indexer.store.reader import Snapshot

    try:
        return Snapshot.open(index_dir)
    except store.IndexMissing as exc:
        raise click.ClickException(str(exc)) from None


@main.command(short_help="What the index holds: documents, passages, parties, years.")
@INDEX_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print the statistics as JSON.")
def stats(index_dir: Path, as_json: bool) -> None:
    """Documents, passages, parties (known and unknown), years, topics and skipped files."""
    try:
        data = index_stats(index_dir).to_dict()
    except store.IndexMissing as exc:
        raise click.ClickException(str(exc)) from None
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo(f"index:      {data['index']}")
    click.echo(f"built:      {data['built_at']} from {data['source']}")
    click.echo(f"documents:  {data['documents']} ({data['with_date']} dated, {data['with_year']} with a year, "
               f"{data['with_signatories']} with signatories)")
    click.echo(f"passages:   {data['passages']}")
    click.echo(f"parties:    {data['parties']} ({data['known_parties']} in the registry)")
    if data["unknown_parties"]:
        click.echo(f"unknown parties ({len(data['unknown_parties'])}):")
        for name, c in data["unknown_parties"].items():
            click.echo(f"  {name}: {c}")
    if data["years"]:
        click.echo(f"years:      {min(data['years'])}-{max(data['years'])}")
    if data["topics"]:
        click.echo("topics:     " + ", ".join(f"{k} ({v})" for k, v in data["topics"].items()))
    for name, where in data.get("provenance", {}).items():
        click.echo(f"{name + ':':<11} " + ", ".join(f"{k} {v}" for k, v in where.items()))
    if data["duplicates"]:
        _print_duplicates(data["duplicates"], "")
    if data["skipped"]:
        click.echo(f"skipped ({len(data['skipped'])}):")
        for s in data["skipped"]:
            click.echo(f"  {s['file']}: {s['reason']}")


@main.command(short_help="Statements whose date, year, title or signatories are missing or inferred.")
@INDEX_OPTION
@click.option("--missing", "fields", default="date,year,title,signatories", show_default=True,
              help="Fields to review, comma-separated: date, year, title, signatories.")
@click.option("--csv", "csv_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write them as a metadata.csv sidecar template (never overwrites a file).")
@click.option("--json", "as_json", is_flag=True, help="Print the statements as JSON.")
def review(index_dir: Path, fields: str, csv_path: Path | None, as_json: bool) -> None:
    """Statements whose date, year, title or signatories are missing or inferred. With --csv,
    a metadata.csv to correct and drop beside the sources: it wins at the next update."""
    from indexer.review import parse_fields, review_rows, write_template

    try:
        names = parse_fields(fields)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--missing") from None
    try:
        rows = review_rows(index_dir, names)
    except store.IndexMissing as exc:
        raise click.ClickException(str(exc)) from None
    if csv_path is not None:
        try:
            write_template(rows, csv_path)
        except OSError as exc:
            raise click.ClickException(str(exc)) from None
    if as_json:
        click.echo(json.dumps([r.to_dict() for r in rows], ensure_ascii=False, indent=2))
        return
    for r in rows:
        what = ([f"missing {', '.join(r.missing)}"] if r.missing else []) + (
            [f"inferred {', '.join(r.inferred)}"] if r.inferred else [])
        click.echo(f"{r.doc_id}: {'; '.join(what)} · {r.title} · {r.date or r.year or 'undated'}")
    click.echo(f"{len(rows)} statement{'' if len(rows) == 1 else 's'} to review" + (f"; template written to {csv_path}" if csv_path else ""))


@main.command(short_help="Print one statement: its fields and passages.")
@click.argument("doc_id")
@INDEX_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print the document as JSON.")
def show(doc_id: str, index_dir: Path, as_json: bool) -> None:
    """Show one document (its id is its path under the source folder, without extension)."""
    snap = _open(index_dir)
    doc = snap.document(doc_id)
    if doc is None:
        raise click.ClickException(f"no document {doc_id!r} in {index_dir}")
    if as_json:
        click.echo(json.dumps(doc, ensure_ascii=False, indent=2))
        return
    click.echo(doc["title"])
    click.echo(f"{doc['date'] or doc['year'] or 'undated'} · {doc['source_file']}" +
               (f" · {doc['source']}" if doc["source"] else ""))
    if doc["signatories"]:
        click.echo("Signatories: " + "; ".join(p["name"] for p in doc["signatories"]))
    if doc["topics"]:
        click.echo("Topics: " + ", ".join(snap.topic_label(t) for t in doc["topics"]))
    click.echo("")
    for p in doc["passages"]:
        label = f"[{p['kind']}{' ' + p['point'] if p['point'] else ''}] "
        click.echo(label + p["text"])
        click.echo("")


@main.command(short_help="Score the search on known-item queries (MRR, nDCG).")
@click.option("--qrels", "qrels", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Known-item queries, one JSON object a line (see benchmarks/relevance/).")
@INDEX_OPTION
@click.option("--view", type=click.Choice(["passages", "statements"]), default="passages", show_default=True,
              help="Rank passages or statements, as the search page's view.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def evaluate(qrels: Path, index_dir: Path, view: str, as_json: bool) -> None:
    """Score the search on known-item queries beside a plain BM25 baseline (MRR@10, nDCG@10, …)."""
    from indexer.relevance.qrels import QrelsError, load_qrels
    from indexer.relevance.run import evaluate_qrels
    from indexer.relevance.table import format_report

    try:
        queries = load_qrels(qrels)
    except QrelsError as exc:
        raise click.ClickException(str(exc)) from None
    try:
        report = evaluate_qrels(index_dir, queries, view)
    except store.IndexMissing as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2) if as_json else format_report(report))
