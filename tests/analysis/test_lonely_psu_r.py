"""Cross-tab, region vs rest and DiD with a single-PSU stratum (lonely PSU 'adjust') vs R."""

from __future__ import annotations

from analysis.campaign import difference_in_differences, wave_difference
from analysis.crosstab import crosstab
from analysis.design import Design
from analysis.regions import region_vs_rest
from tests.analysis.comparisons_fixtures import assert_close, reference, survey_data


def _design() -> Design:
    data = survey_data()
    data = data[~((data["stratum"] == 1) & (data["psu"] > 1))].reset_index(drop=True)
    return Design.from_frame(data, weights="weight", strata="stratum", psu="psu",
                             lonely_psu="adjust")


def test_lonely_adjust__crosstab__matches_svychisq() -> None:
    ref = reference()["lonely_adjust"]["chisq"]
    test = crosstab(_design(), "heard_mediation", "sex").test
    assert_close([test.statistic, test.df_num, test.df_den, test.p_value],
                 [ref["statistic"], *ref["parameter"], ref["p_value"]])


def test_lonely_adjust__did_and_wave_difference__match_svyglm_and_svyttest() -> None:
    ref = reference()["lonely_adjust"]
    design = _design()
    coefs = difference_in_differences(design, "heard_mediation", category="yes").coefficients
    assert_close(coefs["estimate"], ref["glm_coef"])
    assert_close(coefs["se"], ref["glm_se"])
    row = wave_difference(design, "heard_mediation", category="yes").table.iloc[0]
    assert_close(row["t"], ref["wave_t"])
    assert row["df"] == ref["wave_df"]


def test_lonely_adjust__region_vs_rest__matches_svyttest() -> None:
    rows = reference()["lonely_adjust"]["region_trust"]
    table = region_vs_rest(_design(), "trust_mediators").table.set_index("region")
    got = table.loc[[r["region"] for r in rows]]
    assert_close(got["t"], [r["t"] for r in rows])
    assert_close(got["p_value"], [r["p_value"] for r in rows])
    assert list(got["df"]) == [r["df"] for r in rows]
