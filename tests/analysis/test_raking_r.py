"""Raking against R survey's rake / trimWeights, and estimates on the raked design."""

from __future__ import annotations

import numpy as np
import pytest

from analysis.campaign import difference_in_differences
from analysis.crosstab import crosstab
from analysis.design import Design
from analysis.errors import RakingError
from analysis.raking import rake, trim_weights
from analysis.regions import domain_means, outcome
from tests.analysis.comparisons_fixtures import assert_close, reference, stratified_design


def _raked(**kwargs: object):
    return rake(stratified_design(), reference()["rake_margins"], **kwargs)  # type: ignore[arg-type]


def _mean(design: Design, column: str, category: str | None = None) -> tuple[float, float]:
    y = outcome(design, column, category)
    est, scores, _n, _wn = domain_means(design, y, [np.ones(design.n, dtype=bool)])
    return float(est[0]), float(np.sqrt(design.variance(scores)[0, 0]))


def _total(design: Design, column: str) -> tuple[float, float]:
    y = design.data[column].to_numpy(dtype=float)
    ok = ~np.isnan(y)
    scores = np.where(ok, design.weights * np.where(ok, y, 0.0), 0.0)
    return float(scores.sum()), float(np.sqrt(design.variance(scores)[0, 0]))


def _check_estimates(design: Design, ref: dict) -> None:
    assert_close(_mean(design, "heard_mediation", "yes"), ref["mean_heard"])
    assert_close(_mean(design, "trust_mediators"), ref["mean_trust"])
    assert_close(_total(design, "knows_law"), ref["total_knows"])
    coefs = difference_in_differences(design, "heard_mediation", category="yes").coefficients
    assert_close(coefs["estimate"], ref["glm_coef"])
    assert_close(coefs["se"], ref["glm_se"])
    test = crosstab(design, "heard_mediation", "wave").test
    assert_close([test.statistic, test.df_num, test.df_den, test.p_value], ref["chisq"])


@pytest.mark.parametrize(("key", "kwargs"), [("rake_default", {}),
                                             ("rake_tight", {"epsilon": 1e-9, "max_iter": 50})])
def test_rake__four_margins__weights_and_raked_variance_match_r(key: str, kwargs: dict) -> None:
    ref = reference()[key]
    result = _raked(**kwargs)
    assert result.converged
    assert_close(result.weights, ref["weights"], rtol=1e-9)
    _check_estimates(result.design, ref)


def test_rake__trimming_bounds__match_trimweights_and_its_variance() -> None:
    ref = reference()["rake_trim"]
    result = _raked(epsilon=1e-9, max_iter=50, bounds=(40.0, 220.0))
    assert_close(result.weights, ref["weights"], rtol=1e-9)
    _check_estimates(result.design, ref)
    assert not np.allclose(result.report["difference"], 0.0, atol=1e-6)


def test_trim_weights__strict__matches_trimweights_strict() -> None:
    tight = _raked(epsilon=1e-9, max_iter=50)
    got = trim_weights(tight.weights, 40.0, 220.0, strict=True)
    assert_close(got, reference()["rake_trim_strict"]["weights"], rtol=1e-9)
    assert got.min() >= 40.0 - 1e-9 and got.max() <= 220.0 + 1e-9


def test_rake__too_few_sweeps__raises_not_converged_as_r_warns() -> None:
    assert "did not converge after 2" in reference()["rake_noconv"]
    with pytest.raises(RakingError) as err:
        _raked(epsilon=1e-9, max_iter=2)
    assert err.value.code == "analysis.raking.not_converged"
    assert "2 sweeps" in str(err.value)


def test_rake__report__shows_targets_met_on_the_last_margin() -> None:
    result = _raked(epsilon=1e-9, max_iter=50)
    report = result.report.set_index(["margin", "category"])
    margins = reference()["rake_margins"]
    for margin, targets in margins.items():
        for category, target in targets.items():
            assert report.loc[(margin, category), "target"] == target
            assert abs(report.loc[(margin, category), "achieved"] - target) < 1e-3
