"""Summed index and Cronbach's alpha on hand-worked examples."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis import estimates
from analysis.design import Design
from analysis.errors import VariableError
from analysis.scales import cronbach_alpha, index_mean, summed_index


def test_summed_index__missing_item__row_missing_unless_min_answered() -> None:
    data = pd.DataFrame({"a": [1, 0, 1, np.nan], "b": [1, 1, np.nan, np.nan]})
    assert summed_index(data, ["a", "b"]).tolist()[:2] == [2.0, 1.0]
    assert summed_index(data, ["a", "b"]).isna().tolist() == [False, False, True, True]
    partial = summed_index(data, ["a", "b"], min_answered=1)
    assert partial.tolist()[:3] == [2.0, 1.0, 1.0] and np.isnan(partial.iloc[3])


def test_index_mean__design__equals_mean_of_the_summed_column() -> None:
    data = pd.DataFrame({"a": [1, 0, 1, 1], "b": [1, 1, 0, 1], "w": [1.0, 2.0, 3.0, 4.0]})
    design = Design.from_frame(data, weights="w")
    row = index_mean(design, ["a", "b"], name="aware").table.iloc[0]
    assert row["variable"] == "aware"
    assert row["estimate"] == pytest.approx((2 + 2 + 3 + 8) / 10)
    direct = estimates.mean(design.with_column("s", data["a"] + data["b"]), "s").table.iloc[0]
    assert row["se"] == pytest.approx(direct["se"], rel=1e-14)


def test_alpha__identical_items__one() -> None:
    data = pd.DataFrame({"a": [1, 2, 3, 5], "b": [1, 2, 3, 5], "c": [1, 2, 3, 5]})
    assert cronbach_alpha(data, ["a", "b", "c"]).alpha == pytest.approx(1.0, rel=1e-12)


def test_alpha__uncorrelated_equal_variance_items__zero() -> None:
    data = pd.DataFrame({"a": [0, 0, 1, 1], "b": [0, 1, 0, 1]})
    assert cronbach_alpha(data, ["a", "b"]).alpha == pytest.approx(0.0, abs=1e-12)


def test_alpha__three_items__hand_computed() -> None:
    # items a, b, c; sum = [3, 4, 8, 9]: var(sum) = 26 / 4 = 6.5 (population), item variances
    # a: [1,1,3,3] -> 1, b: [1,2,2,3] -> 0.5, c: [1,1,3,3] -> 1 => alpha = 1.5 * (1 - 2.5/9.25)
    data = pd.DataFrame({"a": [1, 1, 3, 3], "b": [1, 2, 2, 3], "c": [1, 1, 3, 3]})
    result = cronbach_alpha(data, ["a", "b", "c"])
    assert result.alpha == pytest.approx(1.5 * (1 - 2.5 / 6.5), rel=1e-12)
    assert result.n == 4 and result.n_items == 3
    assert result.items["item"].tolist() == ["a", "b", "c"]
    # dropping b leaves a and c identical
    assert result.items.set_index("item").loc["b", "alpha_if_dropped"] == pytest.approx(1.0)


def test_alpha__integer_weights__equal_unweighted_alpha_on_repeated_rows() -> None:
    data = pd.DataFrame({"a": [1, 2, 4, 5], "b": [2, 2, 5, 4], "c": [1, 3, 4, 4],
                         "w": [1, 3, 2, 1]})
    weighted = cronbach_alpha(data, ["a", "b", "c"], weights="w").alpha
    repeated = data.loc[data.index.repeat(data["w"])]
    assert weighted == pytest.approx(cronbach_alpha(repeated, ["a", "b", "c"]).alpha, rel=1e-12)


def test_alpha__incomplete_rows__listwise() -> None:
    data = pd.DataFrame({"a": [1, 1, 3, 3, np.nan], "b": [1, 2, 2, 3, 1], "c": [1, 1, 3, 3, 2]})
    assert cronbach_alpha(data, ["a", "b", "c"]).n == 4


@pytest.mark.parametrize(("items", "code"), [
    (["a"], "analysis.scale.too_few_items"),
    (["a", "zz"], "analysis.variable.unknown_column"),
    (["a", "t"], "analysis.variable.not_numeric"),
    (["k", "k"], "analysis.scale.no_variance"),
])
def test_alpha__bad_items__error_with_code(items: list[str], code: str) -> None:
    data = pd.DataFrame({"a": [1, 2, 3], "t": ["x", "y", "z"], "k": [1, 1, 1]})
    with pytest.raises(VariableError) as err:
        cronbach_alpha(data, items)
    assert err.value.code == code
