"""A list at its cap on the interview screen: the add that fills it says so in a dialog (in
the interface language), Add and its keys are disabled with a tooltip saying why, and the
full list is what a resume finds."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop import i18n
from survey.form.repeat_codes import RepeatCode
from survey.interview.instances import INSTANCE_MARK, MAX_INSTANCES
from survey.interview.session import InterviewSession
from survey.messages import render
from tests.desktop.helpers import show_screen
from tests.desktop.test_roster import HOUSEHOLD, _store, _to_roster


@pytest.fixture
def kazakh() -> Iterator[None]:
    before = i18n.language()
    i18n.set_language("kk")
    yield
    i18n.set_language(before)


@pytest.mark.slow  # a thousand instances on screen
@pytest.mark.usefixtures("kazakh")
def test_list_filled_to_its_cap__dialog_then_add_disabled_with_the_reason(
        qtbot: QtBot, tmp_path: Path) -> None:
    store = _store(tmp_path, HOUSEHOLD, "household")
    uuid = store.start_interview("household", "1", interviewer="Dana", language="")
    for number in range(1, MAX_INSTANCES - 1):  # as a resume finds 998 members added
        store.save_answer(uuid, f"members[{number}]", INSTANCE_MARK)
    widget = show_screen(qtbot, InterviewSession(store, uuid))
    _to_roster(qtbot, widget)
    roster = widget.roster
    assert roster.list.count() == MAX_INSTANCES - 2 and roster.buttons["add"].isEnabled()
    assert roster.buttons["add"].toolTip() == ""

    qtbot.keyClick(roster.list, Qt.Key.Key_Insert)
    assert roster.list.count() == MAX_INSTANCES - 1 and roster.full_dialog is None
    qtbot.keyClick(roster.list, Qt.Key.Key_Insert)  # the last one the list can hold
    assert roster.list.count() == MAX_INSTANCES
    expected = render(RepeatCode.FULL.message(label="Household member", limit=MAX_INSTANCES),
                      "kk")
    assert "1\xa0000" in expected and "тізімінде" in expected
    box = roster.full_dialog
    assert box is not None and box.isVisible()
    assert box.text() == expected and box.windowTitle() == "Тізім толды"
    assert not roster.buttons["add"].isEnabled()
    assert roster.buttons["add"].toolTip() == expected
    box.accept()
    assert roster.full_dialog is None

    qtbot.keyClick(roster.list, Qt.Key.Key_Insert)  # the keys do nothing now
    roster.add()
    assert roster.list.count() == MAX_INSTANCES and roster.full_dialog is None
    again = InterviewSession(store, uuid)
    assert again.repeats is not None and again.repeats.count("members") == MAX_INSTANCES

    widget.roster.list.setCurrentRow(0)  # removing one makes room again
    qtbot.keyClick(widget.roster.list, Qt.Key.Key_Delete)
    assert roster.remove_dialog is not None
    roster.remove_dialog.findChild(type(roster.buttons["add"]), "confirm_remove").click()
    assert roster.list.count() == MAX_INSTANCES - 1
    assert roster.buttons["add"].isEnabled() and roster.buttons["add"].toolTip() == ""
    widget.close()
    store.close()
