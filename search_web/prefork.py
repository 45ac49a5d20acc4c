"""Several server processes on one listening socket: `statement-search-web --workers N`.

The parent binds the socket, opens the index and answers one search (search_web/cli.py),
then forks N workers, which serve the shared socket with waitress's threads; the kernel
hands each new connection to whichever worker accepts it first. What the parent loaded
before forking (statement records, the per-passage arrays, the spelling and party
lookups) reaches every worker as pages shared copy-on-write: the parent's objects are
frozen out of the garbage collector's reach first (`gc.freeze`), so that a collection in
a worker does not write to, and so copy, every page holding them. A worker's own pages are
only those it writes: its caches and the requests it answers. The generation is read-only
and its files are read with pread, never mapped (see indexer/store/segment_files.py), so
the workers share its pages through the operating system's page cache too, instead of
holding N private copies. Each worker follows `current` to a new generation by itself,
without a restart (the query layer checks on every call); the generation it opens then is
its own.

The parent only watches: it starts a worker again when one dies (from the same loaded
pages; the new worker moves on to a newer `current` by itself) and on SIGTERM or Ctrl+C
stops them all. A worker dies with its parent (Linux: PR_SET_PDEATHSIG; elsewhere a
parent gone before the worker started is caught by a pid check). The parent keeps the
generation it opened at start mapped while it runs.
"""

from __future__ import annotations

import ctypes
import gc
import logging
import os
import signal
import socket
import sys
import time
import traceback

log = logging.getLogger(__name__)

PR_SET_PDEATHSIG = 1  # prctl option: the signal a process gets when its parent dies
BACKLOG = 1024
RESTART_PAUSE = 1.0  # seconds between restarts of a worker that died at once


def can_fork() -> bool:
    return hasattr(os, "fork")


def listen(host: str, port: int) -> socket.socket:
    """A listening TCP socket on host:port (IPv4 or IPv6, as the host reads)."""
    family, kind, proto, _, addr = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM,
                                                      flags=socket.AI_PASSIVE)[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(addr)
    sock.listen(BACKLOG)
    return sock


def _follow_parent(parent: int) -> None:
    """End this worker when the parent ends, whatever killed the parent."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:
        os._exit(1)


def run_workers(sock: socket.socket, workers: int, serve_one) -> None:
    """Fork `workers` processes, each calling `serve_one(sock)`, and watch them until
    SIGTERM or SIGINT; a worker that dies is started again. Everything the caller loaded
    before is shared with the workers (see the module's docstring)."""
    parent = os.getpid()
    children: dict[int, float] = {}
    stopping = False

    def spawn() -> None:
        pid = os.fork()
        if pid == 0:
            code = 0
            try:
                signal.signal(signal.SIGTERM, signal.SIG_DFL)
                signal.signal(signal.SIGINT, signal.SIG_DFL)
                _follow_parent(parent)
                serve_one(sock)
            except BaseException:  # noqa: BLE001 - a worker reports and ends; the parent restarts it
                traceback.print_exc()
                code = 1
            finally:
                os._exit(code)
        children[pid] = time.monotonic()

    def stop(signum, frame) -> None:
        nonlocal stopping
        stopping = True
        for pid in list(children):
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    gc.collect()
    gc.freeze()  # what the parent loaded stays in shared pages: no worker's collection touches it
    for _ in range(workers):
        spawn()
    while children:
        try:
            pid, status = os.wait()
        except ChildProcessError:
            break
        started = children.pop(pid, None)
        if started is None or stopping:
            continue
        log.warning("worker %d ended (status %d); starting another", pid, status)
        if time.monotonic() - started < RESTART_PAUSE:
            time.sleep(RESTART_PAUSE)
        if not stopping:
            spawn()
    sock.close()
