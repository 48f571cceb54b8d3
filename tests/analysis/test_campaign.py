"""Campaign evaluation by hand-derived values and error paths."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.campaign import difference_in_differences, wave_difference
from analysis.design import Design
from analysis.errors import VariableError
from tests.analysis.comparisons_fixtures import stratified_design, survey_data


def test_wave_difference__unweighted__is_followup_minus_baseline_share() -> None:
    frame = pd.DataFrame({"wave": ["baseline"] * 4 + ["followup"] * 5,
                          "heard": ["yes", "no", "no", "no", "yes", "yes", "yes", "no", "no"]})
    row = wave_difference(Design.from_frame(frame), "heard", category="yes").table.iloc[0]
    assert row["baseline_estimate"] == pytest.approx(0.25)
    assert row["followup_estimate"] == pytest.approx(0.6)
    assert row["difference"] == pytest.approx(0.35)
    assert row["df"] == 9 - 1 - 1
    assert row["ci_low"] < 0.35 < row["ci_high"]


def test_did__saturated_logit__coefficients_are_cell_logits_by_hand() -> None:
    data = survey_data()
    result = difference_in_differences(stratified_design(data), "heard_mediation",
                                       category="yes")
    used = data.dropna(subset=["heard_mediation"])
    used = used[used["campaign_exposed"].isin(["yes", "no"])]
    y = (used["heard_mediation"] == "yes").astype(float)
    share = (y * used["weight"]).groupby([used["campaign_exposed"], used["wave"]]).sum() \
        / used["weight"].groupby([used["campaign_exposed"], used["wave"]]).sum()
    logit = np.log(share / (1 - share))
    b = result.coefficients.set_index("term")["estimate"]
    assert b["(Intercept)"] == pytest.approx(logit[("no", "baseline")], rel=1e-9)
    assert b["wave"] == pytest.approx(logit[("no", "followup")] - logit[("no", "baseline")],
                                      rel=1e-9)
    did = (logit[("yes", "followup")] - logit[("yes", "baseline")]
           - logit[("no", "followup")] + logit[("no", "baseline")])
    assert b["wave:exposed"] == pytest.approx(did, rel=1e-9)
    points = (share[("yes", "followup")] - share[("yes", "baseline")]
              - share[("no", "followup")] + share[("no", "baseline")])
    assert result.points.iloc[0]["difference"] == pytest.approx(points, rel=1e-9)
    assert result.coefficients["odds_ratio"].iloc[3] == pytest.approx(np.exp(did), rel=1e-9)


def test_did__nobody_exposed__raises_empty_group() -> None:
    data = survey_data().assign(campaign_exposed="no")
    with pytest.raises(VariableError) as err:
        difference_in_differences(stratified_design(data), "heard_mediation", category="yes")
    assert err.value.code == "analysis.variable.empty_group"
    assert "campaign_exposed = 'yes'" in str(err.value)


def test_did__non_binary_number__raises_not_binary() -> None:
    with pytest.raises(VariableError) as err:
        difference_in_differences(stratified_design(), "trust_mediators")
    assert err.value.code == "analysis.variable.not_binary"


def test_did__a_cell_answering_all_the_same__raises_separation() -> None:
    data = survey_data()
    cell = (data["wave"] == "baseline") & (data["campaign_exposed"] == "yes")
    data.loc[cell, "heard_mediation"] = "no"
    with pytest.raises(VariableError) as err:
        difference_in_differences(stratified_design(data), "heard_mediation", category="yes")
    assert err.value.code == "analysis.variable.separation"
