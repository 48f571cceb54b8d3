"""The default report spec estimates the bundled questionnaire's disputes roster, and only
where the questionnaire has it."""

from __future__ import annotations

from pathlib import Path

import pytest

from reports.api import build_report
from reports.repeat_spec import RepeatIndicator
from reports.spec import DEFAULT_REPEAT_INDICATORS, ReportSpec, applicable
from survey.demo import DemoOptions, fill_database
from survey.store import Store
from tests.reports.conftest import FIXED_NOW

SETTLED = RepeatIndicator("disputes", "dispute_settled", "mediator")
INVOLVED = RepeatIndicator("disputes", "dispute_mediator", "yes")


def test_default_spec__roster_indicators__kept_only_for_a_form_with_the_roster() -> None:
    spec = ReportSpec()
    assert spec.repeat_indicators == DEFAULT_REPEAT_INDICATORS == (SETTLED, INVOLVED)
    assert applicable(spec, {"disputes"}) is spec
    assert applicable(spec, {"members"}).repeat_indicators == ()
    own = RepeatIndicator("members", "works")
    named = ReportSpec(repeat_indicators=(own, SETTLED))
    assert applicable(named, set()).repeat_indicators == (own,)
    assert ReportSpec.from_dict(spec.to_dict()) == spec


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
