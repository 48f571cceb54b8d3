"""The review page before finishing: unanswered required questions and the Finish button."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _
from survey.interview.session import InterviewSession


class ReviewWidget(QWidget):
    """Shows what the engine says is still missing; emits ``jump(name)`` or ``finish``."""

    jump = Signal(str)
    finish = Signal()

    def __init__(self, session: InterviewSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.title = QLabel()
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.title.setFont(font)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.missing = QListWidget()
        self.missing.setObjectName("missing")
        self.missing.itemActivated.connect(
            lambda item: self.jump.emit(str(item.data(Qt.ItemDataRole.UserRole))))
        self.finish_button = QPushButton()
        self.finish_button.setObjectName("finish")
        self.finish_button.clicked.connect(self.finish.emit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addWidget(self.missing, 1)
        layout.addWidget(self.finish_button, 0, Qt.AlignmentFlag.AlignRight)
        self.refresh()

    def refresh(self) -> None:
        """Re-read the session: missing required questions, progress, whether it can finish."""
        self.title.setText(_("Review before finishing"))
        answered, relevant = self.session.progress()
        missing = self.session.missing_required()
        self.missing.clear()
        for question in missing:
            item = QListWidgetItem(self.session.text(question) or question.name)
            item.setData(Qt.ItemDataRole.UserRole, question.name)
            self.missing.addItem(item)
        self.missing.setVisible(bool(missing))
        if missing:
            self.summary.setText(_(
                "{answered} of {relevant} questions answered. These required questions are "
                "unanswered; press Enter on one to go to it:",
                answered=answered, relevant=relevant))
            self.missing.setCurrentRow(0)
        else:
            self.summary.setText(_(
                "{answered} of {relevant} questions answered. Everything required is answered; "
                "press Enter or Finish to complete the interview.",
                answered=answered, relevant=relevant))
        self.finish_button.setText(_("Finish interview"))
        self.finish_button.setEnabled(self.session.can_finish())

    def focus_first(self) -> None:
        if self.missing.isVisible():
            self.missing.setFocus()
        else:
            self.finish_button.setFocus()
