"""Errors from the domain packages shown in the interface language."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop import i18n
from desktop.dialogs import FormErrorsDialog
from desktop.job_dialog import JobDialog
from desktop.main_window import MainWindow
from desktop.reports_widget import ReportsWidget
from desktop.settings import AppSettings
from desktop.workers import Job
from survey.store import Store
from tests.formbuilder import write_xlsform


def test_import_invalid_form__kazakh_interface__problems_in_kazakh_with_location(
        qtbot: QtBot, tmp_path: Path, store: Store, settings: AppSettings) -> None:
    i18n.set_language("kk")
    bad = write_xlsform(tmp_path / "bad.xlsx", [
        {"type": "integer", "name": "age", "label": "Age", "constraint": ". >= "},
        {"type": "select_one nolist", "name": "pick", "label": "Pick"},
    ], [{"list_name": "yn", "name": "yes", "label": "Yes"}], {"form_id": "bad"})
    window = MainWindow(store, settings)
    qtbot.addWidget(window)
    window.show()

    window.import_form(bad)

    qtbot.waitUntil(lambda: window.findChild(FormErrorsDialog) is not None, timeout=10000)
    dialog = window.findChild(FormErrorsDialog)
    rows = dialog.rows()
    assert [row[:3] for row in rows] == [("survey", "2", "constraint"), ("survey", "3", "type")]
    assert rows[0][3] == ("«constraint» ұяшығындағы өрнек жарамсыз. «. >=» өрнегі, 5-таңба: "
                          "өрнек тым ерте аяқталады. Оны толықтырыңыз: соңғы оператордан кейін "
                          "мән жетіспейді.")
    assert rows[1][3].startswith("«nolist» нұсқалар тізімі «choices» парағында жоқ.")
    tips = [dialog.table.item(r, 3).toolTip() for r in range(len(rows))]
    assert tips[0] == ("form.syntax: bad.xlsx, «survey» парағы, 2-жол, «constraint» бағаны: "
                       f"{rows[0][3]}")
    assert "«survey» парағы, 3-жол, «type» бағаны: «nolist»" in tips[1]


def test_job_opening_foreign_sqlite_file__russian_interface__failure_in_russian(
        qtbot: QtBot, tmp_path: Path) -> None:
    i18n.set_language("ru")
    foreign = tmp_path / "laptop2.db"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE people (name TEXT)")
    conn.close()
    job = Job(lambda progress, cancelled: Store.open(foreign))
    dialog = JobDialog("open", job, str)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(job.signals.finished, timeout=10000):
        job.start()

    qtbot.waitUntil(lambda: dialog.state == "failed")
    assert getattr(dialog.error, "code", None) == "store.not_kelisim"
    assert dialog.summary.toPlainText() == (
        f"{foreign}: Этот файл не является базой данных Kelisim. Выберите файл базы данных, "
        "созданный Kelisim.")


def test_reports_tab_on_foreign_sqlite_file__kazakh_interface__failure_in_kazakh(
        qtbot: QtBot, tmp_path: Path) -> None:
    i18n.set_language("kk")
    foreign = tmp_path / "other.db"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE people (name TEXT)")
    conn.close()
    widget = ReportsWidget(lambda: foreign)
    qtbot.addWidget(widget)
    widget.xlsx.setText(str(tmp_path / "report.xlsx"))

    with qtbot.waitSignal(widget.report_failed, timeout=60_000) as blocker:
        widget.build_button.click()

    expected = f"{foreign}: Бұл файл Kelisim дерекқоры емес. Kelisim жасаған дерекқор файлын таңдаңыз."
    assert blocker.args[0] == expected
    assert expected in widget.message.text()
    assert not (tmp_path / "report.xlsx").exists()


def test_merge_line__failed_input__explained_in_russian(tmp_path):
    import sqlite3

    from desktop import i18n
    from desktop.data_widget import merge_line
    from survey.store import merge

    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    (summary,) = merge(tmp_path / "master.db", [other])
    i18n.set_language("ru")
    try:
        line = merge_line(summary)
    finally:
        i18n.set_language("en")
    assert line.startswith("other.db: ") and "Kelisim" in line
    assert "not a Kelisim database" not in line


def test_import_changed_form_same_version__kazakh_interface__conflict_dialog_in_kazakh(
        qtbot: QtBot, tmp_path: Path, store: Store, settings: AppSettings) -> None:
    from PySide6.QtWidgets import QMessageBox

    from tests.small_form import SMALL_CHOICES, SMALL_SURVEY

    i18n.set_language("kk")
    changed = write_xlsform(tmp_path / "changed.xlsx", SMALL_SURVEY[:1], SMALL_CHOICES,
                            {"form_id": "small", "version": "1", "form_title": "Edited",
                             "default_language": "en"})
    window = MainWindow(store, settings)
    qtbot.addWidget(window)
    window.show()

    window.import_form(changed)

    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "import_errors") is not None,
                    timeout=10000)
    dialog = window.findChild(QMessageBox, "import_errors")
    assert dialog.windowTitle() == i18n._("Questionnaire not imported")
    assert dialog.text() == (
        "«small» сауалнамасының «1» нұсқасы басқа файлмен сақталып қойған. Өзгертілген "
        "сауалнамаға settings парағында жаңа нұсқа беріңіз.")
    assert [(r.form_id, r.version) for r in store.forms()] == [("small", "1")]
