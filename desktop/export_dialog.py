"""Export options: table, format, file, language, labels, personal data, what goes beside it.

The options are the fields of ``reports.exports.ExportOptions``: the interviews (one row
each), the paradata or the audit trail; choice labels and missing codes for csv/xlsx, text as
typed for csv; design columns, syntax files and a codebook beside the data.
"""

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
    """Collects the arguments of ``reports.exports.export_survey``."""

    def __init__(self, folder: Path, parent: QWidget | None = None, *, fmt: str | None = None,
                 demo: bool = False) -> None:
        """``folder`` and ``fmt``: where and how the last export went; ``demo``: the database
        holds demo data (said in the dialog and in the file name)."""
        super().__init__(parent)
        self.setWindowTitle(_("Export interviews"))
        self.folder = folder
        self.table = QComboBox()
        self.table.setObjectName("table")
        for key, text in (("interviews", _("Interviews (one row each)")),
                          ("paradata", _("Paradata (one row per question shown or answered)")),
                          ("audit", _("Audit trail (completions, reopenings, changes)"))):
            self.table.addItem(text, key)
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
        self.labels = QCheckBox(_("Choice labels instead of codes (csv, xlsx)"))
        self.missing_codes = QCheckBox(_("Missing codes (-99 …) in empty cells (csv, xlsx)"))
        self.missing_codes.setChecked(True)
        self.raw_text = QCheckBox(_("Formula-like text exactly as typed (csv)"))
        self.pii = QCheckBox(_("Include personal data (marked in the questionnaire)"))
        self.complete_only = QCheckBox(_("Completed interviews only"))
        self.complete_only.setChecked(True)
        self.design = QCheckBox(_("Design columns (weights, stratum, PSU)"))
        self.syntax = QCheckBox(_("Syntax files for SPSS, Stata and R"))
        self.codebook = QCheckBox(_("Codebook (xlsx and PDF)"))
        for box in (self.design, self.syntax, self.codebook):
            box.setChecked(True)
        self.table.currentIndexChanged.connect(lambda _i: self._enable())
        self.format.currentIndexChanged.connect(lambda _i: self._enable())
        self._layout(browse, demo)
        self._enable()
        self.setMinimumWidth(620)

    def _layout(self, browse: QPushButton, demo: bool) -> None:
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
        layout.addRow(_("Table:"), self.table)
        layout.addRow(_("Format:"), self.format)
        layout.addRow(_("File:"), path_row)
        layout.addRow(_("Label language:"), self.language)
        for box in (self.labels, self.missing_codes, self.raw_text, self.pii,
                    self.complete_only, self.design, self.syntax, self.codebook):
            layout.addRow("", box)
        layout.addRow(buttons)

    def _enable(self) -> None:
        """Offer only the options that apply to the chosen table and format."""
        interviews = self.table.currentData() == "interviews"
        sheet = self.format.currentData() in ("csv", "xlsx")
        self.labels.setEnabled(interviews and sheet)
        self.missing_codes.setEnabled(interviews and sheet)
        self.raw_text.setEnabled(self.format.currentData() == "csv")
        for box in (self.pii, self.design, self.syntax, self.codebook):
            box.setEnabled(interviews)

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
        """Keyword arguments of ``reports.exports.ExportOptions`` (besides the format)."""
        return {"table": self.table.currentData(), "language": self.language.currentData(),
                "labels": self.labels.isChecked(), "include_pii": self.pii.isChecked(),
                "status": "complete" if self.complete_only.isChecked() else None,
                "missing_codes": self.missing_codes.isChecked(),
                "raw_text": self.raw_text.isChecked(), "design": self.design.isChecked(),
                "syntax": self.syntax.isChecked(), "codebook": self.codebook.isChecked()}
