"""File dialogs in the interface language.

The platform's native dialogs (GTK, the desktop portal, Windows) speak the system's language,
not Kelisim's; Qt's own dialog speaks the interface language through the translations
``desktop.qt_translations`` installs. Every file dialog of the application is made here.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QHeaderView, QTreeView, QWidget

from desktop.i18n import _

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
    view = dialog.findChild(QTreeView)
    if view is not None:  # sizes and dates in full, the name taking the rest
        header = view.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    if saving:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    # Qt's own translations miss some of these in some languages (Russian "Look in:").
    label = QFileDialog.DialogLabel
    for part, text in ((label.LookIn, _("Look in:")), (label.FileName, _("File name:")),
                       (label.FileType, _("Files of type:")), (label.Reject, _("Cancel")),
                       (label.Accept, _("Save") if saving else _("Open"))):
        dialog.setLabelText(part, text)
    return dialog


def file_dialog(parent: QWidget | None, title: str, start: str, filters: str) -> QFileDialog:
    """An "open file" dialog, not yet shown (``exec()`` or ``show()`` it)."""
    return _dialog(parent, title, start, filters, QFileDialog.FileMode.ExistingFile)


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


def choose_folder(parent: QWidget | None, title: str, start: str) -> str:
    """An existing folder chosen by the user ("" when cancelled)."""
    return QFileDialog.getExistingDirectory(
        parent, title, start, QFileDialog.Option.ShowDirsOnly | OPTIONS)
