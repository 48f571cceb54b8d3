"""Small dialogs: interviewer name, reopen reason, questionnaire problems."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _, language
from survey.messages import Message, render


def _buttons(dialog: QDialog, ok_text: str, cancel: bool = True) -> QDialogButtonBox:
    flags = QDialogButtonBox.StandardButton.Ok
    if cancel:
        flags |= QDialogButtonBox.StandardButton.Cancel
    box = QDialogButtonBox(flags)
    box.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    if cancel:
        box.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


class TextEntryDialog(QDialog):
    """Asks for one line of text; OK stays disabled while it is empty."""

    def __init__(self, title: str, prompt: str, text: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        label = QLabel(prompt)
        label.setWordWrap(True)
        self.edit = QLineEdit(text)
        self.edit.setObjectName("entry")
        self.buttons = _buttons(self, _("OK"))
        self.edit.textChanged.connect(self._update)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.edit)
        layout.addWidget(self.buttons)
        self._update()
        self.setMinimumWidth(420)

    def _update(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.edit.text().strip()))

    def value(self) -> str:
        return self.edit.text().strip()


def interviewer_dialog(current: str = "", parent: QWidget | None = None) -> TextEntryDialog:
    """The first-start question for the interviewer's name or ID."""
    return TextEntryDialog(
        _("Interviewer"),
        _("Enter your interviewer code (e.g. ALM-07) or your name. It is recorded on every "
          "interview you do on this laptop and filled in where a questionnaire asks for the "
          "interviewer; you can change it later in the Settings menu."),
        current, parent)


def reopen_dialog(parent: QWidget | None = None) -> TextEntryDialog:
    """Asks why a completed interview is reopened (the reason goes to the audit log)."""
    return TextEntryDialog(
        _("Reopen interview"),
        _("This interview is complete. Write why it is reopened; the reason and your name are "
          "recorded in the audit log."),
        "", parent)


class FormErrorsDialog(QDialog):
    """The problems of an invalid questionnaire: sheet, row, column and message of each."""

    def __init__(self, source: str, problems: list[Message],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Questionnaire not imported"))
        intro = QLabel(_("{file} has {count} problem(s). Fix them in the XLSForm and import it "
                         "again.", file=source, count=len(problems)))
        intro.setWordWrap(True)
        self.table = QTableWidget(len(problems), 4)
        self.table.setObjectName("problems")
        self.table.setHorizontalHeaderLabels([_("Sheet"), _("Row"), _("Column"), _("Problem")])
        for row, problem in enumerate(problems):
            where = problem.location
            cells = (where.sheet or "", "" if where.row is None else str(where.row),
                     where.column or "", render(problem, language(), with_location=False))
            tip = f"{problem.code}: {render(problem, language())}"
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(tip)
                self.table.setItem(row, column, item)
        header = self.table.horizontalHeader()
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        self.table.resizeRowsToContents()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(_buttons(self, _("Close"), cancel=False))
        self.resize(900, 420)

    def rows(self) -> list[tuple[str, str, str, str]]:
        """The table's text, row by row (sheet, row, column, message)."""
        def text(row: int, column: int) -> str:
            item = self.table.item(row, column)
            return item.text() if item is not None else ""

        return [(text(r, 0), text(r, 1), text(r, 2), text(r, 3))
                for r in range(self.table.rowCount())]
