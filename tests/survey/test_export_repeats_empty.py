"""An instance added and left without answers (kept in the store by its mark, the answer
named by the instance path itself, ``members[2]/jobs[1]`` = "added") is a row of its repeat's
table, as ODK Central exports it; the mark is never a column or a value of any file."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pyreadstat
import pytest

from reports.exports import ExportOptions, export_survey
from survey.export import interview_table
from survey.export.repeat_tables import repeat_tables
from survey.interview.instances import INSTANCE_MARK
from survey.interview.session import InterviewSession
from survey.store import Store
from tests.survey.repeat_export_fixture import HOUSEHOLDS, fill, register


def _with_empty_job(store: Store) -> str:
    """A complete interview whose second member has one job added and left unanswered."""
    uuid = fill(store, HOUSEHOLDS[0], finish=False)
    session = InterviewSession(store, uuid)
    session.add_instance("jobs", (("members", 2),))
    session.finish()
    return uuid


@pytest.fixture
def db(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    path = tmp_path / "field.db"
    with Store.open(path) as store:
        register(store, tmp_path)
        uuid = _with_empty_job(store)
        fill(store, HOUSEHOLDS[1])
        assert store.answers(uuid)["members[2]/jobs[1]"] == INSTANCE_MARK
        assert not any(k.startswith("members[2]/jobs[1]/") for k in store.answers(uuid))
    yield path, uuid


def _no_mark(cells: list[object]) -> None:
    texts = [c for c in cells if isinstance(c, str)]
    assert INSTANCE_MARK not in texts
    assert not [c for c in texts if "[" in c and "]" in c]


def test_empty_instance_is_a_row_of_its_table(db: tuple[Path, str]) -> None:
    path, uuid = db
    with Store.open(path) as store:
        tables = repeat_tables(store)
        main = interview_table(store).frame
    jobs = tables.repeats["jobs"].frame
    rows = jobs[jobs["_parent_uuid"] == uuid]
    assert list(zip(rows["_parent_index"], rows["_index"], strict=True)) == [
        ("1", 1), ("1", 2), ("2", 1)]
    empty = rows[rows["_parent_index"] == "2"].iloc[0]
    assert empty["job_title"] is None or empty.isna()["job_title"]
    for frame in (main, tables.main.frame, *(t.frame for t in tables.repeats.values())):
        _no_mark(list(frame.columns))
        _no_mark([v for column in frame.columns for v in frame[column].tolist()])


def test_csv_xlsx_sav_hold_the_empty_instance_and_no_mark(db: tuple[Path, str],
                                                          tmp_path: Path) -> None:
    path, uuid = db
    out = tmp_path / "out"
    out.mkdir()
    export_survey(path, out / "survey.csv", ExportOptions("csv", design=False))
    with zipfile.ZipFile(out / "survey.zip") as book:
        tables = {name: list(csv.reader(io.StringIO(book.read(name).decode("utf-8-sig"))))
                  for name in book.namelist()}
    for rows in tables.values():
        _no_mark([c for row in rows for c in row])
    header, *jobs = tables["survey-jobs.csv"]
    keys = [(r[header.index("_parent_uuid")], r[header.index("_parent_index")],
             r[header.index("_index")]) for r in jobs]
    assert (uuid, "2", "1") in keys and len(keys) == 4
    empty = jobs[keys.index((uuid, "2", "1"))]
    assert empty[header.index("job_title")] == ""

    export_survey(path, out / "survey.xlsx", ExportOptions("xlsx", design=False))
    book = openpyxl.load_workbook(out / "survey.xlsx", read_only=True)
    for sheet in book:
        _no_mark([c for row in sheet.iter_rows(values_only=True) for c in row])
    assert len(list(book["jobs"].iter_rows(values_only=True))) - 1 == 4
    codebook = openpyxl.load_workbook(out / "survey-jobs_codebook.xlsx", read_only=True)
    _no_mark([c for sheet in codebook for row in sheet.iter_rows(values_only=True)
              for c in row])

    export_survey(path, out / "survey.sav", ExportOptions("sav", design=False))
    frame, meta = pyreadstat.read_sav(out / "survey-jobs.sav")
    assert len(frame) == 4
    _no_mark(list(meta.column_names))
    empty_rows = frame[(frame["v_parent_uuid"] == uuid) & (frame["v_parent_index"] == "2")]
    assert len(empty_rows) == 1 and empty_rows["job_title"].iloc[0] == ""
    for level in ("survey.sav", "survey-members.sav"):
        data, level_meta = pyreadstat.read_sav(out / level)
        _no_mark(list(level_meta.column_names))
        _no_mark([v for column in data.columns for v in data[column].tolist()])
