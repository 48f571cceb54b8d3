"""Roster indicators on the Reports tab: offered only for a form with repeats, picked with the
keyboard (repeat, question, answer), kept in the spec and its file, and built in the worker
into the report's "Roster indicators" sheet, read back from the xlsx."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.report_rosters import roster_choices
from desktop.reports_widget import ReportsWidget, breakdown_choices
from reports.repeat_spec import RepeatIndicator
from reports.spec import DEFAULT_REPEAT_INDICATORS, ReportSpec, load_spec
from survey.bundled import bundled_form
from survey.form.model import Form
from survey.store import Store
from tests.reports.test_repeat_report import fill

MEDIATOR_YES = RepeatIndicator("disputes", "mediator", "yes")


@pytest.fixture
def roster_db(tmp_path: Path) -> tuple[Path, Form]:
    path = tmp_path / "roster.db"
    with Store.open(path) as store:
        fill(store, tmp_path)
        form = store.load_form("roster", "1", repeats=True)
    return path, form


def test_form_with_repeats__indicators_per_repeat_question_and_answer(
        roster_db: tuple[Path, Form]) -> None:
    _path, form = roster_db
    assert roster_choices(form, "en") == [
        (RepeatIndicator("disputes", "mediator", "yes"), "Dispute › Mediator involved? › Yes"),
        (RepeatIndicator("disputes", "mediator", "no"), "Dispute › Mediator involved? › No")]
    assert [name for name, _label in breakdown_choices(form, "en")] == ["region"]


def test_form_without_repeats__no_roster_row(qtbot: QtBot) -> None:
    widget = ReportsWidget(lambda: None)
    qtbot.addWidget(widget)
    widget.show()
    assert widget.rosters.count() == 0 and not widget.rosters.isVisible()
    assert widget.spec().repeat_indicators == ()


def test_roster_indicator_picked__report_built_in_the_worker_has_the_section(
        qtbot: QtBot, roster_db: tuple[Path, Form], tmp_path: Path) -> None:
    db, form = roster_db
    widget = ReportsWidget(lambda: db, forms_getter=lambda: [("roster", "Roster")],
                           form_getter=lambda _form_id: form)
    qtbot.addWidget(widget)
    widget.show()
    assert widget.rosters.isVisible() and widget.rosters.count() == 2
    # a spec file names the headline indicators (the tab keeps those it does not show)
    widget.set_spec(ReportSpec(language="en", weighting="none", breakdowns=(),
                               indicators=("region",)))
    widget.rosters.setFocus()
    widget.rosters.setCurrentRow(0)
    qtbot.keyClick(widget.rosters, Qt.Key.Key_Space)  # ticked with the keyboard
    assert widget.spec().repeat_indicators == (MEDIATOR_YES,)
    assert widget.spec().indicators == ("region",)
    widget.save_spec_file(tmp_path / "spec.json")
    assert load_spec(tmp_path / "spec.json").repeat_indicators == (MEDIATOR_YES,)

    widget.xlsx.setText(str(tmp_path / "report.xlsx"))
    with qtbot.waitSignal(widget.report_finished, timeout=120_000) as blocker:
        widget.build_button.click()
        assert not widget.build_button.isEnabled()  # the GUI thread is free meanwhile
    result = blocker.args[0]
    (found,) = result.results.repeats
    assert found.estimate()["estimate"] == pytest.approx(1 / 3)  # 1 of the 3 disputes
    book = openpyxl.load_workbook(result.xlsx)
    sheet = book["Rosters"]
    cells = [c.value for row in sheet.iter_rows() for c in row if c.value is not None]
    assert "Roster indicators" in cells
    # the national row: roster, indicator, ..., n, interviews; headed by the labels
    row = cells.index("Mediator involved?: Yes")
    assert cells[row - 1] == "Dispute" and cells[row + 1:row + 3] == [3, 2]
    assert any(isinstance(v, str) and "instances clustered within their interviews" in v
               for v in cells)


def test_spec_file_with_roster_indicators__ticked_on_the_tab(qtbot: QtBot,
                                                             roster_db: tuple[Path, Form]) -> None:
    _db, form = roster_db
    widget = ReportsWidget(lambda: None, form_getter=lambda _form_id: form)
    qtbot.addWidget(widget)
    widget.set_spec(ReportSpec(repeat_indicators=(RepeatIndicator("disputes", "mediator", "no"),
                                                  RepeatIndicator("members", "works", "yes"))))
    assert widget.spec().repeat_indicators == (RepeatIndicator("disputes", "mediator", "no"),
                                               RepeatIndicator("members", "works", "yes"))
    assert widget.rosters.count() == 3  # the one the form lacks is listed by its names


def test_bundled_questionnaire__default_roster_indicators_ticked(qtbot: QtBot) -> None:
    form, _ = bundled_form()
    widget = ReportsWidget(lambda: None, forms_getter=lambda: [(form.form_id, "Bundled")],
                           form_getter=lambda _form_id: form)
    qtbot.addWidget(widget)
    assert widget.spec().repeat_indicators == DEFAULT_REPEAT_INDICATORS
    assert set(DEFAULT_REPEAT_INDICATORS) <= set(widget.rosters.offered())
