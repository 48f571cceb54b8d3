"""Exports of a form with repeats whose interviews were recorded on several questionnaire
versions: each interview read with its own version, the versions joined as the main table.

The forms carry the bundled questionnaire's id, so the bundled version changes apply: 2026.1
asks ``use_political`` in the roster, 2026.2 has no roster at all, 2026.3 asks the same
question as ``support_political`` (the rename the version changes record). Interviews are
filled through ``InterviewSession`` and every file is read back cell by cell.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pyreadstat
import pytest

from reports.exports import ExportOptions, export_survey
from survey.export.codebook import build_codebook, table_size
from survey.export.codes import ExportCode
from survey.export.repeat_tables import repeat_tables
from survey.form import load_form
from survey.interview.session import InterviewSession
from survey.messages import render
from survey.store import Store
from tests.formbuilder import write_xlsform

FORM_ID = "kelisim_mediation_kz"
CHOICES = [{"list_name": "yn", "name": "yes", "label": "Yes"},
           {"list_name": "yn", "name": "no", "label": "No"}]


def _rows(version: str) -> list[dict[str, str]]:
    main = [{"type": "text", "name": "village", "label": "Village"}]
    if version == "2026.2":
        return main
    political = "use_political" if version == "2026.1" else "support_political"
    return [*main,
            {"type": "integer", "name": "dispute_count", "label": "How many disputes?"},
            {"type": "begin_repeat", "name": "disputes", "label": "Dispute",
             "repeat_count": "${dispute_count}"},
            {"type": "select_one yn", "name": political, "label": "Political?"},
            {"type": "integer", "name": "dispute_year", "label": "Year"},
            {"type": "end_repeat"}]


#: (version, village, disputes as (political, year)).
INTERVIEWS = [
    ("2026.1", "Akkol", [("yes", 2022), ("no", 2023)]),
    ("2026.2", "Нұра", []),
    ("2026.3", "Shu", [("no", 2025)]),
    ("2026.1", "Qostanai", [("no", 2021)]),
    ("2026.3", "Taraz", [("yes", 2024), ("yes", 2026), ("no", 2025)]),
]


def _fill(store: Store, version: str, village: str, disputes: list[tuple[str, int]]) -> str:
    uuid = store.start_interview(FORM_ID, version, interviewer="Dana", language="")
    session = InterviewSession(store, uuid)
    assert session.answer("village", village).ok
    if version != "2026.2":
        political = "use_political" if version == "2026.1" else "support_political"
        assert session.answer("dispute_count", len(disputes)).ok
        for index, (answer, year) in enumerate(disputes, start=1):
            assert session.answer(f"disputes[{index}]/{political}", answer).ok
            assert session.answer(f"disputes[{index}]/dispute_year", year).ok
    session.finish()
    return uuid


@pytest.fixture
def db(tmp_path: Path) -> tuple[Path, list[str]]:
    path = tmp_path / "waves.db"
    with Store.open(path) as store:
        for version in ("2026.1", "2026.2", "2026.3"):
            xlsx = write_xlsform(tmp_path / f"{version}.xlsx", _rows(version), CHOICES,
                                 {"form_id": FORM_ID, "version": version})
            data = xlsx.read_bytes()
            store.register_form(load_form(data, filename=xlsx.name, repeats=True), data)
        uuids = [_fill(store, *interview) for interview in INTERVIEWS]
    return path, uuids


def _expected(uuids: list[str]) -> dict[tuple[str, int], tuple[str, int]]:
    """(interview, index) -> (political, year) of every dispute, whatever its version."""
    return {(uuid, index): dispute for uuid, (_, _, disputes) in zip(uuids, INTERVIEWS,
                                                                      strict=True)
            for index, dispute in enumerate(disputes, start=1)}


def test_tables__older_versions__own_questions_renamed_and_no_roster_no_instances(
        db: tuple[Path, list[str]]) -> None:
    path, uuids = db
    with Store.open(path) as store:
        tables = repeat_tables(store)
    main = tables.main.frame
    assert list(main["form_version"]) == [v for v, _, _ in INTERVIEWS]
    assert list(main["village"]) == [v for _, v, _ in INTERVIEWS]
    assert main.loc[main["form_version"] == "2026.2", "dispute_count"].isna().all()
    disputes = tables.repeats["disputes"]
    frame = disputes.frame
    assert "use_political" not in frame.columns
    got = {(u, int(i)): (p, int(y)) for u, i, p, y in zip(
        frame["_parent_uuid"], frame["_index"], frame["support_political"],
        frame["dispute_year"], strict=True)}
    assert got == _expected(uuids)
    assert list(frame["_parent_uuid"]) == [u for u, _ in _expected(uuids)]  # interview order
    assert tables.asked == {"disputes": ("2026.3", "2026.1")}
    assert ExportCode.REPEAT_NOT_ASKED.message(
        repeat="disputes", asked=["2026.3", "2026.1"], versions=["2026.2"]) in disputes.notes
    note = next(n for n in disputes.notes if n.code == "export.repeat_not_asked")
    assert "2026.2" in render(note, "ru") and "Повтор «disputes»" in render(note, "ru")


def test_codebook__repeat_table__instances_of_interviews(db: tuple[Path, list[str]]) -> None:
    path, _ = db
    with Store.open(path) as store:
        tables = repeat_tables(store)
    level, main = tables.repeats["disputes"], tables.main
    assert table_size(level) == ExportCode.CODEBOOK_INSTANCES.message(
        repeat="Dispute", instances=7, interviews=4)
    assert table_size(main) == ExportCode.CODEBOOK_INTERVIEWS.message(interviews=5)
    assert build_codebook(level, "csv").size == "Dispute: 7 instances (in 4 interviews)"
    assert build_codebook(main, "csv").size == "5 interviews"
    assert render(table_size(level), "ru") == "Экземпляров повтора «Dispute»: 7 (в 4 интервью)"
    assert render(table_size(level), "kk") == "«Dispute» қайталауының даналары: 7 (4 сұхбатта)"


def test_csv_zip_and_xlsx__cell_by_cell(db: tuple[Path, list[str]], tmp_path: Path) -> None:
    path, uuids = db
    export_survey(path, tmp_path / "w.csv", ExportOptions("csv", design=False))
    with zipfile.ZipFile(tmp_path / "w.zip") as book:
        rows = list(csv.DictReader(io.StringIO(book.read("w-disputes.csv").decode("utf-8-sig"))))
        main = list(csv.DictReader(io.StringIO(book.read("w.csv").decode("utf-8-sig"))))
    assert {(r["_parent_uuid"], int(r["_index"])): (r["support_political"], int(r["dispute_year"]))
            for r in rows} == _expected(uuids)
    assert [r["form_version"] for r in main] == [v for v, _, _ in INTERVIEWS]
    export_survey(path, tmp_path / "w.xlsx", ExportOptions("xlsx", design=False))
    sheet = list(openpyxl.load_workbook(tmp_path / "w.xlsx", read_only=True)["disputes"]
                 .iter_rows(values_only=True))
    header = sheet[0]
    cells = {(r[header.index("_parent_uuid")], r[header.index("_index")]):
             (r[header.index("support_political")], r[header.index("dispute_year")])
             for r in sheet[1:]}
    assert cells == _expected(uuids)
    codebook = openpyxl.load_workbook(tmp_path / "w-disputes_codebook.xlsx", read_only=True)
    notes = [row[0] for row in codebook[codebook.sheetnames[-1]].iter_rows(values_only=True)]
    assert any("2026.2" in str(text) and "disputes" in str(text) for text in notes)


def test_sav_and_dta__per_level__cell_by_cell(db: tuple[Path, list[str]],
                                             tmp_path: Path) -> None:
    path, uuids = db
    expected = _expected(uuids)
    export_survey(path, tmp_path / "w.sav", ExportOptions("sav", design=False, syntax=False))
    frame, meta = pyreadstat.read_sav(tmp_path / "w-disputes.sav")
    codes = {code: label for code, label in meta.variable_value_labels["support_political"]
             .items()}
    assert {"Yes", "No"} <= set(codes.values())
    got = {(u, int(i)): (codes[p].lower(), int(y)) for u, i, p, y in zip(
        frame["v_parent_uuid"], frame["v_index"], frame["support_political"],
        frame["dispute_year"], strict=True)}
    assert got == expected
    export_survey(path, tmp_path / "w.dta", ExportOptions("dta", design=False, syntax=False,
                                                         codebook=False))
    with pd.io.stata.StataReader(tmp_path / "w-disputes.dta") as reader:
        data = reader.read(convert_categoricals=True)
    got = {(u, int(i)): (str(p).lower(), int(y)) for u, i, p, y in zip(
        data["v_parent_uuid"], data["v_index"], data["support_political"],
        data["dispute_year"], strict=True)}
    assert got == expected
