"""A report on a questionnaire other than the bundled one (no region, no waves)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reports.api import build_report
from reports.errors import ReportError, SpecError
from reports.spec import ReportSpec
from survey.form.xlsform import load_form
from survey.store import Store
from tests.formbuilder import write_xlsform

pytestmark = pytest.mark.slow  # reports built from a database

SURVEY = [
    {"type": "select_one yn", "name": "consent", "label::en": "Agree?", "label::kk": "Келісесіз бе?"},
    {"type": "select_one yn", "name": "aware", "label::en": "Heard of mediation?",
     "label::kk": "Медиация туралы естідіңіз бе?", "relevant": "${consent} = 'yes'"},
    {"type": "select_one sex", "name": "sex", "label::en": "Sex", "label::kk": "Жынысы",
     "relevant": "${consent} = 'yes'"},
]
CHOICES = [
    {"list_name": "yn", "name": "yes", "label::en": "Yes", "label::kk": "Иә"},
    {"list_name": "yn", "name": "no", "label::en": "No", "label::kk": "Жоқ"},
    {"list_name": "sex", "name": "male", "label::en": "Male", "label::kk": "Ер"},
    {"list_name": "sex", "name": "female", "label::en": "Female", "label::kk": "Әйел"},
]


@pytest.fixture(scope="module")
def small_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("other_form")
    xlsx = write_xlsform(folder / "form.xlsx", SURVEY, CHOICES,
                         {"form_id": "small", "form_title": "Small", "version": "1"})
    form = load_form(xlsx)
    path = folder / "small.db"
    with Store.open(path) as store:
        store.register_form(form, xlsx.read_bytes())
        for i in range(40):
            uuid = store.start_interview("small", "1", interviewer="t", device_id="d",
                                         language="kk")
            store.save_answer(uuid, "consent", "yes")
            store.save_answer(uuid, "aware", "yes" if i % 3 else "no")
            store.save_answer(uuid, "sex", "male" if i % 2 else "female")
            store.complete(uuid)
    return path


def test_other_form__unweighted__headline_and_crosstab_without_regions(small_db: Path,
                                                                        tmp_path: Path):
    spec = ReportSpec(language="kk", weighting="none", indicators=("aware",),
                      breakdowns=("sex",), reliability="flag")
    result = build_report(small_db, spec=spec, xlsx=tmp_path / "r.xlsx", pdf=tmp_path / "r.pdf")
    headline = result.document.table("headline")
    assert headline.rows[0][1] == pytest.approx(26 / 40)
    # 40 answers: the interval is too wide for the NCHS standard; flagged as the spec asks
    assert headline.status == ("flagged",) and headline.rows[0][-1] == "†"
    assert result.results.indicator("aware").regions is None
    assert result.results.indicator("aware").problems  # said why, not silently left out
    assert "campaign" not in [s.key for s in result.document.sections]
    assert (tmp_path / "r.pdf").stat().st_size > 0
    # an unweighted sample without strata or clusters is tested with Pearson's chi-square,
    # and the cross-tab names that test (not Rao-Scott's F)
    note = result.document.table("q.aware.by.sex").notes[0]
    assert note.startswith("Тәуелсіздік тесті, Пирсонның хи-квадрат тесті (салмақталмаған "
                           "жиіліктер бойынша, үздіксіздікке түзетусіз): хи-квадрат = ")
    assert "еркіндік дәрежесі 1, p = " in note and "Рао-Скотт" not in note


def test_other_form__design_weights__report_error_names_the_cause(small_db: Path):
    with pytest.raises(ReportError) as info:
        build_report(small_db, spec=ReportSpec(weighting="design", indicators=("aware",),
                                               breakdowns=("sex",)))
    assert info.value.code == "report.analysis"
    assert "region" in str(info.value)


def test_other_form__bundled_indicators__spec_error(small_db: Path):
    with pytest.raises(SpecError) as info:
        build_report(small_db, spec=ReportSpec(weighting="none"))
    assert info.value.code == "report.spec.unknown_indicator"
