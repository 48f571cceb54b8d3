"""The roster on the interview screen: instances of a repeat listed, added, removed (after
confirmation), moved and opened, by buttons and keys, over real XLSForms and a real store."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from desktop.interview_widget import InterviewWidget
from desktop.navigator_dialog import NavigatorDialog
from desktop.roster_pages import Roster
from desktop.settings import AppSettings
from survey.form.xlsform import load_form
from survey.interview.instances import INSTANCE_MARK
from survey.interview.session import InterviewSession
from survey.store import Store
from tests.desktop.helpers import open_main_window, question, show_screen, type_number
from tests.formbuilder import write_xlsform

HOUSEHOLD = [
    {"type": "text", "name": "village", "label": "Village"},
    {"type": "begin_repeat", "name": "members", "label": "Household member"},
    {"type": "text", "name": "member_name", "label": "Name"},
    {"type": "integer", "name": "age", "label": "Age"},
    {"type": "end_repeat"},
    {"type": "text", "name": "remark", "label": "Remark"},
]
ASKED_IF = [
    {"type": "select_one yn", "name": "others", "label": "Does anyone else live here?"},
    {"type": "begin_repeat", "name": "members", "label": "Household member",
     "relevant": "${others} = 'yes'"},
    {"type": "text", "name": "member_name", "label": "Name"},
    {"type": "end_repeat"},
    {"type": "text", "name": "remark", "label": "Remark"},
]
YES_NO = [{"list_name": "yn", "name": "yes", "label": "Yes"},
          {"list_name": "yn", "name": "no", "label": "No"}]
FIXED = [
    {"type": "begin_repeat", "name": "children", "label": "Child", "repeat_count": "3"},
    {"type": "integer", "name": "child_age", "label": "Age of the child"},
    {"type": "end_repeat"},
]


def _store(tmp_path: Path, rows: list[dict[str, str]], form_id: str,
           choices: list[dict[str, str]] | None = None) -> Store:
    path = write_xlsform(tmp_path / f"{form_id}.xlsx", rows, choices,
                         {"form_id": form_id, "version": "1"})
    store = Store.open(tmp_path / "laptop.db")
    data = path.read_bytes()
    store.register_form(load_form(data, filename=path.name, repeats=True), data)
    return store


@pytest.fixture
def household(tmp_path: Path) -> Store:
    store = _store(tmp_path, HOUSEHOLD, "household")
    yield store
    store.close()


def _screen(qtbot: QtBot, store: Store, form_id: str = "household") -> InterviewWidget:
    uuid = store.start_interview(form_id, "1", interviewer="Dana", language="")
    return show_screen(qtbot, InterviewSession(store, uuid))


def _to_roster(qtbot: QtBot, widget: InterviewWidget) -> None:
    edit = question(widget, "village").edit  # type: ignore[attr-defined]
    qtbot.keyClicks(edit, "Kosshy")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert widget.on_roster and widget.roster.roster == Roster("members")


def _rows(widget: InterviewWidget) -> list[str]:
    return [widget.roster.list.item(i).text() for i in range(widget.roster.list.count())]


def _member(qtbot: QtBot, widget: InterviewWidget, number: int, name: str, age: int) -> None:
    """Open member ``number`` from the roster (Enter), answer name and age: Enter on the last
    page of the member goes back to the list, the next member selected."""
    widget.roster.list.setCurrentRow(number - 1)
    qtbot.keyClick(widget.roster.list, Qt.Key.Key_Return)
    assert widget.page_names == (f"members[{number}]/member_name",)
    assert widget.findChild(type(widget.title), "instance_place").text().startswith(
        f"Household member {number} of ")
    assert widget.heading is None  # the instance's group is named once, by the place
    edit = question(widget, f"members[{number}]/member_name").edit  # type: ignore[attr-defined]
    qtbot.keyClicks(edit, name)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    type_number(qtbot, widget, f"members[{number}]/age", str(age))
    assert widget.on_roster and widget.roster.roster == Roster("members")
    assert widget.roster.selected() == min(number + 1, widget.roster.list.count())


def _remove(qtbot: QtBot, widget: InterviewWidget, number: int) -> None:
    widget.roster.list.setCurrentRow(number - 1)
    qtbot.keyClick(widget.roster.list, Qt.Key.Key_Delete)
    box = widget.roster.remove_dialog
    assert box is not None and box.isVisible()
    assert box.defaultButton().objectName() == "keep"
    box.findChild(QPushButton, "confirm_remove").click()


def test_add_answer_remove_move__store_follows__resumed_in_a_new_window(
        qtbot: QtBot, household: Store) -> None:
    widget = _screen(qtbot, household)
    _to_roster(qtbot, widget)
    assert _rows(widget) == []
    for _ in range(3):
        qtbot.keyClick(widget.roster.list, Qt.Key.Key_Insert)
    assert _rows(widget) == ["1. Household member 1", "2. Household member 2",
                             "3. Household member 3"]
    for number, (name, age) in enumerate((("Aigerim", 34), ("Daulet", 12), ("Erlan", 70)), 1):
        _member(qtbot, widget, number, name, age)
    assert _rows(widget) == ["1. Aigerim, 34", "2. Daulet, 12", "3. Erlan, 70"]
    assert widget.session.progress() == (7, 8)  # village, 3 x (name, age); remark to come
    assert widget.progress.maximum() == 8

    _remove(qtbot, widget, 2)
    assert _rows(widget) == ["1. Aigerim, 34", "2. Erlan, 70"]
    widget.roster.list.setCurrentRow(1)
    qtbot.keyClick(widget.roster.list, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert _rows(widget) == ["1. Erlan, 70", "2. Aigerim, 34"]
    assert widget.roster.selected() == 1
    answers = household.answers(widget.session.uuid)
    assert {k: v for k, v in answers.items() if k.startswith("members")} == {
        "members[1]/member_name": "Erlan", "members[1]/age": 70,
        "members[2]/member_name": "Aigerim", "members[2]/age": 34,
        "members[1]": INSTANCE_MARK, "members[2]": INSTANCE_MARK}
    assert widget.progress.maximum() == 6

    widget.close()
    again = InterviewWidget(InterviewSession(household, widget.session.uuid))
    qtbot.addWidget(again)
    again.show_page(again.screens().index(Roster("members")))
    assert _rows(again) == ["1. Erlan, 70", "2. Aigerim, 34"]


def test_remove_kept__escape_keeps_the_instance(qtbot: QtBot, household: Store) -> None:
    widget = _screen(qtbot, household)
    _to_roster(qtbot, widget)
    qtbot.keyClick(widget.roster.list, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    _member(qtbot, widget, 1, "Aigerim", 34)
    qtbot.keyClick(widget.roster.list, Qt.Key.Key_Delete)
    box = widget.roster.remove_dialog
    assert box is not None
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert widget.roster.remove_dialog is None
    assert _rows(widget) == ["1. Aigerim, 34"]
    assert household.answers(widget.session.uuid)["members[1]/member_name"] == "Aigerim"


def test_keyboard__enter_on_an_empty_roster_goes_on__alt_down_moves(
        qtbot: QtBot, household: Store) -> None:
    widget = _screen(qtbot, household)
    _to_roster(qtbot, widget)
    qtbot.keyClick(widget.roster.list, Qt.Key.Key_Return)
    assert widget.page_names == ("remark",)
    qtbot.keyClick(question(widget, "remark").edit,  # type: ignore[attr-defined]
                   Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert widget.on_roster
    qtbot.keyClick(widget.roster.list, Qt.Key.Key_Insert)
    qtbot.keyClick(widget.roster.list, Qt.Key.Key_Insert)
    _member(qtbot, widget, 1, "Aigerim", 34)
    widget.roster.list.setCurrentRow(0)
    qtbot.keyClick(widget.roster.list, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert _rows(widget) == ["1. Household member 1", "2. Aigerim, 34"]


def test_navigator_and_review__instances_named(qtbot: QtBot, household: Store) -> None:
    widget = _screen(qtbot, household)
    _to_roster(qtbot, widget)
    qtbot.keyClick(widget.roster.list, Qt.Key.Key_Insert)
    qtbot.keyClick(widget.roster.list, Qt.Key.Key_Insert)
    _member(qtbot, widget, 2, "Daulet", 12)

    widget.open_navigator()
    dialog = widget.findChild(NavigatorDialog, "navigator")
    texts = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert "✓ 4. Household member › 2 › Name" in texts
    assert "· 3. Household member › 1 › Age" in texts
    dialog.filter.setText("2 › Age")
    qtbot.keyClick(dialog.filter, Qt.Key.Key_Return)
    assert widget.page_names == ("members[2]/age",)

    widget.show_page(len(widget.screens()))
    rows = widget.review.answers.rows()
    assert ("Household member › 2 › Name", "Daulet") in rows
    assert ("Household member › 1 › Age", "Not answered") in rows


def test_fixed_count__exactly_n_instances_no_add_or_remove(qtbot: QtBot, tmp_path: Path) -> None:
    store = _store(tmp_path, FIXED, "fixed")
    widget = _screen(qtbot, store, "fixed")
    assert widget.on_roster
    assert _rows(widget) == ["1. Child 1", "2. Child 2", "3. Child 3"]
    assert not widget.roster.buttons["add"].isVisibleTo(widget)
    assert not widget.roster.buttons["remove"].isVisibleTo(widget)
    qtbot.keyClick(widget.roster.list, Qt.Key.Key_Insert)
    widget.roster.list.setCurrentRow(0)
    qtbot.keyClick(widget.roster.list, Qt.Key.Key_Delete)
    assert widget.roster.remove_dialog is None
    assert _rows(widget) == ["1. Child 1", "2. Child 2", "3. Child 3"]
    widget.roster.list.setCurrentRow(2)
    qtbot.keyClick(widget.roster.list, Qt.Key.Key_Return)
    assert widget.page_names == ("children[3]/child_age",)
    assert widget.findChild(type(widget.title), "instance_place").text() == "Child 3 of 3"
    store.close()


def test_main_window__form_with_a_repeat_imported_started_and_resumed(
        qtbot: QtBot, tmp_path: Path, settings: AppSettings) -> None:
    path = write_xlsform(tmp_path / "household.xlsx", HOUSEHOLD, None,
                         {"form_id": "household", "version": "1"})
    with Store.open(tmp_path / "survey.db") as store:
        window = open_main_window(qtbot, store, settings)
        window.import_form(path)
        qtbot.waitUntil(lambda: [r.form_id for r in store.forms()] == ["household"],
                        timeout=10000)
        window.start_interview("household", "1")
        screen = window.interview_widget
        assert screen is not None
        _to_roster(qtbot, screen)
        assert screen.roster.list.hasFocus()
        qtbot.keyClick(screen.roster.list, Qt.Key.Key_Insert)
        _member(qtbot, screen, 1, "Aigerim", 34)
        uuid = screen.session.uuid
        window.close()

        again = open_main_window(qtbot, store, settings)
        again.open_interview(uuid)
        resumed = again.interview_widget
        assert resumed is not None
        assert resumed.page_names == ("members[1]/age",)  # the furthest page shown
        resumed.show_page(resumed.screens().index(Roster("members")))
        assert _rows(resumed) == ["1. Aigerim, 34"]
        again.close()


def test_language_switched__kept_after_an_instance_is_added(qtbot: QtBot, tmp_path: Path) -> None:
    rows = [{k: v for k, v in row.items() if k != "label"} | (
        {"label::English (en)": row["label"], "label::Русский (ru)": row["label"] + " ru"}
        if "label" in row else {}) for row in HOUSEHOLD]  # English the default
    store = _store(tmp_path, rows, "household")
    widget = _screen(qtbot, store)
    widget.language.setCurrentIndex(widget.language.findData("ru"))
    _to_roster(qtbot, widget)
    qtbot.keyClick(widget.roster.list, Qt.Key.Key_Insert)
    assert widget.session.language == "ru"
    assert _rows(widget) == ["1. Household member ru 1"]
    fresh = InterviewSession(store, store.start_interview("household", "1", interviewer="D",
                                                          language=""))
    fresh.set_language("ru")
    fresh.add_instance("members")  # a new layout of the instances
    assert fresh.language == "ru"
    store.close()


@pytest.mark.slow
def test_screenshots__roster_and_instance_pages_in_kk_and_ru(tmp_path: Path) -> None:
    from PySide6.QtGui import QImage

    from desktop.screenshot_roster import render

    written = render(tmp_path)

    assert sorted(p.name for p in written) == [
        "roster_kk_instance.png", "roster_kk_roster.png", "roster_ru_instance.png",
        "roster_ru_roster.png"]
    assert all(QImage(str(p)).size().toTuple() == (1366, 768) for p in written)


def test_relevant_repeat__roster_only_when_the_form_asks_it(qtbot: QtBot, tmp_path: Path) -> None:
    store = _store(tmp_path, ASKED_IF, "asked", YES_NO)
    widget = _screen(qtbot, store, "asked")
    assert Roster("members") not in widget.screens()
    press_digit = question(widget, "others").buttons[1]  # type: ignore[attr-defined]
    qtbot.keyClick(press_digit, Qt.Key.Key_2)
    qtbot.keyClick(press_digit, Qt.Key.Key_Return)
    assert widget.page_names == ("remark",)
    widget.go_back()
    qtbot.keyClick(question(widget, "others").buttons[0],  # type: ignore[attr-defined]
                   Qt.Key.Key_1)
    qtbot.keyClick(question(widget, "others").buttons[0],  # type: ignore[attr-defined]
                   Qt.Key.Key_Return)
    assert widget.on_roster and widget.roster.roster == Roster("members")
    store.close()


NESTED = [
    {"type": "begin_repeat", "name": "members", "label": "Member"},
    {"type": "text", "name": "member_name", "label": "Name"},
    {"type": "begin_repeat", "name": "visits", "label": "Visit"},
    {"type": "integer", "name": "year", "label": "Year"},
    {"type": "end_repeat"},
    {"type": "integer", "name": "age", "label": "Age"},
    {"type": "end_repeat"},
]


def test_nested_repeat__a_roster_in_each_parent_instance(qtbot: QtBot, tmp_path: Path) -> None:
    store = _store(tmp_path, NESTED, "nested")
    widget = _screen(qtbot, store, "nested")
    qtbot.keyClick(widget.roster.list, Qt.Key.Key_Insert)
    qtbot.keyClick(widget.roster.list, Qt.Key.Key_Insert)
    second = Roster("visits", (("members", 2),))
    assert [s for s in widget.screens() if isinstance(s, Roster)] == [
        Roster("members"), Roster("visits", (("members", 1),)), second]
    widget.show_page(widget.screens().index(second))
    qtbot.keyClick(widget.roster.list, Qt.Key.Key_Insert)
    qtbot.keyClick(widget.roster.list, Qt.Key.Key_Return)
    assert widget.page_names == ("members[2]/visits[1]/year",)
    assert widget.findChild(type(widget.title), "instance_place").text() == \
        "Member 2 of 2 › Visit 1 of 1"
    type_number(qtbot, widget, "members[2]/visits[1]/year", "2024")
    assert widget.on_roster and widget.roster.roster == second
    qtbot.keyClick(widget.next_button, Qt.Key.Key_Space)  # Next: past the visits
    assert widget.page_names == ("members[2]/age",)
    qtbot.keyClick(question(widget, "members[2]/age").edit,  # type: ignore[attr-defined]
                   Qt.Key.Key_Return)
    assert widget.on_roster and widget.roster.roster == Roster("members")
    assert widget.roster.selected() == 2
    qtbot.keyClick(widget.next_button, Qt.Key.Key_Space)
    assert widget.on_review
    assert store.answers(widget.session.uuid) == {
        "members[2]/visits[1]/year": 2024, "members[1]": INSTANCE_MARK,
        "members[2]": INSTANCE_MARK, "members[2]/visits[1]": INSTANCE_MARK}
    store.close()


def test_moving__enter_goes_through_members__back_from_an_instance_returns_to_the_list(
        qtbot: QtBot, household: Store) -> None:
    widget = _screen(qtbot, household)
    _to_roster(qtbot, widget)
    qtbot.keyClick(widget.roster.list, Qt.Key.Key_Insert)
    qtbot.keyClick(widget.roster.list, Qt.Key.Key_Insert)
    _member(qtbot, widget, 1, "Aigerim", 34)
    qtbot.keyClick(widget.roster.list, Qt.Key.Key_Return)  # member 2, selected after member 1
    assert widget.page_names == ("members[2]/member_name",)
    qtbot.keyClick(question(widget, "members[2]/member_name").edit,  # type: ignore[attr-defined]
                   Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert widget.on_roster and widget.roster.selected() == 2
    widget.go_next()  # Next on the list: past the members
    assert widget.page_names == ("remark",)
    widget.go_back()  # back to the list, not into the last member
    assert widget.on_roster
    widget.go_back()
    assert widget.page_names == ("village",)


def test_add_with_the_mouse__enter_opens_the_new_member__list_says_what_is_done(
        qtbot: QtBot, household: Store) -> None:
    widget = _screen(qtbot, household)
    _to_roster(qtbot, widget)
    assert "Insert" in widget.roster.note.text() and widget.roster.list.count() == 0
    assert widget.roster.placeholder.isVisible()  # an empty list says how to add the first
    widget.roster.buttons["add"].setFocus()
    widget.roster.buttons["add"].click()
    assert not widget.roster.placeholder.isVisible()
    assert widget.roster.list.hasFocus()
    qtbot.keyClick(widget.focusWidget(), Qt.Key.Key_Return)  # opens the one just added
    assert widget.page_names == ("members[1]/member_name",)
    edit = question(widget, "members[1]/member_name").edit  # type: ignore[attr-defined]
    qtbot.keyClicks(edit, "Aigerim")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert widget.page_names == ("members[1]/age",)
    qtbot.keyClick(widget.focusWidget(), Qt.Key.Key_Return)  # age left for later
    assert widget.on_roster
    assert _rows(widget) == ["1. Aigerim — 1 of 2 answered"]
    widget.roster.list.setCurrentRow(0)
    qtbot.keyClick(widget.roster.list, Qt.Key.Key_Return)
    qtbot.keyClick(widget.focusWidget(), Qt.Key.Key_Return)
    type_number(qtbot, widget, "members[1]/age", "34")
    assert _rows(widget) == ["1. Aigerim, 34"]  # all answered: the summary alone
    widget.close()
