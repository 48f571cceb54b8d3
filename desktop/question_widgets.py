"""One widget per question type for the interview screen.

Each widget shows the label, the hint under it, an editor and an inline message. It never
judges a value: it emits ``edited(name, value)`` and the interview screen asks the session,
then calls :meth:`QuestionWidget.show_validation` with the verdict. Widgets read what they show
from the :class:`~survey.interview.session.InterviewSession`, never from the engine behind it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from desktop import i18n
from desktop.i18n import _
from desktop.style import make_error, make_muted
from survey.form.model import Question, QuestionType
from survey.interview import Validation
from survey.interview.session import InterviewSession

DIGIT_KEYS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(0, 10)}
#: How long a first digit waits for a second one when a list has 10 or more options (ms).
SECOND_DIGIT_MS = 900


class QuestionWidget(QWidget):
    """Label, hint, editor and message of one question."""

    edited = Signal(str, object)
    #: A digit key chose the answer of a one-answer question (the screen may move focus on).
    picked = Signal(str)

    def __init__(self, question: Question, session: InterviewSession,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = question
        self.session = session
        self._quiet = False
        self.setObjectName(f"question_{question.name}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 10)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        font = self.label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.label.setFont(font)
        self.hint = QLabel()
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        make_muted(self.hint)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setObjectName("message")
        make_error(self.message)
        bold = self.message.font()
        bold.setBold(True)
        self.message.setFont(bold)
        self.message.hide()
        # Top-down, as a form is read: label, hint, the editor, the message; the widget never
        # grows taller than that, so nothing drifts apart on a page with room to spare.
        layout.addWidget(self.label)
        layout.addWidget(self.hint)
        self.editor_layout = QVBoxLayout()
        layout.addLayout(self.editor_layout)
        layout.addWidget(self.message)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self._digits = ""
        self._digit_timer = QTimer(self)
        self._digit_timer.setSingleShot(True)
        self._digit_timer.setInterval(SECOND_DIGIT_MS)
        self._digit_timer.timeout.connect(self.commit_digits)
        self._flagged = False
        self.build_editor()
        if question.read_only:
            for child in self.findChildren(QWidget):
                if child not in (self.label, self.hint, self.message):
                    child.setEnabled(False)
        self.refresh()

    # -- to override -------------------------------------------------------------------------
    def build_editor(self) -> None:
        """Create the editor widgets inside ``self.editor_layout``."""

    def set_value(self, value: Any) -> None:
        """Show ``value`` (the engine's typed answer or None) without emitting ``edited``."""

    def current_value(self) -> Any:
        """The value the editor holds now (typed or text form), None when empty."""
        return None

    def pick(self, number: int) -> bool:
        """Choose option ``number`` (1-based) from a digit key; False if not applicable."""
        return False

    def option_count(self) -> int:
        """How many options digit keys choose from (0: digits are not for choosing)."""
        return 0

    def focus_editor(self) -> None:
        self.setFocus()

    def refresh_choices(self) -> None:
        """Rebuild options when the engine's available choices changed."""

    # -- shared ------------------------------------------------------------------------------
    def is_pending(self) -> bool:
        """Whether typed text waits to be sent to the engine."""
        return False

    def refresh(self, keep_pending: bool = False) -> None:
        """Re-read label, hint, choices and value from the session (language, ${} references).

        With ``keep_pending`` a value the engine has not accepted yet (being typed, or
        rejected with a message on screen) stays in the editor.
        """
        required = self.question.required is not None and self.question.type.takes_input
        text = self.session.text(self.question)
        self.label.setText(f"{text} *" if required else text)
        hint = self.session.hint(self.question)
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint))
        self.refresh_choices()
        if keep_pending and (self.has_message() or self.is_pending()):
            return
        self._quiet = True
        try:
            self.set_value(self.session.value(self.question.name))
        finally:
            self._quiet = False

    def emit_edited(self) -> None:
        if not self._quiet:
            self.edited.emit(self.question.name, self.current_value())

    def show_validation(self, validation: Validation | None) -> None:
        """Show the verdict's message under the editor, or hide it when the value is fine.

        The message is rendered in the form language when Kelisim speaks it, else in the
        interface language.
        """
        self._flagged = False
        if validation is None or validation.ok:
            self.message.clear()
            self.message.hide()
        else:
            text = self.session.describe(validation, i18n.language())
            self.message.setText(text or _("This answer is not accepted."))
            self.message.show()

    def has_message(self) -> bool:
        """Whether a refused answer's message is shown (a blank-row flag is not one)."""
        return not self.message.isHidden() and not self._flagged

    def recheck(self) -> None:
        """Judge the value on screen again when it has a message (the language changed)."""
        if self.has_message():
            self.show_validation(self.session.validate(self.question.name, self.current_value()))

    def flag(self, text: str) -> None:
        """Show a note that does not block moving on (an item of a battery left blank)."""
        self._flagged = True
        self.message.setText(text)
        self.message.show()

    def is_flagged(self) -> bool:
        return self._flagged and not self.message.isHidden()

    # -- digits ------------------------------------------------------------------------------
    def type_digit(self, number: int) -> bool:
        """A digit key: choose the option of that number. With 10 or more options a digit
        that can start a longer number waits for the next digit (or Enter, or a pause);
        False when digits choose nothing here."""
        count = self.option_count()
        if count == 0 or (number == 0 and not self._digits):
            return False
        self._digits += str(number)
        if int(self._digits) * 10 > count or len(self._digits) >= len(str(count)):
            self.commit_digits()
        else:
            self._digit_timer.start()
        return True

    def commit_digits(self) -> None:
        """Choose the option of the digits typed so far (none: nothing happens)."""
        self._digit_timer.stop()
        typed, self._digits = self._digits, ""
        if typed and self.pick(int(typed)) and \
                self.question.type is not QuestionType.SELECT_MULTIPLE:
            self.picked.emit(self.question.name)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        number = DIGIT_KEYS.get(Qt.Key(event.key()))
        no_modifier = not (event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier)
        if number is not None and no_modifier and self.type_digit(number):
            event.accept()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.commit_digits()  # "1" then Enter on a long list chooses option 1
        super().keyPressEvent(event)


class NoteWidget(QuestionWidget):
    """A note: text only."""

    def focus_editor(self) -> None:
        pass


class DebouncedMixin:
    """Emit ``edited`` a moment after typing stops, at once when editing finishes."""

    def setup_debounce(self: Any) -> None:
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(400)
        self._timer.timeout.connect(self.emit_edited)

    def is_pending(self: Any) -> bool:
        return bool(self._timer.isActive())

    def typed(self: Any) -> None:
        if not self._quiet:
            self._timer.start()

    def flush(self: Any) -> None:
        if self._timer.isActive():
            self._timer.stop()
            self.emit_edited()


def is_input(question: Question) -> bool:
    return question.type.takes_input


__all__ = ["DIGIT_KEYS", "DebouncedMixin", "NoteWidget", "QuestionType", "QuestionWidget",
           "is_input"]
