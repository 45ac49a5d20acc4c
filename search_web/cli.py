"""The web server's command line (click, like the indexer's): serve an index with waitress.

    statement-search-web --index DIR --host 127.0.0.1 --port 5000 [--workers 1] [--threads 4] [--exports 2]
    python -m search_web ...            (the same)
"""

from __future__ import annotations

import ctypes
import logging
import os
import sys
from pathlib import Path

import click

from indexer.store import generations as store

from . import prefork
from .app import DEFAULTS, create_app


def one_blas_thread():
    """Let numpy's BLAS use one thread in this process (and in the workers forked from it);
    returns the limiter (its `restore_original_limits()` undoes it).

    A server already answers one request per thread and runs one process per core; BLAS
    threads on top of that (OpenBLAS starts one per core for a matrix product, as in the
    relaxed matching's word weights) only wait for each other and for the other requests.
    On the shared 2-core machine a 3 x 176,000 product took 8-12 times the wall time and
    13 times the CPU with them."""
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=1, user_api="blas")


M_ARENA_MAX = -8  # glibc's mallopt parameter: how many malloc arenas a process may have
MALLOC_ARENAS = 1


def few_malloc_arenas(arenas: int = MALLOC_ARENAS) -> bool:
    """Let glibc's malloc keep at most `arenas` arenas in this process (and the workers
    forked from it); False where the C library has no such setting or the environment
    already chose one (MALLOC_ARENA_MAX).

    By default glibc gives every thread that allocates an arena of its own (up to 8 per
    core), and memory freed in an arena stays there: each of waitress's request threads
    keeps the high-water mark of the arrays its searches freed. With one arena the threads
    reuse each other's freed memory; Python's own lock already lets one thread allocate at
    a time. On UNGDC after bench_search's 200 queries in each view: about 50 MB less
    private memory, at the same CPU."""
    if "MALLOC_ARENA_MAX" in os.environ:
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    return bool(mallopt(M_ARENA_MAX, arenas))


def warm_up(app) -> None:
    """Open the index and answer one search before serving, so the first visitor does not
    wait for the index to load."""
    from indexer.query.results import SearchRequest

    from .index_holder import EXTENSION_KEY

    try:
        app.extensions[EXTENSION_KEY].get().search(SearchRequest())
    except Exception as exc:  # noqa: BLE001 - serving goes on; pages report the problem
        click.echo(f"warning: the index could not be opened yet ({exc})", err=True)


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--index", "index_dir", type=click.Path(file_okay=False, path_type=Path),
              default=lambda: str(store.default_index_dir()),
              show_default=f"./{store.DEFAULT_INDEX_DIR} or ${store.INDEX_ENV}", help="Index directory.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=5000, show_default=True, help="Port to listen on.")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Server processes sharing the port and the index's pages (one per core).")
@click.option("--threads", type=click.IntRange(1, 256), default=4, show_default=True,
              help="Worker threads answering requests.")
@click.option("--exports", type=click.IntRange(1, 256), default=DEFAULTS["EXPORT_SLOTS"], show_default=True,
              help="Exports streamed at once (more get 429); keep it below --threads so searches never wait.")
def main(index_dir: Path, host: str, port: int, workers: int, threads: int, exports: int) -> None:
    """Serve the statement search web app and its JSON API with waitress."""
    from waitress import serve

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    one_blas_thread()
    few_malloc_arenas()  # before any thread starts
    app = create_app(index_dir, {"EXPORT_SLOTS": exports})
    index_dir = app.config["INDEX_DIR"]
    has_index = store.current_generation(index_dir) is not None
    if not has_index:
        click.echo(f"warning: no index at {index_dir} yet; pages answer 503 until one is built with "
                   f"statement-index build --source DIR --index {index_dir}", err=True)
    shown = f"[{host}]" if ":" in host else host
    if workers > 1 and not prefork.can_fork():
        raise click.UsageError("--workers above 1 needs a system with fork(); use --workers 1")
    sock = prefork.listen(host, port) if workers > 1 else None
    if has_index:
        warm_up(app)  # before serving; with --workers, once in the parent, whose pages the workers share
    if sock is None:
        click.echo(f"Serving {index_dir} at http://{shown}:{port}/  (Ctrl+C to stop)")
        sys.stdout.flush()
        serve(app, host=host, port=port, threads=threads, ident="statement-search")
        return
    click.echo(f"Serving {index_dir} at http://{shown}:{sock.getsockname()[1]}/ with {workers} workers  "
               f"(Ctrl+C to stop)")
    sys.stdout.flush()

    def serve_one(sock) -> None:
        serve(app, sockets=[sock], threads=threads, ident="statement-search", _quiet=True)

    prefork.run_workers(sock, workers, serve_one)
