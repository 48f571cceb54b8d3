"""Region vs rest and p-value adjustment by hand-derived values; error paths."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.design import Design
from analysis.errors import DesignError, VariableError
from analysis.regions import adjust_pvalues, region_vs_rest


def _small() -> pd.DataFrame:
    return pd.DataFrame({
        "region": ["a", "a", "a", "b", "b", "c", "c", None],
        "heard": ["yes", "yes", "no", "no", "no", "yes", "no", "yes"],
        "score": [5.0, 4.0, 3.0, 1.0, 2.0, 4.0, np.nan, 1.0],
    })


def test_adjust_pvalues__holm_and_bh__match_hand_computation() -> None:
    p = np.array([0.01, 0.04, 0.03])
    np.testing.assert_allclose(adjust_pvalues(p, "holm"), [0.03, 0.06, 0.06])
    np.testing.assert_allclose(adjust_pvalues(p, "bh"), [0.03, 0.04, 0.04])
    np.testing.assert_allclose(adjust_pvalues(np.array([0.6, 0.9]), "holm"), [1.0, 1.0])


def test_adjust_pvalues__missing_p_value__kept_missing_and_not_counted_as_r() -> None:
    p = np.array([0.01, np.nan, 0.03])  # R: p.adjust(c(0.01, NA, 0.03), "holm") = 0.02 NA 0.03
    np.testing.assert_allclose(adjust_pvalues(p, "holm"), [0.02, np.nan, 0.03])
    np.testing.assert_allclose(adjust_pvalues(p, "bh"), [0.02, np.nan, 0.03])
    assert np.isnan(adjust_pvalues(np.array([np.nan]), "holm")).all()


def test_adjust_pvalues__many_p_values__same_numbers_as_the_step_down_and_step_up_formulas(
) -> None:
    p = np.random.default_rng(3).random(20) ** 3
    order = np.argsort(p)
    holm = np.minimum(np.maximum.accumulate((20 - np.arange(20)) * p[order]), 1.0)
    bh = np.minimum(np.minimum.accumulate(20 / np.arange(20, 0, -1) * p[order[::-1]]), 1.0)
    np.testing.assert_allclose(adjust_pvalues(p, "holm")[order], holm, rtol=1e-15)
    np.testing.assert_allclose(adjust_pvalues(p, "bh")[order[::-1]], bh, rtol=1e-15)


def test_region_vs_rest__proportion__region_and_rest_shares_by_hand() -> None:
    table = region_vs_rest(Design.from_frame(_small()), "heard", category="yes").table
    a = table.set_index("region").loc["a"]
    assert a["estimate"] == pytest.approx(2 / 3)
    assert a["rest_estimate"] == pytest.approx(1 / 4)  # row without a region is left out
    assert a["difference"] == pytest.approx(2 / 3 - 1 / 4)
    assert a["df"] == 7 - 1 - 1  # 7 rows used, each its own PSU, one stratum; minus 1
    assert list(table["region"]) == ["a", "c", "b"]  # ranked by estimate
    assert a["t"] == pytest.approx(a["difference"] / a["difference_se"])


def test_region_vs_rest__number__uses_means_and_skips_missing() -> None:
    table = region_vs_rest(Design.from_frame(_small()), "score").table.set_index("region")
    assert table.loc["c", "estimate"] == pytest.approx(4.0)
    assert table.loc["c", "n"] == 1
    assert table.loc["a", "rest_estimate"] == pytest.approx((1 + 2 + 4) / 3)


@pytest.mark.parametrize(("kwargs", "code"), [
    ({"variable": "nope"}, "analysis.variable.unknown_column"),
    ({"variable": "heard"}, "analysis.variable.not_numeric"),
    ({"variable": "score", "region": "nope"}, "analysis.variable.unknown_column"),
    ({"variable": "score", "adjust": "bonferroni"}, "analysis.variable.bad_adjustment"),
    ({"variable": "score", "region": "one"}, "analysis.variable.single_category"),
])
def test_region_vs_rest__bad_input__raises_stable_codes(kwargs: dict, code: str) -> None:
    design = Design.from_frame(_small().assign(one="x"))
    with pytest.raises(VariableError) as err:
        region_vs_rest(design, **kwargs)
    assert err.value.code == code


def test_region_vs_rest__same_answer_everywhere__raises_constant() -> None:
    design = Design.from_frame(_small().assign(heard="yes"))
    with pytest.raises(VariableError) as err:
        region_vs_rest(design, "heard", category="yes")
    assert err.value.code == "analysis.variable.constant"


def test_region_vs_rest__one_psu_per_stratum_left__raises_no_degrees_of_freedom() -> None:
    frame = _small().assign(psu=[1, 1, 1, 2, 2, 3, 3, 3], stratum=[1, 1, 1, 2, 2, 3, 3, 3])
    with pytest.raises(DesignError) as err:
        region_vs_rest(Design.from_frame(frame, strata="stratum", psu="psu",
                                         lonely_psu="certainty"), "score")
    assert err.value.code == "analysis.design.no_degrees_of_freedom"


def test_holm__equals_statsmodels_multipletests_exactly() -> None:
    from statsmodels.stats.multitest import multipletests

    from analysis.regions import holm

    rng = np.random.default_rng(7)
    for size in (1, 2, 5, 20, 60):
        p = rng.uniform(0, 0.2, size) ** rng.uniform(0.5, 3)
        p[rng.integers(0, size)] = p[0]  # a tie
        expected = multipletests(p, method="holm")[1]
        assert holm(p).tolist() == expected.tolist()
