"""The screens ``desktop.screenshots`` renders, each a step on the main window."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from desktop.main_window import MainWindow
from desktop.navigator_dialog import NavigatorDialog
from desktop.screenshot_kinds import form_errors_dialog, kinds_steps
from desktop.screenshot_odk import odk_steps

Step = tuple[str, Callable[[], None]]

#: Answers given before the interview screens are captured (the engine checks each).
ANSWERS = (("wave", "baseline"), ("sampling_point", "112"), ("interview_date", "2026-10-02"),
           ("consent", "yes"), ("region", "turkistan"), ("settlement", "rural"),
           ("sex", "female"), ("age", "15"), ("age", "47"), ("education", "higher"),
           ("heard_mediation", "yes"))


def steps(window: MainWindow, work: Path) -> list[Step]:
    """Home, interview (Kazakh, a Likert battery in Russian), navigator, review, data, errors,
    the Reports tab in Russian after a report was built, then every question kind and dialog
    in Kazakh and in Russian (10-30, 40-60) and the question kinds of ODK forms (31-39,
    61-69)."""
    return [
        ("01_home", lambda: window.tabs.setCurrentIndex(0)),
        ("02_interview_kk", lambda: _interview(window)),
        ("03_constraint_message", lambda: _constraint(window)),
        ("04_likert_battery_ru", lambda: _likert(window)),
        ("05_navigator", lambda: _navigator(window)),
        ("06_review", lambda: _review(window)),
        ("07_data", lambda: _data(window)),
        ("08_form_errors", lambda: _errors(window, work)),
        ("09_reports_ru", lambda: _reports(window, work)),
        *kinds_steps(window, work, "kk", 10),
        *kinds_steps(window, work, "ru", 40),
        *odk_steps(window, work, "kk", 31),
        *odk_steps(window, work, "ru", 61),
    ]


def _interview(window: MainWindow) -> None:
    window.set_interface_language("kk")
    record = next(r for r in window.store.forms() if r.form_id == "kelisim_mediation_kz")
    window.start_interview(record.form_id, record.version)
    screen = window.interview_widget
    assert screen is not None
    for name, value in ANSWERS[:5]:
        screen.session.answer(name, value)
    screen.jump_to("settlement")


def _constraint(window: MainWindow) -> None:
    screen = window.interview_widget
    assert screen is not None
    for name, value in ANSWERS[5:7]:
        screen.session.answer(name, value)
    screen.jump_to("age")
    widget = screen.widgets[0]
    widget.edit.setText("15")  # type: ignore[attr-defined]
    widget.show_validation(screen.session.answer("age", "15"))


def _likert(window: MainWindow) -> None:
    screen = window.interview_widget
    assert screen is not None
    for name, value in ANSWERS[8:]:
        screen.session.answer(name, value)
    screen.language.setCurrentIndex(screen.language.findData("ru"))
    screen.session.answer("trust_mediators", "4")
    screen.session.answer("mediation_effective", "5")
    screen.jump_to("mediation_effective")


def _navigator(window: MainWindow) -> None:
    screen = window.interview_widget
    assert screen is not None
    dialog = NavigatorDialog(screen.session, "mediation_effective", window)
    dialog.resize(620, 600)
    dialog.show()
    window.dialog = dialog


def _review(window: MainWindow) -> None:
    if window.dialog is not None:
        window.dialog.close()
        window.dialog = None
    screen = window.interview_widget
    assert screen is not None
    screen.show_page(len(screen.session.pages()))


def _data(window: MainWindow) -> None:
    """The Data tab with a completed interview's answers beside the table."""
    import time

    from PySide6.QtCore import QCoreApplication

    window.set_interface_language("en")
    window.tabs.setCurrentIndex(2)
    model = window.data.model
    deadline = time.monotonic() + 10
    while (model.is_loading() or model.rowCount() < 2) and time.monotonic() < deadline:
        QCoreApplication.processEvents()
    window.data.table.selectRow(1)


def _errors(window: MainWindow, work: Path) -> None:
    dialog = form_errors_dialog(window, work)
    dialog.show()
    window.dialog = dialog


def _reports(window: MainWindow, work: Path) -> None:
    from PySide6.QtCore import QEventLoop

    if window.dialog is not None:
        window.dialog.close()
        window.dialog = None
    window.set_interface_language("ru")
    window.tabs.setCurrentWidget(window.reports)
    reports = window.reports
    reports.language.setCurrentIndex(reports.language.findData("ru"))
    reports.weighting.setCurrentIndex(reports.weighting.findData("raked"))
    reports.tick_breakdowns(("sex", "settlement"))
    reports.xlsx.setText(str(work / "отчёт.xlsx"))
    reports.pdf.setText(str(work / "отчёт.pdf"))
    loop = QEventLoop()
    reports.report_finished.connect(lambda _result: loop.quit())
    reports.report_failed.connect(lambda _message: loop.quit())
    reports.start()
    loop.exec()
