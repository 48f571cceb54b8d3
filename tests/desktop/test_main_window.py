"""The main window: resuming drafts, importing questionnaires, reopening, interface language."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from desktop import i18n
from desktop.dialogs import FormErrorsDialog, TextEntryDialog
from desktop.interview_viewer import InterviewViewer
from desktop.main_window import MainWindow
from desktop.settings import AppSettings
from survey.bundled import ensure_bundled_form
from survey.store import Store
from tests.desktop.helpers import open_main_window, press, question, type_number
from tests.formbuilder import write_xlsform


def _window(qtbot: QtBot, store: Store, settings: AppSettings) -> MainWindow:
    return open_main_window(qtbot, store, settings)


@pytest.mark.slow
def test_close_mid_interview__reopened_from_home__resumes_on_same_page_with_answers(
        qtbot: QtBot, tmp_path: Path, small_form_path: Path, store: Store,
        settings: AppSettings) -> None:
    window = _window(qtbot, store, settings)
    window.home.start_button.click()
    screen = window.interview_widget
    assert screen is not None
    uuid = screen.session.uuid
    press(qtbot, screen, "consent", Qt.Key.Key_1)
    press(qtbot, screen, "consent", Qt.Key.Key_Return)
    type_number(qtbot, screen, "age", "52")
    press(qtbot, screen, "trust", Qt.Key.Key_3)
    press(qtbot, screen, "trust", Qt.Key.Key_Return)
    assert screen.page_names == ("sources",)
    qtbot.keyClick(question(screen, "sources").buttons[1], Qt.Key.Key_2)
    window.close()  # no flush by hand: answers are already in the file

    with Store.open(tmp_path / "survey.db") as reopened:
        again = _window(qtbot, reopened, settings)
        qtbot.waitUntil(lambda: again.home.model.rowCount() == 1)
        again.home.table.selectRow(0)
        again.home.open_button.click()
        resumed = again.interview_widget
        assert resumed is not None and resumed.session.uuid == uuid
        assert resumed.page_names == ("sources",)
        assert question(resumed, "sources").current_value() == ("radio",)
        assert reopened.answers(uuid) == {"consent": "yes", "age": 52, "trust": "3",
                                          "sources": ("radio",), "adult": "adult"}
        again.close()


def test_import_invalid_form__errors_listed_with_sheet_row_column(
        qtbot: QtBot, tmp_path: Path, store: Store, settings: AppSettings) -> None:
    bad = write_xlsform(tmp_path / "bad.xlsx", [
        {"type": "integer", "name": "age", "label": "Age", "constraint": ". >= "},
        {"type": "select_one nolist", "name": "pick", "label": "Pick"},
    ], [{"list_name": "yn", "name": "yes", "label": "Yes"}], {"form_id": "bad"})
    window = _window(qtbot, store, settings)

    window.import_form(bad)

    qtbot.waitUntil(lambda: window.findChild(FormErrorsDialog) is not None, timeout=10000)
    dialog = window.findChild(FormErrorsDialog)
    assert dialog.isVisible()
    rows = dialog.rows()
    assert len(rows) >= 2
    assert {row[0] for row in rows} == {"survey"}
    assert {row[1] for row in rows} == {"2", "3"}
    assert any(row[2] == "constraint" for row in rows)
    assert all(row[3] for row in rows)
    assert [r.form_id for r in store.forms()] == ["small"]


@pytest.mark.slow
def test_import_valid_form__registered_and_listed_on_home(
        qtbot: QtBot, tmp_path: Path, store: Store, settings: AppSettings) -> None:
    good = write_xlsform(tmp_path / "good.xlsx",
                         [{"type": "text", "name": "note_text", "label": "Anything"}],
                         None, {"form_id": "good", "version": "3", "form_title": "Good"})
    window = _window(qtbot, store, settings)

    window.import_form(good)

    qtbot.waitUntil(lambda: window.home.forms.count() == 2, timeout=10000)
    assert sorted(r.form_id for r in store.forms()) == ["good", "small"]
    assert window.findChild(FormErrorsDialog) is None


def test_open_complete_interview__read_only_view__nothing_changed(
        qtbot: QtBot, store: Store, settings: AppSettings) -> None:
    uuid = store.start_interview("small", "1", interviewer="Aigerim T.", language="en")
    store.save_answer(uuid, "consent", "no")
    store.complete(uuid)
    before = (store.interview(uuid), store.audit_log(uuid))
    window = _window(qtbot, store, settings)

    window.open_interview(uuid)

    viewer = window.findChild(InterviewViewer, "viewer")
    assert viewer is not None and viewer.isVisible()
    assert viewer.answers.rows() == [("Do you agree?", "no en")]
    assert "Aigerim T." in viewer.info.text()
    assert window.findChild(TextEntryDialog, "reopen") is None
    viewer.reject()
    assert (store.interview(uuid), store.audit_log(uuid)) == before
    assert window.interview_widget is None


def test_view_then_reopen__reason_given__reopened_audited_completion_time_kept(
        qtbot: QtBot, store: Store, settings: AppSettings) -> None:
    uuid = store.start_interview("small", "1", interviewer="Aigerim T.", language="en")
    store.save_answer(uuid, "consent", "no")
    store.complete(uuid)
    completed = store.interview(uuid).completed_at
    window = _window(qtbot, store, settings)
    viewer = window.view_interview(uuid)

    qtbot.mouseClick(viewer.reopen_button, Qt.MouseButton.LeftButton)
    dialog = window.findChild(TextEntryDialog, "reopen")
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.edit, "respondent called back")
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)

    assert store.interview(uuid).status == "draft"
    assert store.interview(uuid).completed_at == completed
    reasons = [e.reason for e in store.audit_log(uuid) if e.reason]
    assert reasons == ["respondent called back"]
    assert window.interview_widget is not None
    assert window.interview_widget.session.uuid == uuid


@pytest.mark.slow
def test_interface_language__switched_to_kazakh__menus_and_tabs_rebuilt_interview_kept(
        qtbot: QtBot, store: Store, settings: AppSettings) -> None:
    window = _window(qtbot, store, settings)
    window.home.start_button.click()
    screen = window.interview_widget
    assert screen is not None
    press(qtbot, screen, "consent", Qt.Key.Key_1)
    press(qtbot, screen, "consent", Qt.Key.Key_Return)

    window.set_interface_language("kk")

    assert i18n.language() == "kk" and settings.interface_language == "kk"
    assert [window.tabs.tabText(i) for i in range(4)] == ["Басты бет", "Сұхбат", "Деректер",
                                                         "Есептер"]
    assert window.menuBar().actions()[0].text() == "&Файл"
    rebuilt = window.interview_widget
    assert rebuilt is not None and rebuilt is not screen
    assert rebuilt.page_names == ("age", "married")
    assert rebuilt.next_button.text() == "Келесі (Enter) →"


def test_first_start__no_interviewer__asked_remembered_and_recorded_on_interview(
        qtbot: QtBot, tmp_path: Path, store: Store) -> None:
    ini = str(tmp_path / "first.ini")
    settings = AppSettings(QSettings(ini, QSettings.Format.IniFormat))
    window = _window(qtbot, store, settings)

    window.home.start_button.click()  # no interviewer yet: asked first
    dialog = window.findChild(TextEntryDialog, "interviewer")
    assert dialog is not None and dialog.isVisible()
    assert window.interview_widget is None
    qtbot.keyClicks(dialog.edit, "KAR-07")
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)

    assert AppSettings(QSettings(ini, QSettings.Format.IniFormat)).interviewer == "KAR-07"
    screen = window.interview_widget
    assert screen is not None
    record = store.interview(screen.session.uuid)
    assert (record.interviewer, record.device_id) == ("KAR-07", store.device_id)


@pytest.mark.slow
def test_switch_database__new_file__created_with_bundled_form_and_remembered(
        qtbot: QtBot, tmp_path: Path, store: Store, settings: AppSettings) -> None:
    window = _window(qtbot, store, settings)
    target = tmp_path / "project" / "second.db"
    target.parent.mkdir()

    window.switch_database(target)

    assert window.store.path == target
    assert [r.form_id for r in window.store.forms()] == ["kelisim_mediation_kz"]
    assert window.home.forms.count() == 1
    assert settings.last_database == str(target)
    assert "second.db" in window.windowTitle()
    window.close()
    window.store.close()


@pytest.mark.slow
def test_reports_tab__builds_from_the_open_database(qtbot: QtBot, store: Store,
                                                    settings: AppSettings, tmp_path: Path) -> None:
    from survey.demo import DemoOptions, fill_database

    fill_database(store, DemoOptions(interviews=300, seed=3, paradata=False))
    window = _window(qtbot, store, settings)
    window.tabs.setCurrentWidget(window.reports)
    choice = window.reports.form_choice  # two questionnaires: the small one and the bundled one
    assert choice.isVisibleTo(window.reports) and choice.count() == 2
    choice.setCurrentIndex(choice.findData("kelisim_mediation_kz"))
    window.reports.xlsx.setText(str(tmp_path / "tab.xlsx"))
    with qtbot.waitSignal(window.reports.report_finished, timeout=120_000) as blocker:
        window.reports.build_button.click()
    assert blocker.args[0].xlsx.is_file()
    complete = store.count_interviews(status="complete", form_id="kelisim_mediation_kz")
    assert len(blocker.args[0].snapshot.table.frame) == complete


def test_send_to_supervisor__menu_action__one_checked_file_written_by_a_worker(
        qtbot: QtBot, tmp_path: Path, store: Store, settings: AppSettings,
        monkeypatch) -> None:
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from survey.store import merge
    from survey.store.pack import PACK_NAME

    uuid = store.start_interview("small", "1", interviewer="Dana", language="en")
    store.save_answer(uuid, "consent", "yes")  # in the database's log, not yet in its file
    usb = tmp_path / "usb"
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        staticmethod(lambda *args, **kwargs: str(usb)))
    window = _window(qtbot, store, settings)
    file_menu = window.menuBar().actions()[0].menu()
    (action,) = [a for a in file_menu.actions() if a.text() == "Send to &supervisor…"]

    action.trigger()

    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "packed") is not None, timeout=60000)
    (written,) = usb.iterdir()
    assert PACK_NAME.fullmatch(written.name)
    shown = window.findChild(QMessageBox, "packed")
    assert shown.text().startswith(f"Packed 1 interview(s) into {written} (sha256 ")
    (summary,) = merge(tmp_path / "master.db", [written])
    assert summary.added == 1
    with Store.open(tmp_path / "master.db") as master:
        assert master.answers(uuid) == {"consent": "yes"}
    store.save_answer(uuid, "consent", "no")  # the application goes on writing


def test_send_to_supervisor__tampered_database__warning_in_interface_language(
        qtbot: QtBot, tmp_path: Path, store: Store, settings: AppSettings) -> None:
    import sqlite3

    from PySide6.QtWidgets import QMessageBox

    conn = sqlite3.connect(store.path)
    conn.execute("CREATE VIEW planted AS SELECT 1")
    conn.commit()
    conn.close()
    window = _window(qtbot, store, settings)
    window.set_interface_language("ru")

    window.send_to_supervisor(tmp_path / "usb")

    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "pack_failed") is not None,
                    timeout=60000)
    text = window.findChild(QMessageBox, "pack_failed").text()
    assert "посторонний объект (представление) «planted»" in text
    assert list((tmp_path / "usb").iterdir()) == []


def test_close_window__batch_arriving_after__nothing_read_from_the_closed_store(
        qtbot: QtBot, tmp_path: Path, settings: AppSettings) -> None:
    """The window goes, then its store closes (as the application and the tests do) while the
    interview lists still wait for a batch: nothing is shown, nothing reads the store."""
    path = tmp_path / "laptop.db"
    with Store.open(path) as setup:
        form = ensure_bundled_form(setup)
        for _ in range(3):
            setup.start_interview(form.form_id, form.version, interviewer="ALM-07")
    store = Store.open(path)
    window = _window(qtbot, store, settings)
    window.data.reload()  # a batch on its way
    lists = (window.home.model, window.data.model)

    window.close()
    store.close()
    qtbot.waitUntil(lambda: not any(m.is_loading() or m.reader.busy() for m in lists))
    qtbot.wait(50)

    assert [m.rowCount() for m in lists] == [0, 0]
    assert all(m.data(m.index(0, 0)) is None for m in lists)
