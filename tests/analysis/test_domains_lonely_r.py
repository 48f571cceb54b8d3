"""Every public estimator on domains that miss a lonely-PSU stratum, against R ``survey``.

Fixture: ``tests/reference/r_survey_domains.R``. Stratum 1 keeps a single PSU and the ``*_sub``
variables are missing there, so each estimate is a domain that does not reach the lonely
stratum. R counts only the strata a subset of a plain design reaches (``average`` rescales by
them, ``fail`` passes), but keeps every row of a raked design (all strata count, ``fail``
raises).
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import numpy as np
import pandas as pd
import pytest

from analysis import (
    Design,
    DesignError,
    by_group,
    crosstab,
    difference_in_differences,
    likert,
    mean,
    proportions,
    rake,
    ratio,
    region_vs_rest,
    total,
    wave_difference,
)
from tests.analysis.comparisons_fixtures import FIXTURES, assert_close, survey_data

KINDS = ("plain", "raked")


@cache
def _reference() -> dict[str, Any]:
    return json.loads((FIXTURES / "domains_r_reference.json").read_text(encoding="utf-8"))


def _data() -> pd.DataFrame:
    data = survey_data()
    data = data[~((data["stratum"] == 1) & (data["psu"] > 1))].reset_index(drop=True)
    abai = data["region"] == "abai"
    data["trust_sub"] = data["trust_mediators"].where(~abai)
    data["heard_sub"] = data["heard_mediation"].where(~abai)
    data["heard_mix"] = data["heard_mediation"].where(~(abai & (data["wave"] == "baseline")))
    return data


def _design(kind: str, rule: str = "average") -> Design:
    design = Design.from_frame(_data(), weights="weight", strata="stratum", psu="psu",
                               lonely_psu=rule)
    if kind == "plain":
        return design
    return rake(design, _reference()["rake_margins"], epsilon=1e-9, max_iter=50).design


def _ref(kind: str, rule: str = "average") -> dict[str, Any]:
    return _reference()[rule][kind]


@pytest.mark.parametrize("kind", KINDS)
def test_domain_average__means_totals_ratio__match_r(kind: str) -> None:
    design, ref = _design(kind), _ref(kind)
    for table, key in ((mean(design, "trust_sub"), "mean_trust_sub"),
                       (total(design, "trust_sub"), "total_trust_sub"),
                       (ratio(design, "knows_law", "trust_sub"), "ratio"),
                       (mean(design, "trust_mediators"), "whole_trust")):
        assert_close(table.table[["estimate", "se"]].iloc[0], [ref[key]["coef"], ref[key]["se"]])
    by_sex = mean(design, "trust_sub", by="sex").table
    assert_close(by_sex["estimate"], ref["by_sex_trust_sub"]["coef"])
    assert_close(by_sex["se"], ref["by_sex_trust_sub"]["se"])


@pytest.mark.parametrize("kind", KINDS)
def test_domain_average__proportions_and_logit_ci__match_svymean_and_svyciprop(kind: str) -> None:
    design, ref = _design(kind), _ref(kind)
    table = proportions(design, "heard_sub").table
    assert list(table["category"]) == ["dont_know", "no", "yes"]
    assert_close(table["estimate"], ref["prop_heard_sub"]["coef"])
    assert_close(table["se"], ref["prop_heard_sub"]["se"])
    yes = table.set_index("category").loc["yes"]
    assert_close([yes["ci_low"], yes["ci_high"]], ref["ciprop_heard_sub"]["ci"])
    grouped = by_group(design, ["heard_sub", "trust_sub"], by="sex").table
    female = grouped[(grouped["sex"] == "female") & (grouped["variable"] == "trust_sub")]
    assert_close(female["se"], ref["by_sex_trust_sub"]["se"][:1])


@pytest.mark.parametrize("kind", KINDS)
def test_domain_average__crosstab__matches_svychisq_and_svyby(kind: str) -> None:
    design, ref = _design(kind), _ref(kind)
    result = crosstab(design, "heard_sub", "sex")
    test = result.test
    assert_close([test.statistic, test.df_num, test.df_den, test.p_value],
                 [ref["chisq"]["statistic"], *ref["chisq"]["parameter"], ref["chisq"]["p_value"]])
    cells = result.table.set_index(["sex", "heard_sub"])
    keys = [tuple(reversed(name.replace("heard_sub", "").split(":")))
            for name in ref["colpct"]["names"]]
    keys = [(sex, cat) for cat, sex in keys]
    assert_close(cells.loc[keys, "estimate"], ref["colpct"]["coef"])
    assert_close(cells.loc[keys, "se"], ref["colpct"]["se"])


@pytest.mark.parametrize("kind", KINDS)
def test_domain_average__region_vs_rest__matches_svyttest_and_svyby(kind: str) -> None:
    design, ref = _design(kind), _ref(kind)
    table = region_vs_rest(design, "trust_sub").table.set_index("region")
    rows = ref["region_trust_sub"]
    got = table.loc[[r["region"] for r in rows]]
    assert "abai" not in table.index
    assert_close(got["t"], [r["t"] for r in rows])
    assert_close(got["p_value"], [r["p_value"] for r in rows])
    assert list(got["df"]) == [r["df"] for r in rows]
    means = table.loc[ref["region_means"]["names"]]
    assert_close(means["estimate"], ref["region_means"]["coef"])
    assert_close(means["se"], ref["region_means"]["se"])


@pytest.mark.parametrize("kind", KINDS)
def test_domain_average__wave_difference__matches_svyttest(kind: str) -> None:
    design, ref = _design(kind), _ref(kind)["wave"]
    row = wave_difference(design, "heard_sub", category="yes").table.iloc[0]
    assert_close([row["t"], row["p_value"]], [ref["t"], ref["p_value"]])
    assert row["df"] == ref["df"]
    assert_close([row["baseline_estimate"], row["followup_estimate"]], ref["by_wave"]["coef"])
    assert_close([row["baseline_se"], row["followup_se"]], ref["by_wave"]["se"])


@pytest.mark.parametrize("kind", KINDS)
def test_domain_average__did__matches_svyglm_and_cell_svyby(kind: str) -> None:
    design, ref = _design(kind), _ref(kind)["did"]
    result = difference_in_differences(design, "heard_sub", category="yes")
    assert_close(result.coefficients["estimate"], ref["coef"])
    assert_close(result.coefficients["se"], ref["se"])
    assert set(result.coefficients["df"]) == {ref["df"]}
    assert_close(result.points[["difference", "se"]].iloc[0], ref["points"])
    cells = result.cells.set_index(["exposed", "wave"])
    order = [("no", "baseline"), ("yes", "baseline"), ("no", "followup"), ("yes", "followup")]
    assert_close(cells.loc[order, "estimate"], ref["cells"]["coef"])
    assert_close(cells.loc[order, "se"], ref["cells"]["se"])


@pytest.mark.parametrize("kind", KINDS)
def test_domain_average__wave_domain_misses_lonely_stratum__wave_ses_as_svyby(kind: str) -> None:
    design, ref = _design(kind), _ref(kind)["wave_mix"]
    result = wave_difference(design, "heard_mix", category="yes")
    row = result.table.iloc[0]
    assert_close([row["t"], row["p_value"]], [ref["t"], ref["p_value"]])
    assert_close([row["baseline_se"], row["followup_se"]], ref["by_wave"]["se"])
    assert result.notes == ()


@pytest.mark.parametrize("kind", KINDS)
def test_domain_average__region_in_lonely_stratum_only__no_se_noted_others_match_r(
        kind: str) -> None:
    design, ref = _design(kind), _ref(kind)["region_whole"]
    result = region_vs_rest(design, "trust_mediators")
    table = result.table.set_index("region").loc[ref["means"]["names"]]
    assert_close(table["t"], ref["t"])
    assert_close(table["estimate"], ref["means"]["coef"])
    expected = np.array(ref["means"]["se"], dtype=float)
    got = table["se"].to_numpy(dtype=float)
    assert np.array_equal(np.isnan(got), np.isnan(expected))
    assert_close(got[~np.isnan(got)], expected[~np.isnan(expected)])
    by_region = mean(design, "trust_mediators", by="region")
    assert_close(by_region.table["estimate"], ref["means"]["coef"])
    se = by_region.table["se"].to_numpy(dtype=float)
    assert_close(se[~np.isnan(se)], expected[~np.isnan(expected)])
    if kind == "plain":
        assert [str(n).split(":")[0] for n in result.notes] == ["region=abai"]
        assert "single PSU" in str(result.notes[0])
        assert np.isnan(table.loc["abai", ["ci_low", "ci_high"]].to_numpy(dtype=float)).all()
        assert by_region.notes and str(by_region.notes[0]).startswith("region=abai:")
    else:
        assert result.notes == () and by_region.notes == ()


def test_domain_fail__plain_design__domains_pass_whole_sample_raises_as_r() -> None:
    design, ref = _design("plain", "fail"), _ref("plain", "fail")
    assert "only one PSU" in ref["whole_trust"]["error"]
    assert_close(mean(design, "trust_sub").table[["estimate", "se"]].iloc[0],
                 [ref["mean_trust_sub"]["coef"], ref["mean_trust_sub"]["se"]])
    test = crosstab(design, "heard_sub", "sex").test
    assert_close(test.statistic, ref["chisq"]["statistic"])
    row = wave_difference(design, "heard_sub", category="yes").table.iloc[0]
    assert_close(row["t"], ref["wave"]["t"])
    did = difference_in_differences(design, "heard_sub", category="yes").coefficients
    assert_close(did["se"], ref["did"]["se"])
    regions = region_vs_rest(design, "trust_sub").table
    assert_close(np.sort(regions["t"].to_numpy()), np.sort([r["t"] for r in
                                                            ref["region_trust_sub"]]))
    with pytest.raises(DesignError) as err:
        mean(design, "trust_mediators")
    assert err.value.code == "analysis.design.lonely_psu"


@pytest.mark.parametrize("call", [
    lambda d: mean(d, "trust_sub"),
    lambda d: ratio(d, "knows_law", "trust_sub"),
    lambda d: proportions(d, "heard_sub"),
    lambda d: crosstab(d, "heard_sub", "sex"),
    lambda d: region_vs_rest(d, "trust_sub"),
    lambda d: wave_difference(d, "heard_sub", category="yes"),
    lambda d: difference_in_differences(d, "heard_sub", category="yes"),
    lambda d: likert(d, "trust_sub"),
])
def test_domain_fail__raked_design__every_estimate_raises_as_r(call: Any) -> None:
    ref = _ref("raked", "fail")
    assert all("only one PSU" in ref[key]["error"] for key in ref)
    with pytest.raises(DesignError) as err:
        call(_design("raked", "fail"))
    assert err.value.code == "analysis.design.lonely_psu"
