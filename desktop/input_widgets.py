"""Editors for typed input: numbers, dates, text and acknowledge."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, QRegularExpression, Qt
from PySide6.QtGui import QKeyEvent, QRegularExpressionValidator
from PySide6.QtWidgets import QCheckBox, QDateEdit, QLineEdit, QPlainTextEdit

from desktop.i18n import _
from desktop.question_widgets import DebouncedMixin, QuestionWidget
from survey.form.model import QuestionType

NUMBER_PATTERNS = {QuestionType.INTEGER: r"-?\d{0,12}",
                   QuestionType.DECIMAL: r"-?\d{0,12}([.,]\d{0,10})?"}


class NumberWidget(DebouncedMixin, QuestionWidget):
    """integer / decimal: a line edit that only takes number characters; the engine judges."""

    def build_editor(self) -> None:
        self.setup_debounce()
        self.edit = QLineEdit()
        self.edit.setObjectName("number")
        self.edit.setMaximumWidth(self.fontMetrics().horizontalAdvance("0") * 18)
        pattern = QRegularExpression(NUMBER_PATTERNS[self.question.type])
        self.edit.setValidator(QRegularExpressionValidator(pattern, self.edit))
        self.edit.textEdited.connect(lambda _t: self.typed())
        self.edit.editingFinished.connect(self.flush_now)
        self.editor_layout.addWidget(self.edit)

    def flush_now(self) -> None:
        self._timer.stop()
        self.emit_edited()

    def set_value(self, value: Any) -> None:
        if not self.edit.hasFocus() or value is not None:
            self.edit.setText("" if value is None else str(value))

    def current_value(self) -> Any:
        text = self.edit.text().strip().replace(",", ".")
        return text or None

    def focus_editor(self) -> None:
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.edit.selectAll()


class MultilineEditWidget(QPlainTextEdit):
    """Multi-line text where Enter moves on (passed to the screen) and Shift+Enter breaks."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            event.ignore()
            return
        super().keyPressEvent(event)


class TextWidget(DebouncedMixin, QuestionWidget):
    """text: a multi-line editor."""

    def build_editor(self) -> None:
        self.setup_debounce()
        self.edit = MultilineEditWidget()
        self.edit.setObjectName("text")
        self.edit.setTabChangesFocus(True)
        self.edit.setMaximumHeight(self.fontMetrics().lineSpacing() * 5)
        self.edit.textChanged.connect(self.typed)
        self.editor_layout.addWidget(self.edit)

    def set_value(self, value: Any) -> None:
        text = "" if value is None else str(value)
        if self.edit.toPlainText() != text:
            self.edit.setPlainText(text)

    def current_value(self) -> Any:
        return self.edit.toPlainText().strip() or None

    def focus_editor(self) -> None:
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.edit.moveCursor(self.edit.textCursor().MoveOperation.End)


EMPTY_DATE = QDate(1900, 1, 1)


class DateEditWidget(QDateEdit):
    """A date editor whose lowest date shows a dash and means 'no date'.

    Typing a digit into the dash starts from today with the year selected, so a date can be
    typed as 2026 05 17; Delete empties it again.
    """

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Delete:
            self.setDate(EMPTY_DATE)
            return
        if self.date() == EMPTY_DATE and event.text().isdigit():
            self.setDate(QDate.currentDate())
            self.setSelectedSection(QDateEdit.Section.YearSection)
        super().keyPressEvent(event)


class DateWidget(DebouncedMixin, QuestionWidget):
    """date: a date editor; its lowest date means 'not answered' and shows a dash.

    Sent to the engine when typing pauses or editing finishes, not at every section typed.
    """

    EMPTY = EMPTY_DATE

    def build_editor(self) -> None:
        self.setup_debounce()
        self.edit = DateEditWidget()
        self.edit.setObjectName("date")
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy-MM-dd")
        self.edit.setMinimumDate(self.EMPTY)
        self.edit.setSpecialValueText("—")
        self.edit.setMaximumWidth(self.fontMetrics().horizontalAdvance("0") * 16)
        self.edit.dateChanged.connect(lambda _d: self.typed())
        self.edit.editingFinished.connect(self.flush)
        self.editor_layout.addWidget(self.edit)

    def set_value(self, value: Any) -> None:
        if isinstance(value, dt.date):
            self.edit.setDate(QDate(value.year, value.month, value.day))
        else:
            self.edit.setDate(self.EMPTY)

    def current_value(self) -> Any:
        date = self.edit.date()
        if date == self.EMPTY:
            return None
        return dt.date(date.year(), date.month(), date.day())

    def focus_editor(self) -> None:
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)


class AcknowledgeWidget(QuestionWidget):
    """acknowledge: one check box; checked means "OK"."""

    def build_editor(self) -> None:
        self.check = QCheckBox(_("1. Acknowledged"))
        self.check.setObjectName("acknowledge")
        self.check.toggled.connect(lambda _c: self.emit_edited())
        self.editor_layout.addWidget(self.check)

    def set_value(self, value: Any) -> None:
        self.check.setChecked(value == "OK")

    def current_value(self) -> Any:
        return "OK" if self.check.isChecked() else None

    def pick(self, number: int) -> bool:
        if number != 1:
            return False
        self.check.toggle()
        return True

    def focus_editor(self) -> None:
        self.check.setFocus(Qt.FocusReason.OtherFocusReason)
