"""Cross-tabs and Rao-Scott tests against R survey's svychisq / svyby figures."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.crosstab import crosstab
from analysis.design import Design
from analysis.methods import HypothesisTest
from tests.analysis.comparisons_fixtures import (
    assert_close,
    reference,
    stratified_design,
    survey_data,
)


def test_crosstab__stratified_clustered__matches_svychisq_F() -> None:
    ref = reference()["chisq"]["strat_F"]
    result = crosstab(stratified_design(), "heard_mediation", "region")
    assert_close(result.test.statistic, ref["statistic"])
    assert_close([result.test.df_num, result.test.df_den], ref["parameter"])
    assert_close(result.test.p_value, ref["p_value"])


def test_crosstab__chisq_statistic__matches_svychisq_first_order() -> None:
    ref = reference()["chisq"]["strat_Chisq"]
    result = crosstab(stratified_design(), "heard_mediation", "region", statistic="Chisq")
    assert_close(result.test.statistic, ref["statistic"])
    assert result.test.df_num == ref["parameter"]
    assert_close(result.test.p_value, ref["p_value"])


def test_crosstab__clusters_without_strata__matches_svychisq_F() -> None:
    ref = reference()["chisq"]["clus_F"]
    data = survey_data().assign(cluster=lambda d: d["stratum"] * 100 + d["psu"])
    design = Design.from_frame(data, weights="weight", psu="cluster")
    result = crosstab(design, "age_group", "sex")
    assert_close(result.test.statistic, ref["statistic"])
    assert_close([result.test.df_num, result.test.df_den], ref["parameter"])
    assert_close(result.test.p_value, ref["p_value"])


def test_crosstab__two_by_two__matches_svychisq_F() -> None:
    ref = reference()["chisq"]["strat_sex_wave_F"]
    result = crosstab(stratified_design(), "sex", "wave")
    assert_close([result.test.statistic, result.test.p_value], [ref["statistic"], ref["p_value"]])


def test_crosstab__simple_random_unweighted__uses_pearson_as_chisq_test() -> None:
    ref = reference()["pearson_srs"]
    result = crosstab(Design.from_frame(survey_data()), "heard_mediation", "region")
    assert result.method.test is HypothesisTest.PEARSON
    assert_close([result.test.statistic, result.test.df_num, result.test.p_value],
                 [ref["statistic"], ref["df"], ref["p_value"]])


def test_crosstab__column_percentages__match_svyby_means_and_se() -> None:
    ref = reference()["colpct"]
    table = crosstab(stratified_design(), "heard_mediation", "region").table
    expected = {}
    for name, coef, se in zip(ref["names"], np.ravel(ref["coef"]), np.ravel(ref["se"]),
                              strict=True):
        region, level = name.split(":heard_mediation")
        expected[(region, level)] = (coef, se)
    got = table.set_index(["region", "heard_mediation"])
    keys = list(expected)
    assert_close(got.loc[keys, "estimate"], [expected[k][0] for k in keys])
    assert_close(got.loc[keys, "se"], [expected[k][1] for k in keys])


def test_crosstab__column_percentages__sum_to_one_per_column_and_count_rows() -> None:
    data = survey_data()
    result = crosstab(stratified_design(data), "heard_mediation", "region")
    sums = result.table.groupby("region")["estimate"].sum()
    assert np.allclose(sums, 1.0)
    answered = data.dropna(subset=["heard_mediation"])
    counts = pd.crosstab(answered["heard_mediation"], answered["region"]).stack()
    got = result.table.set_index(["heard_mediation", "region"])["n"]
    assert (got.loc[counts.index] == counts).all()
    assert result.percentages().shape == (3, 8)


def test_crosstab__finite_population_correction__matches_svychisq_F() -> None:
    ref = reference()["fpc_chisq"]
    data = survey_data()
    data["npsu"] = data.groupby("stratum")["psu"].transform(lambda p: 3 * p.nunique())
    design = Design.from_frame(data, weights="weight", strata="stratum", psu="psu", fpc="npsu")
    result = crosstab(design, "heard_mediation", "age_group")
    assert_close([result.test.statistic, *[result.test.df_num, result.test.df_den],
                  result.test.p_value], [ref["statistic"], *ref["parameter"], ref["p_value"]])
