"""The default report spec estimates the bundled questionnaire's disputes roster, and only
where the questionnaire has it."""

from __future__ import annotations

from pathlib import Path

import pytest

from reports.api import build_report
from reports.repeat_spec import RepeatIndicator
from reports.spec import DEFAULT_REPEAT_INDICATORS, ReportSpec, applicable, repeat_questions
from survey.bundled import bundled_form
from survey.demo import DemoOptions, fill_database
from survey.store import Store
from tests.reports.conftest import FIXED_NOW

SETTLED = RepeatIndicator("disputes", "dispute_settled", "mediator")
INVOLVED = RepeatIndicator("disputes", "dispute_mediator", "yes")


def test_default_spec__roster_indicators__kept_only_for_a_form_with_the_roster() -> None:
    spec = ReportSpec()
    assert spec.repeat_indicators == DEFAULT_REPEAT_INDICATORS == (SETTLED, INVOLVED)
    asked = {("disputes", "dispute_settled"), ("disputes", "dispute_mediator")}
    assert applicable(spec, asked) is spec
    assert applicable(spec, {("members", "works")}).repeat_indicators == ()
    # a roster of the same name without the questions: the defaults are left out too
    assert applicable(spec, {("disputes", "mediator")}).repeat_indicators == ()
    own = RepeatIndicator("members", "works")
    named = ReportSpec(repeat_indicators=(own, SETTLED))
    assert applicable(named, set()).repeat_indicators == (own,)
    assert ReportSpec.from_dict(spec.to_dict()) == spec


def test_repeat_questions__bundled_questionnaire__the_roster_questions() -> None:
    form, _ = bundled_form()
    asked = repeat_questions(form)
    assert {(i.level, i.question) for i in DEFAULT_REPEAT_INDICATORS} <= asked
    assert all(level == "disputes" for level, _question in asked)
    assert ("disputes", "household_dispute") not in asked  # the gate is asked once
    assert repeat_questions(None) == set()


@pytest.mark.slow
def test_default_report__bundled_demo__roster_section_with_both_indicators(
        tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    with Store.open(db) as store:
        fill_database(store, DemoOptions(interviews=400, seed=6, paradata=False))
    result = build_report(db, spec=ReportSpec(language="kk"), now=FIXED_NOW)
    shares = {r.indicator: r.estimate() for r in result.results.repeats}
    assert set(shares) == {SETTLED, INVOLVED}
    settled, involved = (shares[SETTLED], shares[INVOLVED])
    assert settled is not None and involved is not None
    assert 0 < settled["estimate"] < involved["estimate"] < 1  # settled with one: involved
    assert result.document.section("repeats") is not None
    table = result.document.table("repeats.disputes/dispute_mediator")
    assert table.column_values("estimate")[0] == pytest.approx(involved["estimate"])
