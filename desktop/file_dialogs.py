"""File dialogs in the interface language.

The platform's native dialogs (GTK, the desktop portal, Windows) speak the system's language,
not Kelisim's; Qt's own dialog speaks the interface language through the translations
``desktop.qt_translations`` installs. Every file dialog of the application is made here.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QWidget

#: The option every dialog gets: Qt's own widgets, translated with the interface.
OPTIONS = QFileDialog.Option.DontUseNativeDialog


def _run(dialog: QFileDialog) -> list[str]:
    dialog.setOption(OPTIONS, True)
    dialog.setObjectName("file_dialog")
    return dialog.selectedFiles() if dialog.exec() else []


def _dialog(parent: QWidget | None, title: str, start: str, filters: str,
            mode: QFileDialog.FileMode, saving: bool = False) -> QFileDialog:
    dialog = QFileDialog(parent, title, start, filters)
    dialog.setOption(OPTIONS, True)
    dialog.setFileMode(mode)
    if saving:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    return dialog


def open_file(parent: QWidget | None, title: str, start: str, filters: str) -> str:
    """One existing file chosen by the user ("" when cancelled)."""
    chosen = _run(_dialog(parent, title, start, filters, QFileDialog.FileMode.ExistingFile))
    return chosen[0] if chosen else ""


def open_files(parent: QWidget | None, title: str, start: str, filters: str) -> list[str]:
    """Existing files chosen by the user ([] when cancelled)."""
    return _run(_dialog(parent, title, start, filters, QFileDialog.FileMode.ExistingFiles))


def save_file(parent: QWidget | None, title: str, start: str, filters: str) -> str:
    """A file name to write ("" when cancelled); the dialog asks before replacing a file."""
    chosen = _run(_dialog(parent, title, start, filters, QFileDialog.FileMode.AnyFile,
                          saving=True))
    return chosen[0] if chosen else ""
