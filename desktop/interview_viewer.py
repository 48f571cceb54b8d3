"""A completed interview shown read-only, without reopening it.

Its answers page by page (``desktop.answers_view``), who did it and when; "Reopen for
changes…" leads to the audited reopening (a reason is asked for) only when asked.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from desktop.answers_view import AnswersView
from desktop.i18n import _
from desktop.interviews_model import duration_text, time_text
from survey.interview.session import InterviewSession


class InterviewViewer(QDialog):
    """Emits ``reopen_requested(uuid)`` when the user asks to change the interview."""

    reopen_requested = Signal(str)

    def __init__(self, session: InterviewSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("viewer")
        self.session = session
        record = session.store.interview(session.uuid)
        self.setWindowTitle(_("Interview {id} (complete, read-only)", id=session.uuid[:8]))
        self.info = QLabel(_(
            "Interviewer: {interviewer} · started {started} · completed {completed} · "
            "duration {duration}", interviewer=record.interviewer,
            started=time_text(record, record.started_at),
            completed=time_text(record, record.completed_at), duration=duration_text(record)))
        self.info.setObjectName("info")
        self.info.setWordWrap(True)
        self.answers = AnswersView(session)
        buttons = QDialogButtonBox()
        self.reopen_button = buttons.addButton(_("Reopen for changes…"),
                                               QDialogButtonBox.ButtonRole.ActionRole)
        self.reopen_button.setObjectName("reopen")
        self.reopen_button.setAutoDefault(False)
        self.reopen_button.clicked.connect(self._reopen)
        close = buttons.addButton(_("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        close.setDefault(True)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addWidget(self.answers, 1)
        layout.addWidget(buttons)
        self.resize(900, 620)

    def _reopen(self) -> None:
        self.accept()
        self.reopen_requested.emit(self.session.uuid)
