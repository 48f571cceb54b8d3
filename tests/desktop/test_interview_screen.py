"""The interview screen as interviewers use it: layout of every question kind, the heading
in the live language, Likert grids, long lists, dates, readable hints."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from desktop.choice_widgets import ChoiceButtonsWidget, ComboChoiceWidget
from desktop.input_widgets import AcknowledgeWidget, DateWidget, NumberWidget, TextWidget
from desktop.interview_widget import InterviewWidget
from desktop.likert_grid import LikertHeader, LikertRowWidget
from desktop.style import MINIMUM_CONTRAST, contrast
from survey.store import Store
from tests.desktop.helpers import question, show_screen
from tests.kinds_form import register_kinds_form
from tests.small_form import start_session


@pytest.fixture
def kinds_store(tmp_path: Path):
    with Store.open(tmp_path / "kinds.db") as store:
        register_kinds_form(store, tmp_path)
        yield store


def _screen(qtbot: QtBot, store: Store, language: str = "en") -> InterviewWidget:
    return show_screen(qtbot, start_session(store, "kinds", language), (1366, 700))


def _top(widget: QWidget, page: QWidget) -> int:
    return widget.mapTo(page, QPoint(0, 0)).y()


def _bottom(widget: QWidget, page: QWidget) -> int:
    return _top(widget, page) + widget.height()


EDITORS = {TextWidget: "edit", NumberWidget: "edit", DateWidget: "edit",
           ChoiceButtonsWidget: "buttons", ComboChoiceWidget: "combo", AcknowledgeWidget: "check"}


@pytest.mark.parametrize("name, kind", [("comment", TextWidget), ("people", NumberWidget),
                                        ("income", NumberWidget), ("visit", DateWidget),
                                        ("month", ChoiceButtonsWidget),
                                        ("media", ChoiceButtonsWidget),
                                        ("place", ComboChoiceWidget),
                                        ("read", AcknowledgeWidget)])
def test_layout__every_kind__label_hint_input_message_top_down_and_close_together(
        qtbot, kinds_store, name, kind):
    screen = _screen(qtbot, kinds_store)
    screen.jump_to(name)
    item = question(screen, name)
    assert isinstance(item, kind)
    item.show_validation(screen.session.validate(name, "§"))  # any refused value: a message
    item.message.show()
    qtbot.wait(10)
    page = screen.page_area
    editor = getattr(item, EDITORS[kind])
    editors = [editor[0], editor[-1]] if isinstance(editor, list) else [editor]
    if kind is DateWidget:
        editors.append(item.format_hint)
    parts = [item.label] + ([item.hint] if item.hint.text() else []) + editors + [item.message]
    tops = [_top(part, page) for part in parts]
    assert tops == sorted(tops), [p.objectName() for p in parts]
    for upper, lower in itertools.pairwise(parts):
        if upper is editors[0] and len(editors) > 1 and lower is editors[1]:
            continue  # the options of a list between its first and last
        gap = _top(lower, page) - _bottom(upper, page)
        assert -1 <= gap < 3 * item.fontMetrics().lineSpacing(), (name, upper, lower, gap)
    assert item.height() <= item.sizeHint().height() + 2  # not stretched over the page
    assert _top(item, page) < 4 * item.fontMetrics().lineSpacing()  # at the top


def test_review__short_page__title_summary_and_answers_at_the_top(qtbot, kinds_store):
    screen = _screen(qtbot, kinds_store)
    screen.show_page(len(screen.session.pages()))
    review = screen.review
    tops = [_top(w, review) for w in (review.title, review.summary, review.answers)]
    assert tops == sorted(tops)
    assert tops[2] - tops[0] < 8 * review.fontMetrics().lineSpacing()


def test_language_switch__battery_page__heading_columns_items_follow(qtbot, kinds_store):
    screen = _screen(qtbot, kinds_store)
    screen.jump_to("fast")
    assert screen.heading is not None and screen.heading.text() == "How much do you agree?"

    screen.language.setCurrentIndex(screen.language.findData("kk"))

    assert screen.heading.text() == "Қаншалықты келісесіз?"
    header = screen.findChild(LikertHeader)
    assert header.texts()[0] == "1\nМүлдем келіспеймін"
    assert question(screen, "fast").label.text() == "Медиация тез"
    screen.language.setCurrentIndex(screen.language.findData("ru"))
    assert screen.heading.text() == "Насколько вы согласны?"
    assert header.texts()[4] == "5\nПолностью согласен"


def test_language_switch__section_heading_of_one_question_page__follows(qtbot, store):
    screen = InterviewWidget(start_session(store))
    qtbot.addWidget(screen)
    screen.session.answer("consent", "yes")
    screen.jump_to("age")
    assert screen.heading.text() == "About you"
    screen.language.setCurrentIndex(screen.language.findData("ru"))
    # the small form has no Russian group label: the default language stays, no stale text
    assert screen.heading.text() == "About you"
    assert question(screen, "age").label.text() == "Возраст *"


# -- Likert grid ------------------------------------------------------------------------------

def _battery(qtbot, kinds_store) -> InterviewWidget:
    screen = _screen(qtbot, kinds_store)
    screen.jump_to("fast")
    assert screen.page_names == ("fast", "cheap", "fair")
    return screen


def test_grid__battery_page__header_once_and_one_row_per_item(qtbot, kinds_store):
    screen = _battery(qtbot, kinds_store)
    headers = screen.findChildren(LikertHeader)
    assert len(headers) == 1
    assert headers[0].texts() == ["1\nStrongly disagree", "2\nDisagree", "3\nNeutral",
                                  "4\nAgree", "5\nStrongly agree"]
    for language in ("ru", "kk", "en"):  # no word of a scale label is cut
        screen.language.setCurrentIndex(screen.language.findData(language))
        for column in headers[0].columns:
            metrics = column.fontMetrics()
            assert all(metrics.horizontalAdvance(word) <= column.width()
                       for word in column.text().split()), (language, column.text())
    screen.language.setCurrentIndex(screen.language.findData("en"))
    rows = [w for w in screen.widgets if isinstance(w, LikertRowWidget)]
    assert [r.question.name for r in rows] == ["fast", "cheap", "fair"]
    assert all(b.text() == "" for r in rows for b in r.buttons)  # labels only in the header
    # the columns line up under the header
    page = screen.page_area
    for number, column in enumerate(headers[0].columns):
        centre = column.mapTo(page, QPoint(column.width() // 2, 0)).x()
        for row in rows:
            button = row.buttons[number]
            middle = button.mapTo(page, QPoint(button.width() // 2, 0)).x()
            assert abs(middle - centre) <= button.width(), (number, row.question.name)


def test_grid__digits__answer_focused_row_and_move_down(qtbot, kinds_store):
    screen = _battery(qtbot, kinds_store)
    assert QApplication.focusWidget() is question(screen, "fast")

    for digit in (Qt.Key.Key_4, Qt.Key.Key_2, Qt.Key.Key_5):
        qtbot.keyClick(QApplication.focusWidget(), digit)

    answers = kinds_store.answers(screen.session.uuid)
    assert (answers["fast"], answers["cheap"], answers["fair"]) == ("4", "2", "5")


def test_grid__arrows__up_down_move_rows_left_right_move_the_answer(qtbot, kinds_store):
    screen = _battery(qtbot, kinds_store)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)
    assert QApplication.focusWidget() is question(screen, "cheap")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Right)  # nothing chosen: point 1
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Right)
    assert kinds_store.answers(screen.session.uuid)["cheap"] == "2"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Left)
    assert kinds_store.answers(screen.session.uuid)["cheap"] == "1"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Up)
    assert QApplication.focusWidget() is question(screen, "fast")


def test_grid__mouse_click_then_digits__no_keystroke_lost(qtbot, kinds_store):
    screen = _battery(qtbot, kinds_store)
    qtbot.mouseClick(question(screen, "fast").buttons[2], Qt.MouseButton.LeftButton)

    assert QApplication.focusWidget() is question(screen, "cheap")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_1)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_5)

    answers = kinds_store.answers(screen.session.uuid)
    assert (answers["fast"], answers["cheap"], answers["fair"]) == ("3", "1", "5")


def test_grid__coming_back_to_the_page__keys_go_to_the_first_blank_row(qtbot, kinds_store):
    screen = _battery(qtbot, kinds_store)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_4)
    screen.go_back()
    screen.jump_to("last")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)

    assert screen.page_names == ("fast", "cheap", "fair")
    assert QApplication.focusWidget() is question(screen, "cheap")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_2)
    assert kinds_store.answers(screen.session.uuid)["cheap"] == "2"


def test_grid__last_row_blank_on_leaving__flagged_once_then_left_blank(qtbot, kinds_store):
    screen = _battery(qtbot, kinds_store)
    for digit in (Qt.Key.Key_4, Qt.Key.Key_2):
        qtbot.keyClick(QApplication.focusWidget(), digit)

    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)

    assert screen.page_names == ("fast", "cheap", "fair")
    fair = question(screen, "fair")
    assert fair.message.isVisibleTo(screen) and "No answer yet" in fair.message.text()
    assert QApplication.focusWidget() is fair
    assert not question(screen, "cheap").message.isVisibleTo(screen)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert screen.page_names == ("last",)
    assert "fair" not in kinds_store.answers(screen.session.uuid)


def test_grid__flagged_row_answered__flag_gone(qtbot, kinds_store):
    screen = _battery(qtbot, kinds_store)
    screen.go_next()
    assert question(screen, "fast").is_flagged()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_3)
    assert not question(screen, "fast").is_flagged()


# -- long lists -------------------------------------------------------------------------------

def test_long_list__two_digits__option_10_and_12_chosen(qtbot, kinds_store):
    screen = _screen(qtbot, kinds_store)
    screen.jump_to("month")
    month = question(screen, "month")
    assert [b.text() for b in month.buttons][9:] == ["10. Oct", "11. Nov", "12. Dec"]

    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_1)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_2)
    assert kinds_store.answers(screen.session.uuid)["month"] == "dec"

    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_1)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_0)
    assert kinds_store.answers(screen.session.uuid)["month"] == "oct"


def test_long_list__one_digit_that_cannot_start_two__chosen_at_once(qtbot, kinds_store):
    screen = _screen(qtbot, kinds_store)
    screen.jump_to("month")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_7)
    assert kinds_store.answers(screen.session.uuid)["month"] == "jul"


def test_long_list__one_then_enter__option_one_chosen_and_next_page(qtbot, kinds_store):
    screen = _screen(qtbot, kinds_store)
    screen.jump_to("month")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_1)
    assert "month" not in kinds_store.answers(screen.session.uuid)  # waits for a second digit

    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)

    assert kinds_store.answers(screen.session.uuid)["month"] == "jan"
    assert screen.page_names == ("media",)


def test_long_list__one_then_pause__option_one_chosen(qtbot, kinds_store):
    screen = _screen(qtbot, kinds_store)
    screen.jump_to("month")
    month = question(screen, "month")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_1)
    month._digit_timer.timeout.emit()  # the pause, without waiting for it
    assert kinds_store.answers(screen.session.uuid)["month"] == "jan"


def test_long_list__letters__type_ahead_focuses_option_space_chooses(qtbot, kinds_store):
    screen = _screen(qtbot, kinds_store)
    screen.jump_to("month")
    qtbot.keyClicks(QApplication.focusWidget(), "De")
    assert QApplication.focusWidget() is question(screen, "month").buttons[11]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    assert kinds_store.answers(screen.session.uuid)["month"] == "dec"


def test_minimal_list_of_20__typing_the_name__chooses_it(qtbot, kinds_store):
    screen = _screen(qtbot, kinds_store)
    screen.jump_to("place")
    qtbot.keyClicks(question(screen, "place").combo, "Shy")
    assert kinds_store.answers(screen.session.uuid)["place"] == "p20"


# -- dates ------------------------------------------------------------------------------------

@pytest.mark.parametrize("language, typed", [("en", "30.11.2026"), ("ru", "30.11.2026"),
                                             ("kk", "30/11/2026"), ("en", "2026-11-30"),
                                             ("en", "11/30/2026")])
def test_date__local_formats__stored_as_that_day_and_read_back(qtbot, kinds_store, language,
                                                               typed):
    from desktop import i18n

    i18n.set_language(language)
    screen = _screen(qtbot, kinds_store)
    screen.jump_to("visit")
    visit = question(screen, "visit")
    assert visit.edit.text() == ""
    assert visit.edit.placeholderText() == {"en": "DD.MM.YYYY", "ru": "ДД.ММ.ГГГГ",
                                            "kk": "КК.АА.ЖЖЖЖ"}[language]
    assert visit.format_hint.isVisibleTo(screen)

    qtbot.keyClicks(visit.edit, typed)
    qtbot.keyClick(visit.edit, Qt.Key.Key_Return)

    assert kinds_store.answers(screen.session.uuid)["visit"] == dt.date(2026, 11, 30)
    assert "2026" in visit.reading.text() and "30" in visit.reading.text()


def test_date__impossible_date__message_nothing_stored_next_blocked(qtbot, kinds_store):
    screen = _screen(qtbot, kinds_store)
    screen.jump_to("visit")
    visit = question(screen, "visit")
    qtbot.keyClicks(visit.edit, "31.02.2026")
    qtbot.keyClick(visit.edit, Qt.Key.Key_Return)

    assert screen.page_names == ("visit",)
    assert visit.message.text() == "“31.02.2026” is not a real date: check the day and the month."
    assert "visit" not in kinds_store.answers(screen.session.uuid)
    assert visit.edit.text() == "31.02.2026"  # kept for correcting, never changed


def test_date__up_and_down__move_a_day_empty_stays_empty(qtbot, kinds_store):
    screen = _screen(qtbot, kinds_store)
    screen.jump_to("visit")
    visit = question(screen, "visit")
    qtbot.keyClick(visit.edit, Qt.Key.Key_Up)
    assert visit.edit.text() == ""
    qtbot.keyClicks(visit.edit, "28.02.2026")
    qtbot.keyClick(visit.edit, Qt.Key.Key_Up)
    visit.flush()
    assert kinds_store.answers(screen.session.uuid)["visit"] == dt.date(2026, 3, 1)


def test_date__today_button_and_ctrl_t__today(qtbot, kinds_store):
    screen = _screen(qtbot, kinds_store)
    screen.jump_to("visit")
    visit = question(screen, "visit")
    qtbot.mouseClick(visit.today_button, Qt.MouseButton.LeftButton)
    assert kinds_store.answers(screen.session.uuid)["visit"] == dt.date.today()
    visit.edit.clear()
    visit.typed()
    visit.flush()
    assert "visit" not in kinds_store.answers(screen.session.uuid)
    qtbot.keyClick(visit.edit, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert kinds_store.answers(screen.session.uuid)["visit"] == dt.date.today()


# -- readable text ----------------------------------------------------------------------------

def _background(widget: QWidget):
    """The colour behind ``widget``: the nearest ancestor that paints one (window colour)."""
    current = widget
    while current is not None:
        if current.autoFillBackground():
            return current.palette().color(current.backgroundRole())
        current = current.parentWidget()
    return widget.window().palette().color(QPalette.ColorRole.Window)


def _text_colour(widget: QWidget):
    widget.ensurePolished()
    return widget.palette().color(widget.foregroundRole())


def test_contrast__every_label_of_every_page__at_least_aa(qtbot, kinds_store):
    screen = _screen(qtbot, kinds_store)
    checked = 0
    for index in range(len(screen.session.pages()) + 1):
        screen.show_page(index)
        for item in screen.widgets:
            item.show_validation(screen.session.validate(item.question.name, "§"))
        for label in screen.findChildren(QLabel):
            if not label.isVisibleTo(screen) or not label.text():
                continue
            ratio = contrast(_text_colour(label), _background(label))
            assert ratio >= MINIMUM_CONTRAST, (label.objectName(), label.text(), ratio)
            checked += 1
    assert checked > 40


def test_contrast__hint__was_1_7_now_aa_and_not_italic(qtbot, kinds_store):
    screen = _screen(qtbot, kinds_store)
    hint = question(screen, "comment").hint
    assert hint.text() == "Write what the respondent says, in their words."
    assert contrast(_text_colour(hint), _background(hint)) >= MINIMUM_CONTRAST
    assert not hint.font().italic()


def test_contrast__placeholder_text__aa_on_the_box(qtbot, kinds_store):
    screen = _screen(qtbot, kinds_store)
    screen.jump_to("visit")
    edit = question(screen, "visit").edit
    palette = edit.palette()
    ratio = contrast(palette.color(QPalette.ColorRole.PlaceholderText),
                     palette.color(QPalette.ColorRole.Base))
    assert ratio >= MINIMUM_CONTRAST


def test_contrast__progress_bar_and_selected_rows__text_on_highlight_aa(qtbot, kinds_store):
    screen = _screen(qtbot, kinds_store)
    screen.show_page(len(screen.session.pages()))
    for widget in (screen.progress, screen.review.answers):
        palette = widget.palette()
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            ratio = contrast(palette.color(group, QPalette.ColorRole.HighlightedText),
                             palette.color(group, QPalette.ColorRole.Highlight))
            assert ratio >= MINIMUM_CONTRAST, (widget.objectName(), group, ratio)
