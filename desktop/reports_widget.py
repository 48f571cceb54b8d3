"""The Reports tab: choose report options, build Excel/PDF in a worker, show where they went.

A thin widget over :func:`reports.api.build_report`: it collects a :class:`ReportSpec`, runs
the report in Qt's thread pool (:class:`desktop.workers.Job`) with a progress bar and a Cancel
button, and shows the written paths or the error. Spec files can be loaded and saved so the same
report is rebuilt every wave. Its strings come from the ``reports`` message catalog in the
interface language.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from desktop.file_dialogs import open_file, save_file
from desktop.report_rosters import RosterIndicators
from desktop.workers import Job, JobCancelled
from reports.api import ReportResult, build_report
from reports.errors import ReportCancelled, ReportError
from reports.labels import unlabelled_names
from reports.questions import SKIPPED_GROUPS, SKIPPED_QUESTIONS
from reports.spec import (
    DEFAULT_BREAKDOWNS,
    ReportSpec,
    applicable,
    load_spec,
    repeat_questions,
    save_spec,
)
from survey.form.model import Form, QuestionType
from survey.form.repeats import repeat_names
from survey.i18n import LANGUAGE_NAMES, LANGUAGES, translator


class ReportsWidget(QWidget):
    """Report options, Build / Cancel, progress, and the result paths."""

    report_finished = Signal(object)  # ReportResult
    report_failed = Signal(str)
    report_cancelled = Signal()

    def __init__(self, db_path_getter: Callable[[], str | Path | None],
                 parent: QWidget | None = None,
                 forms_getter: Callable[[], list[tuple[str, str]]] | None = None,
                 form_getter: Callable[[str | None], Form | None] | None = None) -> None:
        super().__init__(parent)
        self._db_path = db_path_getter
        #: (form_id, title) of the questionnaires in the database, for the chooser.
        self._forms = forms_getter or (lambda: [])
        #: The questionnaire of a form_id (its latest version), for the breakdown list.
        self._form = form_getter or (lambda _form_id: None)
        self._ = translator("reports", i18n.language())
        self.job: Job | None = None
        self._failed = False
        self._build_form()
        self._build_buttons()
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addLayout(self.buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.set_spec(ReportSpec())
        for edit in (self.title, self.xlsx, self.pdf):
            edit.textChanged.connect(lambda _t: self._options_changed())
        for box in (self.form_choice, self.language, self.weighting, self.wave):
            box.currentIndexChanged.connect(lambda _i: self._options_changed())
        self.breakdowns.itemChanged.connect(lambda _item: self._options_changed())
        self.rosters.itemChanged.connect(lambda _item: self._options_changed())
        self.form_choice.currentIndexChanged.connect(lambda _i: self._fill_rosters())

    def _combo(self, name: str, items: list[tuple[str, object]]) -> QComboBox:
        box = QComboBox()
        box.setObjectName(name)
        for text, value in items:
            box.addItem(text, value)
        return box

    def _build_form(self) -> None:
        _ = self._
        self.title = QLineEdit()
        self.title.setObjectName("title")
        self.form_choice = self._combo("form", [(f"{title} ({form_id})", form_id)
                                                for form_id, title in self._forms()])
        self.language = self._combo("language", [(LANGUAGE_NAMES[c], c) for c in LANGUAGES])
        self.weighting = self._combo("weighting", [
            (_("unweighted"), "none"), (_("design weights (region population)"), "design"),
            (_("design weights raked to population margins"), "raked")])
        self.wave = self._combo("wave", [(_("Latest wave"), None), (_("All waves pooled"), "all"),
                                         (_("Baseline wave"), "baseline"),
                                         (_("Follow-up wave"), "followup")])
        self.breakdowns = QListWidget()
        self.breakdowns.setObjectName("breakdowns")
        self.breakdowns.setMaximumHeight(self.fontMetrics().lineSpacing() * 6 + 8)
        self._fill_breakdowns()
        self.rosters = RosterIndicators()
        self.rosters.setMaximumHeight(self.fontMetrics().lineSpacing() * 6 + 8)
        self.rosters_label = QLabel(_("Roster indicators"))
        self._fill_rosters()
        self.xlsx = QLineEdit()
        self.xlsx.setObjectName("xlsx")
        self.pdf = QLineEdit()
        self.pdf.setObjectName("pdf")
        self.form = QFormLayout()
        if self.form_choice.count() > 1:
            self.form.addRow(_("Questionnaire"), self.form_choice)
        else:
            self.form_choice.hide()
        self.form.addRow(_("Title"), self.title)
        self.form.addRow(_("Report language"), self.language)
        self.form.addRow(_("Weighting"), self.weighting)
        self.form.addRow(_("Wave"), self.wave)
        self.form.addRow(_("Breakdowns"), self.breakdowns)
        self.form.addRow(self.rosters_label, self.rosters)
        self.form.addRow(_("Excel file"), self._with_browse(self.xlsx, "Excel (*.xlsx)"))
        self.form.addRow(_("PDF file"), self._with_browse(self.pdf, "PDF (*.pdf)"))

    def _with_browse(self, edit: QLineEdit, pattern: str) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(edit, 1)
        button = QPushButton(self._("Choose…"))
        button.clicked.connect(lambda: self._browse(edit, pattern))
        row.addWidget(button)
        return row

    def _browse(self, edit: QLineEdit, pattern: str) -> None:
        path = save_file(self, self._("Save report as"), edit.text(), pattern)
        if path:
            edit.setText(path)

    def _build_buttons(self) -> None:
        _ = self._
        self.build_button = QPushButton(_("Build report"))
        self.build_button.setObjectName("build")
        self.build_button.clicked.connect(self.start)
        self.cancel_button = QPushButton(_("Cancel"))
        self.cancel_button.setObjectName("cancel")
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        load = QPushButton(_("Load spec…"))
        load.clicked.connect(self._ask_load)
        save = QPushButton(_("Save spec…"))
        save.clicked.connect(self._ask_save)
        self.buttons = QHBoxLayout()
        for button in (self.build_button, self.cancel_button, load, save):
            self.buttons.addWidget(button)
        self.buttons.addStretch(1)
        self.progress = QProgressBar()
        self.progress.setObjectName("progress")
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)

    # -- spec <-> form ----------------------------------------------------------------------
    def _fill_breakdowns(self) -> None:
        """The questions a report can be broken down by, by their labels, to tick."""
        form = self._form(self.form_choice.currentData())
        for name, label in breakdown_choices(form, i18n.language()):
            self._breakdown_item(name, label)

    def refill_form(self) -> None:
        """List the breakdowns and roster indicators again (the questionnaire has been read
        since the tab was built), keeping what is ticked."""
        ticked = self.breakdown_names()
        self.breakdowns.clear()
        self._fill_breakdowns()
        self.tick_breakdowns(ticked)
        self._fill_rosters()

    def _breakdown_item(self, name: str, label: str) -> QListWidgetItem:
        item = QListWidgetItem(label, self.breakdowns)
        item.setData(Qt.ItemDataRole.UserRole, name)
        item.setToolTip(name)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)
        return item

    def _fill_rosters(self) -> None:
        """The repeat-level indicators of the chosen form; the row shows only when it has
        repeats."""
        form = self._form(self.form_choice.currentData())
        self.rosters.fill(form, i18n.language())
        if hasattr(self, "_shown"):  # the spec's default indicators this form asks: ticked
            wanted = applicable(self._shown, repeat_questions(form)).repeat_indicators
            offered = self.rosters.offered()
            self.rosters.tick((*self.rosters.chosen(),
                               *(i for i in wanted if i in offered
                                 and i not in self.rosters.chosen())))
        self._show_rosters()

    def _show_rosters(self) -> None:
        shown = self.rosters.count() > 0
        self.rosters.setVisible(shown)
        self.rosters_label.setVisible(shown)

    def breakdown_names(self) -> tuple[str, ...]:
        """The ticked breakdowns' question names, in list order."""
        items = [self.breakdowns.item(i) for i in range(self.breakdowns.count())]
        return tuple(str(i.data(Qt.ItemDataRole.UserRole)) for i in items
                     if i.checkState() == Qt.CheckState.Checked)

    def tick_breakdowns(self, names: tuple[str, ...]) -> None:
        """Tick exactly ``names`` (a name not in the list, from a spec file, is added)."""
        listed = {str(self.breakdowns.item(i).data(Qt.ItemDataRole.UserRole)): i
                  for i in range(self.breakdowns.count())}
        for name in names:
            if name not in listed:
                listed[name] = self.breakdowns.count()
                self._breakdown_item(name, name)
        for name, row in listed.items():
            self.breakdowns.item(row).setCheckState(
                Qt.CheckState.Checked if name in names else Qt.CheckState.Unchecked)

    def spec(self) -> ReportSpec:
        """The options on screen as a spec, over the last spec set (its options the tab does
        not show, such as the indicators of a spec file, kept); raises ReportError for bad
        options."""
        breakdowns = self.breakdown_names()
        return replace(self._shown, title=self.title.text().strip() or None,
                          form_id=self.form_choice.currentData(),
                          language=self.language.currentData(),
                          weighting=self.weighting.currentData(),
                          wave=self.wave.currentData(), breakdowns=breakdowns,
                          repeat_indicators=self.rosters.chosen())

    def set_spec(self, spec: ReportSpec) -> None:
        self._shown = spec
        self.title.setText(spec.title or "")
        if spec.form_id is not None and self.form_choice.findData(spec.form_id) >= 0:
            self.form_choice.setCurrentIndex(self.form_choice.findData(spec.form_id))
        for box, value in ((self.language, spec.language), (self.weighting, spec.weighting),
                           (self.wave, spec.wave)):
            box.setCurrentIndex(max(box.findData(value), 0))
        self.tick_breakdowns(spec.breakdowns)
        form = self._form(self.form_choice.currentData())
        self.rosters.tick(applicable(spec, repeat_questions(form)).repeat_indicators)
        self._show_rosters()

    def _ask_load(self) -> None:
        path = open_file(self, self._("Load spec…"), "", "JSON (*.json)")
        if path:
            self.load_spec_file(path)

    def _ask_save(self) -> None:
        path = save_file(self, self._("Save spec…"), "", "JSON (*.json)")
        if path:
            self.save_spec_file(path)

    def load_spec_file(self, path: str | Path) -> None:
        try:
            self.set_spec(load_spec(path))
        except ReportError as error:
            self.message.setText(i18n.error_text(error))

    def save_spec_file(self, path: str | Path) -> None:
        try:
            save_spec(self.spec(), path)
        except ReportError as error:
            self.message.setText(i18n.error_text(error))

    # -- running ----------------------------------------------------------------------------
    def start(self) -> None:
        """Build the report in a worker; results arrive through the signals."""
        _ = self._
        db = self._db_path()
        xlsx, pdf = self.xlsx.text().strip() or None, self.pdf.text().strip() or None
        if not db:
            self._fail(_("No database is open."))
            return
        if not xlsx and not pdf:
            self._fail(_("Choose an Excel or PDF file to write."))
            return
        try:
            spec = self.spec()
        except ReportError as error:
            self._fail(i18n.error_text(error))
            return
        self.job = Job(lambda progress, cancelled: _run(db, spec, xlsx, pdf, progress, cancelled))
        self.job.signals.progress.connect(self._on_progress)
        self.job.signals.succeeded.connect(self._on_done)
        self.job.signals.failed.connect(lambda error: self._fail(i18n.error_text(error)))
        self.job.signals.cancelled.connect(self._on_cancelled)
        self.build_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress.setValue(0)
        self.message.setText(_("Building the report…"))
        self.job.start()

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)

    def _options_changed(self) -> None:
        """An option changed: a failure shown for the old options no longer applies."""
        if self._failed:
            self._failed = False
            self.message.clear()

    def _idle(self) -> None:
        self.build_button.setEnabled(True)
        self.cancel_button.setEnabled(False)

    def _on_done(self, result: ReportResult) -> None:
        self._idle()
        paths = "\n".join(str(p) for p in (result.xlsx, result.pdf) if p is not None)
        self.message.setText(self._("Report written:\n{paths}", paths=paths))
        self.report_finished.emit(result)

    def _fail(self, text: str) -> None:
        self._idle()
        self._failed = True
        self.message.setText(self._("The report could not be built: {error}", error=text))
        self.report_failed.emit(text)

    def _on_cancelled(self) -> None:
        self._idle()
        self.progress.setValue(0)
        self.message.setText(self._("Report cancelled."))
        self.report_cancelled.emit()


def breakdown_choices(form: Form | None, language: str) -> list[tuple[str, str]]:
    """(name, label in ``language``) of the questions a report can be broken down by: the
    form's select_one questions that are neither Likert scales nor design or interviewer
    columns, and labelled calculations such as the age group."""
    unlabelled = unlabelled_names(translator("reports", language))
    if form is None:
        return [(name, unlabelled.get(name, name)) for name in DEFAULT_BREAKDOWNS]
    choices: list[tuple[str, str]] = []
    inside = repeat_names(form)  # a roster's questions are roster indicators, not breakdowns
    for question in form.questions:
        if question.name in SKIPPED_QUESTIONS or SKIPPED_GROUPS & set(question.group_path) \
                or inside & set(question.group_path):
            continue
        if question.type is QuestionType.SELECT_ONE and "likert" not in question.appearance:
            label = question.label.get(language, (form.default_language(),)) or question.name
        elif question.calculation is not None and question.name in unlabelled:
            label = unlabelled[question.name]
        else:
            continue
        choices.append((question.name, label))
    return choices


def _run(db: str | Path, spec: ReportSpec, xlsx: str | None, pdf: str | None,
         progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> Any:
    try:
        return build_report(db, spec=spec, xlsx=xlsx, pdf=pdf, progress=progress,
                            cancel=cancelled)
    except ReportCancelled:
        raise JobCancelled() from None
