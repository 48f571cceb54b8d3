"""Long jobs (form import, export, merge) off the GUI thread, with progress and cancel.

A :class:`Job` wraps a plain function ``fn(progress, cancelled) -> result``: ``progress(done,
total)`` reports, ``cancelled()`` tells the function to stop early. The function runs in
Qt's global thread pool; its result or error comes back on the GUI thread through signals.
The function must open its own store connection (SQLite connections stay in their thread).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

ProgressFn = Callable[[int, int], None]
CancelledFn = Callable[[], bool]
JobFn = Callable[[ProgressFn, CancelledFn], Any]


class JobCancelled(Exception):
    """Raised inside a job function to stop it when the user cancelled."""


class JobSignals(QObject):
    """Signals of a :class:`Job`, delivered on the thread that owns this object."""

    progress = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    finished = Signal()


class Job(QRunnable):
    """One function run in the thread pool."""

    def __init__(self, fn: JobFn) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self._fn = fn
        self._cancel = threading.Event()
        self.signals = JobSignals()

    def cancel(self) -> None:
        """Ask the function to stop at its next check."""
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        try:
            result = self._fn(self.signals.progress.emit, self._cancel.is_set)
        except JobCancelled:
            self.signals.cancelled.emit()
        except Exception as error:  # reported to the user on the GUI thread
            self.signals.failed.emit(error)
        else:
            # A function that returns normally after a cancel request reports what it did.
            self.signals.succeeded.emit(result)
        self.signals.finished.emit()

    def start(self) -> Job:
        """Queue the job in the global thread pool and return it."""
        QThreadPool.globalInstance().start(self)
        return self


def wait_for_jobs(msecs: int = -1) -> bool:
    """Wait until every queued job has finished (at exit, and between tests)."""
    return QThreadPool.globalInstance().waitForDone(msecs)
