"""The review page: every answer page by page (Enter jumps to one), then the Finish button.

Finishing is a deliberate act: the Finish button asks for confirmation (see
``InterviewWidget.ask_finish``); Enter on this page never finishes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.answers_view import AnswersView
from desktop.i18n import _
from desktop.style import make_error
from survey.interview.session import InterviewSession


class ReviewWidget(QWidget):
    """Shows the answers and what is missing; emits ``jump(name)`` or ``finish``."""

    jump = Signal(str)
    finish = Signal()

    def __init__(self, session: InterviewSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.title = QLabel()
        self.title.setObjectName("review_title")
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.title.setFont(font)
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.missing_note = QLabel()
        self.missing_note.setObjectName("missing_note")
        self.missing_note.setWordWrap(True)
        make_error(self.missing_note)
        self.answers = AnswersView(session)
        self.answers.jump.connect(self.jump.emit)
        self.finish_button = QPushButton()
        self.finish_button.setObjectName("finish")
        self.finish_button.setAutoDefault(False)
        self.finish_button.clicked.connect(self.finish.emit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addWidget(self.missing_note)
        layout.addWidget(self.answers, 1)
        layout.addWidget(self.finish_button, 0, Qt.AlignmentFlag.AlignRight)
        self.refresh()

    def refresh(self) -> None:
        """Re-read the session: answers, missing required questions, whether it can finish."""
        self.title.setText(_("Review before finishing"))
        answered, relevant = self.session.progress()
        missing = self.session.missing_required()
        self.answers.refresh()
        self.summary.setText(_(
            "{answered} of {relevant} questions answered. Check the answers below; press Enter "
            "on one to go back to it.", answered=answered, relevant=relevant))
        self.missing_note.setVisible(bool(missing))
        if missing:
            self.missing_note.setText(_(
                "{count} required question(s) not answered yet; the interview can be finished "
                "when they are.", count=len(missing)))
            self.answers.select_question(missing[0].name)
        elif self.answers.topLevelItemCount():
            self.answers.setCurrentItem(self.answers.topLevelItem(0))
        self.finish_button.setText(_("Finish interview…"))
        self.finish_button.setEnabled(self.session.can_finish())

    def focus_first(self) -> None:
        self.answers.setFocus()
