"""Wave difference and difference-in-differences against R survey (svyttest, svyglm)."""

from __future__ import annotations

from analysis.campaign import difference_in_differences, wave_difference
from analysis.design import Design
from tests.analysis.comparisons_fixtures import (
    assert_close,
    reference,
    stratified_design,
    survey_data,
)


def test_wave_difference__followup_minus_baseline__matches_svyttest() -> None:
    ref = reference()["wave_diff"]
    row = wave_difference(stratified_design(), "heard_mediation", category="yes").table.iloc[0]
    assert_close([row["difference"], row["t"], row["p_value"]],
                 [ref["difference"], ref["t"], ref["p_value"]])
    assert row["df"] == ref["df"]
    assert_close([row["ci_low"], row["ci_high"]], ref["ci"])


def test_did__logistic__matches_svyglm_quasibinomial() -> None:
    ref = reference()["did_logit"]
    result = difference_in_differences(stratified_design(), "heard_mediation", category="yes")
    coefs = result.coefficients
    assert list(coefs["term"]) == ["(Intercept)", "wave", "exposed", "wave:exposed"]
    assert_close(coefs["estimate"], ref["coef"])
    assert_close(coefs["se"], ref["se"])
    assert_close(coefs["t"], ref["t"])
    assert_close(coefs["p_value"], ref["p"])
    assert (coefs["df"] == ref["df"]).all()
    assert_close(coefs[["ci_low", "ci_high"]].to_numpy(), ref["ci"])


def test_did__percentage_points__matches_svycontrast_and_gaussian_svyglm() -> None:
    ref, contrast = reference()["did_points"], reference()["did_contrast"]
    result = difference_in_differences(stratified_design(), "heard_mediation", category="yes")
    row = result.points.iloc[0]
    assert_close([row["difference"], row["se"]], [contrast["estimate"], contrast["se"][0][0]])
    assert_close([row["t"], row["p_value"], row["ci_low"], row["ci_high"]],
                 [ref["t"], ref["p"], *ref["ci"]])
    assert row["df"] == ref["df"]
    # svyby(~y, ~exp01 + wave01) orders cells (0,0), (1,0), (0,1), (1,1): exposed fastest
    cells = result.cells.set_index(["exposed", "wave"])
    order = [("no", "baseline"), ("yes", "baseline"), ("no", "followup"), ("yes", "followup")]
    assert_close(cells.loc[order, "estimate"], contrast["cells"])
    assert_close(cells.loc[order, "se"], contrast["cell_se"])


def test_did__clusters_without_strata__matches_svyglm_quasibinomial() -> None:
    ref = reference()["clus_logit"]
    data = survey_data().assign(cluster=lambda d: d["stratum"] * 100 + d["psu"])
    design = Design.from_frame(data, weights="weight", psu="cluster")
    coefs = difference_in_differences(design, "heard_mediation", category="yes").coefficients
    assert_close(coefs["estimate"], ref["coef"])
    assert_close(coefs["se"], ref["se"])
    assert (coefs["df"] == ref["df"]).all()


def test_wave_difference__number_with_missing__matches_svyttest() -> None:
    ref = reference()["wave_trust"]
    row = wave_difference(stratified_design(), "trust_mediators").table.iloc[0]
    assert_close([row["difference"], row["t"], row["p_value"]],
                 [ref["difference"], ref["t"], ref["p_value"]])
    assert row["df"] == ref["df"]
