"""The main window: Home, Interview, Data and Reports tabs over one open store.

The title bar says when the database holds demo data; File → Try with demo data opens the
separate demo database (``desktop.demo_data``) and Back to my database returns. A completed
interview opens read-only (``desktop.interview_viewer``); reopening asks for a reason. The
interview on the Interview tab is remembered, so after a crash it is offered again at start.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from desktop.background import form_of, location_of, parsed_form_of
from desktop.confirm import chose
from desktop.data_widget import DataWidget
from desktop.demo_data import DemoData
from desktop.dialogs import FormErrorsDialog, TextEntryDialog, interviewer_dialog, reopen_dialog
from desktop.drafts_dialog import DraftsPassphraseDialog
from desktop.fieldwork_widget import FieldworkWidget
from desktop.file_dialogs import choose_folder, open_file, save_file
from desktop.home_widget import HomeWidget
from desktop.i18n import _
from desktop.interview_viewer import InterviewViewer
from desktop.interview_widget import InterviewWidget
from desktop.jobs import import_form_job, pack_job
from desktop.qt_translations import install_qt_translations
from desktop.reports_widget import ReportsWidget
from desktop.resume import interrupted_interview, resume_question
from desktop.server_dialogs import ConnectDialog, SyncDialog
from desktop.settings import AppSettings
from desktop.style import readable_palette
from desktop.workers import Job
from survey.bundled import ensure_bundled_form
from survey.errors import FormError, SurveyError
from survey.form.model import Form
from survey.interview.session import InterviewSession
from survey.messages import render
from survey.sealing import SealingCode
from survey.store import Store
from survey.store.postgres.connection import Address
from survey.store.postgres.reader import ServerReader


class MainWindow(QMainWindow):
    """Receives the open ``Store``; rebuilds its widgets when the interface language changes."""

    def __init__(self, store: Store, settings: AppSettings,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.settings = settings
        self.session: InterviewSession | None = None
        #: A read-only view of a Kelisim server (Data, Reports and fieldwork on Home).
        self.server: ServerReader | None = None
        self.fieldwork: FieldworkWidget | None = None
        self.interview_widget: InterviewWidget | None = None
        self.jobs: list[Job] = []
        self.dialog: QWidget | None = None
        self.demo = DemoData(self, settings, self.switch_database)
        self.resize(1280, 720)
        self.setPalette(readable_palette(self.palette()))
        self._remember_real_database()
        self._build()

    # -- building ----------------------------------------------------------------------------
    def _build(self) -> None:
        if self.server is not None:
            self.setWindowTitle(_("Kelisim — {file} · server {server}", file=self.store.path.name,
                                  server=self.server.address.display))
        elif self.store.is_demo():
            self.setWindowTitle(_("Kelisim — {file} — DEMO DATA (synthetic interviews)",
                                  file=self.store.path.name))
        else:
            self.setWindowTitle(_("Kelisim — {file}", file=self.store.path.name))
        self._menus()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("tabs")
        self.home = HomeWidget(self.store, i18n.language())
        self.home.start_requested.connect(self.start_interview)
        self.home.open_requested.connect(self.open_interview)
        self.home.demo_requested.connect(self.demo.open)
        self.home.leave_demo_requested.connect(self.demo.leave)
        self.data = DataWidget(self.server or self.store, i18n.language(), settings=self.settings)
        self.data.data_changed.connect(self.home.refresh)
        self.data.sync_requested.connect(self.ask_sync)
        self.tabs.addTab(self._home_page(), _("Home"))
        self.tabs.addTab(self._interview_tab(), _("Interview"))
        self.tabs.addTab(self.data, _("Data"))
        self.reports = ReportsWidget(lambda: location_of(self.server or self.store),
                                     forms_getter=self._form_titles,
                                     form_getter=self._latest_form)
        self.tabs.addTab(self.reports, _("Reports"))
        self.home.forms_reader.parsed.connect(self.reports.refill_form)
        if self.server is None:
            self.home.forms_reader.parsed.connect(self.data.forms_parsed)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.setCentralWidget(self.tabs)
        self._show_identity()

    def _form_titles(self) -> list[tuple[str, str]]:
        """(form_id, title in the interface language) of each questionnaire, newest first."""
        seen: dict[str, str] = {}
        source = self.server or self.store
        for record in sorted(source.forms(), key=lambda r: r.version_order, reverse=True):
            seen.setdefault(record.form_id, record.title.get(i18n.language()) or record.form_id)
        return list(seen.items())

    def _latest_form(self, form_id: str | None) -> Form | None:
        """The newest version of ``form_id`` (of the newest form when None), from the server
        when connected to one (what the Reports tab reads)."""
        source = self.server or self.store
        records = sorted(source.forms(), key=lambda r: r.version_order, reverse=True)
        record = next((r for r in records if form_id in (None, r.form_id)), None)
        if record is None:
            return None
        form = parsed_form_of(source, record.form_id, record.version)
        if form is None and self.home.forms_reader.is_loading():
            return None  # the breakdowns are filled when the worker has parsed it
        return form or form_of(source, record.form_id, record.version)

    def _home_page(self) -> QWidget:
        """Home; when connected to a server, with the server's fieldwork below it."""
        if self.server is None:
            self.fieldwork = None
            self.home_page: QWidget = self.home
            return self.home
        self.fieldwork = FieldworkWidget(self.server, i18n.language())
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.home, 3)
        layout.addWidget(self.fieldwork, 2)
        self.home_page = page
        return page

    def _interview_tab(self, start_page: int | None = None) -> QWidget:
        if self.session is not None and not self.session.is_complete:
            self.interview_widget = InterviewWidget(self.session, start_page=start_page)
            self.interview_widget.completed.connect(self._completed)
            self.interview_widget.language.currentIndexChanged.connect(
                lambda _i: self._remember_form_language())
            return self.interview_widget
        self.interview_widget = None
        placeholder = QLabel(_("No interview is open. Start or open one on the Home tab."))
        placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        return placeholder

    def _menus(self) -> None:
        bar = self.menuBar()
        bar.clear()
        file_menu = bar.addMenu(_("&File"))
        self._action(file_menu, _("&New database…"), self.ask_new_database, "Ctrl+N")
        self._action(file_menu, _("&Open database…"), self.ask_open_database, "Ctrl+O")
        self._action(file_menu, _("&Import questionnaire (XLSForm)…"), self.ask_import_form,
                     "Ctrl+I")
        self._action(file_menu, _("Send to &supervisor…"), self.ask_send_to_supervisor)
        file_menu.addSeparator()
        self._action(file_menu, _("&Sync with server…"), self.ask_sync)
        self._action(file_menu, _("&Connect to server…"), self.ask_connect)
        disconnect = self._action(file_menu, _("&Disconnect from server"), self.disconnect_server)
        disconnect.setEnabled(self.server is not None)
        file_menu.addSeparator()
        if self.store.is_demo():
            self._action(file_menu, _("&Back to my database"), self.demo.leave)
        else:
            self._action(file_menu, _("&Try with demo data"), self.demo.open)
        file_menu.addSeparator()
        self._action(file_menu, _("&Quit"), self.close, "Ctrl+Q")
        settings_menu = bar.addMenu(_("&Settings"))
        self._action(settings_menu, _("&Interviewer…"), lambda: self.ask_interviewer())
        language_menu = settings_menu.addMenu(_("Interface &language"))
        group = QActionGroup(self)
        for code, name in i18n.LANGUAGE_NAMES.items():
            action = QAction(name, self, checkable=True)
            action.setChecked(code == i18n.language())
            action.triggered.connect(lambda _c=False, code=code: self.set_interface_language(code))
            group.addAction(action)
            language_menu.addAction(action)

    def _action(self, menu: Any, text: str, slot: Any, shortcut: str | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _c=False: slot())
        menu.addAction(action)
        return action

    def is_loading(self) -> bool:
        """Whether Home is still reading in the background (benchmarks and tests wait)."""
        return self.home.is_loading()

    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.home_page:
            self.home.refresh()
            if self.fieldwork is not None:
                self.fieldwork.refresh()
        elif self.tabs.widget(index) is self.data:
            self.data.reload()

    def rebuild(self) -> None:
        """Recreate every widget (after an interface language or database change)."""
        if self.interview_widget is not None:
            self.interview_widget.flush()
        index = self.tabs.currentIndex()
        page = self.interview_widget.index if self.interview_widget else None
        self.home.forms_reader.stop()  # the old widgets go; their store may close first
        old = self.centralWidget()
        self._build()
        if old is not None:
            old.deleteLater()
        if self.interview_widget is not None and page is not None:
            self.interview_widget.show_page(page)
        self.tabs.setCurrentIndex(index)

    # -- settings ----------------------------------------------------------------------------
    def set_interface_language(self, code: str) -> None:
        self.settings.interface_language = code
        i18n.set_language(code)
        install_qt_translations(code)
        self.rebuild()

    def ask_interviewer(self, then: Callable[[], None] | None = None) -> TextEntryDialog:
        """Ask for the interviewer's name or ID (window-modal); remember it, then ``then()``."""
        dialog = interviewer_dialog(self.settings.interviewer, self)
        dialog.setObjectName("interviewer")
        self.dialog = dialog

        def accepted() -> None:
            self.settings.interviewer = dialog.value()
            self._show_identity()
            if then is not None:
                then()

        dialog.accepted.connect(accepted)
        dialog.open()
        return dialog

    def _show_identity(self) -> None:
        self.statusBar().showMessage(_("Interviewer: {name} · Device: {device}",
                                       name=self.settings.interviewer or "—",
                                       device=self.store.device_id[:8]))

    # -- interviews --------------------------------------------------------------------------
    def start_interview(self, form_id: str, version: str) -> None:
        """Start a new draft of the form and show it, the interviewer filled in."""
        if not self.settings.interviewer:
            self.ask_interviewer(lambda: self.start_interview(form_id, version))
            return
        if self._ask_unlock(form_id, version, lambda: self.start_interview(form_id, version)):
            return
        record = next(r for r in self.store.forms()
                      if (r.form_id, r.version) == (form_id, version))
        wanted = self.settings.form_language
        language = wanted if wanted in record.languages else (
            record.default_language or (record.languages[0] if record.languages else None))
        uuid = self.store.start_interview(form_id, version, interviewer=self.settings.interviewer,
                                          device_id=self.store.device_id, language=language)
        session = InterviewSession(self.store, uuid)
        session.prefill_interviewer(self.settings.interviewer)
        self._show_session(session, start_page=0)

    def open_interview(self, uuid: str) -> None:
        """Show a draft where it stopped; a complete interview is shown read-only; a sealed
        one cannot be opened on this computer (the dialog says so)."""
        if self.store.is_sealed(uuid):
            self._show_result("sealed", QMessageBox.Icon.Information, _("Interview sealed"),
                              render(SealingCode.SEALED.message(uuid=uuid), i18n.language()))
            return
        record = self.store.interview(uuid)
        if record.is_complete:
            self.view_interview(uuid)
            return
        if self._ask_unlock(record.form_id, record.form_version,
                            lambda: self.open_interview(uuid)):
            return
        self._show_session(InterviewSession(self.store, uuid))

    def _ask_unlock(self, form_id: str, version: str, then: Callable[[], None]) -> bool:
        """When drafts of this questionnaire are locked, ask for the drafts passphrase and
        go on with ``then`` once unlocked; True when asked."""
        if not self.store.drafts_locked(form_id, version):
            return False
        dialog = DraftsPassphraseDialog(self.store, self)
        dialog.accepted.connect(then)
        self.dialog = dialog
        dialog.open()
        return True

    def _show_session(self, session: InterviewSession, start_page: int | None = None) -> None:
        self.session = session
        self.settings.open_interview = (str(self.store.path), session.uuid)
        self._replace_interview_tab(start_page)
        self.tabs.setCurrentIndex(1)
        if self.interview_widget is not None:
            self.interview_widget._focus_first()

    def view_interview(self, uuid: str) -> InterviewViewer:
        """A completed interview, read-only, with "Reopen for changes…"."""
        session = InterviewSession(self.store, uuid)
        session.read_in(i18n.language())
        viewer = InterviewViewer(session, self)
        viewer.reopen_requested.connect(self.ask_reopen)
        self.dialog = viewer
        viewer.open()
        return viewer

    def ask_reopen(self, uuid: str) -> TextEntryDialog:
        """Ask why a completed interview is reopened (audited), then show it for changes."""
        dialog = reopen_dialog(self)
        dialog.setObjectName("reopen")
        self.dialog = dialog

        def reopen() -> None:
            self.store.reopen(uuid, who=self.settings.interviewer or "?", reason=dialog.value())
            self._show_session(InterviewSession(self.store, uuid))

        dialog.accepted.connect(reopen)
        dialog.open()
        return dialog

    def offer_resume(self) -> QMessageBox | None:
        """At start: offer the interview left open when the application stopped (a crash, a
        power cut), if it is in this database and still a draft."""
        uuid = interrupted_interview(self.settings, self.store)
        if uuid is None:
            return None
        box = resume_question(self, self.store, uuid)

        def answered(_result: int) -> None:
            if chose(box, "resume_button"):
                self.open_interview(uuid)
            else:
                self.settings.open_interview = None

        box.finished.connect(answered)
        self.dialog = box
        box.open()
        return box

    def _replace_interview_tab(self, start_page: int | None = None) -> None:
        old = self.tabs.widget(1)
        self.tabs.blockSignals(True)
        self.tabs.removeTab(1)
        self.tabs.insertTab(1, self._interview_tab(start_page), _("Interview"))
        self.tabs.blockSignals(False)
        if old is not None:
            old.deleteLater()

    def _remember_form_language(self) -> None:
        if self.session is not None:
            self.settings.form_language = self.session.language

    def _completed(self, uuid: str) -> None:
        self.session = None
        self.settings.open_interview = None
        self._replace_interview_tab()
        self.tabs.setCurrentIndex(0)
        self.home.refresh()
        self.statusBar().showMessage(_("Interview completed and saved."), 8000)

    # -- files -------------------------------------------------------------------------------
    def ask_import_form(self) -> None:
        name = open_file(self, _("Import questionnaire"), str(Path.home()), "XLSForm (*.xlsx)")
        if name:
            self.import_form(Path(name))

    def import_form(self, path: Path) -> Job:
        """Check ``path`` in a worker; register it, or list its problems in a dialog."""
        job = Job(import_form_job(path))
        self.jobs.append(job)
        job.signals.succeeded.connect(lambda result: self._register(path, result))
        job.signals.failed.connect(lambda error: self._import_failed(path, error))
        job.signals.finished.connect(lambda: self.jobs.remove(job))
        self.statusBar().showMessage(_("Checking {file}…", file=path.name))
        return job.start()

    def _register(self, path: Path, result: tuple[Any, bytes]) -> None:
        form, data = result
        try:
            self.store.register_form(form, data)
        except SurveyError as error:
            self._import_failed(path, error)
            return
        self.home.refresh()
        self.statusBar().showMessage(_("Questionnaire {file} imported.", file=path.name), 8000)

    def _import_failed(self, path: Path, error: BaseException) -> None:
        self.statusBar().clearMessage()
        if isinstance(error, FormError):
            dialog: QWidget = FormErrorsDialog(path.name, error.problems, self)
        else:
            dialog = QMessageBox(QMessageBox.Icon.Warning, _("Questionnaire not imported"),
                                 i18n.error_text(error), QMessageBox.StandardButton.Close, self)
        dialog.setObjectName("import_errors")
        self.dialog = dialog
        dialog.open()  # type: ignore[attr-defined]

    def ask_send_to_supervisor(self) -> None:
        folder = choose_folder(
            self, _("Send to supervisor: choose a folder, e.g. on a USB stick"), str(Path.home()))
        if folder:
            self.send_to_supervisor(Path(folder))

    def send_to_supervisor(self, folder: Path) -> Job:
        """Pack the database into one checked file in ``folder`` in a worker (``kelisim pack``)."""
        if self.interview_widget is not None:
            self.interview_widget.flush()
        job = Job(pack_job(self.store.path, folder))
        self.jobs.append(job)
        job.signals.succeeded.connect(lambda written: self._show_result(
            "packed", QMessageBox.Icon.Information, _("Sent to supervisor"),
            render(written.message(), i18n.language())))
        job.signals.failed.connect(lambda error: self._show_result(
            "pack_failed", QMessageBox.Icon.Warning, _("Database not packed"),
            i18n.error_text(error)))
        job.signals.finished.connect(lambda: self.jobs.remove(job))
        self.statusBar().showMessage(_("Packing the database for the supervisor…"))
        return job.start()

    def _show_result(self, name: str, icon: QMessageBox.Icon, title: str, text: str) -> None:
        self.statusBar().clearMessage()
        dialog = QMessageBox(icon, title, text, QMessageBox.StandardButton.Close, self)
        dialog.setObjectName(name)
        self.dialog = dialog
        dialog.open()

    def ask_open_database(self) -> None:
        name = open_file(
            self, _("Open database"), str(self.store.path.parent),
            _("Kelisim databases (*.db *.sqlite *.kelisim);;All files (*)"))
        if name:
            self.switch_database(Path(name))

    def ask_new_database(self) -> None:
        name = save_file(self, _("New database"), str(self.store.path.parent / "survey.db"),
                         _("Kelisim databases (*.db)"))
        if name:
            self.switch_database(Path(name))

    def switch_database(self, path: Path) -> None:
        """Open or create the store at ``path`` and show it (the bundled form is registered)."""
        try:
            store = Store.open(path)
            ensure_bundled_form(store)
        except SurveyError as error:
            QMessageBox.warning(self, _("Database not opened"),
                                i18n.error_text(error))
            return
        if self.interview_widget is not None:
            self.interview_widget.flush()
        self.interview_widget = None
        previous, self.store = self.store, store
        self.session = None
        self.settings.last_database = str(path)
        self._remember_real_database()
        old = self.centralWidget()
        self.rebuild()
        # The old widgets go at the next turn of the event loop; their store closes with them
        # (a background read arriving meanwhile still finds it open).
        if old is not None:
            old.destroyed.connect(lambda _o=None: previous.close())
        else:
            previous.close()

    def _remember_real_database(self) -> None:
        if not self.store.is_demo():
            self.settings.real_database = str(self.store.path)

    # -- the server ----------------------------------------------------------------------------
    def ask_sync(self) -> SyncDialog:
        """The Sync dialog for this laptop's database (the last server address filled in)."""
        dialog = SyncDialog(self.store.path, self.settings.server_url, self)
        dialog.setObjectName("sync_dialog")
        dialog.synced.connect(lambda _summary: self._synced(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _synced(self, dialog: SyncDialog) -> None:
        self.settings.server_url = Address.parse(dialog.url.text().strip()).location
        self.home.refresh()
        self.data.reload()

    def ask_connect(self) -> ConnectDialog:
        """Connect to a server: Data and Reports then read it, Home shows its fieldwork."""
        dialog = ConnectDialog(self.settings.server_url, self)
        dialog.setObjectName("connect_dialog")
        dialog.connected.connect(self.show_server)
        self.dialog = dialog
        dialog.open()
        return dialog

    def show_server(self, reader: ServerReader) -> None:
        if self.server is not None:
            self.server.close()
        self.server = reader
        self.settings.server_url = reader.address.location
        self.rebuild()

    def disconnect_server(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None
            self.rebuild()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Send typed text to the store before the window goes (answers are saved already);
        the interview lists stop reading the store, which may be closed next."""
        if self.interview_widget is not None:
            self.interview_widget.flush()
        self.home.model.stop()
        self.home.forms_reader.stop()
        self.data.model.stop()
        if self.server is not None:
            self.server.close()
        super().closeEvent(event)
