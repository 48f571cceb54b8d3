"""A Likert battery as a grid: one row per item, one column per scale point.

A page of two or more ``likert`` select_one questions sharing one choice list is shown as a
header with the scale labels, once, and one :class:`LikertRowWidget` per item; the codes not
read out ("don't know", "refused") come after the scale, set apart by a gap. Keyboard: a
digit answers the focused row and moves to the next; Up/Down move between rows; Left/Right
move the answer along the scale. A click answers and moves on like a digit, and keeps the
keyboard in the grid (the cells never take the focus), so no keystroke is lost.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QFocusEvent,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QSizePolicy,
    QWidget,
)

from desktop.question_widgets import QuestionWidget
from survey.form.model import Choice, Question, QuestionType
from survey.interview.session import InterviewSession

#: Width of a scale column in average characters (the header wraps its label inside it).
COLUMN_CHARS = 13


def is_grid_page(questions: Sequence[Question], session: InterviewSession) -> bool:
    """Whether the questions of a page form a battery: 2+ likert select_ones, same choices."""
    if len(questions) < 2:
        return False
    if any(q.type is not QuestionType.SELECT_ONE or "likert" not in q.appearance
           or q.or_other for q in questions):
        return False
    lists = {tuple(c.name for c in session.available_choices(q.name)) for q in questions}
    return len(lists) == 1


def column_width(widget: QWidget, session: InterviewSession, question: Question) -> int:
    """One width for every column: room for about 13 characters, and for the longest word
    of any scale label in any of the form's languages (a word is never cut)."""
    bold = QFont(widget.font())
    bold.setBold(True)
    metrics = QFontMetrics(bold)
    words = [word for choice in session.available_choices(question.name)
             for _language, text in choice.label.values for word in text.split()]
    widest = max((metrics.horizontalAdvance(word) for word in words), default=0)
    return max(metrics.averageCharWidth() * COLUMN_CHARS, widest + metrics.averageCharWidth())


def sets_apart(choice: Choice, before: Sequence[object], session: InterviewSession,
               question: Question) -> bool:
    """Whether a gap goes before ``choice``: the first of the codes not read out ("don't
    know", "refused": ``Choice.missing``) after the scale points."""
    if not choice.missing or not before:
        return False
    previous = session.available_choices(question.name)[len(before) - 1]
    return not previous.missing


def missing_gap(width: int) -> int:
    """The gap between the scale and the codes not read out: a third of a column."""
    return width // 3


class LikertHeader(QWidget):
    """The scale's labels above the grid's columns, numbered as the digits that pick them."""

    def __init__(self, question: Question, session: InterviewSession,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("likert_header")
        self.question = question
        self.session = session
        self.columns: list[QLabel] = []
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addStretch(1)
        width = column_width(self, session, question)
        for choice in session.available_choices(question.name):
            if sets_apart(choice, self.columns, session, question):
                layout.addSpacing(missing_gap(width))
            label = QLabel()
            label.setWordWrap(True)
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom)
            label.setFixedWidth(width)
            font = label.font()
            font.setBold(True)
            label.setFont(font)
            layout.addWidget(label)
            self.columns.append(label)
        self.refresh()

    def refresh(self) -> None:
        """The labels in the current form language."""
        choices = self.session.available_choices(self.question.name)
        for number, (label, choice) in enumerate(zip(self.columns, choices, strict=True), 1):
            # A word is never broken at its hyphen ("согласен(-на)"): non-breaking hyphens.
            text = self.session.choice_text(choice).replace("-", "\u2011")
            label.setText(f"{number}\n{text}")

    def texts(self) -> list[str]:
        return [label.text() for label in self.columns]


class LikertRowWidget(QuestionWidget):
    """One item of a battery: its label, then one radio button per scale point."""

    #: Up (-1) or Down (+1) pressed in this row: the screen moves the focus.
    move_row = Signal(str, int)

    def build_editor(self) -> None:
        self.choices: tuple[Choice, ...] = ()
        self.buttons: list[QRadioButton] = []
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.group.idClicked.connect(self._clicked)
        self.layout().removeWidget(self.label)
        row = QHBoxLayout()
        row.addWidget(self.label, 1)
        width = column_width(self, self.session, self.question)
        for number, choice in enumerate(self.session.available_choices(self.question.name), 1):
            if sets_apart(choice, self.buttons, self.session, self.question):
                row.addSpacing(missing_gap(width))
            button = QRadioButton()
            button.setObjectName(f"choice_{choice.name}")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the row keeps the keyboard
            button.setAccessibleName(self.session.choice_text(choice))
            cell = QWidget()
            cell.setFixedWidth(width)
            cell_layout = QHBoxLayout(cell)
            cell_layout.setContentsMargins(0, 0, 0, 0)
            cell_layout.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
            row.addWidget(cell)
            self.group.addButton(button, number)
            self.buttons.append(button)
        self.editor_layout.addLayout(row)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.layout().setContentsMargins(6, 4, 6, 4)
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        font = self.label.font()
        font.setPointSizeF(font.pointSizeF() / 1.15)  # items read as rows, not headings
        self.label.setFont(font)

    def refresh_choices(self) -> None:
        self.choices = self.session.available_choices(self.question.name)
        for button, choice in zip(self.buttons, self.choices, strict=True):
            button.setAccessibleName(self.session.choice_text(choice))

    def set_value(self, value: Any) -> None:
        self.group.setExclusive(False)
        for button, choice in zip(self.buttons, self.choices, strict=True):
            button.setChecked(choice.name == value)
        self.group.setExclusive(True)

    def current_value(self) -> Any:
        for button, choice in zip(self.buttons, self.choices, strict=True):
            if button.isChecked():
                return choice.name
        return None

    def option_count(self) -> int:
        return len(self.buttons)

    def pick(self, number: int) -> bool:
        if not 1 <= number <= len(self.buttons):
            return False
        self.buttons[number - 1].setChecked(True)
        self.emit_edited()
        return True

    def focus_editor(self) -> None:
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def _clicked(self, number: int) -> None:
        self.emit_edited()
        self.picked.emit(self.question.name)  # as a digit does: the next row gets the keys

    def _step(self, step: int) -> None:
        chosen = self.group.checkedId()
        target = (chosen + step) if chosen > 0 else (1 if step > 0 else len(self.buttons))
        if 1 <= target <= len(self.buttons):
            self.pick(target)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.move_row.emit(self.question.name, -1 if key == Qt.Key.Key_Up else 1)
            return
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            self._step(-1 if key == Qt.Key.Key_Left else 1)
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusOutEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        """The focused row is framed in the highlight colour (where the next digit goes)."""
        super().paintEvent(event)
        if self.hasFocus():
            painter = QPainter(self)
            pen = QPen(self.palette().color(QPalette.ColorRole.Highlight))
            pen.setWidth(2)
            painter.setPen(pen)
            painter.drawRoundedRect(self.rect().adjusted(1, 1, -1, -1), 4, 4)
            painter.end()
