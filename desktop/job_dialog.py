"""A dialog that follows a background job: progress bar, Cancel, then a summary."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _, error_text
from desktop.workers import Job


class JobDialog(QDialog):
    """Shows ``job``'s progress; on success shows ``summarise(result)``."""

    def __init__(self, title: str, job: Job, summarise: Callable[[Any], str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.job = job
        self.summarise = summarise
        self.result: Any = None
        self.error: BaseException | None = None
        self.state = "running"
        self.label = QLabel(_("Working…"))
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.summary = QPlainTextEdit()
        self.summary.setObjectName("summary")
        self.summary.setReadOnly(True)
        self.summary.hide()
        self.button = QPushButton(_("Cancel"))
        self.button.clicked.connect(self._button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.summary, 1)
        layout.addWidget(self.button)
        job.signals.progress.connect(self._progress)
        job.signals.succeeded.connect(self._succeeded)
        job.signals.failed.connect(self._failed)
        job.signals.cancelled.connect(self._cancelled)
        self.setMinimumWidth(520)

    def _progress(self, done: int, total: int) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)
        self.label.setText(_("{done} of {total}", done=done, total=total))

    def _finish(self, state: str, text: str) -> None:
        self.state = state
        self.bar.setRange(0, 1)
        self.bar.setValue(1 if state == "done" else 0)
        self.summary.setPlainText(text)
        self.summary.show()
        self.button.setText(_("Close"))

    def _succeeded(self, result: Any) -> None:
        self.result = result
        self.label.setText(_("Done."))
        self._finish("done", self.summarise(result))

    def _failed(self, error: BaseException) -> None:
        self.error = error
        self.label.setText(_("Failed."))
        self._finish("failed", error_text(error))

    def _cancelled(self) -> None:
        self.label.setText(_("Cancelled."))
        self._finish("cancelled", _("Cancelled; nothing more was done."))

    def _button(self) -> None:
        if self.state == "running":
            self.job.cancel()
            self.button.setEnabled(False)
            self.label.setText(_("Cancelling…"))
        else:
            self.accept()

    def reject(self) -> None:
        """Escape or closing the window cancels a running job first."""
        if self.state == "running":
            self._button()
            return
        super().reject()
