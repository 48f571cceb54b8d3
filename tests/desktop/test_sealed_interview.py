"""A sealed interview on the laptop: listed with its region, never opened or reopened."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop.dialogs import TextEntryDialog
from desktop.main_window import MainWindow
from desktop.settings import AppSettings
from survey.store import Store
from tests.survey.sealing_helpers import DRAFTS_PASSPHRASE, key_pair


def test_open_sealed_interview__dialog_says_it_cannot_be_read_nothing_opened(
        qtbot: QtBot, store: Store, settings: AppSettings, tmp_path) -> None:
    store.set_study_public_key(key_pair(tmp_path / "keys").public_text)
    store.unlock_drafts(DRAFTS_PASSPHRASE)
    uuid = store.start_interview("small", "1", interviewer="Aigerim T.", language="en")
    store.save_answer(uuid, "consent", "no")
    store.complete(uuid)
    assert store.is_sealed(uuid)
    window = MainWindow(store, settings)
    qtbot.addWidget(window)
    window.show()

    window.open_interview(uuid)

    dialog = window.findChild(QMessageBox, "sealed")
    assert dialog is not None and dialog.isVisible()
    assert uuid in dialog.text() and "sealed" in dialog.text()
    assert window.findChild(TextEntryDialog, "reopen") is None
    assert window.session is None
    assert store.interview(uuid).status == "complete" and store.is_sealed(uuid)
