"""The server in the desktop app, against a real PostgreSQL server: the Sync dialog with its
progress, a password asked for, and connecting (Data and Reports read the server, Home shows
its fieldwork)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.interviews_model import region_label
from desktop.main_window import MainWindow
from desktop.settings import AppSettings
from questionnaires import archived_form_bytes, bundled_form_bytes
from survey.demo import DemoOptions, fill_database
from survey.form.xlsform import load_form
from survey.store import Store
from survey.store.postgres.admin import set_quota
from survey.sync import sync


def _window(qtbot: QtBot, store: Store, settings: AppSettings) -> MainWindow:
    window = MainWindow(store, settings)
    qtbot.addWidget(window)
    return window


def _demo(path: Path, count: int) -> None:
    with Store.open(path) as store:
        fill_database(store, DemoOptions(interviews=count, seed=7))


@pytest.fixture
def laptop(tmp_path: Path) -> Iterator[Store]:
    """A laptop's database with 12 demo interviews, open as the app holds it (closed only
    after the test's windows are gone: list it before ``qtbot``)."""
    _demo(tmp_path / "laptop.db", 12)
    with Store.open(tmp_path / "laptop.db") as store:
        yield store


def test_sync_dialog__sends_the_laptop_with_progress_and_summary(
        laptop: Store, qtbot: QtBot, settings: AppSettings, kelisim_server) -> None:
    window = _window(qtbot, laptop, settings)
    window.tabs.setCurrentIndex(2)
    window.data.sync_button.click()
    dialog = window.dialog
    dialog.url.setText(kelisim_server.url)
    dialog.go.click()
    qtbot.waitUntil(lambda: dialog.state != "running", timeout=60000)
    assert dialog.state == "done", dialog.summary.toPlainText()
    assert dialog.summary.toPlainText().startswith("laptop.db: 12 sent, 0 already")
    assert dialog.bar.value() == dialog.bar.maximum() == 1
    assert settings.server_url == kelisim_server.address().location  # the password never
    assert kelisim_server.cluster.password not in settings.server_url  # goes to the settings
    assert kelisim_server.count("SELECT count(*) FROM kelisim.interviews") == 12


def test_sync_dialog__password_asked_then_refused_then_accepted(
        laptop: Store, qtbot: QtBot, settings: AppSettings, kelisim_server) -> None:
    names = tuple({r.interviewer for r in laptop.interviews()})
    login = kelisim_server.add_user("dana", interviewers=names, password="right")
    for data in (archived_form_bytes(), bundled_form_bytes()):  # the demo's two versions;
        kelisim_server.publish(load_form(data, repeats=True), data)  # interviewers cannot publish
    window = _window(qtbot, laptop, settings)
    dialog = window.ask_sync()
    dialog.url.setText(f"postgresql://{login.user}@127.0.0.1:"
                       f"{kelisim_server.cluster.port}/{kelisim_server.database}")
    dialog.start()
    qtbot.waitUntil(lambda: dialog.state != "running", timeout=60000)
    assert dialog.state == "failed"
    assert "refused the password" in dialog.summary.toPlainText()
    dialog.password.setText("wrong")
    dialog.start()
    qtbot.waitUntil(lambda: dialog.state != "running", timeout=60000)
    assert dialog.state == "failed"
    dialog.password.setText("right")
    dialog.start()
    qtbot.waitUntil(lambda: dialog.state != "running", timeout=60000)
    assert dialog.state == "done", dialog.summary.toPlainText()
    assert kelisim_server.count("SELECT count(*) FROM kelisim.interviews") == 12


def test_connect__data_reports_and_home_read_the_server(
        store: Store, qtbot: QtBot, tmp_path: Path, settings: AppSettings,
        kelisim_server) -> None:
    _demo(tmp_path / "a.db", 15)
    sync(tmp_path / "a.db", kelisim_server.address(), None)
    with kelisim_server.admin() as conn:
        set_quota(conn, kelisim_server.address(), "kelisim_mediation_kz", "almaty", 7)
    window = _window(qtbot, store, settings)
    settings.server_url = kelisim_server.url
    dialog = window.ask_connect()
    dialog.go.click()
    qtbot.waitUntil(lambda: window.server is not None, timeout=60000)
    assert window.data.model.total() == 15  # the server's, not the laptop's 0
    assert not window.data.merge_button.isVisible() and window.data.sync_button.isHidden()
    assert str(window.reports._db_path()) == kelisim_server.address().location
    fieldwork = window.fieldwork
    qtbot.waitUntil(lambda: fieldwork.work is not None, timeout=60000)
    regions = {fieldwork.regions.item(r, 0).text(): fieldwork.regions.item(r, 2).text()
               for r in range(fieldwork.regions.rowCount())}
    almaty = region_label(load_form(bundled_form_bytes(), repeats=True), "almaty", "en")
    assert regions[almaty] == "7"
    done = sum(int(fieldwork.days.item(r, 1).text()) for r in range(fieldwork.days.rowCount()))
    with Store.open(tmp_path / "a.db") as laptop:
        assert done == laptop.count_interviews(status="complete")
    assert fieldwork.people.rowCount() >= 1
    window.disconnect_server()
    assert window.server is None and window.data.model.total() == 0
