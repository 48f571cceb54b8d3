"""Background jobs and their progress dialog: progress, cancel, failure."""

from __future__ import annotations

import threading

from pytestqt.qtbot import QtBot

from desktop.job_dialog import JobDialog
from desktop.workers import CancelledFn, Job, JobCancelled, ProgressFn


def _until_cancelled(started: threading.Event) -> object:
    def run(progress: ProgressFn, cancelled: CancelledFn) -> int:
        done = 0
        while True:
            progress(done, 1000)
            started.set()
            if cancelled():
                raise JobCancelled()
            done = min(done + 1, 999)
            threading.Event().wait(0.002)

    return run


def test_job_dialog__cancel_pressed__worker_stops_and_dialog_says_cancelled(qtbot: QtBot) -> None:
    started = threading.Event()
    job = Job(_until_cancelled(started))  # type: ignore[arg-type]
    dialog = JobDialog("work", job, str)
    qtbot.addWidget(dialog)
    dialog.show()
    job.start()
    qtbot.waitUntil(lambda: started.is_set() and dialog.bar.maximum() == 1000)

    dialog.button.click()

    qtbot.waitUntil(lambda: dialog.state == "cancelled", timeout=5000)
    assert dialog.button.text() == "Close"
    assert dialog.summary.toPlainText() == "Cancelled; nothing more was done."


def test_job_dialog__function_raises__failure_text_shown(qtbot: QtBot) -> None:
    def run(progress: ProgressFn, cancelled: CancelledFn) -> None:
        raise ValueError("laptop2.db is not a Kelisim database")

    job = Job(run)
    dialog = JobDialog("merge", job, str)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(job.signals.finished, timeout=5000):
        job.start()

    qtbot.waitUntil(lambda: dialog.state == "failed")
    assert "not a Kelisim database" in dialog.summary.toPlainText()
