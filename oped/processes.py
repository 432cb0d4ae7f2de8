"""Worker processes that never outlive the build that started them.

A build killed with SIGKILL cannot stop its pool's workers; forked workers would then wait forever
on a queue (their siblings hold its other end) and keep the build lock (files.one_at_a_time) they
inherited, so every later build would wait for them. Each worker asks Linux to kill it when its
parent dies (prctl PR_SET_PDEATHSIG), and quits at once if its parent is already gone.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
from concurrent.futures import ProcessPoolExecutor

_PR_SET_PDEATHSIG = 1


def _die_with(parent: int) -> None:
    # Without prctl (not Linux) a worker may outlive a killed build.
    with contextlib.suppress(OSError, AttributeError):
        if sys.platform.startswith("linux"):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the line above
        os._exit(1)


def pool(workers: int | None = None) -> ProcessPoolExecutor:
    """A process pool whose workers die with the process that made it."""
    return ProcessPoolExecutor(max_workers=workers, initializer=_die_with, initargs=(os.getpid(),))
