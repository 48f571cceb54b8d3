"""range (a slider on the question's steps) and rank (put every option in order)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSlider,
)

from desktop.i18n import _
from desktop.odk_widget_base import keep_height
from desktop.question_widgets import QuestionWidget
from survey.form.parameters import range_numbers


class RangeWidget(QuestionWidget):
    """A slider from start to end by step; the value beside it ('—' until one is chosen)."""

    def build_editor(self) -> None:
        keep_height(self)
        self.start, self.end, self.step = range_numbers(dict(self.question.parameters))
        self.whole = all(float(n).is_integer() for n in (self.start, self.end, self.step))
        steps = round(abs(self.end - self.start) / abs(self.step))
        row = QHBoxLayout()
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setObjectName("range")
        self.slider.setRange(0, steps)
        self.slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.slider.valueChanged.connect(self._moved)
        self.shown = QLabel("—")
        self.shown.setMinimumWidth(self.fontMetrics().horizontalAdvance("0") * 8)
        row.addWidget(self.slider, 1)
        row.addWidget(self.shown)
        self.editor_layout.addLayout(row)
        self._value: Any = None

    def number_at(self, position: int) -> float | int:
        number = self.start + position * self.step
        return round(number) if self.whole else round(number, 10)

    def _moved(self, position: int) -> None:
        self._value = self.number_at(position)
        self.shown.setText(str(self._value))
        self.emit_edited()

    def set_value(self, value: Any) -> None:
        self._value = value
        if value is None:
            self.shown.setText("—")
            return
        self.slider.setValue(round((float(value) - self.start) / self.step))
        self.shown.setText(str(value))

    def current_value(self) -> Any:
        return self._value

    def focus_editor(self) -> None:
        self.slider.setFocus(Qt.FocusReason.OtherFocusReason)


class RankWidget(QuestionWidget):
    """The options in a list: drag them, or move the selected one up and down; 'Confirm order'
    answers with the order shown (ODK ranks every option)."""

    def build_editor(self) -> None:
        keep_height(self)
        self.list = QListWidget()
        self.list.setObjectName("rank")
        self.list.setDragDropMode(QListWidget.DragDropMode.InternalMove)
        self.list.model().rowsMoved.connect(lambda *_a: self._changed())
        buttons = QHBoxLayout()
        self.up = QPushButton(_("Move up"))
        self.down = QPushButton(_("Move down"))
        self.confirm = QPushButton(_("Confirm order"))
        self.up.clicked.connect(lambda: self.move(-1))
        self.down.clicked.connect(lambda: self.move(1))
        self.confirm.clicked.connect(self.emit_edited)
        for button in (self.up, self.down, self.confirm):
            buttons.addWidget(button)
        buttons.addStretch(1)  # the buttons under the list's start, not spread over the page
        self.editor_layout.addWidget(self.list)
        self.editor_layout.addLayout(buttons)
        self._answered = False

    def refresh_choices(self) -> None:
        current = self.order()
        available = self.session.available_choices(self.question.name)
        names = [c.name for c in available]
        if sorted(current) == sorted(names):
            return
        self.list.clear()
        for choice in available:
            item = QListWidgetItem(self.session.choice_text(choice))
            item.setData(Qt.ItemDataRole.UserRole, choice.name)
            self.list.addItem(item)
        row = self.list.sizeHintForRow(0) if self.list.count() else 0
        self.list.setFixedHeight(max(row, self.fontMetrics().lineSpacing()) *
                                 max(self.list.count(), 1) + 2 * self.list.frameWidth() + 4)

    def order(self) -> list[str]:
        return [str(self.list.item(i).data(Qt.ItemDataRole.UserRole))
                for i in range(self.list.count())]

    def move(self, offset: int) -> None:
        row = self.list.currentRow()
        target = row + offset
        if row < 0 or not 0 <= target < self.list.count():
            return
        item = self.list.takeItem(row)
        self.list.insertItem(target, item)
        self.list.setCurrentRow(target)
        self._changed()

    def _changed(self) -> None:
        if self._answered:
            self.emit_edited()

    def set_value(self, value: Any) -> None:
        self._answered = isinstance(value, tuple) and bool(value)
        if not self._answered:
            return
        by_name = {str(self.list.item(i).data(Qt.ItemDataRole.UserRole)): self.list.item(i).text()
                   for i in range(self.list.count())}
        self.list.clear()
        for name in value:
            item = QListWidgetItem(by_name.get(name, name))
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.list.addItem(item)

    def current_value(self) -> Any:
        self._answered = True
        return tuple(self.order())

    def focus_editor(self) -> None:
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)
