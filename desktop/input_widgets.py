"""Editors for typed input: numbers, dates, text and acknowledge."""

from __future__ import annotations

import datetime as dt
from typing import Any

from babel import dates as babel_dates
from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QRegularExpressionValidator, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
)

from desktop import i18n
from desktop.i18n import _
from desktop.question_widgets import DebouncedMixin, QuestionWidget
from desktop.style import make_muted
from survey.form.model import QuestionType
from survey.i18n import locale_of
from survey.interview import Validation
from survey.interview.dates import format_date

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


class DateEditWidget(QLineEdit):
    """The date's text box: Up and Down move a readable date by one day."""

    step = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.step.emit(1 if event.key() == Qt.Key.Key_Up else -1)
            return
        super().keyPressEvent(event)


class DateWidget(DebouncedMixin, QuestionWidget):
    """date: typed as people write dates (30.11.2026, 2026-11-30, ...; see
    ``survey.interview.dates``), starting empty, with the expected form shown, a Today button
    (Ctrl+T) and the date read back in words, so a typed date never becomes another one
    unnoticed. Text that is not a date is kept on screen with a message and nothing is stored.
    """

    def build_editor(self) -> None:
        self.setup_debounce()
        self.edit = DateEditWidget()
        self.edit.setObjectName("date")
        self.edit.setPlaceholderText(_("DD.MM.YYYY"))
        self.edit.setMaximumWidth(self.fontMetrics().horizontalAdvance("0") * 16)
        self.edit.textEdited.connect(lambda _t: self.typed())
        self.edit.editingFinished.connect(self.flush_final)
        self.edit.step.connect(self._step)
        self.today_button = QPushButton(_("Today (Ctrl+T)"))
        self.today_button.setObjectName("today")
        self.today_button.clicked.connect(self.set_today)
        shortcut = QShortcut(QKeySequence("Ctrl+T"), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.set_today)
        self.reading = QLabel()
        self.reading.setObjectName("reading")
        self.format_hint = QLabel(_("Format: {pattern}, e.g. {example}", pattern=_("DD.MM.YYYY"),
                                    example=format_date(dt.date.today())))
        self.format_hint.setObjectName("format_hint")
        make_muted(self.format_hint)
        row = QHBoxLayout()
        row.addWidget(self.edit)
        row.addWidget(self.today_button)
        row.addWidget(self.reading, 1)
        self.editor_layout.addLayout(row)
        self.editor_layout.addWidget(self.format_hint)

    def set_value(self, value: Any) -> None:
        if isinstance(value, dt.date):
            typed = self.session.read_date(self.edit.text(), i18n.language()).value
            if typed != value:  # what was typed stays as typed while it means this date
                self.edit.setText(format_date(value))
            self._show_reading(value)
        elif not self.edit.hasFocus():
            self.edit.clear()
            self._show_reading(None)

    def current_value(self) -> Any:
        """The date typed (None when empty); the text itself when it is not a date."""
        reading = self.session.read_date(self.edit.text(), i18n.language())
        return reading.value if reading.ok else self.edit.text().strip()

    def emit_edited(self, final: bool = False) -> None:
        """Store the date typed; unreadable text gets its message when editing finishes."""
        if self._quiet:
            return
        reading = self.session.read_date(self.edit.text(), i18n.language())
        self._show_reading(reading.value)
        if reading.ok:
            self.edited.emit(self.question.name, reading.value)
        elif final:
            self.show_validation(Validation(False, "type.date", reading.problem))

    def typed(self) -> None:
        self._dirty = True
        super().typed()

    def flush(self) -> None:
        """Send what was typed since the last answer (nothing when untouched)."""
        self._timer.stop()
        if getattr(self, "_dirty", False):
            self._dirty = False
            self.emit_edited(final=True)

    def flush_final(self) -> None:
        self.flush()

    def recheck(self) -> None:
        """Re-read the typed text (after a language switch): the message follows."""
        if self.has_message():
            self._dirty = True
            self.flush()

    def set_today(self) -> None:
        self.edit.setText(format_date(dt.date.today()))
        self._dirty = True
        self.flush()
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _step(self, days: int) -> None:
        reading = self.session.read_date(self.edit.text(), i18n.language())
        if reading.value is not None:
            self.edit.setText(format_date(reading.value + dt.timedelta(days=days)))
            self.typed()

    def _show_reading(self, value: dt.date | None) -> None:
        self.reading.setText("" if value is None else
                             babel_dates.format_date(value, "full",
                                                     locale=locale_of(i18n.language())))

    def focus_editor(self) -> None:
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.edit.selectAll()


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

    def option_count(self) -> int:
        return 1

    def pick(self, number: int) -> bool:
        if number != 1:
            return False
        self.check.toggle()
        return True

    def focus_editor(self) -> None:
        self.check.setFocus(Qt.FocusReason.OtherFocusReason)
