"""Dialogs for the central server: Sync this laptop (with progress), Connect to a server.

Both take a server address (``postgresql://login@host:port/database?sslmode=…``) and,
when the server asks for one, a password; "Remember the password" keeps it in the system
keyring once it worked. The work runs in a worker (:class:`desktop.workers.Job`): the password
check, the sync itself (:func:`survey.sync.sync`, cancellable between batches) and opening a
read-only connection to the server.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _, error_text, language
from desktop.workers import CancelledFn, Job, JobCancelled, JobFn, ProgressFn
from survey.messages import render_all
from survey.store.postgres.connection import Address, use_for_session
from survey.sync.credentials import resolve_password


def unlock_job(url: str, typed: str, remember: bool) -> Any:
    """Check the address and password in a worker; the result is the address."""

    def unlock() -> Address:
        address = Address.parse(url)
        password = resolve_password(address, (lambda _a: typed) if typed else None,
                                    remember=remember)
        use_for_session(address, password)
        return address

    return unlock


def sync_job(laptop: Path, url: str, typed: str, remember: bool) -> JobFn:
    """Sync ``laptop`` with the server at ``url``; the result is the SyncSummary."""

    def run(progress: ProgressFn, cancelled: CancelledFn) -> Any:
        from survey.sync import sync

        address = unlock_job(url, typed, remember)()

        def stop() -> bool:
            if cancelled():
                raise JobCancelled()
            return False

        return sync(laptop, address, None, progress=progress, cancel=stop)

    return run


def connect_job(url: str, typed: str, remember: bool) -> JobFn:
    """Open a read-only view of the server at ``url``; the result is the ServerReader."""

    def run(progress: ProgressFn, cancelled: CancelledFn) -> Any:
        from survey.store.postgres.reader import ServerReader

        return ServerReader.open(unlock_job(url, typed, remember)())

    return run


class _ServerDialog(QDialog):
    """Address, password, remember; a button that starts the job; progress and result."""

    def __init__(self, title: str, action: str, url: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.job: Job | None = None
        self.state = "idle"
        self.url = QLineEdit(url)
        self.url.setObjectName("server_url")
        self.url.setPlaceholderText("postgresql://login@server:5432/kelisim?sslmode=require")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(_("only if the server asks for it"))
        self.remember = QCheckBox(_("Remember the password (system keyring)"))
        fields = QFormLayout()
        fields.addRow(_("Server:"), self.url)
        fields.addRow(_("Password:"), self.password)
        fields.addRow("", self.remember)
        self.bar = QProgressBar()
        self.bar.setRange(0, 1)
        self.label = QLabel()
        self.summary = QPlainTextEdit()
        self.summary.setObjectName("summary")
        self.summary.setReadOnly(True)
        self.go = QPushButton(action)
        self.go.setObjectName("go")
        self.go.setDefault(True)
        self.go.clicked.connect(self.start)
        self.close_button = QPushButton(_("Close"))
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.go)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(fields)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.summary, 1)
        layout.addLayout(buttons)
        self.setMinimumWidth(560)

    def _job(self) -> JobFn:
        raise NotImplementedError

    def start(self) -> Job:
        """Run the job for the address and password typed."""
        self.state = "running"
        self.go.setEnabled(False)
        self.close_button.setText(_("Cancel"))
        self.bar.setRange(0, 0)
        self.label.setText(_("Working…"))
        self.summary.clear()
        job = Job(self._job())
        job.signals.progress.connect(self._progress)
        job.signals.succeeded.connect(self._succeeded)
        job.signals.failed.connect(self._failed)
        job.signals.cancelled.connect(self._cancelled)
        self.job = job
        return job.start()

    def _progress(self, done: int, total: int) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)
        self.label.setText(_("{done} of {total}", done=done, total=total))

    def _end(self, state: str, text: str) -> None:
        self.state = state
        self.bar.setRange(0, 1)
        self.bar.setValue(1 if state == "done" else 0)
        self.summary.setPlainText(text)
        self.go.setEnabled(True)
        self.close_button.setText(_("Close"))

    def _succeeded(self, result: Any) -> None:
        self.label.setText(_("Done."))
        self._end("done", self._describe(result))

    def _describe(self, result: Any) -> str:
        return ""

    def _failed(self, error: BaseException) -> None:
        self.label.setText(_("Failed."))
        self._end("failed", error_text(error))

    def _cancelled(self) -> None:
        self.label.setText(_("Cancelled."))
        self._end("cancelled", _("Stopped. What was sent is kept; sync again to send the rest."))

    def reject(self) -> None:
        """Close, or while running, cancel first (between two batches)."""
        if self.state == "running" and self.job is not None:
            self.job.cancel()
            self.label.setText(_("Cancelling…"))
            return
        super().reject()


class SyncDialog(_ServerDialog):
    """Sync this laptop's database with a server; emits ``synced(summary)``."""

    synced = Signal(object)

    def __init__(self, laptop: Path, url: str, parent: QWidget | None = None) -> None:
        super().__init__(_("Sync with server"), _("Sync now"), url, parent)
        self.laptop = laptop

    def _job(self) -> JobFn:
        return sync_job(self.laptop, self.url.text().strip(), self.password.text(),
                        self.remember.isChecked())

    def _describe(self, result: Any) -> str:
        self.synced.emit(result)
        return render_all(result.messages(), language())


class ConnectDialog(_ServerDialog):
    """Open a server read-only (Data, Reports and fieldwork on Home); emits
    ``connected(reader)``."""

    connected = Signal(object)

    def __init__(self, url: str, parent: QWidget | None = None) -> None:
        super().__init__(_("Connect to server"), _("Connect"), url, parent)

    def _job(self) -> JobFn:
        return connect_job(self.url.text().strip(), self.password.text(),
                           self.remember.isChecked())

    def _describe(self, result: Any) -> str:
        self.connected.emit(result)
        self.accept()
        return ""
