"""Per-wave raking to adult margins, cross-tab and region intervals against R ``survey``.

Oracle: tests/reference/r_survey_reports.R on tests/analysis/fixtures/reports_survey.csv.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import numpy as np
import pandas as pd
import pytest

from analysis.adults import adult_counts
from analysis.campaign import wave_difference
from analysis.crosstab import crosstab
from analysis.design import Design
from analysis.regions import region_vs_rest
from analysis.weighting import design_weights, weighted_design
from tests.analysis.comparisons_fixtures import FIXTURES, RTOL, assert_close


@cache
def reference() -> dict[str, Any]:
    return json.loads((FIXTURES / "reports_r_reference.json").read_text(encoding="utf-8"))


@cache
def data() -> pd.DataFrame:
    return pd.read_csv(FIXTURES / "reports_survey.csv")


def close(actual: object, expected: object, rtol: float) -> None:
    """Relative agreement; an answer nobody in a group gave is 0 here and R's glm fit leaves
    it at about 1e-11, so figures below 1e-9 agree absolutely."""
    np.testing.assert_allclose(np.asarray(actual, dtype=float), np.asarray(expected, float),
                               rtol=rtol, atol=1e-9)


def plain() -> Design:
    frame = data().assign(w=design_weights(data(), within="wave"))
    return Design.from_frame(frame, weights="w", strata="region", psu="sampling_point")


def per_wave() -> Design:
    return weighted_design(data(), "raked", within="wave").design


def test_per_wave_raking__weights__equal_rake_with_margins_crossed_with_wave():
    assert_close(per_wave().weights, reference()["per_wave_weights"], rtol=1e-6)


def test_per_wave_raking__each_wave_meets_the_adult_sex_margin_on_its_own():
    female_ref = reference()["per_wave_female"][2:]  # svyby gives FALSE then TRUE by wave
    share = adult_counts("sex")["female"] / adult_counts("sex").sum()
    assert_close(female_ref, [share, share], rtol=1e-6)
    design = per_wave()
    weights = pd.Series(design.weights)
    female = weights[data()["sex"] == "female"].groupby(data()["wave"]).sum()
    assert_close(female / weights.groupby(data()["wave"]).sum(), female_ref, rtol=1e-6)


def test_per_wave_raking__change_between_waves__matches_svyttest():
    ref = reference()["per_wave_change"]
    design = per_wave().with_column("heard", data()["heard_mediation"])
    row = wave_difference(design, "heard", category="yes").table.iloc[0]
    by_wave = reference()["per_wave_heard"]
    assert_close([row["baseline_estimate"], row["followup_estimate"]], by_wave["coef"], 1e-6)
    assert_close([row["baseline_se"], row["followup_se"]], by_wave["se"], 1e-6)
    assert_close(row["difference"], ref["difference"], 1e-6)
    assert_close(row["p_value"], ref["p_value"], 1e-5)
    assert row["df"] == ref["df"]


@pytest.mark.parametrize(("key", "column", "ci", "raked"), [
    ("colpct_logit", "sex", "logit", False), ("colpct_beta", "settlement", "beta", False),
    ("colpct_raked_logit", "age_group", "logit", True), ("region_logit", "region", "logit", False)])
def test_crosstab__column_percentages__svyciprop_on_each_columns_df(key, column, ci, raked):
    design = per_wave() if raked else plain()
    table = crosstab(design, "heard_mediation", column, ci=ci).table
    cells = table.set_index([column, "heard_mediation"])
    for ref in reference()[key]:
        row = cells.loc[(ref["group"], ref["answer"])]
        tol = 1e-6 if raked else RTOL
        close(row[["estimate", "se"]], [ref["estimate"], ref["se"]], tol)
        close(row[["ci_low", "ci_high"]], [ref["ci_low"], ref["ci_high"]], tol)
        assert row["df"] == ref["df"]
        assert 0.0 <= row["ci_low"] <= row["estimate"] <= row["ci_high"] <= 1.0


def test_region_vs_rest__region_proportions__logit_interval_of_each_region():
    design = plain().with_column("heard", data()["heard_mediation"])
    table = region_vs_rest(design, "heard", category="yes").table.set_index("region")
    for ref in reference()["region_logit"]:
        if ref["answer"] != "yes":
            continue
        row = table.loc[ref["group"]]
        assert_close(row[["estimate", "ci_low", "ci_high"]],
                     [ref["estimate"], ref["ci_low"], ref["ci_high"]])
        assert row["domain_df"] == ref["df"]
    assert np.all((table["ci_low"] >= 0) & (table["ci_high"] <= 1))
