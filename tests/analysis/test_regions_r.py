"""Region vs rest against R survey's svyttest, svyby and p.adjust figures."""

from __future__ import annotations

import numpy as np
import pytest

from analysis.methods import PAdjust, RegionAdjustment
from analysis.raking import rake
from analysis.regions import region_vs_rest
from tests.analysis.comparisons_fixtures import assert_close, reference, stratified_design

pytestmark = pytest.mark.slow  # every region against the rest, as R computes it


@pytest.mark.parametrize(("key", "variable", "category"),
                         [("region_heard", "heard_mediation", "yes"),
                          ("region_trust", "trust_mediators", None)])
def test_region_vs_rest__each_region__matches_svyttest(key: str, variable: str,
                                                        category: str | None) -> None:
    ref = reference()[key]
    table = region_vs_rest(stratified_design(), variable, category=category).table
    got = table.set_index("region").loc[[r["region"] for r in ref["rows"]]]
    assert_close(got["difference"], [r["difference"] for r in ref["rows"]])
    assert_close(got["t"], [r["t"] for r in ref["rows"]])
    assert_close(got["p_value"], [r["p_value"] for r in ref["rows"]])
    assert list(got["df"]) == [r["df"] for r in ref["rows"]]
    assert_close(got[["difference_ci_low", "difference_ci_high"]].to_numpy(),
                 [r["ci"] for r in ref["rows"]])
    assert_close(got["p_adjusted"], ref["holm"])


def test_region_vs_rest__benjamini_hochberg__matches_p_adjust_bh() -> None:
    ref = reference()["region_heard"]
    result = region_vs_rest(stratified_design(), "heard_mediation", category="yes", adjust="bh")
    got = result.table.set_index("region").loc[[r["region"] for r in ref["rows"]]]
    assert_close(got["p_adjusted"], ref["bh"])
    assert result.method.adjustment == RegionAdjustment(PAdjust.BH, len(ref["rows"]))
    assert "Adjustment: Benjamini-Hochberg across" in result.method.describe()


def test_region_vs_rest__region_means__match_svyby_and_are_ranked() -> None:
    ref = reference()["region_trust_means"]
    table = region_vs_rest(stratified_design(), "trust_mediators").table
    got = table.set_index("region").loc[ref["region"]]
    assert_close(got["estimate"], ref["coef"])
    assert_close(got["se"], ref["se"])
    assert list(table["rank"]) == list(range(1, 9))
    assert np.all(np.diff(table["estimate"].to_numpy()) <= 0)
    assert np.allclose(table["ci_high"] - table["estimate"], 1.959963984540054 * table["se"])


def test_region_vs_rest__raked_design__matches_svyttest_and_svyby_after_rake() -> None:
    raked = rake(stratified_design(), reference()["rake_margins"], epsilon=1e-9,
                 max_iter=50).design
    rows = reference()["raked_region_trust"]
    table = region_vs_rest(raked, "trust_mediators").table.set_index("region")
    got = table.loc[[r["region"] for r in rows]]
    assert_close(got["difference"], [r["difference"] for r in rows])
    assert_close(got["t"], [r["t"] for r in rows])
    assert_close(got["p_value"], [r["p_value"] for r in rows])
    means = reference()["raked_region_means"]
    assert_close(table.loc[means["region"], "estimate"], means["coef"])
    assert_close(table.loc[means["region"], "se"], means["se"])
