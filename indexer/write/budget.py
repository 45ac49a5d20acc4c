"""A time budget for the work on one file, so that no input stalls a build.

`time_budget(seconds)` arms a timer (SIGALRM) around reading and analysing one file; when
it runs out, `FileTimedOut` is raised in the middle of that work (regular expressions and
the Python code of the readers and extractors are interrupted where they are), the file is
reported as skipped and the build goes on. It works in the main thread of a process (each
build worker is one); elsewhere the work runs without a budget.
"""

from __future__ import annotations

import signal
import threading
import time
from contextlib import contextmanager

DEFAULT_FILE_SECONDS = 60.0


class FileTimedOut(BaseException):
    """One file took longer than its budget (a BaseException, so that no `except
    Exception` in the readers or extractors swallows it)."""

    def __init__(self, seconds: float):
        super().__init__(f"took longer than {seconds:g} s to read and analyse")
        self.reason = str(self)


@contextmanager
def time_budget(seconds: float | None):
    """Raise FileTimedOut in the body if it runs longer than `seconds` (None: no limit).
    A timer already armed in the process (a test runner's, say) is put back afterwards."""
    if not seconds or seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):
        raise FileTimedOut(seconds)

    previous = signal.signal(signal.SIGALRM, expire)
    started = time.monotonic()
    outer, _ = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        try:
            signal.setitimer(signal.ITIMER_REAL, 0)
        finally:
            signal.signal(signal.SIGALRM, previous)
            if outer:
                signal.setitimer(signal.ITIMER_REAL, max(outer - (time.monotonic() - started), 1e-3))
