"""The home screen: questionnaires, interviews with filters, fieldwork progress per region.

A database holding demo data says so in a banner at the top ("Back to my database"); an empty
real database offers to try Kelisim with demo data, kept in a database of its own.
"""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.background import FormsReader, form_of, parsed_form_of
from desktop.i18n import _
from desktop.interviews_model import InterviewsTableModel
from desktop.quota_model import QuotaTableModel
from desktop.style import make_muted, paint_banner
from survey.store import Store
from survey.store.records import FormRecord


class HomeWidget(QWidget):
    """Emits ``start_requested(form_id, version)`` and ``open_requested(uuid)``."""

    start_requested = Signal(str, str)
    open_requested = Signal(str)
    demo_requested = Signal()
    leave_demo_requested = Signal()

    def __init__(self, store: Store, language: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.language = language
        self.quota_model: QuotaTableModel | None = None
        #: The questionnaires parsed in a worker; the quotas wait for them (GUI never parses).
        self.forms_reader = FormsReader(store, self)
        self.forms_reader.parsed.connect(self._form_changed)
        self.model = InterviewsTableModel(store, batch=200, form_language=language)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self._interviews_box())
        splitter.addWidget(self._progress_box())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self._notice())
        layout.addWidget(self._forms_box())
        layout.addWidget(splitter, 1)
        self.refresh()

    # -- building ----------------------------------------------------------------------------
    def _notice(self) -> QFrame:
        """The demo-data banner, or on an empty real database the offer to try demo data."""
        self.notice = QFrame()
        self.notice.setObjectName("demo_notice")
        self.notice.setFrameShape(QFrame.Shape.StyledPanel)
        self.notice_text = QLabel()
        self.notice_text.setObjectName("demo_notice_text")
        self.notice_text.setWordWrap(True)
        self.notice_button = QPushButton()
        self.notice_button.setObjectName("demo_notice_button")
        self.notice_button.clicked.connect(self._notice_clicked)
        layout = QHBoxLayout(self.notice)
        layout.addWidget(self.notice_text, 1)
        layout.addWidget(self.notice_button)
        if self.store.is_demo():
            paint_banner(self.notice)
            bold = self.notice_text.font()
            bold.setBold(True)
            self.notice_text.setFont(bold)
        return self.notice

    def _update_notice(self) -> None:
        count = self.model.total()
        if self.store.is_demo():
            self.notice_text.setText(_(
                "DEMO DATA: the {count} interviews in this database are synthetic, made for "
                "trying Kelisim. They are not real; exports and reports made here say "
                "\"demo data\".", count=count))
            self.notice_button.setText(_("Back to my database"))
            self.notice.show()
        elif count == 0 and self.store.count_interviews() == 0:
            self.notice_text.setText(_(
                "No interviews yet. Start one, or look around first with synthetic demo data; "
                "it is kept in a separate database and never mixes with your interviews."))
            self.notice_button.setText(_("Try with demo data"))
            self.notice.show()
        else:
            self.notice.hide()

    def _notice_clicked(self) -> None:
        if self.store.is_demo():
            self.leave_demo_requested.emit()
        else:
            self.demo_requested.emit()

    def _forms_box(self) -> QGroupBox:
        box = QGroupBox(_("Questionnaires"))
        self.forms = QListWidget()
        self.forms.setObjectName("forms")
        self.forms.setMaximumHeight(self.fontMetrics().lineSpacing() * 5 + 12)
        self.forms.setWordWrap(True)
        self.forms.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.forms.currentRowChanged.connect(lambda _row: self._form_changed())
        self.forms.itemActivated.connect(lambda _item: self._start())
        self.start_button = QPushButton(_("Start new interview"))
        self.start_button.setObjectName("start")
        self.start_button.clicked.connect(self._start)
        layout = QHBoxLayout(box)
        layout.addWidget(self.forms, 1)
        layout.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignTop)
        return box

    def _interviews_box(self) -> QGroupBox:
        box = QGroupBox(_("Interviews"))
        self.status = QComboBox()
        self.status.setObjectName("status_filter")
        for text, value in ((_("All"), None), (_("Drafts"), "draft"),
                            (_("Complete"), "complete")):
            self.status.addItem(text, value)
        self.status.currentIndexChanged.connect(lambda _i: self._filter_changed())
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(_("Filter by region, interviewer, …"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = QTableView()
        self.table.setObjectName("interviews")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().lineSpacing() + 8)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # The questionnaire gets a fixed width and the interview id what is left (their ends
        # elided: both are on the Data tab in full), so no column is cut off at 1366x768.
        form_column = InterviewsTableModel.COLUMNS.index("form")
        header.setSectionResizeMode(form_column, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(form_column, self.fontMetrics().averageCharWidth() * 16)
        header.setSectionResizeMode(InterviewsTableModel.COLUMNS.index("uuid"),
                                    QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(lambda _index: self._open())
        self.open_button = QPushButton(_("Open selected"))
        self.open_button.setObjectName("open")
        self.open_button.clicked.connect(self._open)
        self.count = QLabel()
        filters = QHBoxLayout()
        filters.addWidget(QLabel(_("Show:")))
        filters.addWidget(self.status)
        filters.addWidget(self.search, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count, 1)
        bottom.addWidget(self.open_button)
        layout = QVBoxLayout(box)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        return box

    def _progress_box(self) -> QGroupBox:
        box = QGroupBox(_("Fieldwork progress by region"))
        self.quota_table = QTableView()
        self.quota_table.setObjectName("quotas")
        self.quota_table.verticalHeader().hide()
        self.quota_table.verticalHeader().setDefaultSectionSize(
            self.fontMetrics().lineSpacing() + 8)
        self.quota_table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                         | QAbstractItemView.EditTrigger.EditKeyPressed
                                         | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.quota_total = QLabel()
        self.quota_total.setWordWrap(True)
        note = QLabel(_("Type a number in the Target column to set a region's quota."))
        note.setWordWrap(True)
        make_muted(note)
        layout = QVBoxLayout(box)
        layout.addWidget(self.quota_table, 1)
        layout.addWidget(self.quota_total)
        layout.addWidget(note)
        return box

    # -- state -------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read forms, interviews and progress from the store."""
        selected = self.selected_form()
        self.forms.blockSignals(True)
        self.forms.clear()
        for record in self.store.forms():
            title = record.title.get(self.language, (record.default_language or "",))
            item = QListWidgetItem(f"{title or record.form_id}  ({record.form_id} "
                                   f"{record.version})".replace(" )", ")"))
            item.setData(Qt.ItemDataRole.UserRole, record)
            self.forms.addItem(item)
            if selected and (record.form_id, record.version) == (selected.form_id,
                                                                 selected.version):
                self.forms.setCurrentItem(item)
        if self.forms.currentRow() < 0 and self.forms.count():
            self.forms.setCurrentRow(0)
        self.forms.blockSignals(False)
        self.start_button.setEnabled(self.forms.count() > 0)
        self._filter_changed()
        self._form_changed()
        self._update_notice()

    def selected_form(self) -> FormRecord | None:
        item = self.forms.currentItem() if hasattr(self, "forms") else None
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def _filter_changed(self) -> None:
        self.model.set_filter(status=self.status.currentData(), form_id=None)
        self.count.setText(_("{count} interview(s)", count=self.model.total()))

    def is_loading(self) -> bool:
        """Whether rows or counts are still being read (tests and screenshots wait on it)."""
        quota = self.quota_model is not None and self.quota_model.is_loading()
        return self.model.is_loading() or quota or self.forms_reader.is_loading()

    def _form_changed(self) -> None:
        record = self.selected_form()
        if record is None:
            self.quota_table.setModel(None)
            self.quota_model = None
            self.quota_total.clear()
            return
        form = parsed_form_of(self.store, record.form_id, record.version)
        if form is None and self.forms_reader.is_loading():
            self.quota_table.setModel(None)
            self.quota_model = None
            self.quota_total.setText(_("Reading the questionnaire…"))
            return
        form = form or form_of(self.store, record.form_id, record.version)
        self.quota_model = QuotaTableModel(self.store, form, self.language)
        self.quota_model.dataChanged.connect(lambda *_a: self._update_totals())
        self.quota_model.loaded.connect(self._update_totals)
        self.quota_table.setModel(self.quota_model)
        header = self.quota_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self._update_totals()

    def _update_totals(self) -> None:
        if self.quota_model is None:
            return
        done, target = self.quota_model.totals()
        if target:
            text = _("Completed {done} of a target of {target}.", done=done, target=target)
        else:
            text = _("Completed {done}; no regional targets set yet.", done=done)
        self.quota_total.setText(text)

    def _start(self) -> None:
        record = self.selected_form()
        if record is not None:
            self.start_requested.emit(record.form_id, record.version)

    def _open(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.open_requested.emit(str(self.proxy.data(index, Qt.ItemDataRole.UserRole)))
