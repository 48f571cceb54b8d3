"""Repeat indicators beyond shares (means, counts per interview, select_multiple choices) and
the roster section's headings in the report's language, in the Excel and PDF report."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pdfplumber
import pytest

from analysis import repeat_level
from analysis.design import Design
from analysis.raking import rake
from reports.api import ReportResult, build_report
from reports.errors import SpecError
from reports.repeat_frames import stored_repeat_frames
from reports.repeat_results import repeat_results
from reports.repeat_spec import RepeatIndicator, RepeatSpecCode
from reports.spec import ReportSpec, load_spec, save_spec
from survey.form import load_form
from survey.interview.session import InterviewSession
from survey.messages import render
from survey.store import Store
from tests.formbuilder import write_xlsform
from tests.reports.conftest import FIXED_NOW


def labelled(en: str, kk: str, ru: str) -> dict[str, str]:
    return {"label::en": en, "label::kk": kk, "label::ru": ru}


SURVEY = [
    {"type": "select_one regions", "name": "region", **labelled("Region", "Өңір", "Регион")},
    {"type": "select_one yn", "name": "had_dispute",
     **labelled("Had a dispute", "Дау болды ма", "Был ли спор")},
    {"type": "begin_repeat", "name": "disputes", **labelled("Disputes", "Даулар", "Споры")},
    {"type": "select_one yn", "name": "mediator",
     **labelled("Was a mediator involved", "Медиатор қатысты ма", "Участвовал ли медиатор")},
    {"type": "integer", "name": "satisfaction",
     **labelled("Satisfaction with the outcome", "Нәтижеге қанағаттану",
                "Удовлетворённость итогом")},
    {"type": "select_multiple who", "name": "parties",
     **labelled("Who took part", "Кім қатысты", "Кто участвовал")},
    {"type": "end_repeat"},
]
CHOICES = [
    {"list_name": "regions", "name": "abai", **labelled("Abai", "Абай облысы", "Абайская область")},
    {"list_name": "regions", "name": "astana", **labelled("Astana", "Астана", "Астана")},
    {"list_name": "yn", "name": "yes", **labelled("Yes", "Иә", "Да")},
    {"list_name": "yn", "name": "no", **labelled("No", "Жоқ", "Нет")},
    {"list_name": "who", "name": "family", **labelled("Family", "Отбасы", "Семья")},
    {"list_name": "who", "name": "neighbours", **labelled("Neighbours", "Көршілер", "Соседи")},
    {"list_name": "who", "name": "employer", **labelled("Employer", "Жұмыс беруші",
                                                        "Работодатель")},
]
#: Per household: its region and its disputes (mediator, satisfaction, parties).
HOUSEHOLDS = (
    ("abai", [("yes", 4, ("family",)), ("no", 2, ("family", "neighbours"))]),
    ("astana", [("no", 3, ("employer",))]),
    ("abai", []),
    ("astana", [("yes", 5, ("neighbours",)), ("yes", 2, ("family",))]),
)
INDICATORS = (
    {"level": "disputes", "question": "mediator", "category": "yes"},
    {"level": "disputes", "question": "satisfaction", "statistic": "mean"},
    {"level": "disputes", "statistic": "per_interview"},
    {"level": "disputes", "question": "parties", "category": "family"},
)
HEADINGS = {
    "kk": ("Медиатор қатысты ма: Иә", "Нәтижеге қанағаттану: орташа мәні",
           "Даулар: бір сұхбатқа шаққандағы саны", "Кім қатысты: Отбасы"),
    "ru": ("Участвовал ли медиатор: Да", "Удовлетворённость итогом: среднее",
           "Споры: число на одно интервью", "Кто участвовал: Семья"),
}


def fill(db: Path, folder: Path) -> None:
    path = write_xlsform(folder / "roster.xlsx", SURVEY, CHOICES,
                         {"form_id": "roster", "version": "1", "default_language": "kk"})
    data = path.read_bytes()
    with Store.open(db) as store:
        store.register_form(load_form(data, filename="roster.xlsx", repeats=True), data)
        for region, disputes in HOUSEHOLDS:
            uuid = store.start_interview("roster", "1", interviewer="Dana", language="kk")
            session = InterviewSession(store, uuid)
            session.answer("region", region)
            session.answer("had_dispute", "yes" if disputes else "no")
            for number, (mediator, satisfaction, parties) in enumerate(disputes, start=1):
                session.add_instance("disputes")
                for name, value in (("mediator", mediator), ("satisfaction", satisfaction),
                                    ("parties", parties)):
                    assert session.answer(f"disputes[{number}]/{name}", value).ok
            session.finish()


@cache
def report(folder: Path, language: str) -> ReportResult:
    db = folder / "roster.db"
    if not db.exists():
        fill(db, folder)
    spec = ReportSpec(language=language, weighting="none", breakdowns=(),
                      indicators=("had_dispute",), repeat_indicators=INDICATORS)
    out = folder / language
    out.mkdir(exist_ok=True)
    return build_report(db, spec=spec, xlsx=out / "report.xlsx", pdf=out / "report.pdf",
                        now=FIXED_NOW)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("roster_report")


def test_means_counts_per_interview_and_choices_are_estimated(folder: Path) -> None:
    result = report(folder, "ru")
    share, mean, per_interview, family = result.results.repeats
    assert [r.problems for r in result.results.repeats] == [()] * 4
    assert share.estimate()["estimate"] == pytest.approx(3 / 5)
    assert mean.estimate()["estimate"] == pytest.approx((4 + 2 + 3 + 5 + 2) / 5)
    assert per_interview.estimate()["estimate"] == pytest.approx(5 / 4)
    assert int(per_interview.estimate()["n"]) == 4  # every household, one without disputes
    assert family.estimate()["estimate"] == pytest.approx(3 / 5)
    assert mean.reliability is None and share.reliability is not None
    # the same figures from the repeat-level design on the stored frame
    frames = stored_repeat_frames(folder / "roster.db", ReportSpec(language="ru"), "roster")
    level = repeat_level.inherit_design(result.results.weighting.design, frames["disputes"],
                                        repeat="disputes", carry=("region",))
    direct = repeat_level.mean(level, "satisfaction").table.iloc[0]
    assert mean.estimate()["se"] == pytest.approx(direct["se"], rel=1e-12)
    assert direct["se"] > 0
    counts = repeat_level.per_interview(level, by="region").table
    assert list(per_interview.regions.table["estimate"]) == pytest.approx(
        list(counts["estimate"]))
    choices = repeat_level.choices(level, "parties").table
    assert family.estimate()["se"] == pytest.approx(
        choices.loc[choices["category"] == "family", "se"].iloc[0], rel=1e-12)


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_roster_headings_are_the_labels_in_the_report_language(folder: Path,
                                                               language: str) -> None:
    result = report(folder, language)
    book = openpyxl.load_workbook(result.xlsx)
    cells = {c.value for sheet in book.worksheets for row in sheet.iter_rows() for c in row
             if isinstance(c.value, str)}
    for heading in HEADINGS[language]:
        assert heading in cells
    assert not {"mediator: yes", "parties: family", "satisfaction"} & cells
    with pdfplumber.open(result.pdf) as pdf:
        text = " ".join(" ".join((page.extract_text() or "").split()) for page in pdf.pages)
    for heading in HEADINGS[language]:
        assert heading in text
    assert "mediator: yes" not in text


def test_mean_and_count_tables_show_numbers_not_percentages(folder: Path) -> None:
    result = report(folder, "kk")
    mean = result.document.table("repeats.disputes/satisfaction/mean")
    assert [c.kind for c in mean.columns[:3]] == ["number"] * 3
    share = result.document.table("repeats.disputes/mediator")
    assert [c.kind for c in share.columns[:3]] == ["percent"] * 3
    assert result.document.table("repeats.disputes/count/per_interview.regions") is not None


def test_spec_keeps_every_kind_of_repeat_indicator_through_its_file(tmp_path: Path) -> None:
    spec = ReportSpec(repeat_indicators=INDICATORS)
    assert spec.repeat_indicators[1] == RepeatIndicator("disputes", "satisfaction",
                                                        statistic="mean")
    assert spec.repeat_indicators[2] == RepeatIndicator("disputes", statistic="per_interview")
    assert load_spec(save_spec(spec, tmp_path / "spec.json")) == spec


@pytest.mark.parametrize(("entry", "code", "key"), [
    ({"level": "disputes", "question": "x", "statistic": "median"},
     RepeatSpecCode.BAD_STATISTIC, "repeat_indicators[1].statistic"),
    ({"level": "disputes", "statistic": "mean"},
     RepeatSpecCode.MISSING_KEY, "repeat_indicators[1].question"),
    ({"level": "disputes", "question": "x", "statistic": "mean", "category": "yes"},
     RepeatSpecCode.NO_CATEGORY, "repeat_indicators[1].category"),
    ({"level": "disputes", "question": "x", "weight": "w"},
     RepeatSpecCode.UNKNOWN_KEY, "repeat_indicators[1].weight"),
    ({"level": "disputes", "question": 3}, RepeatSpecCode.NOT_TEXT,
     "repeat_indicators[1].question"),
])
def test_a_bad_repeat_indicator_names_the_spec_file_and_key(
        tmp_path: Path, entry: dict, code: RepeatSpecCode, key: str) -> None:
    path = tmp_path / "spec.json"
    path.write_text('{"repeat_indicators": [{"level": "disputes", "question": "mediator"}, '
                    + json.dumps(entry) + "]}", encoding="utf-8")
    with pytest.raises(SpecError) as error:
        load_spec(path)
    message = error.value.messages[0]
    assert message.location.file == str(path)
    problem = message.fields["problem"]
    assert problem.code == code.code and problem.fields["key"] == key
    for language in ("en", "kk", "ru"):
        text = render(message, language)
        assert key in text and str(path) in text


def test_under_raked_weights_the_indicators_take_the_raking_residuals() -> None:
    """A report raked at the interview level estimates its repeat indicators with the
    instances' scores summed per interview and residualized on the raking margins."""
    interviews = pd.DataFrame({"uuid": [f"h{i}" for i in range(8)],
                               "w": [1.0, 2.0, 1.5, 3.0, 2.5, 1.0, 2.0, 1.2],
                               "region": ["a", "a", "a", "a", "b", "b", "b", "b"],
                               "sex": ["m", "f", "f", "m", "m", "f", "m", "f"]})
    raked = rake(Design.from_frame(interviews, weights="w", strata="region"),
                 {"sex": {"m": 10.0, "f": 12.0}}).design
    frame = pd.DataFrame({"_parent_uuid": ["h0", "h0", "h1", "h3", "h4", "h4", "h6"],
                          "mediator": ["yes", "no", "no", "yes", "no", "yes", "no"],
                          "satisfaction": [4, 2, 3, 5, 1, 2, 4]})
    spec = ReportSpec(repeat_indicators=INDICATORS[:3])
    share, mean, count = repeat_results(raked, {"disputes": frame}, spec)
    level = repeat_level.inherit_design(raked, frame, repeat="disputes", carry=("region",))
    assert isinstance(level, repeat_level.RakedInstanceDesign)
    direct = repeat_level.proportions(level, "mediator").table
    assert share.estimate()["se"] == pytest.approx(
        direct.loc[direct["category"] == "yes", "se"].iloc[0], rel=1e-12)
    assert repeat_level.InstancePart.RAKED.message() in share.national.method.design.parts()
    assert mean.estimate()["se"] == pytest.approx(
        repeat_level.mean(level, "satisfaction").table["se"].iloc[0], rel=1e-12)
    per_household = level.per_interview(np.ones(level.n))[:, 0]  # 2, 1, 0, 1, 2, 0, 1, 0
    assert list(per_household) == [2, 1, 0, 1, 2, 0, 1, 0]
    assert count.estimate()["estimate"] == pytest.approx(
        float(raked.weights @ per_household / raked.weights.sum()))


@pytest.mark.parametrize(("language", "roster"), [("kk", "«Даулар»"), ("ru", "«Споры»"),
                                                  ("en", "'Disputes'")])
def test_method_sentence_names_the_roster_by_its_label(folder: Path, language: str,
                                                       roster: str) -> None:
    result = report(folder, language)
    with pdfplumber.open(result.pdf) as pdf:
        text = " ".join(" ".join((page.extract_text() or "").split()) for page in pdf.pages)
    assert roster in text
    assert "«disputes»" not in text and "'disputes'" not in text
    book = openpyxl.load_workbook(result.xlsx)
    cells = " ".join(c.value for sheet in book.worksheets for row in sheet.iter_rows()
                     for c in row if isinstance(c.value, str))
    assert roster in cells and "«disputes»" not in cells and "'disputes'" not in cells


COUNTS = {"kk": ("n (бірліктер)", "n (сұхбаттар)", "Бірлігі бар сұхбаттар"),
          "ru": ("n (единиц)", "n (интервью)", "Интервью с единицами"),
          "en": ("n (items)", "n (interviews)", "Interviews with items")}


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_count_columns_say_what_they_count(folder: Path, language: str) -> None:
    items, interviews, listing = COUNTS[language]
    result = report(folder, language)
    share = result.document.table("repeats.disputes/mediator")
    per_interview = result.document.table("repeats.disputes/count/per_interview")
    assert [c.title for c in share.columns[3:5]] == [items, listing]
    assert [c.title for c in per_interview.columns[3:5]] == [interviews, listing]
    # n: every interview of the design; the other column: those that list a dispute
    assert per_interview.rows[0][3] == len(HOUSEHOLDS)
    assert per_interview.rows[0][4] == sum(1 for _, d in HOUSEHOLDS if d)
    assert share.rows[0][3] == sum(len(d) for _, d in HOUSEHOLDS)
    regions = result.document.table("repeats.disputes/count/per_interview.regions")
    assert regions.columns[4].title == interviews
