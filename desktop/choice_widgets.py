"""Editors for select questions: radio buttons, check boxes, a 1..5 scale and a combo box."""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QRadioButton,
)

from desktop.i18n import _
from desktop.label_media import CHOICE_ICON, choice_picture
from desktop.question_widgets import QuestionWidget
from survey.form.model import OTHER_CHOICE, Choice, QuestionType

#: Letters typed within this many seconds add up to one type-ahead search.
TYPE_AHEAD_SECONDS = 1.0


def _clear_layout(layout: Any) -> None:
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget()
        if widget is not None:
            widget.deleteLater()
        elif item.layout() is not None:
            _clear_layout(item.layout())


class ChoiceButtonsWidget(QuestionWidget):
    """select_one as radio buttons (a horizontal scale for ``likert``), select_multiple as
    check boxes. Digit keys pick the n-th option. On a horizontal scale the "don't know" and
    "refused" codes (not read out) go on a line of their own below the scale."""

    other_edited_suffix = "_other"

    def build_editor(self) -> None:
        self.choices: tuple[Choice, ...] = ()
        self._typed, self._typed_at = "", 0.0
        self.buttons: list[QAbstractButton] = []
        self.group = QButtonGroup(self)
        self.group.setExclusive(not self.multiple)
        self.group.buttonClicked.connect(lambda _b: self._changed())
        self.other_edit = QLineEdit()
        self.other_edit.setPlaceholderText(_("Please specify"))
        self.other_edit.hide()
        self.other_edit.editingFinished.connect(self._other_changed)

    @property
    def multiple(self) -> bool:
        return self.question.type is QuestionType.SELECT_MULTIPLE

    @property
    def horizontal(self) -> bool:
        return "likert" in self.question.appearance

    def refresh_choices(self) -> None:
        choices = self.session.available_choices(self.question.name)
        if choices == self.choices and self.buttons:
            for number, (shown, choice) in enumerate(zip(self.buttons, choices, strict=True), 1):
                shown.setText(self._caption(number, choice))
            return
        self.choices = choices
        for old in self.buttons:
            self.group.removeButton(old)
        _clear_layout(self.editor_layout)
        self.buttons = []
        rows = (QHBoxLayout(), QHBoxLayout()) if self.horizontal else None
        for number, choice in enumerate(choices, 1):
            button: QAbstractButton = QCheckBox() if self.multiple else QRadioButton()
            button.setText(self._caption(number, choice))
            button.setObjectName(f"choice_{choice.name}")
            icon, tip = choice_picture(self.session, choice)
            if icon is not None:
                button.setIcon(icon)
                button.setIconSize(QSize(CHOICE_ICON, CHOICE_ICON))
            button.setToolTip(tip)
            self.group.addButton(button, number)
            self.buttons.append(button)
            if rows is not None:
                rows[1 if choice.missing else 0].addWidget(button)
            else:
                self.editor_layout.addWidget(button)
        for row in rows or ():
            if row.count():
                row.addStretch(1)
                self.editor_layout.addLayout(row)
        self.editor_layout.addWidget(self.other_edit)

    def _caption(self, number: int, choice: Choice) -> str:
        return f"{number}. {self.session.choice_text(choice)}"

    def option_count(self) -> int:
        return len(self.buttons)

    def set_value(self, value: Any) -> None:
        chosen = set(value) if isinstance(value, tuple | list) else {value}
        for button, choice in zip(self.buttons, self.choices, strict=True):
            button.setChecked(choice.name in chosen)
        if not self.multiple and value is None:
            self.group.setExclusive(False)
            for button in self.buttons:
                button.setChecked(False)
            self.group.setExclusive(True)
        self.other_edit.setText(self.session.other_text(self.question))
        self._show_other()

    def current_value(self) -> Any:
        chosen = tuple(c.name for b, c in zip(self.buttons, self.choices, strict=True)
                       if b.isChecked())
        if self.multiple:
            return chosen or None
        return chosen[0] if chosen else None

    def pick(self, number: int) -> bool:
        if not 1 <= number <= len(self.buttons):
            return False
        button = self.buttons[number - 1]
        button.setChecked(not button.isChecked() if self.multiple else True)
        button.setFocus()
        self._changed()
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Letters jump to the option whose text starts with what was typed (type-ahead);
        Space then chooses it."""
        text = event.text()
        if text and text.isalpha() and not event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier:
            now = time.monotonic()
            self._typed = (self._typed if now - self._typed_at < TYPE_AHEAD_SECONDS else "") + text
            self._typed_at = now
            needle = self._typed.casefold()
            for button, choice in zip(self.buttons, self.choices, strict=True):
                if self.session.choice_text(choice).casefold().startswith(needle):
                    button.setFocus(Qt.FocusReason.ShortcutFocusReason)
                    event.accept()
                    return
        super().keyPressEvent(event)

    def focus_editor(self) -> None:
        checked = [b for b in self.buttons if b.isChecked()]
        target = checked[0] if checked else (self.buttons[0] if self.buttons else None)
        if target is not None:
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_other(self) -> None:
        value = self.current_value()
        chosen = value if isinstance(value, tuple) else (value,)
        self.other_edit.setVisible(self.question.or_other and OTHER_CHOICE in chosen)

    def _changed(self) -> None:
        self._show_other()
        self.emit_edited()

    def _other_changed(self) -> None:
        if not self._quiet:
            self.edited.emit(self.question.name + self.other_edited_suffix,
                             self.other_edit.text().strip() or None)


class ComboChoiceWidget(QuestionWidget):
    """select_one with ``minimal`` appearance: a combo box (first entry = no answer).

    Letters typed on the closed box choose the first entry starting with them (Qt's keyboard
    search), so long lists such as the regions are chosen by typing the name."""

    def build_editor(self) -> None:
        self.choices: tuple[Choice, ...] = ()
        self.combo = QComboBox()
        self.combo.setObjectName("combo")
        self.combo.currentIndexChanged.connect(lambda _i: self.emit_edited())
        self.editor_layout.addWidget(self.combo)

    def refresh_choices(self) -> None:
        choices = self.session.available_choices(self.question.name)
        self._quiet = True
        try:
            if choices != self.choices or self.combo.count() == 0:
                self.choices = choices
                self.combo.clear()
                self.combo.addItem("—", None)
                for choice in choices:
                    self.combo.addItem(self.session.choice_text(choice), choice.name)
                    icon, _tip = choice_picture(self.session, choice)
                    if icon is not None:
                        self.combo.setItemIcon(self.combo.count() - 1, icon)
            else:
                for index, choice in enumerate(choices, 1):
                    self.combo.setItemText(index, self.session.choice_text(choice))
        finally:
            self._quiet = False

    def set_value(self, value: Any) -> None:
        index = self.combo.findData(value) if value is not None else 0
        self.combo.setCurrentIndex(max(index, 0))

    def current_value(self) -> Any:
        return self.combo.currentData()

    def focus_editor(self) -> None:
        self.combo.setFocus(Qt.FocusReason.OtherFocusReason)

