"""The interview screen driven by key presses over a small inline form and a real store."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from desktop.choice_widgets import ChoiceButtonsWidget, ComboChoiceWidget
from desktop.input_widgets import DateWidget, NumberWidget, TextWidget
from desktop.interview_widget import InterviewWidget
from desktop.navigator_dialog import NavigatorDialog
from desktop.question_widgets import NoteWidget
from survey.form.xlsform import load_form
from survey.store import Store
from tests.desktop.helpers import press, question, show_screen, type_number
from tests.formbuilder import write_xlsform
from tests.small_form import start_session


def _screen(qtbot: QtBot, store: Store, form_id: str = "small") -> InterviewWidget:
    return show_screen(qtbot, start_session(store, form_id))


def _to_person_page(qtbot: QtBot, widget: InterviewWidget) -> None:
    press(qtbot, widget, "consent", Qt.Key.Key_1)
    press(qtbot, widget, "consent", Qt.Key.Key_Return)
    assert widget.page_names == ("age", "married")


def test_digit_then_enter__consent_page__answer_stored_and_next_page_shown(qtbot, store):
    widget = _screen(qtbot, store)
    assert widget.page_names == ("consent",)

    _to_person_page(qtbot, widget)

    assert store.answers(widget.session.uuid) == {"consent": "yes", "adult": "adult"}
    assert [e for q, e, _at in store.events(widget.session.uuid) if q == "age"] == ["shown"]


def test_constraint__age_15__message_inline_nothing_stored_next_blocked(qtbot, store):
    widget = _screen(qtbot, store)
    _to_person_page(qtbot, widget)

    type_number(qtbot, widget, "age", "15")

    assert question(widget, "age").message.text() == "Age must be 18 to 100"
    assert question(widget, "age").has_message()
    assert widget.page_names == ("age", "married")
    assert "age" not in store.answers(widget.session.uuid)

    type_number(qtbot, widget, "age", "34")

    assert store.answers(widget.session.uuid)["age"] == 34
    assert widget.page_names == ("trust",)


def test_required__nothing_answered__next_blocked_with_engine_message(qtbot, store):
    widget = _screen(qtbot, store)

    widget.go_next()

    assert widget.page_names == ("consent",)
    message = question(widget, "consent").message
    assert message.isVisibleTo(widget)
    assert message.text() == "This question requires an answer. Enter an answer."


def test_required__form_language_switched__message_shown_in_kazakh_then_russian(qtbot, store):
    widget = _screen(qtbot, store)
    widget.language.setCurrentIndex(widget.language.findData("kk"))
    widget.go_next()
    message = question(widget, "consent").message
    assert message.text() == "Бұл сұраққа жауап беру міндетті. Жауапты енгізіңіз."

    widget.language.setCurrentIndex(widget.language.findData("ru"))

    assert message.text() == "Ответ на этот вопрос обязателен. Введите ответ."


def test_skip_logic__consent_changed_to_no__pages_and_progress_follow_live(qtbot, store):
    widget = _screen(qtbot, store)
    press(qtbot, widget, "consent", Qt.Key.Key_1)
    assert len(widget.session.pages()) == 8
    yes_total = widget.progress.maximum()

    press(qtbot, widget, "consent", Qt.Key.Key_2)

    assert [p.names for p in widget.session.pages()] == [("consent",), ("bye",)]
    assert widget.progress.maximum() < yes_total
    press(qtbot, widget, "consent", Qt.Key.Key_Return)
    assert widget.page_names == ("bye",)


def test_alt_left__on_second_page__goes_back_to_first(qtbot, store):
    widget = _screen(qtbot, store)
    _to_person_page(qtbot, widget)

    qtbot.keyClick(question(widget, "age").edit, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)

    assert widget.page_names == ("consent",)


def test_language_switch__mid_page__labels_change_answers_and_pending_text_kept(qtbot, store):
    widget = _screen(qtbot, store)
    _to_person_page(qtbot, widget)
    press(qtbot, widget, "married", Qt.Key.Key_2)
    qtbot.keyClicks(question(widget, "age").edit, "15")
    qtbot.keyClick(question(widget, "age").edit, Qt.Key.Key_Return)

    widget.language.setCurrentIndex(widget.language.findData("kk"))

    assert question(widget, "married").label.text() == "Үйленген бе?"
    assert question(widget, "married").buttons[1].isChecked()
    assert question(widget, "married").buttons[1].text() == "2. no қаз"
    assert question(widget, "age").edit.text() == "15"
    assert question(widget, "age").has_message()
    assert store.answers(widget.session.uuid) == {"consent": "yes", "married": "no",
                                                  "adult": "adult"}
    assert store.interview(widget.session.uuid).language == "kk"


def test_widget_types__by_type_and_appearance__values_reach_store(qtbot, store):
    widget = _screen(qtbot, store)
    _to_person_page(qtbot, widget)
    type_number(qtbot, widget, "age", "64")
    trust = question(widget, "trust")
    assert isinstance(trust, ChoiceButtonsWidget) and trust.horizontal
    press(qtbot, widget, "trust", Qt.Key.Key_4)
    press(qtbot, widget, "trust", Qt.Key.Key_Return)
    sources = question(widget, "sources")
    press(qtbot, widget, "sources", Qt.Key.Key_1)
    press(qtbot, widget, "sources", Qt.Key.Key_3)
    assert sources.current_value() == ("tv", "web")
    press(qtbot, widget, "sources", Qt.Key.Key_Return)
    city = question(widget, "city")
    assert isinstance(city, ComboChoiceWidget)
    city.combo.setCurrentIndex(city.combo.findData("almaty"))
    widget.go_next()
    visit = question(widget, "visit")
    assert isinstance(visit, DateWidget)
    qtbot.keyClicks(visit.edit, "20260517")
    qtbot.keyClick(visit.edit, Qt.Key.Key_Return)
    comment = question(widget, "comment")
    assert isinstance(comment, TextWidget)
    comment.edit.insertPlainText("Жақсы ")  # as an input method delivers Kazakh letters
    qtbot.keyClicks(comment.edit, "ok")
    qtbot.keyClick(comment.edit, Qt.Key.Key_Return)
    assert isinstance(question(widget, "bye"), NoteWidget)
    assert question(widget, "bye").label.text() == "Thank you, 64"

    answers = store.answers(widget.session.uuid)
    assert answers == {"consent": "yes", "age": 64, "trust": "4", "sources": ("tv", "web"),
                       "city": "almaty", "visit": dt.date(2026, 5, 17), "comment": "Жақсы ok",
                       "adult": "senior"}
    assert isinstance(question(widget, "bye"), NoteWidget)
    assert not isinstance(question(widget, "bye"), NumberWidget)


def test_review__answers_page_by_page_missing_marked_finish_disabled_enter_jumps(qtbot, store):
    widget = _screen(qtbot, store)
    _to_person_page(qtbot, widget)
    press(qtbot, widget, "married", Qt.Key.Key_2)

    widget.show_page(len(widget.session.pages()))

    assert widget.on_review
    view = widget.review.answers
    assert view.pages_shown()[:3] == ["Page 1", "Page 2 · About you", "Page 3"]
    rows = view.rows()
    assert rows[:4] == [("Do you agree?", "yes en"), ("Age", "Required — not answered"),
                        ("Married?", "no en"), ("Trust in courts", "Required — not answered")]
    assert widget.review.missing_note.isVisibleTo(widget)
    assert not widget.review.finish_button.isEnabled()
    assert view.currentItem().text(0) == "Age"  # the first missing one, ready for Enter
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert widget.page_names == ("age", "married")


def _ready_to_finish(qtbot, widget):
    _to_person_page(qtbot, widget)
    type_number(qtbot, widget, "age", "30")
    press(qtbot, widget, "trust", Qt.Key.Key_5)


def test_finish__enter_held_down_through_every_page__review_shown_nothing_finished(qtbot, store):
    widget = _screen(qtbot, store)
    _ready_to_finish(qtbot, widget)
    widget.show_page(0)

    for _ in range(30):  # a key held down repeats
        held = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier,
                         "\r", True)
        QApplication.sendEvent(QApplication.focusWidget() or widget, held)

    assert widget.on_review
    assert widget.finish_dialog is None
    assert store.interview(widget.session.uuid).status == "draft"


def test_finish__button_asks_enter_keeps_editing_confirm_finishes(qtbot, store):
    widget = _screen(qtbot, store)
    _ready_to_finish(qtbot, widget)
    widget.show_page(len(widget.session.pages()))
    assert widget.review.finish_button.isEnabled()

    qtbot.mouseClick(widget.review.finish_button, Qt.MouseButton.LeftButton)
    dialog = widget.finish_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.defaultButton().objectName() == "keep_editing"
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert store.interview(widget.session.uuid).status == "draft"
    assert widget.on_review

    qtbot.mouseClick(widget.review.finish_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(widget.completed) as finished:
        widget.finish_dialog.findChild(QPushButton, "confirm").click()

    assert finished.args == [widget.session.uuid]
    assert store.interview(widget.session.uuid).status == "complete"


def test_navigator__ctrl_f_filter_enter__jumps_to_matching_question(qtbot, store):
    widget = _screen(qtbot, store)
    _to_person_page(qtbot, widget)
    press(qtbot, widget, "married", Qt.Key.Key_1)

    qtbot.keyClick(question(widget, "married").buttons[0], Qt.Key.Key_F,
                   Qt.KeyboardModifier.ControlModifier)
    dialog = widget.findChild(NavigatorDialog, "navigator")
    assert dialog is not None and dialog.isVisible()
    listed = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert listed[:3] == ["✓ 1. Do you agree?", "· 2. Age", "✓ 3. Married?"]
    qtbot.keyClicks(dialog.filter, "date")
    qtbot.keyClick(dialog.filter, Qt.Key.Key_Return)

    assert widget.page_names == ("visit",)
    assert not dialog.isVisible()


def test_or_other__other_picked__free_text_box_shown_and_stored_as_name_other(qtbot, tmp_path):
    path = write_xlsform(tmp_path / "other.xlsx",
                         [{"type": "select_one src or_other", "name": "src", "label": "Source"}],
                         [{"list_name": "src", "name": n, "label": n} for n in ("tv", "web")],
                         {"form_id": "other", "version": "1"})
    with Store.open(tmp_path / "other.db") as other_store:
        other_store.register_form(load_form(path.read_bytes(), filename="other.xlsx"),
                                  path.read_bytes())
        widget = InterviewWidget(start_session(other_store, "other"))
        qtbot.addWidget(widget)
        widget.show()
        src = question(widget, "src")
        assert [b.text() for b in src.buttons][:2] == ["1. tv", "2. web"]
        assert not src.other_edit.isVisibleTo(widget)

        press(qtbot, widget, "src", getattr(Qt.Key, f"Key_{len(src.buttons)}"))
        assert src.other_edit.isVisibleTo(widget)
        qtbot.keyClicks(src.other_edit, "billboard")
        qtbot.keyClick(src.other_edit, Qt.Key.Key_Return)

        assert other_store.answers(widget.session.uuid) == {"src": "other",
                                                            "src_other": "billboard"}


def test_field_list_of_scales__digits_typed_in_a_row__each_question_answered_in_turn(
        qtbot, tmp_path):
    scale = [{"list_name": "s", "name": str(n), "label": str(n)} for n in range(1, 6)]
    path = write_xlsform(tmp_path / "battery.xlsx", [
        {"type": "begin_group", "name": "battery", "appearance": "field-list"},
        *({"type": "select_one s", "name": name, "label": name, "appearance": "likert"}
          for name in ("fast", "cheap", "fair")),
        {"type": "end_group"},
    ], scale, {"form_id": "battery", "version": "1"})
    with Store.open(tmp_path / "battery.db") as battery_store:
        battery_store.register_form(load_form(path.read_bytes(), filename="battery.xlsx"),
                                    path.read_bytes())
        widget = _screen(qtbot, battery_store, "battery")
        assert widget.page_names == ("fast", "cheap", "fair")

        for digit in (Qt.Key.Key_4, Qt.Key.Key_2, Qt.Key.Key_5):
            qtbot.keyClick(QApplication.focusWidget(), digit)

        assert battery_store.answers(widget.session.uuid) == {"fast": "4", "cheap": "2",
                                                              "fair": "5"}


def test_date__typed_then_cleared__stored_then_cleared(qtbot, store):
    widget = _screen(qtbot, store)
    widget.session.answer("consent", "yes")
    widget.jump_to("visit")
    visit = question(widget, "visit")
    assert visit.edit.text() == ""

    qtbot.keyClicks(visit.edit, "20250301")
    visit.flush()
    assert store.answers(widget.session.uuid)["visit"] == dt.date(2025, 3, 1)
    assert visit.edit.text() == "20250301"

    visit.edit.selectAll()
    qtbot.keyClick(visit.edit, Qt.Key.Key_Delete)
    visit.flush()
    assert visit.edit.text() == ""
    assert "visit" not in store.answers(widget.session.uuid)
