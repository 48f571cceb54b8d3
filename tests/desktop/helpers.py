"""Small helpers shared by the desktop tests."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.interview_widget import InterviewWidget
from desktop.main_window import MainWindow
from desktop.question_widgets import QuestionWidget
from desktop.settings import AppSettings
from survey.interview.session import InterviewSession
from survey.store import Store


def open_main_window(qtbot: QtBot, store: Store, settings: AppSettings) -> MainWindow:
    """The main window over ``store`` at 1366x768, shown."""
    window = MainWindow(store, settings)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    return window


def show_screen(qtbot: QtBot, session: InterviewSession,
                size: tuple[int, int] = (1000, 700)) -> InterviewWidget:
    """The interview screen of ``session``, shown and active (keys reach it)."""
    widget = InterviewWidget(session)
    qtbot.addWidget(widget)
    widget.resize(*size)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    return widget


def question(widget: InterviewWidget, name: str) -> QuestionWidget:
    """The widget of question ``name`` on the page shown now."""
    for item in widget.widgets:
        if item.question.name == name:
            return item
    shown = [w.question.name for w in widget.widgets]
    raise AssertionError(f"question {name} is not on the page; shown: {shown}")


def type_number(qtbot: QtBot, widget: InterviewWidget, name: str, text: str) -> None:
    """Select-all, type ``text`` into a number question and press Enter in it."""
    edit = question(widget, name).edit  # type: ignore[attr-defined]
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def press(qtbot: QtBot, widget: InterviewWidget, name: str, key: Qt.Key) -> None:
    """Press ``key`` with the focus in question ``name`` (on its first option, or kept where it is)."""
    target = question(widget, name)
    buttons = getattr(target, "buttons", None)
    receiver = buttons[0] if buttons else target
    focused = QApplication.focusWidget()
    if focused is None or not target.isAncestorOf(focused):
        receiver.setFocus()  # as Tab would, before typing
        focused = receiver
    qtbot.keyClick(focused, key)
