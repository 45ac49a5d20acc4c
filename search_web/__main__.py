"""Serve the search web app with waitress.

    python -m search_web --index DIR --host 127.0.0.1 --port 5000 [--threads 4]
"""

from __future__ import annotations

import argparse
import logging
import sys

from indexer.store import generations as store

from .app import create_app


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="python -m search_web", description="Serve the statement search web app.")
    ap.add_argument("--index", default=None,
                    help=f"index directory (default: ${store.INDEX_ENV} or ./{store.DEFAULT_INDEX_DIR})")
    ap.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    ap.add_argument("--port", type=int, default=5000, help="port to listen on (default 5000)")
    ap.add_argument("--threads", type=int, default=4, help="worker threads (default 4)")
    return ap.parse_args(argv)


def warm_up(app) -> None:
    """Open the index and answer one search before serving, so the first visitor does not
    wait for the index to load."""
    from indexer.query.results import SearchRequest

    from .index_holder import EXTENSION_KEY

    try:
        app.extensions[EXTENSION_KEY].get().search(SearchRequest())
    except Exception as exc:  # noqa: BLE001 - serving goes on; pages report the problem
        print(f"warning: the index could not be opened yet ({exc})", file=sys.stderr)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    from waitress import serve

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    app = create_app(args.index)
    index_dir = app.config["INDEX_DIR"]
    if store.current_generation(index_dir) is None:
        print(f"warning: no index at {index_dir} yet; pages answer 503 until one is built with "
              f"python -m indexer build --source DIR --index {index_dir}", file=sys.stderr)
    else:
        warm_up(app)
    host = f"[{args.host}]" if ":" in args.host else args.host
    print(f"Serving {index_dir} at http://{host}:{args.port}/  (Ctrl+C to stop)", flush=True)
    serve(app, host=args.host, port=args.port, threads=args.threads, ident="statement-search")


if __name__ == "__main__":
    main()
