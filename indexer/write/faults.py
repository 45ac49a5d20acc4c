"""Fault points: named steps of build and update at which the process can be made to die.

Tests set `STATEMENT_SEARCH_FAULT=<step>` and run a build or an update; when it reaches
that step the process kills itself with SIGKILL (no clean-up, as with `kill -9` or a power
cut), and the test checks that the index still serves what it served before. The steps,
in order:

    build   locked, workers-started, worker-file (kills one worker), segments-written,
            toc-joined
    update  locked, segments-linked, index-committed
    both    vocabulary-writing (half of vocabulary.json written), documents-written,
            files-synced, marker-written (before the swap), swapped, pruned

`STATEMENT_SEARCH_FAULT=slow:<file>` instead makes reading that file (its path under the
source folder) hang, to test the per-file time budget.
"""

from __future__ import annotations

import os
import signal
import time

FAULT_ENV = "STATEMENT_SEARCH_FAULT"
SLOW_PREFIX = "slow:"

BUILD_STEPS = ("locked", "workers-started", "worker-file", "segments-written", "toc-joined")
UPDATE_STEPS = ("locked", "segments-linked", "index-committed")
PUBLISH_STEPS = ("vocabulary-writing", "documents-written", "files-synced", "marker-written", "swapped",
                 "pruned")


def point(step: str) -> None:
    """Die here (SIGKILL) if the environment names this step."""
    if os.environ.get(FAULT_ENV) == step:
        os.kill(os.getpid(), signal.SIGKILL)


def slow_file(rel: str) -> None:
    """Hang (until interrupted) if the environment names this file as slow."""
    if os.environ.get(FAULT_ENV) == SLOW_PREFIX + rel:
        while True:
            time.sleep(1.0)
