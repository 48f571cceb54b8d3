"""The Data tab: merge laptop files and export, in workers, with a summary."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.data_widget import DataWidget
from survey.form.xlsform import load_form
from survey.store import Store


def _laptop(path: Path, form_file: Path, count: int) -> None:
    data = form_file.read_bytes()
    with Store.open(path) as laptop:
        laptop.register_form(load_form(data, filename="small.xlsx"), data)
        for _ in range(count):
            uuid = laptop.start_interview("small", "1", interviewer="Dana", language="ru")
            laptop.save_answer(uuid, "consent", "no")
            laptop.complete(uuid)


@pytest.mark.slow
def test_merge__two_laptop_files__rows_added_and_summary_per_file(
        qtbot: QtBot, tmp_path: Path, store: Store, small_form_path: Path) -> None:
    _laptop(tmp_path / "laptop1.db", small_form_path, 3)
    _laptop(tmp_path / "laptop2.db", small_form_path, 2)
    widget = DataWidget(store)
    qtbot.addWidget(widget)
    assert widget.model.total() == 0

    dialog = widget.merge([tmp_path / "laptop1.db", tmp_path / "laptop2.db"])
    qtbot.waitUntil(lambda: dialog.state != "running", timeout=20000)

    assert dialog.state == "done"
    lines = dialog.summary.toPlainText().splitlines()
    assert lines[0].startswith("laptop1.db: 3 added")
    assert lines[1].startswith("laptop2.db: 2 added")
    assert dialog.bar.value() == dialog.bar.maximum()
    qtbot.waitUntil(lambda: widget.model.rowCount() == 5)
    assert widget.model.total() == 5


def test_export__csv__file_written_by_worker_with_one_row_per_interview(
        qtbot: QtBot, tmp_path: Path, store: Store) -> None:
    for answer in ("yes", "no"):
        uuid = store.start_interview("small", "1", interviewer="Dana", language="en")
        store.save_answer(uuid, "consent", answer)
        store.complete(uuid)
    widget = DataWidget(store)
    qtbot.addWidget(widget)
    out = tmp_path / "out.csv"

    dialog = widget.export(out, "csv", status="complete")
    qtbot.waitUntil(lambda: dialog.state != "running", timeout=20000)

    assert dialog.state == "done", dialog.summary.toPlainText()
    with out.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert sorted(row["consent"] for row in rows) == ["no", "yes"]
    assert str(out) in dialog.summary.toPlainText()


def test_export_dialog__options_follow_table_and_format(qtbot: QtBot, tmp_path: Path) -> None:
    from desktop.export_dialog import ExportDialog

    dialog = ExportDialog(tmp_path)
    qtbot.addWidget(dialog)
    assert dialog.labels.isEnabled() and dialog.raw_text.isEnabled()  # csv, interviews
    dialog.format.setCurrentIndex(dialog.format.findData("sav"))
    assert not dialog.labels.isEnabled() and not dialog.raw_text.isEnabled()
    assert dialog.out_path().suffix == ".sav"
    dialog.table.setCurrentIndex(dialog.table.findData("paradata"))
    assert not dialog.design.isEnabled() and not dialog.codebook.isEnabled()
    dialog.design.setChecked(False)
    options = dialog.options()
    assert options["table"] == "paradata" and options["design"] is False
    assert options["syntax"] is True and options["missing_codes"] is True


def test_export__paradata_and_sav_with_syntax_and_codebook__from_the_data_tab(
        qtbot: QtBot, tmp_path: Path, store: Store) -> None:
    uuid = store.start_interview("small", "1", interviewer="Dana", language="en")
    store.record_event(uuid, "consent", "shown")
    store.save_answer(uuid, "consent", "yes")
    store.record_event(uuid, "consent", "answered")
    store.complete(uuid)
    widget = DataWidget(store)
    qtbot.addWidget(widget)

    dialog = widget.export(tmp_path / "para.csv", "csv", table="paradata", status=None)
    qtbot.waitUntil(lambda: dialog.state != "running", timeout=20000)
    assert dialog.state == "done", dialog.summary.toPlainText()
    with (tmp_path / "para.csv").open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["question"], r["event"]) for r in rows] == [("consent", "shown"),
                                                          ("consent", "answered")]
    assert rows[1]["seconds_on_question"] != ""

    dialog = widget.export(tmp_path / "all.sav", "sav", status="complete")
    qtbot.waitUntil(lambda: dialog.state != "running", timeout=30000)
    assert dialog.state == "done", dialog.summary.toPlainText()
    text = dialog.summary.toPlainText()
    for name in ("all.sav", "all.R", "all.do", "all.sps", "all_codebook.xlsx",
                 "all_codebook.pdf"):
        assert (tmp_path / name).is_file() and name in text


def test_merge__laptop_with_an_impossible_date__set_aside_shown_under_its_line(
        qtbot: QtBot, tmp_path: Path, store: Store, small_form_path: Path) -> None:
    from desktop import i18n
    from tests.survey.hostile import run_sql

    _laptop(tmp_path / "laptop1.db", small_form_path, 2)
    run_sql(tmp_path / "laptop1.db", "INSERT INTO answers (uuid, question, value_type, "
            "value_text, value_num, updated_at) SELECT uuid, 'visit', 'date', "
            "'2026-13-01', NULL, updated_at FROM interviews LIMIT 1")
    widget = DataWidget(store)
    qtbot.addWidget(widget)
    i18n.set_language("ru")

    dialog = widget.merge([tmp_path / "laptop1.db"])
    qtbot.waitUntil(lambda: dialog.state != "running", timeout=20000)

    assert dialog.summary.toPlainText().splitlines() == [
        "laptop1.db: добавлено 2, совпадает 0, обновлено 0, конфликтов 0",
        "    ответы на вопрос «visit»: отложено в таблицу карантина (сохранено, но не "
        "объединено): 1; причина: недопустимая дата (ГГГГ-ММ-ДД)"]
