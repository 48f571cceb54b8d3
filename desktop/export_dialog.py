"""Export options: format, file, label language, labels, personal data, completed only."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from desktop.file_dialogs import save_file
from desktop.i18n import LANGUAGE_NAMES, _
from desktop.jobs import EXPORT_FORMATS

FORMAT_NAMES = {"csv": "CSV (.csv)", "xlsx": "Excel (.xlsx)", "sav": "SPSS (.sav)",
                "dta": "Stata (.dta)"}


class ExportDialog(QDialog):
    """Collects the arguments of ``survey.export.export_interviews``."""

    def __init__(self, folder: Path, parent: QWidget | None = None, *, fmt: str | None = None,
                 demo: bool = False) -> None:
        """``folder`` and ``fmt``: where and how the last export went; ``demo``: the database
        holds demo data (said in the dialog and in the file name)."""
        super().__init__(parent)
        self.setWindowTitle(_("Export interviews"))
        self.folder = folder
        self.format = QComboBox()
        self.format.setObjectName("format")
        for name in EXPORT_FORMATS:
            self.format.addItem(FORMAT_NAMES[name], name)
        chosen = fmt if fmt in EXPORT_FORMATS else EXPORT_FORMATS[0]
        self.format.setCurrentIndex(self.format.findData(chosen))
        stem = "kelisim_demo_data_export" if demo else "kelisim_export"
        self.path = QLineEdit(str(folder / f"{stem}.{chosen}"))
        self.path.setObjectName("path")
        browse = QPushButton(_("Choose…"))
        browse.clicked.connect(self._browse)
        self.format.currentIndexChanged.connect(lambda _i: self._fix_suffix())
        self.language = QComboBox()
        self.language.addItem(_("Form default"), None)
        for code, name in LANGUAGE_NAMES.items():
            self.language.addItem(name, code)
        self.labels = QCheckBox(_("Choice labels instead of codes"))
        self.pii = QCheckBox(_("Include personal data (marked in the questionnaire)"))
        self.complete_only = QCheckBox(_("Completed interviews only"))
        self.complete_only.setChecked(True)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path, 1)
        path_row.addWidget(browse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Export"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QFormLayout(self)
        if demo:
            note = QLabel(_("This database holds demo data: the export is synthetic interviews, "
                            "not real ones."))
            note.setObjectName("demo_note")
            note.setWordWrap(True)
            layout.addRow(note)
        layout.addRow(_("Format:"), self.format)
        layout.addRow(_("File:"), path_row)
        layout.addRow(_("Label language:"), self.language)
        layout.addRow("", self.labels)
        layout.addRow("", self.pii)
        layout.addRow("", self.complete_only)
        layout.addRow(buttons)
        self.setMinimumWidth(560)

    def _fix_suffix(self) -> None:
        path = Path(self.path.text() or self.folder / "kelisim_export")
        self.path.setText(str(path.with_suffix("." + self.format.currentData())))

    def _browse(self) -> None:
        fmt = self.format.currentData()
        name = save_file(self, _("Export interviews"), self.path.text(), f"*.{fmt}")
        if name:
            self.path.setText(name)
            self._fix_suffix()

    def out_path(self) -> Path:
        return Path(self.path.text()).expanduser()

    def fmt(self) -> str:
        return str(self.format.currentData())

    def options(self) -> dict[str, Any]:
        """Keyword arguments for ``export_interviews``."""
        return {"language": self.language.currentData(), "labels": self.labels.isChecked(),
                "include_pii": self.pii.isChecked(),
                "status": "complete" if self.complete_only.isChecked() else None}
