"""The drafts passphrase at start: set the first time (twice, with the warning), unlock
afterwards, a wrong one said in the dialog."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel
from pytestqt.qtbot import QtBot

from desktop import i18n
from desktop.drafts_dialog import DraftsPassphraseDialog, ask_drafts_passphrase
from survey.store import Store
from tests.survey.sealing_helpers import (
    DRAFTS_PASSPHRASE,
    SECRET_ANSWERS,
    key_pair,
    register_sealed_form,
)

SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture
def sealed_store(tmp_path: Path) -> Store:
    store = Store.open(tmp_path / "laptop.db")
    register_sealed_form(store, tmp_path, key_pair(tmp_path / "keys").public_text,
                         unlock=False)
    yield store
    store.close()


def _dialog(qtbot: QtBot, store: Store) -> DraftsPassphraseDialog:
    dialog = DraftsPassphraseDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _ok(dialog: DraftsPassphraseDialog) -> None:
    box = dialog.findChild(QDialogButtonBox)
    box.button(QDialogButtonBox.StandardButton.Ok).click()


def test_first_start__set_twice_with_warning__mismatch_said_then_unlocked(
        qtbot: QtBot, sealed_store: Store) -> None:
    dialog = _dialog(qtbot, sealed_store)
    assert dialog.setting and dialog.confirm is not None
    warning = dialog.findChild(QLabel, "warning")
    assert warning.isVisible() and "nobody can read" in warning.text()
    qtbot.keyClicks(dialog.passphrase, DRAFTS_PASSPHRASE)
    qtbot.keyClicks(dialog.confirm, DRAFTS_PASSPHRASE + "x")
    _ok(dialog)
    assert dialog.isVisible() and dialog.error.isVisible()
    assert "differ" in dialog.error.text() and not sealed_store.drafts.is_set()

    qtbot.keyClicks(dialog.passphrase, DRAFTS_PASSPHRASE)
    qtbot.keyClicks(dialog.confirm, DRAFTS_PASSPHRASE)
    _ok(dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted and not dialog.isVisible()
    uuid = sealed_store.start_interview("sealed", "1", interviewer="A")
    sealed_store.save_answer(uuid, "phone", SECRET_ANSWERS["phone"])
    assert SECRET_ANSWERS["phone"].encode() not in sealed_store.path.read_bytes()


def test_later_start__wrong_passphrase_said_right_one_unlocks(
        qtbot: QtBot, sealed_store: Store) -> None:
    sealed_store.unlock_drafts(DRAFTS_PASSPHRASE)
    sealed_store.drafts.lock()
    dialog = _dialog(qtbot, sealed_store)
    assert not dialog.setting and dialog.confirm is None
    assert dialog.findChild(QLabel, "warning") is None
    qtbot.keyClicks(dialog.passphrase, "not the right passphrase")
    _ok(dialog)
    assert dialog.isVisible() and "Wrong passphrase" in dialog.error.text()
    assert dialog.passphrase.text() == "" and sealed_store.drafts.cipher is None
    qtbot.keyClicks(dialog.passphrase, DRAFTS_PASSPHRASE)
    _ok(dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert sealed_store.drafts.cipher is not None


def test_study_without_key__not_asked(tmp_path: Path) -> None:
    with Store.open(tmp_path / "plain.db") as store:
        register_sealed_form(store, tmp_path, "")
        assert ask_drafts_passphrase(store) is True
        assert not store.drafts.is_set()


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_dialog__kazakh_and_russian__translated_and_pictured(
        qtbot: QtBot, sealed_store: Store, language: str, tmp_path: Path) -> None:
    i18n.set_language(language)
    dialog = _dialog(qtbot, sealed_store)
    qtbot.keyClicks(dialog.passphrase, "short")
    qtbot.keyClicks(dialog.confirm, "short")
    _ok(dialog)
    expected = {"kk": "құпия сөз", "ru": "Пароль"}[language]
    assert dialog.windowTitle() != "Drafts passphrase" and expected in dialog.windowTitle()
    assert dialog.error.text() and "short" not in dialog.error.text()
    assert dialog.grab().save(str(tmp_path / f"drafts-{language}.png"))


def test_main_window_locked__opening_a_draft_asks_then_opens_it(
        qtbot: QtBot, sealed_store: Store, settings) -> None:
    from desktop.main_window import MainWindow

    sealed_store.unlock_drafts(DRAFTS_PASSPHRASE)
    uuid = sealed_store.start_interview("sealed", "1", interviewer="Aigerim T.")
    sealed_store.save_answer(uuid, "phone", SECRET_ANSWERS["phone"])
    sealed_store.drafts.lock()  # started with "Start locked"
    window = MainWindow(sealed_store, settings)
    qtbot.addWidget(window)
    window.show()

    window.data.reload()
    qtbot.waitUntil(lambda: window.data.model.rowCount() == 1, timeout=60000)
    window.data.table.setCurrentIndex(window.data.model.index(0, 0))  # locked: nothing shown
    assert window.data.detail.session is None
    window.open_interview(uuid)
    dialog = window.findChild(DraftsPassphraseDialog, "drafts_passphrase")
    assert dialog is not None and dialog.isVisible() and window.session is None
    qtbot.keyClicks(dialog.passphrase, DRAFTS_PASSPHRASE)
    _ok(dialog)
    assert window.session is not None and window.session.uuid == uuid
    assert sealed_store.answers(uuid)["phone"] == SECRET_ANSWERS["phone"]
