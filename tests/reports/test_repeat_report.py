"""Repeat-level indicators in a report: the spec, the frame read from a store, the results
with the interviews' design, and the section shown in the Excel and PDF report."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pypdf
import pytest

from analysis import repeat_level
from analysis.design import Design
from analysis.methods import Variance
from reports.api import build_report
from reports.errors import SpecError
from reports.repeat_results import RepeatReportCode, repeat_results
from reports.repeat_spec import RepeatIndicator, RepeatSpecCode
from reports.spec import ReportSpec, load_spec, save_spec
from survey.form import load_form
from survey.interview.session import InterviewSession
from survey.store import Store
from tests.formbuilder import write_xlsform
from tests.reports.conftest import FIXED_NOW

MEDIATOR = {"level": "disputes", "question": "mediator", "category": "yes"}
YES_NO = [{"list_name": "yn", "name": "yes", "label": "Yes"},
          {"list_name": "yn", "name": "no", "label": "No"}]
ROSTER = [
    {"type": "select_one yn", "name": "region", "label": "Region"},
    {"type": "begin_repeat", "name": "disputes", "label": "Dispute"},
    {"type": "select_one yn", "name": "mediator", "label": "Mediator involved?"},
    {"type": "integer", "name": "months", "label": "Months"},
    {"type": "end_repeat"},
]


def test_spec_keeps_repeat_indicators_through_its_file(tmp_path: Path) -> None:
    spec = ReportSpec(repeat_indicators=(MEDIATOR, {"level": "members", "question": "works"}))
    assert spec.repeat_indicators == (RepeatIndicator("disputes", "mediator", "yes"),
                                      RepeatIndicator("members", "works", "yes"))
    assert load_spec(save_spec(spec, tmp_path / "spec.json")) == spec
    assert ReportSpec.from_dict(spec.to_dict()) == spec


def test_spec_refuses_a_bad_repeat_indicator(tmp_path: Path) -> None:
    with pytest.raises(SpecError) as error:
        ReportSpec.from_dict({"repeat_indicators": [{"level": "disputes"}]}, where="s.json")
    problem = error.value.messages[0].fields["problem"]
    assert problem == RepeatSpecCode.MISSING_KEY.message(key="repeat_indicators[0].question",
                                                         statistic="proportion")
    assert error.value.messages[0].location.file == "s.json"


def fill(store: Store, folder: Path) -> list[str]:
    path = write_xlsform(folder / "roster.xlsx", ROSTER, YES_NO,
                         {"form_id": "roster", "version": "1"})
    data = path.read_bytes()
    store.register_form(load_form(data, filename="roster.xlsx", repeats=True), data)
    uuids = []
    for region, disputes in (("yes", [("yes", 3), ("no", 12)]), ("no", [("no", 1)]),
                             ("yes", [])):
        uuid = store.start_interview("roster", "1", interviewer="Dana", language="")
        session = InterviewSession(store, uuid)
        session.answer("region", region)
        for number, (mediator, months) in enumerate(disputes, start=1):
            session.add_instance("disputes")
            assert session.answer(f"disputes[{number}]/mediator", mediator).ok
            assert session.answer(f"disputes[{number}]/months", months).ok
        session.finish()
        uuids.append(uuid)
    return uuids


def test_report_of_a_form_with_repeats_reads_its_instances(tmp_path: Path) -> None:
    """The frames come from the export's per-level tables of the database itself."""
    db = tmp_path / "roster.db"
    with Store.open(db) as store:
        uuids = fill(store, tmp_path)
    spec = ReportSpec(language="en", weighting="none", breakdowns=(), indicators=("region",),
                      repeat_indicators=(MEDIATOR, {"level": "members", "question": "x"}))
    result = build_report(db, spec=spec, xlsx=tmp_path / "r.xlsx", now=FIXED_NOW)
    found, absent = result.results.repeats
    assert found.estimate()["estimate"] == pytest.approx(1 / 3)  # unweighted: 1 of 3 disputes
    assert int(found.estimate()["n"]) == 3 and found.interviews == 2
    assert list(found.regions.table["region"]) == ["no", "yes"]
    assert found.national.method.variance is Variance.TAYLOR_INSTANCES
    assert absent.national is None
    assert absent.problems == (RepeatReportCode.NO_LEVEL.message(level="members"),)
    table = result.document.table("repeats.disputes/mediator")
    assert table.column_values("interviews") == [2]
    # the same figure from the repeat-level design on a frame given by hand
    frame = pd.DataFrame({"_parent_uuid": [uuids[0], uuids[0], uuids[1]],
                          "mediator": ["yes", "no", "no"]})
    interviews = pd.DataFrame({"uuid": uuids, "w": [1.0, 3.0, 2.0], "region": ["a", "b", "a"]})
    (given,) = repeat_results(Design.from_frame(interviews, weights="w"), {"disputes": frame},
                              ReportSpec(repeat_indicators=(MEDIATOR,)))
    assert given.estimate()["estimate"] == pytest.approx(1 / (1 + 1 + 3))
    assert list(given.regions.table["region"]) == ["a", "b"]


def test_a_category_nobody_gave_is_a_reason_not_a_row() -> None:
    interviews = pd.DataFrame({"uuid": ["a", "b"], "w": [1.0, 2.0]})
    frame = pd.DataFrame({"_parent_uuid": ["a", "b"], "mediator": ["no", "no"]})
    spec = ReportSpec(repeat_indicators=(MEDIATOR,))
    (result,) = repeat_results(Design.from_frame(interviews, weights="w"),
                               {"disputes": frame}, spec)
    assert result.national is None
    assert result.problems[0].code == "analysis.variable.unknown_category"


def disputes_of(db: Path) -> pd.DataFrame:
    """Household disputes for the demo interviews (0-3 each, some settled by a mediator)."""
    with Store.open(db) as store:
        uuids = sorted(r.uuid for r in store.interviews(status="complete"))
    rng = np.random.default_rng(7)
    rows = [{"_parent_uuid": uuid, "_index": i + 1,
             "mediator": "yes" if rng.random() < 0.3 else "no"}
            for uuid in uuids for i in range(int(rng.integers(0, 4)))]
    return pd.DataFrame(rows)


def test_report_shows_repeat_indicators_with_the_method(one_version_db: Path,
                                                        tmp_path: Path) -> None:
    frames = {"disputes": disputes_of(one_version_db)}
    spec = ReportSpec(language="ru", breakdowns=("sex",), repeat_indicators=(MEDIATOR,))
    result = build_report(one_version_db, spec=spec, xlsx=tmp_path / "r.xlsx",
                          pdf=tmp_path / "r.pdf", now=FIXED_NOW, repeat_frames=frames)
    (res,) = result.results.repeats
    design = repeat_level.inherit_design(result.results.weighting.design, frames["disputes"],
                                         repeat="disputes")
    direct = repeat_level.proportions(design, "mediator").table
    assert res.estimate()["estimate"] == pytest.approx(
        direct.loc[direct["category"] == "yes", "estimate"].iloc[0], rel=1e-12)
    section = result.document.section("repeats")
    table = result.document.table("repeats.disputes/mediator")
    assert table.column_values("estimate")[0] == pytest.approx(res.estimate()["estimate"])
    assert table.column_values("interviews")[0] == res.interviews
    method = [b.text for b in section.blocks if getattr(b, "style", "") == "note"]
    assert any("экземпляры сгруппированы в кластеры по интервью" in text for text in method)
    sheet = openpyxl.load_workbook(result.xlsx)["Списки"]
    cells = [c.value for row in sheet.iter_rows() for c in row if c.value is not None]
    assert any(isinstance(v, str) and "экземпляры сгруппированы в кластеры" in v for v in cells)
    pdf = " ".join(page.extract_text() for page in pypdf.PdfReader(result.pdf).pages)
    assert "Показатели по спискам" in pdf
    assert "кластеры по интервью" in " ".join(pdf.split())


def test_report_reads_the_instances_from_its_database(one_version_db: Path) -> None:
    """Without frames given, the instances come from the database: the demo questionnaire has
    no repeat ``members``, which the report says instead of an estimate."""
    members = {"level": "members", "question": "works"}
    spec = ReportSpec(language="en", breakdowns=("sex",), repeat_indicators=(members,))
    result = build_report(one_version_db, spec=spec, now=FIXED_NOW)
    (res,) = result.results.repeats
    assert res.national is None
    assert res.problems == (RepeatReportCode.NO_LEVEL.message(level="members"),)
    notes = [b.text for b in result.document.section("repeats").blocks
             if getattr(b, "style", "") == "note"]
    assert "Not estimated: The data has no table of the repeat 'members'" in " ".join(notes)
