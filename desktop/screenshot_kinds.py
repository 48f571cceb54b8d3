"""Screenshots of every question kind and every dialog, in one language (kk or ru).

Steps for ``desktop.screenshots``: the questionnaire of ``desktop.sample_form`` with the
interface and the form in the same language; each kind shown in a telling state (a message,
a typed date read back, a flagged battery row), then the review and the dialogs.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog, QWidget

from desktop import i18n
from desktop.dialogs import FormErrorsDialog
from desktop.export_dialog import ExportDialog
from desktop.file_dialogs import file_dialog
from desktop.interview_widget import InterviewWidget
from desktop.main_window import MainWindow
from desktop.navigator_dialog import NavigatorDialog
from desktop.sample_form import FORM_ID, register_kinds_form
from survey.errors import FormError
from survey.form.xlsform import load_form

Step = tuple[str, Callable[[], None]]

#: Why a supervisor reopens an interview, per language.
REASONS = {"kk": "Респондент отбасы мүшелерінің санын қате айтқан.",
           "ru": "Респондент неверно назвал число членов семьи."}
#: A comment as an interviewer writes it, per language.
COMMENTS = {"kk": "Респондент медиация туралы теледидардан естіген.",
            "ru": "Респондент слышал о медиации по телевизору."}


def kinds_steps(window: MainWindow, work: Path, language: str, first: int) -> list[Step]:
    """The steps for ``language``, numbered from ``first``."""
    shots: list[tuple[str, Callable[[], None]]] = [
        ("kind_text", lambda: _text(window, language)),
        ("kind_integer", lambda: _typed(window, "people", "45")),
        ("kind_decimal", lambda: _typed(window, "income", "125000,5")),
        ("kind_date", lambda: _typed(window, "visit", "30.11.2026")),
        ("kind_select_one", lambda: _picked(window, "month", 12)),
        ("kind_select_multiple", lambda: _picked(window, "media", 1, 3)),
        ("kind_minimal", lambda: _minimal(window)),
        ("kind_acknowledge", lambda: _picked(window, "read", 1)),
        ("kind_note", lambda: _screen(window).jump_to("thanks")),
        ("kind_likert_grid", lambda: _grid(window)),
        ("review", lambda: _review(window)),
        ("dialog_finish", lambda: _finish(window, language)),
        ("dialog_navigator", lambda: _navigator(window)),
        ("dialog_view_complete", lambda: _viewer(window)),
        ("dialog_reopen", lambda: _reopen(window)),
        ("dialog_resume", lambda: _resume(window, language)),
        ("dialog_interviewer", lambda: _show(window, window.ask_interviewer())),
        ("dialog_export", lambda: _show(window, ExportDialog(work, window, fmt="xlsx",
                                                              demo=True))),
        ("dialog_file", lambda: _file(window, work)),
        ("dialog_form_errors", lambda: _show(window, form_errors_dialog(window, work))),
        ("home_demo_data", lambda: _home(window)),
    ]
    return [(f"{first + index:02d}_{name}_{language}", lambda fn=fn, name=name:
             _step(window, language, name, fn)) for index, (name, fn) in enumerate(shots)]


def _step(window: MainWindow, language: str, name: str, fn: Callable[[], None]) -> None:
    _close_dialog(window)
    if name == "kind_text":
        _start(window, language)
    fn()


def _close_dialog(window: MainWindow) -> None:
    if window.dialog is not None:
        window.dialog.close()
        window.dialog = None
    screen = window.interview_widget
    if screen is not None and screen.finish_dialog is not None:
        screen.finish_dialog.close()


def _show(window: MainWindow, dialog: Any) -> None:
    dialog.show()
    window.dialog = dialog


def _start(window: MainWindow, language: str) -> None:
    """A new interview of the sample questionnaire, interface and form in ``language``."""
    if not any(r.form_id == FORM_ID for r in window.store.forms()):
        register_kinds_form(window.store, window.store.path.parent)
    window.set_interface_language(language)
    window.settings.form_language = language
    record = next(r for r in window.store.forms() if r.form_id == FORM_ID)
    window.start_interview(record.form_id, record.version)


def _screen(window: MainWindow) -> InterviewWidget:
    screen = window.interview_widget
    assert screen is not None
    window.tabs.setCurrentIndex(1)
    return screen


def _text(window: MainWindow, language: str) -> None:
    screen = _screen(window)
    screen.jump_to("comment")
    screen.go_next()  # required and empty: its message under the box


def _typed(window: MainWindow, name: str, text: str) -> None:
    screen = _screen(window)
    screen.jump_to(name)
    widget: Any = next(w for w in screen.widgets if w.question.name == name)
    widget.edit.setText(text)
    widget.typed()
    widget.flush()


def _picked(window: MainWindow, name: str, *numbers: int) -> None:
    screen = _screen(window)
    screen.jump_to(name)
    widget = next(w for w in screen.widgets if w.question.name == name)
    for number in numbers:
        widget.pick(number)


def _minimal(window: MainWindow) -> None:
    screen = _screen(window)
    screen.jump_to("place")
    widget: Any = screen.widgets[0]
    widget.combo.setCurrentIndex(widget.combo.findData("p20"))


def _grid(window: MainWindow) -> None:
    screen = _screen(window)
    screen.jump_to("fast")
    for widget, number in zip(screen.widgets, (4, 2), strict=False):
        widget.pick(number)
    screen.go_next()  # the last row left blank is flagged


def _review(window: MainWindow) -> None:
    screen = _screen(window)
    screen.show_page(len(screen.session.pages()))


def _finish(window: MainWindow, language: str) -> None:
    screen = _screen(window)
    for name, value in (("comment", COMMENTS[language]), ("people", "4"),
                        ("fair", "5")):
        screen.session.answer(name, value)
    screen.show_page(len(screen.session.pages()))
    box = screen.ask_finish()
    window.dialog = box


def _navigator(window: MainWindow) -> None:
    screen = _screen(window)
    dialog = NavigatorDialog(screen.session, "month", window)
    dialog.resize(620, 560)
    _show(window, dialog)


def _viewer(window: MainWindow) -> None:
    screen = _screen(window)
    uuid = screen.session.uuid
    screen.finish()
    window.view_interview(uuid).resize(1000, 640)


def _reopen(window: MainWindow) -> None:
    uuid = window.store.interviews(status="complete", form_id=FORM_ID, limit=1)[0].uuid
    dialog = window.ask_reopen(uuid)
    dialog.edit.setText(REASONS[i18n.language()])


def _resume(window: MainWindow, language: str) -> None:
    _start(window, language)
    screen = _screen(window)
    screen.session.answer("comment", COMMENTS[language])
    window.offer_resume()


def _file(window: MainWindow, work: Path) -> None:
    dialog: QFileDialog = file_dialog(window, i18n._("Open database"), str(work),
                                      i18n._("Kelisim databases (*.db *.sqlite *.kelisim);;"
                                             "All files (*)"))
    dialog.resize(860, 520)
    _show(window, dialog)


def _home(window: MainWindow) -> None:
    window.tabs.setCurrentIndex(0)


def form_errors_dialog(parent: QWidget, work: Path) -> FormErrorsDialog:
    """The problems dialog of an XLSForm with typical mistakes."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "survey"
    sheet.append(["type", "name", "label", "relevant", "constraint"])
    sheet.append(["integer", "age", "Age", "", ". >= "])
    sheet.append(["select_one regions", "region", "Region", "${agee} > 17", ""])
    sheet.append(["text", "age", "Age again", "", ""])
    path = work / "field_form_draft.xlsx"
    book.save(path)
    try:
        load_form(path.read_bytes(), filename=path.name)
    except FormError as error:
        return FormErrorsDialog(path.name, error.problems, parent)
    raise AssertionError("the draft questionnaire has problems")
