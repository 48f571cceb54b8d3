"""The Data tab: every interview in a lazy table with the selected one's answers beside it,
export (remembering the last format and folder) and merge of laptop files."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.answers_view import AnswersView
from desktop.background import form_of, location_of
from desktop.export_dialog import ExportDialog
from desktop.file_dialogs import open_files
from desktop.i18n import _, language
from desktop.interviews_model import InterviewsTableModel, region_labels
from desktop.job_dialog import JobDialog
from desktop.jobs import export_job, merge_job
from desktop.settings import AppSettings
from desktop.workers import Job
from survey.interview.session import InterviewSession
from survey.messages import render
from survey.sealing import SealingError
from survey.store import MergeSummary, Store
from survey.store.postgres.reader import ServerReader


class DataWidget(QWidget):
    """Interviews table plus Export…, Merge… and Sync…; emits ``data_changed`` after a merge,
    ``sync_requested`` for Sync. Over a server (a ServerReader) it only reads and exports."""

    data_changed = Signal()
    sync_requested = Signal()

    def __init__(self, store: Store | ServerReader, language: str | None = None,
                 parent: QWidget | None = None, settings: AppSettings | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.settings = settings
        self.job_dialog: JobDialog | None = None
        self.model = InterviewsTableModel(store, batch=500, form_language=language)
        self.region_labels: list[str] = []
        self.status = QComboBox()
        for text, value in ((_("All"), None), (_("Drafts"), "draft"),
                            (_("Complete"), "complete")):
            self.status.addItem(text, value)
        self.status.currentIndexChanged.connect(lambda _i: self.reload())
        self.count = QLabel()
        self.export_button = QPushButton(_("Export…"))
        self.export_button.setObjectName("export")
        self.export_button.clicked.connect(self.ask_export)
        self.merge_button = QPushButton(_("Merge laptop files…"))
        self.merge_button.setObjectName("merge")
        self.merge_button.clicked.connect(self.ask_merge)
        self.sync_button = QPushButton(_("Sync with server…"))
        self.sync_button.setObjectName("sync")
        self.sync_button.clicked.connect(self.sync_requested.emit)
        on_server = isinstance(store, ServerReader)
        self.merge_button.setVisible(not on_server)
        self.sync_button.setVisible(not on_server)
        self.table = self._table()
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Show:")))
        top.addWidget(self.status)
        top.addWidget(self.count, 1)
        top.addWidget(self.export_button)
        top.addWidget(self.merge_button)
        top.addWidget(self.sync_button)
        self.detail = AnswersView()
        self.detail.setObjectName("detail")
        self.table.selectionModel().currentRowChanged.connect(lambda index, _old: self._show(index))
        self.model.loaded.connect(self._fit_region_column)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self.reload()

    def _table(self) -> QTableView:
        table = QTableView()
        self.table = table
        self.table.setObjectName("data")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setDefaultSectionSize(self.fontMetrics().horizontalAdvance("0") * 16)
        header.resizeSection(InterviewsTableModel.COLUMNS.index("form"),
                             self.fontMetrics().horizontalAdvance("0") * 28)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().lineSpacing() + 8)
        return table

    def reload(self) -> None:
        if isinstance(self.store, ServerReader):
            self.store.refresh()
        self.model.set_filter(status=self.status.currentData(), form_id=None)
        self.count.setText(_("{count} interview(s)", count=self.model.total()))
        self.detail.set_session(None)

    def _show(self, index: QModelIndex) -> None:
        """The answers of the interview in the current row (its questionnaire parsed once)."""
        if not index.isValid():
            self.detail.set_session(None)
            return
        record = self.model.record(index.row())
        form = form_of(self.store, record.form_id, record.form_version)
        try:
            session = InterviewSession(self.store, record.uuid, form, reading=True)
        except SealingError:  # sealed, or a draft whose encrypted answers are locked
            self.detail.set_session(None)
            return
        session.read_in(language())
        self.detail.set_session(session)

    def forms_parsed(self) -> None:
        """The questionnaires have been parsed (in a worker): fit the region column to them."""
        self._fit_region_column()

    def _fit_region_column(self) -> None:
        """Wide enough for the longest region name of the questionnaires, so none is cut
        (after each batch of rows: a model reset gives the columns their default width)."""
        labels = self.region_labels = region_labels(self.store, self.model.form_language)
        if labels:
            metrics = self.table.fontMetrics()
            padding = 4 * metrics.averageCharWidth()
            width = max(metrics.horizontalAdvance(label) for label in labels) + padding
            column = InterviewsTableModel.COLUMNS.index("region")
            self.table.horizontalHeader().resizeSection(column, width)

    # -- export ------------------------------------------------------------------------------
    def ask_export(self) -> None:
        """The export dialog at the last folder and format (or the home folder and CSV)."""
        remembered = self.settings.export_folder if self.settings is not None else ""
        folder = Path(remembered) if remembered and Path(remembered).is_dir() else Path.home()
        fmt = self.settings.export_format if self.settings is not None else ""
        dialog = ExportDialog(folder, self, fmt=fmt or None, demo=self.store.is_demo())
        dialog.finished.connect(dialog.deleteLater)
        if dialog.exec():
            if self.settings is not None:
                self.settings.export_format = dialog.fmt()
                self.settings.export_folder = str(dialog.out_path().parent)
            self.export(dialog.out_path(), dialog.fmt(), **dialog.options())

    def export(self, out_path: Path, fmt: str, **options: Any) -> JobDialog:
        """Export in a worker; returns the (open) progress dialog."""
        job = Job(export_job(location_of(self.store), out_path, fmt, **options))

        def summary(result: Any) -> str:
            lines = [_("Exported to {path}.", path=str(out_path))]
            lines += [str(path) for path in result.files[1:]]
            lines += [render(note, language()) for note in result.notes]
            return "\n".join(lines)

        return self._run(_("Export interviews"), job, summary)

    # -- merge -------------------------------------------------------------------------------
    def ask_merge(self) -> None:
        names = open_files(
            self, _("Merge laptop files"), str(Path.home()),
            _("Kelisim databases (*.db *.sqlite *.kelisim);;All files (*)"))
        if names:
            self.merge([Path(n) for n in names])

    def merge(self, paths: Sequence[Path]) -> JobDialog:
        """Merge ``paths`` into this store in a worker; returns the (open) progress dialog."""
        job = Job(merge_job(self.store.path, list(paths)))

        def summary(result: Any) -> str:
            lines = [merge_line(s) for s in result]
            if len(result) < len(paths):
                lines.append(_("Cancelled after {done} of {total} files.",
                               done=len(result), total=len(paths)))
            return "\n".join(lines)

        job.signals.finished.connect(self._after_merge)
        return self._run(_("Merge laptop files"), job, summary)

    def _after_merge(self) -> None:
        self.reload()
        self.data_changed.emit()

    def _run(self, title: str, job: Job, summarise: Any) -> JobDialog:
        self.job_dialog = JobDialog(title, job, summarise, self)
        self.job_dialog.setObjectName("job")
        self.job_dialog.open()
        job.start()
        return self.job_dialog


def merge_line(summary: MergeSummary) -> str:
    """One line per merged file, in the interface language, with its notes indented under it
    (a log beside the file that was not read, values set aside)."""
    notes = [f"    {render(note, language())}" for note in summary.notes]
    return "\n".join([render(summary.message(), language()), *notes])
