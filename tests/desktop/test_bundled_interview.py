"""A whole interview of the bundled questionnaire, done with the keyboard in the main window."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Iterator
from itertools import pairwise
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from desktop.choice_widgets import ComboChoiceWidget
from desktop.input_widgets import DateWidget, NumberWidget, TextWidget
from desktop.interview_widget import InterviewWidget
from desktop.likert_grid import LikertHeader
from desktop.main_window import MainWindow
from desktop.question_widgets import QuestionWidget
from desktop.settings import AppSettings
from survey.bundled import ensure_bundled_form
from survey.store import Store
from tests.desktop.helpers import question

pytestmark = pytest.mark.slow  # whole interviews of the bundled questionnaire in the GUI

#: What to press for particular questions; the rest: first option, or a plausible value.
KEYS: dict[str, str] = {"consent": "1", "heard_mediation": "1", "used_mediation": "2",
                        "campaign_exposed": "2", "callback_ok": "2", "sex": "2",
                        "household_dispute": "2"}  # the roster: its own tests
NUMBERS: dict[str, str] = {"sampling_point": "17", "interviewer_id": "5", "age": "45"}


@pytest.fixture
def bundled_store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "field.db") as store:
        ensure_bundled_form(store)
        yield store


def open_window(qtbot: QtBot, store: Store, settings: AppSettings) -> MainWindow:
    window = MainWindow(store, settings)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def key(qtbot: QtBot, pressed: Qt.Key, modifier: Qt.KeyboardModifier | None = None) -> None:
    """Press a key where the keyboard focus is, as a person would."""
    target = QApplication.focusWidget()
    assert target is not None, "no widget has the keyboard focus"
    if modifier is None:
        qtbot.keyClick(target, pressed)
    else:
        qtbot.keyClick(target, pressed, modifier)


def type_text(qtbot: QtBot, text: str) -> None:
    target = QApplication.focusWidget()
    assert target is not None
    qtbot.keyClicks(target, text)


def answer(qtbot: QtBot, screen: InterviewWidget, item: QuestionWidget) -> None:
    """Answer one question with the keyboard (Tab-like focus move first)."""
    name = item.question.name
    if not item.question.type.takes_input:
        return
    item.focus_editor()
    if isinstance(item, NumberWidget):
        type_text(qtbot, NUMBERS.get(name, "3"))
    elif isinstance(item, ComboChoiceWidget):
        for _ in range(3):
            key(qtbot, Qt.Key.Key_Down)
    elif isinstance(item, DateWidget):
        type_text(qtbot, dt.date.today().strftime("%Y%m%d"))
    elif isinstance(item, TextWidget):
        type_text(qtbot, "ok")
    else:
        key(qtbot, getattr(Qt.Key, "Key_" + KEYS.get(name, "1")))


def run_pages(qtbot: QtBot, screen: InterviewWidget,
              on_page: Callable[[tuple[str, ...]], None]) -> list[tuple[str, ...]]:
    """Answer every page and press Enter until the review; returns the pages seen."""
    seen: list[tuple[str, ...]] = []
    while not screen.on_review:
        assert len(seen) < 120, f"the interview does not end: {seen[-3:]}"
        names = screen.page_names
        on_page(names)
        if screen.page_names != names:
            continue
        seen.append(names)
        for item in list(screen.widgets):
            answer(qtbot, screen, item)
        if screen.widgets and screen.widgets[-1].question.type.takes_input:
            screen.widgets[-1].focus_editor()
        else:
            screen.next_button.setFocus()
        key(qtbot, Qt.Key.Key_Return)
        assert screen.page_names != names or screen.on_review, f"stuck on {names}"
    return seen


def finish_with_keyboard(qtbot: QtBot, screen: InterviewWidget) -> None:
    """On the review: Enter does not finish; Tab to Finish, Space, then confirm."""
    key(qtbot, Qt.Key.Key_Return)
    assert screen.on_review and screen.finish_dialog is None
    screen.review.finish_button.setFocus()  # as Tab would
    key(qtbot, Qt.Key.Key_Space)
    dialog = screen.finish_dialog
    assert dialog is not None and dialog.isVisible()
    with qtbot.waitSignal(screen.completed):  # Tab to "Finish interview", then Space
        qtbot.keyClick(dialog.findChild(QPushButton, "confirm"), Qt.Key.Key_Space)


def test_bundled_form__keyboard_only_with_constraint_and_language_switch__stored(
        qtbot: QtBot, bundled_store: Store, settings: AppSettings) -> None:
    window = open_window(qtbot, bundled_store, settings)
    window.home.forms.setFocus()
    key(qtbot, Qt.Key.Key_Return)  # Enter on the questionnaire starts an interview
    screen = window.interview_widget
    assert screen is not None and window.tabs.currentWidget() is screen
    uuid = screen.session.uuid
    events: list[str] = []

    def on_page(names: tuple[str, ...]) -> None:
        if names == ("age",) and "age15" not in events:
            events.append("age15")
            question(screen, "age").focus_editor()
            type_text(qtbot, "15")
            key(qtbot, Qt.Key.Key_Return)
            assert screen.page_names == ("age",)
            assert question(screen, "age").message.isVisibleTo(screen)
            assert "age" not in bundled_store.answers(uuid)
            question(screen, "age").edit.clear()
        if names == ("heard_mediation",) and "ru" not in events:
            events.append("ru")
            screen.language.setFocus()
            screen.language.setCurrentIndex(screen.language.findData("ru"))
            assert question(screen, "heard_mediation").label.text().startswith("Слышали ли")

    seen = run_pages(qtbot, screen, on_page)

    assert events == ["age15", "ru"]
    flat = {name for page in seen for name in page}
    assert "info_sources" in flat  # heard of mediation: asked where from
    assert "dispute_kind" not in flat  # never used mediation: skipped
    assert "campaign_channels" not in flat
    assert screen.session.missing_required() == [], screen.session.interview.invalid_answers()
    assert screen.review.finish_button.isEnabled()
    finish_with_keyboard(qtbot, screen)

    with sqlite3.connect(bundled_store.path) as db:
        status, interviewer, language = db.execute(
            "SELECT status, interviewer, language FROM interviews WHERE uuid = ?",
            (uuid,)).fetchone()
    assert (status, interviewer, language) == ("complete", "Aigerim T.", "ru")
    answers = bundled_store.answers(uuid)
    assert answers["consent"] == "yes"
    assert answers["age"] == 45
    assert answers["age_group"] == "45-59"
    assert answers["region"] == "aktobe"  # three presses of Down in the region list
    assert answers["sex"] == "female"
    assert answers["interview_date"] == dt.date.today()
    assert answers["used_mediation"] == "no"
    assert "dispute_kind" not in answers
    assert window.tabs.currentWidget() is window.home


def test_refusal__consent_no__interview_ends_after_refusal_note(
        qtbot: QtBot, bundled_store: Store, settings: AppSettings) -> None:
    window = open_window(qtbot, bundled_store, settings)
    window.home.start_button.click()
    screen = window.interview_widget
    assert screen is not None
    KEYS_BEFORE = dict(KEYS)
    KEYS["consent"] = "2"
    try:
        seen = run_pages(qtbot, screen, lambda names: None)
    finally:
        KEYS.clear()
        KEYS.update(KEYS_BEFORE)

    assert seen[-1] == ("consent_refused",)
    finish_with_keyboard(qtbot, screen)
    answers = bundled_store.answers(screen.session.uuid)
    assert answers["consent"] == "no"
    assert "region" not in answers


def test_main_window__likert_battery_in_kazakh__fits_a_1366x768_screen(
        qtbot: QtBot, bundled_store: Store, settings: AppSettings) -> None:
    window = open_window(qtbot, bundled_store, settings)
    window.home.start_button.click()
    screen = window.interview_widget
    assert screen is not None
    screen.session.answer("consent", "yes")
    screen.jump_to("mediation_effective")
    assert len(screen.page_names) == 7

    for tab in range(3):
        window.tabs.setCurrentIndex(tab)
        hint = window.minimumSizeHint()
        assert hint.width() <= 1366 and hint.height() <= 720, (tab, hint)


def test_likert_battery_in_russian__dont_know_and_refused_set_apart_after_the_scale__no_side_scroll(
        qtbot: QtBot, bundled_store: Store, settings: AppSettings) -> None:
    window = open_window(qtbot, bundled_store, settings)
    window.home.start_button.click()
    screen = window.interview_widget
    assert screen is not None
    screen.session.answer("consent", "yes")
    screen.language.setCurrentIndex(screen.language.findData("ru"))
    screen.jump_to("mediation_effective")
    qtbot.waitUntil(lambda: question(screen, "trust_mediators").isVisible())
    item = question(screen, "trust_mediators")
    buttons = {b.objectName(): b for b in item.buttons}  # type: ignore[attr-defined]
    order = [f"choice_{n}" for n in (*"12345", "dont_know", "refused")]
    x = [buttons[name].mapTo(item, QPoint(0, 0)).x() for name in order]
    steps = [b - a for a, b in pairwise(x)]
    assert len(set(steps[:4])) == 1 and steps[5] == steps[0]  # one column width each
    assert steps[4] > steps[0]  # "don't know" and "refused" (not read out) set apart
    (header,) = screen.findChildren(LikertHeader)
    assert header.texts()[6] == "7\nОтказ от ответа"
    assert not screen.scroll_area.horizontalScrollBar().isVisible()
