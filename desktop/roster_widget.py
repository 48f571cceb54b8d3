"""The roster page: the instances of one repeat, a summary each, and what can be done to them.

Open-ended repeats: Add (Insert or Ctrl+N), Remove (Delete; asks first, the session records
what it clears), Move up / Move down (Alt+Up / Alt+Down). A ``repeat_count`` fixes the
instances: only Open then. Enter opens the selected instance (``open_instance``); Next at the
end of an instance comes back here with the following one selected (``roster_pages.step``).
A list at its cap (``MAX_INSTANCES``, or the interview at ``MAX_TOTAL_INSTANCES``) disables Add
and its keys, the tooltip saying why; the add that fills it says so in a dialog.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.confirm import chose, question_box
from desktop.i18n import _, language
from desktop.roster_pages import Roster, answered, count, is_fixed, repeat_label, summary
from survey.form.repeat_codes import RepeatCode
from survey.interview.session import InterviewSession
from survey.messages import Message, render


class RosterWidget(QWidget):
    """Shows ``roster`` of ``session``; ``open_instance(number)`` asks for an instance's
    questions, ``changed`` follows every add, remove and move."""

    open_instance = Signal(int)
    changed = Signal()

    def __init__(self, session: InterviewSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("roster")
        self.session = session
        self.roster = Roster("")
        self.remove_dialog: QMessageBox | None = None
        self.full_dialog: QMessageBox | None = None
        self._add_keys: list[QShortcut] = []
        self.title = QLabel()
        self.title.setObjectName("roster_title")
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.title.setFont(font)
        self.note = QLabel()
        self.note.setObjectName("roster_note")
        self.note.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("instances")
        self.list.setSpacing(3)  # rows apart enough to read a summary at a glance
        list_font = self.list.font()
        list_font.setPointSizeF(list_font.pointSizeF() * 1.1)
        self.list.setFont(list_font)
        self.list.itemActivated.connect(lambda _item: self.open_selected())
        self.list.installEventFilter(self)
        self.placeholder = QLabel()
        self.placeholder.setObjectName("roster_empty")
        self.placeholder.setWordWrap(True)
        self.buttons = {name: self._button(name, slot) for name, slot in (
            ("add", self.add), ("remove", self.ask_remove), ("up", lambda: self.move_selected(-1)),
            ("down", lambda: self.move_selected(1)), ("open", self.open_selected))}
        row = QHBoxLayout()
        for button in self.buttons.values():
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.note)
        layout.addWidget(self.placeholder)
        layout.addWidget(self.list, 1)
        layout.addLayout(row)
        self._shortcuts()
        self.list.currentRowChanged.connect(lambda _row: self._enable())

    def _button(self, name: str, slot: object) -> QPushButton:
        button = QPushButton()
        button.setObjectName(f"roster_{name}")
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    def _shortcuts(self) -> None:
        for sequence, slot in (("Insert", self.add), ("Ctrl+N", self.add),
                               ("Delete", self.ask_remove), ("Alt+Up", lambda: self.move_selected(-1)),
                               ("Alt+Down", lambda: self.move_selected(1))):
            shortcut = QShortcut(QKeySequence(sequence), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
            if slot == self.add:
                self._add_keys.append(shortcut)

    # -- showing -----------------------------------------------------------------------------
    @property
    def fixed(self) -> bool:
        return is_fixed(self.session, self.roster.repeat)

    def show_roster(self, roster: Roster, select: int | None = None) -> None:
        """Show ``roster``, instance ``select`` (1-based) selected (else the first)."""
        self.roster = roster
        self.refresh(select)

    def refresh(self, select: int | None = None) -> None:
        label = repeat_label(self.session, self.roster.repeat)
        number = count(self.session, self.roster)
        keep = self.list.currentRow() + 1 if select is None else select
        self.title.setText(_("{label}: {count} in the list", label=label, count=number))
        self.note.setText(_(
            "Enter opens the selected one. Insert or Ctrl+N adds one, Delete removes it, "
            "Alt+Up and Alt+Down move it.") if not self.fixed else _(
            "The form sets how many there are. Enter opens the selected one."))
        self.placeholder.setText(_(
            "Nobody is in the list yet. Insert or Ctrl+N adds the first; Next goes on when "
            "there is nobody to add.") if not self.fixed else _(
            "Nothing to fill in here: the number comes from an earlier answer."))
        self.placeholder.setVisible(number == 0)
        self.list.clear()
        progress = answered(self.session, self.roster)
        for index in range(1, number + 1):
            path = (*self.roster.parent, (self.roster.repeat, index))
            text = f"{index}. {summary(self.session, path)}"
            done, asked = progress.get(index, (0, 0))
            if 0 < done < asked:  # begun, not finished: say so at a glance
                text += " — " + _("{answered} of {relevant} answered", answered=done,
                                  relevant=asked)
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, index)
            self.list.addItem(item)
        if number:
            self.list.setCurrentRow(min(max(keep, 1), number) - 1)
        for name, text in (("add", _("Add (Insert)")), ("remove", _("Remove (Delete)")),
                           ("up", _("Move up (Alt+Up)")), ("down", _("Move down (Alt+Down)")),
                           ("open", _("Open (Enter)"))):
            self.buttons[name].setText(text)
            self.buttons[name].setVisible(name == "open" or not self.fixed)
        self._enable()

    def full(self) -> Message | None:
        """Why Add can add nothing now (the list, or the interview, at its cap), else None."""
        if self.fixed or not self.roster.repeat:
            return None
        refusal = self.session.add_refusal(self.roster.repeat, self.roster.parent)
        if refusal is None:
            return None
        kind = RepeatCode.FULL if refusal.kind is RepeatCode.TOO_MANY else RepeatCode.FULL_IN_ALL
        return kind.message(label=repeat_label(self.session, self.roster.repeat),
                            limit=refusal.fields["limit"])

    def _enable(self) -> None:
        row, number = self.list.currentRow(), self.list.count()
        full = self.full()
        self.buttons["add"].setEnabled(full is None)
        self.buttons["add"].setToolTip("" if full is None else render(full, language()))
        for key in self._add_keys:
            key.setEnabled(full is None)
        self.buttons["remove"].setEnabled(row >= 0)
        self.buttons["up"].setEnabled(row > 0)
        self.buttons["down"].setEnabled(0 <= row < number - 1)
        self.buttons["open"].setEnabled(row >= 0)

    def focus_first(self) -> None:
        self.list.setFocus()

    def selected(self) -> int | None:
        """The selected instance number (1-based), None when none is."""
        row = self.list.currentRow()
        return row + 1 if row >= 0 else None

    # -- acting ------------------------------------------------------------------------------
    def open_selected(self) -> None:
        number = self.selected()
        if number is not None:
            self.open_instance.emit(number)

    def add(self) -> None:
        if self.fixed or not self.isVisible():
            return
        if self.full() is not None:
            return
        path = self.session.add_instance(self.roster.repeat, self.roster.parent)
        self.refresh(path[-1][1])
        self.list.setFocus()  # Enter now opens the one just added, whoever clicked Add
        self.changed.emit()
        full = self.full()
        if full is not None:
            self.say_full(full)

    def say_full(self, full: Message) -> QMessageBox:
        """Tell that the list can take no more (the add just made filled it)."""
        box = QMessageBox(QMessageBox.Icon.Information, _("The list is full"),
                          render(full, language()), QMessageBox.StandardButton.Ok, self)
        box.setObjectName("roster_full_box")
        box.finished.connect(lambda _r: self._full_closed())
        self.full_dialog = box
        box.open()
        return box

    def _full_closed(self) -> None:
        self.full_dialog = None
        self.list.setFocus()

    def ask_remove(self) -> QMessageBox | None:
        """Ask before removing the selected instance ("Keep" is the default)."""
        number = self.selected()
        if self.fixed or number is None or not self.isVisible():
            return None
        path = (*self.roster.parent, (self.roster.repeat, number))
        box = question_box(self, _("Remove from the list"), _(
            "Remove {number}. {summary} and all its answers? The removal is recorded.",
            number=number, summary=summary(self.session, path)),
            ("confirm_remove", _("Remove")), ("keep", _("Keep")))
        box.setObjectName("confirm_remove_box")
        box.finished.connect(lambda _r: self._remove_answered(number, chose(box, "confirm_remove")))
        self.remove_dialog = box
        box.open()
        return box

    def _remove_answered(self, number: int, confirmed: bool) -> None:
        self.remove_dialog = None
        if confirmed:
            self.session.remove_instance(self.roster.repeat, number, self.roster.parent)
            self.refresh(number)
            self.changed.emit()
        self.list.setFocus()

    def move_selected(self, step: int) -> None:
        number = self.selected()
        if self.fixed or number is None or not 1 <= number + step <= self.list.count():
            return
        self.session.move_instance(self.roster.repeat, number, number + step, self.roster.parent)
        self.refresh(number + step)
        self.list.setFocus()
        self.changed.emit()

    def eventFilter(self, watched: object, event: object) -> bool:
        """Enter in the list opens the selected instance (and goes no further)."""
        if watched is self.list and isinstance(event, QKeyEvent) \
                and event.type() == QKeyEvent.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                and self.selected() is not None:
            self.open_selected()
            return True
        return super().eventFilter(watched, event)  # type: ignore[arg-type]
