"""Around the interview: demo data kept apart, the interviewer entered once, resuming after a
crash, refusals on Home, the Data tab's answers, file dialogs, window size, export memory."""

from __future__ import annotations

from pathlib import Path

import platformdirs
import pytest
from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QLabel, QPushButton
from pytestqt.qtbot import QtBot

from desktop import i18n
from desktop.demo_data import DemoData
from desktop.export_dialog import ExportDialog
from desktop.file_dialogs import open_file
from desktop.main_window import MainWindow
from desktop.qt_translations import install_qt_translations
from desktop.settings import AppSettings
from desktop.window_geometry import opening_size
from survey.bundled import ensure_bundled_form
from survey.demo import DemoOptions, fill_database
from survey.store import Store
from tests.desktop.helpers import open_main_window, question


@pytest.fixture
def stores():
    """Stores opened by a test, closed after its windows (list this fixture first)."""
    opened: list[Store] = []
    yield opened
    for store in opened:
        store.close()


@pytest.fixture
def user_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "user-data" / "Kelisim"
    monkeypatch.setattr(platformdirs, "user_data_dir", lambda *a, **k: str(folder))
    return folder


def _window(qtbot: QtBot, store: Store, settings: AppSettings) -> MainWindow:
    return open_main_window(qtbot, store, settings)


def _bundled(stores: list[Store], path: Path) -> Store:
    store = Store.open(path)
    ensure_bundled_form(store)
    stores.append(store)
    return store


def _demo(stores: list[Store], path: Path, interviews: int, seed: int = 2) -> Store:
    store = Store.open(path)
    fill_database(store, DemoOptions(interviews=interviews, seed=seed))
    stores.append(store)
    return store


# -- demo data ------------------------------------------------------------------------------

def test_real_database__title_has_no_demo_mark_home_offers_demo(stores, qtbot, tmp_path,
                                                                 settings):
    window = _window(qtbot, _bundled(stores, tmp_path / "real.db"), settings)
    assert "DEMO" not in window.windowTitle()
    assert window.home.notice.isVisibleTo(window)
    assert window.home.notice_button.text() == "Try with demo data"


@pytest.mark.slow
def test_demo_database__title_and_home_say_demo_data(stores, qtbot, tmp_path, settings):
    window = _window(qtbot, _demo(stores, tmp_path / "demo.db", 5), settings)
    assert window.windowTitle() == "Kelisim — demo.db — DEMO DATA (synthetic interviews)"
    text = window.home.notice_text.text()
    assert text.startswith("DEMO DATA") and "5 interviews" in text
    assert window.home.notice_button.text() == "Back to my database"
    window.set_interface_language("ru")
    assert "ДЕМОНСТРАЦИОННЫЕ ДАННЫЕ" in window.windowTitle()
    assert "ДЕМОНСТРАЦИОННЫЕ ДАННЫЕ" in window.home.notice_text.text()


@pytest.mark.slow
def test_try_demo__new_demo_database_filled_apart_then_back_to_real(
        stores, qtbot, tmp_path, user_data, settings, monkeypatch):
    monkeypatch.setattr("desktop.demo_data.INTERVIEWS", 6)
    real = tmp_path / "real.db"
    window = _window(qtbot, Store.open(real), settings)

    window.home.notice_button.click()
    assert window.demo.job_dialog is not None and window.demo.job_dialog.isVisible()
    qtbot.waitUntil(lambda: window.store.path == user_data / "demo.db", timeout=60000)

    assert window.store.is_demo() and window.store.count_interviews() == 6
    assert "DEMO DATA" in window.windowTitle()
    with Store.open_read_only(real) as untouched:
        assert untouched.count_interviews() == 0 and not untouched.is_demo()

    window.home.notice_button.click()  # Back to my database
    assert window.store.path == real and not window.store.is_demo()
    stores.append(window.store)


def test_try_demo__demo_database_ready__opened_at_once(stores, qtbot, tmp_path, user_data,
                                                     settings):
    user_data.mkdir(parents=True)
    _demo(stores, user_data / "demo.db", 4, seed=3).close()
    window = _window(qtbot, Store.open(tmp_path / "real.db"), settings)

    assert DemoData(window, settings, window.switch_database).open() is None  # ready
    assert window.store.path == user_data / "demo.db"
    stores.append(window.store)


# -- the interviewer, entered once ------------------------------------------------------------

def _started(stores, qtbot, tmp_path, settings, interviewer: str):
    settings.interviewer = interviewer
    store = _bundled(stores, tmp_path / "field.db")
    window = _window(qtbot, store, settings)
    window.home.start_button.click()
    screen = window.interview_widget
    assert screen is not None
    return store, screen


@pytest.mark.parametrize("interviewer", ["ALM-07", "Айгерім Т."])
def test_start_interview__bundled_form__interviewer_prefilled_and_first_page_shown(
        stores, qtbot, tmp_path, settings, interviewer):
    store, screen = _started(stores, qtbot, tmp_path, settings, interviewer)
    assert screen.page_names == ("wave",)  # the interview starts at its first page
    assert store.answers(screen.session.uuid)["interviewer_id"] == interviewer
    assert [q for q, _e, _at in store.events(screen.session.uuid)
            if q == "interviewer_id"] == []  # filled in, not an answer given: no paradata
    screen.jump_to("interviewer_id")
    assert question(screen, "interviewer_id").edit.toPlainText() == interviewer


def test_interviewer_question__value_the_form_refuses__left_empty_with_the_forms_words(
        stores, qtbot, tmp_path, settings):
    store, screen = _started(stores, qtbot, tmp_path, settings, "7")
    assert "interviewer_id" not in store.answers(screen.session.uuid)
    screen.jump_to("interviewer_id")
    assert "ALM-07" in question(screen, "interviewer_id").hint.text()


# -- resuming after a crash -------------------------------------------------------------------

def test_crash_mid_interview__next_start__resume_offered_and_resumed(
        qtbot, tmp_path, store, settings):
    window = _window(qtbot, store, settings)
    window.home.start_button.click()
    uuid = window.interview_widget.session.uuid
    window.interview_widget.session.answer("consent", "yes")
    window.interview_widget.jump_to("age")
    # killed: no close event, nothing flushed by hand; the next start reads the same settings
    again = _window(qtbot, store, settings)

    box = again.offer_resume()

    assert box is not None and box.isVisible()
    resume = box.findChild(QPushButton, "resume_button")
    assert box.defaultButton() is resume and resume.text() == "Resume interview"
    resume.click()
    assert again.interview_widget is not None
    assert again.interview_widget.session.uuid == uuid
    assert again.interview_widget.page_names == ("age", "married")


def test_resume__declined__not_offered_again_draft_kept(qtbot, store, settings):
    window = _window(qtbot, store, settings)
    window.home.start_button.click()
    uuid = window.interview_widget.session.uuid
    again = _window(qtbot, store, settings)
    again.offer_resume().findChild(QPushButton, "later_button").click()
    assert again.offer_resume() is None
    assert store.interview(uuid).status == "draft"


def test_resume__interview_completed__nothing_offered(qtbot, store, settings):
    window = _window(qtbot, store, settings)
    window.home.start_button.click()
    store.complete(window.interview_widget.session.uuid)
    assert _window(qtbot, store, settings).offer_resume() is None


# -- Home: refusals -------------------------------------------------------------------------

def test_home__refused_interview__shown_as_refused_not_complete(qtbot, store, settings):
    uuid = store.start_interview("small", "1", interviewer="Dana", language="en")
    store.save_answer(uuid, "consent", "no")
    store.complete(uuid)
    other = store.start_interview("small", "1", interviewer="Dana", language="en")
    store.save_answer(other, "consent", "yes")
    store.complete(other)
    window = _window(qtbot, store, settings)
    model = window.home.model
    qtbot.waitUntil(lambda: model.rowCount() == 2)

    status = {model.data(model.index(r, 0), Qt.ItemDataRole.UserRole):
              model.data(model.index(r, 0)) for r in range(2)}
    assert status == {uuid: "Refused", other: "Complete"}
    window.set_interface_language("kk")
    kk = window.home.model
    qtbot.waitUntil(lambda: kk.rowCount() == 2)
    assert "Бас тартты" in {kk.data(kk.index(r, 0)) for r in range(2)}


# -- Data tab -------------------------------------------------------------------------------

def test_data_tab__row_selected__its_answers_in_the_detail_pane(stores, qtbot, tmp_path,
                                                                 settings):
    store = _demo(stores, tmp_path / "demo.db", 8, seed=4)
    window = _window(qtbot, store, settings)
    window.tabs.setCurrentWidget(window.data)
    table = window.data.table
    qtbot.waitUntil(lambda: window.data.model.rowCount() == 8)
    table.selectRow(0)
    uuid = window.data.model.record(0).uuid

    rows = dict(window.data.detail.rows())
    answers = store.answers(uuid)
    region = window.data.model.data(window.data.model.index(0, 1))
    if answers.get("consent") == "yes":
        assert rows["In which region or city of republican significance do you live?"] == \
            region
    assert rows["Do you agree to take part in the interview?"] in ("Yes", "No")


@pytest.mark.slow
def test_data_tab__region_column__longest_region_name_not_clipped(stores, qtbot, tmp_path,
                                                                   settings):
    store = _demo(stores, tmp_path / "demo.db", 60, seed=4)
    for language in ("en", "ru", "kk"):
        i18n.set_language(language)
        window = _window(qtbot, store, settings)
        model = window.data.model
        qtbot.waitUntil(lambda model=model: model.rowCount() == 60)
        column = model.COLUMNS.index("region")
        width = window.data.table.columnWidth(column)
        metrics = window.data.table.fontMetrics()
        texts = [model.data(model.index(r, column)) for r in range(60)]
        assert max(metrics.horizontalAdvance(t) for t in texts) + 8 <= width, language


# -- export remembers ------------------------------------------------------------------------

def test_export_dialog__last_format_and_folder__offered_again(qtbot, tmp_path, store, settings):
    window = _window(qtbot, store, settings)
    out = tmp_path / "exports"
    out.mkdir()

    def choose_and_accept() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ExportDialog)
        dialog.format.setCurrentIndex(dialog.format.findData("sav"))
        dialog.path.setText(str(out / "wave1.sav"))
        dialog.accept()

    QTimer.singleShot(0, choose_and_accept)
    window.data.ask_export()
    qtbot.waitUntil(lambda: window.data.job_dialog is not None
                    and window.data.job_dialog.state != "running", timeout=20000)
    assert (settings.export_format, settings.export_folder) == ("sav", str(out))

    seen: dict[str, str] = {}

    def look_and_cancel() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ExportDialog)
        seen.update(format=dialog.fmt(), path=dialog.path.text())
        dialog.reject()

    QTimer.singleShot(0, look_and_cancel)
    window.data.ask_export()
    assert seen == {"format": "sav", "path": str(out / "kelisim_export.sav")}


def test_export_dialog__demo_database__says_so_and_names_the_file(qtbot, tmp_path):
    dialog = ExportDialog(tmp_path, demo=True)
    qtbot.addWidget(dialog)
    assert "demo data" in dialog.findChild(QLabel, "demo_note").text()
    assert "demo_data" in dialog.path.text()


# -- file dialogs and window size -------------------------------------------------------------

@pytest.mark.parametrize("language", ["kk", "ru"])
def test_file_dialog__interface_language__qt_dialog_translated(qtbot, language):
    i18n.set_language(language)
    install_qt_translations(language)
    seen: dict[str, object] = {}

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QFileDialog)
        seen["native"] = not dialog.testOption(QFileDialog.Option.DontUseNativeDialog)
        box = dialog.findChild(QDialogButtonBox)
        seen["buttons"] = [b.text() for b in box.buttons()]
        seen["labels"] = [label.text() for label in dialog.findChildren(QLabel) if label.text()]
        dialog.reject()

    QTimer.singleShot(0, look)
    assert open_file(None, "x", str(Path.home()), "*.db") == ""
    assert seen["native"] is False
    english = {"Open", "Cancel", "File name:", "Files of type:", "Look in:"}
    shown = {text.replace("&", "") for text in [*seen["buttons"], *seen["labels"]]}
    assert shown and not shown & english, shown


@pytest.mark.parametrize("available, maximised", [(QSize(1366, 728), True),
                                                  (QSize(1920, 1040), False)])
def test_window__opening_size__fits_the_screen(available, maximised):
    size, maximise = opening_size(available)
    assert size.width() <= available.width() and size.height() <= available.height()
    assert maximise is maximised


@pytest.mark.slow
def test_window__every_tab_and_interview_page_kind__fits_1366x768_in_kk_and_ru(
        stores, qtbot, tmp_path, settings):
    store = _bundled(stores, tmp_path / "field.db")
    window = _window(qtbot, store, settings)
    window.home.start_button.click()
    screen = window.interview_widget
    screen.session.answer("consent", "yes")
    for language in ("kk", "ru"):
        window.set_interface_language(language)
        screen = window.interview_widget
        screen.language.setCurrentIndex(screen.language.findData(language))
        for name in ("wave", "interview_date", "region", "mediation_effective",
                     "info_sources", "comments"):
            screen.jump_to(name)
            window.tabs.setCurrentIndex(1)
            hint = window.minimumSizeHint()
            assert hint.width() <= 1366 and hint.height() <= 728, (language, name, hint)
        screen.show_page(len(screen.session.pages()))
        for tab in range(4):
            window.tabs.setCurrentIndex(tab)
            hint = window.minimumSizeHint()
            assert hint.width() <= 1366 and hint.height() <= 728, (language, tab, hint)


@pytest.mark.slow
@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_home__interviews_table_at_1366__every_column_header_fully_shown(
        stores, qtbot, tmp_path, settings, language):
    i18n.set_language(language)
    window = _window(qtbot, _demo(stores, tmp_path / "demo.db", 20), settings)
    table = window.home.table
    qtbot.waitUntil(lambda: window.home.model.rowCount() == 20)
    qtbot.wait(50)
    header = table.horizontalHeader()
    model = window.home.model
    for column in range(model.columnCount()):
        title = model.headerData(column, Qt.Orientation.Horizontal)
        assert header.fontMetrics().horizontalAdvance(title) <= header.sectionSize(column), title
    assert sum(header.sectionSize(c) for c in range(model.columnCount())) <= \
        table.viewport().width() + 1
