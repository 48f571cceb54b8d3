"""The question navigator (Ctrl+F): the visible questions, filterable, jump to any."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.answers_view import trail
from desktop.i18n import _
from survey.interview.session import InterviewSession


class NavigatorDialog(QDialog):
    """Lists ``session.visible_questions()``; ``chosen`` holds the picked name on accept."""

    def __init__(self, session: InterviewSession, current: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Go to question"))
        self.session = session
        self.chosen: str | None = None
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(_("Type to filter questions"))
        self.filter.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setObjectName("questions")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Go"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self._accept_current)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self._fill(current)
        self.filter.textChanged.connect(self._apply_filter)
        self.list.itemActivated.connect(lambda _item: self._accept_current())
        self.filter.installEventFilter(self)
        self.resize(560, 520)

    def _fill(self, current: str | None) -> None:
        for number, question in enumerate(self.session.visible_questions(), 1):
            if not question.type.takes_input:
                mark = " "
            else:
                mark = "✓" if self.session.is_answered(question.name) else "·"
            text = (f"{mark} {number}. {trail(self.session, question.name)}"
                    f"{self.session.text(question) or question.name}")
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, question.name)
            self.list.addItem(item)
            if question.name == current:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)

    def _apply_filter(self, text: str) -> None:
        needle = text.casefold().strip()
        first_visible = None
        for row in range(self.list.count()):
            item = self.list.item(row)
            hidden = bool(needle) and needle not in item.text().casefold()
            item.setHidden(hidden)
            if not hidden and first_visible is None:
                first_visible = item
        current = self.list.currentItem()
        if first_visible is not None and (current is None or current.isHidden()):
            self.list.setCurrentItem(first_visible)

    def eventFilter(self, watched: object, event: object) -> bool:
        """Up/Down in the filter box move through the list, so the mouse is never needed."""
        if watched is self.filter and isinstance(event, QKeyEvent) \
                and event.type() == QKeyEvent.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.list.keyPressEvent(event)
            return True
        return super().eventFilter(watched, event)  # type: ignore[arg-type]

    def _accept_current(self) -> None:
        item = self.list.currentItem()
        if item is None or item.isHidden():
            return
        self.chosen = str(item.data(Qt.ItemDataRole.UserRole))
        self.accept()
