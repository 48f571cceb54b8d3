"""The public API: every result carries a Method naming design, variance, CI, test, adjustment.

A method is data (enumerations and records with fields); its English rendering is for logs.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable

import pytest

import analysis as a
from tests.analysis.comparisons_fixtures import reference, stratified_design, survey_data

DESIGN_FUNCTIONS = ("mean", "total", "proportions", "choices", "ratio", "by_group", "likert",
                    "index_mean", "crosstab", "region_vs_rest", "wave_difference",
                    "difference_in_differences", "rake")

# name -> (call, needs a CI method, needs a test, needs an adjustment)
CALLS: dict[str, tuple[Callable[[a.Design], object], bool, bool, bool]] = {
    "mean": (lambda d: a.mean(d, "trust_mediators", by="sex"), True, False, False),
    "total": (lambda d: a.total(d, "knows_law"), True, False, False),
    "proportions": (lambda d: a.proportions(d, "heard_mediation"), True, False, False),
    "choices": (lambda d: a.choices(d, "heard_mediation"), True, False, False),
    "ratio": (lambda d: a.ratio(d, "knows_law", "trust_mediators"), True, False, False),
    "by_group": (lambda d: a.by_group(d, ["heard_mediation"], by="region"), True, False, False),
    "likert": (lambda d: a.likert(d, "trust_mediators"), True, False, False),
    "index_mean": (lambda d: a.index_mean(d, ["knows_law", "trust_mediators"]), True, False,
                   False),
    "crosstab": (lambda d: a.crosstab(d, "heard_mediation", "sex"), True, True, False),
    "crosstab_test": (lambda d: a.crosstab(d, "heard_mediation", "sex").test, True, True, False),
    "region_vs_rest": (lambda d: a.region_vs_rest(d, "trust_mediators"), True, True, True),
    "wave_difference": (lambda d: a.wave_difference(d, "heard_mediation", category="yes"),
                        True, True, False),
    "did": (lambda d: a.difference_in_differences(d, "heard_mediation", category="yes"),
            True, True, False),
    "rake": (lambda d: a.rake(d, reference()["rake_margins"]), False, False, True),
}


@pytest.mark.parametrize("name", list(CALLS))
def test_result__every_public_function__carries_a_complete_method(name: str) -> None:
    call, ci, test, adjustment = CALLS[name]
    method = call(stratified_design()).method  # type: ignore[attr-defined]
    assert isinstance(method, a.Method) and isinstance(method.design, a.DesignSummary)
    assert (method.design.strata, method.design.n_strata) == ("stratum", 8)
    assert (method.design.psu, method.design.n_psu) == ("psu", 57)
    assert method.variance is a.Variance.TAYLOR
    assert bool(method.ci) == ci and all(isinstance(i, a.Interval) for i in method.ci)
    assert (method.test is not None) == test
    assert (method.adjustment is not None) == adjustment
    english = method.describe()
    assert english.startswith("Design: ") and "8 strata ('stratum')" in english
    assert "57 PSUs ('psu')" in english and "Variance: Taylor linearization" in english


def test_cronbach_alpha__method__names_rows_and_that_there_is_no_variance() -> None:
    result = a.cronbach_alpha(survey_data(), ["knows_law", "trust_mediators"], weights="weight")
    method = result.method
    assert method.design == a.ItemSample("weight", result.n) and result.n > 0
    assert method.variance is a.Variance.ALPHA_WEIGHTED and not method.ci
    assert method.describe().startswith("Design: weights 'weight'; ")
    assert "rows answering every item (listwise)" in method.describe()


def test_likert__method__names_both_ci_methods() -> None:
    method = a.likert(stratified_design(), "trust_mediators").method
    assert method.ci == (a.Interval(a.IntervalMethod.LOGIT, a.Scope.DISTRIBUTION),
                         a.Interval(a.IntervalMethod.WALD, a.Scope.MEAN_SCORE))
    assert "distribution and top box: logit" in method.describe()
    assert "mean score: Wald" in method.describe()


@pytest.mark.parametrize("name", DESIGN_FUNCTIONS)
def test_signature__design_functions__design_first_confidence_keyword(name: str) -> None:
    params = inspect.signature(getattr(a, name)).parameters
    assert next(iter(params)) == "design"
    if name != "rake":
        assert params["confidence"].kind is inspect.Parameter.KEYWORD_ONLY
        assert params["confidence"].default == 0.95
    if "variable" in params:
        assert list(params)[1] == "variable"
    if "by" in params and name != "by_group":
        assert params["by"].kind is inspect.Parameter.KEYWORD_ONLY
