"""Where the keyboard goes on the interview screen (a mix-in of ``InterviewWidget``).

The first unanswered question of a page gets the keys (coming back to a half-answered
battery continues where it stopped); a digit that answered a question moves on to the next;
Up/Down move between the rows of a Likert grid; Enter goes on (never finishes on the review);
digits typed outside a question go to the first question that takes them.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent

from desktop.likert_grid import LikertRowWidget
from desktop.question_widgets import DIGIT_KEYS


class FocusMixin:
    """Needs ``widgets``, ``session``, ``next_button``, ``on_review``, ``on_roster``,
    ``roster`` and ``go_next``."""

    def _focus_first(self: Any) -> None:
        if self.on_roster:
            self.roster.focus_first()
            return
        inputs = [w for w in self.widgets if w.question.type.takes_input
                  and not w.question.read_only]
        for widget in inputs:
            if not self.session.is_answered(widget.question.name):
                widget.focus_editor()
                return
        if inputs:
            inputs[0].focus_editor()
            return
        self.next_button.setFocus()

    def _focus_after(self: Any, name: str) -> None:
        """After a digit answered ``name``, focus the next question of the page, if any."""
        names = [w.question.name for w in self.widgets]
        if name not in names:
            return
        for widget in self.widgets[names.index(name) + 1:]:
            if widget.question.type.takes_input:
                widget.focus_editor()
                return

    def _focused_question(self: Any) -> str | None:
        focused = self.focusWidget()
        for widget in self.widgets:
            if focused is not None and widget.isAncestorOf(focused):
                return str(widget.question.name)
        return None

    def _restore_focus(self: Any, name: str | None) -> None:
        for widget in self.widgets:
            if widget.question.name == name:
                widget.focus_editor()
                return
        self._focus_first()

    def _move_row(self: Any, name: str, step: int) -> None:
        """Up/Down in a battery row: the keyboard goes to the row above or below."""
        rows = [w for w in self.widgets if isinstance(w, LikertRowWidget)]
        names = [w.question.name for w in rows]
        target = names.index(name) + step if name in names else -1
        if 0 <= target < len(rows):
            rows[target].focus_editor()

    def keyPressEvent(self: Any, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if not self.on_review:
                self.go_next()
            return  # on the review Enter opens the focused answer, never finishes
        number = DIGIT_KEYS.get(key)
        if number is not None and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            for widget in self.widgets:
                if widget.type_digit(number):
                    return
        super().keyPressEvent(event)  # type: ignore[misc]
