"""``InterviewsTableModel``: the store's interviews as a lazy Qt table.

Rows are read in batches with ``Store.interviews(limit=, offset=)`` as the view scrolls
(``canFetchMore``/``fetchMore``), each batch in a worker thread on its own connection, so
100,000 interviews open as fast as 100 and the GUI never waits for a batch. The region
column reads the interview's ``region`` answer only for rows the view asks to paint.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from desktop.background import BackgroundReader, form_of, location_of, parsed_forms
from desktop.i18n import _
from survey.form.model import Form
from survey.sealing import SealingError
from survey.store import Store
from survey.store.records import InterviewRecord

Index = QModelIndex | QPersistentModelIndex
REGION_QUESTION = "region"
#: A complete interview whose consent question holds one of these answers is a refusal.
CONSENT_QUESTION = "consent"
REFUSED = frozenset({"no"})


def status_text(status: str, refused: bool = False) -> str:
    """The interface text of a store status ("Refused" for a completed refusal)."""
    if refused and status == "complete":
        return _("Refused")
    return {"draft": _("Draft"), "complete": _("Complete")}.get(status, status)


def is_refusal(answers: dict[str, Any]) -> bool:
    """Whether the respondent refused the interview (the consent question answered "no")."""
    return answers.get(CONSENT_QUESTION) in REFUSED


def duration_text(record: InterviewRecord) -> str:
    """Minutes from start to completion (or to the last change of a draft)."""
    end = record.completed_at or record.updated_at
    seconds = max((end - record.started_at).total_seconds(), 0)
    delta = timedelta(seconds=round(seconds))
    hours, rest = divmod(int(delta.total_seconds()), 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}"


def time_text(record: InterviewRecord, moment: datetime | None) -> str:
    return "" if moment is None else record.local(moment).strftime("%Y-%m-%d %H:%M")


class InterviewsTableModel(QAbstractTableModel):
    """Interviews of a store, newest change first, filtered by status and form.

    ``loaded`` is emitted after each batch arrives.
    """

    loaded = Signal()

    COLUMNS = ("status", "region", "interviewer", "started", "duration", "form", "uuid")

    def __init__(self, store: Store, *, status: str | None = None, form_id: str | None = None,
                 batch: int = 500, form_language: str | None = None) -> None:
        super().__init__()
        self.store = store
        self.batch = batch
        self.form_language = form_language
        self._status = status
        self._form_id = form_id
        self._rows: list[InterviewRecord] = []
        self._total = store.count_interviews(status=status, form_id=form_id)
        #: uuid -> (region label, refused), read for the rows the view paints.
        self._facts: dict[str, tuple[str, bool]] = {}
        self._generation = 0
        self._loading = False
        self.reader = BackgroundReader(location_of(store), self)
        self.reader.ready.connect(self._arrived)
        self.reader.failed.connect(self._read_failed)
        self.error: BaseException | None = None
        self.fetchMore()

    # -- filters -----------------------------------------------------------------------------
    def set_filter(self, *, status: str | None, form_id: str | None) -> None:
        """Show only interviews with ``status`` of form ``form_id`` (None = any)."""
        self._status, self._form_id = status, form_id
        self.reload()

    def reload(self) -> None:
        """Forget the loaded rows, count again and ask for the first batch (after new
        interviews, a merge, ...)."""
        self.beginResetModel()
        self._rows = []
        self._facts.clear()
        self._generation += 1
        self._loading = False
        self._total = self.store.count_interviews(status=self._status, form_id=self._form_id)
        self.endResetModel()
        self.fetchMore()

    def stop(self) -> None:
        """Show nothing more and drop batches still on their way: the window is closing, and
        its store may close before a late batch or a pending repaint would read it."""
        self.beginResetModel()
        self._rows = []
        self._facts.clear()
        self._generation += 1
        self._loading = False
        self._total = 0
        self.endResetModel()

    def total(self) -> int:
        return self._total

    def is_loading(self) -> bool:
        return self._loading

    def record(self, row: int) -> InterviewRecord:
        return self._rows[row]

    # -- lazy loading ------------------------------------------------------------------------
    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._loading and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        """Ask a worker for the next batch; rows are inserted when it arrives."""
        if not self.canFetchMore(parent):
            return
        self._loading = True
        status, form_id, offset, limit = self._status, self._form_id, len(self._rows), self.batch
        language = self.form_language
        self.reader.read((self._generation, offset), lambda store: _with_facts(
            store, store.interviews(status=status, form_id=form_id, limit=limit,
                                    offset=offset), language))

    def _arrived(self, tag: tuple[int, int],
                 batch: tuple[list[InterviewRecord], dict[str, tuple[str, bool]]]) -> None:
        generation, offset = tag
        if generation != self._generation or offset != len(self._rows):
            return  # a reload happened meanwhile
        self._loading = False
        more, facts = batch
        self._facts.update(facts)
        more = more[: self._total - len(self._rows)]
        if not more:
            self._total = len(self._rows)
        else:
            self.beginInsertRows(QModelIndex(), offset, offset + len(more) - 1)
            self._rows.extend(more)
            self.endInsertRows()
        self.loaded.emit()

    def _read_failed(self, tag: object, error: BaseException) -> None:
        self._loading = False
        self.error = error
        self.loaded.emit()

    # -- table -------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        titles = {"status": _("Status"), "region": _("Region"), "interviewer": _("Interviewer"),
                  "started": _("Started"), "duration": _("Duration"), "form": _("Form"),
                  "uuid": _("Interview ID")}
        return titles[self.COLUMNS[section]]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole,
                                               Qt.ItemDataRole.UserRole):
            return None
        record = self._rows[index.row()]
        if role == Qt.ItemDataRole.UserRole:
            return record.uuid
        column = self.COLUMNS[index.column()]
        if column == "status":
            return status_text(record.status, self._fact(record)[1])
        if column == "region":
            return self._fact(record)[0]
        if column == "interviewer":
            return record.interviewer
        if column == "started":
            return time_text(record, record.started_at)
        if column == "duration":
            return duration_text(record)
        if column == "form":
            return f"{record.form_id} {record.form_version}".strip()
        return record.uuid

    def _fact(self, record: InterviewRecord) -> tuple[str, bool]:
        """(region label, refused) of a painted row: read with its batch in the worker (here
        only for a row whose reading failed there)."""
        if record.uuid not in self._facts:
            self._facts[record.uuid] = fact_of(self.store, record, self.form_language)
        return self._facts[record.uuid]


def fact_of(store: Store, record: InterviewRecord, language: str | None) -> tuple[str, bool]:
    """(region label, refused) of an interview; of a sealed interview only the quota region
    is readable."""
    if store.is_sealed(record.uuid):
        answers = {REGION_QUESTION: store.quota_region(record.uuid)}
    else:
        try:
            answers = store.answers(record.uuid)
        except SealingError:  # a draft of a sealed study, its answers locked
            answers = {}
    refused = is_refusal(answers)
    region = _choice_label(store, record, answers.get(REGION_QUESTION), language)
    return region or ("—" if refused else ""), refused


def _choice_label(store: Store, record: InterviewRecord, value: Any,
                  language: str | None) -> str:
    if value is None:
        return ""
    try:
        form = form_of(store, record.form_id, record.form_version)
    except Exception:  # an unreadable form still lists its interviews
        return str(value)
    return region_label(form, str(value), language)


def _with_facts(store: Store, rows: list[InterviewRecord], language: str | None
                ) -> tuple[list[InterviewRecord], dict[str, tuple[str, bool]]]:
    """``rows`` with their region labels and refusals, read here in the worker (the GUI
    thread paints them without reading answers or parsing a questionnaire)."""
    _with_forms(store, rows)
    facts = {}
    for record in rows:
        try:
            facts[record.uuid] = fact_of(store, record, language)
        except Exception:  # read again when painted (and shown as it fails there)
            continue
    return rows, facts


def _with_forms(store: Store, rows: list[InterviewRecord]) -> list[InterviewRecord]:
    """``rows``, their questionnaires parsed here in the worker (``form_of`` keeps them), so
    painting their region labels does not parse a form on the GUI thread."""
    for form_id, version in {(r.form_id, r.form_version) for r in rows}:
        try:
            form_of(store, form_id, version)
        except Exception:  # an unreadable form still lists its interviews
            continue
    return rows


def region_label(form: Form, name: str, language: str | None) -> str:
    """The label of region choice ``name`` in ``language`` (the form's default as fallback)."""
    try:
        choice = form.question(REGION_QUESTION).choice(name)
    except KeyError:
        return name
    if choice is None:
        return name
    return choice.label.get(language, (form.default_language(),)) or name


def region_labels(store: Store, language: str | None) -> list[str]:
    """The region names of every questionnaire of ``store`` that asks for a region, of those
    parsed already (the GUI thread parses none: a worker parses them when the database opens,
    and with each batch of rows; the store is not read)."""
    labels: list[str] = []
    for form in parsed_forms(store):
        try:
            question = form.question(REGION_QUESTION)
        except KeyError:
            continue
        labels += [choice.label.get(language, (form.default_language(),)) or choice.name
                   for choice in question.choices]
    return labels
