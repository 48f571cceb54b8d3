"""Proportion CIs (logit, Korn-Graubard beta, Wald) against R ``svyciprop`` fixtures and by hand."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from analysis import estimates
from analysis.ciprop import beta_ci, logit_ci, wald_ci
from analysis.errors import AnalysisError
from tests.analysis.r_oracle import DESIGNS, design, select

RTOL = 1e-7


@pytest.mark.parametrize("name", sorted(DESIGNS))
@pytest.mark.parametrize("method", ["logit", "beta"])
def test_proportions__ci_method__matches_r_svyciprop(name: str, method: str) -> None:
    des = design(name)
    table = estimates.proportions(des, "cat", ci=method).table
    record = select(design=name, stat=f"ciprop_{method}", variable="cat", category="b")[0]
    row = table[table["category"] == "b"].iloc[0]
    assert row["estimate"] == pytest.approx(record["estimate"], rel=RTOL)
    assert row["ci_low"] == pytest.approx(record["ci_low"], rel=RTOL)
    assert row["ci_high"] == pytest.approx(record["ci_high"], rel=RTOL)


@pytest.mark.parametrize("name", sorted(DESIGNS))
@pytest.mark.parametrize("method", ["logit", "beta"])
def test_proportions__confidence_090__matches_r_svyciprop_level(name: str, method: str) -> None:
    table = estimates.proportions(design(name), "cat", ci=method, confidence=0.9).table
    record = select(design=name, stat=f"ciprop_{method}_90", variable="cat", category="b")[0]
    row = table[table["category"] == "b"].iloc[0]
    assert row["ci_low"] == pytest.approx(record["ci_low"], rel=RTOL)
    assert row["ci_high"] == pytest.approx(record["ci_high"], rel=RTOL)


@pytest.mark.parametrize("name", sorted(DESIGNS))
@pytest.mark.parametrize("method", ["logit", "beta"])
def test_proportions__by_region__ci_uses_each_domains_df_as_r(name: str, method: str) -> None:
    des = design(name).with_column("bin_label", design(name).data["bin"].map({1.0: "yes", 0.0: "no"}))
    table = estimates.proportions(des, "bin_label", by="region", ci=method).table
    records = select(design=name, stat=f"ciprop_{method}", variable="bin", group_var="region")
    assert len(records) == 4
    for record in records:
        row = table[(table["region"] == record["group"]) & (table["category"] == "yes")].iloc[0]
        assert row["estimate"] == pytest.approx(record["estimate"], rel=RTOL)
        assert row["se"] == pytest.approx(record["se"], rel=RTOL)
        assert row["ci_low"] == pytest.approx(record["ci_low"], rel=RTOL)
        assert row["ci_high"] == pytest.approx(record["ci_high"], rel=RTOL)


def test_logit_ci__hand_values__back_transformed_t_interval() -> None:
    p, se, df = 0.2, 0.05, 10
    t = stats.t.ppf(0.975, df)
    half = t * se / (p * (1 - p))
    low, high = logit_ci(np.array([p]), np.array([se]), np.array([df]))
    expit = lambda v: 1 / (1 + np.exp(-v))  # noqa: E731
    assert low[0] == pytest.approx(expit(np.log(0.25) - half), rel=1e-12)
    assert high[0] == pytest.approx(expit(np.log(0.25) + half), rel=1e-12)
    assert 0 < low[0] < p < high[0] < 1


def test_logit_ci__proportion_zero_or_one__degenerate_interval_inside_unit() -> None:
    low, high = logit_ci(np.array([0.0, 1.0]), np.array([0.0, 0.0]), np.array([5, 5]))
    assert low.tolist() == [0.0, 1.0] and high.tolist() == [0.0, 1.0]


def test_beta_ci__no_variance__clopper_pearson_on_n() -> None:
    low, high = beta_ci(np.array([0.0]), np.array([0.0]), np.array([9]), np.array([10]))
    assert low[0] == 0.0
    assert high[0] == pytest.approx(stats.beta.ppf(0.975, 1, 10), rel=1e-12)


def test_beta_ci__near_zero__stays_inside_unit_interval() -> None:
    low, high = beta_ci(np.array([0.01]), np.array([0.008]), np.array([30]), np.array([200]))
    assert 0 <= low[0] < 0.01 < high[0] < 1


def test_wald_ci__normal_quantile__symmetric() -> None:
    low, high = wald_ci(np.array([10.0]), np.array([2.0]), 0.9)
    assert low[0] == pytest.approx(10 - 1.6448536269514722 * 2, rel=1e-12)
    assert high[0] == pytest.approx(10 + 1.6448536269514722 * 2, rel=1e-12)


def test_proportions__unknown_ci_method__error_with_code() -> None:
    with pytest.raises(AnalysisError) as err:
        estimates.proportions(design("base"), "cat", ci="wilson")
    assert err.value.code == "analysis.ci.unknown_method"


def test_wald_ci__confidence_outside_unit__error_with_code() -> None:
    with pytest.raises(AnalysisError) as err:
        wald_ci(np.array([1.0]), np.array([1.0]), 95)
    assert err.value.code == "analysis.ci.bad_level"
