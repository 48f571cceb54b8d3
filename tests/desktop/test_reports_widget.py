"""The Reports tab: builds a real report in a worker, shows paths, cancels, saves specs."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from desktop.reports_widget import ReportsWidget
from reports.spec import ReportSpec, load_spec
from survey.demo import DemoOptions, fill_database
from survey.store import Store


@pytest.fixture(scope="module")
def report_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("reports_widget") / "demo.db"
    with Store.open(path) as store:
        fill_database(store, DemoOptions(interviews=800, seed=9, paradata=False))
    return path


def test_reports_widget__build__writes_the_files_and_shows_their_paths(qtbot, report_db: Path,
                                                                      tmp_path: Path):
    widget = ReportsWidget(lambda: report_db)
    qtbot.addWidget(widget)
    widget.language.setCurrentIndex(widget.language.findData("ru"))
    widget.tick_breakdowns(("sex",))
    widget.xlsx.setText(str(tmp_path / "report.xlsx"))
    with qtbot.waitSignal(widget.report_finished, timeout=120_000) as blocker:
        widget.build_button.click()
        assert not widget.build_button.isEnabled()
    result = blocker.args[0]
    assert result.xlsx == tmp_path / "report.xlsx"
    assert "Основные выводы" in openpyxl.load_workbook(result.xlsx).sheetnames
    assert str(tmp_path / "report.xlsx") in widget.message.text()
    assert widget.progress.value() == widget.progress.maximum()
    assert widget.build_button.isEnabled()


def test_reports_widget__cancel__stops_and_says_so(qtbot, report_db: Path, tmp_path: Path):
    widget = ReportsWidget(lambda: report_db)
    qtbot.addWidget(widget)
    widget.pdf.setText(str(tmp_path / "report.pdf"))
    with qtbot.waitSignal(widget.report_cancelled, timeout=120_000):
        widget.build_button.click()
        widget.cancel_button.click()
    assert not (tmp_path / "report.pdf").exists()
    assert widget.build_button.isEnabled()


def test_reports_widget__no_output_file__refuses_without_a_worker(qtbot, report_db: Path):
    widget = ReportsWidget(lambda: report_db)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.report_failed, timeout=1_000):
        widget.build_button.click()
    assert widget.job is None


def test_reports_widget__spec_saved_and_loaded__same_options(qtbot, tmp_path: Path):
    widget = ReportsWidget(lambda: None)
    qtbot.addWidget(widget)
    widget.set_spec(ReportSpec(title="Wave 2", language="kk", weighting="raked",
                               breakdowns=("region", "sex"), wave="all"))
    widget.save_spec_file(tmp_path / "spec.json")
    other = ReportsWidget(lambda: None)
    qtbot.addWidget(other)
    other.load_spec_file(tmp_path / "spec.json")
    assert other.spec() == load_spec(tmp_path / "spec.json") == widget.spec()
    assert other.spec().weighting == "raked"


def test_reports_widget__breakdowns__listed_by_label_ticked_with_the_keyboard(qtbot):
    from PySide6.QtCore import Qt

    from desktop import i18n
    from questionnaires import bundled_form_bytes
    from survey.form.xlsform import load_form

    form = load_form(bundled_form_bytes(), filename="mediation_awareness.xlsx", repeats=True)
    i18n.set_language("ru")
    widget = ReportsWidget(lambda: None, form_getter=lambda _form_id: form)
    qtbot.addWidget(widget)
    labels = [widget.breakdowns.item(i).text() for i in range(widget.breakdowns.count())]
    assert "Пол респондента" in labels and "Тип населённого пункта" in labels
    assert "Возрастная группа" in labels  # the calculated age group, by its name in Russian
    assert not any(name in labels for name in ("sex", "region", "trust_mediators", "consent"))
    names = [widget.breakdowns.item(i).data(Qt.ItemDataRole.UserRole)
             for i in range(widget.breakdowns.count())]
    assert "trust_mediators" not in names and "wave" not in names  # scales, design columns

    widget.tick_breakdowns(())
    widget.breakdowns.setCurrentRow(labels.index("Пол респондента"))
    widget.breakdowns.setFocus()
    qtbot.keyClick(widget.breakdowns, Qt.Key.Key_Space)

    assert widget.spec().breakdowns == ("sex",)


def test_reports_widget__error_then_option_fixed__old_error_gone(qtbot, tmp_path: Path):
    widget = ReportsWidget(lambda: tmp_path / "x.db")
    qtbot.addWidget(widget)
    widget.build_button.click()
    assert "Excel" in widget.message.text()

    widget.pdf.setText(str(tmp_path / "report.pdf"))

    assert widget.message.text() == ""
