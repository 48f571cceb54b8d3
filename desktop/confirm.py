"""A question with two named buttons, the safe one the default (Enter and Escape choose it)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget


def question_box(parent: QWidget, title: str, text: str, act: tuple[str, str],
                 keep: tuple[str, str], *, default_act: bool = False) -> QMessageBox:
    """A window-modal question, not yet opened. ``act`` and ``keep`` are (object name, text)
    of the button that does the thing and the one that does not; ``keep`` is the default
    unless ``default_act``. ``box.findChild(QPushButton, name)`` finds either."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton,
                      parent)
    act_button = box.addButton(act[1], QMessageBox.ButtonRole.AcceptRole)
    act_button.setObjectName(act[0])
    keep_button = box.addButton(keep[1], QMessageBox.ButtonRole.RejectRole)
    keep_button.setObjectName(keep[0])
    box.setDefaultButton(act_button if default_act else keep_button)
    box.setEscapeButton(keep_button)
    return box


def chose(box: QMessageBox, name: str) -> bool:
    """Whether the button named ``name`` closed ``box``."""
    clicked = box.clickedButton()
    return isinstance(clicked, QPushButton) and clicked.objectName() == name
