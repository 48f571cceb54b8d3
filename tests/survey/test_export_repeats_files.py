"""``kelisim export`` of a form with a nested repeat (household members -> each member's jobs):
every file read back cell by cell (zipfile + csv, openpyxl, pyreadstat, pandas read_stata) and
compared with the answers the store holds."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pandas as pd
import pyreadstat
import pytest

from desktop.cli import main as kelisim
from reports.exports import ExportOptions, export_survey
from survey.errors import ExportError
from survey.export.codes import ExportCode
from survey.messages import render
from survey.store import Store
from tests.survey.repeat_export_fixture import HOUSEHOLDS, fill, register

INSTANCE = re.compile(r"members\[(\d+)\]/(?:jobs\[(\d+)\]/)?(\w+)$")
MEMBER_QUESTIONS = ("age", "sex", "langs", "school", "born")


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "field.db"
    with Store.open(path) as store:
        register(store, tmp_path)
        for household in HOUSEHOLDS:
            fill(store, household)
    yield path


def stored(db: Path) -> tuple[dict[tuple[str, int], dict[str, object]],
                              dict[tuple[str, int, int], dict[str, object]]]:
    """Members by (uuid, index) and jobs by (uuid, member, index), from the store's answers."""
    members: dict[tuple[str, int], dict[str, object]] = {}
    jobs: dict[tuple[str, int, int], dict[str, object]] = {}
    with Store.open(db) as store:
        for record in store.interviews():
            for name, value in store.answers(record.uuid).items():
                found = INSTANCE.match(name)
                if found is None:
                    continue
                member, job, question = found.groups()
                if job is None:
                    members.setdefault((record.uuid, int(member)), {})[question] = value
                else:
                    jobs.setdefault((record.uuid, int(member), int(job)), {})[question] = value
    return members, jobs


def expected_member_cell(answers: dict[str, object], question: str) -> str:
    """What the csv holds for a member's question (missing codes as -99)."""
    if question == "school" and int(answers["age"]) >= 18:  # type: ignore[call-overload]
        return "-99"
    value = answers.get(question)
    if value is None:
        return ""
    if value == ("dk",):  # only the choice marked don't know
        return "-97"
    if isinstance(value, tuple):
        return " ".join(value)
    return str(value)


def test_csv_zip_one_file_per_level(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "survey.csv"
    result = export_survey(db, out, ExportOptions("csv", include_pii=True, design=False))
    assert tmp_path / "survey.zip" in result.files
    with zipfile.ZipFile(tmp_path / "survey.zip") as book:
        assert sorted(book.namelist()) == ["survey-jobs.csv", "survey-members.csv",
                                           "survey.csv"]
        tables = {name: list(csv.DictReader(io.StringIO(book.read(name).decode("utf-8-sig"))))
                  for name in book.namelist()}
    members, jobs = stored(db)
    assert len(tables["survey.csv"]) == len(HOUSEHOLDS)
    assert "age" not in tables["survey.csv"][0]
    rows = {(r["_parent_uuid"], int(r["_index"])): r for r in tables["survey-members.csv"]}
    assert rows.keys() == members.keys()
    for key, answers in members.items():
        assert rows[key]["member_name"] == answers["member_name"]
        for question in MEMBER_QUESTIONS:
            assert rows[key][question] == expected_member_cell(answers, question), question
        assert rows[key]["langs__kk"] == ("-97" if answers["langs"] == ("dk",)
                                          else str(int("kk" in answers["langs"])))  # type: ignore[operator]
        assert rows[key]["adult"] == answers["adult"]
    job_rows = {(r["_parent_uuid"], int(r["_parent_index"]), int(r["_index"])): r
                for r in tables["survey-jobs.csv"]}
    assert job_rows.keys() == jobs.keys()
    for key, answers in jobs.items():
        assert job_rows[key]["job_title"] == answers["job_title"]
        income = answers.get("income")
        assert job_rows[key]["income"] == ("" if income is None else f"{income:g}")


def test_xlsx_one_sheet_per_level(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "survey.xlsx"
    export_survey(db, out, ExportOptions("xlsx", design=False))
    book = openpyxl.load_workbook(out, read_only=True)
    assert book.sheetnames[:3] == ["data", "members", "jobs"]
    assert sorted(p.name for p in tmp_path.glob("survey-*")) == [  # no syntax per sheet
        "survey-jobs_codebook.pdf", "survey-jobs_codebook.xlsx",
        "survey-members_codebook.pdf", "survey-members_codebook.xlsx"]
    sheet = list(book["members"].iter_rows(values_only=True))
    header, rows = sheet[0], sheet[1:]
    cells = {(r[header.index("_parent_uuid")], r[header.index("_index")]): dict(
        zip(header, r, strict=True)) for r in rows}
    members, jobs = stored(db)
    assert cells.keys() == members.keys()
    for key, answers in members.items():
        assert cells[key]["age"] == answers["age"]
        assert cells[key]["sex"] == answers["sex"]
        assert cells[key]["school"] == (-99 if int(answers["age"]) >= 18  # type: ignore[call-overload]
                                        else answers["school"])
    jobs_sheet = list(book["jobs"].iter_rows(values_only=True))
    assert len(jobs_sheet) - 1 == len(jobs)
    variables = list(book["variables"].iter_rows(values_only=True))
    assert ("income", "Income", "decimal", "income", None, None, "jobs") in variables


def test_sav_one_file_per_level_with_labels(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "survey.sav"
    result = export_survey(db, out, ExportOptions("sav", design=False))
    assert {out, tmp_path / "survey-members.sav", tmp_path / "survey-jobs.sav"} <= set(
        result.files)
    frame, meta = pyreadstat.read_sav(tmp_path / "survey-members.sav", user_missing=True)
    members, _ = stored(db)
    assert meta.column_names_to_labels["age"] == "Age"
    assert meta.variable_value_labels["sex"][1.0] == "Male"
    assert meta.variable_value_labels["sex"][2.0] == "Female"
    assert len(frame) == len(members)
    assert meta.column_names[:2] == ["v_parent_uuid", "v_index"]  # SPSS: a letter first
    for row in frame.to_dict("records"):
        answers = members[(row["v_parent_uuid"], int(row["v_index"]))]
        assert row["age"] == answers["age"]
        assert row["sex"] == {"m": 1.0, "f": 2.0}[answers["sex"]]  # type: ignore[index]
        assert row["langs__ru"] == (-97.0 if answers["langs"] == ("dk",)
                                    else float("ru" in answers["langs"]))  # type: ignore[operator]
    script = (tmp_path / "survey-members.sps").read_text(encoding="utf-8")
    assert "survey-members.sav" in script
    codebook = openpyxl.load_workbook(tmp_path / "survey-members_codebook.xlsx", read_only=True)
    cells = {c for sheet in codebook for row in sheet.iter_rows(values_only=True) for c in row}
    assert {"age", "Age", "langs__kk"} <= cells and "village" not in cells
    assert (tmp_path / "survey-jobs_codebook.pdf").stat().st_size > 0
    jobs, _ = pyreadstat.read_sav(tmp_path / "survey-jobs.sav")
    assert sorted(jobs["job_title"]) == sorted(
        [j["job_title"] for h in HOUSEHOLDS for m in h["members"]  # type: ignore[attr-defined]
         for j in m["jobs"]])


def test_dta_one_file_per_level(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "survey.dta"
    export_survey(db, out, ExportOptions("dta", design=False, syntax=False, codebook=False))
    members, jobs = stored(db)
    with pd.io.stata.StataReader(tmp_path / "survey-jobs.dta") as reader:
        frame = reader.read(convert_categoricals=False)
        labels = reader.variable_labels()
    assert labels["income"] == "Income"
    assert len(frame) == len(jobs)
    for row in frame.to_dict("records"):
        answers = jobs[(row["v_parent_uuid"], int(row["v_parent_index"]), int(row["v_index"]))]
        assert row["job_title"] == answers["job_title"]
        income = answers.get("income")
        assert (pd.isna(row["income"]) if income is None else row["income"] == income)
    data, meta = pyreadstat.read_dta(tmp_path / "survey-members.dta")
    labels_of_sex = meta.value_labels[meta.variable_to_label["sex"]]
    assert (labels_of_sex[1], labels_of_sex[2]) == ("Male", "Female")
    assert sorted(zip(data["v_parent_uuid"], data["v_index"], strict=True)) == sorted(members)
    sexes = {(u, int(i)): s for u, i, s in zip(data["v_parent_uuid"], data["v_index"],
                                               data["sex"], strict=True)}
    assert sexes == {key: {"m": 1, "f": 2}[a["sex"]] for key, a in members.items()}  # type: ignore[index]


def test_cli_wide_columns_per_instance(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "wide.csv"
    assert kelisim(["export", "--db", str(db), "--format", "csv", "--out", str(out),
                    "--repeats", "wide", "--no-design", "--no-syntax", "--no-codebook"]) == 0
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = {r["uuid"]: r for r in csv.DictReader(handle)}
    members, jobs = stored(db)
    for (uuid, index), answers in members.items():
        assert rows[uuid][f"members_{index}_age"] == str(answers["age"])
    for (uuid, member, index), answers in jobs.items():
        assert rows[uuid][f"members_{member}_jobs_{index}_job_title"] == answers["job_title"]
    one_member = next(u for u in rows if (u, 2) not in members)
    assert rows[one_member]["members_2_age"] == "-99"  # no second member: not asked


def test_wide_refused_past_the_limit(tmp_path: Path) -> None:
    db = tmp_path / "big.db"
    with Store.open(db) as store:
        register(store, tmp_path)
        fill(store, {"village": "Big", "members": [{"jobs": []}] * 31})
    with pytest.raises(ExportError) as error:
        export_survey(db, tmp_path / "wide.csv", ExportOptions("csv", repeats="wide"))
    assert error.value.messages[0] == ExportCode.TOO_MANY_INSTANCES.message(
        repeat="members", count=31, limit=30)
    assert "31" in render(error.value.messages[0], "kk")
    assert not list(tmp_path.glob("wide*"))


def test_unknown_repeats_layout_refused_before_any_work(db: Path, tmp_path: Path) -> None:
    with pytest.raises(ExportError) as error:
        export_survey(db, tmp_path / "x.csv", ExportOptions("csv", repeats="sideways"))
    assert error.value.messages[0] == ExportCode.UNKNOWN_REPEATS.message(
        repeats="sideways", choices=["long", "wide"])
    assert "«sideways»" in render(error.value.messages[0], "ru")
    assert not list(tmp_path.glob("x*"))
