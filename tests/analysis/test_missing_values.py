"""Missing answers in every public function: a clear error or an explicit note, never a NaN."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
import pytest

import analysis as a
from tests.analysis.comparisons_fixtures import stratified_design, survey_data


def _design() -> a.Design:
    data = survey_data()
    data["empty"] = np.nan
    data["heard_no_abai"] = data["heard_mediation"].where(data["region"] != "abai")
    data["law_men"] = data["knows_law"].where(data["sex"] == "male")
    data["law_women"] = data["knows_law"].where(data["sex"] == "female")
    data["heard_baseline"] = data["heard_mediation"].where(data["wave"] == "baseline")
    return stratified_design(data)


CALLS: dict[str, tuple[Callable[[a.Design], object], str]] = {
    "mean": (lambda d: a.mean(d, "empty"), "analysis.variable.all_missing"),
    "total": (lambda d: a.total(d, "empty"), "analysis.variable.all_missing"),
    "proportions": (lambda d: a.proportions(d, "empty"), "analysis.variable.all_missing"),
    "choices": (lambda d: a.choices(d, "empty"), "analysis.variable.all_missing"),
    "ratio": (lambda d: a.ratio(d, "knows_law", "empty"), "analysis.variable.all_missing"),
    "ratio_disjoint": (lambda d: a.ratio(d, "law_men", "law_women"),
                       "analysis.variable.all_missing"),
    "by_group": (lambda d: a.by_group(d, ["empty"], by="region"),
                 "analysis.variable.all_missing"),
    "by_group_empty_by": (lambda d: a.by_group(d, ["trust_mediators"], by="empty"),
                          "analysis.variable.all_missing"),
    "likert": (lambda d: a.likert(d, "empty"), "analysis.variable.all_missing"),
    "index_mean": (lambda d: a.index_mean(d, ["empty", "knows_law"]),
                   "analysis.variable.all_missing"),
    "crosstab": (lambda d: a.crosstab(d, "empty", "sex"), "analysis.variable.all_missing"),
    "region_vs_rest": (lambda d: a.region_vs_rest(d, "empty", category="yes"),
                       "analysis.variable.all_missing"),
    "region_vs_rest_absent_category": (
        lambda d: a.region_vs_rest(d, "heard_mediation", category="maybe"),
        "analysis.variable.unknown_category"),
    "wave_difference": (lambda d: a.wave_difference(d, "empty", category="yes"),
                        "analysis.variable.all_missing"),
    "wave_difference_one_wave": (
        lambda d: a.wave_difference(d, "heard_baseline", category="yes"),
        "analysis.variable.empty_group"),
    "did": (lambda d: a.difference_in_differences(d, "empty", category="yes"),
            "analysis.variable.all_missing"),
    "did_one_wave": (lambda d: a.difference_in_differences(d, "heard_baseline", category="yes"),
                     "analysis.variable.empty_group"),
}


@pytest.mark.parametrize("name", list(CALLS))
def test_public_function__no_usable_answers__analysis_error_with_code(name: str) -> None:
    call, code = CALLS[name]
    with pytest.raises(a.AnalysisError) as err:
        call(_design())
    assert err.value.code == code
    assert len(str(err.value)) > 30


def test_wave_difference__one_wave_unanswered__error_names_the_wave() -> None:
    with pytest.raises(a.AnalysisError, match="wave = 'followup' has no respondents"):
        a.wave_difference(_design(), "heard_baseline", category="yes")


def test_cronbach_alpha__all_missing_item__error_not_nan() -> None:
    data = survey_data().assign(empty=np.nan)
    with pytest.raises(a.AnalysisError) as err:
        a.cronbach_alpha(data, ["empty", "knows_law"])
    assert err.value.code == "analysis.scale.too_few_rows"


@pytest.mark.parametrize("call", [
    lambda d: a.proportions(d, "heard_no_abai", by="region"),
    lambda d: a.by_group(d, ["heard_no_abai", "trust_mediators"], by="region"),
    lambda d: a.likert(d, "trust_mediators", by="region").distribution,
])
def test_by_group__group_without_answers__rows_left_out_and_noted_no_nan(call: Callable) -> None:
    design = _design()
    result = call(design)
    table: pd.DataFrame = result.table
    core = ["estimate", "se", "ci_low", "ci_high", "n", "n_weighted", "moe"]
    assert not table[core].isna().to_numpy().any()
    if "heard_no_abai" in set(table["variable"]):
        assert not ((table["region"] == "abai") & (table["variable"] == "heard_no_abai")).any()
        assert any(str(n).startswith("region=abai: no answers to 'heard_no_abai=")
                   for n in result.notes)


def test_missing_answers__are_a_domain__design_rows_and_df_kept() -> None:
    design = _design()
    full = a.mean(design, "trust_mediators").table.iloc[0]
    answered = survey_data()["trust_mediators"].notna().to_numpy()
    assert full["n"] == answered.sum()
    dropped = a.mean(stratified_design(survey_data()[answered].reset_index(drop=True)),
                     "trust_mediators").table.iloc[0]
    assert full["estimate"] == pytest.approx(dropped["estimate"], rel=1e-12)
    assert full["se"] == pytest.approx(dropped["se"], rel=1e-12)  # same PSUs reached
    assert design.n == len(survey_data())
